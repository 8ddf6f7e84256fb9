#ifndef JJI_BRIDGE_HTTP_ANALYSISREQUESTREADER_H
#define JJI_BRIDGE_HTTP_ANALYSISREQUESTREADER_H

#include "jji/analysis/ai/FailureAnalyzer.h"
#include "jji/bridge/http/FieldReader.h"
#include "jji/config/Settings.h"

#include <Poco/JSON/Object.h>

namespace jji {
namespace bridge {

/// Reads the BaseAnalysisRequest fields shared by /analyze, /analyze-failures and
/// /re-analyze: validates each (422 entries go to the reader's error list), builds the
/// request_params to store, and resolves the AI provider/model/timeout against the
/// server settings (400 when no provider or model is configured anywhere).
class AnalysisRequestReader
{
public:
    struct Result
    {
        analysis::AiRequest ai;
        Poco::JSON::Object::Ptr requestParams;
    };

    /// Field names this reader owns (so endpoint readers can copy the rest).
    static const std::vector<std::string>& fieldNames();

    /// Validates the shared fields; call errors().raiseIfAny() afterwards, then resolve().
    static Poco::JSON::Object::Ptr readParams(FieldReader& reader, const config::Settings& settings);

    /// Validates the AnalyzeRequest fields of POST /analyze (job_name, build_number, the
    /// waiting, Jenkins, artifact and callback fields) into params.
    static void readJenkinsFields(FieldReader& reader, Poco::JSON::Object::Ptr& params, const config::Settings& settings);

    /// Provider, model and timeout from the params or the settings; records the resolved
    /// provider and model in params. Throws HttpError(400).
    static analysis::AiRequest resolveAi(Poco::JSON::Object::Ptr params, const config::Settings& settings);
};

} // namespace bridge
} // namespace jji

#endif
