#include "jji/analysis/RequestParams.h"

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

Poco::JSON::Object::Ptr redactRequestParams(const Poco::JSON::Object::Ptr& params)
{
    if (!params)
        return nullptr;
    // Deep copy through text: the stored object must stay untouched.
    std::ostringstream text;
    params->stringify(text);
    Poco::JSON::Object::Ptr copy = Poco::JSON::Parser().parse(text.str()).extract<Poco::JSON::Object::Ptr>();
    for (const auto& key : secretRequestKeys())
        copy->remove(key);
    if (Poco::JSON::Array::Ptr repos = copy->getArray("additional_repos")) {
        for (std::size_t i = 0; i < repos->size(); ++i)
            if (Poco::JSON::Object::Ptr repo = repos->getObject(static_cast<unsigned>(i)))
                repo->remove("token");
    }
    return copy;
}

} // namespace analysis
} // namespace jji
