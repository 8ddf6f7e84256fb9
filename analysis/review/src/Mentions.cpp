#include "jji/analysis/review/Mentions.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace jji {
namespace analysis {

namespace {

constexpr std::size_t kMaxMentions = 20; // a comment is not a mailing list

bool nameChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
}

} // namespace

std::vector<std::string> mentionedUsers(const std::string& text, const std::string& author)
{
    std::vector<std::string> users;
    std::set<std::string> seen;
    for (std::size_t at = text.find('@'); at != std::string::npos; at = text.find('@', at + 1)) {
        if (at > 0 && (nameChar(text[at - 1]) || text[at - 1] == '@'))
            continue; // part of an e-mail address or "@@"
        std::size_t end = at + 1;
        while (end < text.size() && nameChar(text[end]))
            ++end;
        std::string name = text.substr(at + 1, end - at - 1);
        while (!name.empty() && (name.back() == '.' || name.back() == '-' || name.back() == '_'))
            name.pop_back();
        if (name.size() < 2 || name.size() > 50 || !std::isalnum(static_cast<unsigned char>(name[0])))
            continue;
        if (name != author && seen.insert(name).second) {
            users.push_back(name);
            if (users.size() >= kMaxMentions)
                break;
        }
    }
    return users;
}

} // namespace analysis
} // namespace jji
