#ifndef JJI_BRIDGE_HTTP_NOTIFICATIONREADER_H
#define JJI_BRIDGE_HTTP_NOTIFICATIONREADER_H

#include "jji/bridge/http/FieldReader.h"

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

/// Reads a notification body's fields (422 entries go to the reader's error list: a field
/// of the wrong type, build or build.number missing); the job name is known once it validates.
BuildNotification readNotification(FieldReader& reader);

/// readNotification() of a parsed body, raising the 422 (HttpError with FastAPI-style details).
BuildNotification readNotification(const Poco::JSON::Object::Ptr& body);

} // namespace bridge
} // namespace jji

#endif
