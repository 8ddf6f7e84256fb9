#ifndef JJI_ANALYSIS_AI_AICALLLIMITER_H
#define JJI_ANALYSIS_AI_AICALLLIMITER_H

#include <Poco/Semaphore.h>

namespace jji {
namespace analysis {

/// The one daemon-wide cap on AI processes running at once (MAX_CONCURRENT_AI_CALLS),
/// shared by every analysis and every nesting level.
class AiCallLimiter
{
public:
    explicit AiCallLimiter(int maxConcurrent) : _slots(maxConcurrent, maxConcurrent) {}

    /// Holds one slot for its lifetime.
    class Slot
    {
    public:
        explicit Slot(AiCallLimiter& limiter) : _limiter(limiter) { _limiter._slots.wait(); }
        ~Slot() { _limiter._slots.set(); }
        Slot(const Slot&) = delete;
        Slot& operator=(const Slot&) = delete;

    private:
        AiCallLimiter& _limiter;
    };

private:
    Poco::Semaphore _slots;
};

} // namespace analysis
} // namespace jji

#endif
