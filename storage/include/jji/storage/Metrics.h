#ifndef JJI_STORAGE_METRICS_H
#define JJI_STORAGE_METRICS_H

#include <atomic>
#include <map>
#include <memory>
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

    /// One counter series: found once, then added to without a lock.
    class Counter
    {
    public:
        void add(double by);
        double value() const { return _value.load(std::memory_order_relaxed); }

    private:
        std::atomic<double> _value{0};
    };

    /// One histogram series: found once, then observed without a lock.
    class Histogram
    {
    public:
        explicit Histogram(const std::vector<double>& buckets);
        void observe(double value);

    private:
        friend class Metrics;
        const std::vector<double>& _buckets;
        std::unique_ptr<std::atomic<long long>[]> _perBucket; ///< not cumulative; summed when rendered
        std::atomic<double> _sum{0};
    };

    /// The series for these labels, created on first use; the reference stays valid for
    /// the life of the process (hot paths keep it instead of looking it up per event).
    Counter& counter(const std::string& name, const Labels& labels = {});
    Histogram& histogram(const std::string& name, const Labels& labels);

    void count(const std::string& name, const Labels& labels = {}, double by = 1.0);
    void observe(const std::string& name, const Labels& labels, double value);

    /// Counters and histograms, HELP/TYPE lines included; `gauges` are appended
    /// (values computed at scrape time by the caller).
    std::string render(const std::vector<std::pair<std::string, std::pair<Labels, double>>>& gauges = {}) const;

    /// Declares HELP text and type ("counter", "histogram", "gauge") for a metric name.
    void describe(const std::string& name, const std::string& type, const std::string& help);

private:
    Metrics();

    mutable std::mutex _mutex; ///< guards the maps' shapes; values are atomics
    std::map<std::string, std::pair<std::string, std::string>> _help; ///< name -> (type, help)
    std::map<std::string, std::map<Labels, std::unique_ptr<Counter>>> _counters;
    std::map<std::string, std::map<Labels, std::unique_ptr<Histogram>>> _histograms;
    std::vector<double> _buckets;
};

} // namespace storage
} // namespace jji

#endif
