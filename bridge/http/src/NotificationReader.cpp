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

BuildNotification readNotification(FieldReader& reader)
{
    BuildNotification n;
    const std::string name = reader.string("name");
    const std::string jobUrl = reader.string("url");
    Poco::JSON::Object::Ptr buildObject = reader.optObject("build");
    if (!reader.require("build") || (!buildObject && !reader.isNull("build")))
        return n; // missing, or not an object
    FieldReader build = reader.nested(buildObject, {"build"});
    n.number = build.requiredInt("number", {std::nullopt, 0, std::nullopt});
    n.phase = Poco::toUpper(build.string("phase"));
    n.status = Poco::toUpper(build.string("status"));
    const std::string buildUrl = build.string("url");
    if (reader.errors().empty())
        n.jobName = jobNameOf(name, jobUrl, buildUrl);
    return n;
}

BuildNotification readNotification(const Poco::JSON::Object::Ptr& body)
{
    ValidationErrors errors;
    FieldReader reader(body, {"body"}, errors);
    BuildNotification n = readNotification(reader);
    errors.raiseIfAny();
    return n;
}

} // namespace bridge
} // namespace jji
