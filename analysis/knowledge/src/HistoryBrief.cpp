#include "jji/analysis/knowledge/HistoryBrief.h"

#include <sstream>

namespace jji {
namespace analysis {

namespace {

constexpr std::size_t kMaxQuote = 300;

/// People's text on one line, quoted and cut: it must not pass for the prompt's own lines.
std::string quote(const std::string& text)
{
    std::string flat;
    for (char c : text.substr(0, kMaxQuote)) {
        if (c == '\n' || c == '\r' || c == '\t')
            flat += ' ';
        else if (c == '"')
            flat += '\'';
        else
            flat += c;
    }
    return "\"" + flat + (text.size() > kMaxQuote ? "...\"" : "\"");
}

std::string counts(const std::vector<std::pair<std::string, long long>>& values)
{
    std::string out;
    for (const auto& [name, n] : values)
        out += (out.empty() ? "" : ", ") + name + " x" + std::to_string(n);
    return out;
}

} // namespace

std::string HistoryBrief::write(const Input& in, std::size_t maxChars)
{
    const storage::SignatureFacts& f = in.facts;
    std::vector<std::string> lines;
    if (f.failures > 0) {
        lines.push_back("[ai] This error was recorded " + std::to_string(f.failures) + " time(s) in " +
                        std::to_string(f.analyses) + " earlier analysis(es), first on " + f.firstSeen + ", last on " +
                        f.lastSeen + ".");
        if (!in.jobName.empty() && f.jobBuildsConsidered > 0)
            lines.push_back("[ai] In the last " + std::to_string(f.jobBuildsConsidered) + " analysed build(s) of " +
                            in.jobName + " it failed in " + std::to_string(f.jobBuildsWithIt) + "; it also failed in " +
                            std::to_string(f.otherJobs) + " other job(s).");
        if (!f.classifications.empty())
            lines.push_back("[ai] Classifications stored for it: " + counts(f.classifications) + ".");
        if (!in.earlierClassification.empty())
            lines.push_back("[ai] The newest earlier analysis (" + f.latestTestName + ", " + f.lastSeen + ", not confirmed by "
                            "anyone unless said below) concluded " + in.earlierClassification + ": " + quote(in.earlierDetails));
    } else {
        lines.push_back("[ai] This error was never recorded before: it is new.");
    }
    std::vector<std::string> testLines;
    for (const auto& [test, n] : f.testFailuresInJob)
        if (n > 0)
            testLines.push_back(test + " failed in " + std::to_string(n) + " of those builds");
    if (!testLines.empty()) {
        std::string line = "[ai] Tests:";
        for (std::size_t i = 0; i < testLines.size(); ++i)
            line += (i ? "; " : " ") + testLines[i];
        lines.push_back(line + ".");
    }
    for (const auto& o : f.overrides)
        lines.push_back("[human] " + (o.by.empty() ? std::string("someone") : o.by) + " overrode the classification of " +
                        o.testName + " to " + o.classification + " on " + o.at + ".");
    for (const auto& l : f.labels)
        lines.push_back("[human] " + l.testName + " is labelled " + l.classification + " by " +
                        (l.by.empty() ? std::string("someone") : l.by) + " on " + l.at +
                        (l.reason.empty() ? std::string() : ": " + quote(l.reason)) +
                        (l.references.empty() ? std::string() : " (references: " + quote(l.references) + ")") + ".");
    for (const auto& link : in.links)
        lines.push_back("[human] Linked in a comment: " + link.key + " (" + link.type + ") is " + link.status + ".");
    for (const auto& c : in.comments)
        lines.push_back("[human] Comment by " + (c.username.empty() ? std::string("someone") : c.username) + " on " +
                        c.testName + " (" + c.createdAt + "): " + quote(c.comment));

    if (f.failures == 0 && lines.size() == 1)
        return ""; // new, and nothing said about its tests: no history section
    const std::string more = "- [... more history left out]\n";
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const bool last = i + 1 == lines.size();
        if (out.size() + lines[i].size() + 3 + (last ? 0 : more.size()) > maxChars) {
            if (out.size() + more.size() <= maxChars)
                out += more;
            break;
        }
        out += "- " + lines[i] + "\n";
    }
    if (!out.empty())
        out.pop_back();
    return out;
}

} // namespace analysis
} // namespace jji
