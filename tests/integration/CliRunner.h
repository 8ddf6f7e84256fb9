#ifndef JJI_TEST_CLIRUNNER_H
#define JJI_TEST_CLIRUNNER_H

// Runs the real `jji` binary (JJI_CLI_PATH) with a clean environment: PATH, a private
// HOME (so no user config or session leaks in), and what the test adds.
#include <boost/process.hpp>

#include <chrono>
#include <functional>
#include <iostream>

#include <map>
#include <string>
#include <thread>
#include <vector>

namespace jji {
namespace test {

struct CliRun
{
    int code = -1;
    std::string out, err;
};

/// Any program with PATH=/usr/bin:/bin (unless `env` sets PATH) and `env`; stdin is `input`.
inline CliRun runProgram(const std::string& program, const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                         const std::string& input = "", int timeoutSeconds = 120)
{
    namespace bp = boost::process;
    bp::environment e; // set(): Boost 1.74's operator[] reads past shorter entries
    e.set("PATH", "/usr/bin:/bin");
    for (const auto& [k, v] : env)
        e.set(k, v);
    bp::ipstream out, err;
    bp::opstream in;
    bp::child child(program, bp::args(args), e, bp::std_out > out, bp::std_err > err, bp::std_in < in);
    in << input;
    in.flush();
    in.pipe().close();
    CliRun run;
    auto drain = [](bp::ipstream& stream, std::string& into) {
        std::string line;
        while (std::getline(stream, line))
            into += line + "\n";
    };
    std::thread outReader(drain, std::ref(out), std::ref(run.out));
    std::thread errReader(drain, std::ref(err), std::ref(run.err));
    // A command that hangs is killed and reported with what it printed, rather than
    // stalling the whole fixture until ctest's timeout.
    const bool finished = child.wait_for(std::chrono::seconds(timeoutSeconds));
    if (!finished)
        child.terminate();
    outReader.join();
    errReader.join();
    if (!finished) {
        std::string words;
        for (const auto& a : args)
            words += " " + a;
        run.err += "[runProgram: " + program + words + " killed after " + std::to_string(timeoutSeconds) + " s]\n";
        std::cerr << run.err;
        run.code = -1;
    } else {
        run.code = child.exit_code();
    }
    return run;
}

inline CliRun runCli(const std::vector<std::string>& args, const std::map<std::string, std::string>& env, const std::string& input = "")
{
    return runProgram(JJI_CLI_PATH, args, env, input);
}

} // namespace test
} // namespace jji

#endif
