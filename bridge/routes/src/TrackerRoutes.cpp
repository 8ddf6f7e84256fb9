#include "TrackerRoutes.h"

#include "jji/analysis/trackers/CommentLinks.h"
#include "jji/analysis/trackers/GitHubClient.h"
#include "jji/analysis/trackers/IssueFiling.h"
#include "jji/analysis/trackers/JiraClient.h"
#include "jji/analysis/model/JsonText.h"
#include "jji/analysis/trackers/ReportPortalPush.h"
#include "jji/analysis/trackers/TrackerCredentials.h"
#include "jji/bridge/routes/AppContext.h"
#include "jji/bridge/access/Caller.h"
#include "jji/bridge/routes/ContextRoute.h"
#include "jji/bridge/http/Exchange.h"
#include "jji/bridge/http/FailureTargetReader.h"
#include "jji/bridge/http/HttpError.h"
#include "jji/bridge/http/RequestFields.h"
#include "jji/bridge/http/Router.h"

#include <Poco/JSON/Array.h>
#include <Poco/Logger.h>
#include <Poco/String.h>

namespace jji {
namespace bridge {

namespace {

using analysis::IssueTracker;
using analysis::TrackerError;

HttpError trackerHttpError(const TrackerError& e)
{
    switch (e.kind()) {
    case TrackerError::Kind::Disabled:
        return HttpError(403, e.what());
    case TrackerError::Kind::Config:
        return HttpError(400, e.what());
    case TrackerError::Kind::Unauthorized:
        return HttpError(401, e.what());
    case TrackerError::Kind::Upstream:
    case TrackerError::Kind::Unreachable:
        break;
    }
    return HttpError(502, e.what());
}

/// Runs a tracker action, turning lookup and tracker failures into their status codes.
template <typename Action>
auto trackerAction(Action action) -> decltype(action())
{
    try {
        return reviewAction(action);
    } catch (const TrackerError& e) {
        throw trackerHttpError(e);
    }
}

/// Runs a lookup whose failure only leaves a list empty (the helper endpoints answer 200 regardless).
template <typename Lookup>
void bestEffort(const char* what, Lookup lookup)
{
    try {
        lookup();
    } catch (const TrackerError& e) {
        Poco::Logger::get("jji.trackers").warning("%s not listed: %s", std::string(what), std::string(e.what()));
    }
}

analysis::RequestedCredentials readCredentials(FieldReader& reader)
{
    analysis::RequestedCredentials c;
    c.githubToken = reader.string("github_token");
    c.jiraToken = reader.string("jira_token");
    c.jiraEmail = reader.string("jira_email");
    return c;
}

/// PreviewIssueRequest (create = false) or CreateIssueRequest (create = true).
analysis::IssueRequest readIssueFields(FieldReader& reader, const config::Settings& settings, bool create)
{
    analysis::IssueRequest r;
    const FailureTarget target = FailureTarget::read(reader);
    r.testName = target.testName;
    r.scope = target.scope;
    r.includeLinks = reader.boolean("include_links", false);
    r.aiProvider = Poco::trim(reader.string("ai_provider"));
    r.aiModel = reader.string("ai_model");
    if (!r.aiProvider.empty() && !settings.isKnownAiProvider(r.aiProvider))
        reader.errors().add("value_error", reader.at("ai_provider"), "Value error, unknown AI provider '" + r.aiProvider + "'",
                            r.aiProvider);
    r.credentials = readCredentials(reader);
    r.githubRepoUrl = reader.string("github_repo_url");
    r.jiraProjectKey = reader.string("jira_project_key");
    r.jiraSecurityLevel = reader.string("jira_security_level");
    if (!create)
        r.issuePrompt = reader.string("issue_prompt");
    if (create) {
        r.title = reader.requiredString("title");
        r.body = reader.requiredString("body");
        if (reader.has("title") && !reader.isNull("title") && Poco::trim(r.title).empty())
            reader.errors().add("value_error", reader.at("title"), "Value error, title must not be blank", r.title);
    }
    return r;
}

analysis::IssueRequest readPreviewIssue(FieldReader& reader, const config::Settings& settings)
{
    return readIssueFields(reader, settings, false);
}

analysis::IssueRequest readCreateIssue(FieldReader& reader, const config::Settings& settings)
{
    return readIssueFields(reader, settings, true);
}

/// The issue request of a preview or create body, of a caller on the allow list.
analysis::IssueRequest issueRequest(AppContext& context, Exchange& ex, bool create)
{
    analysis::IssueRequest r = readBody(ex, withSettings(context, create ? readCreateIssue : readPreviewIssue));
    FailureTarget{r.testName, r.scope}.checkScope(FailureTarget::ChildRule::AnyBuild);
    // Previews cost AI calls and create files issues: both are limited to the allow list.
    const Caller caller = requireAllowed(ex, context.access);
    r.username = caller.username;
    r.tokenOwner = savedTokenOwner(caller, context.access);
    return r;
}

Poco::JSON::Object::Ptr issueJson(const analysis::TrackerIssue& issue)
{
    Poco::JSON::Object::Ptr o = analysis::orderedObject();
    o->set("number", issue.number);
    o->set("key", issue.key);
    o->set("title", issue.title);
    o->set("url", issue.url);
    o->set("status", issue.status);
    return o;
}

analysis::IssueFiling issueFiling(AppContext& context)
{
    return analysis::IssueFiling(context.settings, context.db, context.secrets, context.aiLimiter);
}

template <IssueTracker tracker>
void previewIssue(AppContext& context, Exchange& ex)
{
    const analysis::IssueRequest request = issueRequest(context, ex, false);
    analysis::IssuePreview preview =
        trackerAction([&] { return issueFiling(context).preview(tracker, ex.pathParam("job_id"), request); });
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("title", preview.draft.title);
    out->set("body", preview.draft.body);
    Poco::JSON::Array::Ptr similar = new Poco::JSON::Array;
    for (const auto& issue : preview.similar)
        similar->add(issueJson(issue));
    out->set("similar_issues", similar);
    ex.sendJson(200, out);
}

template <IssueTracker tracker>
void createIssue(AppContext& context, Exchange& ex)
{
    const analysis::IssueRequest request = issueRequest(context, ex, true);
    analysis::CreatedIssue created =
        trackerAction([&] { return issueFiling(context).create(tracker, ex.pathParam("job_id"), request); });
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("url", created.issue.url);
    out->set("key", created.issue.key);
    out->set("number", created.issue.number);
    out->set("title", created.issue.title);
    out->set("comment_id", created.commentId);
    ex.sendJson(201, out);
}

void issuePrompt(AppContext& context, Exchange& ex)
{
    requireAllowed(ex, context.access);
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("prompt", issueFiling(context).issuePromptOf(ex.pathParam("job_id")));
    ex.sendJson(200, out);
}

void enrichComments(AppContext& context, Exchange& ex)
{
    const Caller caller = requireAllowed(ex, context.access); // it calls GitHub and Jira with the server's tokens
    auto statuses = analysis::CommentLinks(context.settings, context.db, context.secrets)
                        .resolve(ex.pathParam("job_id"), savedTokenOwner(caller, context.access));
    Poco::JSON::Object::Ptr enrichments = analysis::orderedObject();
    for (const auto& [commentId, refs] : statuses) {
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        for (const auto& ref : refs) {
            Poco::JSON::Object::Ptr o = analysis::orderedObject();
            o->set("type", ref.type);
            o->set("key", ref.key);
            o->set("status", ref.status);
            list->add(o);
        }
        enrichments->set(std::to_string(commentId), list);
    }
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("enrichments", enrichments);
    ex.sendJson(200, out);
}

/// ?child_job_name=&child_build_number=: one child job's failures only.
struct ChildQuery
{
    std::optional<std::string> name;
    std::optional<long long> build;
};

ChildQuery readChildQuery(FieldReader& query)
{
    std::optional<std::string> name = query.optString("child_job_name");
    return {name, query.optInt("child_build_number", {0, std::nullopt, std::nullopt})};
}

void pushReportPortal(AppContext& context, Exchange& ex)
{
    const ChildQuery query = readQuery(ex, readChildQuery);
    const std::optional<std::string>& childName = query.name;
    const std::optional<long long>& childBuild = query.build;
    requireAllowed(ex, context.access); // before any other answer, as the original
    std::optional<analysis::FailureScope> child;
    if (childName && !Poco::trim(*childName).empty()) {
        if (!childBuild || *childBuild == 0)
            throw HttpError(400, "child_build_number is required when child_job_name is given");
        child = analysis::FailureScope{Poco::trim(*childName), *childBuild};
    } else if (childBuild) {
        throw HttpError(400, "child_build_number requires child_job_name");
    }
    analysis::ReportPortalPushResult result = trackerAction(
        [&] { return analysis::ReportPortalPush(context.settings, context.db).push(ex.pathParam("job_id"), child); });
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("pushed", result.pushed);
    Poco::JSON::Array::Ptr unmatched = new Poco::JSON::Array;
    for (const auto& name : result.unmatched)
        unmatched->add(name);
    out->set("unmatched", unmatched);
    Poco::JSON::Array::Ptr errors = new Poco::JSON::Array;
    for (const auto& e : result.errors)
        errors->add(e);
    out->set("errors", errors);
    out->set("launch_id", result.launchId ? Poco::Dynamic::Var(*result.launchId) : Poco::Dynamic::Var());
    ex.sendJson(200, out);
}

/// The Jira connection of a helper endpoint: the body's token (+ e-mail), the user's
/// saved ones, then the server's.
analysis::JiraConnection helperJiraConnection(AppContext& context, Exchange& ex, const analysis::RequestedCredentials& given)
{
    return analysis::TrackerCredentials(context.settings, context.db, context.secrets)
        .jira(given, savedTokenOwner(Caller::of(ex, context.access), context.access));
}

/// JiraProjectsRequest: an optional search text and credentials.
struct ProjectSearch
{
    std::string query;
    analysis::RequestedCredentials credentials;
};

ProjectSearch readProjectSearch(FieldReader& reader)
{
    std::string query = reader.string("query");
    return {query, readCredentials(reader)};
}

/// JiraSecurityLevelsRequest: a project key and credentials.
struct LevelSearch
{
    std::string project;
    analysis::RequestedCredentials credentials;
};

LevelSearch readLevelSearch(FieldReader& reader)
{
    std::string project = reader.requiredString("project_key");
    return {project, readCredentials(reader)};
}

/// ValidateTokenRequest.
struct TokenCheck
{
    std::string type;
    std::string token;
    std::string email;
};

TokenCheck readTokenCheck(FieldReader& reader)
{
    TokenCheck check;
    check.type = reader.requiredLiteral("token_type", {"github", "jira"}).value_or("");
    check.token = Poco::trim(reader.requiredString("token"));
    check.email = Poco::trim(reader.string("email"));
    return check;
}

void jiraProjects(AppContext& context, Exchange& ex)
{
    const ProjectSearch search = readOptionalBody(ex, readProjectSearch);
    const std::string& query = search.query;
    analysis::JiraConnection jira = helperJiraConnection(context, ex, search.credentials);
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    auto add = [&](const std::string& key, const std::string& name) {
        Poco::JSON::Object::Ptr o = analysis::orderedObject();
        o->set("key", key);
        o->set("name", name);
        out->add(o);
    };
    // Without a token of the caller's own (in the request or saved), the server's
    // credentials are not used to list Jira: only the configured project is offered.
    const bool serverCredentials = jira.token == analysis::TrackerCredentials::serverJira(context.settings).token;
    if (serverCredentials || !jira.usable()) {
        if (!context.settings.jiraProjectKey.empty())
            add(context.settings.jiraProjectKey, context.settings.jiraProjectKey);
    } else {
        bestEffort("Jira projects", [&] {
            for (const auto& p : analysis::JiraClient(jira).projects(query))
                add(p.key, p.name);
        });
    }
    ex.sendJson(200, out);
}

void jiraSecurityLevels(AppContext& context, Exchange& ex)
{
    const LevelSearch search = readOptionalBody(ex, readLevelSearch);
    const std::string& project = search.project;
    analysis::JiraConnection jira = helperJiraConnection(context, ex, search.credentials);
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    if (jira.usable() && !Poco::trim(project).empty()) {
        bestEffort("Jira security levels", [&] {
            for (const auto& level : analysis::JiraClient(jira).securityLevels(Poco::trim(project))) {
                Poco::JSON::Object::Ptr o = analysis::orderedObject();
                o->set("id", level.id);
                o->set("name", level.name);
                o->set("description", level.description);
                out->add(o);
            }
        });
    }
    ex.sendJson(200, out);
}

void validateToken(AppContext& context, Exchange& ex)
{
    const TokenCheck check = readOptionalBody(ex, readTokenCheck);
    const std::string& token = check.token;
    const std::string& email = check.email;

    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    bool valid = false;
    std::string username, message;
    if (token.empty()) {
        message = "No token given";
    } else if (check.type == "github") {
        try {
            username = analysis::GitHubClient(context.settings.githubApiUrl, token).login();
            valid = true;
            message = "Token is valid for GitHub user " + username;
        } catch (const TrackerError& e) {
            message = e.kind() == TrackerError::Kind::Unauthorized ? "GitHub rejected the token: invalid or expired"
                                                                   : e.what();
        }
    } else if (context.settings.jiraUrl.empty()) {
        message = "Jira URL is not configured on this server (JIRA_URL)";
    } else {
        try {
            username = analysis::JiraClient({context.settings.jiraUrl, email, token, context.settings.jiraSslVerify}).displayName();
            valid = true;
            message = "Token is valid for Jira user " + username;
        } catch (const TrackerError& e) {
            message = e.kind() == TrackerError::Kind::Unauthorized ? "Jira rejected the token: invalid or expired" : e.what();
        }
    }
    out->set("valid", valid);
    out->set("username", username);
    out->set("message", message);
    ex.sendJson(200, out);
}

} // namespace

void registerTrackerRoutes(Router& router, AppContext& context)
{
    addRoute(router, context, "GET", "/results/{job_id}/issue-prompt", issuePrompt,
             "The instructions for writing this job's issues: the request's issue_prompt, else the tests repository's "
             "JOB_INSIGHT_ISSUE_PROMPT.md")
        .allowed().answers(200, "IssuePrompt");
    const auto preview = withSettings(context, readPreviewIssue);
    const auto create = withSettings(context, readCreateIssue);
    const std::initializer_list<int> issueErrors{202, 400, 401, 404, 409, 502};
    addRoute(router, context, "POST", "/results/{job_id}/preview-github-issue", previewIssue<IssueTracker::GitHub>,
             "Generate GitHub issue content for a stored failure")
        .body("PreviewIssueRequest", preview).allowed().answers(200, "PreviewIssueResponse").fails(issueErrors);
    addRoute(router, context, "POST", "/results/{job_id}/preview-jira-bug", previewIssue<IssueTracker::Jira>,
             "Generate Jira bug content for a stored failure")
        .body("PreviewIssueRequest", preview).allowed().answers(200, "PreviewIssueResponse").fails(issueErrors);
    addRoute(router, context, "POST", "/results/{job_id}/create-github-issue", createIssue<IssueTracker::GitHub>,
             "Create a GitHub issue for a stored failure")
        .body("CreateIssueRequest", create).allowed().answers(201, "CreateIssueResponse").fails(issueErrors);
    addRoute(router, context, "POST", "/results/{job_id}/create-jira-bug", createIssue<IssueTracker::Jira>,
             "Create a Jira bug for a stored failure")
        .body("CreateIssueRequest", create).allowed().answers(201, "CreateIssueResponse").fails(issueErrors);
    addRoute(router, context, "POST", "/results/{job_id}/enrich-comments", enrichComments,
             "Resolve live GitHub and Jira statuses mentioned in stored comments")
        .allowed().answers(200, "CommentEnrichments");
    addRoute(router, context, "POST", "/results/{job_id}/push-reportportal", pushReportPortal,
             "Push stored classifications into Report Portal")
        .query(readChildQuery).allowed().answers(200, "ReportPortalPushResult").fails({202, 400, 401, 404, 409, 502});
    addRoute(router, context, "POST", "/api/jira-projects", jiraProjects, "List Jira projects visible to the supplied credentials")
        .optionalBody("JiraProjectsRequest", readProjectSearch).answers(200, "JiraProjectList");
    addRoute(router, context, "POST", "/api/jira-security-levels", jiraSecurityLevels, "List Jira security levels for a project")
        .optionalBody("JiraSecurityLevelsRequest", readLevelSearch).answers(200, "JiraSecurityLevelList");
    addRoute(router, context, "POST", "/api/validate-token", validateToken, "Validate a GitHub or Jira token")
        .optionalBody("ValidateTokenRequest", readTokenCheck).answers(200, "TokenValidation");
}

} // namespace bridge
} // namespace jji
