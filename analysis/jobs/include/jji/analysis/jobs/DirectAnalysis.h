#ifndef JJI_ANALYSIS_JOBS_DIRECTANALYSIS_H
#define JJI_ANALYSIS_JOBS_DIRECTANALYSIS_H

#include "jji/analysis/ai/AiCallLimiter.h"
#include "jji/analysis/ai/FailureAnalyzer.h"
#include "jji/analysis/jobs/JobLease.h"
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
        std::string name; ///< what the dashboard calls it; "" for the report's suite name
    };

    DirectAnalysis(const config::Settings& settings, storage::Database& db, AiCallLimiter& limiter, const JobLease& lease)
        : _settings(settings), _db(db), _limiter(limiter), _lease(lease)
    {
    }

    /// The FailureAnalysisResult, kept in two parts so a 50 MB enriched report is
    /// never copied into the JSON object: join them with toJsonText(result, "enriched_xml", xml).
    struct Result
    {
        Poco::JSON::Object::Ptr result;          ///< without request_params and enriched_xml
        std::optional<std::string> enrichedXml;  ///< when the input was raw_xml
    };

    Result run(Request request);

private:
    const config::Settings& _settings;
    storage::Database& _db;
    AiCallLimiter& _limiter;
    const JobLease& _lease;
};

} // namespace analysis
} // namespace jji

#endif
