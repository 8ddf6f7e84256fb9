#include "jji/analysis/junit/JunitReport.h"
#include "jji/test/ServerProcess.h"
#include "jji/test/TempDir.h"

#include <cppunit/extensions/HelperMacros.h>

#include <chrono>

using jji::analysis::FailureAnalysis;
using jji::analysis::JunitParseError;
using jji::analysis::JunitReport;

namespace {

std::string sample(const std::string& name)
{
    return jji::test::readFile(jji::test::dataDir() + "/junit/" + name);
}

int occurrences(const std::string& text, const std::string& needle)
{
    int n = 0;
    for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1))
        ++n;
    return n;
}

} // namespace

class JunitReportTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(JunitReportTest);
    CPPUNIT_TEST(everySampleHasTheDocumentedCounts);
    CPPUNIT_TEST(testNamesJoinClassnameAndName);
    CPPUNIT_TEST(messageFallsBackToFirstBodyLine);
    CPPUNIT_TEST(errorElementsAndCdataBodies);
    CPPUNIT_TEST(bomAndNonAsciiSurvive);
    CPPUNIT_TEST(malformedXmlReportsLineAndColumn);
    CPPUNIT_TEST(wrongRootIsRejected);
    CPPUNIT_TEST(doctypeEntitiesAreNeverExpanded);
    CPPUNIT_TEST(enrichmentAddsPropertiesAndKeepsTheRest);
    CPPUNIT_TEST(deepNestingStaysLinear);
    CPPUNIT_TEST(enrichmentSplicesIntoTheOriginalText);
    CPPUNIT_TEST(forbiddenCharactersAreRepairedNotRefused);
    CPPUNIT_TEST_SUITE_END();

