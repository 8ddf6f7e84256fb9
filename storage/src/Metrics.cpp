#include "jji/storage/Metrics.h"

#include <cmath>
#include <sstream>

namespace jji {
namespace storage {

namespace {

std::string escape(const std::string& value)
{
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '"')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

std::string labelText(const Metrics::Labels& labels, const std::string& extraName = "", const std::string& extraValue = "")
{
    std::string out;
    for (const auto& [k, v] : labels)
        out += (out.empty() ? "" : ",") + k + "=\"" + escape(v) + "\"";
    if (!extraName.empty())
        out += (out.empty() ? "" : ",") + extraName + "=\"" + extraValue + "\"";
    return out.empty() ? "" : "{" + out + "}";
}

std::string number(double v)
{
    if (std::isinf(v))
        return v > 0 ? "+Inf" : "-Inf";
    std::ostringstream out;
    out.precision(12);
    out << v;
    return out.str();
}

} // namespace

Metrics& Metrics::instance()
{
    static Metrics metrics;
    return metrics;
}

Metrics::Metrics() : _buckets{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600}
{
}

void Metrics::describe(const std::string& name, const std::string& type, const std::string& help)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _help[name] = {type, help};
}

void Metrics::count(const std::string& name, const Labels& labels, double by)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _counters[name][labels] += by;
}

void Metrics::observe(const std::string& name, const Labels& labels, double value)
{
    std::lock_guard<std::mutex> lock(_mutex);
    Histogram& h = _histograms[name][labels];
    if (h.counts.empty())
        h.counts.assign(_buckets.size(), 0);
    for (std::size_t i = 0; i < _buckets.size(); ++i)
        if (value <= _buckets[i])
            h.counts[i] += 1;
    h.sum += value;
    ++h.count;
}

std::string Metrics::render(const std::vector<std::pair<std::string, std::pair<Labels, double>>>& gauges) const
{
    std::lock_guard<std::mutex> lock(_mutex);
    std::ostringstream out;
    auto header = [&](const std::string& name, const std::string& fallbackType) {
        auto it = _help.find(name);
        out << "# HELP " << name << " " << (it != _help.end() ? it->second.second : name) << "\n";
        out << "# TYPE " << name << " " << (it != _help.end() ? it->second.first : fallbackType) << "\n";
    };
    for (const auto& [name, _] : _help) { // declared counters show as 0 before their first event
        (void)_;
        if (_help.at(name).first == "counter" && !_counters.count(name)) {
            header(name, "counter");
            out << name << " 0\n";
        }
    }
    for (const auto& [name, series] : _counters) {
        header(name, "counter");
        for (const auto& [labels, value] : series)
            out << name << labelText(labels) << " " << number(value) << "\n";
    }
    for (const auto& [name, series] : _histograms) {
        header(name, "histogram");
        for (const auto& [labels, h] : series) {
            for (std::size_t i = 0; i < _buckets.size(); ++i) // observe() counted each bucket cumulatively
                out << name << "_bucket" << labelText(labels, "le", number(_buckets[i])) << " " << number(h.counts[i]) << "\n";
            out << name << "_bucket" << labelText(labels, "le", "+Inf") << " " << h.count << "\n";
            out << name << "_sum" << labelText(labels) << " " << number(h.sum) << "\n";
            out << name << "_count" << labelText(labels) << " " << h.count << "\n";
        }
    }
    std::string previous;
    for (const auto& [name, sample] : gauges) {
        if (name != previous)
            header(name, "gauge");
        previous = name;
        out << name << labelText(sample.first) << " " << number(sample.second) << "\n";
    }
    return out.str();
}

} // namespace storage
} // namespace jji
