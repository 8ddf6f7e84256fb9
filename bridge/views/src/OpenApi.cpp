#include "jji/bridge/views/OpenApi.h"

#include "jji/analysis/model/JsonText.h"
#include "jji/bridge/http/FieldReader.h"
#include "jji/bridge/http/ValidationErrors.h"
#include "jji/bridge/views/ApiSchemas.h"

#include <Poco/JSON/Array.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

#include <algorithm>
#include <map>
#include <set>

namespace jji {
namespace bridge {

namespace {

using Object = Poco::JSON::Object::Ptr;

Object object()
{
    return analysis::orderedObject();
}

Object ref(const std::string& where, const std::string& name)
{
    Object o = object();
    o->set("$ref", "#/components/" + where + "/" + name);
    return o;
}

/// The error replies routes document, each a component response.
struct ErrorReply
{
    int status;
    const char* name;
    const char* description;
};

const std::vector<ErrorReply>& errorReplies()
{
    static const std::vector<ErrorReply> replies{
        {202, "InProgress", "The analysis this request targets is still running"},
        {400, "BadRequest", "Invalid request: malformed JSON, an inconsistent request, or a setting the server lacks"},
        {401, "Unauthorized", "Authentication failed or is missing (a username, a key, a tracker token)"},
        {403, "Forbidden", "Not allowed: admin only, not on ALLOWED_USERS, or the feature is disabled"},
        {404, "NotFound", "No such job, failure, comment, user or rule"},
        {409, "Conflict", "The analysis this request targets failed, or the name is taken"},
        {413, "PayloadTooLarge", "The request body is larger than the server accepts"},
        {422, "ValidationError", "The request does not validate (FastAPI/Pydantic shape)"},
        {429, "TooManyRequests", "Too many requests: retry after the seconds in Retry-After"},
        {502, "BadGateway", "A tracker (GitHub, Jira, Report Portal) failed or could not be reached"},
        {503, "ServiceUnavailable", "Busy or unavailable (the database, a feature's configuration): retry later"},
    };
    return replies;
}

/// Any other client error every route can answer: a malformed request URI (400), another method (405).
const ErrorReply kOtherClientError{0, "ClientError", "Another client error: a malformed request URI (400), a method the path "
                                                     "does not serve (405, with Allow)"};

Object errorResponse(const ErrorReply& reply)
{
    Object schemaHolder = object();
    schemaHolder->set("schema", ref("schemas", reply.status == 422 ? "HTTPValidationError" : "HTTPError"));
    Object content = object();
    content->set("application/json", schemaHolder);
    Object response = object();
    response->set("description", reply.description);
    if (reply.status == 429 || reply.status == 503) {
        Object retry = object(), schema = object();
        schema->set("type", "integer");
        retry->set("description", "Seconds to wait before retrying");
        retry->set("schema", schema);
        Object headers = object();
        headers->set("Retry-After", retry);
        response->set("headers", headers);
    }
    response->set("content", content);
    return response;
}

std::string successText(int status)
{
    switch (status) {
    case 201:
        return "Created";
    case 202:
        return "Accepted: queued, or still in progress";
    case 304:
        return "Not modified (If-None-Match)";
    case 503:
        return "Unhealthy";
    default:
        return "Success";
    }
}

/// "post" + "/results/{job_id}/comments" -> "postResultsByJobIdComments".
std::string operationIdOf(const std::string& method, const std::string& path)
{
    std::string id = Poco::toLower(method);
    bool upper = true;
    for (char c : path) {
        if (c == '{') {
            id += "By";
            upper = true;
        } else if (std::isalnum(static_cast<unsigned char>(c))) {
            id += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
            upper = false;
        } else {
            upper = true;
        }
    }
    return id;
}

/// Collects the components the paths use: request models hoisted out of the described
/// bodies, reply schemas, error responses.
class Components
{
public:
    Components() : _known(apiSchemas()), _models(object()) {}

    /// The schema a request reader describes, with its named parts (objects with a "title",
    /// e.g. an array's items) moved to components/schemas.
    Object describe(const RouteDoc::Shape& shape, const Location& prefix, const std::string& title, bool body)
    {
        Object schema = object();
        if (!title.empty())
            schema->set("title", title);
        ValidationErrors errors = ValidationErrors::discarding();
        FieldReader reader = FieldReader::describing(schema, prefix, errors);
        try {
            shape(reader);
        } catch (const std::exception&) {
            // a reader that gives up on a described (empty) request has recorded what it read by then
        }
        if (body)
            allowNull(schema);
        hoistParts(schema);
        return schema;
    }

