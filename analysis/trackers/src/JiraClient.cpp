#include "jji/analysis/trackers/JiraClient.h"

#include "jji/analysis/runtime/HttpSession.h"
#include "jji/analysis/model/JsonText.h"

#include <Poco/String.h>

#include <cctype>
#include <sstream>

namespace jji {
namespace analysis {

namespace {

/// Plain text as an Atlassian Document: one paragraph per blank-line-separated block,
/// line breaks kept as hardBreak nodes.
Poco::JSON::Object::Ptr atlassianDocument(const std::string& plain)
{
    Poco::JSON::Array::Ptr paragraphs = new Poco::JSON::Array;
    std::istringstream in(plain);
    std::string line;
    Poco::JSON::Array::Ptr current;
    auto flush = [&] {
        if (current && current->size() > 0) {
            Poco::JSON::Object::Ptr p = new Poco::JSON::Object;
            p->set("type", "paragraph");
            p->set("content", current);
            paragraphs->add(p);
        }
        current = nullptr;
    };
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (Poco::trim(line).empty()) {
            flush();
            continue;
        }
        if (!current) {
            current = new Poco::JSON::Array;
        } else {
            Poco::JSON::Object::Ptr br = new Poco::JSON::Object;
            br->set("type", "hardBreak");
            current->add(br);
        }
        Poco::JSON::Object::Ptr t = new Poco::JSON::Object;
        t->set("type", "text");
        t->set("text", line);
        current->add(t);
    }
    flush();
    Poco::JSON::Object::Ptr doc = new Poco::JSON::Object;
    doc->set("type", "doc");
    doc->set("version", 1);
    doc->set("content", paragraphs);
    return doc;
}

/// The text of an Atlassian Document node: its text leaves, block nodes on lines of their
/// own. Bounded in depth: a description is a short tree.
void appendAdfText(const Poco::JSON::Object::Ptr& node, std::string& out, int depth)
{
    if (!node || depth > 32)
        return;
    if (node->has("text") && node->get("text").isString())
        out += node->getValue<std::string>("text");
    const std::string type = textField(node, "type");
    if (type == "hardBreak")
        out += "\n";
    Poco::JSON::Array::Ptr content = node->getArray("content");
    for (unsigned i = 0; content && i < content->size(); ++i)
        appendAdfText(content->getObject(i), out, depth + 1);
    const bool block = type == "paragraph" || type == "heading" || type == "codeBlock" || type == "listItem" ||
                       type == "blockquote" || type == "tableRow";
    if (block && !out.empty() && out.back() != '\n')
        out += "\n";
}

/// A description as plain text: Server sends a string, Cloud an Atlassian Document.
std::string descriptionText(const Poco::JSON::Object::Ptr& fields)
{
    if (!fields || !fields->has("description"))
        return "";
    const Poco::Dynamic::Var description = fields->get("description");
    if (description.isString())
        return Poco::trim(description.extract<std::string>());
    std::string text;
    appendAdfText(fields->getObject("description"), text, 0);
    return Poco::trim(text);
}

} // namespace

JiraClient::JiraClient(const JiraConnection& connection)
    : _connection(connection), _http("Jira", connection.url, connection.sslVerify)
{
    _http.secret(connection.token);
    if (connection.cloud())
        _http.header("Authorization", basicAuthorization(connection.email, connection.token), true);
    else if (!connection.token.empty())
        _http.header("Authorization", "Bearer " + connection.token, true);
}

std::string JiraClient::api() const
{
    return _connection.cloud() ? "/rest/api/3" : "/rest/api/2";
}

std::string JiraClient::browseUrl(const std::string& key) const
{
    return _http.baseUrl() + "/browse/" + key;
}

std::string JiraClient::textSearchJql(const std::string& projectKey, const std::vector<std::string>& words,
                                      const std::string& extraClause)
{
    std::string terms;
    for (const auto& word : words) {
        std::string clean;
        for (char c : word)
            clean += std::string("+-&|!(){}[]^\"~*?:\\/'").find(c) == std::string::npos ? c : ' ';
        clean = Poco::trim(clean);
        if (!clean.empty())
            terms += (terms.empty() ? "" : " ") + clean;
    }
    std::string projectClean;
    for (char c : projectKey)
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_')
            projectClean += c;
    std::string jql = "project = \"" + projectClean + "\"";
    if (!terms.empty())
        jql += " AND text ~ \"" + terms + "\"";
    if (!extraClause.empty())
        jql += " AND " + extraClause;
    return jql + " ORDER BY updated DESC";
}

std::vector<TrackerIssue> JiraClient::search(const std::string& jql, int max) const
{
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("jql", jql);
    body->set("maxResults", max);
    Poco::JSON::Array::Ptr fields = new Poco::JSON::Array;
    for (const char* f : {"summary", "description", "status", "priority"})
        fields->add(std::string(f));
    body->set("fields", fields);
    // Cloud retired /rest/api/3/search for the token-paged /search/jql; Server keeps /search.
    TrackerReply reply = _http.send("POST", api() + (_connection.cloud() ? "/search/jql" : "/search"), body);
    std::vector<TrackerIssue> found;
    Poco::JSON::Object::Ptr o = reply.object();
    Poco::JSON::Array::Ptr issues = o ? o->getArray("issues") : nullptr;
    for (unsigned i = 0; issues && i < issues->size() && static_cast<int>(found.size()) < max; ++i) {
        Poco::JSON::Object::Ptr item = issues->getObject(i);
        Poco::JSON::Object::Ptr f = item ? item->getObject("fields") : nullptr;
        TrackerIssue issue;
        issue.key = textField(item, "key");
        issue.title = textField(f, "summary");
        issue.status = textField(f ? f->getObject("status") : nullptr, "name");
        issue.priority = textField(f ? f->getObject("priority") : nullptr, "name");
        issue.description = descriptionText(f);
        issue.url = browseUrl(issue.key);
        if (!issue.key.empty())
            found.push_back(std::move(issue));
    }
    return found;
}

TrackerIssue JiraClient::createBug(const std::string& projectKey, const std::string& summary,
                                   const std::string& description, const std::string& securityLevelName) const
{
    Poco::JSON::Object::Ptr fields = new Poco::JSON::Object;
    Poco::JSON::Object::Ptr project = new Poco::JSON::Object;
    project->set("key", projectKey);
    fields->set("project", project);
    fields->set("summary", summary);
    if (_connection.cloud())
        fields->set("description", atlassianDocument(description));
    else
        fields->set("description", description);
    Poco::JSON::Object::Ptr type = new Poco::JSON::Object;
    type->set("name", "Bug");
    fields->set("issuetype", type);
    if (!Poco::trim(securityLevelName).empty()) {
        std::string id;
        for (const auto& level : securityLevels(projectKey))
            if (Poco::icompare(level.name, Poco::trim(securityLevelName)) == 0)
                id = level.id;
        if (id.empty())
            throw TrackerError(TrackerError::Kind::Config, "Jira security level '" + securityLevelName +
                                                               "' is not available in project " + projectKey);
        Poco::JSON::Object::Ptr security = new Poco::JSON::Object;
        security->set("id", id);
        fields->set("security", security);
    }
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("fields", fields);
    TrackerIssue issue;
    issue.key = textField(_http.send("POST", api() + "/issue", body).object(), "key");
    if (issue.key.empty())
        throw TrackerError(TrackerError::Kind::Upstream, "Jira created the bug but did not say its key");
    issue.title = summary;
    issue.url = browseUrl(issue.key);
    return issue;
}

std::vector<JiraProject> JiraClient::projects(const std::string& query) const
{
    Poco::JSON::Array::Ptr list;
    if (_connection.cloud()) {
        Poco::JSON::Object::Ptr page =
            _http.get(api() + "/project/search?maxResults=50&query=" + TrackerHttp::encode(query)).object();
        list = page ? page->getArray("values") : nullptr;
    } else {
        list = _http.get(api() + "/project").array();
    }
    std::vector<JiraProject> out;
    const std::string q = Poco::toLower(Poco::trim(query));
    for (unsigned i = 0; list && i < list->size(); ++i) {
        Poco::JSON::Object::Ptr p = list->getObject(i);
        JiraProject project{textField(p, "key"), textField(p, "name")};
        if (project.key.empty())
            continue;
        if (q.empty() || Poco::toLower(project.key).find(q) != std::string::npos ||
            Poco::toLower(project.name).find(q) != std::string::npos)
            out.push_back(project);
    }
    return out;
}

std::vector<JiraSecurityLevel> JiraClient::securityLevels(const std::string& projectKey) const
{
    Poco::JSON::Object::Ptr o =
        _http.get(api() + "/project/" + TrackerHttp::encode(projectKey) + "/securitylevel").object();
    Poco::JSON::Array::Ptr levels = o ? o->getArray("levels") : nullptr;
    std::vector<JiraSecurityLevel> out;
    for (unsigned i = 0; levels && i < levels->size(); ++i) {
        Poco::JSON::Object::Ptr l = levels->getObject(i);
        out.push_back({textField(l, "id"), textField(l, "name"), textField(l, "description")});
    }
    return out;
}

std::string JiraClient::displayName() const
{
    return textField(_http.get(api() + "/myself").object(), "displayName");
}

TrackerIssue JiraClient::issue(const std::string& key) const
{
    Poco::JSON::Object::Ptr o = _http.get(api() + "/issue/" + TrackerHttp::encode(key) + "?fields=summary,status").object();
    Poco::JSON::Object::Ptr f = o ? o->getObject("fields") : nullptr;
    TrackerIssue issue;
    issue.key = textField(o, "key").empty() ? key : textField(o, "key");
    issue.title = textField(f, "summary");
    issue.status = textField(f ? f->getObject("status") : nullptr, "name");
    issue.url = browseUrl(issue.key);
    return issue;
}

} // namespace analysis
} // namespace jji
