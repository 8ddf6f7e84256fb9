#include "jji/analysis/trackers/FeedbackIssue.h"

#include "jji/analysis/ai/AiProvider.h"
#include "jji/analysis/ai/AiRequestResolver.h"
#include "jji/analysis/model/JsonText.h"
#include "jji/analysis/trackers/AiQuestion.h"
#include "jji/analysis/trackers/GitHubClient.h"
#include "jji/config/Capabilities.h"

#include <Poco/JSON/Array.h>
#include <Poco/RegularExpression.h>
#include <Poco/String.h>

#include <sstream>

namespace jji {
namespace analysis {

namespace {

const std::string kFooter = "\n\n---\n*Filed from the Job Insight web UI, drafted with AI*";

std::vector<std::string> knownLabels(const std::vector<std::string>& labels)
{
    std::vector<std::string> out;
    for (const auto& label : labels)
        if ((label == "bug" || label == "enhancement") && std::find(out.begin(), out.end(), label) == out.end())
            out.push_back(label);
    return out;
}

std::string withFooter(const std::string& body)
{
    return body.find(kFooter) == std::string::npos ? body + kFooter : body;
}

/// What the AI is told: the scrubbed report, part by part.
std::string context(const FeedbackReport& r)
{
    std::ostringstream out;
    out << "Description: " << FeedbackIssue::scrub(r.description);
    if (!r.consoleErrors.empty()) {
        out << "\n\nConsole errors:";
        for (const auto& e : r.consoleErrors)
            out << "\n- " << FeedbackIssue::scrub(e);
    }
    if (!r.failedApiCalls.empty()) {
        Poco::JSON::Array calls;
        for (const auto& c : r.failedApiCalls) {
            Poco::JSON::Object::Ptr o = orderedObject();
            o->set("status", c.status);
            o->set("endpoint", FeedbackIssue::scrub(c.endpoint));
            o->set("error", FeedbackIssue::scrub(c.error));
            calls.add(o);
        }
        out << "\n\nFailed API calls:\n" << toJsonText(Poco::Dynamic::Var(calls));
    }
    if (!r.pageUrl.empty() || !r.activeFilters.empty() || !r.reportId.empty())
        out << "\n\nPage state:\nurl: " << FeedbackIssue::scrub(r.pageUrl) << "\nactive filters: " << FeedbackIssue::scrub(r.activeFilters)
            << "\nreport id: " << FeedbackIssue::scrub(r.reportId);
    if (!r.userAgent.empty())
        out << "\n\nUser agent: " << FeedbackIssue::scrub(r.userAgent);
    return out.str();
}

std::string prompt(const FeedbackReport& report)
{
    return "You are writing a GitHub issue for Job Insight (a service that analyses failed Jenkins builds) "
           "from feedback a user sent through its web UI.\n"
           "Decide whether it reports a bug or asks for a feature.\n"
           "- A bug: label [\"bug\"]; the body has the sections ## Description, ## Steps to Reproduce, "
           "## Console Errors, ## Failed API Calls, ## Environment and ## Page State (leave out those with nothing to say).\n"
           "- A feature: label [\"enhancement\"]; the body has ## Description, ## Use Case and ## Proposed Solution.\n"
           "The title is at most 120 characters and says what is wrong or wanted.\n\n"
           "## Feedback\n" +
           context(report) +
           "\n\nRespond with ONLY valid JSON (no markdown fences):\n"
           "{\"title\": \"...\", \"body\": \"...\", \"labels\": [\"bug\" or \"enhancement\"]}";
}

} // namespace

std::string FeedbackIssue::scrub(const std::string& text)
{
    struct Rule
    {
        const char* pattern;
        const char* replacement;
    };
    static const std::vector<Rule> rules = {
        {R"(eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)", "[REDACTED_JWT]"},
        {R"((?i)\bBasic\s+[A-Za-z0-9+/=]{8,})", "Basic [REDACTED]"},
        {R"((?i)\bBearer\s+\S+)", "Bearer [REDACTED]"},
        {R"((?i)(Authorization\s*[:=]\s*)\S+)", "$1[REDACTED]"},
        {R"((?i)\b(api_key|apikey|api_token|access_token|auth_token|token|secret)(\s*[:=]\s*)\S+)", "$1$2[REDACTED]"},
        {R"((?i)\b(password|passwd|pwd)(\s*[:=]\s*)\S+)", "$1$2[REDACTED]"},
        {R"(\b(ghp|gho|ghs|ghr|ghu)_[A-Za-z0-9]{10,}|\bgithub_pat_[A-Za-z0-9_]{10,})", "[REDACTED_GITHUB_TOKEN]"},
        {R"(\b[0-9a-fA-F]{40,}\b)", "[REDACTED_HEX_TOKEN]"},
    };
    std::string out = text;
    for (const auto& rule : rules) {
        static thread_local std::map<const char*, std::unique_ptr<Poco::RegularExpression>> compiled;
        auto& re = compiled[rule.pattern];
        if (!re)
            re = std::make_unique<Poco::RegularExpression>(rule.pattern);
        re->subst(out, rule.replacement, Poco::RegularExpression::RE_GLOBAL);
    }
    return out;
}

FeedbackIssue::Draft FeedbackIssue::fallback(const FeedbackReport& r)
{
    Draft d;
    d.title = ("Feedback: " + scrub(r.description)).substr(0, 500);
    std::ostringstream body;
    body << "## Feedback\n\n**Description:** " << scrub(r.description);
    if (!r.consoleErrors.empty()) {
        body << "\n\n## Console Errors\n\n```\n";
        for (const auto& e : r.consoleErrors)
            body << scrub(e) << "\n";
        body << "```";
    }
    if (!r.failedApiCalls.empty()) {
        body << "\n\n## Failed API Calls\n\n```\n";
        for (const auto& c : r.failedApiCalls)
            body << c.status << " " << scrub(c.endpoint) << ": " << scrub(c.error) << "\n";
        body << "```";
    }
    if (!r.pageUrl.empty() || !r.activeFilters.empty() || !r.reportId.empty())
        body << "\n\n## Page State\n\n- URL: " << scrub(r.pageUrl) << "\n- Filters: " << scrub(r.activeFilters)
             << "\n- Report: " << scrub(r.reportId);
    if (!r.userAgent.empty())
        body << "\n\n**User Agent:** " << scrub(r.userAgent);
    d.body = withFooter(body.str());
    d.labels = {r.consoleErrors.empty() && r.failedApiCalls.empty() ? "enhancement" : "bug"};
    return d;
}

void FeedbackIssue::requireEnabled() const
{
    const auto c = config::Capabilities::from(_settings);
    if (!c.githubIssuesEnabled || !c.serverGithubToken || _settings.feedbackRepoUrl.empty())
        throw FeedbackUnavailable("Feedback submission is disabled on this server");
}

FeedbackIssue::Draft FeedbackIssue::preview(const FeedbackReport& report)
{
    requireEnabled();
    AiRequest ai;
    try {
        ai = resolveAiRequest(new Poco::JSON::Object, _settings); // the server's AI only
    } catch (const AnalysisConfigError&) {
        throw FeedbackUnavailable("AI provider not configured on this server. Configure AI_PROVIDER and AI_MODEL "
                                  "environment variables to enable AI-powered feedback.");
    }
    std::string error;
    const std::string answer = askAiOnce(_settings, _db, _limiter, ai, prompt(report), "feedback", "feedback_preview", error);

    Poco::JSON::Object::Ptr o = error.empty() ? AiProvider::extractJsonObject(answer) : nullptr;
    const std::string title = o ? Poco::trim(textField(o, "title")) : "";
    const std::string body = o ? Poco::trim(textField(o, "body")) : "";
    if (title.empty() || body.empty())
        return fallback(report);
    Draft d;
    d.title = scrub(title).substr(0, 500);
    d.body = withFooter(scrub(body));
    std::vector<std::string> labels;
    if (Poco::JSON::Array::Ptr given = o->getArray("labels"))
        for (std::size_t i = 0; i < given->size(); ++i)
            if (given->get(i).isString())
                labels.push_back(given->get(i).extract<std::string>());
    d.labels = knownLabels(labels);
    if (d.labels.empty())
        d.labels = {"enhancement"};
    return d;
}

FeedbackIssue::Filed FeedbackIssue::create(const std::string& title, const std::string& body, const std::vector<std::string>& labels)
{
    requireEnabled();
    const std::optional<GitHubRepo> repo = GitHubRepo::fromUrl(_settings.feedbackRepoUrl, _settings);
    if (!repo)
        throw FeedbackUnavailable("Feedback submission is disabled on this server: JJI_FEEDBACK_REPO_URL names no repository");
    // GITHUB_TOKEN belongs to GITHUB_API_URL's host: another host gets no token.
    const std::string token = repo->apiUrl == _settings.githubApiUrl ? _settings.githubToken : "";
    const TrackerIssue issue = GitHubClient(repo->apiUrl, token).createIssue(*repo, scrub(title), withFooter(scrub(body)), knownLabels(labels));
    return {issue.url, issue.number, issue.title};
}

} // namespace analysis
} // namespace jji
