#include "jji/analysis/trackers/JiraEnrichment.h"

#include "jji/analysis/model/JsonText.h"
#include "jji/analysis/model/ModelJson.h"
#include "jji/analysis/trackers/TrackerCredentials.h"

#include <Poco/JSON/Array.h>
#include <Poco/Logger.h>
#include <Poco/String.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

namespace jji {
namespace analysis {

namespace {

std::string param(const Poco::JSON::Object::Ptr& params, const std::string& name)
{
    return params && params->has(name) && params->get(name).isString() ? Poco::trim(params->getValue<std::string>(name)) : "";
}

/// Calls `visit` with every product_bug_report of a PRODUCT BUG answer that has keywords, once per object.
void forEachBugReport(const Poco::JSON::Object::Ptr& node, std::set<const void*>& seen,
                      const std::function<void(const Poco::JSON::Object::Ptr&)>& visit)
{
    if (!node)
        return;
    if (Poco::JSON::Array::Ptr failures = node->getArray("failures"))
        for (unsigned i = 0; i < failures->size(); ++i) {
            Poco::JSON::Object::Ptr f = failures->getObject(i);
            Poco::JSON::Object::Ptr analysis = f ? f->getObject("analysis") : nullptr;
            if (!analysis || analysis->optValue<std::string>("classification", "") != "PRODUCT BUG")
                continue;
            Poco::JSON::Object::Ptr bug = analysis->getObject("product_bug_report");
            Poco::JSON::Array::Ptr keywords = bug ? bug->getArray("jira_search_keywords") : nullptr;
            if (keywords && keywords->size() > 0 && seen.insert(bug.get()).second)
                visit(bug);
        }
    for (const char* children : {"child_job_analyses", "failed_children"})
        if (Poco::JSON::Array::Ptr list = node->getArray(children))
            for (unsigned i = 0; i < list->size(); ++i)
                forEachBugReport(list->getObject(i), seen, visit);
}

std::vector<std::string> keywordsOf(const Poco::JSON::Object::Ptr& bug)
{
    std::vector<std::string> words;
    Poco::JSON::Array::Ptr keywords = bug->getArray("jira_search_keywords");
    for (unsigned i = 0; keywords && i < keywords->size() && words.size() < 10; ++i) {
        const std::string w = Poco::trim(keywords->get(i).toString());
        if (!w.empty())
            words.push_back(w);
    }
    return words;
}

double score(const std::string& summary, const std::vector<std::string>& words)
{
    if (words.empty())
        return 0.0;
    const std::string lower = Poco::toLower(summary);
    std::size_t found = 0;
    for (const auto& w : words)
        if (lower.find(Poco::toLower(w)) != std::string::npos)
            ++found;
    return std::round(100.0 * static_cast<double>(found) / static_cast<double>(words.size())) / 100.0;
}

} // namespace

JiraSearchConfig JiraSearchConfig::from(const Poco::JSON::Object::Ptr& params, const config::Settings& settings)
{
    JiraSearchConfig c;
    const std::string url = param(params, "jira_url").empty() ? settings.jiraUrl : param(params, "jira_url");
    const bool ownToken = !param(params, "jira_api_token").empty() || !param(params, "jira_pat").empty();
    if (ownToken) {
        // The request's own credentials, with its own e-mail and TLS choice.
        c.connection.url = url;
        c.connection.token = param(params, "jira_api_token").empty() ? param(params, "jira_pat") : param(params, "jira_api_token");
        c.connection.email = param(params, "jira_api_token").empty() ? "" : param(params, "jira_email");
        c.connection.sslVerify = params->has("jira_ssl_verify") && params->get("jira_ssl_verify").isBoolean()
                                     ? params->getValue<bool>("jira_ssl_verify")
                                     : settings.jiraSslVerify;
    } else if (url == settings.jiraUrl) {
        // The server's credentials go only to the server's Jira, with its TLS settings.
        c.connection = TrackerCredentials::serverJira(settings);
    } else {
        c.connection.url = url; // another Jira without credentials: nothing to search with
    }
    c.projectKey = param(params, "jira_project_key").empty() ? settings.jiraProjectKey : param(params, "jira_project_key");
    c.maxResults = settings.jiraMaxResults;
    if (params && params->has("jira_max_results") && params->get("jira_max_results").isInteger())
        c.maxResults = static_cast<int>(std::clamp(params->getValue<long long>("jira_max_results"), 0LL, 100LL));
    if (params && params->has("enable_jira") && params->get("enable_jira").isBoolean())
        c.enabled = params->getValue<bool>("enable_jira");
    else
        c.enabled = settings.enableJira.value_or(c.connection.usable() && !c.projectKey.empty());
    return c;
}

bool JiraEnrichment::hasCandidates(const Poco::JSON::Object::Ptr& result)
{
    bool any = false;
    std::set<const void*> seen;
    forEachBugReport(result, seen, [&](const Poco::JSON::Object::Ptr&) { any = true; });
    return any;
}

std::vector<JiraMatch> JiraEnrichment::matchesFor(const Poco::JSON::Object::Ptr& bug, const std::vector<std::string>& words,
                                                  const std::vector<TrackerIssue>& issues, std::vector<TokenUsage>& usage) const
{
    std::vector<JiraMatch> matches;
    if (!_relevance) {
        for (const auto& issue : issues)
            matches.push_back({issue.key, issue.title, issue.status, issue.priority, issue.url, score(issue.title, words)});
        std::stable_sort(matches.begin(), matches.end(), [](const JiraMatch& a, const JiraMatch& b) { return a.score > b.score; });
        return matches;
    }
    std::vector<IssueCandidate> candidates;
    for (const auto& issue : issues)
        candidates.push_back({issue.key, issue.title, issue.description, issue.status});
    for (const auto& verdict : _relevance->relevant(textField(bug, "title"), textField(bug, "description"), candidates, usage)) {
        auto issue = std::find_if(issues.begin(), issues.end(), [&](const TrackerIssue& i) { return i.key == verdict.key; });
        if (issue == issues.end())
            continue; // relevant() names candidates only; kept safe all the same
        matches.push_back({issue->key, issue->title, issue->status, issue->priority, issue->url, verdict.score});
    }
    return matches;
}

std::size_t JiraEnrichment::enrich(const Poco::JSON::Object::Ptr& result, std::vector<TokenUsage>& usage) const
{
    Poco::Logger& log = Poco::Logger::get("jji.analysis");
    if (!_config.enabled || _config.maxResults <= 0)
        return 0;
    if (!_config.usable()) {
        log.warning("Jira enrichment asked for but Jira is not fully configured (URL, credentials, project key): skipped");
        return 0;
    }
    JiraClient jira(_config.connection);
    std::map<std::string, std::vector<JiraMatch>> searched; // reports with the same keywords search (and filter) once
    std::size_t searches = 0;
    std::set<const void*> seen;
    forEachBugReport(result, seen, [&](const Poco::JSON::Object::Ptr& bug) {
        const std::vector<std::string> words = keywordsOf(bug);
        const std::string cacheKey = Poco::cat(std::string("\n"), words.begin(), words.end());
        auto found = searched.find(cacheKey);
        if (found == searched.end()) {
            std::vector<TrackerIssue> issues;
            try {
                ++searches;
                issues = jira.search(JiraClient::textSearchJql(_config.projectKey, words), _config.maxResults);
            } catch (const TrackerError& e) {
                log.warning("Jira search for [%s] failed: %s", Poco::cat(std::string(", "), words.begin(), words.end()),
                            std::string(e.what()));
            }
            found = searched.emplace(cacheKey, matchesFor(bug, words, issues, usage)).first;
        }
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        for (const auto& m : found->second)
            list->add(toJson(m));
        Poco::JSON::Object::Ptr report = bug; // a non-const handle on the shared object
        report->set("jira_matches", list);
    });
    return searches;
}

} // namespace analysis
} // namespace jji
