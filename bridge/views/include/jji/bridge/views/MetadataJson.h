#ifndef JJI_BRIDGE_VIEWS_METADATAJSON_H
#define JJI_BRIDGE_VIEWS_METADATAJSON_H

#include "jji/bridge/http/FieldReader.h"
#include "jji/storage/JobMetadataStore.h"

#include <Poco/JSON/Object.h>

namespace jji {
namespace bridge {

/// {job_name, team, tier, version, labels}; absent values are null.
Poco::JSON::Object::Ptr metadataJson(const storage::JobMetadata& metadata);

/// The team/tier/version/label query filters of the metadata and filtered-dashboard lists
/// (?label= repeated for several), read from a query FieldReader (readQuery).
storage::JobMetadataFilter readMetadataFilter(FieldReader& query);

} // namespace bridge
} // namespace jji

#endif
