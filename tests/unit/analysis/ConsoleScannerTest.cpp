#include "jji/analysis/jenkins/ChildBuilds.h"
#include "jji/analysis/jenkins/ConsoleScanner.h"

#include <Poco/JSON/Parser.h>

#include <cppunit/extensions/HelperMacros.h>

using jji::analysis::ChildBuildRef;
using jji::analysis::ConsoleExcerpt;
using jji::analysis::ConsoleScanner;

class ConsoleScannerTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ConsoleScannerTest);
    CPPUNIT_TEST(errorLinesComeWithTheirContext);
    CPPUNIT_TEST(memoryStaysBoundedOnHugeLogs);
    CPPUNIT_TEST(chunkBoundariesDoNotSplitLines);
    CPPUNIT_TEST(childBuildsFromSubBuildsTriggeredBuildsAndConsole);
    CPPUNIT_TEST_SUITE_END();

    static ConsoleExcerpt scan(const std::string& text, std::size_t tail = 64, std::size_t maxError = 6000)
    {
        ConsoleScanner scanner(tail, maxError);
        scanner.feed(text.data(), text.size());
        return scanner.finish();
    }

    static jji::analysis::ChildBuildRef ref(const std::string& name, long long n) { return {name, n}; }

public:
    void errorLinesComeWithTheirContext()
    {
        ConsoleExcerpt e = scan("a\nb\nc\nd\n[ERROR] boom happened\ne\nf\ng\nh\ni\nTraceback (most recent call last):\nj\n");
        CPPUNIT_ASSERT_EQUAL(std::string("c\nd\n[ERROR] boom happened\ne\nf\n...\nh\ni\nTraceback (most recent call last):\nj\n"),
                             e.errorLines);
        CPPUNIT_ASSERT(e.forPrompt().find("Last lines of the console log:\n") != std::string::npos);
        // Words that merely contain the keywords do not match.
        CPPUNIT_ASSERT_EQUAL(std::string(), scan("terrorism\nfailsafe mode\nexceptional\n").errorLines);
    }

    void memoryStaysBoundedOnHugeLogs()
    {
        ConsoleScanner scanner(100, 500);
        const std::string line = "ERROR: the same failure again and again\n";
        for (int i = 0; i < 100000; ++i)
            scanner.feed(line.data(), line.size());
        const std::string last = "the end\n";
        scanner.feed(last.data(), last.size());
        ConsoleExcerpt e = scanner.finish();
        CPPUNIT_ASSERT(e.errorLines.size() <= 500 + 40);
        CPPUNIT_ASSERT(e.errorLines.find("[... more error lines omitted]") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::size_t(100), e.tail.size());
        CPPUNIT_ASSERT(e.tail.substr(e.tail.size() - 8) == "the end\n");
        CPPUNIT_ASSERT_EQUAL(line.size() * 100000 + last.size(), e.totalBytes);
    }

    void chunkBoundariesDoNotSplitLines()
    {
        const std::string text = "ok\nBuild folder \xC2\xBB child #12 completed: FAILURE\nfatal: bad thing\n";
        ConsoleScanner scanner(1000, 1000);
        for (char c : text)
            scanner.feed(&c, 1);
        ConsoleExcerpt e = scanner.finish();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), e.childBuildLines.size());
        CPPUNIT_ASSERT(e.errorLines.find("fatal: bad thing") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(text, e.tail);
        auto children = jji::analysis::failedChildrenFromConsole(e.childBuildLines);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), children.size());
        CPPUNIT_ASSERT(children[0] == ref("folder/child", 12));
    }

    void childBuildsFromSubBuildsTriggeredBuildsAndConsole()
    {
        auto parse = [](const std::string& json) { return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>(); };
        auto fromSub = jji::analysis::failedChildrenFromBuild(parse(
            R"({"subBuilds":[{"jobName":"a","buildNumber":3,"result":"FAILURE"},{"jobName":"b","buildNumber":4,"result":"SUCCESS"},)"
            R"({"jobName":"c","buildNumber":"5","result":"UNSTABLE"},{"jobName":"a","buildNumber":3,"result":"FAILURE"}]})"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), fromSub.size());
        CPPUNIT_ASSERT(fromSub[0] == ref("a", 3) && fromSub[1] == ref("c", 5));

        auto fromActions = jji::analysis::failedChildrenFromBuild(parse(
            R"({"actions":[null,{"_class":"x"},{"triggeredBuilds":[{"number":9,"result":"FAILURE","url":"https://ci/job/f/job/g/9/"},)"
            R"({"number":2,"result":"SUCCESS","url":"https://ci/job/h/2/"},{"jobName":"named","number":1,"result":"UNSTABLE"}]}]})"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), fromActions.size());
        CPPUNIT_ASSERT(fromActions[0] == ref("f/g", 9) && fromActions[1] == ref("named", 1));

        CPPUNIT_ASSERT(jji::analysis::childFromBuildUrl("not a url at all") == ref("", 0));
        CPPUNIT_ASSERT(jji::analysis::failedChildrenFromBuild(parse("{}")).empty());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ConsoleScannerTest);
