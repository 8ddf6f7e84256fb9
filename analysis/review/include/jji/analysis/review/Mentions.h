#ifndef JJI_ANALYSIS_REVIEW_MENTIONS_H
#define JJI_ANALYSIS_REVIEW_MENTIONS_H

#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// The distinct usernames "@name" mentions in a comment, in order, without the author:
/// a name is 2-50 characters, alphanumeric first, then letters, digits, '.', '_', '-'
/// (a trailing '.' ends the sentence, not the name); "a@b.com" is an address, not a mention.
/// At most 20 names.
std::vector<std::string> mentionedUsers(const std::string& text, const std::string& author);

} // namespace analysis
} // namespace jji

#endif
