#include "jji/analysis/model/ResultLinks.h"

namespace jji {
namespace analysis {

void addResultLinks(Poco::JSON::Object::Ptr object, const config::Settings& settings, const std::string& jobId)
{
    const std::string& base = settings.publicBaseUrl;
    object->set("base_url", base);
    object->set("result_url", base + "/results/" + jobId);
    object->set("html_report_url", base + "/results/" + jobId + ".html");
}

} // namespace analysis
} // namespace jji
