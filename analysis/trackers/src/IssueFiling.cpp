#include "jji/analysis/trackers/IssueFiling.h"

#include "jji/storage/ResultStore.h"

#include "jji/analysis/ai/AiCall.h"
#include "jji/analysis/ai/AiRequestResolver.h"
#include "jji/analysis/trackers/GitHubClient.h"
#include "jji/analysis/trackers/JiraClient.h"
#include "jji/analysis/model/JsonText.h"
#include "jji/analysis/workspace/Workspace.h"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Array.h>
#include <Poco/Logger.h>
#include <Poco/String.h>
#include <Poco/UUIDGenerator.h>

#include <cctype>

namespace jji {
namespace analysis {

namespace {

constexpr int kSimilarIssues = 5;

std::string trackerName(IssueTracker tracker)
{
    return tracker == IssueTracker::GitHub ? "GitHub" : "Jira";
}

} // namespace

void IssueFiling::requireEnabled(IssueTracker tracker) const
{
    const bool enabled = tracker == IssueTracker::GitHub ? _settings.enableGithubIssues.value_or(true)
                                                         : _settings.enableJiraIssues.value_or(true);
    if (!enabled)
        throw TrackerError(TrackerError::Kind::Disabled, trackerName(tracker) + " issue creation is disabled on this server");
}

IssueSubject IssueFiling::subject(const ReviewTarget& target, const std::string& jobId, bool includeLinks) const
{
    IssueSubject s;
    s.failure = target.failure.failure;
    s.jobName = textField(target.result, "job_name");
    s.buildNumber = target.result->optValue<long long>("build_number", 0);
    s.childJobName = target.failure.childJobName;
    s.childBuildNumber = target.failure.childBuildNumber;
    if (includeLinks && !_settings.publicBaseUrl.empty()) {
        s.reportUrl = _settings.publicBaseUrl + "/results/" + jobId + ".html";
        s.jenkinsUrl = textField(s.childJobName.empty()
                                     ? target.result
                                     : findChildAnalysis(target.result, {s.childJobName, s.childBuildNumber}),
                                 "jenkins_url");
    }
    return s;
}

GitHubRepo IssueFiling::githubRepo(const IssueRequest& request, const ReviewTarget& target) const
{
    std::string url = Poco::trim(request.githubRepoUrl);
    if (url.empty()) {
        Poco::JSON::Object::Ptr params = target.result->getObject("request_params");
        url = textField(params, "tests_repo_url");
    }
    if (url.empty())
        url = _settings.testsRepoUrl;
    if (url.empty())
        throw TrackerError(TrackerError::Kind::Config,
                           "No GitHub repository: pass github_repo_url or configure TESTS_REPO_URL");
    auto repo = GitHubRepo::fromUrl(url, _settings);
    if (!repo) // the URL itself is not repeated: a configured one may carry credentials
        throw TrackerError(TrackerError::Kind::Config, "Invalid GitHub repository URL: expected https://<host>/<owner>/<repo>");
    if (!repo->onConfiguredHost(_settings))
        throw TrackerError(TrackerError::Kind::Config,
                           "GitHub repository host not allowed: use github.com or the host of TESTS_REPO_URL");
    return *repo;
}

std::string IssueFiling::jiraProject(const IssueRequest& request) const
{
    const std::string key = Poco::trim(request.jiraProjectKey);
    return key.empty() ? _settings.jiraProjectKey : key;
}

std::string IssueFiling::issuePromptOf(const std::string& jobId)
{
    storage::ResultStore results(_db);
    std::optional<storage::ResultRow> row = results.find(jobId);
    if (!row)
        return "";
    if (!row->resultJson.empty()) {
        Poco::JSON::Object::Ptr result = Poco::JSON::Parser().parse(row->resultJson).extract<Poco::JSON::Object::Ptr>();
        const std::string requested = Poco::trim(textField(result ? result->getObject("request_params") : nullptr, "issue_prompt"));
        if (!requested.empty())
            return requested;
    }
    return results.issuePrompt(jobId);
}

IssuePreview IssueFiling::preview(IssueTracker tracker, const std::string& jobId, const IssueRequest& request)
{
    requireEnabled(tracker);
    ReviewTarget target = FailureReview(_db).target(jobId, request.testName, request.scope);
    std::optional<GitHubRepo> repo;
    if (tracker == IssueTracker::GitHub)
        repo = githubRepo(request, target);
    else if (_settings.jiraUrl.empty())
        throw TrackerError(TrackerError::Kind::Config, "Jira URL is not configured (JIRA_URL)");

    IssueSubject s = subject(target, jobId, request.includeLinks);
    s.issuePrompt = Poco::trim(request.issuePrompt).empty() ? issuePromptOf(jobId) : Poco::trim(request.issuePrompt);
    IssuePreview out;
    std::optional<AiRequest> ai;
    try {
        Poco::JSON::Object::Ptr params = new Poco::JSON::Object;
        if (!Poco::trim(request.aiProvider).empty())
            params->set("ai_provider", Poco::trim(request.aiProvider));
        if (!Poco::trim(request.aiModel).empty())
            params->set("ai_model", Poco::trim(request.aiModel));
        ai = resolveAiRequest(params, _settings);
        ai->peers.clear();
    } catch (const AnalysisConfigError&) {
        // no AI configured anywhere: the template is the preview
    }
    std::vector<TokenUsage> usage;
    if (ai) {
        Workspace workspace(_settings.dataDir, "issue-" + Poco::UUIDGenerator::defaultGenerator().createRandom().toString());
        ai->workspace = workspace.path();
        out.draft = IssueContent::draft(tracker, s, _settings, _limiter, &*ai, usage);
        recordTokenUsage(_db, jobId, *ai, usage);
    } else {
        out.draft = IssueContent::fromTemplate(tracker, s);
    }

    // Duplicate search is best effort: a preview is still useful without it.
    const std::vector<std::string> words = IssueContent::searchWords(s, out.draft.title);
    try {
        if (tracker == IssueTracker::GitHub) {
            const std::string token = _credentials.githubToken(request.credentials, request.tokenOwner);
            if (!token.empty() && !words.empty())
                out.similar = GitHubClient(repo->apiUrl, token).searchIssues(*repo, Poco::cat(std::string(" "), words.begin(), words.end()), kSimilarIssues);
        } else {
            const JiraConnection jira = _credentials.jira(request.credentials, request.tokenOwner);
            const std::string project = jiraProject(request);
            if (jira.usable() && !project.empty())
                out.similar = JiraClient(jira).search(JiraClient::textSearchJql(project, words, "issuetype = Bug"), kSimilarIssues);
        }
    } catch (const TrackerError& e) {
        Poco::Logger::get("jji.trackers").warning("%s duplicate search skipped: %s", trackerName(tracker), std::string(e.what()));
    }
    return out;
}

CreatedIssue IssueFiling::create(IssueTracker tracker, const std::string& jobId, const IssueRequest& request)
{
    requireEnabled(tracker);
    ReviewTarget target = FailureReview(_db).target(jobId, request.testName, request.scope);
    std::string body = request.body;
    // The username is a cookie anyone can set: only its plain characters go into the issue
    // (no Markdown, no @team pings), quoted as code on GitHub.
    std::string reporter;
    for (char c : request.username.substr(0, 50))
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')
            reporter += c;
    if (!reporter.empty())
        body += (tracker == IssueTracker::GitHub ? "\n\n---\n_Reported by `" + reporter + "` via Jenkins Job Insight_"
                                                 : "\n\n----\nReported by " + reporter + " via Jenkins Job Insight");
    CreatedIssue created;
    if (tracker == IssueTracker::GitHub) {
        const GitHubRepo repo = githubRepo(request, target);
        const std::string token = _credentials.githubToken(request.credentials, request.tokenOwner);
        if (token.empty())
            throw TrackerError(TrackerError::Kind::Config,
                               "No GitHub token: pass github_token, save one in your profile or configure GITHUB_TOKEN");
        created.issue = GitHubClient(repo.apiUrl, token).createIssue(repo, Poco::trim(request.title), body);
    } else {
        if (_settings.jiraUrl.empty())
            throw TrackerError(TrackerError::Kind::Config, "Jira URL is not configured (JIRA_URL)");
        const std::string project = jiraProject(request);
        if (project.empty())
            throw TrackerError(TrackerError::Kind::Config,
                               "No Jira project: pass jira_project_key or configure JIRA_PROJECT_KEY");
        const JiraConnection jira = _credentials.jira(request.credentials, request.tokenOwner);
        if (!jira.usable())
            throw TrackerError(TrackerError::Kind::Config,
                               "No Jira credentials: pass jira_token (and jira_email for Jira Cloud), save them in "
                               "your profile or configure the server's");
        created.issue = JiraClient(jira).createBug(project, Poco::trim(request.title), body, request.jiraSecurityLevel);
    }
    if (!request.username.empty()) {
        const std::string comment = tracker == IssueTracker::GitHub
                                        ? "Opened GitHub issue #" + std::to_string(created.issue.number) + ": " + created.issue.url
                                        : "Opened Jira bug " + created.issue.key + ": " + created.issue.url;
        try {
            created.commentId =
                FailureReview(_db).addComment(jobId, request.testName, request.scope, comment, request.username).id;
        } catch (const std::exception& e) {
            // The issue exists: failing the request now would invite a duplicate.
            Poco::Logger::get("jji.trackers").error("issue %s created but the linking comment failed: %s",
                                                    created.issue.url, std::string(e.what()));
        }
    }
    Poco::Logger::get("jji.trackers").information("%s issue %s created for job %s test %s", trackerName(tracker),
                                                  created.issue.url, jobId, request.testName);
    return created;
}

} // namespace analysis
} // namespace jji
