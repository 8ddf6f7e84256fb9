#ifndef JJI_STORAGE_METRICS_H
#define JJI_STORAGE_METRICS_H

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace jji {
namespace storage {

/// The daemon's Prometheus metrics: counters and histograms with labels, recorded by
/// every layer (database errors here, AI and Jenkins calls in analysis, HTTP in the
/// bridge) and rendered in the text exposition format. Label values are bounded sets
/// (route templates, providers, outcomes), never raw paths.
class Metrics
{
public:
    using Labels = std::vector<std::pair<std::string, std::string>>;

    static Metrics& instance();

    void count(const std::string& name, const Labels& labels = {}, double by = 1.0);
    void observe(const std::string& name, const Labels& labels, double value);

    /// Counters and histograms, HELP/TYPE lines included; `gauges` are appended
    /// (values computed at scrape time by the caller).
    std::string render(const std::vector<std::pair<std::string, std::pair<Labels, double>>>& gauges = {}) const;

    /// Declares HELP text and type ("counter", "histogram", "gauge") for a metric name.
    void describe(const std::string& name, const std::string& type, const std::string& help);

private:
    Metrics();
    struct Histogram
    {
        std::vector<double> counts; ///< per bucket, cumulative when rendered
        double sum = 0;
        long long count = 0;
    };

    mutable std::mutex _mutex;
    std::map<std::string, std::pair<std::string, std::string>> _help; ///< name -> (type, help)
    std::map<std::string, std::map<Labels, double>> _counters;
    std::map<std::string, std::map<Labels, Histogram>> _histograms;
    std::vector<double> _buckets;
};

} // namespace storage
} // namespace jji

#endif
