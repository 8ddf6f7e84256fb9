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

void Metrics::Counter::add(double by)
{
    double current = _value.load(std::memory_order_relaxed);
    while (!_value.compare_exchange_weak(current, current + by, std::memory_order_relaxed)) {
    }
}

Metrics::Histogram::Histogram(const std::vector<double>& buckets)
    : _buckets(buckets), _perBucket(new std::atomic<long long>[buckets.size() + 1]())
{
}

void Metrics::Histogram::observe(double value)
{
    std::size_t bucket = 0;
    while (bucket < _buckets.size() && value > _buckets[bucket])
        ++bucket;
    _perBucket[bucket].fetch_add(1, std::memory_order_relaxed);
    double current = _sum.load(std::memory_order_relaxed);
    while (!_sum.compare_exchange_weak(current, current + value, std::memory_order_relaxed)) {
    }
}

Metrics::Counter& Metrics::counter(const std::string& name, const Labels& labels)
{
    std::lock_guard<std::mutex> lock(_mutex);
    auto& series = _counters[name][labels];
    if (!series)
        series = std::make_unique<Counter>();
    return *series;
}

Metrics::Histogram& Metrics::histogram(const std::string& name, const Labels& labels)
{
    std::lock_guard<std::mutex> lock(_mutex);
    auto& series = _histograms[name][labels];
    if (!series)
        series = std::make_unique<Histogram>(_buckets);
    return *series;
}

void Metrics::count(const std::string& name, const Labels& labels, double by)
{
    counter(name, labels).add(by);
}

void Metrics::observe(const std::string& name, const Labels& labels, double value)
{
    histogram(name, labels).observe(value);
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
        for (const auto& [labels, counter] : series)
            out << name << labelText(labels) << " " << number(counter->value()) << "\n";
    }
    for (const auto& [name, series] : _histograms) {
        header(name, "histogram");
        for (const auto& [labels, h] : series) {
            // Read once: concurrent observations may land meanwhile, and the exposition must
            // stay cumulative (each bucket >= the one before, +Inf = count).
            long long cumulative = 0;
            for (std::size_t i = 0; i < _buckets.size(); ++i) {
                cumulative += h->_perBucket[i].load(std::memory_order_relaxed);
                out << name << "_bucket" << labelText(labels, "le", number(_buckets[i])) << " " << cumulative << "\n";
            }
            cumulative += h->_perBucket[_buckets.size()].load(std::memory_order_relaxed);
            out << name << "_bucket" << labelText(labels, "le", "+Inf") << " " << cumulative << "\n";
            out << name << "_sum" << labelText(labels) << " " << number(h->_sum.load(std::memory_order_relaxed)) << "\n";
            out << name << "_count" << labelText(labels) << " " << cumulative << "\n";
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
