#include "jji/test/FakeTrackers.h"

#include <Poco/JSON/Parser.h>

#include <cstdio>
#include <fstream>

#include <unistd.h>

namespace jji {
namespace test {

namespace {

std::string logPathFor(const std::string& fixtureJson)
{
    static int counter = 0;
    return "/tmp/jji-fake-trackers-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + "-" +
           std::to_string(fixtureJson.size()) + ".log";
}

} // namespace

FakeTrackers::FakeTrackers(const std::string& fixtureJson) : FakeTrackers(fixtureJson, logPathFor(fixtureJson)) {}

FakeTrackers::FakeTrackers(const std::string& fixtureJson, const std::string& log)
    : FakeServer("fake-trackers", fixtureJson, {{"FAKE_TRACKERS_LOG", log}}), _log(log)
{
}

FakeTrackers::~FakeTrackers()
{
    std::remove(_log.c_str());
}

std::vector<Poco::JSON::Object::Ptr> FakeTrackers::requests() const
{
    std::vector<Poco::JSON::Object::Ptr> out;
    std::ifstream in(_log);
    std::string line;
    while (std::getline(in, line))
        if (!line.empty())
            out.push_back(Poco::JSON::Parser().parse(line).extract<Poco::JSON::Object::Ptr>());
    return out;
}

std::vector<Poco::JSON::Object::Ptr> FakeTrackers::requests(const std::string& tracker, const std::string& method) const
{
    std::vector<Poco::JSON::Object::Ptr> out;
    for (const auto& r : requests())
        if (r->getValue<std::string>("tracker") == tracker && r->getValue<std::string>("method") == method)
            out.push_back(r);
    return out;
}

} // namespace test
} // namespace jji
