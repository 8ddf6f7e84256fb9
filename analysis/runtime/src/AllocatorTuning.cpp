#include "jji/analysis/runtime/AllocatorTuning.h"

#include <malloc.h>

namespace jji {
namespace analysis {

void tuneAllocator()
{
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
    mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);
}

} // namespace analysis
} // namespace jji
