#include "jji/test/FakeServer.h"

#include "jji/test/ServerProcess.h"

#include <boost/process.hpp>

#include <regex>
#include <stdexcept>

namespace bp = boost::process;

namespace jji {
namespace test {

struct FakeServer::Impl
{
    bp::ipstream out;
    bp::child child;
};

FakeServer::FakeServer(const std::string& script, const std::string& fixtureJson, const std::map<std::string, std::string>& env)
    : _impl(new Impl)
{
    writeFile(_dir.file("fixture.json"), fixtureJson);
    bp::environment environment = boost::this_process::environment();
    for (const auto& [name, value] : env)
        environment.set(name, value); // set(), not operator[]: see ServerProcess
    _impl->child = bp::child(fakesDir() + "/" + script, _dir.file("fixture.json"), bp::std_out > _impl->out,
                             bp::std_in < bp::null, environment);
    std::string line;
    std::smatch m;
    const std::regex listening("listening on port ([0-9]+)");
    if (!std::getline(_impl->out, line) || !std::regex_search(line, m, listening))
        throw std::runtime_error(script + " did not start: " + line);
    _port = std::stoi(m[1]);
}

FakeServer::~FakeServer()
{
    std::error_code ec;
    _impl->child.terminate(ec);
    _impl->child.wait(ec);
}

} // namespace test
} // namespace jji
