#include "jji/analysis/trackers/ReportPortalClient.h"

#include "jji/analysis/model/JsonText.h"

#include <Poco/String.h>

namespace jji {
namespace analysis {

namespace {

constexpr int kPageSize = 300;
constexpr int kMaxPages = 50;       // 15k failed steps is more than any launch we push
constexpr std::size_t kBatch = 100; // items per defect update

bool namesBuild(const Poco::JSON::Object::Ptr& launch, long long buildNumber, const std::string& buildUrl)
{
    const std::string number = std::to_string(buildNumber);
    if (Poco::JSON::Array::Ptr attributes = launch->getArray("attributes"))
        for (unsigned i = 0; i < attributes->size(); ++i) {
            Poco::JSON::Object::Ptr a = attributes->getObject(i);
            if (a && textField(a, "value") == number && Poco::toLower(textField(a, "key")).find("build") != std::string::npos)
                return true;
        }
    return !buildUrl.empty() && textField(launch, "description").find(buildUrl) != std::string::npos;
}

} // namespace

ReportPortalClient::ReportPortalClient(const config::Settings& settings, int timeoutSeconds)
    : _project(settings.reportportalProject),
      _http("Report Portal", settings.reportportalUrl, settings.reportportalVerifySsl, timeoutSeconds)
{
    _http.header("Authorization", "Bearer " + settings.reportportalApiToken, true);
    _http.secret(settings.reportportalApiToken);
}

int ReportPortalClient::probe() const
{
    try {
        return _http.get("/api/v1/user").status;
    } catch (const TrackerError& e) {
        if (e.upstreamStatus() > 0)
            return e.upstreamStatus();
        throw;
    }
}

std::optional<ReportPortalLaunch> ReportPortalClient::findLaunch(const std::string& name, long long buildNumber,
                                                                 const std::string& buildUrl) const
{
    const std::string path = "/api/v1/" + TrackerHttp::encode(_project) + "/launch?filter.eq.name=" +
                             TrackerHttp::encode(name) + "&page.sort=startTime%2CDESC&page.size=100";
    Poco::JSON::Object::Ptr page = _http.get(path).object();
    Poco::JSON::Array::Ptr launches = page ? page->getArray("content") : nullptr;
    for (unsigned i = 0; launches && i < launches->size(); ++i) {
        Poco::JSON::Object::Ptr launch = launches->getObject(i);
        if (launch && textField(launch, "name") == name && namesBuild(launch, buildNumber, buildUrl))
            return ReportPortalLaunch{launch->optValue<long long>("id", 0), name};
    }
    return std::nullopt;
}

std::vector<ReportPortalItem> ReportPortalClient::failedSteps(long long launchId) const
{
    std::vector<ReportPortalItem> items;
    for (int pageNo = 1; pageNo <= kMaxPages; ++pageNo) {
        const std::string path = "/api/v1/" + TrackerHttp::encode(_project) + "/item?filter.eq.launchId=" +
                                 std::to_string(launchId) + "&filter.eq.type=STEP&filter.in.status=FAILED&page.size=" +
                                 std::to_string(kPageSize) + "&page.page=" + std::to_string(pageNo);
        Poco::JSON::Object::Ptr page = _http.get(path).object();
        Poco::JSON::Array::Ptr content = page ? page->getArray("content") : nullptr;
        for (unsigned i = 0; content && i < content->size(); ++i) {
            Poco::JSON::Object::Ptr item = content->getObject(i);
            if (item)
                items.push_back({item->optValue<long long>("id", 0), textField(item, "name"), textField(item, "codeRef")});
        }
        Poco::JSON::Object::Ptr info = page ? page->getObject("page") : nullptr;
        const long long totalPages = info ? info->optValue<long long>("totalPages", 1) : 1;
        if (!content || content->size() == 0 || pageNo >= totalPages)
            break;
    }
    return items;
}

std::map<std::string, std::string> ReportPortalClient::defectLocators() const
{
    std::map<std::string, std::string> locators{
        {"AUTOMATION_BUG", "ab001"}, {"PRODUCT_BUG", "pb001"}, {"SYSTEM_ISSUE", "si001"}};
    try {
        Poco::JSON::Object::Ptr settings = _http.get("/api/v1/" + TrackerHttp::encode(_project) + "/settings").object();
        Poco::JSON::Object::Ptr subTypes = settings ? settings->getObject("subTypes") : nullptr;
        for (auto& [group, locator] : locators) {
            Poco::JSON::Array::Ptr list = subTypes ? subTypes->getArray(group) : nullptr;
            Poco::JSON::Object::Ptr first = list && list->size() > 0 ? list->getObject(0) : nullptr;
            if (!textField(first, "locator").empty())
                locator = textField(first, "locator");
        }
    } catch (const TrackerError&) {
        // the built-in locators exist in every project
    }
    return locators;
}

std::size_t ReportPortalClient::defineDefects(const std::vector<ReportPortalDefect>& defects, std::vector<std::string>& errors) const
{
    std::size_t updated = 0;
    for (std::size_t start = 0; start < defects.size(); start += kBatch) {
        Poco::JSON::Array::Ptr issues = new Poco::JSON::Array;
        const std::size_t end = std::min(defects.size(), start + kBatch);
        for (std::size_t i = start; i < end; ++i) {
            Poco::JSON::Object::Ptr issue = new Poco::JSON::Object;
            issue->set("issueType", defects[i].issueType);
            issue->set("comment", defects[i].comment);
            issue->set("autoAnalyzed", false);
            issue->set("ignoreAnalyzer", false);
            Poco::JSON::Object::Ptr definition = new Poco::JSON::Object;
            definition->set("testItemId", defects[i].itemId);
            definition->set("issue", issue);
            issues->add(definition);
        }
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        body->set("issues", issues);
        try {
            TrackerReply reply = _http.send("PUT", "/api/v1/" + TrackerHttp::encode(_project) + "/item", body);
            Poco::JSON::Array::Ptr answered = reply.array();
            updated += answered ? answered->size() : end - start;
        } catch (const TrackerError& e) {
            errors.push_back(std::string(e.what()) + " (items " + std::to_string(start + 1) + "-" + std::to_string(end) + ")");
        }
    }
    return updated;
}

} // namespace analysis
} // namespace jji
