#ifndef JJI_BRIDGE_HTTP_ACCESSLOG_H
#define JJI_BRIDGE_HTTP_ACCESSLOG_H

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace jji {
namespace bridge {

/// The access log: one line per request in the daemon's log format
/// ("2026-12-06 03:49:12 Information jji.access: GET /path 200 0.5ms", caller-controlled
/// text escaped). A request appends its line to a buffer; a thread of its own writes the
/// buffer out in a few large writes, so a busy daemon pays neither a lock around a
/// terminal write nor a system call or a thread wake-up per request. Beyond `kMaxBuffered` bytes waiting
/// (a stuck log reader) lines are dropped and counted, never piled up in memory.
/// Until start() (tests, tools) lines go through Poco's logger "jji.access".
class AccessLog
{
public:
    static constexpr std::size_t kMaxBuffered = 4 * 1024 * 1024;
    /// A waking writer gathers lines for this long, or until this much is waiting.
    static constexpr std::chrono::milliseconds kGatherFor{20};
    static constexpr std::size_t kFlushAt = 64 * 1024;

    static AccessLog& instance();

    /// Starts the writer; lines go to `fd` (standard error, where the console log goes).
    void start(int fd = 2);
    /// Writes what is buffered and stops the writer.
    void stop();

    /// Logs the request when "jji.access" logs at information level.
    void record(const std::string& method, const std::string& path, int status, double milliseconds);

    unsigned long long dropped() const { return _dropped.load(); }

    ~AccessLog() { stop(); } // a daemon that fails at start-up returns from main with the writer running

private:
    AccessLog() = default;
    void run();

    std::mutex _mutex;
    std::condition_variable _wake;
    std::string _buffer;
    bool _running = false;
    bool _stopping = false;
    bool _writerIdle = false; // waiting for a first line, so a new line must wake it
    int _fd = 2;
    std::thread _writer;
    std::atomic<unsigned long long> _dropped{0};
};

} // namespace bridge
} // namespace jji

#endif
