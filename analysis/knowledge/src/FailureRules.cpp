#include "jji/analysis/knowledge/FailureRules.h"

#include "jji/analysis/knowledge/RulePattern.h"
#include "jji/analysis/model/Model.h"
#include "jji/storage/FailureHistoryStore.h"
#include "jji/storage/StorageError.h"

#include <Poco/String.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace jji {
namespace analysis {

const char* shippedRulesYaml(); // generated from data/default-rules.yaml

namespace {

constexpr std::size_t kMaxName = 100;
constexpr std::size_t kMaxPattern = 4000;
constexpr std::size_t kMaxText = 4000;

std::string scalar(const YAML::Node& rule, const char* key, const std::string& fallback = "")
{
    const YAML::Node value = rule[key];
    if (!value)
        return fallback;
    if (!value.IsScalar())
        throw RuleInvalid(key, std::string(key) + " must be a string");
    return value.as<std::string>();
}

} // namespace

const std::vector<std::string>& FailureRules::fields()
{
    static const std::vector<std::string> names{"message", "trace", "console", "any"};
    return names;
}

const std::vector<std::string>& FailureRules::classifications()
{
    static const std::vector<std::string> names{"CODE ISSUE", "PRODUCT BUG", "INFRASTRUCTURE"};
    return names;
}

void FailureRules::validate(const storage::RuleRow& rule)
{
    const std::string name = Poco::trim(rule.name);
    if (name.empty())
        throw RuleInvalid("name", "name must not be empty");
    if (name.size() > kMaxName || name != rule.name)
        throw RuleInvalid("name", "name must be at most 100 characters, without leading or trailing spaces");
    if (std::any_of(name.begin(), name.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; }))
        throw RuleInvalid("name", "name must not contain control characters");
    if (rule.pattern.size() > kMaxPattern)
        throw RuleInvalid("pattern", "pattern must be at most 4000 characters");
    try {
        RulePattern check(rule.pattern);
    } catch (const RulePatternError& e) {
        throw RuleInvalid("pattern", std::string("pattern is not a valid regular expression: ") + e.what());
    }
    const auto& f = fields();
    if (std::find(f.begin(), f.end(), rule.field) == f.end())
        throw RuleInvalid("field", "field must be one of message, trace, console, any");
    const auto& c = classifications();
    if (std::find(c.begin(), c.end(), rule.classification) == c.end())
        throw RuleInvalid("classification", "classification must be one of CODE ISSUE, PRODUCT BUG, INFRASTRUCTURE");
    if (rule.explanation.size() > kMaxText)
        throw RuleInvalid("explanation", "explanation must be at most 4000 characters");
    if (!rule.link.empty() && rule.link.rfind("https://", 0) != 0 && rule.link.rfind("http://", 0) != 0)
        throw RuleInvalid("link", "link must be an http(s) URL");
    if (rule.link.size() > kMaxText)
        throw RuleInvalid("link", "link must be at most 4000 characters");
}

storage::RuleRow FailureRules::create(storage::RuleRow rule, const std::string& by)
{
    validate(rule);
    storage::RuleStore store(_db);
    if (store.findByName(rule.name))
        throw RuleNameTaken("a rule named '" + rule.name + "' already exists");
    rule.createdBy = by;
    rule.id = store.insert(rule);
    return *store.find(rule.id);
}

std::optional<storage::RuleRow> FailureRules::update(long long id, storage::RuleRow rule)
{
    validate(rule);
    storage::RuleStore store(_db);
    if (!store.find(id))
        return std::nullopt;
    if (auto other = store.findByName(rule.name); other && other->id != id)
        throw RuleNameTaken("a rule named '" + rule.name + "' already exists");
    rule.id = id;
    if (!store.update(rule))
        return std::nullopt; // deleted meanwhile
    return store.find(id);
}

