#include "jji/test/ServerProcess.h"

#include <Poco/Thread.h>

#include <boost/process.hpp>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>
#include <regex>
#include <stdexcept>
#include <thread>

namespace bp = boost::process;

namespace jji {
namespace test {

std::string serverBinary() { return JJI_SERVER_PATH; }
std::string fakesDir() { return JJI_FAKES_DIR; }
std::string dataDir() { return JJI_TEST_DATA_DIR; }

struct ServerProcess::Impl
{
    bp::child child;
};

namespace {

/// An empty value means "unset" for jji-server; such entries are left out. set() rather
/// than operator[]: Boost 1.74's lookup behind operator[] reads past shorter entries.
bp::environment toEnvironment(const std::map<std::string, std::string>& vars)
{
    bp::environment env;
    for (const auto& [name, value] : vars)
        if (!value.empty())
            env.set(name, value);
    return env;
}

std::string readIfExists(const std::string& path)
{
    try {
        return readFile(path);
    } catch (const std::exception&) {
        return "";
    }
}

} // namespace

void chownTree(const std::string& path, int uid)
{
    const auto id = static_cast<uid_t>(uid);
    if (::chown(path.c_str(), id, static_cast<gid_t>(uid)) != 0)
        throw std::runtime_error("cannot chown " + path);
    for (const auto& entry : std::filesystem::recursive_directory_iterator(path))
        if (::lchown(entry.path().c_str(), id, static_cast<gid_t>(uid)) != 0)
            throw std::runtime_error("cannot chown " + entry.path().string());
}

std::map<std::string, std::string> ServerProcess::baseEnvironment(const std::string& home)
{
    std::map<std::string, std::string> env;
    for (const char* name : {"PATH", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "LANG"}) {
        if (const char* value = std::getenv(name))
            env[name] = value;
    }
    env["HOME"] = home;
    return env;
}

ServerProcess::ServerProcess(Options options, std::optional<int> runAsUid) : _impl(new Impl)
{
    _logFile = _dataDir.file("server.log");
    auto env = baseEnvironment(_dataDir.path());
    env["JJI_DATA_DIR"] = _dataDir.file("data");
    env["PORT"] = "0";
    env["JJI_BIND"] = "127.0.0.1";
    for (const auto& [name, value] : options.env)
        env[name] = value;

    if (runAsUid) {
        chownTree(_dataDir.path(), *runAsUid);
        const std::string id = std::to_string(*runAsUid);
        std::vector<std::string> args{"--reuid=" + id, "--regid=" + id, "--clear-groups", "--", serverBinary()};
        args.insert(args.end(), options.args.begin(), options.args.end());
        _impl->child = bp::child(bp::search_path("setpriv"), bp::args(args), toEnvironment(env),
                                 (bp::std_out & bp::std_err) > _logFile, bp::std_in < bp::null);
    } else {
        _impl->child = bp::child(serverBinary(), bp::args(options.args), toEnvironment(env),
                                 (bp::std_out & bp::std_err) > _logFile, bp::std_in < bp::null);
    }

    const std::regex listening("listening on http://[^:]+:([0-9]+)");
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
        std::smatch m;
        std::string text = readIfExists(_logFile);
        if (std::regex_search(text, m, listening)) {
            _port = std::stoi(m[1]);
            _client = std::make_unique<HttpClient>("127.0.0.1", _port);
            return;
        }
        if (!_impl->child.running())
            throw std::runtime_error("jji-server exited during start-up:\n" + text);
        Poco::Thread::sleep(25);
    }
    _impl->child.terminate();
    throw std::runtime_error("jji-server did not start listening in time:\n" + readIfExists(_logFile));
}

ServerProcess::~ServerProcess()
{
    try {
        stop();
    } catch (...) {
    }
}

int ServerProcess::pid() const
{
    return _impl->child.id();
}

std::string ServerProcess::log() const
{
    return readIfExists(_logFile);
}

std::string ServerProcess::waitForLog(const std::string& needle, int timeoutMs) const
{
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    std::string text = log();
    while (text.find(needle) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        text = log();
    }
    return text;
}

int ServerProcess::stop()
{
    if (!_impl->child.valid())
        return -1;
    if (_impl->child.running()) {
        ::kill(_impl->child.id(), SIGTERM);
        if (!_impl->child.wait_for(std::chrono::seconds(30))) {
            _impl->child.terminate();
            _impl->child.wait();
        }
    } else {
        _impl->child.wait();
    }
    int code = _impl->child.exit_code();
    _impl->child = bp::child();
    return code;
}

int ServerProcess::runToExit(const std::vector<std::string>& args, const std::map<std::string, std::string>& extraEnv,
                             std::string& output, int timeoutSeconds)
{
    TempDir home;
    auto env = baseEnvironment(home.path());
    env["JJI_DATA_DIR"] = home.file("data");
    for (const auto& [name, value] : extraEnv)
        env[name] = value;
    std::string logFile = home.file("out.log");
    bp::child child(serverBinary(), bp::args(args), toEnvironment(env), (bp::std_out & bp::std_err) > logFile,
                    bp::std_in < bp::null);
    if (!child.wait_for(std::chrono::seconds(timeoutSeconds))) {
        child.terminate();
        child.wait();
        output = readIfExists(logFile);
        throw std::runtime_error("jji-server did not exit within the timeout:\n" + output);
    }
    output = readIfExists(logFile);
    return child.exit_code();
}

} // namespace test
} // namespace jji
