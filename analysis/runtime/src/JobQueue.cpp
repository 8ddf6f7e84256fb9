#include "jji/analysis/runtime/JobQueue.h"

#include <Poco/Logger.h>
#include <Poco/Runnable.h>

namespace jji {
namespace analysis {

namespace {

/// Adapts a loop to Poco::Runnable for the thread pool.
class Loop : public Poco::Runnable
{
public:
    explicit Loop(std::function<void()> body) : _body(std::move(body)) {}
    void run() override { _body(); }

private:
    std::function<void()> _body;
};

} // namespace

JobQueue::JobQueue(int maxRunning) : _threads(maxRunning + 1, maxRunning + 1)
{
    for (int i = 0; i < maxRunning; ++i) {
        _loops.push_back(std::make_unique<Loop>([this] { workerLoop(); }));
        _threads.start(*_loops.back(), "jji-analysis-" + std::to_string(i));
    }
    _loops.push_back(std::make_unique<Loop>([this] { timerLoop(); }));
    _threads.start(*_loops.back(), "jji-analysis-timer");
}

JobQueue::~JobQueue()
{
    stop();
    _threads.joinAll();
}

void JobQueue::stop()
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _stopping = true;
        _queue.clear();
        _delayedJobs.clear();
    }
    _wake.notify_all();
    _timerWake.notify_all();
}

void JobQueue::submit(Job job)
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        if (_stopping)
            return;
        _queue.push_back(std::move(job));
    }
    _wake.notify_one();
}

void JobQueue::submitAfter(std::chrono::milliseconds delay, Job job)
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        if (_stopping)
            return;
        _delayedJobs.emplace(std::chrono::steady_clock::now() + delay, std::move(job));
    }
    _timerWake.notify_one();
}

std::size_t JobQueue::queued() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _queue.size();
}

std::size_t JobQueue::running() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _running;
}

std::size_t JobQueue::delayed() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _delayedJobs.size();
}

void JobQueue::workerLoop()
{
    std::unique_lock<std::mutex> lock(_mutex);
    while (true) {
        _wake.wait(lock, [this] { return _stopping || !_queue.empty(); });
        if (_stopping)
            return;
        Job job = std::move(_queue.front());
        _queue.pop_front();
        ++_running;
        lock.unlock();
        try {
            job();
        } catch (const std::exception& e) {
            // A job records its own failure; anything escaping is a bug, not a reason to lose the worker.
            Poco::Logger::get("jji.queue").error("analysis job threw: %s", std::string(e.what()));
        } catch (...) {
            Poco::Logger::get("jji.queue").error("analysis job threw a non-standard exception");
        }
        lock.lock();
        --_running;
    }
}

void JobQueue::timerLoop()
{
    std::unique_lock<std::mutex> lock(_mutex);
    while (!_stopping) {
        if (_delayedJobs.empty()) {
            _timerWake.wait(lock);
            continue;
        }
        auto due = _delayedJobs.begin()->first;
        if (std::chrono::steady_clock::now() < due) {
            _timerWake.wait_until(lock, due);
            continue;
        }
        _queue.push_back(std::move(_delayedJobs.begin()->second));
        _delayedJobs.erase(_delayedJobs.begin());
        _wake.notify_one();
    }
}

} // namespace analysis
} // namespace jji
