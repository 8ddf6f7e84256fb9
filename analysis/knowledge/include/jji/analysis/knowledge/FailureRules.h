#ifndef JJI_ANALYSIS_KNOWLEDGE_FAILURERULES_H
#define JJI_ANALYSIS_KNOWLEDGE_FAILURERULES_H

#include "jji/storage/Database.h"
#include "jji/storage/RuleStore.h"

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// A rule that cannot be stored: which field is wrong and why (422 over REST).
class RuleInvalid : public std::runtime_error
{
public:
    RuleInvalid(std::string field, const std::string& message) : std::runtime_error(message), _field(std::move(field)) {}
    const std::string& field() const { return _field; }

private:
    std::string _field;
};

/// Another rule has the name (409 over REST).
class RuleNameTaken : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// The rules knowledge base as admins manage it: checked rules in the database, the
/// shipped defaults, a YAML file imported at start-up, and a dry run of a pattern
/// over recent failures.
class FailureRules
{
public:
    explicit FailureRules(storage::Database& db) : _db(db) {}

    static const std::vector<std::string>& fields();          ///< message, trace, console, any
    static const std::vector<std::string>& classifications(); ///< the three primary ones

    /// Throws RuleInvalid naming the first bad field.
    static void validate(const storage::RuleRow& rule);

    std::vector<storage::RuleRow> list() { return storage::RuleStore(_db).all(); }
    storage::RuleRow create(storage::RuleRow rule, const std::string& by);
    /// The updated rule; nullopt when there is no rule `id`.
    std::optional<storage::RuleRow> update(long long id, storage::RuleRow rule);
    bool remove(long long id) { return storage::RuleStore(_db).remove(id); }

    struct DryRunMatch
    {
        std::string jobId, jobName, testName, errorMessage, analyzedAt;
        long long buildNumber = 0;
    };
    struct DryRun
    {
        long long scanned = 0;
        long long limitHits = 0; ///< failures the pattern gave up on (match limit)
        std::vector<DryRunMatch> matches;
    };
    /// Which of the last `lastFailures` stored failures the pattern matches. History keeps
    /// each failure's message (not its trace or console), so every field is tried on it.
    DryRun dryRun(const std::string& pattern, int lastFailures, std::size_t maxMatches = 100);

    /// The shipped defaults (data/default-rules.yaml, compiled in).
    static std::vector<storage::RuleRow> defaults();
    /// Adds the defaults never added before; returns how many.
    std::size_t seedDefaults();
    /// Imports a YAML (or JSON) file of rules ({"rules": [...]}): new names are added, known
    /// ones updated. Throws RuleInvalid (naming the file and rule) for a bad file.
    std::size_t importFile(const std::string& path);

    /// Rules from a YAML document; `where` prefixes error messages.
    static std::vector<storage::RuleRow> parse(const std::string& yaml, const std::string& where);

private:
    storage::Database& _db;
};

} // namespace analysis
} // namespace jji

#endif
