#include "jji/test/SignatureUpgradeScenario.h"

#include "jji/analysis/signature/ErrorSignature.h"
#include "jji/analysis/signature/LegacyErrorSignature.h"
#include "jji/storage/CommentStore.h"
#include "jji/storage/FailureHistoryStore.h"
#include "jji/storage/Migrations.h"
#include "jji/storage/ResultStore.h"

#include <Poco/Data/Session.h>

#include <cppunit/TestAssert.h>

using namespace Poco::Data::Keywords;
using jji::analysis::ErrorSignature;
using jji::analysis::LegacyErrorSignature;
using jji::storage::Database;
using jji::storage::FailureHistoryStore;
using jji::storage::Migrations;

namespace jji {
namespace test {

namespace {

FailureHistoryStore::MessageSigner signer()
{
    return [](const std::string& message) {
        std::string text = ErrorSignature::normalize(message, "");
        return std::make_pair(ErrorSignature::hashText(text), text);
    };
}

void addJob(Database& db, const std::string& jobId)
{
    jji::storage::ResultRow row;
    row.jobId = jobId;
    row.status = "completed";
    row.resultJson = "{}";
    row.jobName = "shop";
    jji::storage::ResultStore(db).insert(row);
}

} // namespace

void checkSignatureUpgradeFromSchema8(Database& db)
{
    Migrations::applyUpTo(db, 8);
    addJob(db, "old-1");
    addJob(db, "old-2");

    // Two builds of one bug, signed by version 1 with their traces (identity hashes
    // differ, so version 1 split them), as schema 8 stored them: no trace, no text.
    const std::string trace1 = "java.lang.IllegalStateException: pool closed\n\tat com.acme.Pool$Lease@3a7f.borrow(Pool.java:90)\n";
    const std::string trace2 = "java.lang.IllegalStateException: pool closed\n\tat com.acme.Pool$Lease@91bc.borrow(Pool.java:91)\n";
    const std::string message = "pool closed";
    const std::string v1a = LegacyErrorSignature::compute(message, trace1);
    const std::string v1b = LegacyErrorSignature::compute(message, trace2);
    CPPUNIT_ASSERT(v1a != v1b);
    {
        auto s = db.session();
        for (auto [job, sig] : {std::make_pair(std::string("old-1"), v1a), std::make_pair(std::string("old-2"), v1b)}) {
            s << db.sql("INSERT INTO failure_history (job_id, job_name, build_number, test_name, error_message, error_signature, "
                        "classification, analyzed_at) VALUES (?, 'shop', 1, 'tests.PoolTest.borrows', ?, ?, 'CODE ISSUE', "
                        "'2026-11-01T10:00:00Z')"),
                useRef(job), useRef(message), useRef(sig), now;
            s << db.sql("INSERT INTO comments (job_id, test_name, comment, error_signature, username, created_at) "
                        "VALUES (?, 'tests.PoolTest.borrows', 'known pool bug', ?, 'alice', '2026-11-01T10:00:00Z')"),
                useRef(job), useRef(sig), now;
        }
    }

    Migrations::apply(db);
    CPPUNIT_ASSERT_EQUAL(Migrations::latestVersion(), Migrations::currentVersion(db));
    FailureHistoryStore history(db);
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), history.resignOlderRows(ErrorSignature::kVersion, signer()));
    CPPUNIT_ASSERT_EQUAL(std::size_t(0), history.resignOlderRows(ErrorSignature::kVersion, signer())); // once

    // Both rows now share one signature: the one their message gives on its own.
    const std::string provisional = ErrorSignature::compute(message, "");
    for (const char* job : {"old-1", "old-2"}) {
        auto rows = history.forJob(job);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), rows.size());
        CPPUNIT_ASSERT_EQUAL(provisional, rows[0].errorSignature);
        CPPUNIT_ASSERT_EQUAL(ErrorSignature::kVersion, rows[0].signatureVersion);
        CPPUNIT_ASSERT(rows[0].signatureText.find("message: pool closed") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::string(message), rows[0].errorMessage); // nothing lost
    }
    CPPUNIT_ASSERT_EQUAL(2LL, history.forSignature(provisional, "").occurrences);
    // A link made before the upgrade still finds its row.
    CPPUNIT_ASSERT_EQUAL(1LL, history.forSignature(v1a, "").occurrences);
    // Comments follow their rows.
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), jji::storage::CommentStore(db).forSignature(provisional, "none", 10).size());

    // A new build of the same bug, signed with its trace: the old rows and comments join it.
    addJob(db, "new-1");
    jji::storage::FailureHistoryRow row;
    row.jobId = "new-1";
    row.jobName = "shop";
    row.buildNumber = 2;
    row.testName = "tests.PoolTest.borrows";
    row.errorMessage = message;
    row.signatureText = ErrorSignature::normalize(message, trace1, row.testName);
    row.errorSignature = ErrorSignature::hashText(row.signatureText);
    row.signatureVersion = ErrorSignature::kVersion;
    row.messageOnlySignature = provisional;
    CPPUNIT_ASSERT(row.errorSignature != provisional);
    history.replaceForJob("new-1", {row});
    CPPUNIT_ASSERT_EQUAL(3LL, history.forSignature(row.errorSignature, "").occurrences);
    CPPUNIT_ASSERT_EQUAL(0LL, history.forSignature(provisional, "").occurrences);
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), jji::storage::CommentStore(db).forSignature(row.errorSignature, "new-1", 10).size());
    CPPUNIT_ASSERT_EQUAL(1LL, history.forSignature(v1b, "").occurrences);
}

} // namespace test
} // namespace jji
