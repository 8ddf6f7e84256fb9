#include "jji/bridge/http/NotificationReader.h"

#include "jji/analysis/jenkins/ChildBuilds.h"
#include "jji/bridge/http/FieldReader.h"
#include "jji/bridge/http/ValidationErrors.h"

#include <Poco/String.h>

namespace jji {
namespace bridge {

namespace {

/// The job's full name: from build.url ("job/folder/job/name/12/"), else the job url,
/// else the plugin's name field (which is not folder-qualified).
std::string jobNameOf(const std::string& name, const std::string& jobUrl, const std::string& buildUrl)
{
    for (const std::string& url : {buildUrl, jobUrl}) {
        analysis::ChildBuildRef ref = analysis::childFromBuildUrl("http://jenkins/" + url);
        if (!ref.jobName.empty())
            return ref.jobName;
    }
    return name;
}

} // namespace

BuildNotification readNotification(const Poco::JSON::Object::Ptr& body)
{
    ValidationErrors errors;
    FieldReader reader(body, {"body"}, errors);
    const std::string name = reader.string("name");
    const std::string jobUrl = reader.string("url");
    Poco::JSON::Object::Ptr buildObject = reader.optObject("build");
    if (!buildObject && !reader.has("build"))
        errors.add("missing", reader.at("build"), "Field required", body);
    errors.raiseIfAny();
    FieldReader build = reader.nested(buildObject, {"build"});
    BuildNotification n;
    n.number = build.requiredInt("number", {std::nullopt, 0, std::nullopt});
    n.phase = Poco::toUpper(build.string("phase"));
    n.status = Poco::toUpper(build.string("status"));
    const std::string buildUrl = build.string("url");
    errors.raiseIfAny();
    n.jobName = jobNameOf(name, jobUrl, buildUrl);
    return n;
}

} // namespace bridge
} // namespace jji
