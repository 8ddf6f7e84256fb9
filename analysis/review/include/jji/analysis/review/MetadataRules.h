#ifndef JJI_ANALYSIS_REVIEW_METADATARULES_H
#define JJI_ANALYSIS_REVIEW_METADATARULES_H

#include "jji/storage/JobMetadataStore.h"

#include <Poco/JSON/Array.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// The rules file is missing or malformed; the message says where.
class MetadataRulesError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Job metadata assigned by job name (METADATA_RULES_FILE, YAML or JSON): a list of
/// rules, or {"metadata_rules": [...]}, each {pattern, team?, tier?, version?, labels?}.
/// A pattern is a glob (`*`, `?`, `[...]`, matched against the whole name) unless it has
/// a named group "(?P<name>...)", then a full-match regular expression whose groups
/// (team/tier/version) fill in values. Rules are tried in order: the first match sets
/// each scalar field, labels accumulate from every matching rule.
class MetadataRules
{
public:
    struct Rule
    {
        std::string pattern;
        std::optional<std::string> team, tier, version;
        std::optional<std::vector<std::string>> labels;
    };

    MetadataRules() = default;

    /// Loads the file ("" = no rules). Throws MetadataRulesError.
    static MetadataRules fromFile(const std::string& path);
    /// Parses rules text; `yaml` selects the syntax (JSON otherwise).
    static MetadataRules parse(const std::string& text, bool yaml, const std::string& source = "rules");

    /// The metadata for a job name, or nullopt when no rule matches.
    std::optional<storage::JobMetadata> match(const std::string& jobName) const;

    const std::vector<Rule>& rules() const { return _rules; }
    const std::string& fileName() const { return _fileName; } ///< basename, "" without a file

    /// The normalized rules as JSON (GET /api/jobs/metadata/rules).
    Poco::JSON::Array::Ptr toJson() const;

private:
    std::vector<Rule> _rules;
    std::string _fileName;
};

} // namespace analysis
} // namespace jji

#endif
