#ifndef JJI_ANALYSIS_JUNIT_XMLTEXT_H
#define JJI_ANALYSIS_JUNIT_XMLTEXT_H

#include <string>
#include <string_view>

namespace jji {
namespace analysis {
namespace xmltext {

/// Replaces, byte for byte, what XML 1.0 forbids and test output often carries (control
/// characters other than tab and line breaks, invalid UTF-8, U+FFFE/U+FFFF) by '?'.
/// Offsets into the text stay valid.
void repairInPlace(std::string& text);

/// For an attribute value in double quotes: &, <, " and the line breaks and tabs escaped
/// (so they survive attribute normalization), forbidden characters as '?'.
std::string attributeEscaped(std::string_view value);

/// For character data: &, < and > escaped, forbidden characters as '?'.
std::string textEscaped(std::string_view value);

} // namespace xmltext
} // namespace analysis
} // namespace jji

#endif
