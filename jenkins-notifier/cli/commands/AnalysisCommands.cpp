// analyze, re-analyze, status, and the extra analyze-failures: starting analyses and
// following them (--follow polls with a progress line; the original's --wait is the
// server-side wait for the Jenkins build).
#include "../CommandSupport.h"
#include "../CommandTree.h"

#include <Poco/JSON/Array.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>
#include <unistd.h>

namespace jji {
namespace cli {

namespace {

/// "provider:model,provider:model" as peer_ai_configs.
Poco::JSON::Array::Ptr peerConfigs(const std::string& text)
{
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    Poco::StringTokenizer entries(text, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const auto& entry : entries) {
        const auto colon = entry.find(':');
        const std::string provider = colon == std::string::npos ? "" : Poco::trim(entry.substr(0, colon));
        const std::string model = colon == std::string::npos ? "" : Poco::trim(entry.substr(colon + 1));
        if (provider.empty() || model.empty())
            throw UsageError("Invalid peer config '" + entry + "': expected 'provider:model'");
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        o->set("ai_provider", Poco::toLower(provider));
        o->set("ai_model", model);
        out->add(o);
    }
    return out;
}

/// "name:url[:ref][@token],..." as additional_repos.
Poco::JSON::Array::Ptr additionalRepos(const std::string& text)
{
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    Poco::StringTokenizer entries(text, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const auto& entry : entries) {
        const auto colon = entry.find(':');
        const std::string name = colon == std::string::npos ? "" : Poco::trim(entry.substr(0, colon));
        std::string rest = colon == std::string::npos ? "" : Poco::trim(entry.substr(colon + 1));
        std::string token, ref;
        if (const auto at = rest.rfind('@'); at != std::string::npos && rest.find('/', at) == std::string::npos) {
            token = rest.substr(at + 1);
            rest = rest.substr(0, at);
        }
        const auto slash = rest.rfind('/');
        if (const auto refColon = rest.rfind(':'); refColon != std::string::npos && slash != std::string::npos && refColon > slash) {
            ref = rest.substr(refColon + 1);
            rest = rest.substr(0, refColon);
        }
        if (name.empty() || (rest.rfind("http://", 0) != 0 && rest.rfind("https://", 0) != 0 && rest.rfind("git@", 0) != 0 &&
                             rest.rfind("file://", 0) != 0))
            throw UsageError("Invalid additional repo '" + entry + "': expected 'name:url' with an http(s) URL");
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        o->set("name", name);
        o->set("url", rest);
        if (!ref.empty())
            o->set("ref", ref);
        if (!token.empty())
            o->set("token", token);
        out->add(o);
    }
    return out;
}

void requirePositive(const ParsedCommand& a, const std::string& option)
{
    if (auto v = a.integer(option); v && *v <= 0)
        throw UsageError("--" + option + " must be greater than 0.");
}

/// The request body of `analyze`: the profile's analysis defaults first, the options over them.
JsonBody analyzeBody(const Invocation& c)
{
    const ParsedCommand& a = c.args;
    for (const char* option : {"build-number", "poll-interval", "jira-max-results", "ai-cli-timeout", "jenkins-artifacts-max-size-mb",
                               "jenkins-timeout"})
        requirePositive(a, option);
    if (auto v = a.integer("max-wait"); v && *v < 0)
        throw UsageError("--max-wait must be non-negative.");
    JsonBody body;
    body.set("job_name", a.textOr("job-name")).set("build_number", *a.integer("build-number"));
    // Profile defaults: strings when set, integers when not 0, booleans when present.
    for (const char* key : {"jenkins_url", "jenkins_user", "jenkins_password", "tests_repo_url", "jira_url", "jira_email", "jira_api_token",
                            "jira_pat", "jira_project_key", "github_token", "ai_provider", "ai_model"})
        body.text(key, c.profileText(key));
    for (const char* key : {"ai_cli_timeout", "jira_max_results", "jenkins_timeout", "poll_interval_minutes", "max_wait_minutes"})
        if (const long long v = c.profileInteger(key); v != 0) {
            if (v < 0 || (v == 0 && std::string(key) != "max_wait_minutes"))
                throw CommandFailed(std::string("config ") + key + " must be greater than 0.");
            body.set(key, v);
        }
    for (const char* key : {"enable_jira", "jenkins_ssl_verify", "jira_ssl_verify", "wait_for_completion", "force"})
        if (auto v = c.profileBoolean(key))
            body.set(key, *v);
    // The options, over the profile.
    body.text("ai_provider", a.textOr("provider")).text("ai_model", a.textOr("model"));
    if (auto v = a.toggle("jira"))
        body.set("enable_jira", *v);
    for (const auto& [option, field] : std::vector<std::pair<std::string, std::string>>{
             {"jenkins-url", "jenkins_url"}, {"jenkins-user", "jenkins_user"}, {"jenkins-password", "jenkins_password"},
             {"tests-repo-url", "tests_repo_url"}, {"jira-url", "jira_url"}, {"jira-email", "jira_email"},
             {"jira-api-token", "jira_api_token"}, {"jira-pat", "jira_pat"}, {"jira-project-key", "jira_project_key"},
             {"github-token", "github_token"}, {"raw-prompt", "raw_prompt"}})
        body.text(field, a.textOr(option));
    for (const auto& [option, field] : std::vector<std::pair<std::string, std::string>>{
             {"jira-max-results", "jira_max_results"}, {"ai-cli-timeout", "ai_cli_timeout"},
             {"jenkins-artifacts-max-size-mb", "jenkins_artifacts_max_size_mb"}, {"jenkins-timeout", "jenkins_timeout"},
             {"poll-interval", "poll_interval_minutes"}, {"max-wait", "max_wait_minutes"}})
        if (auto v = a.integer(option))
            body.set(field, *v);
    for (const auto& [option, field] : std::vector<std::pair<std::string, std::string>>{
             {"jenkins-ssl-verify", "jenkins_ssl_verify"}, {"jira-ssl-verify", "jira_ssl_verify"},
             {"get-job-artifacts", "get_job_artifacts"}, {"wait", "wait_for_completion"}, {"force", "force"}})
        if (auto v = a.toggle(option))
            body.set(field, *v);
    const std::string peers = Poco::trim(a.textOr("peers")).empty() ? c.profileText("peers") : a.textOr("peers");
    if (!Poco::trim(peers).empty())
        body.set("peer_ai_configs", peerConfigs(peers));
    long long rounds = a.integer("peer-analysis-max-rounds").value_or(c.profileInteger("peer_analysis_max_rounds"));
    if (a.integer("peer-analysis-max-rounds") || rounds != 0) {
        if (rounds < 1 || rounds > 10)
            throw UsageError("--peer-analysis-max-rounds must be between 1 and 10.");
        body.set("peer_analysis_max_rounds", rounds);
    }
    const std::string repos = Poco::trim(a.textOr("additional-repos")).empty() ? c.profileText("additional_repos") : a.textOr("additional-repos");
    if (!Poco::trim(repos).empty())
        body.set("additional_repos", additionalRepos(repos));
    return body;
}

void printQueued(Invocation& c, const Poco::JSON::Object::Ptr& queued, const std::string& what)
{
    c.out.line(what + ": " + member(queued, "job_id"));
    c.out.line("Status: " + c.out.signal(member(queued, "status")));
    c.out.line("Poll: " + member(queued, "result_url"));
}

/// A finished result: its summary and one row per failure.
void printResult(Invocation& c, const Poco::JSON::Object::Ptr& envelope)
{
    Poco::JSON::Object::Ptr result = envelope->getObject("result") ? envelope->getObject("result") : envelope;
    c.out.line("Job: " + member(envelope, "job_id"));
    c.out.line("Status: " + c.out.signal(member(envelope, "status")));
    for (const auto& [key, label] : std::vector<std::pair<std::string, std::string>>{
             {"job_name", "Jenkins job"}, {"build_number", "Build"}, {"summary", "Summary"}, {"error", "Error"}, {"ai_provider", "AI"}})
        if (const std::string v = member(result, key); !v.empty())
            c.out.line(label + ": " + v + (key == "ai_provider" && !member(result, "ai_model").empty() ? " / " + member(result, "ai_model") : ""));
    Poco::JSON::Array::Ptr failures = result->getArray("failures");
    if (!failures || failures->size() == 0)
        return;
    Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
    for (std::size_t i = 0; i < failures->size(); ++i) {
        Poco::JSON::Object::Ptr f = failures->getObject(static_cast<unsigned>(i));
        Poco::JSON::Object::Ptr row = new Poco::JSON::Object;
        row->set("test_name", f->get("test_name"));
        Poco::JSON::Object::Ptr analysis = f->getObject("analysis");
        row->set("classification", analysis ? analysis->get("classification") : Poco::Dynamic::Var());
        row->set("error", f->get("error"));
        rows->add(row);
    }
    c.out.line("");
    c.out.table(rows, {{"test_name", "TEST"}, {"classification", ""}, {"error", ""}});
}

/// Polls until the job ends, with a progress line on stderr (rewritten in place on a
/// terminal, one line per change in a log). Exit 0 when completed, 1 when failed.
int follow(Invocation& c, const std::string& jobId)
{
    const long long every = std::max<long long>(1, c.args.integer("poll-seconds").value_or(2));
    const bool tty = ::isatty(STDERR_FILENO) != 0;
    const auto start = std::chrono::steady_clock::now();
    std::string lastState;
    for (;;) {
        Poco::JSON::Object::Ptr envelope = asObject(call(c, "GET", "/results/" + segment(jobId), nullptr, {200, 202}));
        const std::string status = member(envelope, "status", "?");
        Poco::JSON::Object::Ptr result = envelope->getObject("result");
        const std::string phase = member(result, "progress_phase");
        const long long elapsed = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start).count();
        const std::string state = "[" + status + (phase.empty() ? "" : " " + phase) + "]";
        if (tty)
            c.err << "\r\x1b[K" << state << " " << elapsed << "s" << std::flush;
        else if (state != lastState)
            c.err << state << " " << elapsed << "s\n";
        lastState = state;
        if (status == "completed" || status == "failed") {
            if (tty)
                c.err << "\n";
            if (c.json)
                c.out.json(envelope);
            else
                printResult(c, envelope);
            return status == "completed" ? 0 : 1;
        }
        std::this_thread::sleep_for(std::chrono::seconds(every));
    }
}

int analyze(Invocation& c)
{
    const JsonBody body = analyzeBody(c);
    Poco::JSON::Object::Ptr queued = asObject(call(c, "POST", "/analyze", &body, {202}));
    if (c.args.flag("follow")) {
        c.err << "Job queued: " << member(queued, "job_id") << "\n";
        return follow(c, member(queued, "job_id"));
    }
    if (c.json)
        c.out.json(queued);
    else
        printQueued(c, queued, "Job queued");
    return 0;
}

int reAnalyze(Invocation& c)
{
    JsonBody body; // the stored request again; the extras override its AI settings
    body.text("ai_provider", c.args.textOr("provider")).text("ai_model", c.args.textOr("model")).text("raw_prompt", c.args.textOr("raw-prompt"));
    Poco::JSON::Object::Ptr queued = asObject(call(c, "POST", "/re-analyze/" + segment(c.args.argument("JOB_ID")), &body, {202}));
    if (c.args.flag("follow")) {
        c.err << "Re-analysis queued: " << member(queued, "job_id") << "\n";
        return follow(c, member(queued, "job_id"));
    }
    if (c.json)
        c.out.json(queued);
    else
        printQueued(c, queued, "Re-analysis queued");
    return 0;
}

int status(Invocation& c)
{
    Poco::JSON::Object::Ptr envelope = asObject(call(c, "GET", "/results/" + segment(c.args.argument("JOB_ID")), nullptr, {200, 202}));
    if (c.json) {
        c.out.json(envelope);
        return 0;
    }
    Poco::JSON::Object::Ptr row = new Poco::JSON::Object;
    row->set("job_id", envelope->get("job_id"));
    row->set("status", envelope->get("status"));
    const std::string phase = member(envelope->getObject("result"), "progress_phase");
    std::vector<Column> columns{{"job_id", "JOB ID"}, {"status", ""}};
    if (!phase.empty()) { // an extra column: where a running analysis is
        row->set("progress_phase", phase);
        columns.push_back({"progress_phase", "PHASE"});
    }
    c.out.table(row, columns);
    return 0;
}

int analyzeFailures(Invocation& c)
{
    const std::string path = c.args.textOr("junit");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw UsageError("cannot read " + path);
    const std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    JsonBody body;
    body.set("raw_xml", xml).text("name", c.args.textOr("name")).text("ai_provider", c.args.textOr("provider"))
        .text("ai_model", c.args.textOr("model")).text("raw_prompt", c.args.textOr("raw-prompt"));
    Poco::JSON::Object::Ptr result = asObject(call(c, "POST", "/analyze-failures", &body, {200}, 3600));
    if (auto out = c.args.text("write-enriched")) {
        std::ofstream file(*out, std::ios::binary | std::ios::trunc);
        file << member(result, "enriched_xml");
        if (!file)
            throw UsageError("cannot write " + *out);
    }
    if (c.json)
        c.out.json(result);
    else
        printResult(c, result);
    return member(result, "status") == "completed" ? 0 : 1;
}

const OptionSpec kFollow = flagOption("follow", "", "Wait here for the analysis to end, showing its progress (exit 0 completed, 1 failed).");
const OptionSpec kPollSeconds = intOption("poll-seconds", "", "With --follow: seconds between polls.").byDefault("2");

} // namespace

void addAnalysisCommands(CommandTree& tree)
{
    tree.add({{"analyze"},
              "Submit a Jenkins job for analysis.",
              {},
              {textOption("job-name", "j", "Jenkins job name.").must(),
               intOption("build-number", "b", "Build number to analyze.").must(),
               textOption("provider", "", "AI provider (e.g. claude, gemini, cursor).").completing("provider"),
               textOption("model", "", "AI model to use."),
               toggleOption("jira", "", "Enable/disable Jira integration."),
               textOption("jenkins-url", "", "Jenkins server URL.").env("JENKINS_URL"),
               textOption("jenkins-user", "", "Jenkins username.").env("JENKINS_USER"),
               textOption("jenkins-password", "", "Jenkins password or API token.").env("JENKINS_PASSWORD"),
               toggleOption("jenkins-ssl-verify", "", "Jenkins SSL certificate verification."),
               intOption("jenkins-timeout", "", "Jenkins API request timeout in seconds."),
               intOption("jenkins-artifacts-max-size-mb", "", "Maximum Jenkins artifacts size in MB."),
               toggleOption("get-job-artifacts", "", "Download all build artifacts for AI context."),
               textOption("tests-repo-url", "", "Tests repository URL.").env("TESTS_REPO_URL"),
               textOption("jira-url", "", "Jira instance URL.").env("JIRA_URL"),
               textOption("jira-email", "", "Jira Cloud email.").env("JIRA_EMAIL"),
               textOption("jira-api-token", "", "Jira Cloud API token.").env("JIRA_API_TOKEN"),
               textOption("jira-pat", "", "Jira Server/DC personal access token.").env("JIRA_PAT"),
               textOption("jira-project-key", "", "Jira project key to scope searches.").env("JIRA_PROJECT_KEY"),
               toggleOption("jira-ssl-verify", "", "Jira SSL certificate verification."),
               intOption("jira-max-results", "", "Max Jira search results."),
               textOption("github-token", "", "GitHub API token.").env("GITHUB_TOKEN"),
               intOption("ai-cli-timeout", "", "AI CLI timeout in minutes."),
               textOption("raw-prompt", "", "Raw prompt to append as additional AI instructions."),
               textOption("peers", "", "Peer AI configs as \"provider:model,provider:model\"."),
               intOption("peer-analysis-max-rounds", "", "Maximum debate rounds (1-10, default: 3)."),
               textOption("additional-repos", "", "Additional repos for AI context as \"name:url,name:url\" (url[:ref][@token])."),
               toggleOption("wait", "", "Wait for Jenkins job to complete before analyzing (on the server)."),
               intOption("poll-interval", "", "Minutes between Jenkins polls."),
               intOption("max-wait", "", "Maximum minutes to wait for completion."),
               toggleOption("force", "", "Force analysis even if the build succeeded."),
               kFollow, kPollSeconds},
              analyze});
    tree.add({{"re-analyze"},
              "Re-analyze a previously analyzed job with the same settings.",
              {argument("JOB_ID", "job-id")},
              {textOption("provider", "", "Another AI provider for this run (extra).").completing("provider"),
               textOption("model", "", "Another AI model for this run (extra)."),
               textOption("raw-prompt", "", "Extra AI instructions for this run (extra)."), kFollow, kPollSeconds},
              reAnalyze});
    tree.add({{"status"}, "Check analysis status for a job.", {argument("JOB_ID", "job-id")}, {}, status});
    tree.add({{"analyze-failures"},
              "Analyze a JUnit XML report directly, without Jenkins (extra).",
              {},
              {textOption("junit", "", "The JUnit XML file.").must().completing("file"),
               textOption("write-enriched", "", "Write the report enriched with the analysis to this file.").completing("file"),
               textOption("name", "n", "Display name for this analysis on the dashboard."),
               textOption("provider", "", "AI provider.").completing("provider"), textOption("model", "", "AI model."),
               textOption("raw-prompt", "", "Raw prompt to append as additional AI instructions.")},
              analyzeFailures});
}

} // namespace cli
} // namespace jji
