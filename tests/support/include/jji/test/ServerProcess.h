#ifndef JJI_TEST_SERVERPROCESS_H
#define JJI_TEST_SERVERPROCESS_H

#include "jji/test/HttpClient.h"
#include "jji/test/TempDir.h"

#include <map>
#include <optional>
#include <memory>
#include <string>
#include <vector>

namespace jji {
namespace test {

/// Runs the real jji-server binary on a free loopback port with its own temporary
/// data directory (so its own SQLite database), for integration tests. The
/// environment is clean apart from PATH and what the test passes. Stopped with
/// SIGTERM when destroyed.
class ServerProcess
{
public:
    struct Options
    {
        std::map<std::string, std::string> env;
        std::vector<std::string> args;
    };

    /// With `runAsUid`: runs as that user and group id (through setpriv; the data
    /// directory is handed over to it), for what must work for an ordinary user too.
    explicit ServerProcess(Options options = {}, std::optional<int> runAsUid = std::nullopt);
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    int port() const { return _port; }
    const HttpClient& http() const { return *_client; }
    const std::string& dataDir() const { return _dataDir.path(); }
    int pid() const;

    /// Everything the server wrote to stdout/stderr so far.
    std::string log() const;

    /// Waits until the log contains `needle` (lines such as the access log are
    /// written after the reply has gone out); returns the log as it then stands.
    std::string waitForLog(const std::string& needle, int timeoutMs = 10000) const;

    /// SIGTERM and wait; returns the exit code (or 128+signal).
    int stop();

    /// Runs jji-server to completion with the given args/env (for start-up failures,
    /// --help, --print-config); returns the exit code and fills output.
    static int runToExit(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                         std::string& output, int timeoutSeconds = 30);

    /// The environment the helper starts from: PATH, sanitizer options, a temp HOME.
    static std::map<std::string, std::string> baseEnvironment(const std::string& home);

private:
    struct Impl;
    TempDir _dataDir;
    std::string _logFile;
    int _port = 0;
    std::unique_ptr<HttpClient> _client;
    std::unique_ptr<Impl> _impl;
};

/// Gives a directory tree to a user and group id (for ServerProcess::Options::runAsUid).
void chownTree(const std::string& path, int uid);

/// Path to the jji-server binary under test.
std::string serverBinary();
/// Path to tests/fakes in the source tree.
std::string fakesDir();
/// Path to tests/data in the source tree.
std::string dataDir();

} // namespace test
} // namespace jji

#endif