    /// $ref to a named request model (registered unless an equal one is), or `schema` inline
    /// when another model has the name.
    Object named(const Object& schema)
    {
        const std::string title = schema->optValue<std::string>("title", "");
        if (title.empty() || _known->has(title))
            return schema;
        const std::string text = analysis::toJsonText(schema);
        if (_models->has(title) && analysis::toJsonText(_models->get(title)) != text)
            return schema;
        _models->set(title, schema);
        return ref("schemas", title);
    }

    Object replySchema(const std::string& name)
    {
        return ref("schemas", name);
    }

    Object errorRef(int status)
    {
        _errors.insert(status);
        if (status == kOtherClientError.status)
            return ref("responses", kOtherClientError.name);
        for (const auto& reply : errorReplies())
            if (reply.status == status)
                return ref("responses", reply.name);
        Object inline_ = object();
        inline_->set("description", "Error");
        return inline_;
    }

    /// components: the schemas and responses referenced (reply schemas used only by others included).
    Object build(const Object& paths) const
    {
        Object responses = object();
        for (const auto& reply : errorReplies())
            if (_errors.count(reply.status))
                responses->set(reply.name, errorResponse(reply));
        if (_errors.count(kOtherClientError.status))
            responses->set(kOtherClientError.name, errorResponse(kOtherClientError));
        std::set<std::string> used;
        std::vector<std::string> pending;
        auto scan = [&](const Poco::Dynamic::Var& value) { collectRefs(value, used, pending); };
        scan(paths);
        scan(responses);
        scan(_models);
        while (!pending.empty()) {
            const std::string name = pending.back();
            pending.pop_back();
            if (_known->has(name))
                scan(_known->get(name));
        }
        Object schemas = object();
        for (const auto& name : _known->getNames()) // written order
            if (used.count(name))
                schemas->set(name, _known->get(name));
        for (const auto& name : _models->getNames())
            schemas->set(name, _models->get(name));
        Object components = object();
        components->set("schemas", schemas);
        components->set("responses", responses);
        components->set("securitySchemes", securitySchemes());
        return components;
    }

private:
    /// The readers take a null field as an absent one: every field that is not required may be null.
    static void allowNull(Object schema)
    {
        if (Object items = schema->getObject("items"))
            allowNull(items);
        Object properties = schema->getObject("properties");
        if (!properties)
            return;
        std::set<std::string> required;
        if (Poco::JSON::Array::Ptr names = schema->getArray("required"))
            for (const auto& name : *names)
                required.insert(name.toString());
        for (const auto& name : properties->getNames()) {
            Object property = properties->getObject(name);
            allowNull(property);
            if (required.count(name) || !property->has("type") || !property->get("type").isString())
                continue;
            Poco::JSON::Array::Ptr types = new Poco::JSON::Array;
            types->add(property->get("type"));
            types->add("null");
            property->set("type", types);
            if (Poco::JSON::Array::Ptr literals = property->getArray("enum"))
                literals->add(Poco::Dynamic::Var());
        }
    }

    /// Each property and array item of a schema with a "title" becomes a named model.
    void hoistParts(Object schema)
    {
        if (Object properties = schema->getObject("properties"))
            for (const auto& name : properties->getNames())
                if (Object property = properties->getObject(name))
                    properties->set(name, hoisted(property));
        if (Object items = schema->getObject("items"))
            schema->set("items", hoisted(items));
    }

    Object hoisted(Object schema)
    {
        hoistParts(schema);
        return named(schema);
    }

    static void collectRefs(const Poco::Dynamic::Var& value, std::set<std::string>& used, std::vector<std::string>& pending)
    {
        static const std::string prefix = "#/components/schemas/";
        if (value.type() == typeid(Object)) {
            Object o = value.extract<Object>();
            for (const auto& [key, member] : *o) {
                if (key == "$ref" && member.isString() && member.toString().rfind(prefix, 0) == 0) {
                    const std::string name = member.toString().substr(prefix.size());
                    if (used.insert(name).second)
                        pending.push_back(name);
                } else {
                    collectRefs(member, used, pending);
                }
            }
        } else if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
            Poco::JSON::Array::Ptr a = value.extract<Poco::JSON::Array::Ptr>();
            for (const auto& member : *a)
                collectRefs(member, used, pending);
        }
    }

