#ifndef JJI_ANALYSIS_RUNTIME_JOBQUEUE_H
#define JJI_ANALYSIS_RUNTIME_JOBQUEUE_H

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include <Poco/Runnable.h>
#include <Poco/ThreadPool.h>

namespace jji {
namespace analysis {

/// Runs analysis jobs on a bounded set of worker threads (JJI_MAX_CONCURRENT_ANALYSES);
/// the rest wait in FIFO order. A job that must wait for something outside (a Jenkins
/// build still running) is re-submitted with a delay instead of sleeping on a worker:
/// delayed jobs sit in a timer list and take no thread until they are due.
class JobQueue
{
public:
    using Job = std::function<void()>;

    explicit JobQueue(int maxRunning);
    ~JobQueue(); ///< finishes running jobs, drops queued and delayed ones

    JobQueue(const JobQueue&) = delete;
    JobQueue& operator=(const JobQueue&) = delete;

    /// Drops queued and delayed jobs and accepts no more; running ones finish.
    void stop();

    void submit(Job job);
    void submitAfter(std::chrono::milliseconds delay, Job job);

    std::size_t queued() const;   ///< waiting for a worker
    std::size_t running() const;
    std::size_t delayed() const;

private:
    void workerLoop();
    void timerLoop();

    mutable std::mutex _mutex;
    std::condition_variable _wake;      ///< workers: a job is queued or we stop
    std::condition_variable _timerWake; ///< timer: a delayed job was added or we stop
    std::deque<Job> _queue;
    std::multimap<std::chrono::steady_clock::time_point, Job> _delayedJobs;
    std::size_t _running = 0;
    bool _stopping = false;
    std::vector<std::unique_ptr<Poco::Runnable>> _loops; ///< outlive the threads running them
    Poco::ThreadPool _threads;
};

} // namespace analysis
} // namespace jji

#endif
