#ifndef JJI_STORAGE_RULESTORE_H
#define JJI_STORAGE_RULESTORE_H

#include "jji/storage/Database.h"

#include <optional>
#include <string>
#include <vector>

namespace jji {
namespace storage {

/// One rule of the knowledge base: a pattern that classifies a failure without an AI call.
struct RuleRow
{
    long long id = 0;
    std::string name;
    std::string pattern;
    std::string field = "any";  ///< message, trace, console or any
    std::string classification;
    std::string explanation;
    std::string link;
    bool enabled = true;
    std::string origin = "api"; ///< api, file (imported at start-up) or default (shipped)
    long long hitCount = 0;
    std::string lastHitAt;
    std::string createdBy;
    std::string createdAt;
    std::string updatedAt;
};

/// The rules aggregate (failure_rules), with the record of which shipped defaults were ever
/// added (failure_rule_seeds), so a default an admin deleted is not added again.
class RuleStore
{
public:
    explicit RuleStore(Database& db) : _db(db) {}

    /// Every rule, oldest first (the order rules are tried in).
    std::vector<RuleRow> all();
    std::optional<RuleRow> find(long long id);
    std::optional<RuleRow> findByName(const std::string& name);
    /// Stores a new rule (timestamps filled in) and returns its id.
    long long insert(RuleRow row);
    /// Replaces the editable fields of rule `row.id`; false when there is no such rule.
    bool update(const RuleRow& row);
    bool remove(long long id);
    /// Adds `hits` to the rule's hit count and stamps the time.
    void recordHits(long long id, long long hits);
    /// Inserts each rule whose name was never seeded before (and is not taken), recording the
    /// name as seeded; returns how many were inserted.
    std::size_t seed(const std::vector<RuleRow>& defaults);

private:
    std::vector<RuleRow> select(const std::string& where, const std::string& value);

    Database& _db;
};

} // namespace storage
} // namespace jji

#endif
