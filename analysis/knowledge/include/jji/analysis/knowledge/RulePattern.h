#ifndef JJI_ANALYSIS_KNOWLEDGE_RULEPATTERN_H
#define JJI_ANALYSIS_KNOWLEDGE_RULEPATTERN_H

#include <memory>
#include <stdexcept>
#include <string>

namespace jji {
namespace analysis {

/// A pattern that does not compile: PCRE2's message and the offset it points at.
class RulePatternError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// A rule's regular expression, compiled with PCRE2 (Perl syntax, UTF-8, invalid UTF-8 in
/// the subject tolerated) and matched under a match, depth and heap limit, so that an
/// admin's pattern with catastrophic backtracking gives up quickly instead of holding an
/// analysis. Thread-safe: one compiled pattern serves every worker.
class RulePattern
{
public:
    static constexpr unsigned kMatchLimit = 1000000;  ///< backtracking steps per match
    static constexpr unsigned kDepthLimit = 10000;    ///< nested backtracking points
    static constexpr std::size_t kHeapLimitKb = 8192; ///< backtracking memory
    static constexpr std::size_t kMaxSubject = 256 * 1024; ///< longer subjects are matched on their start

    /// Throws RulePatternError for an empty or invalid pattern.
    explicit RulePattern(const std::string& pattern);

    enum class Match { Yes, No, LimitHit };
    Match match(const std::string& subject) const;
    bool matches(const std::string& subject) const { return match(subject) == Match::Yes; }

private:
    struct Compiled;
    std::shared_ptr<const Compiled> _compiled;
};

} // namespace analysis
} // namespace jji

#endif
