#ifndef JJI_ANALYSIS_RUNTIME_PROCESSRUNNER_H
#define JJI_ANALYSIS_RUNTIME_PROCESSRUNNER_H

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jji {
namespace analysis {

/// What one external command did.
struct ProcessResult
{
    int exitCode = -1;
    bool timedOut = false;
    bool launched = false;
    bool stopped = false; ///< the output watcher asked to end it early (it was killed)
    std::string out;
    std::string err;
    long long durationMs = 0;
    std::string launchError; ///< why it could not start, when !launched
};

/// Runs a command (AI CLIs, git) with text on stdin, capturing stdout and stderr
/// concurrently so neither pipe can fill up and deadlock. The child leads a new
/// process group; on timeout the whole group gets SIGTERM, then SIGKILL after a
/// grace period, so helpers the CLI spawned do not outlive it. The child also dies
/// with the daemon (PR_SET_PDEATHSIG); its own children, if the daemon is killed,
/// are found by their tag at the next start (killOrphans).
class ProcessRunner
{
public:
    enum class Stream { Out, Err };
    /// Sees each chunk of output as it arrives; returning true ends the command at once
    /// (its group is killed), for a CLI whose output shows it can no longer succeed.
    using OutputWatcher = std::function<bool(Stream, std::string_view chunk)>;

    /// Tags every command started from now on (and what it spawns, by inheritance) as
    /// this daemon's, in the environment variable JJI_SPAWNED_BY, so killOrphans() can
    /// find those a killed daemon left. The tag names the daemon (e.g. its data dir).
    static void setOwnerTag(const std::string& tag);

    /// Kills (SIGKILL) every process carrying this daemon's tag but this one: the
    /// commands, and their children, of a previous run that died without ending them.
    /// Returns how many there were.
    static std::size_t killOrphans();

    /// `extraEnv` is added to the inherited environment (secrets go there, never into
    /// args: other users can read a process's arguments, not its environment).
    static ProcessResult run(const std::string& executable, const std::vector<std::string>& args, const std::string& input,
                             std::chrono::milliseconds timeout, const std::string& workingDirectory = "",
                             std::chrono::milliseconds killGrace = std::chrono::seconds(5),
                             const std::vector<std::pair<std::string, std::string>>& extraEnv = {},
                             const OutputWatcher& watcher = {});
};

} // namespace analysis
} // namespace jji

#endif
