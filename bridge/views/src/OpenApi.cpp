#include "jji/bridge/views/OpenApi.h"

#include "jji/analysis/model/JsonText.h"

#include <Poco/JSON/Array.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

namespace jji {
namespace bridge {

namespace {

/// {"description": text} responses every operation can give.
Poco::JSON::Object::Ptr responses(const std::string& method)
{
    Poco::JSON::Object::Ptr r = analysis::orderedObject();
    auto add = [&](const char* code, const char* text) {
        Poco::JSON::Object::Ptr o = analysis::orderedObject();
        o->set("description", text);
        r->set(code, o);
    };
    add("200", "Success");
    if (method == "POST" || method == "PUT")
        add("422", "Validation error ({\"detail\": [...]})");
    add("default", "Error ({\"detail\": ...})");
    return r;
}

std::string operationId(const std::string& method, const std::string& path)
{
    std::string id = Poco::toLower(method);
    for (char c : path)
        id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return id;
}

} // namespace

std::string openApiPath(const std::string& pathTemplate)
{
    std::string out = pathTemplate;
    for (auto colon = out.find(":path}"); colon != std::string::npos; colon = out.find(":path}"))
        out.erase(colon, 5); // ":path" of "{name:path}"
    return out;
}

Poco::JSON::Object::Ptr openApiDocument(const Router& router, const std::string& version)
{
    Poco::JSON::Object::Ptr doc = analysis::orderedObject();
    doc->set("openapi", "3.1.0");
    Poco::JSON::Object::Ptr info = analysis::orderedObject();
    info->set("title", "Job Insight");
    info->set("version", version);
    info->set("description", "Turns failed Jenkins builds into triaged, reviewable reports with AI classification.");
    doc->set("info", info);

    Poco::JSON::Object::Ptr paths = analysis::orderedObject();
    for (const Route& route : router.routes()) {
        const std::string path = openApiPath(route.pathTemplate);
        Poco::JSON::Object::Ptr item = paths->has(path) ? paths->getObject(path) : analysis::orderedObject();
        Poco::JSON::Object::Ptr op = analysis::orderedObject();
        op->set("summary", route.summary);
        op->set("operationId", operationId(route.method, path));
        Poco::JSON::Array::Ptr parameters = new Poco::JSON::Array;
        Poco::StringTokenizer segments(route.pathTemplate, "/", Poco::StringTokenizer::TOK_IGNORE_EMPTY);
        for (const auto& segment : segments) {
            if (segment.size() < 3 || segment.front() != '{' || segment.back() != '}')
                continue;
            std::string name = segment.substr(1, segment.size() - 2);
            const bool rest = name.find(":path") != std::string::npos;
            name = name.substr(0, name.find(':'));
            Poco::JSON::Object::Ptr p = analysis::orderedObject();
            p->set("name", name);
            p->set("in", "path");
            p->set("required", true);
            Poco::JSON::Object::Ptr schema = analysis::orderedObject();
            schema->set("type", "string");
            p->set("schema", schema);
            if (rest)
                p->set("description", "May contain slashes (folder job names, test names).");
            parameters->add(p);
        }
        if (parameters->size() > 0)
            op->set("parameters", parameters);
        if (route.method == "POST" || route.method == "PUT" || route.method == "DELETE") {
            Poco::JSON::Object::Ptr body = analysis::orderedObject(), content = analysis::orderedObject(), json = analysis::orderedObject(), schema = analysis::orderedObject();
            schema->set("type", "object");
            json->set("schema", schema);
            content->set("application/json", json);
            body->set("content", content);
            body->set("required", false);
            op->set("requestBody", body);
        }
        op->set("responses", responses(route.method));
        item->set(Poco::toLower(route.method), op);
        paths->set(path, item);
    }
    doc->set("paths", paths);
    return doc;
}

} // namespace bridge
} // namespace jji
