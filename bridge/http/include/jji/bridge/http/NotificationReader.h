#ifndef JJI_BRIDGE_HTTP_NOTIFICATIONREADER_H
#define JJI_BRIDGE_HTTP_NOTIFICATIONREADER_H

#include <Poco/JSON/Object.h>

#include <string>

namespace jji {
namespace bridge {

/// A build-finished notification (Jenkins Notification plugin payload, or the jobInsight step's).
struct BuildNotification
{
    std::string jobName; ///< folder-qualified, from build.url, else url, else name
    long long number = 0;
    std::string phase;   ///< upper case: STARTED, COMPLETED, FINALIZED
    std::string status;  ///< upper case: SUCCESS, FAILURE, ...
};

/// Reads a notification body; a 422 (HttpError with FastAPI-style details) when a field
/// has the wrong type or build / build.number is missing.
BuildNotification readNotification(const Poco::JSON::Object::Ptr& body);

} // namespace bridge
} // namespace jji

#endif
