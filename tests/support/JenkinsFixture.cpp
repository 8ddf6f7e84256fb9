#include "jji/test/JenkinsFixture.h"

namespace jji {
namespace test {

std::string jenkinsCase(const std::string& className, const std::string& name, const std::string& status,
                        const std::string& details)
{
    return R"({"className":")" + className + R"(","name":")" + name + R"(","status":")" + status +
           R"(","errorDetails":")" + details + R"(","errorStackTrace":"at )" + className + R"x(.check(Test.java:12)"})x";
}

std::string jenkinsReport(const std::string& cases)
{
    return R"({"suites":[{"name":"suite","cases":[)" + cases + "]}]}";
}

std::string jenkinsBuild(int number, const std::string& result, const std::string& extra)
{
    return R"({"number":)" + std::to_string(number) + R"(,"building":false,"result":")" + result + R"(","duration":1000)" +
           extra + "}";
}

std::string jenkinsFailingBuilds(int builds)
{
    std::string entries;
    for (int n = 1; n <= builds; ++n)
        entries += std::string(n > 1 ? "," : "") + "\"app/" + std::to_string(n) + "\":{\"build\":" + jenkinsBuild(n, "FAILURE") +
                   ",\"testReport\":" +
                   jenkinsReport(jenkinsCase("t.Scale", "test_" + std::to_string(n), "FAILED", "AssertionError: expected 1 got 2")) +
                   "}";
    return R"({"user":"u","token":"t","builds":{)" + entries + "}}";
}

} // namespace test
} // namespace jji
