#include "jji/analysis/junit/JunitReport.h"

#include "XmlText.h"

#include <Poco/String.h>

#include <expat.h>

#include <cstdlib>
#include <cstring>
#include <sstream>

namespace jji {
namespace analysis {

namespace {

std::string firstNonEmptyLine(const std::string& text)
{
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        std::string trimmed = Poco::trim(line);
        if (!trimmed.empty())
            return trimmed;
    }
    return "";
}

const char* attribute(const XML_Char** attributes, const char* name)
{
    for (std::size_t i = 0; attributes[i]; i += 2)
        if (std::strcmp(attributes[i], name) == 0)
            return attributes[i + 1];
    return "";
}

std::string testNameOf(const XML_Char** attributes)
{
    std::string classname = attribute(attributes, "classname");
    std::string name = attribute(attributes, "name");
    if (classname.empty())
        return name;
    if (name.empty())
        return classname;
    return classname + "." + name;
}

/// Elements are parsed in chunks so that expat's own buffer stays small.
constexpr std::size_t chunkBytes = 1 << 20;

} // namespace

/// Reads the report as a stream of expat events and fills a JunitReport: the failures,
/// and where each failing testcase and each suite sits in the text.
class JunitScanner
{
public:
    explicit JunitScanner(JunitReport& report) : _report(report) {}

    void scan()
    {
        std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser(XML_ParserCreate("UTF-8"), &XML_ParserFree);
        if (!parser)
            throw std::bad_alloc();
        _parser = parser.get();
        XML_SetUserData(_parser, this);
        XML_SetElementHandler(_parser, &JunitScanner::onStart, &JunitScanner::onEnd);
        XML_SetCharacterDataHandler(_parser, &JunitScanner::onText);
        XML_SetEntityDeclHandler(_parser, &JunitScanner::onEntityDeclaration);

        const std::string& text = _report._buffer;
        std::size_t offset = 0;
        do {
            const std::size_t length = std::min(chunkBytes, text.size() - offset);
            const bool last = offset + length == text.size();
            if (XML_Parse(_parser, text.data() + offset, static_cast<int>(length), last) != XML_STATUS_OK)
                fail();
            offset += length;
        } while (offset < text.size());
        if (text.empty() && XML_Parse(_parser, "", 0, 1) != XML_STATUS_OK)
            fail();
    }

private:
    enum class Kind { Suite, Case, Failure, CaseOut, CaseErr, CaseProperties, SuiteOut, SuiteProperties, Other };
    struct Open
    {
        Kind kind;
        std::size_t index; ///< suite index for suite kinds
        std::size_t suite; ///< nearest suite at or above it: no walk up a deep report per testcase
    };
    struct OpenCase
    {
        JunitReport::FailingCase place;
        TestFailure failure;
        bool failed = false;
        bool sawOut = false, sawErr = false;
        std::string type, out, err;
    };

    [[noreturn]] void fail()
    {
        const std::size_t line = XML_GetCurrentLineNumber(_parser);
        const std::size_t column = XML_GetCurrentColumnNumber(_parser) + 1;
        if (!_refusal.empty())
            throw JunitParseError(_refusal, line, column);
        throw JunitParseError(std::string("Invalid XML: ") + XML_ErrorString(XML_GetErrorCode(_parser)), line, column);
    }

    void refuse(const std::string& why)
    {
        _refusal = why;
        XML_StopParser(_parser, XML_FALSE);
    }

    JunitReport::ElementSpan here() const
    {
        JunitReport::ElementSpan span;
        span.start = static_cast<std::size_t>(XML_GetCurrentByteIndex(_parser));
        span.tagLength = static_cast<std::size_t>(XML_GetCurrentByteCount(_parser));
        return span;
    }

    std::size_t nearestSuite() const { return _open.empty() ? JunitReport::ElementSpan::none : _open.back().suite; }

    void push(Kind kind, std::size_t index)
    {
        _open.push_back({kind, index, kind == Kind::Suite ? index : nearestSuite()});
    }

    Kind caseChild(const std::string& name, const XML_Char** attributes)
    {
        OpenCase& c = _cases.back();
        if (name == "skipped") {
            ++_report._counts.skipped;
            return Kind::Other;
        }
        if ((name == "failure" || name == "error") && !c.failed) {
            c.failed = true;
            c.failure.status = name == "error" ? "ERROR" : "FAILED";
            c.failure.errorMessage = attribute(attributes, "message");
            c.type = attribute(attributes, "type");
            return Kind::Failure;
        }
        if (name == "properties" && !c.place.properties.present()) {
            c.place.properties = here();
            return Kind::CaseProperties;
        }
        if (name == "system-out" && !c.sawOut) {
            c.sawOut = true;
            return Kind::CaseOut;
        }
        if (name == "system-err" && !c.sawErr) {
            c.sawErr = true;
            return Kind::CaseErr;
        }
        return Kind::Other;
    }

    Kind suiteChild(const std::string& name, std::size_t suite)
    {
        JunitReport::Suite& s = _report._suites[suite];
        if (name == "system-out" && !s.systemOut.present()) {
            s.systemOut = here();
            return Kind::SuiteOut;
        }
        if (name == "properties" && !s.properties.present()) {
            s.properties = here();
            return Kind::SuiteProperties;
        }
        return Kind::Other;
    }

