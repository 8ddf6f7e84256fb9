#ifndef JJI_ANALYSIS_SIGNATURE_TEXTVIEWS_H
#define JJI_ANALYSIS_SIGNATURE_TEXTVIEWS_H

// Small string_view helpers the signature's scanners share (private to this module).
#include <cctype>
#include <string_view>

namespace jji {
namespace analysis {
namespace text {

inline bool isDigit(char c) { return c >= '0' && c <= '9'; }

inline std::string_view trim(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

inline bool startsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
inline bool endsWith(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.substr(s.size() - p.size()) == p; }
inline bool contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }

} // namespace text
} // namespace analysis
} // namespace jji

#endif