    static Object securitySchemes()
    {
        auto scheme = [](const char* type, const char* in, const char* name, const char* description) {
            Object o = object();
            o->set("type", type);
            if (std::string(type) == "http") {
                o->set("scheme", "bearer");
            } else {
                o->set("in", in);
                o->set("name", name);
            }
            o->set("description", description);
            return o;
        };
        Object schemes = object();
        schemes->set("adminKey", scheme("http", "", "",
                                        "Authorization: Bearer <key>: the bootstrap ADMIN_KEY (user \"admin\") or an admin "
                                        "user's API key"));
        schemes->set("adminSession", scheme("apiKey", "cookie", "jji_session",
                                            "The session cookie POST /api/auth/login sets for an admin"));
        schemes->set("username", scheme("apiKey", "cookie", "jji_username",
                                        "Who the caller says they are (not authentication): comments, reviews and "
                                        "mentions carry it, and ALLOWED_USERS is checked against it. Behind an SSO proxy "
                                        "with TRUST_PROXY_HEADERS=true, X-Forwarded-User names the caller instead."));
        schemes->set("webhookToken", scheme("apiKey", "header", "X-JJI-Webhook-Token",
                                            "JJI_WEBHOOK_TOKEN, when set; also accepted as a Bearer token or ?token="));
        return schemes;
    }

