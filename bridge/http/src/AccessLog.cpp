#include "jji/bridge/http/AccessLog.h"

#include "jji/bridge/http/LogText.h"

#include <Poco/Logger.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <unistd.h>

namespace jji {
namespace bridge {

namespace {

Poco::Logger& accessLogger()
{
    static Poco::Logger& logger = Poco::Logger::get("jji.access"); // get() locks a global registry
    return logger;
}

/// "YYYY-MM-DD HH:MM:SS" in UTC, as the log formatter writes it; made once per second
/// per thread.
const std::string& timestampNow()
{
    thread_local std::time_t shown = -1;
    thread_local std::string text;
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    if (now != shown) {
        std::tm utc{};
        gmtime_r(&now, &utc);
        char buffer[32];
        std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S", &utc);
        text = buffer;
        shown = now;
    }
    return text;
}

/// Writes all of it (a pipe may take it in parts); gives up on a broken descriptor.
void writeAll(int fd, const char* data, std::size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
}

} // namespace

AccessLog& AccessLog::instance()
{
    static AccessLog log;
    return log;
}

void AccessLog::start(int fd)
{
    std::lock_guard<std::mutex> lock(_mutex);
    if (_running)
        return;
    _fd = fd;
    _stopping = false;
    _running = true;
    _writer = std::thread([this] { run(); });
}

void AccessLog::stop()
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        if (!_running)
            return;
        _stopping = true;
    }
    _wake.notify_one();
    _writer.join();
    std::lock_guard<std::mutex> lock(_mutex);
    _running = false;
}

void AccessLog::record(const std::string& method, const std::string& path, int status, double milliseconds)
{
    Poco::Logger& logger = accessLogger();
    if (!logger.information())
        return;
    thread_local std::string line;
    line.clear();
    appendEscapedForLog(line, method);
    line += ' ';
    appendEscapedForLog(line, path);
    char tail[48];
    std::snprintf(tail, sizeof tail, " %d %.1fms", status, milliseconds);
    line += tail;

    std::unique_lock<std::mutex> lock(_mutex);
    if (!_running) {
        lock.unlock();
        logger.information(line);
        return;
    }
    if (_buffer.size() >= kMaxBuffered) {
        ++_dropped;
        return;
    }
    _buffer += timestampNow();
    _buffer += " Information jji.access: ";
    _buffer += line;
    _buffer += '\n';
    // Only a sleeping writer needs the wake-up; one that is gathering wakes by itself.
    const bool wake = _writerIdle || _buffer.size() >= kFlushAt;
    _writerIdle = false;
    lock.unlock();
    if (wake)
        _wake.notify_one();
}

void AccessLog::run()
{
    std::string batch;
    std::unique_lock<std::mutex> lock(_mutex);
    for (;;) {
        _writerIdle = true;
        _wake.wait(lock, [this] { return _stopping || !_buffer.empty(); });
        _writerIdle = false;
        if (_buffer.empty() && _stopping)
            return;
        // Gather what follows the first line for a moment: under load that is one wake-up
        // and one write per interval, not one per request.
        _wake.wait_for(lock, kGatherFor, [this] { return _stopping || _buffer.size() >= kFlushAt; });
        batch.swap(_buffer);
        lock.unlock();
        // Line-aligned writes of at most 4 kB: each is atomic on a pipe, so the console
        // log's own lines never land inside one of ours.
        std::size_t from = 0;
        while (from < batch.size()) {
            std::size_t to = std::min(batch.size(), from + 4096);
            if (to < batch.size()) {
                const std::size_t newline = batch.rfind('\n', to - 1);
                to = newline != std::string::npos && newline >= from ? newline + 1 : to;
            }
            writeAll(_fd, batch.data() + from, to - from);
            from = to;
        }
        batch.clear();
        lock.lock();
    }
}

} // namespace bridge
} // namespace jji
