#include "jji/analysis/ai/AiCliMonitor.h"

#include "jji/analysis/ai/AiCliDiagnosis.h"

#include <Poco/JSON/Parser.h>

#include <regex>

namespace jji {
namespace analysis {

namespace {

/// Lines longer than this are not retry notices; only their end is kept while waiting for '\n'.
constexpr std::size_t kMaxLine = 64 * 1024;

int intField(const Poco::JSON::Object::Ptr& o, const char* name)
{
    if (!o->has(name) || !o->get(name).isNumeric())
        return 0;
    try {
        return o->get(name).convert<int>();
    } catch (const std::exception&) {
        return 0;
    }
}

} // namespace

bool AiCliMonitor::see(ProcessRunner::Stream stream, std::string_view chunk)
{
    std::string& partial = stream == ProcessRunner::Stream::Out ? _partialOut : _partialErr;
    for (char c : chunk) {
        if (c != '\n') {
            if (partial.size() < kMaxLine)
                partial.push_back(c);
            continue;
        }
        const bool stop = line(stream, partial);
        partial.clear();
        if (stop)
            return true;
    }
    return false;
}

bool AiCliMonitor::line(ProcessRunner::Stream stream, const std::string& text)
{
    if (stream == ProcessRunner::Stream::Out && text.find("\"api_retry\"") != std::string::npos) {
        try {
            Poco::Dynamic::Var v = Poco::JSON::Parser().parse(text);
            if (v.type() != typeid(Poco::JSON::Object::Ptr))
                return false;
            auto event = v.extract<Poco::JSON::Object::Ptr>();
            if (event->optValue<std::string>("subtype", "") != "api_retry")
                return false;
            return retried(intField(event, "attempt"), intField(event, "error_status"), event->optValue<std::string>("error", ""));
        } catch (const std::exception&) {
            return false;
        }
    }
    if (stream == ProcessRunner::Stream::Err) {
        static const std::regex attempt("Attempt (\\d{1,9}) failed with status (\\d{1,3})");
        std::smatch m;
        if (std::regex_search(text, m, attempt))
            return retried(std::stoi(m[1]), std::stoi(m[2]), "");
    }
    return false;
}

bool AiCliMonitor::retried(int attempt, int status, const std::string& reason)
{
    ++_retries;
    _lastStatus = status;
    if (status == 401 || status == 403 || status == 404 || (status == 429 && attempt >= kRateLimitTries)) {
        _verdict = AiCliDiagnosis::forApiStatus(_provider, _model, status, reason == "authentication_failed" ? "" : reason,
                                                status == 429 ? attempt : 0);
        return true;
    }
    return false;
}

} // namespace analysis
} // namespace jji
