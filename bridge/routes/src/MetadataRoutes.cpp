#include "MetadataRoutes.h"

#include "jji/bridge/routes/AppContext.h"
#include "jji/bridge/access/Caller.h"
#include "jji/bridge/routes/ContextRoute.h"
#include "jji/bridge/http/Exchange.h"
#include "jji/bridge/http/FieldReader.h"
#include "jji/bridge/http/HttpError.h"
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
    labels.clear();
    if (reader.isNull("labels"))
        return;
    Poco::JSON::Array::Ptr array = reader.optArray("labels");
    for (std::size_t i = 0; array && i < array->size(); ++i) {
        const Poco::Dynamic::Var v = array->get(static_cast<unsigned>(i));
        if (!v.isString()) {
            Location at = reader.at("labels");
            at.push_back(static_cast<int>(i));
            reader.errors().add("string_type", at, "Input should be a valid string", v);
            continue;
        }
        labels.push_back(v.toString());
    }
}

void list(AppContext& context, Exchange& ex)
{
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto& m : storage::JobMetadataStore(context.db).list(metadataFilter(ex)))
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
    Poco::JSON::Object::Ptr body = ex.jsonObject();
    ValidationErrors errors;
    FieldReader reader(body, {"body"}, errors);
    storage::JobMetadataStore store(context.db);
    storage::JobMetadata metadata = store.find(jobName).value_or(storage::JobMetadata{jobName, {}, {}, {}, {}});
    readNullable(reader, "team", metadata.team); // omitted fields keep their stored values
    readNullable(reader, "tier", metadata.tier);
    readNullable(reader, "version", metadata.version);
    readLabels(reader, metadata.labels);
    errors.raiseIfAny();
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
    Poco::JSON::Object::Ptr body = ex.jsonObject();
    ValidationErrors errors;
    FieldReader reader(body, {"body"}, errors);
    if (!reader.has("items"))
        errors.add("missing", reader.at("items"), "Field required", body);
    Poco::JSON::Array::Ptr items = reader.optArray("items");
    if (items && (items->size() == 0 || items->size() > kMaxBulkRows))
        errors.add(items->size() == 0 ? "too_short" : "too_long", reader.at("items"),
                   "List should have between 1 and 1000 items, not " + std::to_string(items->size()), Poco::Dynamic::Var());
    std::vector<storage::JobMetadata> rows;
    if (items && items->size() <= kMaxBulkRows) {
        for (FieldReader& item : reader.objectItems("items", "JobMetadataInput")) {
            storage::JobMetadata row; // a full replace: omitted fields are stored empty
            row.jobName = item.requiredString("job_name");
            if (item.has("job_name") && item.object()->get("job_name").isString() && Poco::trim(row.jobName).empty())
                errors.add("value_error", item.at("job_name"), "Value error, job_name must not be blank", row.jobName);
            readNullable(item, "team", row.team);
            readNullable(item, "tier", row.tier);
            readNullable(item, "version", row.version);
            readLabels(item, row.labels);
            rows.push_back(std::move(row));
        }
    }
    errors.raiseIfAny();
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
    Poco::JSON::Object::Ptr body = ex.jsonObject();
    ValidationErrors errors;
    FieldReader reader(body, {"body"}, errors);
    const std::string jobName = reader.requiredString("job_name");
    if (reader.has("job_name") && body->get("job_name").isString() && Poco::trim(jobName).empty())
        errors.add("value_error", reader.at("job_name"), "Value error, job_name must not be blank", jobName);
    errors.raiseIfAny();
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
    addRoute(router, context, "GET", "/api/jobs/metadata", list, "Job metadata, filtered by team/tier/version/labels");
    addRoute(router, context, "PUT", "/api/jobs/metadata/bulk", putBulk, "Replace metadata of many jobs (admin)");
    addRoute(router, context, "GET", "/api/jobs/metadata/rules", rules, "The metadata rules in force");
    addRoute(router, context, "POST", "/api/jobs/metadata/rules/preview", previewRules, "What the rules assign to a job name");
    addRoute(router, context, "GET", "/api/jobs/{job_name:path}/metadata", getOne, "One job's metadata");
    addRoute(router, context, "PUT", "/api/jobs/{job_name:path}/metadata", putOne, "Create or update a job's metadata (admin)");
    addRoute(router, context, "DELETE", "/api/jobs/{job_name:path}/metadata", deleteOne, "Delete a job's metadata (admin)");
}

} // namespace bridge
} // namespace jji
