#include "jji/analysis/trackers/IssueContent.h"

#include "jji/analysis/ai/AiCall.h"
#include "jji/analysis/ai/AiProvider.h"
#include "jji/analysis/model/JsonText.h"

#include <Poco/JSON/Array.h>
#include <Poco/Logger.h>
#include <Poco/String.h>

#include <set>
#include <sstream>

namespace jji {
namespace analysis {

namespace {

constexpr std::size_t kMaxTitle = 200;
constexpr std::size_t kMaxError = 3000;
constexpr std::size_t kMaxBody = 60000; // GitHub caps bodies at 65536 characters

std::string firstLine(const std::string& s)
{
    std::string line = Poco::trim(s.substr(0, s.find('\n')));
    return line;
}

std::string clip(const std::string& s, std::size_t max)
{
    return s.size() <= max ? s : s.substr(0, max) + "...";
}

/// Title length capped on a character (not byte) boundary of UTF-8 text.
std::string clipTitle(std::string s)
{
    s = Poco::trim(s);
    if (s.size() <= kMaxTitle)
        return s;
    std::size_t cut = kMaxTitle;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
        --cut;
    return s.substr(0, cut) + "...";
}

std::string shortTestName(const std::string& testName)
{
    const std::size_t cut = testName.find_last_of(".:/");
    return cut == std::string::npos || cut + 1 >= testName.size() ? testName : testName.substr(cut + 1);
}

std::string where(const IssueSubject& s)
{
    std::string out;
    if (!s.jobName.empty())
        out = s.jobName + " #" + std::to_string(s.buildNumber);
    if (!s.childJobName.empty())
        out += (out.empty() ? "" : ", ") + std::string("child job ") + s.childJobName + " #" + std::to_string(s.childBuildNumber);
    return out;
}

/// Sections of the body as (heading, text) pairs, in order.
std::vector<std::pair<std::string, std::string>> sections(const IssueSubject& s, bool markdown)
{
    const Poco::JSON::Object::Ptr analysis = s.failure->getObject("analysis");
    const std::string testName = textField(s.failure, "test_name");
    std::vector<std::pair<std::string, std::string>> out;
    std::string failure = markdown ? "`" + testName + "`" : testName;
    if (!where(s).empty())
        failure += " in " + where(s);
    out.push_back({"Failure", failure});
    out.push_back({"Classification", textField(analysis, "classification").empty() ? "unclassified" : textField(analysis, "classification")});
    const std::string error = clip(Poco::trim(textField(s.failure, "error")), kMaxError);
    if (!error.empty())
        out.push_back({"Error", markdown ? "```\n" + error + "\n```" : error});
    if (!textField(analysis, "details").empty())
        out.push_back({"Analysis", textField(analysis, "details")});
    if (!textField(analysis, "artifacts_evidence").empty())
        out.push_back({"Evidence", textField(analysis, "artifacts_evidence")});
    if (Poco::JSON::Object::Ptr fix = analysis ? analysis->getObject("code_fix") : nullptr) {
        std::string f = "File: " + textField(fix, "file");
        if (!textField(fix, "line").empty())
            f += " (line " + textField(fix, "line") + ")";
        f += "\n" + textField(fix, "change");
        out.push_back({"Suggested fix", f});
    }
    if (Poco::JSON::Object::Ptr bug = analysis ? analysis->getObject("product_bug_report") : nullptr) {
        std::string b;
        for (const char* field : {"severity", "component", "description", "evidence"})
            if (!textField(bug, field).empty())
                b += std::string(b.empty() ? "" : "\n") + (char)std::toupper(field[0]) + std::string(field + 1) + ": " + textField(bug, field);
        if (!b.empty())
            out.push_back({"Product bug report", b});
    }
    if (Poco::JSON::Array::Ptr affected = analysis ? analysis->getArray("affected_tests") : nullptr) {
        if (affected->size() > 1) {
            std::string list;
            for (unsigned i = 0; i < affected->size(); ++i)
                list += (list.empty() ? "" : "\n") + std::string("- ") + affected->get(i).toString();
            out.push_back({"Affected tests", list});
        }
    }
    return out;
}

std::string render(const std::vector<std::pair<std::string, std::string>>& parts, bool markdown)
{
    std::string body;
    for (const auto& [heading, content] : parts)
        body += (body.empty() ? "" : "\n\n") + (markdown ? "## " + heading : heading + ":") + "\n" + content;
    return body;
}

} // namespace

IssueDraft IssueContent::fromTemplate(IssueTracker tracker, const IssueSubject& s)
{
    const Poco::JSON::Object::Ptr analysis = s.failure->getObject("analysis");
    const std::string classification = textField(analysis, "classification");
    const std::string testName = textField(s.failure, "test_name");
    const std::string error = firstLine(textField(s.failure, "error"));
    IssueDraft draft;
    Poco::JSON::Object::Ptr bug = analysis ? analysis->getObject("product_bug_report") : nullptr;
    if (classification == "PRODUCT BUG" && !textField(bug, "title").empty())
        draft.title = textField(bug, "title");
    else if (classification == "CODE ISSUE")
        draft.title = "Fix " + shortTestName(testName) + (error.empty() ? "" : ": " + error);
    else
        draft.title = (classification.empty() ? std::string("Test failure") : classification) + ": " +
                      shortTestName(testName) + (error.empty() ? "" : " - " + error);
    draft.title = clipTitle(draft.title);
    const bool markdown = tracker == IssueTracker::GitHub;
    draft.body = render(sections(s, markdown), markdown) + links(tracker, s);
    return draft;
}

std::string IssueContent::links(IssueTracker tracker, const IssueSubject& s)
{
    if (s.reportUrl.empty() && s.jenkinsUrl.empty())
        return "";
    const bool markdown = tracker == IssueTracker::GitHub;
    std::string out = markdown ? "\n\n## Links" : "\n\nLinks:";
    if (!s.reportUrl.empty())
        out += markdown ? "\n- [Job Insight analysis](" + s.reportUrl + ")" : "\n- Job Insight analysis: " + s.reportUrl;
    if (!s.jenkinsUrl.empty())
        out += markdown ? "\n- [Jenkins build](" + s.jenkinsUrl + ")" : "\n- Jenkins build: " + s.jenkinsUrl;
    return out;
}

std::string IssueContent::prompt(IssueTracker tracker, const IssueSubject& s, const IssueDraft& templateDraft)
{
    const bool github = tracker == IssueTracker::GitHub;
    std::ostringstream p;
    p << "You are filing a " << (github ? "GitHub issue" : "Jira bug") << " for a failed test that was analysed automatically.\n"
      << "Write a concise, specific title (at most 120 characters) and a body a developer can act on: what failed, "
      << "the likely cause, the evidence and the suggested fix. "
      << (github ? "Use GitHub Markdown." : "Use plain text with short section headings; no Markdown.") << "\n"
      << "Do not invent facts that are not in the material below. Do not include links.\n\n";
    if (!s.issuePrompt.empty())
        p << "## Additional instructions from the team\n" << s.issuePrompt << "\n\n";
    p
      << "## Issue draft\n"
      << "Tracker: " << (github ? "GitHub" : "Jira") << "\n"
      << "Test: " << textField(s.failure, "test_name") << "\n"
      << "Title: " << templateDraft.title << "\n\n"
      << render(sections(s, github), github) << "\n\n"
      << "## Answer format\n"
      << "Answer with only one JSON object: {\"title\": \"...\", \"body\": \"...\"}\n";
    return p.str();
}

IssueDraft IssueContent::draft(IssueTracker tracker, const IssueSubject& s, const config::Settings& settings,
                               AiCallLimiter& limiter, const AiRequest* ai, std::vector<TokenUsage>& usage)
{
    IssueDraft plain = fromTemplate(tracker, s);
    if (!ai)
        return plain;
    std::vector<TokenUsage> calls;
    std::string error;
    const std::string answer = callAi(settings, limiter, *ai, prompt(tracker, s, plain), calls, error);
    for (auto& call : calls)
        call.callType = "issue_content";
    usage.insert(usage.end(), calls.begin(), calls.end());
    Poco::JSON::Object::Ptr o = error.empty() ? AiProvider::extractJsonObject(answer) : nullptr;
    const std::string title = clipTitle(textField(o, "title"));
    const std::string body = Poco::trim(textField(o, "body"));
    if (title.empty() || body.empty()) {
        Poco::Logger::get("jji.trackers").warning("issue content from the AI unusable, template used: %s",
                                                  error.empty() ? std::string("no {title, body} in the answer") : error);
        return plain;
    }
    return {title, clip(body, kMaxBody) + links(tracker, s)};
}

std::vector<std::string> IssueContent::searchWords(const IssueSubject& s, const std::string& title)
{
    const Poco::JSON::Object::Ptr analysis = s.failure->getObject("analysis");
    Poco::JSON::Object::Ptr bug = analysis ? analysis->getObject("product_bug_report") : nullptr;
    // Keywords come from the AI, which read attacker-controlled failure text: they are cut
    // down to plain word characters, so none can smuggle a qualifier like "repo:other/private".
    auto plain = [](const std::string& word) {
        std::string clean;
        for (char c : word)
            if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-')
                clean += c;
        while (!clean.empty() && (clean.front() == '-' || clean.front() == '.'))
            clean.erase(clean.begin());
        return clean;
    };
    std::vector<std::string> words;
    if (Poco::JSON::Array::Ptr keywords = bug ? bug->getArray("jira_search_keywords") : nullptr)
        for (unsigned i = 0; i < keywords->size() && words.size() < 8; ++i) {
            const std::string keyword = keywords->get(i).toString();
            if (keyword.find(':') != std::string::npos)
                continue;
            std::istringstream parts(keyword);
            std::string part;
            while (parts >> part && words.size() < 8)
                if (!plain(part).empty())
                    words.push_back(plain(part));
        }
    if (!words.empty())
        return words;
    static const std::set<std::string> stop{"a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "is", "fix", "with",
                                            "test", "fails", "failure", "error", "-"};
    std::istringstream in(title);
    std::string word;
    while (in >> word && words.size() < 6) {
        if (word.find(':') != std::string::npos && word.back() != ':')
            continue; // "repo:x" and the like are qualifiers, not words
        std::string clean = plain(word);
        while (!clean.empty() && clean.back() == '.')
            clean.pop_back();
        if (clean.size() > 2 && !stop.count(Poco::toLower(clean)))
            words.push_back(clean);
    }
    return words;
}

} // namespace analysis
} // namespace jji
