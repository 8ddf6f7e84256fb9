#ifndef JJI_TEST_CLIRUNNER_H
#define JJI_TEST_CLIRUNNER_H

// Runs the real `jji` binary (JJI_CLI_PATH) with a clean environment: PATH, a private
// HOME (so no user config or session leaks in), and what the test adds.
#include <boost/process.hpp>

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
                         const std::string& input = "")
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
    std::thread errReader([&] {
        std::string line;
        while (std::getline(err, line))
            run.err += line + "\n";
    });
    std::string line;
    while (std::getline(out, line))
        run.out += line + "\n";
    errReader.join();
    child.wait();
    run.code = child.exit_code();
    return run;
}

inline CliRun runCli(const std::vector<std::string>& args, const std::map<std::string, std::string>& env, const std::string& input = "")
{
    return runProgram(JJI_CLI_PATH, args, env, input);
}

} // namespace test
} // namespace jji

#endif
