#include "WebhookRoutes.h"

#include "jji/analysis/jobs/JenkinsJobRequest.h"
#include "jji/analysis/ai/AiRequestResolver.h"
#include "jji/bridge/http/AnalysisRequestReader.h"
#include "jji/bridge/routes/AppContext.h"
#include "jji/bridge/http/Exchange.h"
#include "jji/bridge/http/NotificationReader.h"
#include "jji/bridge/http/HttpError.h"
#include "jji/bridge/http/RequestFields.h"
#include "jji/bridge/views/ResultViews.h"
#include "jji/bridge/http/Router.h"
#include "jji/bridge/access/SecretCompare.h"

#include <Poco/Logger.h>
#include <Poco/String.h>

#include <algorithm>

namespace jji {
namespace bridge {

namespace {

/// ?token=: the shared secret in the URL (the Notification plugin can only configure a URL).
std::string readTokenQuery(FieldReader& query)
{
    return query.string("token");
}

/// The shared secret from the X-JJI-Webhook-Token header, a bearer token, or ?token=.
std::string presentedToken(const Exchange& ex)
{
    std::string token = ex.header("X-JJI-Webhook-Token");
    if (!token.empty())
        return token;
    const std::string auth = ex.header("Authorization");
    if (Poco::icompare(auth.substr(0, 7), "Bearer ") == 0)
        return Poco::trim(auth.substr(7));
    return readQuery(ex, readTokenQuery);
}

/// BuildNotification: the Notification plugin's payload, or the jobInsight step's.
BuildNotification readBuildNotification(FieldReader& reader)
{
    return readNotification(reader);
}

void ignored(Exchange& ex, const std::string& reason)
{
    Poco::JSON::Object::Ptr reply = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    reply->set("status", "ignored");
    reply->set("reason", reason);
    ex.sendJson(200, reply);
}

void notify(AppContext& context, Exchange& ex)
{
    const config::Settings& settings = context.settings;
    if (!settings.webhookToken.empty() && !secretsEqual(presentedToken(ex), settings.webhookToken))
        throw HttpError(401, "Invalid or missing webhook token");

    const BuildNotification notification = readBody(ex, readBuildNotification);
    const std::string& jobName = notification.jobName;
    const long long number = notification.number;
    const std::string& phase = notification.phase;
    const std::string& status = notification.status;
    if (phase != "COMPLETED" && phase != "FINALIZED")
        return ignored(ex, "phase " + (phase.empty() ? std::string("(none)") : phase) + " is not a finished build");
    const auto& wanted = settings.notifyResults;
    if (std::find(wanted.begin(), wanted.end(), status) == wanted.end())
        return ignored(ex, "build result " + (status.empty() ? std::string("(none)") : status) +
                               " is not analysed (JJI_NOTIFY_RESULTS)");
    if (jobName.empty())
        ValidationErrors::fail("value_error", {"body"}, "Value error, the notification names no job", Poco::Dynamic::Var());
    if (settings.jenkinsUrl.empty())
        // The notification's own URL is not trusted: the server's Jenkins credentials go only to JENKINS_URL.
        return ignored(ex, "JENKINS_URL is not configured on the server");

    Poco::JSON::Object::Ptr params = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    params->set("job_name", jobName);
    params->set("build_number", number);
    AnalysisRequestReader::resolveAi(params, settings);
    analysis::AnalysisJobs::Submission submission;
    try {
        // COMPLETED and FINALIZED both arrive for one build, and Jenkins retries: one job per build.
        submission = context.jobs.submit(params, "notify:" + jobName + "#" + std::to_string(number), ex.clientAddress());
    } catch (const analysis::AnalysisConfigError& e) {
        throw HttpError(400, e.what());
    } catch (const analysis::JobQueueFull& e) {
        throw HttpError::retryAfter(429, 30, e.what()); // Jenkins' notification plugin retries
    }
    Poco::Logger::get("jji.webhook").information("notification for %s #%s (%s): job %s%s", jobName, std::to_string(number), status,
                                                 submission.jobId, std::string(submission.duplicate ? " (duplicate)" : ""));
    Poco::JSON::Object::Ptr reply = queuedReply(settings, submission.jobId, "Analysis");
    reply->set("duplicate", submission.duplicate);
    ex.sendJson(202, reply);
}

} // namespace

void registerWebhookRoutes(Router& router, AppContext& context)
{
    router.add("POST", "/api/jenkins/notify", [&context](Exchange& ex) { notify(context, ex); },
               "Build-finished notification (Jenkins Notification plugin or the jobInsight step)")
        .body("BuildNotification", readBuildNotification).query(readTokenQuery)
        .webhook().answers(202, "QueuedAnalysis").answers(200, "NotificationIgnored").fails({400, 429});
}

} // namespace bridge
} // namespace jji