public:
    void everySampleHasTheDocumentedCounts()
    {
        struct Expected { const char* file; std::size_t tests, failing, skipped; };
        const Expected expected[] = {
            {"pytest.xml", 7, 4, 1},  {"surefire.xml", 6, 3, 1}, {"failsafe.xml", 5, 2, 1},
            {"gtest.xml", 8, 3, 1},   {"ctest.xml", 6, 2, 2},    {"node.xml", 8, 3, 2},
            {"jest.xml", 9, 5, 1},    {"go-junit-report.xml", 6, 3, 1}, {"bom.xml", 5, 2, 1},
            {"nested.xml", 6, 2, 1},  {"no-failures.xml", 3, 0, 0},
        };
        for (const auto& e : expected) {
            auto report = JunitReport::parse(sample(e.file));
            CPPUNIT_ASSERT_EQUAL_MESSAGE(e.file, e.tests, report->counts().tests);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(e.file, e.failing, report->counts().failing);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(e.file, e.skipped, report->counts().skipped);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(e.file, e.failing, report->failures().size());
            for (const auto& f : report->failures()) {
                CPPUNIT_ASSERT_MESSAGE(e.file, !f.testName.empty());
                CPPUNIT_ASSERT_MESSAGE(std::string(e.file) + " " + f.testName, !f.errorMessage.empty());
            }
        }
    }

    void testNamesJoinClassnameAndName()
    {
        auto surefire = JunitReport::parse(sample("surefire.xml"));
        CPPUNIT_ASSERT_EQUAL(std::string("com.example.billing.InvoiceCalculatorTest.discountNeverExceedsTotal"),
                             surefire->failures()[0].testName);
        auto gtest = JunitReport::parse(sample("gtest.xml"));
        CPPUNIT_ASSERT_EQUAL(std::string("RingBufferTest.CapacityIsRespected"), gtest->failures()[0].testName);
        auto nested = JunitReport::parse(sample("nested.xml"));
        bool found = false;
        for (const auto& f : nested->failures())
            found = found || f.testName == "App.Tests.TaxCalculatorTest.testRates with data set \"austria\"";
        CPPUNIT_ASSERT(found);
        auto bare = JunitReport::parse("<testsuite><testcase name=\"lonely\"><failure message=\"m\"/></testcase></testsuite>");
        CPPUNIT_ASSERT_EQUAL(std::string("lonely"), bare->failures()[0].testName);
    }

    void messageFallsBackToFirstBodyLine()
    {
        auto report = JunitReport::parse("<testsuite><testcase classname=\"c\" name=\"n\"><failure>\n\n  first real line\nsecond\n"
                                         "</failure></testcase></testsuite>");
        CPPUNIT_ASSERT_EQUAL(std::string("first real line"), report->failures()[0].errorMessage);
        auto jest = JunitReport::parse(sample("jest.xml"));
        for (const auto& f : jest->failures())
            CPPUNIT_ASSERT(f.errorMessage.find('\n') == std::string::npos);
    }

    void errorElementsAndCdataBodies()
    {
        auto report = JunitReport::parse(
            "<testsuites><testsuite><testsuite><testcase classname=\"a\" name=\"b\" time=\"1.5\">"
            "<error message=\"NPE\" type=\"java.lang.NullPointerException\"><![CDATA[at X.y(X.java:1)\n<not xml>]]></error>"
            "<system-out>log</system-out></testcase></testsuite></testsuite></testsuites>");
        const auto& f = report->failures()[0];
        CPPUNIT_ASSERT_EQUAL(std::string("NPE"), f.errorMessage);
        CPPUNIT_ASSERT_EQUAL(std::string("at X.y(X.java:1)\n<not xml>"), f.stackTrace);
        CPPUNIT_ASSERT_EQUAL(std::string("ERROR"), f.status);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(1.5, f.duration, 1e-9);
    }

    void bomAndNonAsciiSurvive()
    {
        std::string xml = sample("bom.xml");
        CPPUNIT_ASSERT_EQUAL(std::string("\xEF\xBB\xBF"), xml.substr(0, 3));
        auto report = JunitReport::parse(xml);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), report->failures().size());
        bool umlaut = false;
        for (const auto& f : report->failures())
            umlaut = umlaut || f.testName.find("\xC3\x9C") != std::string::npos; // Ü
        CPPUNIT_ASSERT(umlaut);
    }

    void malformedXmlReportsLineAndColumn()
    {
        try {
            JunitReport::parse("<testsuite>\n<testcase name=\"a\">\n</testsuite>");
            CPPUNIT_FAIL("malformed XML must throw");
        } catch (const JunitParseError& e) {
            std::string message = e.what();
            CPPUNIT_ASSERT_MESSAGE(message, message.find("line 3") != std::string::npos);
            CPPUNIT_ASSERT_MESSAGE(message, message.find("column") != std::string::npos);
        }
        CPPUNIT_ASSERT_THROW(JunitReport::parse(""), JunitParseError);
    }

    void wrongRootIsRejected()
    {
        CPPUNIT_ASSERT_THROW(JunitReport::parse("<html/>"), JunitParseError);
    }

    void doctypeEntitiesAreNeverExpanded()
    {
        std::string xml = "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                          "<testsuite><testcase name=\"t\"><failure message=\"&b;\">&b;</failure></testcase></testsuite>";
        try {
            JunitReport::parse(xml);
            CPPUNIT_FAIL("entity declarations must be refused");
        } catch (const JunitParseError& e) {
            CPPUNIT_ASSERT_MESSAGE(e.what(), std::string(e.what()).find("entity declarations are not allowed") != std::string::npos);
        }
        // A DOCTYPE without entities is read as any other report.
        auto plain = JunitReport::parse("<!DOCTYPE testsuite><testsuite><testcase name=\"t\"><failure message=\"m\"/></testcase></testsuite>");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), plain->failures().size());
    }

    void enrichmentAddsPropertiesAndKeepsTheRest()
    {
        std::string xml = sample("surefire.xml");
        auto report = JunitReport::parse(xml);
        std::vector<FailureAnalysis> analyses;
        for (const auto& f : report->failures()) {
            FailureAnalysis a;
            a.testName = f.testName;
            a.error = f.errorMessage;
            a.errorSignature = "sig";
            a.analysis.classification = "CODE ISSUE";
            a.analysis.details = "details <&> \"quoted\"";
            auto fix = std::make_shared<jji::analysis::CodeFix>();
            fix->file = "src/A.java";
            fix->line = "12";
            fix->change = "fix it";
            a.analysis.codeFix = fix;
            analyses.push_back(a);
        }
        analyses.back().analysis.codeFix.reset();
        analyses.back().analysis.classification = "PRODUCT BUG";
        analyses.back().analysis.productBugReport = std::make_shared<const jji::analysis::ProductBugReport>(jji::analysis::ProductBugReport{
            "Title", "high", "billing", "d", "e", {"k"},
            {{"BILL-7", "Totals off by a cent", "Open", "Major", "https://jira/BILL-7", 0.85}, {"BILL-9", "", "", "", "", 1.0}}});
        analyses.back().analysis.affectedTests = {"a.T.one", "a.T.two"};
        std::string enriched = report->enriched(analyses, "https://jji/results/x.html");
        // The original's properties: the affected tests and each Jira match, score as Python prints it.
        CPPUNIT_ASSERT_EQUAL(1, occurrences(enriched, "name=\"ai_affected_tests\" value=\"a.T.one, a.T.two\""));
        CPPUNIT_ASSERT_EQUAL(1, occurrences(enriched, "name=\"ai_jira_match_0_key\" value=\"BILL-7\""));
        CPPUNIT_ASSERT_EQUAL(1, occurrences(enriched, "name=\"ai_jira_match_0_summary\" value=\"Totals off by a cent\""));
        CPPUNIT_ASSERT_EQUAL(1, occurrences(enriched, "name=\"ai_jira_match_0_url\" value=\"https://jira/BILL-7\""));
        CPPUNIT_ASSERT_EQUAL(1, occurrences(enriched, "name=\"ai_jira_match_0_score\" value=\"0.85\""));
        CPPUNIT_ASSERT_EQUAL(1, occurrences(enriched, "name=\"ai_jira_match_1_score\" value=\"1.0\""));
        CPPUNIT_ASSERT_EQUAL(0, occurrences(enriched, "ai_jira_match_1_summary")); // empty values are left out
        CPPUNIT_ASSERT_EQUAL(3, occurrences(enriched, "name=\"ai_classification\""));
        CPPUNIT_ASSERT_EQUAL(2, occurrences(enriched, "name=\"ai_code_fix_file\" value=\"src/A.java\""));
        CPPUNIT_ASSERT_EQUAL(1, occurrences(enriched, "name=\"ai_bug_title\" value=\"Title\""));
        CPPUNIT_ASSERT_EQUAL(1, occurrences(enriched, "name=\"report_url\" value=\"https://jji/results/x.html\""));
        CPPUNIT_ASSERT(enriched.find("details &lt;&amp;> &quot;quoted&quot;") != std::string::npos);
        CPPUNIT_ASSERT(enriched.find("Job Insight AI analysis: 3 failure(s): 2 CODE ISSUE, 1 PRODUCT BUG") != std::string::npos);
        // The enriched report is still a report with the same tests.
        auto again = JunitReport::parse(enriched);
        CPPUNIT_ASSERT_EQUAL(report->counts().tests, again->counts().tests);
        CPPUNIT_ASSERT_EQUAL(report->counts().failing, again->counts().failing);
        CPPUNIT_ASSERT_EQUAL(report->failures()[0].stackTrace, again->failures()[0].stackTrace);
    }

    void deepNestingStaysLinear()
    {
        // 200,000 nested elements with 20,000 failing testcases at the bottom.
        std::string xml = "<testsuites><testsuite name=\"deep\">";
        for (int i = 0; i < 200000; ++i)
            xml += "<a>";
        for (int i = 0; i < 20000; ++i)
            xml += "<testcase name=\"t" + std::to_string(i) + "\"><failure message=\"m\"/></testcase>";
        for (int i = 0; i < 200000; ++i)
            xml += "</a>";
        xml += "</testsuite></testsuites>";
        auto began = std::chrono::steady_clock::now();
        auto report = JunitReport::parse(xml);
        std::vector<FailureAnalysis> analyses;
        for (const auto& f : report->failures())
            analyses.push_back({f.testName, f.errorMessage, {}, "sig", "", nullptr, {}});
        std::string enriched = report->enriched(analyses, "");
        CPPUNIT_ASSERT_EQUAL(std::size_t(20000), report->failures().size());
        CPPUNIT_ASSERT(enriched.find("Job Insight AI analysis: 20000 failure(s)") != std::string::npos);
        CPPUNIT_ASSERT(std::chrono::steady_clock::now() - began < std::chrono::seconds(20));
    }

    void enrichmentSplicesIntoTheOriginalText()
    {
        // Existing <properties> are extended, a suite's <system-out> gets a line of its own,
        // <system-out/> is opened, and every other byte (spacing, quotes, comments) is kept.
        const std::string xml = "<?xml version='1.0'?>\n<testsuites>\n"
                                "  <testsuite name='a'>\n"
                                "    <testcase name='t1'><properties><property name='k' value='v'/></properties>"
                                "<failure message='boom'/></testcase>\n"
                                "    <!-- kept -->\n"
                                "    <system-out>suite log</system-out>\n"
                                "  </testsuite>\n"
                                "  <testsuite name='b'><testcase name='t2'><error/></testcase><system-out/></testsuite>\n"
                                "</testsuites>\n";
        auto report = JunitReport::parse(xml);
        std::vector<FailureAnalysis> analyses;
        for (const auto& f : report->failures())
            analyses.push_back({f.testName, f.errorMessage, {}, "sig", "", nullptr, {}});
        analyses[0].analysis.classification = "CODE ISSUE";
        analyses[0].analysis.details = "line1\nline2 & <tag>";
        analyses[1].analysis.classification = "PRODUCT BUG";
        const std::string props1 = "<property name=\"ai_classification\" value=\"CODE ISSUE\"/>"
                                   "<property name=\"ai_details\" value=\"line1&#10;line2 &amp; &lt;tag>\"/>"
                                   "<property name=\"ai_error_signature\" value=\"sig\"/>";
        const std::string props2 = "<property name=\"ai_classification\" value=\"PRODUCT BUG\"/>"
                                   "<property name=\"ai_details\" value=\"\"/>"
                                   "<property name=\"ai_error_signature\" value=\"sig\"/>";
        const std::string expected = "<?xml version='1.0'?>\n<testsuites>\n"
                                     "  <testsuite name='a'><properties><property name=\"report_url\" value=\"http://r/x\"/></properties>\n"
                                     "    <testcase name='t1'><properties><property name='k' value='v'/>" + props1 + "</properties>"
                                     "<failure message='boom'/></testcase>\n"
                                     "    <!-- kept -->\n"
                                     "    <system-out>suite log\nJob Insight AI analysis: 1 failure(s): 1 CODE ISSUE</system-out>\n"
                                     "  </testsuite>\n"
                                     "  <testsuite name='b'><testcase name='t2'><properties>" + props2 + "</properties><error/></testcase>"
                                     "<system-out>Job Insight AI analysis: 1 failure(s): 1 PRODUCT BUG</system-out></testsuite>\n"
                                     "</testsuites>\n";
        CPPUNIT_ASSERT_EQUAL(expected, report->enriched(analyses, "http://r/x"));
        // The in-place variant gives the same text, from the report's own buffer.
        CPPUNIT_ASSERT_EQUAL(expected, report->releaseEnriched(analyses, "http://r/x"));

        // A bare self-closing root still gets report_url.
        auto empty = JunitReport::parse("<testsuite name=\"e\" tests=\"0\"/>");
        CPPUNIT_ASSERT_EQUAL(std::string("<testsuite name=\"e\" tests=\"0\"><properties><property name=\"report_url\" value=\"u\"/>"
                                         "</properties></testsuite>"),
                             empty->enriched({}, "u"));
    }

    void forbiddenCharactersAreRepairedNotRefused()
    {
        // Raw ANSI escapes and invalid UTF-8 in test output are common; XML forbids both.
        std::string xml = "<testsuite><testcase name=\"t\"><failure message=\"red \x1b[31mX\x1b[0m\">"
                          "bytes \xff\xfe and \xc3\xa9 kept</failure></testcase></testsuite>";
        auto report = JunitReport::parse(xml);
        const auto& f = report->failures().at(0);
        CPPUNIT_ASSERT_EQUAL(std::string("red ?[31mX?[0m"), f.errorMessage);
        CPPUNIT_ASSERT_EQUAL(std::string("bytes ?? and \xc3\xa9 kept"), f.stackTrace);
        // The enriched report is valid XML again.
        auto again = JunitReport::parse(report->enriched({}, ""));
        CPPUNIT_ASSERT_EQUAL(f.stackTrace, again->failures().at(0).stackTrace);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(JunitReportTest);
