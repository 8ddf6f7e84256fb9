#include "jji/test/FakeJenkins.h"

#include "jji/test/ServerProcess.h"

#include <boost/process.hpp>

#include <regex>
#include <stdexcept>

namespace bp = boost::process;

namespace jji {
namespace test {

struct FakeJenkins::Impl
{
    bp::ipstream out;
    bp::child child;
};

FakeJenkins::FakeJenkins(const std::string& fixtureJson) : _impl(new Impl)
{
    writeFile(_dir.file("fixture.json"), fixtureJson);
    _impl->child = bp::child(fakesDir() + "/fake-jenkins", _dir.file("fixture.json"), bp::std_out > _impl->out,
                             bp::std_in < bp::null);
    std::string line;
    std::smatch m;
    const std::regex listening("listening on port ([0-9]+)");
    if (!std::getline(_impl->out, line) || !std::regex_search(line, m, listening))
        throw std::runtime_error("fake-jenkins did not start: " + line);
    _port = std::stoi(m[1]);
}

FakeJenkins::~FakeJenkins()
{
    std::error_code ec;
    _impl->child.terminate(ec);
    _impl->child.wait(ec);
}

} // namespace test
} // namespace jji
