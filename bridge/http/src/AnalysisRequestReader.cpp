#include "jji/bridge/http/AnalysisRequestReader.h"

#include "jji/analysis/ai/AiRequestResolver.h"
#include "jji/analysis/notify/CallbackSender.h"
#include "jji/analysis/runtime/TargetPolicy.h"
#include "jji/bridge/http/HttpError.h"

#include <Poco/JSON/Array.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <set>

namespace jji {
namespace bridge {

namespace {

std::vector<std::string> knownProviders(const config::Settings& settings)
{
    std::vector<std::string> providers = config::builtInAiProviders();
    for (const auto& [name, command] : settings.aiCommands) {
        (void)command;
        if (std::find(providers.begin(), providers.end(), name) == providers.end())
            providers.push_back(name);
    }
    return providers;
}

void setIf(Poco::JSON::Object::Ptr& params, const std::string& name, const std::optional<std::string>& value)
{
    if (value)
        params->set(name, *value);
}

/// A 422 when a URL the request names would lead the daemon where it must not go (an
/// internal host not allowed by the policy; a file:// repository without JJI_ALLOW_FILE_REPOS).
void checkTarget(FieldReader& reader, const Location& at, const std::string& url, const analysis::TargetPolicy& policy,
                 bool allowFile = false)
{
    if (url.empty())
        return;
    std::string problem;
    try {
        Poco::URI uri(url);
        if (allowFile && Poco::toLower(uri.getScheme()) == "file")
            return;
        problem = policy.refusal(uri);
    } catch (const Poco::Exception&) {
        problem = "the URL is invalid";
    }
    if (!problem.empty())
        reader.errors().add("value_error", at, "Value error, " + problem, url);
}

Poco::JSON::Array::Ptr readPeerConfigs(FieldReader& reader, const config::Settings& settings)
{
    if (reader.isNull("peer_ai_configs"))
        return nullptr;
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    const auto providers = knownProviders(settings);
    for (FieldReader& entry : reader.objectItems("peer_ai_configs", "AiConfigEntry")) {
        const std::optional<std::string> provider = entry.requiredLiteral("ai_provider", providers);
        // A blank model is a configuration problem (400 from resolveAi), not a shape error.
        std::string model = entry.requiredString("ai_model");
        Poco::JSON::Object::Ptr clean = new Poco::JSON::Object;
        clean->set("ai_provider", provider.value_or(""));
        clean->set("ai_model", Poco::trim(model));
        out->add(clean);
    }
    return out;
}

Poco::JSON::Array::Ptr readAdditionalRepos(FieldReader& reader, const config::Settings& settings)
{
    const auto policy = analysis::TargetPolicy::forFetches(settings);
    if (reader.isNull("additional_repos"))
        return nullptr;
    // Each URL costs a DNS lookup now and a clone later: a bounded list.
    constexpr std::size_t kMaxAdditionalRepos = 20;
    static const std::set<std::string> reserved{"tests-repo", "tests_repo", "artifacts", "workspace"};
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    std::set<std::string> seen;
    for (FieldReader& repo : reader.objectItems("additional_repos", "AdditionalRepo", {std::nullopt, kMaxAdditionalRepos})) {
        Poco::JSON::Object::Ptr item = repo.object();
        std::string name = repo.requiredString("name");
        std::string url = repo.requiredString("url");
        std::string ref = repo.string("ref");
        auto token = repo.optString("token");
        if (repo.has("name") && item->get("name").isString()) {
            std::string problem;
            std::string trimmed = Poco::trim(name);
            if (trimmed.empty())
                problem = "name must not be blank";
            else if (name.find('/') != std::string::npos || name.find('\\') != std::string::npos)
                problem = "name must not contain path separators";
            else if (name.find("..") != std::string::npos)
                problem = "name must not contain '..'";
            else if (name[0] == '.')
                problem = "name must not start with '.'";
            else if (reserved.count(name))
                problem = "name '" + name + "' is reserved";
            else if (!seen.insert(name).second)
                problem = "duplicate name '" + name + "'";
            if (!problem.empty())
                reader.errors().add("value_error", repo.at("name"), "Value error, " + problem, name);
        }
        checkTarget(reader, repo.at("url"), url, policy, settings.allowFileRepos);
        Poco::JSON::Object::Ptr clean = new Poco::JSON::Object;
        clean->set("name", name);
        clean->set("url", url);
        clean->set("ref", ref);
        if (token)
            clean->set("token", *token);
        out->add(clean);
    }
    return out;
}

} // namespace

const std::vector<std::string>& AnalysisRequestReader::fieldNames()
{
    static const std::vector<std::string> names{
        "tests_repo_url", "ai_provider", "ai_model", "enable_jira", "ai_cli_timeout", "jira_url", "jira_email",
        "jira_api_token", "jira_pat", "jira_project_key", "jira_ssl_verify", "jira_max_results", "raw_prompt",
        "github_token", "peer_ai_configs", "peer_analysis_max_rounds", "additional_repos", "reuse_confirmed",
        "issue_prompt",
    };
    return names;
}

Poco::JSON::Object::Ptr AnalysisRequestReader::readParams(FieldReader& reader, const config::Settings& settings)
{
    Poco::JSON::Object::Ptr params = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    if (auto url = reader.optString("tests_repo_url")) {
        // "https://host/repo.git:main" -> url + ref; a ':' inside the scheme or host:port is not a ref.
        std::string repo = *url, ref;
        auto colon = repo.rfind(':');
        auto lastSlash = repo.rfind('/');
        if (colon != std::string::npos && lastSlash != std::string::npos && colon > lastSlash) {
            ref = repo.substr(colon + 1);
            repo = repo.substr(0, colon);
        }
        checkTarget(reader, reader.at("tests_repo_url"), repo, analysis::TargetPolicy::forFetches(settings),
                    settings.allowFileRepos);
        params->set("tests_repo_url", repo);
        params->set("tests_repo_ref", ref);
    }
    setIf(params, "ai_provider", reader.optLiteral("ai_provider", knownProviders(settings)));
    setIf(params, "ai_model", reader.optString("ai_model"));
    if (auto v = reader.optBool("enable_jira"))
        params->set("enable_jira", *v);
    if (auto v = reader.optBool("reuse_confirmed"))
        params->set("reuse_confirmed", *v);
    if (auto v = reader.optInt("ai_cli_timeout", {std::nullopt, 0, std::nullopt}))
        params->set("ai_cli_timeout", *v);
    for (const char* name : {"jira_url", "jira_email", "jira_api_token", "jira_pat", "jira_project_key", "raw_prompt",
                             "github_token", "issue_prompt"})
        setIf(params, name, reader.optString(name));
    if (params->has("jira_url"))
        checkTarget(reader, reader.at("jira_url"), params->getValue<std::string>("jira_url"),
                    analysis::TargetPolicy::forFetches(settings));
    if (auto v = reader.optBool("jira_ssl_verify"))
        params->set("jira_ssl_verify", *v);
    if (auto v = reader.optInt("jira_max_results", {std::nullopt, 0, std::nullopt}))
        params->set("jira_max_results", *v);
    if (auto peers = readPeerConfigs(reader, settings))
        params->set("peer_ai_configs", peers);
    if (auto v = reader.optInt("peer_analysis_max_rounds", {1, std::nullopt, 10}))
        params->set("peer_analysis_max_rounds", *v);
    if (auto repos = readAdditionalRepos(reader, settings))
        params->set("additional_repos", repos);
    return params;
}

void AnalysisRequestReader::readJenkinsFields(FieldReader& reader, Poco::JSON::Object::Ptr& params,
                                              const config::Settings& settings)
{
    const std::string jobName = reader.requiredString("job_name");
    if (reader.has("job_name") && reader.object()->get("job_name").isString() && Poco::trim(jobName).empty())
        reader.errors().add("value_error", reader.at("job_name"), "Value error, job_name must not be blank", jobName);
    params->set("job_name", Poco::trim(jobName));
    params->set("build_number", reader.requiredInt("build_number", {std::nullopt, 0, std::nullopt}));
    for (const char* name : {"wait_for_completion", "jenkins_ssl_verify", "get_job_artifacts", "force"})
        if (auto v = reader.optBool(name))
            params->set(name, *v);
    // Upper bounds as for the server settings: larger values overflow clocks and sizes.
    const std::vector<std::pair<const char*, IntBounds>> numbers{
        {"poll_interval_minutes", {std::nullopt, 0, 1440}},
        {"max_wait_minutes", {0, std::nullopt, 100000}},
        {"jenkins_timeout", {std::nullopt, 0, 3600}},
        {"jenkins_artifacts_max_size_mb", {std::nullopt, 0, 100000}},
    };
    for (const auto& [name, bounds] : numbers)
        if (auto v = reader.optInt(name, bounds))
            params->set(name, *v);
    for (const char* name : {"jenkins_url", "jenkins_user", "jenkins_password"})
        setIf(params, name, reader.optString(name));
    if (params->has("jenkins_url"))
        checkTarget(reader, reader.at("jenkins_url"), params->getValue<std::string>("jenkins_url"),
                    analysis::TargetPolicy::forFetches(settings));
    if (auto url = reader.optString("callback_url")) {
        const bool web = url->rfind("http://", 0) == 0 || url->rfind("https://", 0) == 0;
        if (!web)
            reader.errors().add("url_scheme", reader.at("callback_url"), "URL scheme should be 'http' or 'https'", *url);
        else
            checkTarget(reader, reader.at("callback_url"), *url, analysis::TargetPolicy::forCallbacks(settings));
        params->set("callback_url", *url);
    }
    if (Poco::JSON::Object::Ptr headers = reader.optObject("callback_headers")) {
        Poco::JSON::Object::Ptr clean = new Poco::JSON::Object;
        for (const auto& [name, value] : *headers) {
            Location at = reader.at("callback_headers");
            at.push_back(name);
            if (!value.isString())
                reader.errors().add("string_type", at, "Input should be a valid string", value);
            else if (const std::string problem = analysis::CallbackSender::headerProblem(name, value.toString()); !problem.empty())
                reader.errors().add("value_error", at, "Value error, " + problem, name);
            else
                clean->set(name, value);
        }
        params->set("callback_headers", clean);
    }
}

analysis::AiRequest AnalysisRequestReader::resolveAi(Poco::JSON::Object::Ptr params, const config::Settings& settings)
{
    try {
        return analysis::resolveAiRequest(params, settings);
    } catch (const analysis::AnalysisConfigError& e) {
        throw HttpError(400, e.what());
    }
}

} // namespace bridge
} // namespace jji
