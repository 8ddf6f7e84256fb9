#ifndef JJI_CLI_CLIOUTPUT_H
#define JJI_CLI_CLIOUTPUT_H

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <iosfwd>
#include <string>
#include <vector>

namespace jji {
namespace cli {

/// Human-readable output: aligned tables with a header row, and "key: value" blocks.
class CliOutput
{
public:
    explicit CliOutput(std::ostream& out) : _out(out) {}

    /// One row per array item, one column per field ("" for missing ones).
    void table(const Poco::JSON::Array::Ptr& rows, const std::vector<std::string>& fields);
    void keyValues(const Poco::JSON::Object::Ptr& object, const std::vector<std::string>& fields);

    /// A JSON value as a short cell ("-" for null; nested values as compact JSON).
    static std::string cell(const Poco::Dynamic::Var& value, std::size_t maxWidth = 60);

private:
    std::ostream& _out;
};

} // namespace cli
} // namespace jji

#endif