    Object _known;  ///< reply schemas (ApiSchemas)
    Object _models; ///< request models described by the readers
    std::set<int> _errors;
};

Poco::JSON::Array::Ptr securityOf(RouteAccess access)
{
    auto requirement = [](const char* scheme) {
        Object o = object();
        if (scheme)
            o->set(scheme, Poco::JSON::Array::Ptr(new Poco::JSON::Array));
        return o;
    };
    Poco::JSON::Array::Ptr alternatives = new Poco::JSON::Array;
    switch (access) {
    case RouteAccess::Anyone:
        alternatives->add(requirement(nullptr));
        break;
    case RouteAccess::Webhook:
        alternatives->add(requirement(nullptr));
        alternatives->add(requirement("webhookToken"));
        break;
    case RouteAccess::Allowed:
        alternatives->add(requirement(nullptr)); // when ALLOWED_USERS is not set
        [[fallthrough]];
    case RouteAccess::User:
        alternatives->add(requirement("username"));
        [[fallthrough]];
    case RouteAccess::Admin:
        alternatives->add(requirement("adminKey"));
        alternatives->add(requirement("adminSession"));
        break;
    }
    return alternatives;
}

/// The statuses a route can fail with: those it declares, and those its access, readers and
/// path parameters imply.
std::set<int> failuresOf(const Route& route, bool json)
{
    const RouteDoc& doc = route.doc;
    std::set<int> statuses(doc.failures.begin(), doc.failures.end());
    if (doc.bodyShape) {
        statuses.insert(400); // malformed JSON
        statuses.insert(413);
    }
    if ((doc.bodyShape || doc.queryShape) && !doc.objectParsed)
        statuses.insert(422);
    if (doc.objectParsed)
        statuses.insert(400);
    if (!doc.integerParams.empty())
        statuses.insert(422);
    switch (doc.access) {
    case RouteAccess::Anyone:
        break;
    case RouteAccess::Webhook:
        statuses.insert(401);
        break;
    case RouteAccess::User:
        statuses.insert(401);
        [[fallthrough]];
    case RouteAccess::Allowed:
    case RouteAccess::Admin:
        statuses.insert(403);
        statuses.insert(429); // too many wrong keys from this address
        break;
    }
    if (json)
        statuses.insert(503); // the database busy
    return statuses;
}

Poco::JSON::Array::Ptr parametersOf(const Route& route, Components& components)
{
    Poco::JSON::Array::Ptr parameters = new Poco::JSON::Array;
    auto add = [&](const std::string& name, const char* in, bool required, const Object& schema) {
        Object p = object();
        p->set("name", name);
        p->set("in", in);
        p->set("required", required);
        p->set("schema", schema);
        return p;
    };
    Poco::StringTokenizer segments(route.pathTemplate, "/", Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const auto& segment : segments) {
        if (segment.size() < 3 || segment.front() != '{' || segment.back() != '}')
            continue;
        std::string name = segment.substr(1, segment.size() - 2);
        const bool rest = name.find(":path") != std::string::npos;
        name = name.substr(0, name.find(':'));
        const auto& integers = route.doc.integerParams;
        Object schema = object();
        schema->set("type", std::find(integers.begin(), integers.end(), name) != integers.end() ? "integer" : "string");
        Object p = add(name, "path", true, schema);
        if (rest)
            p->set("description", "May contain slashes (folder job names, test names).");
        parameters->add(p);
    }
    if (!route.doc.queryShape)
        return parameters;
    Object query = components.describe(route.doc.queryShape, {"query"}, "", false);
    Poco::JSON::Array::Ptr required = query->getArray("required");
    auto isRequired = [&](const std::string& name) {
        for (std::size_t i = 0; required && i < required->size(); ++i)
            if (required->getElement<std::string>(static_cast<unsigned>(i)) == name)
                return true;
        return false;
    };
    if (Object properties = query->getObject("properties"))
        for (const auto& name : properties->getNames())
            parameters->add(add(name, "query", isRequired(name), properties->getObject(name)));
    return parameters;
}

Object requestBodyOf(const RouteDoc& doc, Components& components)
{
    Object media = object();
    media->set("schema", components.named(components.describe(doc.bodyShape, {"body"}, doc.bodyModel, true)));
    Object content = object();
    content->set("application/json", media);
    Object body = object();
    body->set("required", !doc.bodyOptional);
    body->set("content", content);
    return body;
}

Object responsesOf(const Route& route, Components& components)
{
    std::vector<RouteReply> replies = route.doc.replies;
    if (replies.empty())
        replies.push_back({});
    Object responses = object();
    bool json = false;
    for (const RouteReply& reply : replies) {
        const std::string code = std::to_string(reply.status);
        Object response = responses->has(code) ? responses->getObject(code) : object();
        if (!response->has("description"))
            response->set("description", successText(reply.status));
        if (reply.status != 304) {
            Object content = response->has("content") ? response->getObject("content") : object();
            Object media = object();
            if (!reply.schema.empty()) {
                media->set("schema", components.replySchema(reply.schema));
            } else if (reply.mediaType.find("json") == std::string::npos) {
                Object text = object();
                text->set("type", "string");
                media->set("schema", text);
            }
            content->set(reply.mediaType, media);
            response->set("content", content);
        }
        json = json || reply.mediaType == "application/json";
        responses->set(code, response);
    }
    for (int status : failuresOf(route, json))
        if (!responses->has(std::to_string(status))) // a reply of its own documented
            responses->set(std::to_string(status), components.errorRef(status));
    responses->set("4XX", components.errorRef(kOtherClientError.status));
    return responses;
}

Object operationOf(const Route& route, const std::string& path, Components& components)
{
    const RouteDoc& doc = route.doc;
    Object op = object();
    if (!doc.tag.empty()) {
        Poco::JSON::Array::Ptr tags = new Poco::JSON::Array;
        tags->add(doc.tag);
        op->set("tags", tags);
    }
    op->set("summary", route.summary.empty() ? route.method + " " + path : route.summary);
    op->set("operationId", doc.operationId.empty() ? operationIdOf(route.method, path) : doc.operationId);
    op->set("security", securityOf(doc.access));
    Poco::JSON::Array::Ptr parameters = parametersOf(route, components);
    if (parameters->size() > 0)
        op->set("parameters", parameters);
    if (doc.bodyShape)
        op->set("requestBody", requestBodyOf(doc, components));
    op->set("responses", responsesOf(route, components));
    return op;
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
    Object doc = object();
    doc->set("openapi", "3.1.0");
    Object info = object();
    info->set("title", "Job Insight");
    info->set("version", version);
    info->set("description",
              "Turns failed Jenkins builds into triaged, reviewable reports with AI classification. Errors answer "
              "{\"detail\": message}; a request that does not validate answers 422 with FastAPI's "
              "{\"detail\": [{type, loc, msg, input}]}.");
    Object license = object();
    license->set("name", "Apache-2.0");
    license->set("identifier", "Apache-2.0");
    info->set("license", license);
    doc->set("info", info);
    Object server = object();
    server->set("url", "/");
    server->set("description", "The server this document was read from");
    Poco::JSON::Array::Ptr servers = new Poco::JSON::Array;
    servers->add(server);
    doc->set("servers", servers);

    Components components;
    Object paths = object();
    std::set<std::string> tagsUsed;
    for (const Route& route : router.routes()) {
        const std::string path = openApiPath(route.pathTemplate);
        Object item = paths->has(path) ? paths->getObject(path) : object();
        item->set(Poco::toLower(route.method), operationOf(route, path, components));
        paths->set(path, item);
        tagsUsed.insert(route.doc.tag);
    }
    Poco::JSON::Array::Ptr tags = new Poco::JSON::Array;
    for (const RouteGroup& group : router.groups()) {
        if (!tagsUsed.count(group.name))
            continue;
        Object tag = object();
        tag->set("name", group.name);
        tag->set("description", group.description);
        tags->add(tag);
    }
    if (tags->size() > 0)
        doc->set("tags", tags);
    doc->set("paths", paths);
    doc->set("components", components.build(paths));
    return doc;
}

} // namespace bridge
} // namespace jji
