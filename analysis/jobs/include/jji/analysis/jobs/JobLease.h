#ifndef JJI_ANALYSIS_JOBS_JOBLEASE_H
#define JJI_ANALYSIS_JOBS_JOBLEASE_H

#include <chrono>
#include <string>

namespace jji {
namespace analysis {

/// Who runs a job and for how long that claim holds without renewal. Every job row
/// this daemon creates or takes over carries its node id and a lease it renews while
/// alive; a job whose lease runs out belongs to a daemon that died.
struct JobLease
{
    std::string node;                 ///< unique per daemon process: host, pid, random suffix
    std::chrono::seconds duration{60};

    static JobLease forThisProcess(std::chrono::seconds duration);

    /// Lease end for a claim made now, in epoch microseconds.
    long long untilUs() const;
};

} // namespace analysis
} // namespace jji

#endif
