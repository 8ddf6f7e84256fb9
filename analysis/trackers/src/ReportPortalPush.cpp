#include "jji/analysis/trackers/ReportPortalPush.h"

#include "jji/analysis/review/FailureReview.h"
#include "jji/analysis/model/JsonText.h"
#include "jji/analysis/trackers/ReportPortalClient.h"
#include "jji/config/Capabilities.h"
#include "jji/storage/ResultStore.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>

#include <algorithm>
#include <map>
#include <set>

namespace jji {
namespace analysis {

namespace {

constexpr std::size_t kMaxCommentDetails = 2000;

std::string shortName(std::string name)
{
    // Parameters ("test_x[1.5]", "test_x(2)") are not part of the name's path.
    const std::size_t params = name.find_first_of("[(");
    const std::string suffix = params == std::string::npos ? "" : name.substr(params);
    name.resize(std::min(name.size(), params));
    const std::size_t colons = name.rfind("::");
    const std::size_t dot = name.rfind('.');
    std::size_t cut = std::string::npos;
    if (colons != std::string::npos)
        cut = colons + 2;
    if (dot != std::string::npos && (cut == std::string::npos || dot + 1 > cut))
        cut = dot + 1;
    return (cut == std::string::npos ? name : name.substr(cut)) + suffix;
}

/// Failures by full test name, and by short name when that is unambiguous.
struct FailureIndex
{
    std::map<std::string, Poco::JSON::Object::Ptr> byName;
    std::map<std::string, Poco::JSON::Object::Ptr> byShortName;

    explicit FailureIndex(const Poco::JSON::Array::Ptr& failures)
    {
        std::set<std::string> ambiguous;
        for (unsigned i = 0; failures && i < failures->size(); ++i) {
            Poco::JSON::Object::Ptr f = failures->getObject(i);
            const std::string name = textField(f, "test_name");
            if (!f || name.empty())
                continue;
            byName.emplace(name, f);
            const std::string brief = shortName(name);
            if (!byShortName.emplace(brief, f).second)
                ambiguous.insert(brief);
        }
        for (const auto& name : ambiguous)
            byShortName.erase(name);
    }

    Poco::JSON::Object::Ptr match(const ReportPortalItem& item) const
    {
        for (const std::string* key : {&item.name, &item.codeRef}) {
            auto exact = byName.find(*key);
            if (!key->empty() && exact != byName.end())
                return exact->second;
        }
        auto brief = byShortName.find(shortName(item.name));
        return brief == byShortName.end() ? nullptr : brief->second;
    }
};

} // namespace

std::string ReportPortalPush::defectGroup(const std::string& classification)
{
    if (classification == "CODE ISSUE")
        return "AUTOMATION_BUG";
    if (classification == "PRODUCT BUG")
        return "PRODUCT_BUG";
    if (classification == "INFRASTRUCTURE")
        return "SYSTEM_ISSUE";
    return "";
}

ReportPortalPushResult ReportPortalPush::push(const std::string& jobId, const std::optional<FailureScope>& child) const
{
    if (!config::Capabilities::from(_settings).reportportal)
        throw TrackerError(TrackerError::Kind::Config, "Report Portal is disabled or not configured "
                                                       "(REPORTPORTAL_URL, REPORTPORTAL_API_TOKEN, REPORTPORTAL_PROJECT)");
    if (_settings.publicBaseUrl.empty())
        throw TrackerError(TrackerError::Kind::Config,
                           "PUBLIC_BASE_URL must be set: Report Portal items link back to the analysis report");
    auto row = storage::ResultStore(_db).find(jobId);
    if (!row)
        throw ReviewTargetError(ReviewTargetError::Kind::JobNotFound, "Job not found");

    ReportPortalPushResult out;
    if (row->status != "completed") {
        out.errors.push_back("The analysis is " + row->status + "; only completed analyses can be pushed");
        return out;
    }
    Poco::JSON::Object::Ptr result;
    try {
        result = Poco::JSON::Parser().parse(row->resultJson).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        out.errors.push_back("The stored analysis cannot be read");
        return out;
    }
    Poco::JSON::Object::Ptr node = result;
    if (child) {
        node = findChildAnalysis(result, *child);
        if (!node)
            throw TrackerError(TrackerError::Kind::Config, "Child job '" + child->childJobName + "' #" +
                                                               std::to_string(child->childBuildNumber) +
                                                               " is not part of this analysis");
    }
    const std::string jobName = child ? child->childJobName : textField(result, "job_name");
    const long long buildNumber = node->optValue<long long>("build_number", 0);
    if (jobName.empty()) {
        out.errors.push_back("This analysis is not tied to a Jenkins build: Report Portal launches are found by job name "
                             "and build number");
        return out;
    }

    try {
        ReportPortalClient rp(_settings);
        const std::string buildUrl = textField(node, "jenkins_url");
        std::optional<ReportPortalLaunch> launch = rp.findLaunch(jobName, buildNumber, buildUrl);
        const std::size_t slash = jobName.rfind('/');
        if (!launch && slash != std::string::npos) // launches are often named after the job without its folders
            launch = rp.findLaunch(jobName.substr(slash + 1), buildNumber, buildUrl);
        if (!launch) {
            out.errors.push_back("No Report Portal launch named '" + jobName + "' for build #" + std::to_string(buildNumber) +
                                 " in project " + _settings.reportportalProject);
            return out;
        }
        out.launchId = launch->id;

        const FailureIndex index(node->getArray("failures"));
        const std::map<std::string, std::string> locators = rp.defectLocators();
        const std::string reportUrl = _settings.publicBaseUrl + "/results/" + jobId + ".html";
        std::vector<ReportPortalDefect> defects;
        for (const auto& item : rp.failedSteps(launch->id)) {
            Poco::JSON::Object::Ptr failure = index.match(item);
            Poco::JSON::Object::Ptr analysis = failure ? failure->getObject("analysis") : nullptr;
            const std::string classification = textField(analysis, "classification");
            auto locator = locators.find(defectGroup(classification));
            if (!failure || locator == locators.end()) {
                out.unmatched.push_back(item.name);
                continue;
            }
            std::string details = textField(analysis, "details");
            if (details.size() > kMaxCommentDetails)
                details = details.substr(0, kMaxCommentDetails) + "...";
            defects.push_back({item.id, locator->second,
                               "**Jenkins Job Insight: " + classification + "**\n\n" + details + "\n\n[Full analysis](" +
                                   reportUrl + ")"});
        }
        out.pushed = defects.empty() ? 0 : rp.defineDefects(defects, out.errors);
    } catch (const TrackerError& e) {
        out.errors.push_back(e.what());
    }
    Poco::Logger::get("jji.trackers").information("Report Portal push of job %s: %z pushed, %z unmatched, %z errors", jobId,
                                                  out.pushed, out.unmatched.size(), out.errors.size());
    return out;
}

} // namespace analysis
} // namespace jji
