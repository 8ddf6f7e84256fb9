#include "jji/analysis/junit/JunitReport.h"

#include <Poco/String.h>

#include <map>
#include <sstream>

namespace jji {
namespace analysis {

namespace {

std::pair<std::size_t, std::size_t> lineAndColumn(const std::string& text, std::ptrdiff_t offset)
{
    std::size_t line = 1, column = 1;
    std::size_t end = std::min(text.size(), static_cast<std::size_t>(std::max<std::ptrdiff_t>(offset, 0)));
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

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

/// The body of a <failure>/<error>: text and CDATA children concatenated.
std::string bodyText(const pugi::xml_node& node)
{
    std::string text;
    for (pugi::xml_node child : node.children())
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata)
            text += child.value();
    return text;
}

std::string testNameOf(const pugi::xml_node& testcase)
{
    std::string classname = testcase.attribute("classname").value();
    std::string name = testcase.attribute("name").value();
    if (classname.empty())
        return name;
    if (name.empty())
        return classname;
    return classname + "." + name;
}

pugi::xml_node failureElement(const pugi::xml_node& testcase)
{
    for (pugi::xml_node child : testcase.children()) {
        std::string tag = child.name();
        if (tag == "failure" || tag == "error")
            return child;
    }
    return {};
}

pugi::xml_node propertiesOf(pugi::xml_node node)
{
    pugi::xml_node properties = node.child("properties");
    if (!properties)
        properties = node.prepend_child("properties");
    return properties;
}

void addProperty(pugi::xml_node properties, const std::string& name, const std::string& value)
{
    pugi::xml_node property = properties.append_child("property");
    property.append_attribute("name") = name.c_str();
    property.append_attribute("value") = value.c_str();
}

std::string join(const std::vector<std::string>& items, const std::string& separator)
{
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : separator) + item;
    return out;
}

void annotate(pugi::xml_node testcase, const FailureAnalysis& f)
{
    pugi::xml_node properties = propertiesOf(testcase);
    const AnalysisDetail& a = f.analysis;
    addProperty(properties, "ai_classification", a.classification);
    addProperty(properties, "ai_details", a.details);
    addProperty(properties, "ai_error_signature", f.errorSignature);
    if (!a.artifactsEvidence.empty())
        addProperty(properties, "ai_artifacts_evidence", a.artifactsEvidence);
    if (a.codeFix) {
        addProperty(properties, "ai_code_fix_file", a.codeFix->file);
        addProperty(properties, "ai_code_fix_line", a.codeFix->line);
        addProperty(properties, "ai_code_fix_change", a.codeFix->change);
    }
    if (a.productBugReport) {
        const auto& b = *a.productBugReport;
        addProperty(properties, "ai_bug_title", b.title);
        addProperty(properties, "ai_bug_severity", b.severity);
        addProperty(properties, "ai_bug_component", b.component);
        addProperty(properties, "ai_bug_description", b.description);
        addProperty(properties, "ai_bug_evidence", b.evidence);
        addProperty(properties, "ai_bug_jira_search_keywords", join(b.jiraSearchKeywords, ", "));
    }
}

void appendSystemOut(pugi::xml_node suite, const std::string& line)
{
    pugi::xml_node out = suite.child("system-out");
    if (!out)
        out = suite.append_child("system-out");
    std::string existing = bodyText(out);
    for (pugi::xml_node child = out.first_child(); child;) {
        pugi::xml_node next = child.next_sibling();
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata)
            out.remove_child(child);
        child = next;
    }
    std::string text = existing.empty() ? line : existing + (existing.back() == '\n' ? "" : "\n") + line;
    out.append_child(pugi::node_pcdata).set_value(text.c_str());
}

std::string suiteSummary(const std::map<std::string, int>& byClassification, int total)
{
    std::string text = "Job Insight AI analysis: " + std::to_string(total) + " failure(s)";
    std::string parts;
    for (const auto& [label, count] : byClassification)
        parts += (parts.empty() ? "" : ", ") + std::to_string(count) + " " + (label.empty() ? "UNCLASSIFIED" : label);
    return parts.empty() ? text : text + ": " + parts;
}

} // namespace

