#include "jji/analysis/review/MetadataRules.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Path.h>
#include <Poco/RegularExpression.h>
#include <Poco/String.h>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fnmatch.h>
#include <fstream>
#include <map>
#include <sstream>

namespace jji {
namespace analysis {

namespace {

bool isRegex(const std::string& pattern)
{
    return pattern.find("(?P<") != std::string::npos;
}

/// Python's (?P<name>...) is PCRE's too; anchored at both ends for a full match.
Poco::RegularExpression compile(const std::string& pattern)
{
    return Poco::RegularExpression("^(?:" + pattern + ")$");
}

/// Capture-group numbers of the named groups of a pattern ("(?P<name>...)", "(?<name>...)"),
/// counted the way PCRE counts them (Poco 1.11 has no named-group lookup).
std::map<std::string, int> namedGroups(const std::string& pattern)
{
    std::map<std::string, int> groups;
    int index = 0;
    bool inClass = false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '\\') {
            ++i; // the escaped character is literal
            continue;
        }
        if (inClass) {
            inClass = c != ']';
            continue;
        }
        if (c == '[') {
            inClass = true;
            if (i + 1 < pattern.size() && pattern[i + 1] == ']')
                ++i; // "[]...]": a leading ']' is literal
            continue;
        }
        if (c != '(')
            continue;
        if (pattern.compare(i, 2, "(?") != 0) {
            ++index;
            continue;
        }
        std::size_t nameStart = std::string::npos;
        if (pattern.compare(i, 4, "(?P<") == 0)
            nameStart = i + 4;
        else if (pattern.compare(i, 3, "(?<") == 0 && i + 3 < pattern.size() && pattern[i + 3] != '=' && pattern[i + 3] != '!')
            nameStart = i + 3;
        if (nameStart == std::string::npos)
            continue; // (?:...), lookarounds, options: not capturing
        ++index;
        const std::size_t nameEnd = pattern.find('>', nameStart);
        if (nameEnd != std::string::npos)
            groups[pattern.substr(nameStart, nameEnd - nameStart)] = index;
    }
    return groups;
}

/// A generic document for both syntaxes: YAML is converted to JSON text first.
Poco::Dynamic::Var yamlToVar(const YAML::Node& node)
{
    if (node.IsSequence()) {
        Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
        for (const auto& item : node)
            array->add(yamlToVar(item));
        return array;
    }
    if (node.IsMap()) {
        Poco::JSON::Object::Ptr object = new Poco::JSON::Object;
        for (const auto& entry : node)
            object->set(entry.first.as<std::string>(), yamlToVar(entry.second));
        return object;
    }
    if (node.IsNull() || !node.IsDefined())
        return Poco::Dynamic::Var();
    return node.as<std::string>();
}

std::optional<std::string> scalar(const Poco::JSON::Object::Ptr& rule, const std::string& key)
{
    if (!rule->has(key) || rule->get(key).isEmpty())
        return std::nullopt;
    return rule->get(key).toString();
}

MetadataRules::Rule normalize(const Poco::JSON::Object::Ptr& raw, std::size_t index, const std::string& source)
{
    const std::string where = source + ": rule " + std::to_string(index);
    if (!raw)
        throw MetadataRulesError(where + " must be a mapping");
    if (!raw->has("pattern") || raw->get("pattern").isEmpty())
        throw MetadataRulesError(where + " is missing 'pattern'");
    MetadataRules::Rule rule;
    rule.pattern = raw->get("pattern").toString();
    if (isRegex(rule.pattern)) {
        try {
            compile(rule.pattern);
        } catch (const Poco::Exception& e) {
            throw MetadataRulesError(where + ": invalid regular expression '" + rule.pattern + "': " + e.displayText());
        }
    }
    rule.team = scalar(raw, "team");
    rule.tier = scalar(raw, "tier");
    rule.version = scalar(raw, "version");
    if (raw->has("labels") && !raw->get("labels").isEmpty()) {
        std::vector<std::string> labels;
        if (Poco::JSON::Array::Ptr list = raw->getArray("labels")) {
            for (std::size_t i = 0; i < list->size(); ++i)
                labels.push_back(list->get(static_cast<unsigned>(i)).toString());
        } else if (raw->get("labels").isString()) {
            labels.push_back(raw->get("labels").toString());
        } else {
            throw MetadataRulesError(where + ": 'labels' must be a list or a string");
        }
        rule.labels = labels;
    }
    return rule;
}

} // namespace

