// metadata list / get / set / delete / import / rules / preview.
#include "../CommandSupport.h"
#include "../CommandTree.h"

#include <Poco/JSON/Array.h>
#include <Poco/String.h>

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace jji {
namespace cli {

namespace {

const std::vector<Column> kMetadataColumns{{"job_name", "JOB NAME"}, {"team", ""}, {"tier", ""}, {"version", ""}, {"labels", ""}};

Poco::JSON::Array::Ptr labelsOf(const ParsedCommand& args)
{
    Poco::JSON::Array::Ptr labels = new Poco::JSON::Array;
    for (const auto& l : args.list("label"))
        labels->add(l);
    return labels;
}

int list(Invocation& c)
{
    Query query;
    query.add("team", c.args.textOr("team")).add("tier", c.args.textOr("tier")).add("version", c.args.textOr("version"));
    for (const auto& l : c.args.list("label"))
        query.add("label", l);
    return show(c, call(c, "GET", "/api/jobs/metadata" + query.str()), kMetadataColumns);
}

std::string metadataPath(const Invocation& c)
{
    return "/api/jobs/" + segment(c.args.argument("JOB_NAME"), true) + "/metadata";
}

int get(Invocation& c)
{
    return show(c, call(c, "GET", metadataPath(c)), kMetadataColumns);
}

int set(Invocation& c)
{
    JsonBody body;
    body.text("team", c.args.textOr("team")).text("tier", c.args.textOr("tier")).text("version", c.args.textOr("version"));
    if (!c.args.list("label").empty())
        body.set("labels", labelsOf(c.args));
    Poco::JSON::Object::Ptr data = asObject(call(c, "PUT", metadataPath(c), &body));
    if (c.json)
        c.out.json(data);
    else
        c.out.line("Metadata set for " + member(data, "job_name", c.args.argument("JOB_NAME")));
    return 0;
}

int remove(Invocation& c)
{
    Poco::JSON::Object::Ptr data = asObject(call(c, "DELETE", metadataPath(c)));
    if (c.json)
        c.out.json(data);
    else
        c.out.line("Metadata deleted for " + member(data, "job_name", c.args.argument("JOB_NAME")));
    return 0;
}

/// A YAML document as the JSON the server reads (scalars as strings; a metadata file holds strings).
Poco::Dynamic::Var fromYaml(const YAML::Node& node)
{
    if (node.IsSequence()) {
        Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
        for (const auto& item : node)
            out->add(fromYaml(item));
        return out;
    }
    if (node.IsMap()) {
        Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        for (const auto& entry : node)
            out->set(entry.first.as<std::string>(), fromYaml(entry.second));
        return out;
    }
    if (node.IsNull())
        return Poco::Dynamic::Var();
    return node.as<std::string>();
}

int import(Invocation& c)
{
    const std::string path = c.args.argument("FILE_PATH");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw CommandFailed("file not found: " + path);
    std::stringstream text;
    text << in.rdbuf();
    const std::string extension = Poco::toLower(std::filesystem::path(path).extension().string());
    Poco::Dynamic::Var items;
    if (extension == ".yaml" || extension == ".yml") {
        try {
            items = fromYaml(YAML::Load(text.str()));
        } catch (const YAML::Exception& e) {
            throw CommandFailed(std::string("invalid YAML: ") + e.what());
        }
    } else {
        try {
            items = parseJson(text.str());
        } catch (const std::exception& e) {
            throw CommandFailed(std::string("invalid JSON: ") + e.what());
        }
    }
    if (items.type() != typeid(Poco::JSON::Array::Ptr))
        throw CommandFailed("file must contain a JSON/YAML array of objects.");
    JsonBody body;
    body.set("items", items);
    Poco::JSON::Object::Ptr data = asObject(call(c, "PUT", "/api/jobs/metadata/bulk", &body));
    if (c.json)
        c.out.json(data);
    else
        c.out.line("Imported " + member(data, "updated", "0") + " metadata entries.");
    return 0;
}

int rules(Invocation& c)
{
    Poco::JSON::Object::Ptr data = asObject(call(c, "GET", "/api/jobs/metadata/rules"));
    if (c.json) {
        c.out.json(data);
        return 0;
    }
    if (const std::string file = member(data, "rules_file"); !file.empty())
        c.out.line("Rules file: " + file);
    Poco::JSON::Array::Ptr items = data->getArray("rules");
    if (!items || items->size() == 0) {
        c.out.line("No metadata rules configured.");
        return 0;
    }
    c.out.line(std::to_string(items->size()) + " rule(s):");
    for (std::size_t i = 0; i < items->size(); ++i) {
        Poco::JSON::Object::Ptr rule = items->getObject(static_cast<unsigned>(i));
        std::string text = "  " + std::to_string(i + 1) + ". pattern='" + member(rule, "pattern") + "'";
        for (const char* key : {"team", "tier", "version"})
            if (rule->has(key))
                text += std::string(", ") + key + "='" + member(rule, key) + "'";
        if (rule->has("labels"))
            text += ", labels=" + member(rule, "labels");
        c.out.line(text);
    }
    return 0;
}

int preview(Invocation& c)
{
    const std::string& job = c.args.argument("JOB_NAME");
    JsonBody body;
    body.set("job_name", job);
    Poco::JSON::Object::Ptr data = asObject(call(c, "POST", "/api/jobs/metadata/rules/preview", &body));
    if (c.json) {
        c.out.json(data);
        return 0;
    }
    if (!data->optValue<bool>("matched", false)) {
        c.out.line("No rules matched '" + job + "'.");
        return 0;
    }
    Poco::JSON::Object::Ptr meta = data->getObject("metadata");
    c.out.line("Match for '" + job + "':");
    for (const char* key : {"team", "tier", "version"})
        if (const std::string v = member(meta, key); !v.empty())
            c.out.line(std::string("  ") + key + ": " + v);
    if (Poco::JSON::Array::Ptr labels = meta ? meta->getArray("labels") : nullptr; labels && labels->size() > 0)
        c.out.line("  labels: " + member(meta, "labels"));
    return 0;
}

} // namespace

void addMetadataCommands(CommandTree& tree)
{
    tree.add({{"metadata", "list"},
              "List job metadata with optional filters.",
              {},
              {textOption("team", "", "Filter by team."), textOption("tier", "", "Filter by tier."), textOption("version", "", "Filter by version."),
               listOption("label", "l", "Filter by label (can repeat).")},
              list});
    tree.add({{"metadata", "get"}, "Show metadata for a specific job.", {argument("JOB_NAME")}, {}, get});
    tree.add({{"metadata", "set"},
              "Set or update metadata for a job.",
              {argument("JOB_NAME")},
              {textOption("team", "", "Team owning this job."), textOption("tier", "", "Service tier."), textOption("version", "", "Version label."),
               listOption("label", "l", "Label (can repeat).")},
              set});
    tree.add({{"metadata", "delete"}, "Delete metadata for a job.", {argument("JOB_NAME")}, {}, remove});
    tree.add({{"metadata", "import"}, "Bulk import metadata from a JSON or YAML file.", {argument("FILE_PATH", "file")}, {}, import});
    tree.add({{"metadata", "rules"}, "List configured metadata rules for auto-assignment.", {}, {}, rules});
    tree.add({{"metadata", "preview"}, "Preview what metadata rules would assign to a job name.", {argument("JOB_NAME")}, {}, preview});
}

} // namespace cli
} // namespace jji