    void start(const std::string& name, const XML_Char** attributes)
    {
        if (!_refusal.empty())
            return;
        if (_open.empty() && name != "testsuites" && name != "testsuite")
            return refuse("Invalid JUnit XML: root element is <" + name + ">, expected <testsuites> or <testsuite>");
        if (name == "testsuite" || name == "testsuites") {
            const std::size_t index = _report._suites.size();
            _report._suites.push_back({here(), {}, {}});
            if (_report._name.empty()) // the outermost named suite names the report
                _report._name = attribute(attributes, "name");
            // report_url goes on a root <testsuite>, else on the root's first <testsuite>.
            if (!_firstSuiteChosen && index > 0 && _open.size() == 1 && name == "testsuite") {
                _report._firstSuite = index;
                _firstSuiteChosen = true;
            }
            if (index == 0 && name == "testsuite")
                _firstSuiteChosen = true;
            push(Kind::Suite, index);
            return;
        }
        if (name == "testcase") {
            ++_report._counts.tests;
            OpenCase c;
            c.place.testName = testNameOf(attributes);
            c.place.testcase = here();
            c.place.suite = nearestSuite();
            c.failure.testName = c.place.testName;
            c.failure.duration = std::strtod(attribute(attributes, "time"), nullptr);
            _cases.push_back(std::move(c));
            push(Kind::Case, 0);
            return;
        }
        Kind kind = Kind::Other;
        if (!_open.empty() && _open.back().kind == Kind::Case)
            kind = caseChild(name, attributes);
        else if (!_open.empty() && _open.back().kind == Kind::Suite)
            kind = suiteChild(name, _open.back().index);
        push(kind, _open.empty() ? 0 : _open.back().index);
    }

    void end()
    {
        if (_open.empty()) // the root was refused; expat still reports the end of <root/>
            return;
        const Open open = _open.back();
        _open.pop_back();
        const std::size_t endTag = XML_GetCurrentByteCount(_parser) == 0 ? JunitReport::ElementSpan::none
                                                                          : static_cast<std::size_t>(XML_GetCurrentByteIndex(_parser));
        switch (open.kind) {
        case Kind::Suite: _report._suites[open.index].element.endTag = endTag; break;
        case Kind::SuiteOut: _report._suites[open.index].systemOut.endTag = endTag; break;
        case Kind::SuiteProperties: _report._suites[open.index].properties.endTag = endTag; break;
        case Kind::CaseProperties: _cases.back().place.properties.endTag = endTag; break;
        case Kind::Case: finishCase(endTag); break;
        default: break;
        }
    }

    void finishCase(std::size_t endTag)
    {
        OpenCase c = std::move(_cases.back());
        _cases.pop_back();
        c.place.testcase.endTag = endTag;
        if (!c.failed)
            return;
        ++_report._counts.failing;
        TestFailure& f = c.failure;
        if (Poco::trim(f.stackTrace).empty()) // ctest and some others leave the failure empty and put the output beside it
            f.stackTrace = c.out + c.err;
        if (Poco::trim(f.errorMessage).empty())
            f.errorMessage = firstNonEmptyLine(f.stackTrace);
        if (f.errorMessage.empty())
            f.errorMessage = c.type;
        if (f.errorMessage.empty())
            f.errorMessage = f.status == "ERROR" ? "Test error (no message)" : "Test failed (no message)";
        f.stackTrace.shrink_to_fit(); // appended piecewise: drop the growth slack of thousands of traces
        _report._failures.push_back(std::move(f));
        _report._failingCases.push_back(std::move(c.place));
    }

    void text(const char* data, int length)
    {
        if (_open.empty() || _cases.empty())
            return;
        OpenCase& c = _cases.back();
        switch (_open.back().kind) {
        case Kind::Failure: c.failure.stackTrace.append(data, static_cast<std::size_t>(length)); break;
        case Kind::CaseOut: c.out.append(data, static_cast<std::size_t>(length)); break;
        case Kind::CaseErr: c.err.append(data, static_cast<std::size_t>(length)); break;
        default: break;
        }
    }

    static void XMLCALL onStart(void* self, const XML_Char* name, const XML_Char** attributes)
    {
        static_cast<JunitScanner*>(self)->start(name, attributes);
    }
    static void XMLCALL onEnd(void* self, const XML_Char*) { static_cast<JunitScanner*>(self)->end(); }
    static void XMLCALL onText(void* self, const XML_Char* data, int length) { static_cast<JunitScanner*>(self)->text(data, length); }
    static void XMLCALL onEntityDeclaration(void* self, const XML_Char*, int, const XML_Char*, int, const XML_Char*,
                                            const XML_Char*, const XML_Char*, const XML_Char*)
    {
        static_cast<JunitScanner*>(self)->refuse("Invalid JUnit XML: entity declarations are not allowed");
    }

    JunitReport& _report;
    XML_Parser _parser = nullptr;
    std::vector<Open> _open;
    std::vector<OpenCase> _cases; ///< open testcases, innermost last
    bool _firstSuiteChosen = false;
    std::string _refusal;
};

std::unique_ptr<JunitReport> JunitReport::parse(std::string xml)
{
    std::unique_ptr<JunitReport> report(new JunitReport);
    report->_buffer = std::move(xml);
    xmltext::repairInPlace(report->_buffer);
    JunitScanner(*report).scan();
    return report;
}

} // namespace analysis
} // namespace jji
