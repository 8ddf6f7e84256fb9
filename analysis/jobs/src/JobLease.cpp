#include "jji/analysis/jobs/JobLease.h"

#include <Poco/Environment.h>
#include <Poco/Process.h>
#include <Poco/Timestamp.h>
#include <Poco/UUIDGenerator.h>

namespace jji {
namespace analysis {

JobLease JobLease::forThisProcess(std::chrono::seconds duration)
{
    JobLease lease;
    lease.node = Poco::Environment::nodeName() + ":" + std::to_string(Poco::Process::id()) + ":" +
                 Poco::UUIDGenerator::defaultGenerator().createRandom().toString().substr(0, 8);
    lease.duration = duration;
    return lease;
}

long long JobLease::untilUs() const
{
    return Poco::Timestamp().epochMicroseconds() + std::chrono::duration_cast<std::chrono::microseconds>(duration).count();
}

} // namespace analysis
} // namespace jji
