#include "CliOutput.h"

#include <Poco/JSON/Stringifier.h>

#include <algorithm>
#include <ostream>
#include <sstream>

namespace jji {
namespace cli {

std::string CliOutput::cell(const Poco::Dynamic::Var& value, std::size_t maxWidth)
{
    std::string text;
    if (value.isEmpty()) {
        text = "-";
    } else if (value.type() == typeid(Poco::JSON::Object::Ptr) || value.type() == typeid(Poco::JSON::Array::Ptr)) {
        std::ostringstream out;
        Poco::JSON::Stringifier::stringify(value, out);
        text = out.str();
    } else {
        text = value.toString();
    }
    std::replace(text.begin(), text.end(), '\n', ' ');
    if (text.size() > maxWidth)
        text = text.substr(0, maxWidth - 3) + "...";
    return text;
}

void CliOutput::table(const Poco::JSON::Array::Ptr& rows, const std::vector<std::string>& fields)
{
    std::vector<std::vector<std::string>> cells;
    std::vector<std::size_t> widths;
    for (const auto& f : fields)
        widths.push_back(f.size());
    for (std::size_t r = 0; rows && r < rows->size(); ++r) {
        Poco::JSON::Object::Ptr row = rows->getObject(static_cast<unsigned>(r));
        std::vector<std::string> line;
        for (std::size_t c = 0; c < fields.size(); ++c) {
            line.push_back(row && row->has(fields[c]) ? cell(row->get(fields[c])) : "");
            widths[c] = std::max(widths[c], line.back().size());
        }
        cells.push_back(std::move(line));
    }
    auto print = [&](const std::vector<std::string>& line) {
        for (std::size_t c = 0; c < line.size(); ++c)
            _out << line[c] << (c + 1 < line.size() ? std::string(widths[c] - line[c].size() + 2, ' ') : "\n");
    };
    print(fields);
    for (const auto& line : cells)
        print(line);
    if (cells.empty())
        _out << "(none)\n";
}

void CliOutput::keyValues(const Poco::JSON::Object::Ptr& object, const std::vector<std::string>& fields)
{
    for (const auto& f : fields)
        if (object && object->has(f))
            _out << f << ": " << cell(object->get(f), 200) << "\n";
}

} // namespace cli
} // namespace jji
