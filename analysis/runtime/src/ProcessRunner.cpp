#include "jji/analysis/runtime/ProcessRunner.h"

#include <boost/asio.hpp>
#include <boost/filesystem.hpp>
#include <boost/process.hpp>
#include <boost/process/extend.hpp>

#include <csignal>
#include <fstream>
#include <sys/prctl.h>
#include <memory>
#include <fcntl.h>
#include <mutex>
#include <sys/types.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace bp = boost::process;

namespace jji {
namespace analysis {

namespace {

/// What is kept of a CLI's stdout and stderr each; an answer is far smaller.
constexpr std::size_t kMaxCapturedBytes = 32 * 1024 * 1024;

/// A CLI that exits without reading its stdin must not kill us with SIGPIPE.
void ignoreSigpipeOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { std::signal(SIGPIPE, SIG_IGN); });
}

/// Polls the child (boost's wait_for misbehaves when several threads wait at once).
bool exitsWithin(bp::child& child, std::chrono::milliseconds limit)
{
    std::error_code ec;
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (child.running(ec)) {
        if (ec || std::chrono::steady_clock::now() >= deadline)
            return !child.running(ec);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

bool groupAlive(pid_t group)
{
    return ::kill(-group, 0) == 0;
}

/// SIGTERM to the group, SIGKILL after the grace period. The leader is reaped while
/// waiting (a zombie leader would otherwise keep the group "alive").
void killGroup(pid_t group, bp::child& leader, std::chrono::milliseconds grace)
{
    ::kill(-group, SIGTERM);
    auto deadline = std::chrono::steady_clock::now() + grace;
    std::error_code ec;
    while (std::chrono::steady_clock::now() < deadline) {
        leader.running(ec);
        if (!groupAlive(group))
            return;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (groupAlive(group))
        ::kill(-group, SIGKILL);
}

const char* kOwnerVariable = "JJI_SPAWNED_BY";

std::mutex ownerMutex;
std::string ownerValue;

std::string ownerTag()
{
    std::lock_guard<std::mutex> lock(ownerMutex);
    return ownerValue;
}

} // namespace

void ProcessRunner::setOwnerTag(const std::string& tag)
{
    std::lock_guard<std::mutex> lock(ownerMutex);
    ownerValue = tag;
}

std::size_t ProcessRunner::killOrphans()
{
    const std::string tag = ownerTag();
    if (tag.empty())
        return 0;
    const std::string entry = std::string(kOwnerVariable) + "=" + tag;
    std::size_t killed = 0;
    boost::system::error_code ec;
    for (boost::filesystem::directory_iterator it("/proc", ec), end; !ec && it != end; it.increment(ec)) {
        const auto& dir = *it;
        const std::string name = dir.path().filename().string();
        if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos)
            continue;
        const pid_t pid = static_cast<pid_t>(std::stol(name));
        if (pid == ::getpid())
            continue;
        std::ifstream in(dir.path().string() + "/environ", std::ios::binary); // unreadable: not ours
        std::string variable;
        while (std::getline(in, variable, '\0')) {
            if (variable == entry) {
                if (::kill(pid, SIGKILL) == 0)
                    ++killed;
                break;
            }
        }
    }
    return killed;
}

ProcessResult ProcessRunner::run(const std::string& executable, const std::vector<std::string>& args,
                                 const std::string& input, std::chrono::milliseconds timeout,
                                 const std::string& workingDirectory, std::chrono::milliseconds killGrace,
                                 const std::vector<std::pair<std::string, std::string>>& extraEnv,
                                 const OutputWatcher& watcher)
{
    ignoreSigpipeOnce();
    ProcessResult result;
    auto started = std::chrono::steady_clock::now();
    boost::asio::io_context io;
    std::unique_ptr<bp::async_pipe> inPipePtr, outPipePtr, errPipePtr;
    bp::child child;
    try {
        inPipePtr = std::make_unique<bp::async_pipe>(io); // may throw (EMFILE): reported, not thrown
        outPipePtr = std::make_unique<bp::async_pipe>(io);
        errPipePtr = std::make_unique<bp::async_pipe>(io);
        std::string exe = executable.find('/') == std::string::npos ? bp::search_path(executable).string() : executable;
        if (exe.empty())
            throw std::runtime_error("command not found: " + executable);
        // Runs in the child after stdin/stdout/stderr are in place: lead a new process group,
        // and let exec close every other inherited descriptor, so the CLI holds neither the
        // server's listening socket nor the pipes of a sibling spawned by another thread
        // (a sibling holding our stdin's write end would keep our child from seeing EOF).
        const pid_t daemon = ::getpid();
        auto setsid = bp::extend::on_exec_setup = [daemon](auto&) {
            ::setpgid(0, 0);
            ::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
            ::prctl(PR_SET_PDEATHSIG, SIGKILL); // a killed daemon takes its CLI with it
            if (::getppid() != daemon) // ... unless it died between fork and prctl: no orphan then
                ::_exit(127);
        };
        const std::string dir = workingDirectory.empty() ? boost::filesystem::current_path().string() : workingDirectory;
        const std::string tag = ownerTag();
        if (extraEnv.empty() && tag.empty()) {
            child = bp::child(exe, bp::args(args), bp::std_in < *inPipePtr, bp::std_out > *outPipePtr,
                              bp::std_err > *errPipePtr, setsid, bp::start_dir = dir);
        } else {
            // Built by hand from environ with set(): Boost 1.74's operator[] lookup reads past
            // shorter entries (AddressSanitizer catches it); empty values are left out.
            bp::environment env;
            for (char** entry = environ; *entry; ++entry) {
                const std::string pair = *entry;
                const auto eq = pair.find('=');
                if (eq != std::string::npos && eq > 0 && eq + 1 < pair.size())
                    env.set(pair.substr(0, eq), pair.substr(eq + 1));
            }
            for (const auto& [name, value] : extraEnv)
                if (!value.empty())
                    env.set(name, value);
            if (!tag.empty())
                env.set(kOwnerVariable, tag);
            child = bp::child(exe, bp::args(args), bp::std_in < *inPipePtr, bp::std_out > *outPipePtr,
                              bp::std_err > *errPipePtr, setsid, bp::start_dir = dir, env);
        }
    } catch (const std::exception& e) {
        result.launchError = e.what();
        return result;
    }
    result.launched = true;
    const pid_t group = child.id();
    bp::async_pipe& inPipe = *inPipePtr;
    bp::async_pipe& outPipe = *outPipePtr;
    bp::async_pipe& errPipe = *errPipePtr;

    boost::asio::async_write(inPipe, boost::asio::buffer(input), [&](const boost::system::error_code&, std::size_t) {
        boost::system::error_code ignored;
        inPipe.close(ignored);
    });
    std::vector<char> outChunk(65536), errChunk(65536);
    // A watcher that has seen enough stops the loop; the group is killed below.
    auto watched = [&](Stream stream, const std::vector<char>& chunk, std::size_t n) {
        if (watcher && n > 0 && !result.stopped && watcher(stream, std::string_view(chunk.data(), n))) {
            result.stopped = true;
            io.stop();
        }
    };
    std::function<void()> readOut, readErr;
    readOut = [&] {
        outPipe.async_read_some(boost::asio::buffer(outChunk), [&](const boost::system::error_code& ec, std::size_t n) {
            if (result.out.size() < kMaxCapturedBytes) // keep draining, stop keeping
                result.out.append(outChunk.data(), n);
            watched(Stream::Out, outChunk, n);
            if (!ec && !result.stopped)
                readOut();
        });
    };
    readErr = [&] {
        errPipe.async_read_some(boost::asio::buffer(errChunk), [&](const boost::system::error_code& ec, std::size_t n) {
            if (result.err.size() < kMaxCapturedBytes)
                result.err.append(errChunk.data(), n);
            watched(Stream::Err, errChunk, n);
            if (!ec && !result.stopped)
                readErr();
        });
    };
    readOut();
    readErr();

    // Runs until both output pipes close (the CLI and everything it spawned are done) or time runs out.
    io.run_for(timeout);
    if (result.stopped) {
        killGroup(group, child, killGrace);
    } else if (!io.stopped()) {
        result.timedOut = true;
        killGroup(group, child, killGrace);
        io.run_for(std::chrono::seconds(2)); // collect what was written before the kill
    }
    std::error_code ec;
    if (!exitsWithin(child, killGrace)) {
        // The CLI closed its output but did not exit: do not wait for it forever.
        killGroup(group, child, killGrace);
        child.wait(ec);
    }
    if (!result.timedOut && groupAlive(group))
        killGroup(group, child, std::chrono::milliseconds(200)); // stragglers the CLI left behind
    result.exitCode = result.timedOut || result.stopped ? -1 : child.exit_code();
    result.durationMs = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    return result;
}

} // namespace analysis
} // namespace jji
