#include "jji/bridge/views/MetadataJson.h"

#include <Poco/JSON/Array.h>

namespace jji {
namespace bridge {

namespace {

Poco::Dynamic::Var orNull(const std::optional<std::string>& v)
{
    return v ? Poco::Dynamic::Var(*v) : Poco::Dynamic::Var();
}

} // namespace

Poco::JSON::Object::Ptr metadataJson(const storage::JobMetadata& metadata)
{
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("job_name", metadata.jobName);
    o->set("team", orNull(metadata.team));
    o->set("tier", orNull(metadata.tier));
    o->set("version", orNull(metadata.version));
    Poco::JSON::Array::Ptr labels = new Poco::JSON::Array;
    for (const auto& l : metadata.labels)
        labels->add(l);
    o->set("labels", labels);
    return o;
}

storage::JobMetadataFilter metadataFilter(const Exchange& ex)
{
    storage::JobMetadataFilter filter;
    filter.team = ex.query("team").value_or("");
    filter.tier = ex.query("tier").value_or("");
    filter.version = ex.query("version").value_or("");
    filter.labels = ex.queryAll("label");
    return filter;
}

} // namespace bridge
} // namespace jji
