#ifndef JJI_ANALYSIS_RUNTIME_ALLOCATORTUNING_H
#define JJI_ANALYSIS_RUNTIME_ALLOCATORTUNING_H

namespace jji {
namespace analysis {

/// The daemon's glibc malloc settings, applied once at start-up (and by the benchmarks,
/// so they measure what the daemon does).
///
/// glibc gives freed memory back to the kernel as soon as 128 kB sit free at the top of a
/// heap, so serving a stored result (tens of kB copied a few times) paid page faults on
/// every request: 2,900 against 6,300 req/s for a 70 kB result (jji_bench_http). Memory is
/// kept for reuse up to 64 MB per arena; blocks of 4 MB and more (reports, archives) are
/// mapped on their own and returned when freed.
void tuneAllocator();

} // namespace analysis
} // namespace jji

#endif
