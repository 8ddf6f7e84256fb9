#include "jji/analysis/knowledge/RulePattern.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <algorithm>

namespace jji {
namespace analysis {

struct RulePattern::Compiled
{
    pcre2_code* code = nullptr;
    pcre2_match_context* context = nullptr;
    ~Compiled()
    {
        pcre2_match_context_free(context);
        pcre2_code_free(code);
    }
};

RulePattern::RulePattern(const std::string& pattern)
{
    if (pattern.empty())
        throw RulePatternError("the pattern is empty");
    int error = 0;
    PCRE2_SIZE offset = 0;
    auto compiled = std::make_shared<Compiled>();
    compiled->code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                   PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &error, &offset, nullptr);
    if (!compiled->code) {
        PCRE2_UCHAR message[256];
        pcre2_get_error_message(error, message, sizeof message);
        throw RulePatternError(std::string(reinterpret_cast<const char*>(message)) + " at offset " + std::to_string(offset));
    }
    compiled->context = pcre2_match_context_create(nullptr);
    pcre2_set_match_limit(compiled->context, kMatchLimit);
    pcre2_set_depth_limit(compiled->context, kDepthLimit);
    pcre2_set_heap_limit(compiled->context, static_cast<uint32_t>(kHeapLimitKb));
    _compiled = std::move(compiled);
}

RulePattern::Match RulePattern::match(const std::string& subject) const
{
    pcre2_match_data* data = pcre2_match_data_create_from_pattern(_compiled->code, nullptr);
    if (!data)
        return Match::LimitHit;
    const int rc = pcre2_match(_compiled->code, reinterpret_cast<PCRE2_SPTR>(subject.data()),
                               std::min(subject.size(), kMaxSubject), 0, 0, data, _compiled->context);
    pcre2_match_data_free(data);
    if (rc >= 0)
        return Match::Yes;
    if (rc == PCRE2_ERROR_NOMATCH || rc == PCRE2_ERROR_PARTIAL)
        return Match::No;
    return Match::LimitHit; // PCRE2_ERROR_MATCHLIMIT, DEPTHLIMIT, HEAPLIMIT, NOMEMORY
}

} // namespace analysis
} // namespace jji
