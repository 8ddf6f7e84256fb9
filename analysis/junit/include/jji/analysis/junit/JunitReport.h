#ifndef JJI_ANALYSIS_JUNIT_JUNITREPORT_H
#define JJI_ANALYSIS_JUNIT_JUNITREPORT_H

#include "jji/analysis/model/Model.h"

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace jji {
namespace analysis {

class Splicer; // edits spliced into a report's text (JunitEnrichment.cpp)

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
/// <skipped>, a UTF-8 BOM. Entity declarations are refused (no entity bomb can expand).
///
/// The text is read as a stream (expat), never as a tree: a report costs its text, its
/// failures and, when enriched, the output, so a 50 MB report stays under three times
/// its size. Control characters and invalid UTF-8, which test output often carries and
/// XML forbids, are replaced by '?' in place before parsing.
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

    /// Where an element sits in the text: its start tag, and its end tag unless it is
    /// self-closing. Enrichment splices new content at these offsets.
    struct ElementSpan
    {
        static constexpr std::size_t none = static_cast<std::size_t>(-1);
        std::size_t start = none;
        std::size_t tagLength = 0;
        std::size_t endTag = none; ///< none for <element/>
        bool present() const { return start != none; }
        bool selfClosing() const { return endTag == none; }
    };

    /// Takes the text (no copy) and keeps it for enrichment. Throws JunitParseError.
    static std::unique_ptr<JunitReport> parse(std::string xml);

    const std::vector<TestFailure>& failures() const { return _failures; }
    /// Moves the failures out (a large report's failures are not copied); enrichment
    /// still works, but failures() is empty afterwards.
    std::vector<TestFailure> takeFailures() { return std::move(_failures); }
    const Counts& counts() const { return _counts; }
    /// The name of the outermost named <testsuites>/<testsuite> ("" when none has one).
    const std::string& name() const { return _name; }

    /// The report with each analysed failing testcase carrying the analysis as
    /// <property name="ai_..."> entries, a summary line in its suite's <system-out>,
    /// and report_url on the first testsuite when given: the original text with these
    /// spliced in, everything else byte for byte. `analyses` is matched to failures by
    /// test name.
    std::string enriched(const std::vector<FailureAnalysis>& analyses, const std::string& reportUrl) const;

    /// The same, made in the report's own text (it grows within its spare capacity when
    /// that suffices, so a large report is never held twice); the report is spent.
    std::string releaseEnriched(const std::vector<FailureAnalysis>& analyses, const std::string& reportUrl);

    struct FailingCase
    {
        std::string testName;
        ElementSpan testcase;
        ElementSpan properties; ///< its own <properties>, if any
        std::size_t suite = ElementSpan::none; ///< nearest enclosing suite, index into suites
    };
    struct Suite
    {
        ElementSpan element;
        ElementSpan properties;
        ElementSpan systemOut;
    };

private:
    friend class JunitScanner;
    void collectEdits(Splicer& splicer, const std::vector<FailureAnalysis>& analyses, const std::string& reportUrl) const;
    JunitReport() = default;

    std::string _buffer; ///< the report's text, kept for enrichment
    std::vector<TestFailure> _failures;
    std::vector<FailingCase> _failingCases; ///< parallel to the failures as parsed
    std::vector<Suite> _suites;
    std::size_t _firstSuite = 0; ///< where report_url goes
    Counts _counts;
    std::string _name;
};

} // namespace analysis
} // namespace jji

#endif
