#include "MetadataRoutes.h"

#include "jji/bridge/routes/AppContext.h"
#include "jji/bridge/access/Caller.h"
#include "jji/bridge/routes/ContextRoute.h"
#include "jji/bridge/http/Exchange.h"
#include "jji/bridge/http/FieldReader.h"
#include "jji/bridge/http/HttpError.h"
#include "jji/bridge/http/RequestFields.h"
#include "jji/bridge/views/MetadataJson.h"
#include "jji/storage/JobMetadataStore.h"

#include <Poco/JSON/Array.h>
#include <Poco/String.h>

namespace jji {
namespace bridge {

namespace {

constexpr std::size_t kMaxBulkRows = 1000;

/// A nullable string field: absent leaves `current` alone, null clears it.
void readNullable(FieldReader& reader, const std::string& name, std::optional<std::string>& current)
{
    if (!reader.has(name))
        return;
    current = reader.isNull(name) ? std::nullopt : reader.optString(name);
}

/// labels: an array of strings (absent leaves them, null empties them).
void readLabels(FieldReader& reader, std::vector<std::string>& labels)
{
    if (!reader.has("labels"))
        return;
    labels = reader.optStrings("labels").value_or(std::vector<std::string>{});
}

/// The fields a metadata body sets, over `metadata`: absent ones keep their value, null clears.
void readMetadataFields(FieldReader& reader, storage::JobMetadata& metadata)
{
    readNullable(reader, "team", metadata.team);
    readNullable(reader, "tier", metadata.tier);
    readNullable(reader, "version", metadata.version);
    readLabels(reader, metadata.labels);
}

/// JobMetadataInput of PUT /api/jobs/{job_name}/metadata: what changes (merged over the stored row).
struct MetadataChange
{
    bool team, tier, version, labels; ///< which fields the body names
    storage::JobMetadata values;
};

MetadataChange readMetadataChange(FieldReader& reader)
{
    MetadataChange change{reader.has("team"), reader.has("tier"), reader.has("version"), reader.has("labels"), {}};
    readMetadataFields(reader, change.values);
    return change;
}

/// BulkMetadataRequest: 1 to 1000 rows, each a full replace (omitted fields are stored empty).
std::vector<storage::JobMetadata> readMetadataRows(FieldReader& reader)
{
    std::vector<storage::JobMetadata> rows;
    reader.require("items");
    for (FieldReader& item : reader.objectItems("items", "JobMetadataInput", {1, kMaxBulkRows})) {
        storage::JobMetadata row;
        row.jobName = item.requiredString("job_name");
        if (item.has("job_name") && item.object()->get("job_name").isString() && Poco::trim(row.jobName).empty())
            item.errors().add("value_error", item.at("job_name"), "Value error, job_name must not be blank", row.jobName);
        readMetadataFields(item, row);
        rows.push_back(std::move(row));
    }
    return rows;
}

/// MetadataPreviewRequest: the job name the rules are tried on.
std::string readPreviewJobName(FieldReader& reader)
{
    const std::string jobName = reader.requiredString("job_name");
    if (reader.has("job_name") && reader.object()->get("job_name").isString() && Poco::trim(jobName).empty())
        reader.errors().add("value_error", reader.at("job_name"), "Value error, job_name must not be blank", jobName);
    return jobName;
}

void list(AppContext& context, Exchange& ex)
{
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto& m : storage::JobMetadataStore(context.db).list(readQuery(ex, readMetadataFilter)))
        out->add(metadataJson(m));
    ex.sendJson(200, out);
}

void getOne(AppContext& context, Exchange& ex)
{
    auto metadata = storage::JobMetadataStore(context.db).find(ex.pathParam("job_name"));
    if (!metadata)
        throw HttpError(404, "No metadata for job '" + ex.pathParam("job_name") + "'");
    ex.sendJson(200, metadataJson(*metadata));
}

void putOne(AppContext& context, Exchange& ex)
{
    requireAdmin(ex, context.access);
    const std::string& jobName = ex.pathParam("job_name");
    const MetadataChange change = readBody(ex, readMetadataChange);
    storage::JobMetadataStore store(context.db);
    storage::JobMetadata metadata = store.find(jobName).value_or(storage::JobMetadata{jobName, {}, {}, {}, {}});
    // omitted fields keep their stored values
    if (change.team)
        metadata.team = change.values.team;
    if (change.tier)
        metadata.tier = change.values.tier;
    if (change.version)
        metadata.version = change.values.version;
    if (change.labels)
        metadata.labels = change.values.labels;
    store.put({metadata});
    ex.sendJson(200, metadataJson(metadata));
}

void deleteOne(AppContext& context, Exchange& ex)
{
    requireAdmin(ex, context.access);
    const std::string& jobName = ex.pathParam("job_name");
    if (!storage::JobMetadataStore(context.db).remove(jobName))
        throw HttpError(404, "No metadata for job '" + jobName + "'");
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    out->set("status", "deleted");
    out->set("job_name", jobName);
    ex.sendJson(200, out);
}

void putBulk(AppContext& context, Exchange& ex)
{
    requireAdmin(ex, context.access);
    const std::vector<storage::JobMetadata> rows = readBody(ex, readMetadataRows);
    storage::JobMetadataStore(context.db).put(rows);
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
    out->set("updated", static_cast<int>(rows.size()));
    ex.sendJson(200, out);
}

void rules(AppContext& context, Exchange& ex)
{
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    const std::string& file = context.metadataRules.fileName();
    out->set("rules_file", file.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(file));
    out->set("rules", context.metadataRules.toJson());
    ex.sendJson(200, out);
}

void previewRules(AppContext& context, Exchange& ex)
{
    const std::string jobName = readBody(ex, readPreviewJobName);
    auto matched = context.metadataRules.match(jobName);
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    out->set("job_name", jobName);
    out->set("matched", matched.has_value());
    out->set("metadata", matched ? Poco::Dynamic::Var(metadataJson(*matched)) : Poco::Dynamic::Var());
    ex.sendJson(200, out);
}

} // namespace

void registerMetadataRoutes(Router& router, AppContext& context)
{
    addRoute(router, context, "GET", "/api/jobs/metadata", list, "Job metadata, filtered by team/tier/version/labels")
        .query(readMetadataFilter).answers(200, "JobMetadataList");
    addRoute(router, context, "PUT", "/api/jobs/metadata/bulk", putBulk, "Replace metadata of many jobs (admin)")
        .body("BulkMetadataRequest", readMetadataRows).admin().answers(200, "Updated");
    addRoute(router, context, "GET", "/api/jobs/metadata/rules", rules, "The metadata rules in force").answers(200, "MetadataRules");
    addRoute(router, context, "POST", "/api/jobs/metadata/rules/preview", previewRules, "What the rules assign to a job name")
        .body("MetadataPreviewRequest", readPreviewJobName).answers(200, "MetadataRulePreview");
    addRoute(router, context, "GET", "/api/jobs/{job_name:path}/metadata", getOne, "One job's metadata")
        .answers(200, "JobMetadata").fails({404});
    addRoute(router, context, "PUT", "/api/jobs/{job_name:path}/metadata", putOne, "Create or update a job's metadata (admin)")
        .body("JobMetadataChange", readMetadataChange).admin().answers(200, "JobMetadata");
    addRoute(router, context, "DELETE", "/api/jobs/{job_name:path}/metadata", deleteOne, "Delete a job's metadata (admin)")
        .admin().answers(200, "MetadataDeleted").fails({404});
}

} // namespace bridge
} // namespace jji
