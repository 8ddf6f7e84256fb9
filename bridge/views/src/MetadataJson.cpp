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

storage::JobMetadataFilter readMetadataFilter(FieldReader& query)
{
    storage::JobMetadataFilter filter;
    filter.team = query.string("team");
    filter.tier = query.string("tier");
    filter.version = query.string("version");
    filter.labels = query.optStrings("label").value_or(std::vector<std::string>{});
    return filter;
}

} // namespace bridge
} // namespace jji
