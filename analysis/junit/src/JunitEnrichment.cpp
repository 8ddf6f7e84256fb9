// JunitReport::enriched: the analyses spliced into the original text at the offsets the
// scanner recorded, so nothing of the report is rebuilt or copied twice.
#include "jji/analysis/junit/JunitReport.h"

#include "XmlText.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <string_view>
#include <unordered_map>

namespace jji {
namespace analysis {

namespace {

struct Edit
{
    std::size_t at;
    std::size_t erase;
    std::string text;
};

void addProperty(std::string& out, const std::string& name, const std::string& value)
{
    out += "<property name=\"" + xmltext::attributeEscaped(name) + "\" value=\"" + xmltext::attributeEscaped(value) + "\"/>";
}

std::string join(const std::vector<std::string>& items, const std::string& separator)
{
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : separator) + item;
    return out;
}

/// A score as Python prints a float (0.85, 1.0), as the original's report has it.
std::string pythonFloat(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.15g", value);
    std::string out = text;
    if (out.find_first_of(".eEn") == std::string::npos)
        out += ".0";
    return out;
}

std::string propertiesOf(const FailureAnalysis& f)
{
    std::string out;
    const AnalysisDetail& a = f.analysis;
    addProperty(out, "ai_classification", a.classification);
    addProperty(out, "ai_details", a.details);
    if (!a.affectedTests.empty())
        addProperty(out, "ai_affected_tests", join(a.affectedTests, ", "));
    addProperty(out, "ai_error_signature", f.errorSignature);
    if (!a.artifactsEvidence.empty())
        addProperty(out, "ai_artifacts_evidence", a.artifactsEvidence);
    if (a.codeFix) {
        addProperty(out, "ai_code_fix_file", a.codeFix->file);
        addProperty(out, "ai_code_fix_line", a.codeFix->line);
        addProperty(out, "ai_code_fix_change", a.codeFix->change);
    }
    if (a.productBugReport) {
        const auto& b = *a.productBugReport;
        addProperty(out, "ai_bug_title", b.title);
        addProperty(out, "ai_bug_severity", b.severity);
        addProperty(out, "ai_bug_component", b.component);
        addProperty(out, "ai_bug_description", b.description);
        addProperty(out, "ai_bug_evidence", b.evidence);
        addProperty(out, "ai_bug_jira_search_keywords", join(b.jiraSearchKeywords, ", "));
        for (std::size_t i = 0; i < b.jiraMatches.size(); ++i) {
            const JiraMatch& m = b.jiraMatches[i];
            const std::string prefix = "ai_jira_match_" + std::to_string(i) + "_";
            for (const auto& [field, value] : {std::pair<const char*, const std::string&>{"key", m.key}, {"summary", m.summary},
                                               {"status", m.status}, {"url", m.url}, {"priority", m.priority}})
                if (!value.empty())
                    addProperty(out, prefix + field, value);
            addProperty(out, prefix + "score", pythonFloat(m.score));
        }
    }
    return out;
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

/// Edits that put content inside elements, collected in document order and applied to
/// the text in place. Edit texts live in one arena, not one allocation each.
class Splicer
{
public:
    explicit Splicer(const std::string& text) : _text(text) {}

    /// After the element's start tag (for <element/>, by opening it).
    void insideAtStart(const JunitReport::ElementSpan& element, const std::string& content)
    {
        if (element.selfClosing())
            return open(element, content);
        add(element.start + element.tagLength, 0, content);
    }

    /// Before the element's end tag (for <element/>, by opening it).
    void insideAtEnd(const JunitReport::ElementSpan& element, const std::string& content)
    {
        if (element.selfClosing())
            return open(element, content);
        add(element.endTag, 0, content);
    }

    /// Text appended to an element's character data on a line of its own.
    void appendLine(const JunitReport::ElementSpan& element, const std::string& line)
    {
        const std::size_t contentStart = element.start + element.tagLength;
        const bool empty = element.selfClosing() || element.endTag == contentStart;
        const bool endsWithNewline = !empty && _text[element.endTag - 1] == '\n';
        insideAtEnd(element, (empty || endsWithNewline ? "" : "\n") + xmltext::textEscaped(line));
    }

    std::size_t finalSize() const { return _text.size() + _arena.size() - _erased; }

    /// Applies the edits to `text` (the text the splicer read), in place: it grows once,
    /// then every byte moves at most once, from the back.
    void applyTo(std::string& text)
    {
        std::stable_sort(_edits.begin(), _edits.end(), [](const Edit& a, const Edit& b) { return a.at < b.at; });
        const std::size_t oldSize = text.size();
        text.resize(finalSize());
        char* data = text.data();
        std::size_t sourceEnd = oldSize, destinationEnd = text.size();
        for (auto e = _edits.rbegin(); e != _edits.rend(); ++e) {
            const std::size_t keep = e->at + e->erase;
            const std::size_t tail = sourceEnd - keep;
            std::memmove(data + destinationEnd - tail, data + keep, tail);
            destinationEnd -= tail;
            std::memcpy(data + destinationEnd - e->length, _arena.data() + e->arenaStart, e->length);
            destinationEnd -= e->length;
            sourceEnd = e->at;
        }
    }

private:
    struct Edit
    {
        std::size_t at;
        std::size_t erase;
        std::size_t arenaStart;
        std::size_t length;
    };

    void add(std::size_t at, std::size_t erase, const std::string& content)
    {
        _edits.push_back({at, erase, _arena.size(), content.size()});
        _arena += content;
        _erased += erase;
    }

    /// <name attrs/> becomes <name attrs>content</name>.
    void open(const JunitReport::ElementSpan& element, const std::string& content)
    {
        std::string tag = _text.substr(element.start, element.tagLength);
        tag.resize(tag.size() - 2); // "/>"
        const std::size_t nameEnd = tag.find_first_of(" \t\r\n", 1);
        const std::string name = tag.substr(1, nameEnd == std::string::npos ? std::string::npos : nameEnd - 1);
        add(element.start, element.tagLength, tag + ">" + content + "</" + name + ">");
    }

    const std::string& _text;
    std::string _arena;
    std::vector<Edit> _edits;
    std::size_t _erased = 0;
};

void JunitReport::collectEdits(Splicer& splicer, const std::vector<FailureAnalysis>& analyses, const std::string& reportUrl) const
{
    std::unordered_map<std::string_view, const FailureAnalysis*> byName;
    byName.reserve(analyses.size());
    for (const auto& a : analyses)
        byName.emplace(a.testName, &a);

    std::map<std::size_t, std::map<std::string, int>> perSuite;
    std::map<std::size_t, int> perSuiteTotal;
    for (const FailingCase& c : _failingCases) {
        auto it = byName.find(c.testName);
        if (it == byName.end())
            continue;
        std::string properties = propertiesOf(*it->second);
        if (c.properties.present())
            splicer.insideAtEnd(c.properties, properties);
        else
            splicer.insideAtStart(c.testcase, "<properties>" + properties + "</properties>");
        if (c.suite != ElementSpan::none) {
            ++perSuite[c.suite][it->second->analysis.classification];
            ++perSuiteTotal[c.suite];
        }
    }
    for (const auto& [index, counts] : perSuite) {
        const Suite& suite = _suites[index];
        const std::string line = suiteSummary(counts, perSuiteTotal[index]);
        if (suite.systemOut.present())
            splicer.appendLine(suite.systemOut, line);
        else
            splicer.insideAtEnd(suite.element, "<system-out>" + xmltext::textEscaped(line) + "</system-out>");
    }

    if (!reportUrl.empty() && _firstSuite < _suites.size()) {
        const Suite& suite = _suites[_firstSuite];
        std::string property;
        addProperty(property, "report_url", reportUrl);
        if (suite.properties.present())
            splicer.insideAtEnd(suite.properties, property);
        else
            splicer.insideAtStart(suite.element, "<properties>" + property + "</properties>");
    }
}

std::string JunitReport::enriched(const std::vector<FailureAnalysis>& analyses, const std::string& reportUrl) const
{
    Splicer splicer(_buffer);
    collectEdits(splicer, analyses, reportUrl);
    std::string text;
    text.reserve(splicer.finalSize());
    text.append(_buffer);
    splicer.applyTo(text);
    return text;
}

std::string JunitReport::releaseEnriched(const std::vector<FailureAnalysis>& analyses, const std::string& reportUrl)
{
    {
        Splicer splicer(_buffer);
        collectEdits(splicer, analyses, reportUrl);
        splicer.applyTo(_buffer); // grows within the text's spare capacity when it has enough
    }
    _failingCases.clear();
    _suites.clear();
    return std::move(_buffer);
}

} // namespace analysis
} // namespace jji
