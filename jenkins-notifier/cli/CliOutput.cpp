#include "CliOutput.h"

#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <algorithm>
#include <cstdlib>
#include <ostream>
#include <sstream>
#include <sys/ioctl.h>
#include <unistd.h>

namespace jji {
namespace cli {

namespace {

std::string upperLabel(const std::string& field)
{
    std::string out = field;
    for (char& ch : out)
        ch = ch == '_' ? ' ' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return out;
}

/// Cuts UTF-8 text to `width` code points, ending with "…" when cut.
std::string cut(const std::string& text, std::size_t width)
{
    if (CliOutput::displayWidth(text) <= width)
        return text;
    if (width == 0)
        return "";
    std::string out;
    std::size_t points = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool starts = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
        if (starts && ++points > width - 1)
            break;
        out += text[i];
    }
    return out + "\xE2\x80\xA6";
}

} // namespace

bool CliOutput::colourOn(int fd)
{
    const char* noColor = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    return ::isatty(fd) && !(noColor && *noColor) && !(term && std::string(term) == "dumb");
}

CliOutput CliOutput::forStdout(std::ostream& out)
{
    std::size_t width = 0;
    struct winsize size {};
    if (::isatty(STDOUT_FILENO) && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
        width = size.ws_col;
    else if (const char* columns = std::getenv("COLUMNS"); columns && std::atoi(columns) > 0)
        width = static_cast<std::size_t>(std::atoi(columns));
    return CliOutput(out, colourOn(STDOUT_FILENO), width);
}

std::size_t CliOutput::displayWidth(const std::string& text)
{
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; }));
}

std::string CliOutput::cell(const Poco::Dynamic::Var& value)
{
    std::string text;
    if (value.isEmpty())
        return "";
    if (value.type() == typeid(Poco::JSON::Object::Ptr) || value.type() == typeid(Poco::JSON::Array::Ptr)) {
        std::ostringstream out;
        Poco::JSON::Stringifier::stringify(value, out);
        text = out.str();
    } else if (value.type() == typeid(bool)) {
        text = value.extract<bool>() ? "True" : "False"; // as the original prints Python booleans
    } else {
        text = value.toString();
    }
    std::replace(text.begin(), text.end(), '\n', ' ');
    std::replace(text.begin(), text.end(), '\t', ' ');
    return text;
}

std::string CliOutput::signal(const std::string& word) const
{
    if (!_colour)
        return word;
    static const std::map<std::string, std::string> colours{
        {"completed", "32"}, {"healthy", "32"}, {"ok", "32"}, {"failed", "31"}, {"unhealthy", "31"}, {"error", "31"},
        {"running", "33"}, {"waiting", "33"}, {"pending", "33"}, {"queued", "36"}, {"degraded", "33"},
        {"PRODUCT BUG", "31"}, {"CODE ISSUE", "33"}, {"INFRASTRUCTURE", "34"}};
    auto it = colours.find(word);
    return it == colours.end() ? word : "\x1b[" + it->second + "m" + word + "\x1b[0m";
}

void CliOutput::table(const Poco::JSON::Object::Ptr& row, const std::vector<Column>& columns)
{
    Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
    if (row)
        rows->add(row);
    table(rows, columns);
}

void CliOutput::table(const Poco::JSON::Array::Ptr& rows, const std::vector<Column>& columns)
{
    if (!rows || rows->size() == 0) {
        line("No results.");
        return;
    }
    std::vector<std::string> headers;
    std::vector<std::size_t> widths;
    for (const auto& c : columns) {
        headers.push_back(c.label.empty() ? upperLabel(c.field) : c.label);
        widths.push_back(displayWidth(headers.back()));
    }
    std::vector<std::vector<std::string>> cells;
    for (std::size_t r = 0; r < rows->size(); ++r) {
        Poco::JSON::Object::Ptr row = rows->getObject(static_cast<unsigned>(r));
        std::vector<std::string> line;
        for (std::size_t c = 0; c < columns.size(); ++c) {
            line.push_back(row && row->has(columns[c].field) ? cell(row->get(columns[c].field)) : "");
            widths[c] = std::max(widths[c], displayWidth(line.back()));
        }
        cells.push_back(std::move(line));
    }
    // Over the terminal's width: narrow the widest column, one character at a time,
    // down to its header's width (or 8), so short columns (status, ids) stay whole.
    if (_width > 0) {
        auto total = [&] {
            std::size_t sum = 2 * (widths.size() - 1);
            for (auto w : widths)
                sum += w;
            return sum;
        };
        while (total() > _width) {
            std::size_t widest = 0;
            for (std::size_t c = 1; c < widths.size(); ++c)
                if (widths[c] > widths[widest])
                    widest = c;
            const std::size_t floor = std::max<std::size_t>(8, displayWidth(headers[widest]));
            if (widths[widest] <= floor)
                break;
            --widths[widest];
        }
    }
    auto print = [&](const std::vector<std::string>& line, bool header) {
        std::string text;
        for (std::size_t c = 0; c < line.size(); ++c) {
            std::string value = cut(line[c], widths[c]);
            std::string shown = header ? value : signal(value);
            // padding computed on the plain text: escape codes take no columns
            text += shown + (c + 1 < line.size() ? std::string(widths[c] - displayWidth(value) + 2, ' ') : "");
        }
        while (!text.empty() && text.back() == ' ')
            text.pop_back();
        _out << text << "\n";
    };
    print(headers, true);
    std::vector<std::string> rule;
    for (auto w : widths)
        rule.push_back(std::string(w, '-'));
    print(rule, true);
    for (const auto& line : cells)
        print(line, false);
}

void CliOutput::json(const Poco::Dynamic::Var& value)
{
    _out << prettyJson(value) << "\n";
}

void CliOutput::line(const std::string& text)
{
    _out << text << "\n";
}

std::string prettyJson(const Poco::Dynamic::Var& value)
{
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(value, out, 2);
    return out.str();
}

Poco::Dynamic::Var parseJson(const std::string& body)
{
    Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
    return parser.parse(body);
}

} // namespace cli
} // namespace jji
