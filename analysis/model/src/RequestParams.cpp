#include "jji/analysis/model/RequestParams.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

namespace jji {
namespace analysis {

const std::vector<std::string>& secretRequestKeys()
{
    static const std::vector<std::string> keys{
        "jenkins_password", "jenkins_user", "jira_api_token", "jira_pat", "jira_email",
        "jira_token", "github_token", "reportportal_api_token", "callback_headers",
    };
    return keys;
}

Poco::JSON::Object::Ptr copyJson(const Poco::JSON::Object::Ptr& object)
{
    if (!object)
        return nullptr;
    std::ostringstream text;
    object->stringify(text);
    Poco::JSON::Parser parser;
    parser.setAllowComments(false);
    return parser.parse(text.str()).extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Object::Ptr redactRequestParams(const Poco::JSON::Object::Ptr& params)
{
    if (!params)
        return nullptr;
    Poco::JSON::Object::Ptr copy = copyJson(params); // the stored object must stay untouched
    for (const auto& key : secretRequestKeys())
        copy->remove(key);
    if (Poco::JSON::Array::Ptr repos = copy->getArray("additional_repos")) {
        for (std::size_t i = 0; i < repos->size(); ++i)
            if (Poco::JSON::Object::Ptr repo = repos->getObject(static_cast<unsigned>(i)))
                repo->remove("token");
    }
    return copy;
}

namespace {

void setAbsent(Poco::JSON::Object::Ptr& o, const std::string& key, const Poco::Dynamic::Var& value)
{
    if (!o->has(key))
        o->set(key, value);
}

/// PEER_AI_CONFIGS ("provider:model,...") as the request's peer_ai_configs list.
Poco::JSON::Array::Ptr serverPeers(const std::string& text)
{
    Poco::JSON::Array::Ptr peers = new Poco::JSON::Array;
    std::size_t from = 0;
    while (from <= text.size()) {
        const std::size_t comma = std::min(text.find(',', from), text.size());
        const std::string item = text.substr(from, comma - from);
        const std::size_t colon = item.find(':');
        if (colon != std::string::npos) {
            Poco::JSON::Object::Ptr peer = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            peer->set("ai_provider", item.substr(0, colon));
            peer->set("ai_model", item.substr(colon + 1));
            peers->add(peer);
        }
        from = comma + 1;
    }
    return peers;
}

} // namespace

void addEffectiveRequestParams(Poco::JSON::Object::Ptr visible, const config::Settings& s, bool jenkinsBacked)
{
    if (!visible)
        return;
    setAbsent(visible, "ai_provider", s.aiProvider);
    setAbsent(visible, "ai_model", s.aiModel);
    setAbsent(visible, "peer_ai_configs", serverPeers(s.peerAiConfigs));
    setAbsent(visible, "additional_repos", Poco::Dynamic::Var()); // the server's carry tokens: not shown
    if (!visible->has("tests_repo_url")) {
        std::string url = s.testsRepoUrl, ref;
        const std::size_t colon = url.rfind(':'), slash = url.rfind('/');
        if (colon != std::string::npos && slash != std::string::npos && colon > slash) {
            ref = url.substr(colon + 1);
            url = url.substr(0, colon);
        }
        visible->set("tests_repo_url", url);
        visible->set("tests_repo_ref", ref);
    }
    setAbsent(visible, "tests_repo_ref", "");
    setAbsent(visible, "ai_cli_timeout", s.aiCliTimeoutMinutes);
    setAbsent(visible, "peer_analysis_max_rounds", s.peerAnalysisMaxRounds);
    setAbsent(visible, "raw_prompt", "");
    if (!jenkinsBacked)
        return;
    setAbsent(visible, "jenkins_url", s.jenkinsUrl);
    setAbsent(visible, "jenkins_ssl_verify", s.jenkinsSslVerify);
    setAbsent(visible, "jenkins_timeout", s.jenkinsTimeout);
    setAbsent(visible, "wait_for_completion", s.waitForCompletion);
    setAbsent(visible, "poll_interval_minutes", s.pollIntervalMinutes);
    setAbsent(visible, "max_wait_minutes", s.maxWaitMinutes);
    setAbsent(visible, "enable_jira", s.enableJira.value_or(!s.jiraUrl.empty() && !s.jiraProjectKey.empty() &&
                                                           (!s.jiraApiToken.empty() || !s.jiraPat.empty())));
    setAbsent(visible, "jira_url", s.jiraUrl);
    setAbsent(visible, "jira_project_key", s.jiraProjectKey);
    setAbsent(visible, "jira_ssl_verify", s.jiraSslVerify);
    setAbsent(visible, "jira_max_results", s.jiraMaxResults);
    setAbsent(visible, "max_concurrent_ai_calls", s.maxConcurrentAiCalls);
    setAbsent(visible, "jenkins_artifacts_max_size_mb", s.jenkinsArtifactsMaxSizeMb);
    setAbsent(visible, "get_job_artifacts", s.getJobArtifacts);
    setAbsent(visible, "force", s.forceAnalysis);
}

void applyOverrides(Poco::JSON::Object::Ptr params, const Poco::JSON::Object::Ptr& overrides)
{
    static const std::vector<std::pair<std::string, std::vector<std::string>>> credentialsOf{
        {"jenkins_url", {"jenkins_user", "jenkins_password"}},
        {"jira_url", {"jira_email", "jira_api_token", "jira_pat", "jira_token"}},
        {"tests_repo_url", {"github_token"}},
    };
    for (const auto& [url, keys] : credentialsOf) {
        if (!overrides->has(url))
            continue;
        const std::string before = params->has(url) ? params->get(url).toString() : "";
        if (overrides->get(url).toString() == before)
            continue;
        for (const auto& key : keys)
            if (!overrides->has(key))
                params->remove(key);
    }
    for (const auto& [name, value] : *overrides)
        params->set(name, value);
}

SplitRequestParams splitRequestParams(const Poco::JSON::Object::Ptr& params)
{
    SplitRequestParams split{redactRequestParams(params), new Poco::JSON::Object};
    if (!params)
        return {new Poco::JSON::Object, split.secrets};
    for (const auto& key : secretRequestKeys())
        if (params->has(key) && !params->get(key).isEmpty())
            split.secrets->set(key, params->get(key));
    if (Poco::JSON::Array::Ptr repos = params->getArray("additional_repos")) {
        Poco::JSON::Object::Ptr tokens = new Poco::JSON::Object;
        for (std::size_t i = 0; i < repos->size(); ++i) {
            Poco::JSON::Object::Ptr repo = repos->getObject(static_cast<unsigned>(i));
            if (repo && repo->has("token") && !repo->get("token").isEmpty())
                tokens->set(repo->optValue<std::string>("name", ""), repo->get("token"));
        }
        if (tokens->size() > 0)
            split.secrets->set("additional_repo_tokens", tokens);
    }
    return {split.visible, copyJson(split.secrets)};
}

Poco::JSON::Object::Ptr joinRequestParams(const Poco::JSON::Object::Ptr& visible, const Poco::JSON::Object::Ptr& secrets)
{
    Poco::JSON::Object::Ptr joined = visible ? copyJson(visible) : Poco::JSON::Object::Ptr(new Poco::JSON::Object);
    if (!secrets)
        return joined;
    for (const auto& key : secretRequestKeys())
        if (secrets->has(key))
            joined->set(key, secrets->get(key));
    Poco::JSON::Object::Ptr tokens = secrets->getObject("additional_repo_tokens");
    Poco::JSON::Array::Ptr repos = joined->getArray("additional_repos");
    if (tokens && repos) {
        for (std::size_t i = 0; i < repos->size(); ++i) {
            Poco::JSON::Object::Ptr repo = repos->getObject(static_cast<unsigned>(i));
            const std::string name = repo ? repo->optValue<std::string>("name", "") : "";
            if (repo && tokens->has(name))
                repo->set("token", tokens->get(name));
        }
    }
    return joined;
}

} // namespace analysis
} // namespace jji