FailureRules::DryRun FailureRules::dryRun(const std::string& pattern, int lastFailures, std::size_t maxMatches)
{
    RulePattern compiled = [&] {
        try {
            return RulePattern(pattern);
        } catch (const RulePatternError& e) {
            throw RuleInvalid("pattern", std::string("pattern is not a valid regular expression: ") + e.what());
        }
    }();
    DryRun out;
    const storage::HistoryPage page = storage::FailureHistoryStore(_db).search({}, std::max(1, lastFailures), 0);
    for (const auto& row : page.rows) {
        ++out.scanned;
        const RulePattern::Match m = compiled.match(row.errorMessage);
        if (m == RulePattern::Match::LimitHit)
            ++out.limitHits;
        if (m == RulePattern::Match::Yes && out.matches.size() < maxMatches)
            out.matches.push_back({row.jobId, row.jobName, row.testName, row.errorMessage, row.analyzedAt, row.buildNumber});
    }
    return out;
}

std::vector<storage::RuleRow> FailureRules::parse(const std::string& yaml, const std::string& where)
{
    YAML::Node document;
    try {
        document = YAML::Load(yaml);
    } catch (const YAML::Exception& e) {
        throw RuleInvalid("rules", where + ": not valid YAML: " + e.what());
    }
    const YAML::Node list = document.IsMap() ? document["rules"] : YAML::Node();
    if (!list || !list.IsSequence())
        throw RuleInvalid("rules", where + ": expected a list under 'rules:'");
    std::vector<storage::RuleRow> rules;
    std::set<std::string> names;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const YAML::Node node = list[i];
        const std::string at = where + ": rule " + std::to_string(i + 1);
        try {
            if (!node.IsMap())
                throw RuleInvalid("rules", "a rule must be a mapping");
            storage::RuleRow rule;
            rule.name = scalar(node, "name");
            rule.pattern = scalar(node, "pattern");
            rule.field = scalar(node, "field", "any");
            rule.classification = scalar(node, "classification");
            rule.explanation = scalar(node, "explanation");
            rule.link = scalar(node, "link");
            const std::string enabled = Poco::toLower(scalar(node, "enabled", "true"));
            if (enabled != "true" && enabled != "false")
                throw RuleInvalid("enabled", "enabled must be true or false");
            rule.enabled = enabled == "true";
            validate(rule);
            if (!names.insert(rule.name).second)
                throw RuleInvalid("name", "the name '" + rule.name + "' is used twice");
            rules.push_back(std::move(rule));
        } catch (const RuleInvalid& e) {
            throw RuleInvalid(e.field(), at + ": " + e.what());
        } catch (const YAML::Exception& e) {
            throw RuleInvalid("rules", at + ": " + e.what());
        }
    }
    return rules;
}

std::vector<storage::RuleRow> FailureRules::defaults()
{
    std::vector<storage::RuleRow> rules = parse(shippedRulesYaml(), "default-rules.yaml");
    for (auto& rule : rules) {
        rule.origin = "default";
        rule.createdBy = "jji";
    }
    return rules;
}

std::size_t FailureRules::seedDefaults()
{
    return storage::RuleStore(_db).seed(defaults());
}

std::size_t FailureRules::importFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw RuleInvalid("rules", "cannot read rules file " + path);
    std::ostringstream text;
    text << in.rdbuf();
    storage::RuleStore store(_db);
    std::size_t changed = 0;
    for (storage::RuleRow rule : parse(text.str(), path)) {
        rule.origin = "file";
        rule.createdBy = "rules file";
        auto existing = store.findByName(rule.name);
        if (!existing) {
            try {
                store.insert(rule);
                ++changed;
                continue;
            } catch (const storage::StorageError&) {
                existing = store.findByName(rule.name); // another daemon imported it meanwhile
                if (!existing)
                    throw;
            }
        }
        rule.id = existing->id;
        store.update(rule);
        ++changed;
    }
    return changed;
}

} // namespace analysis
} // namespace jji
