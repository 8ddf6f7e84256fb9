#ifndef JJI_ANALYSIS_DIRECTANALYSIS_H
#define JJI_ANALYSIS_DIRECTANALYSIS_H

#include "jji/analysis/AiCallLimiter.h"
#include "jji/analysis/FailureAnalyzer.h"
#include "jji/config/Settings.h"
#include "jji/storage/Database.h"

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// POST /analyze-failures as a domain operation: failures given directly or read
/// from JUnit XML are classified, stored as a job (with failure history and token
/// usage), and the FailureAnalysisResult is returned. Invalid XML throws
/// JunitParseError before anything is stored.
class DirectAnalysis
{
public:
    struct Request
    {
        std::vector<TestFailure> failures;
        std::optional<std::string> rawXml;
        AiRequest ai;                          ///< provider/model resolved, timeout set
        Poco::JSON::Object::Ptr requestParams; ///< as received; stored, redacted on read
    };

    DirectAnalysis(const config::Settings& settings, storage::Database& db, AiCallLimiter& limiter)
        : _settings(settings), _db(db), _limiter(limiter)
    {
    }

    /// The stored FailureAnalysisResult (without request_params).
    Poco::JSON::Object::Ptr run(Request request);

private:
    const config::Settings& _settings;
    storage::Database& _db;
    AiCallLimiter& _limiter;
};

} // namespace analysis
} // namespace jji

#endif
