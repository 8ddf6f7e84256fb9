#ifndef JJI_ANALYSIS_MODEL_RESULTLINKS_H
#define JJI_ANALYSIS_MODEL_RESULTLINKS_H

#include "jji/config/Settings.h"

#include <Poco/JSON/Object.h>

#include <string>

namespace jji {
namespace analysis {

/// Sets base_url, result_url and html_report_url (from PUBLIC_BASE_URL; relative when unset).
void addResultLinks(Poco::JSON::Object::Ptr object, const config::Settings& settings, const std::string& jobId);

} // namespace analysis
} // namespace jji

#endif
