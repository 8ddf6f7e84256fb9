#include "jji/storage/FailureHistoryStore.h"
#include "jji/storage/Migrations.h"
#include "jji/storage/ResultStore.h"
#include "jji/test/TempDir.h"

#include <cppunit/extensions/HelperMacros.h>

#include <Poco/String.h>

using jji::storage::Database;
using jji::storage::FailureHistoryRow;
using jji::storage::FailureHistoryStore;
using jji::storage::HistoryFilter;

/// History search, checked against a brute-force reading of the same rows: a term matching
/// few distinct texts (their ids written into the SQL) and one matching more than the
/// inline limit (found again in each statement) must count and page alike.
class FailureHistorySearchTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(FailureHistorySearchTest);
    CPPUNIT_TEST(narrowAndBroadTermsCountEveryMatchingRowOnce);
    CPPUNIT_TEST(pagesAreNewestFirstWithoutGapsOrRepeats);
    CPPUNIT_TEST(filtersCombineWithTheTerm);
    CPPUNIT_TEST_SUITE_END();

    static constexpr int kRows = 2100; // more distinct test names than the inline limit (2,000)

    std::unique_ptr<jji::test::TempDir> _dir;
    std::unique_ptr<Database> _db;
    std::vector<FailureHistoryRow> _rows;

    static bool contains(const std::string& text, const std::string& term)
    {
        return Poco::toLower(text).find(Poco::toLower(term)) != std::string::npos;
    }

    /// Ids are assigned in insertion order and every row has the same time, so newest first
    /// is the reverse of insertion.
    std::vector<std::string> expectedTests(const std::string& term, const std::string& classification = "") const
    {
        std::vector<std::string> out;
        for (auto it = _rows.rbegin(); it != _rows.rend(); ++it)
            if ((contains(it->testName, term) || contains(it->errorMessage, term) || contains(it->jobName, term)) &&
                (classification.empty() || it->classification == classification))
                out.push_back(it->testName);
        return out;
    }

    std::vector<std::string> testsOf(const jji::storage::HistoryPage& page) const
    {
        std::vector<std::string> out;
        for (const auto& r : page.rows)
            out.push_back(r.testName);
        return out;
    }

public:
    void setUp() override
    {
        _dir = std::make_unique<jji::test::TempDir>();
        _db = std::make_unique<Database>(Database::open(_dir->file("jji.db")));
        jji::storage::Migrations::apply(*_db);
        jji::storage::ResultRow result;
        result.jobId = "job-1";
        result.status = "completed";
        jji::storage::ResultStore(*_db).insert(result);
        _rows.clear();
        for (int i = 0; i < kRows; ++i) {
            FailureHistoryRow r;
            r.jobId = "job-1";
            r.jobName = i % 3 == 0 ? "team/Nightly" : "team/app";
            r.testName = "suite.case_" + std::to_string(i);
            // Even rows name their test in the message too: a row matching twice counts once.
            r.errorMessage = i % 2 == 0 ? "boom in CASE_" + std::to_string(i) : "network unreachable";
            r.errorSignature = "sig";
            r.classification = i % 5 == 0 ? "PRODUCT BUG" : "CODE ISSUE";
            _rows.push_back(r);
        }
        FailureHistoryStore(*_db).addAll(_rows);
    }

    void tearDown() override
    {
        _db.reset();
        _dir.reset();
    }

    void narrowAndBroadTermsCountEveryMatchingRowOnce()
    {
        FailureHistoryStore history(*_db);
        for (const std::string term : {"case_20", "Case_", "unreachable", "nightly", "1", "no such text"}) {
            HistoryFilter filter;
            filter.search = term;
            const auto page = history.search(filter, 50, 0);
            const auto expected = expectedTests(term);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(term, static_cast<long long>(expected.size()), page.total);
            const std::vector<std::string> firstPage(expected.begin(), expected.begin() + std::min<std::size_t>(50, expected.size()));
            CPPUNIT_ASSERT_MESSAGE(term, firstPage == testsOf(page));
        }
    }

    void pagesAreNewestFirstWithoutGapsOrRepeats()
    {
        FailureHistoryStore history(*_db);
        for (const std::string term : {"case_1", "case_"}) {
            HistoryFilter filter;
            filter.search = term;
            const auto expected = expectedTests(term);
            std::vector<std::string> walked;
            for (int offset = 0; offset < static_cast<int>(expected.size()); offset += 400) {
                const auto page = history.search(filter, 400, offset);
                const auto tests = testsOf(page);
                walked.insert(walked.end(), tests.begin(), tests.end());
            }
            CPPUNIT_ASSERT_EQUAL_MESSAGE(term, expected.size(), walked.size());
            CPPUNIT_ASSERT_MESSAGE(term, expected == walked);
        }
    }

    void filtersCombineWithTheTerm()
    {
        FailureHistoryStore history(*_db);
        for (const std::string term : {"case_2", "case_"}) {
            HistoryFilter filter;
            filter.search = term;
            filter.classification = "PRODUCT BUG";
            const auto page = history.search(filter, 1000, 0);
            const auto expected = expectedTests(term, "PRODUCT BUG");
            CPPUNIT_ASSERT_EQUAL_MESSAGE(term, static_cast<long long>(expected.size()), page.total);
            CPPUNIT_ASSERT_MESSAGE(term, expected == testsOf(page));
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(FailureHistorySearchTest);
