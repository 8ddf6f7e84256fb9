#include "jji/bridge/http/MemoryBudget.h"

#include <algorithm>
#include <malloc.h>
#include <unistd.h>

namespace jji {
namespace bridge {

std::size_t MemoryBudget::quarterOfRam()
{
    const long pages = ::sysconf(_SC_PHYS_PAGES), pageSize = ::sysconf(_SC_PAGE_SIZE);
    const std::size_t ram = pages > 0 && pageSize > 0 ? static_cast<std::size_t>(pages) * static_cast<std::size_t>(pageSize) : 0;
    return std::max<std::size_t>(ram / 4, std::size_t(256) * 1024 * 1024);
}

void MemoryBudget::Reservation::giveBack()
{
    if (!_budget)
        return;
    _budget->_inUse -= _bytes;
    _budget = nullptr;
    // glibc keeps freed memory in its arenas; a large request's is given back to the
    // system, so the process's size follows the budget, not its past peaks.
    if (_bytes >= kTrimAbove)
        ::malloc_trim(0);
}

std::optional<MemoryBudget::Reservation> MemoryBudget::tryReserve(std::size_t bytes)
{
    std::size_t current = _inUse.load();
    do {
        if (bytes > _limit || current > _limit - bytes)
            return std::nullopt;
    } while (!_inUse.compare_exchange_weak(current, current + bytes));
    return Reservation(*this, bytes);
}

} // namespace bridge
} // namespace jji
