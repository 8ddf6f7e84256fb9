#ifndef JJI_BRIDGE_HTTP_MEMORYBUDGET_H
#define JJI_BRIDGE_HTTP_MEMORYBUDGET_H

#include <atomic>
#include <cstddef>
#include <optional>

namespace jji {
namespace bridge {

/// The memory that request bodies and what is parsed from them may take at once
/// (JJI_MEMORY_BUDGET_MB, a quarter of RAM by default). A request reserves its cost
/// before its body is read and gives it back when it ends; a request that does not fit
/// is refused (503 with Retry-After) instead of taking the host down.
class MemoryBudget
{
public:
    /// What a body costs while it is handled, per byte: the text, the parsed document
    /// and the enriched copy of a JUnit report (measured: about 6.4x its size for a 45 MB
    /// report with one test in 20 failing; tests/load/jji-load reports).
    static constexpr std::size_t kCostPerBodyByte = 7;

    /// Reservations this large return freed memory to the system when they end.
    static constexpr std::size_t kTrimAbove = 32 * 1024 * 1024;

    explicit MemoryBudget(std::size_t limitBytes) : _limit(limitBytes) {}

    /// A quarter of the machine's physical memory (at least 256 MB).
    static std::size_t quarterOfRam();

    class Reservation
    {
    public:
        Reservation(MemoryBudget& budget, std::size_t bytes) : _budget(&budget), _bytes(bytes) {}
        Reservation(Reservation&& other) noexcept : _budget(other._budget), _bytes(other._bytes) { other._budget = nullptr; }
        Reservation& operator=(Reservation&& other) noexcept
        {
            if (this != &other) {
                giveBack();
                _budget = other._budget;
                _bytes = other._bytes;
                other._budget = nullptr;
            }
            return *this;
        }
        Reservation(const Reservation&) = delete;
        ~Reservation() { giveBack(); }

    private:
        void giveBack();

        MemoryBudget* _budget;
        std::size_t _bytes;
    };

    /// Takes `bytes` of the budget, or nothing when they do not fit now.
    std::optional<Reservation> tryReserve(std::size_t bytes);

    std::size_t limit() const { return _limit; }
    std::size_t inUse() const { return _inUse.load(); }

private:
    const std::size_t _limit;
    std::atomic<std::size_t> _inUse{0};
};

} // namespace bridge
} // namespace jji

#endif
