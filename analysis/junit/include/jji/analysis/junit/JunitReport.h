#ifndef JJI_ANALYSIS_JUNIT_JUNITREPORT_H
#define JJI_ANALYSIS_JUNIT_JUNITREPORT_H

#include "jji/analysis/model/Model.h"

#include <pugixml.hpp>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// Invalid XML: the parser's message and where it stopped.
class JunitParseError : public std::runtime_error
{
public:
    JunitParseError(const std::string& message, std::size_t line, std::size_t column)
        : std::runtime_error(message + " at line " + std::to_string(line) + ", column " + std::to_string(column))
    {
    }
};

/// A JUnit XML report as written by pytest, Surefire/Failsafe, GoogleTest, ctest,
/// node, jest-junit, go-junit-report and friends: <testsuites> or a bare <testsuite>,
/// nested suites, <failure>/<error> (message attribute, body or CDATA as stack trace),
/// <skipped>, a UTF-8 BOM. DOCTYPEs are skipped and entities never expanded, so
/// entity bombs are inert.
///
/// Test names join classname and name as "classname.name" (just name when classname
/// is empty), as the original service does. A failure without a message attribute
/// uses the first non-empty line of its body; an empty failure (ctest) takes its body
/// from the testcase's system-out/system-err.
class JunitReport
{
public:
    struct Counts
    {
        std::size_t tests = 0;
        std::size_t failing = 0; ///< failure or error
        std::size_t skipped = 0;
    };

    /// Parses a copy-free view of the text. Throws JunitParseError.
    static std::unique_ptr<JunitReport> parse(std::string xml);

    const std::vector<TestFailure>& failures() const { return _failures; }
    const Counts& counts() const { return _counts; }

    /// The report with each analysed failing testcase carrying the analysis as
    /// <property name="ai_..."> entries, a summary line in its suite's <system-out>,
    /// and report_url on the first testsuite when given. `analyses` is matched to
    /// failures by test name.
    std::string enriched(const std::vector<FailureAnalysis>& analyses, const std::string& reportUrl);

private:
    JunitReport() = default;

    std::string _buffer; ///< owned text pugixml parsed in place
    pugi::xml_document _doc;
    std::vector<TestFailure> _failures;
    std::vector<pugi::xml_node> _failingCases; ///< parallel to _failures
    std::vector<pugi::xml_node> _failingSuites; ///< nearest enclosing suite of each, parallel too
    Counts _counts;
};

} // namespace analysis
} // namespace jji

#endif
