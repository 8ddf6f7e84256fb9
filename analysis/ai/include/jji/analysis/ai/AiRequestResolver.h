#ifndef JJI_ANALYSIS_AI_AIREQUESTRESOLVER_H
#define JJI_ANALYSIS_AI_AIREQUESTRESOLVER_H

#include "jji/analysis/ai/FailureAnalyzer.h"
#include "jji/config/Settings.h"

#include <Poco/JSON/Object.h>

#include <stdexcept>

namespace jji {
namespace analysis {

/// The analysis cannot run with this configuration (no AI provider or model anywhere).
class AnalysisConfigError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Provider, model, extra prompt and CLI timeout from request params over server
/// settings; records the resolved provider and model in params. Used when a request
/// arrives and again when a stored job is resumed.
AiRequest resolveAiRequest(Poco::JSON::Object::Ptr params, const config::Settings& settings);

} // namespace analysis
} // namespace jji

#endif
