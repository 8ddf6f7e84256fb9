#include "jji/test/JsonLines.h"

#include <Poco/JSON/Parser.h>

#include <fstream>

namespace jji {
namespace test {

std::vector<Poco::JSON::Object::Ptr> readJsonLines(const std::string& file)
{
    std::vector<Poco::JSON::Object::Ptr> out;
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line))
        out.push_back(Poco::JSON::Parser().parse(line).extract<Poco::JSON::Object::Ptr>());
    return out;
}

} // namespace test
} // namespace jji
