#ifndef JJI_CLI_CLIOUTPUT_H
#define JJI_CLI_CLIOUTPUT_H

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <iosfwd>
#include <map>
#include <string>
#include <vector>

namespace jji {
namespace cli {

/// A table column: the JSON field and its header ("" for the field upper-cased).
struct Column
{
    std::string field;
    std::string label;
};

/// What the CLI prints: aligned tables (as the original: upper-case headers, a dashed
/// rule, two spaces between columns) cut to the terminal's width, pretty JSON, and
/// colours only on a terminal without NO_COLOR.
class CliOutput
{
public:
    /// `width` 0: no limit (not a terminal and no COLUMNS).
    CliOutput(std::ostream& out, bool colour, std::size_t width) : _out(out), _colour(colour), _width(width) {}

    /// For stdout: colour when it is a terminal and NO_COLOR is unset; the terminal's width
    /// (or COLUMNS).
    static CliOutput forStdout(std::ostream& out);
    /// Whether a stream on this descriptor may be coloured.
    static bool colourOn(int fd);

    /// One row per object ("No results." when there is none).
    void table(const Poco::JSON::Array::Ptr& rows, const std::vector<Column>& columns);
    void table(const Poco::JSON::Object::Ptr& row, const std::vector<Column>& columns);
    void json(const Poco::Dynamic::Var& value);
    void line(const std::string& text);
    /// A status or classification word in its signal colour (plain without colour).
    std::string signal(const std::string& word) const;

    /// A JSON value as a cell: strings as they are, null as "", nested values as compact JSON.
    static std::string cell(const Poco::Dynamic::Var& value);
    /// Display width of UTF-8 text (code points).
    static std::size_t displayWidth(const std::string& text);

    std::ostream& stream() { return _out; }

private:
    std::ostream& _out;
    bool _colour;
    std::size_t _width;
};

/// Pretty JSON (2-space indent), keys in the server's order.
std::string prettyJson(const Poco::Dynamic::Var& value);
/// Parses a reply body keeping the server's key order.
Poco::Dynamic::Var parseJson(const std::string& body);

} // namespace cli
} // namespace jji

#endif