std::unique_ptr<JunitReport> JunitReport::parse(std::string xml)
{
    std::unique_ptr<JunitReport> report(new JunitReport);
    report->_buffer = std::move(xml);
    std::string& buffer = report->_buffer;
    // parse_default skips DOCTYPE declarations and never expands custom entities.
    pugi::xml_parse_result result = report->_doc.load_buffer_inplace(
        buffer.data(), buffer.size(), pugi::parse_default | pugi::parse_declaration, pugi::encoding_utf8);
    if (!result) {
        auto [line, column] = lineAndColumn(buffer, result.offset);
        throw JunitParseError(std::string("Invalid XML: ") + result.description(), line, column);
    }
    pugi::xml_node root = report->_doc.document_element();
    std::string rootName = root.name();
    if (rootName != "testsuites" && rootName != "testsuite")
        throw JunitParseError("Invalid JUnit XML: root element is <" + rootName + ">, expected <testsuites> or <testsuite>", 1, 1);

    // Walk every <testcase> in document order, at any depth.
    struct Walker : pugi::xml_tree_walker
    {
        JunitReport* report;
        bool for_each(pugi::xml_node& node) override
        {
            if (node.type() != pugi::node_element)
                return true;
            const std::size_t d = static_cast<std::size_t>(depth());
            const std::string name = node.name();
            suites.resize(d + 1);
            suites[d] = (name == "testsuite" || name == "testsuites") ? node : (d > 0 ? suites[d - 1] : pugi::xml_node());
            if (name != "testcase")
                return true;
            ++report->_counts.tests;
            if (node.child("skipped"))
                ++report->_counts.skipped;
            pugi::xml_node failure = failureElement(node);
            if (!failure)
                return true;
            ++report->_counts.failing;
            TestFailure f;
            f.testName = testNameOf(node);
            f.stackTrace = bodyText(failure);
            if (Poco::trim(f.stackTrace).empty()) {
                // ctest and some others leave the failure empty and put the output beside it.
                f.stackTrace = bodyText(node.child("system-out")) + bodyText(node.child("system-err"));
            }
            f.errorMessage = failure.attribute("message").value();
            if (Poco::trim(f.errorMessage).empty())
                f.errorMessage = firstNonEmptyLine(f.stackTrace);
            if (f.errorMessage.empty())
                f.errorMessage = failure.attribute("type").value();
            if (f.errorMessage.empty())
                f.errorMessage = std::string(failure.name()) == "error" ? "Test error (no message)" : "Test failed (no message)";
            f.duration = node.attribute("time").as_double(0.0);
            f.status = std::string(failure.name()) == "error" ? "ERROR" : "FAILED";
            report->_failures.push_back(std::move(f));
            report->_failingCases.push_back(node);
            report->_failingSuites.push_back(suiteAt(depth()));
            return true;
        }

        /// The nearest <testsuite>/<testsuites> above the node at `depth`, tracked on the way
        /// down so deeply nested reports cost no repeated ancestor walks.
        pugi::xml_node suiteAt(int nodeDepth)
        {
            return nodeDepth > 0 && static_cast<std::size_t>(nodeDepth) <= suites.size() ? suites[nodeDepth - 1] : pugi::xml_node();
        }
        std::vector<pugi::xml_node> suites; ///< suites[d] = nearest suite at or above depth d
    } walker;
    walker.report = report.get();
    root.parent().traverse(walker);
    return report;
}

std::string JunitReport::enriched(const std::vector<FailureAnalysis>& analyses, const std::string& reportUrl)
{
    std::map<std::string, const FailureAnalysis*> byName;
    for (const auto& a : analyses)
        byName.emplace(a.testName, &a);

    std::map<pugi::xml_node, std::map<std::string, int>> perSuite;
    std::map<pugi::xml_node, int> perSuiteTotal;
    for (std::size_t i = 0; i < _failingCases.size(); ++i) {
        auto it = byName.find(_failures[i].testName);
        if (it == byName.end())
            continue;
        annotate(_failingCases[i], *it->second);
        if (pugi::xml_node suite = _failingSuites[i]) {
            ++perSuite[suite][it->second->analysis.classification];
            ++perSuiteTotal[suite];
        }
    }
    for (const auto& [suite, counts] : perSuite)
        appendSystemOut(suite, suiteSummary(counts, perSuiteTotal[suite]));

    if (!reportUrl.empty()) {
        pugi::xml_node root = _doc.document_element();
        pugi::xml_node firstSuite = std::string(root.name()) == "testsuite" ? root : root.child("testsuite");
        if (!firstSuite)
            firstSuite = root;
        addProperty(propertiesOf(firstSuite), "report_url", reportUrl);
    }

    // Straight into one string: a stringstream would hold a second copy of a 50 MB report.
    struct StringWriter : pugi::xml_writer
    {
        std::string text;
        void write(const void* data, size_t size) override { text.append(static_cast<const char*>(data), size); }
    } writer;
    writer.text.reserve(_buffer.size() + _buffer.size() / 4);
    _doc.save(writer, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
    return std::move(writer.text);
}

} // namespace analysis
} // namespace jji
