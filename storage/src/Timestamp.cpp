#include "jji/storage/Timestamp.h"

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

namespace jji {
namespace storage {

std::string nowTimestamp()
{
    return Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y-%m-%d %H:%M:%S");
}

double nowEpochSeconds()
{
    return static_cast<double>(Poco::Timestamp().epochMicroseconds()) / 1e6;
}

} // namespace storage
} // namespace jji
