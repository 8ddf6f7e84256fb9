#include "jji/analysis/signature/ErrorSignature.h"
#include "jji/analysis/signature/LegacyErrorSignature.h"
#include "jji/test/SignatureCorpus.h"

#include <cppunit/extensions/HelperMacros.h>

using jji::analysis::ErrorSignature;
using jji::analysis::LegacyErrorSignature;
using jji::analysis::TestFailure;
using namespace jji::test;

/// The labelled reports of real runners (tests/data/signatures) and the generated report:
/// no signature may hold two root causes, and grouping must not fall behind version 1.
/// tests/bench/SignatureCorpusBench prints the full figures.
class SignatureCorpusTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(SignatureCorpusTest);
    CPPUNIT_TEST(corpusHasNoFalseMergesAndFewerCallsThanVersion1);
    CPPUNIT_TEST(holdoutIsLabelledAndNotWorseThanVersion1);
    CPPUNIT_TEST(generatedReportGivesOneSignaturePerCause);
    CPPUNIT_TEST_SUITE_END();

    static std::string v1(const TestFailure& f) { return LegacyErrorSignature::compute(f.errorMessage, f.stackTrace); }

public:
    void corpusHasNoFalseMergesAndFewerCallsThanVersion1()
    {
        auto reports = loadCorpus(signatureCorpusDir());
        CPPUNIT_ASSERT(reports.size() >= 6);
        CorpusScore now, before;
        for (const auto& report : reports) {
            CorpusScore score = scoreCurrent(report);
            std::string problems;
            for (const auto& p : score.problems)
                problems += p + "\n";
            CPPUNIT_ASSERT_EQUAL_MESSAGE(report.name + "\n" + problems, std::size_t(0), score.mergingSignatures);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(report.name + "\n" + problems, std::size_t(0), score.unlabelled);
            CPPUNIT_ASSERT_MESSAGE(report.name, score.families >= 3);
            now += score;
            before += scoreReport(report, v1);
        }
        CPPUNIT_ASSERT_MESSAGE(std::to_string(now.signatures) + " vs " + std::to_string(before.signatures),
                               now.signatures * 5 <= before.signatures * 4); // at least a fifth fewer AI calls
    }

    void holdoutIsLabelledAndNotWorseThanVersion1()
    {
        auto reports = loadCorpus(signatureHoldoutDir());
        CPPUNIT_ASSERT(reports.size() >= 4);
        CorpusScore now, before;
        for (const auto& report : reports) {
            now += scoreCurrent(report);
            before += scoreReport(report, v1);
        }
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), now.unlabelled);
        CPPUNIT_ASSERT(now.signatures < before.signatures);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), now.mergingSignatures); // unseen reports: two bugs are never one
    }

    void generatedReportGivesOneSignaturePerCause()
    {
        std::string xml;
        LabelledReport report = generatedReport(20000, 600, xml);
        CorpusScore score = scoreCurrent(report);
        CPPUNIT_ASSERT_EQUAL(std::size_t(600), score.failing);
        CPPUNIT_ASSERT_EQUAL(std::size_t(12), score.families);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(score.problems.empty() ? "" : score.problems.front(), std::size_t(12), score.signatures);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), score.mergingSignatures);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SignatureCorpusTest);
