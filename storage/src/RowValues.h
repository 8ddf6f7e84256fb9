#ifndef JJI_STORAGE_ROWVALUES_H
#define JJI_STORAGE_ROWVALUES_H

#include <Poco/Dynamic/Var.h>

#include <optional>
#include <string>

namespace jji {
namespace storage {

/// Column values of a RecordSet, NULL read as empty / 0 / nullopt (private to the stores).
inline std::string text(const Poco::Dynamic::Var& v)
{
    return v.isEmpty() ? std::string() : v.convert<std::string>();
}

inline long long number(const Poco::Dynamic::Var& v)
{
    return v.isEmpty() ? 0 : v.convert<long long>();
}

/// "?, ?, ?": n placeholders for an IN (...) list.
inline std::string placeholders(std::size_t n)
{
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
        out += i ? ", ?" : "?";
    return out;
}

inline std::optional<std::string> optionalText(const Poco::Dynamic::Var& v)
{
    if (v.isEmpty())
        return std::nullopt;
    return v.convert<std::string>();
}

} // namespace storage
} // namespace jji

#endif
