#include "jji/analysis/jenkins/ChildBuilds.h"

#include "jji/analysis/model/JsonText.h"

#include <Poco/JSON/Array.h>
#include <Poco/NumberParser.h>
#include <Poco/RegularExpression.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <Poco/URI.h>

#include <algorithm>

namespace jji {
namespace analysis {

namespace {

long long parseNumber(const std::string& text)
{
    Poco::Int64 n = 0;
    return Poco::NumberParser::tryParse64(text, n) ? n : 0;
}

long long number(const Poco::JSON::Object::Ptr& o, const std::string& name)
{
    return parseNumber(textField(o, name));
}

bool failed(const Poco::JSON::Object::Ptr& o)
{
    const std::string result = textField(o, "result");
    return result == "FAILURE" || result == "UNSTABLE";
}

void addOnce(std::vector<ChildBuildRef>& out, ChildBuildRef child)
{
    if (child.jobName.empty() || child.number <= 0)
        return;
    if (std::find(out.begin(), out.end(), child) == out.end())
        out.push_back(std::move(child));
}

} // namespace

ChildBuildRef childFromBuildUrl(const std::string& url)
{
    ChildBuildRef child;
    std::string path;
    try {
        path = Poco::URI(url).getPath();
    } catch (const std::exception&) {
        return child;
    }
    Poco::StringTokenizer parts(path, "/", Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    std::vector<std::string> names;
    for (std::size_t i = 0; i < parts.count(); ++i) {
        if (parts[i] == "job" && i + 1 < parts.count()) {
            names.push_back(parts[++i]);
            continue;
        }
        if (!names.empty() && parseNumber(parts[i]) > 0) {
            child.number = parseNumber(parts[i]);
            break;
        }
    }
    for (const auto& name : names)
        child.jobName += (child.jobName.empty() ? "" : "/") + name;
    return child;
}

std::vector<ChildBuildRef> failedChildrenFromBuild(const Poco::JSON::Object::Ptr& buildJson)
{
    std::vector<ChildBuildRef> out;
    if (!buildJson)
        return out;
    if (Poco::JSON::Array::Ptr subBuilds = buildJson->getArray("subBuilds")) {
        for (unsigned i = 0; i < subBuilds->size(); ++i) {
            Poco::JSON::Object::Ptr sub = subBuilds->getObject(i);
            if (failed(sub))
                addOnce(out, {textField(sub, "jobName"), number(sub, "buildNumber")});
        }
        if (!out.empty())
            return out;
    }
    Poco::JSON::Array::Ptr actions = buildJson->getArray("actions");
    for (unsigned a = 0; actions && a < actions->size(); ++a) {
        Poco::JSON::Object::Ptr action = actions->getObject(a);
        Poco::JSON::Array::Ptr triggered = action ? action->getArray("triggeredBuilds") : nullptr;
        for (unsigned i = 0; triggered && i < triggered->size(); ++i) {
            Poco::JSON::Object::Ptr build = triggered->getObject(i);
            if (!failed(build))
                continue;
            ChildBuildRef child = childFromBuildUrl(textField(build, "url"));
            if (!textField(build, "jobName").empty())
                child.jobName = textField(build, "jobName");
            long long n = number(build, "number");
            if (n <= 0)
                n = number(build, "buildNumber");
            if (n > 0)
                child.number = n;
            addOnce(out, child);
        }
    }
    return out;
}

std::vector<ChildBuildRef> failedChildrenFromConsole(const std::vector<std::string>& lines)
{
    static const Poco::RegularExpression pattern("Build\\s+(.+?)\\s+#(\\d+)\\s+completed:\\s*(FAILURE|UNSTABLE)");
    std::vector<ChildBuildRef> out;
    for (const auto& line : lines) {
        std::vector<std::string> groups;
        if (pattern.split(line, groups) < 3)
            continue;
        ChildBuildRef child;
        child.jobName = Poco::replace(groups[1], std::string(" \xC2\xBB "), std::string("/"));
        child.number = parseNumber(groups[2]);
        addOnce(out, child);
    }
    return out;
}

} // namespace analysis
} // namespace jji