MetadataRules MetadataRules::fromFile(const std::string& path)
{
    if (path.empty())
        return MetadataRules();
    std::ifstream in(path);
    if (!in)
        throw MetadataRulesError("metadata rules file not found: " + path);
    std::ostringstream text;
    text << in.rdbuf();
    const std::string extension = Poco::toLower(Poco::Path(path).getExtension());
    MetadataRules rules = parse(text.str(), extension == "yaml" || extension == "yml", path);
    rules._fileName = Poco::Path(path).getFileName();
    return rules;
}

MetadataRules MetadataRules::parse(const std::string& text, bool yaml, const std::string& source)
{
    Poco::Dynamic::Var document;
    try {
        document = yaml ? yamlToVar(YAML::Load(text)) : Poco::JSON::Parser().parse(text);
    } catch (const std::exception& e) {
        throw MetadataRulesError(source + ": not valid " + (yaml ? "YAML" : "JSON") + ": " + e.what());
    }
    Poco::JSON::Array::Ptr list;
    if (document.type() == typeid(Poco::JSON::Object::Ptr)) {
        Poco::JSON::Object::Ptr top = document.extract<Poco::JSON::Object::Ptr>();
        if (!top->has("metadata_rules"))
            throw MetadataRulesError(source + ": must contain a 'metadata_rules' list or be a list");
        list = top->getArray("metadata_rules");
        if (!list)
            throw MetadataRulesError(source + ": 'metadata_rules' must be a list");
    } else if (document.type() == typeid(Poco::JSON::Array::Ptr)) {
        list = document.extract<Poco::JSON::Array::Ptr>();
    } else {
        throw MetadataRulesError(source + ": must contain a 'metadata_rules' list or be a list");
    }
    MetadataRules rules;
    for (std::size_t i = 0; i < list->size(); ++i)
        rules._rules.push_back(normalize(list->getObject(static_cast<unsigned>(i)), i, source));
    return rules;
}

std::optional<storage::JobMetadata> MetadataRules::match(const std::string& jobName) const
{
    storage::JobMetadata out;
    out.jobName = jobName;
    bool any = false;
    for (const auto& rule : _rules) {
        std::optional<std::string> team, tier, version;
        if (isRegex(rule.pattern)) {
            Poco::RegularExpression re = compile(rule.pattern);
            Poco::RegularExpression::MatchVec groups;
            if (re.match(jobName, 0, groups) == 0)
                continue;
            const std::map<std::string, int> named = namedGroups(rule.pattern);
            for (const std::string name : {"team", "tier", "version"}) {
                auto it = named.find(name);
                if (it == named.end() || static_cast<std::size_t>(it->second) >= groups.size()
                    || groups[it->second].offset == std::string::npos)
                    continue;
                const int index = it->second;
                const std::string value = jobName.substr(groups[index].offset, groups[index].length);
                (name == "team" ? team : name == "tier" ? tier : version) = value;
            }
        } else if (::fnmatch(rule.pattern.c_str(), jobName.c_str(), 0) != 0) {
            continue;
        }
        any = true;
        // Explicit values win over captured ones; the first matching rule wins per field.
        if (!out.team)
            out.team = rule.team ? rule.team : team;
        if (!out.tier)
            out.tier = rule.tier ? rule.tier : tier;
        if (!out.version)
            out.version = rule.version ? rule.version : version;
        if (rule.labels)
            for (const auto& label : *rule.labels)
                if (std::find(out.labels.begin(), out.labels.end(), label) == out.labels.end())
                    out.labels.push_back(label);
    }
    if (!any)
        return std::nullopt;
    return out;
}

Poco::JSON::Array::Ptr MetadataRules::toJson() const
{
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto& rule : _rules) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        o->set("pattern", rule.pattern);
        if (rule.team)
            o->set("team", *rule.team);
        if (rule.tier)
            o->set("tier", *rule.tier);
        if (rule.version)
            o->set("version", *rule.version);
        if (rule.labels) {
            Poco::JSON::Array::Ptr labels = new Poco::JSON::Array;
            for (const auto& l : *rule.labels)
                labels->add(l);
            o->set("labels", labels);
        }
        out->add(o);
    }
    return out;
}

} // namespace analysis
} // namespace jji
