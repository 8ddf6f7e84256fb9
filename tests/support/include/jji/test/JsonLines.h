#ifndef JJI_TEST_JSONLINES_H
#define JJI_TEST_JSONLINES_H

#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

namespace jji {
namespace test {

/// The objects of a JSON-lines file (one object per line), such as the fake AI CLI's call
/// log; none when the file does not exist yet.
std::vector<Poco::JSON::Object::Ptr> readJsonLines(const std::string& file);

} // namespace test
} // namespace jji

#endif
