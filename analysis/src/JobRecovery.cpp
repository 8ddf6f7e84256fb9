#include "jji/analysis/JobRecovery.h"

#include "jji/analysis/JsonText.h"
#include "jji/storage/ResultStore.h"

#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>

namespace jji {
namespace analysis {

std::size_t failInterruptedJobs(storage::Database& db)
{
    storage::ResultStore results(db);
    std::size_t count = 0;
    for (const auto& row : results.unfinished()) {
        Poco::JSON::Object::Ptr result;
        try {
            result = Poco::JSON::Parser().parse(row.resultJson).extract<Poco::JSON::Object::Ptr>();
        } catch (const std::exception&) {
            result = new Poco::JSON::Object;
            result->set("job_id", row.jobId);
        }
        result->set("status", "failed");
        result->set("error", "analysis interrupted: jji-server stopped while this job was " + row.status);
        results.update(row.jobId, "failed", toJsonText(result));
        ++count;
    }
    if (count > 0)
        Poco::Logger::get("jji.analysis").warning("marked %z interrupted job(s) as failed", count);
    return count;
}

} // namespace analysis
} // namespace jji
