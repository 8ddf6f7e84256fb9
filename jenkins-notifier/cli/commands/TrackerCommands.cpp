// preview-issue, create-issue, get-issue-prompt, validate-token, jira-projects,
// jira-security-levels, push-reportportal (and its hidden alias push-rp).
#include "../CommandSupport.h"
#include "../CommandTree.h"

#include <Poco/JSON/Array.h>

#include <iostream>
#include <termios.h>
#include <unistd.h>

namespace jji {
namespace cli {

namespace {

/// The body shared by the issue previews and creations: the failure, then the tracker's
/// own credentials and targets (options first, the profile's values second).
JsonBody trackerBody(const Invocation& c, const std::string& type)
{
    JsonBody body = failureTarget(c);
    body.text("title", c.args.textOr("title")).text("body", c.args.textOr("body"));
    if (c.args.flag("include-links"))
        body.set("include_links", true);
    body.text("ai_provider", c.args.textOr("ai-provider")).text("ai_model", c.args.textOr("ai-model"));
    if (type == "github") {
        body.text("github_token", c.optionOrProfile("github-token", "github_token"))
            .text("github_repo_url", c.optionOrProfile("github-repo-url", "github_repo_url"));
    } else {
        body.text("jira_token", c.optionOrProfile("jira-token", "jira_token"))
            .text("jira_email", c.optionOrProfile("jira-email", "jira_email"))
            .text("jira_project_key", c.optionOrProfile("jira-project-key", "jira_project_key"))
            .text("jira_security_level", c.optionOrProfile("jira-security-level", "jira_security_level"));
    }
    return body;
}

int previewIssue(Invocation& c)
{
    const std::string type = issueType(c.args.textOr("type"), "--type");
    const JsonBody body = trackerBody(c, type);
    Poco::JSON::Object::Ptr data = asObject(call(c, "POST",
                                                 "/results/" + segment(c.args.argument("JOB_ID")) +
                                                     (type == "github" ? "/preview-github-issue" : "/preview-jira-bug"),
                                                 &body, {200}, 600));
    if (c.json) {
        c.out.json(data);
        return 0;
    }
    c.out.line("Title: " + member(data, "title"));
    c.out.line("\nBody:\n" + data->optValue<std::string>("body", "")); // as written: member() would flatten its lines
    if (Poco::JSON::Array::Ptr similar = data->getArray("similar_issues"); similar && similar->size() > 0) {
        c.out.line("\nSimilar issues (" + std::to_string(similar->size()) + "):");
        for (std::size_t i = 0; i < similar->size(); ++i) {
            Poco::JSON::Object::Ptr s = similar->getObject(static_cast<unsigned>(i));
            const std::string label = member(s, "key").empty() ? "#" + member(s, "number") : member(s, "key");
            c.out.line("  " + label + ": " + member(s, "title") + " (" + member(s, "url") + ")");
        }
    }
    return 0;
}

int createIssue(Invocation& c)
{
    const std::string type = issueType(c.args.textOr("type"), "--type");
    const JsonBody body = trackerBody(c, type);
    Poco::JSON::Object::Ptr data = asObject(call(c, "POST",
                                                 "/results/" + segment(c.args.argument("JOB_ID")) +
                                                     (type == "github" ? "/create-github-issue" : "/create-jira-bug"),
                                                 &body, {201}, 120));
    if (c.json) {
        c.out.json(data);
        return 0;
    }
    c.out.line("Created: " + (member(data, "key").empty() ? "#" + member(data, "number") : member(data, "key")));
    c.out.line("URL: " + member(data, "url"));
    if (const std::string comment = member(data, "comment_id"); !comment.empty() && comment != "0") // 0: no comment was added
        c.out.line("Comment added (id: " + comment + ")");
    return 0;
}

int issuePrompt(Invocation& c)
{
    Poco::JSON::Object::Ptr data = asObject(call(c, "GET", "/results/" + segment(c.args.argument("JOB_ID")) + "/issue-prompt"));
    if (c.json)
        c.out.json(data);
    else
        c.out.line(member(data, "prompt").empty() ? "No issue prompt found." : data->optValue<std::string>("prompt", ""));
    return 0;
}

/// A secret asked for on the terminal without echo (or read from piped stdin).
std::string promptHidden(const std::string& prompt)
{
    std::string value;
    if (!::isatty(STDIN_FILENO)) {
        std::getline(std::cin, value);
        return value;
    }
    std::cerr << prompt << std::flush;
    termios old{};
    ::tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::getline(std::cin, value);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
    return value;
}

int validateToken(Invocation& c)
{
    const std::string type = issueType(c.args.argument("TOKEN_TYPE"), "TOKEN_TYPE");
    std::string token = c.args.textOr("token");
    if (!c.args.text("token"))
        token = promptHidden("Token: ");
    JsonBody body;
    body.set("token_type", type).set("token", token).text("email", c.args.textOr("email"));
    Poco::JSON::Object::Ptr data = asObject(call(c, "POST", "/api/validate-token", &body));
    const bool valid = data->optValue<bool>("valid", false);
    if (c.json)
        c.out.json(data);
    else
        c.out.line(std::string(valid ? "\xE2\x9C\x93 Valid" : "\xE2\x9C\x97 Invalid") + " \xE2\x80\x94 " + member(data, "message"));
    return valid ? 0 : 1;
}

/// A Jira lookup: `body` plus the caller's Jira token and email (options, else the
/// profile's), its rows as a table, or `none` when there are none.
int jiraLookup(Invocation& c, const std::string& path, JsonBody body, const std::vector<Column>& columns, const std::string& none)
{
    body.text("jira_token", c.optionOrProfile("jira-token", "jira_token")).text("jira_email", c.optionOrProfile("jira-email", "jira_email"));
    Poco::Dynamic::Var data = call(c, "POST", path, &body);
    if (!c.json && asArray(data)->size() == 0) {
        c.out.line(none);
        return 0;
    }
    return show(c, data, columns);
}

int jiraProjects(Invocation& c)
{
    JsonBody body;
    body.text("query", c.args.textOr("query"));
    return jiraLookup(c, "/api/jira-projects", body, {{"key", "KEY"}, {"name", "NAME"}}, "No Jira projects found.");
}

int jiraSecurityLevels(Invocation& c)
{
    JsonBody body;
    body.set("project_key", c.args.argument("PROJECT_KEY"));
    return jiraLookup(c, "/api/jira-security-levels", body, {{"name", "NAME"}, {"description", "DESCRIPTION"}}, "No security levels found.");
}

int pushReportPortal(Invocation& c)
{
    Query query;
    if (auto v = c.args.text("child-job-name"))
        query.add("child_job_name", *v);
    if (auto v = c.args.integer("child-build-number"))
        query.add("child_build_number", *v);
    Poco::JSON::Object::Ptr data =
        asObject(call(c, "POST", "/results/" + segment(c.args.argument("JOB_ID")) + "/push-reportportal" + query.str(), nullptr, {200}, 300));
    if (c.json) {
        c.out.json(data);
        return 0;
    }
    c.out.line("Pushed " + member(data, "pushed", "0") + " classification(s) to Report Portal");
    if (const std::string launch = member(data, "launch_id"); !launch.empty())
        c.out.line("Launch ID: " + launch);
    if (Poco::JSON::Array::Ptr unmatched = data->getArray("unmatched"); unmatched && unmatched->size() > 0) {
        std::string names;
        for (std::size_t i = 0; i < unmatched->size(); ++i)
            names += (i ? ", " : "") + unmatched->get(static_cast<unsigned>(i)).toString();
        c.out.line("Unmatched: " + names);
    }
    if (Poco::JSON::Array::Ptr errors = data->getArray("errors"); errors && errors->size() > 0) {
        c.out.line("Errors: " + std::to_string(errors->size()));
        for (std::size_t i = 0; i < errors->size(); ++i)
            c.out.line("  - " + CliOutput::cell(errors->get(static_cast<unsigned>(i))));
    }
    return 0;
}

std::vector<OptionSpec> trackerOptions()
{
    return {textOption("github-token", "", "GitHub PAT for issue creation (overrides server config)."),
            textOption("github-repo-url", "", "GitHub repository URL (overrides server config)."),
            textOption("jira-token", "", "Jira token for bug creation (overrides server config)."),
            textOption("jira-email", "", "Jira email for Cloud auth (used with --jira-token)."),
            textOption("jira-project-key", "", "Jira project key for bug creation (overrides server config)."),
            textOption("jira-security-level", "", "Jira security level name for restricted issues.")};
}

} // namespace

void addTrackerCommands(CommandTree& tree)
{
    std::vector<OptionSpec> preview{textOption("test", "t", "Test name.").must(),
                                    textOption("type", "", "github or jira.").must().completing("issue-type")};
    for (auto& o : childScopeOptions())
        preview.push_back(o);
    std::vector<OptionSpec> create = preview;
    preview.push_back(flagOption("include-links", "", "Include full URLs as clickable links."));
    preview.push_back(textOption("ai-provider", "", "AI provider for content generation.").completing("provider"));
    preview.push_back(textOption("ai-model", "", "AI model for content generation."));
    create.insert(create.begin() + 2, {textOption("title", "", "Issue title.").must(), textOption("body", "", "Issue body.").must()});
    for (auto& o : trackerOptions()) {
        preview.push_back(o);
        create.push_back(o);
    }
    tree.add({{"preview-issue"}, "Preview generated issue content (GitHub or Jira).", {argument("JOB_ID", "job-id")}, preview, previewIssue});
    tree.add({{"create-issue"}, "Create a GitHub issue or Jira bug from a failure analysis.", {argument("JOB_ID", "job-id")}, create,
              createIssue});
    tree.add({{"get-issue-prompt"}, "Get the issue prompt from the test repo associated with a job.", {argument("JOB_ID", "job-id")}, {},
              issuePrompt});
    tree.add({{"validate-token"},
              "Validate a GitHub or Jira token.",
              {argument("TOKEN_TYPE", "issue-type")},
              {textOption("token", "", "Token value to validate (asked for without echo when omitted)."),
               textOption("email", "", "Email for Jira Cloud auth")},
              validateToken});
    const std::vector<OptionSpec> jira{textOption("jira-token", "", "Jira token (uses config fallback)."),
                                       textOption("jira-email", "", "Jira email (uses config fallback).")};
    std::vector<OptionSpec> projects{textOption("query", "", "Search query to filter projects.")};
    projects.insert(projects.end(), jira.begin(), jira.end());
    tree.add({{"jira-projects"}, "List available Jira projects.", {}, projects, jiraProjects});
    tree.add({{"jira-security-levels"}, "List security levels for a Jira project.", {argument("PROJECT_KEY")}, jira, jiraSecurityLevels});
    const std::vector<OptionSpec> push{textOption("child-job-name", "", "Child job name (for pipeline child push)."),
                                       intOption("child-build-number", "", "Child build number (for pipeline child push).")};
    tree.add({{"push-reportportal"}, "Push classifications into Report Portal test items.", {argument("JOB_ID", "job-id")}, push,
              pushReportPortal});
    CommandSpec alias{{"push-rp"}, "Push classifications into Report Portal test items.", {argument("JOB_ID", "job-id")}, push,
                      pushReportPortal};
    alias.hidden = true;
    tree.add(alias);
}

} // namespace cli
} // namespace jji
