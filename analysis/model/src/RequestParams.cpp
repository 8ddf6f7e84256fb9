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
