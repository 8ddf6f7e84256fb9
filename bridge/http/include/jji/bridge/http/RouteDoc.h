#ifndef JJI_BRIDGE_HTTP_ROUTEDOC_H
#define JJI_BRIDGE_HTTP_ROUTEDOC_H

#include <functional>
#include <initializer_list>
#include <string>
#include <vector>

namespace jji {
namespace bridge {

class FieldReader;

/// Who may call a route, as its handler's access checks decide (the OpenAPI security).
enum class RouteAccess
{
    Anyone,  ///< no identity needed
    Allowed, ///< limited by ALLOWED_USERS to the users it lists (jji_username cookie, SSO proxy) and admins: 403
    User,    ///< needs a username (401 without one) on the allow list (403)
    Admin,   ///< an admin key (Authorization: Bearer) or an admin's jji_session: 403 otherwise
    Webhook, ///< the webhook token when JJI_WEBHOOK_TOKEN is set: 401 otherwise
};

/// One success a route answers with: status, the component schema of its body ("" when not
/// described) and media type.
struct RouteReply
{
    int status = 200;
    std::string schema;
    std::string mediaType = "application/json";
};

/// What /openapi.json says of a route beyond its method, path and summary. The request body
/// and query are described by running the route's own readers on a describing FieldReader,
/// the very functions its handler reads the request with, so the document cannot drift from
/// what is validated. Filled where the route is registered:
///     addRoute(router, context, "POST", "/results/{job_id}/comments", addComment, "Comment on a failure")
///         .body("AddCommentRequest", readNewComment).answers(201, "CommentCreated").allowed().fails({400, 404});
struct RouteDoc
{
    /// A request reader, run in describing mode (what it returns is dropped).
    using Shape = std::function<void(FieldReader&)>;

    std::string tag;         ///< the resource group (Router::group)
    std::string operationId; ///< empty: made of the method and path
    RouteAccess access = RouteAccess::Anyone;
    Shape bodyShape;           ///< empty: no JSON body
    std::string bodyModel;     ///< the body schema's name
    bool bodyOptional = false; ///< an empty body reads as {}
    bool objectParsed = false; ///< invalid bodies and queries answer 400, not 422 (the spec's object-parsed endpoints)
    Shape queryShape;          ///< empty: no query parameters
    std::vector<std::string> integerParams; ///< path parameters read as integers (422 otherwise)
    std::vector<RouteReply> replies;        ///< the successes; none: 200 without a described body
    std::vector<int> failures;              ///< error statuses besides those the access, readers and path imply

    /// The JSON body `read` reads (any callable taking a FieldReader&), under schema name `model`.
    template <typename Read>
    RouteDoc& body(std::string model, Read read)
    {
        bodyModel = std::move(model);
        bodyShape = [read](FieldReader& reader) { (void)read(reader); };
        return *this;
    }
    /// body(), for a route that also takes an empty body.
    template <typename Read>
    RouteDoc& optionalBody(std::string model, Read read)
    {
        bodyOptional = true;
        return body(std::move(model), std::move(read));
    }
    /// The query parameters `read` reads (a FieldReader over them).
    template <typename Read>
    RouteDoc& query(Read read)
    {
        queryShape = [read](FieldReader& reader) { (void)read(reader); };
        return *this;
    }

    /// Invalid bodies and queries answer 400 {"detail": message} (readBodyOr400, readQueryOr400).
    RouteDoc& invalidIs400()
    {
        objectParsed = true;
        return *this;
    }

    RouteDoc& answers(int status, std::string schema = "", std::string mediaType = "application/json");
    RouteDoc& fails(std::initializer_list<int> statuses);
    RouteDoc& integerParam(std::string name);
    RouteDoc& id(std::string operation);

    RouteDoc& allowed() { return by(RouteAccess::Allowed); }
    RouteDoc& user() { return by(RouteAccess::User); }
    RouteDoc& admin() { return by(RouteAccess::Admin); }
    RouteDoc& webhook() { return by(RouteAccess::Webhook); }
    RouteDoc& by(RouteAccess who);
};

} // namespace bridge
} // namespace jji

#endif
