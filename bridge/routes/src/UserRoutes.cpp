#include "UserRoutes.h"

#include "jji/analysis/model/JsonText.h"
#include "jji/analysis/notify/WebPush.h"
#include "jji/bridge/access/ApiKeys.h"
#include "jji/bridge/routes/AppContext.h"
#include "jji/bridge/access/Caller.h"
#include "jji/bridge/routes/ContextRoute.h"
#include "jji/bridge/http/Exchange.h"
#include "jji/bridge/http/FieldReader.h"
#include "jji/bridge/http/HttpError.h"
#include "jji/bridge/access/SecretCompare.h"
#include "jji/storage/MentionStore.h"
#include "jji/storage/Timestamp.h"
#include "jji/storage/UserStore.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Array.h>
#include <Poco/Logger.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <Poco/Timespan.h>

namespace jji {
namespace bridge {

namespace {

Poco::JSON::Object::Ptr identity(const std::string& username, bool admin)
{
    Poco::JSON::Object::Ptr o = analysis::orderedObject();
    o->set("username", username);
    o->set("role", admin ? "admin" : "user");
    o->set("is_admin", admin);
    return o;
}

void setCookie(Exchange& ex, const config::Settings& settings, const std::string& name, const std::string& value,
               int maxAgeSeconds, bool httpOnly)
{
    Poco::Net::HTTPCookie cookie(name, value);
    cookie.setPath("/");
    cookie.setMaxAge(maxAgeSeconds);
    cookie.setHttpOnly(httpOnly);
    cookie.setSecure(settings.secureCookies); // SECURE_COOKIES=false only for plain-HTTP setups
    cookie.setSameSite(Poco::Net::HTTPCookie::SAME_SITE_STRICT);
    ex.response().addCookie(cookie);
}

/// A required non-empty string of an object-parsed body: 400 (not 422) as the spec says.
std::string bodyString(const Poco::JSON::Object::Ptr& body, const std::string& name)
{
    if (!body->has(name) || !body->get(name).isString() || Poco::trim(body->getValue<std::string>(name)).empty())
        throw HttpError(400, "Missing or invalid field: " + name);
    return body->getValue<std::string>(name);
}

void login(AppContext& context, Exchange& ex)
{
    Poco::JSON::Object::Ptr body = ex.jsonObjectOr400();
    const std::string username = Poco::trim(bodyString(body, "username"));
    const std::string key = bodyString(body, "api_key");
    const std::string address = ex.clientAddress();
    if (const int wait = context.authThrottle.admit(address, username))
        throw HttpError::retryAfter(429, wait, "Too many failed sign-ins; retry in " + std::to_string(wait) + " s");
    bool valid = false;
    if (username == "admin") {
        valid = !context.settings.adminKey.empty() && secretsEqual(key, context.settings.adminKey);
    } else {
        // Exactly one key check whoever is named, so timing tells nothing about who exists or is an admin.
        auto user = storage::UserStore(context.db).find(username);
        const bool admin = user && user->role == "admin" && !user->apiKeyHash.empty();
        const bool matches = ApiKeys::verify(key, admin ? ApiKeys::Hashed{user->apiKeyHash, user->apiKeySalt, ""} : ApiKeys::unmatchable());
        valid = admin && matches;
    }
    if (!valid) {
        context.authThrottle.failed(address, username, "admin login");
        throw HttpError(401, "Invalid username or API key");
    }
    context.authThrottle.succeeded(address, username);
    const std::string token = ApiKeys::generate();
    const int ttl = context.settings.sessionDays * 24 * 3600;
    Poco::DateTime expires;
    expires += Poco::Timespan(ttl, 0);
    storage::UserStore(context.db).addSession(
        {ApiKeys::sessionDigest(token), username, Poco::DateTimeFormatter::format(expires, "%Y-%m-%d %H:%M:%S")});
    setCookie(ex, context.settings, "jji_session", token, ttl, true);
    setCookie(ex, context.settings, "jji_username", username, ttl, false);
    Poco::Logger::get("jji.auth").information("admin '%s' logged in", username);
    ex.response().set("Cache-Control", "no-store");
    ex.sendJson(200, identity(username, true));
}

void logout(AppContext& context, Exchange& ex)
{
    if (const std::string token = ex.cookie("jji_session"); !token.empty())
        storage::UserStore(context.db).removeSession(ApiKeys::sessionDigest(token));
    setCookie(ex, context.settings, "jji_session", "", 0, true);
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("ok", true);
    ex.sendJson(200, out);
}

void me(AppContext& context, Exchange& ex)
{
    const Caller caller = Caller::of(ex, context.access);
    ex.sendJson(200, identity(caller.username, caller.admin));
}

std::string opened(AppContext& context, const std::string& sealed)
{
    if (sealed.empty())
        return "";
    try {
        return context.secrets.open(sealed);
    } catch (const std::exception&) {
        return ""; // sealed under another key: unusable, so shown as unset
    }
}

/// The caller of the saved-token endpoints. The username cookie is unauthenticated, so
/// the tokens of an admin account are only served to that admin, signed in.
Caller tokenOwner(const Exchange& ex, AppContext& context)
{
    const Caller caller = Caller::of(ex, context.access);
    if (caller.username.empty())
        throw HttpError(401, "Username required: set the jji_username cookie");
    if (savedTokenOwner(caller, context.access).empty())
        throw HttpError(401, "Sign in as '" + caller.username + "' to use its saved tokens");
    return caller;
}

/// "ghp_…XYZ": enough to tell which token is saved, too little to use it.
std::string tokenHint(const std::string& token)
{
    if (token.empty())
        return "";
    if (token.size() < 12)
        return "\u2026";
    return token.substr(0, 4) + "\u2026" + token.substr(token.size() - 3);
}

/// Saved tokens are write-only over the API: the username cookie proves nothing, so GET
/// says which are set (with a hint) and returns the spec's token fields empty.
void getTokens(AppContext& context, Exchange& ex)
{
    const Caller caller = tokenOwner(ex, context);
    auto saved = storage::UserStore(context.db).tokens(caller.username);
    const std::string github = saved ? opened(context, saved->githubTokenSealed) : "";
    const std::string jira = saved ? opened(context, saved->jiraTokenSealed) : "";
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("github_token", "");
    out->set("jira_email", saved ? saved->jiraEmail : "");
    out->set("jira_token", "");
    out->set("has_github_token", !github.empty());
    out->set("github_token_hint", tokenHint(github));
    out->set("has_jira_token", !jira.empty());
    out->set("jira_token_hint", tokenHint(jira));
    ex.response().set("Cache-Control", "no-store");
    ex.sendJson(200, out);
}

void putTokens(AppContext& context, Exchange& ex)
{
    const Caller caller = tokenOwner(ex, context);
    Poco::JSON::Object::Ptr body = ex.jsonObjectOr400();
    storage::UserStore users(context.db);
    if (!users.find(caller.username)) {
        // Every caller with a username is a known user (admitRequest records them); one the
        // daemon has not written yet, e.g. deleted a moment ago, is recorded now.
        if (!isValidUsername(caller.username))
            throw HttpError(404, "User not found. Register first.");
        users.touch(caller.username);
    }
    storage::UserStore::SavedTokens saved = users.tokens(caller.username).value_or(storage::UserStore::SavedTokens{});
    // Merge: only non-empty values are written; omitted or blank fields keep what is stored.
    auto given = [&](const char* name) -> std::optional<std::string> {
        if (!body->has(name) || !body->get(name).isString() || body->getValue<std::string>(name).empty())
            return std::nullopt;
        return body->getValue<std::string>(name);
    };
    const auto github = given("github_token");
    const auto jira = given("jira_token");
    // A cookie alone may save tokens, but not replace saved ones: anyone can send any
    // username, and a swapped token would file issues in someone else's name.
    const auto email = given("jira_email");
    const bool replaces = (github && !saved.githubTokenSealed.empty()) || (jira && !saved.jiraTokenSealed.empty()) ||
                          (email && !saved.jiraEmail.empty() && *email != saved.jiraEmail);
    if (replaces && !caller.authenticated())
        throw HttpError(403, "Saved tokens can only be replaced by a signed-in session");
    if (github)
        saved.githubTokenSealed = context.secrets.seal(*github);
    if (email)
        saved.jiraEmail = *email;
    if (jira)
        saved.jiraTokenSealed = context.secrets.seal(*jira);
    users.saveTokens(caller.username, saved);
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("ok", true);
    ex.sendJson(200, out);
}

/// offset/limit of the mentions list: clamped, but 400 when not integers.
int clampedQuery(const Exchange& ex, const std::string& name, int fallback, int lo, int hi)
{
    auto text = ex.query(name);
    if (!text)
        return fallback;
    int value = 0;
    if (!Poco::NumberParser::tryParse(Poco::trim(*text), value))
        throw HttpError(400, name + " must be an integer");
    return std::clamp(value, lo, hi);
}

void mentions(AppContext& context, Exchange& ex)
{
    const Caller caller = requireUser(ex, context.access);
    const int offset = clampedQuery(ex, "offset", 0, 0, 1000000000);
    const int limit = clampedQuery(ex, "limit", 50, 1, 200);
    const std::string unread = Poco::toLower(Poco::trim(ex.query("unread_only").value_or("false")));
    const bool unreadOnly = unread == "true" || unread == "1" || unread == "yes";
    storage::MentionStore store(context.db);
    Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
    for (const auto& m : store.forUser(caller.username, unreadOnly, limit, offset)) {
        Poco::JSON::Object::Ptr o = analysis::orderedObject();
        o->set("id", m.comment.id);
        o->set("job_id", m.comment.jobId);
        o->set("test_name", m.comment.testName);
        o->set("child_job_name", m.comment.childJobName);
        o->set("child_build_number", m.comment.childBuildNumber);
        o->set("comment", m.comment.comment);
        o->set("username", m.comment.username);
        o->set("created_at", m.comment.createdAt);
        o->set("is_read", m.isRead);
        rows->add(o);
    }
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("mentions", rows);
    out->set("total", store.count(caller.username, unreadOnly));
    out->set("unread_count", store.count(caller.username, true));
    ex.sendJson(200, out);
}

void markRead(AppContext& context, Exchange& ex)
{
    const Caller caller = requireUser(ex, context.access);
    Poco::JSON::Object::Ptr body = ex.jsonObjectOr400();
    Poco::JSON::Array::Ptr ids = body->getArray("comment_ids");
    if (!ids || ids->size() == 0 || ids->size() > 1000)
        throw HttpError(400, "comment_ids must be a list of 1 to 1000 comment ids");
    std::vector<long long> commentIds;
    for (unsigned i = 0; i < ids->size(); ++i) {
        const Poco::Dynamic::Var v = ids->get(i);
        if (v.isBoolean() || !v.isInteger())
            throw HttpError(400, "comment_ids must contain integers only");
        commentIds.push_back(v.convert<long long>());
    }
    storage::MentionStore(context.db).markRead(caller.username, commentIds);
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("ok", true);
    ex.sendJson(200, out);
}

void markAllRead(AppContext& context, Exchange& ex)
{
    const Caller caller = requireUser(ex, context.access);
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("marked_read", storage::MentionStore(context.db).markAllRead(caller.username));
    ex.sendJson(200, out);
}

void unreadCount(AppContext& context, Exchange& ex)
{
    const Caller caller = requireUser(ex, context.access);
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("count", storage::MentionStore(context.db).count(caller.username, true));
    ex.sendJson(200, out);
}

void mentionable(AppContext& context, Exchange& ex)
{
    requireUser(ex, context.access);
    Poco::JSON::Array::Ptr names = new Poco::JSON::Array;
    for (const auto& user : storage::UserStore(context.db).list())
        names->add(user.username);
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("usernames", names);
    ex.sendJson(200, out);
}

/// The configured Web Push, or 404 when push is not configured (503 when its keys are unusable).
const analysis::WebPush& webPush(AppContext& context)
{
    const analysis::WebPush* push = nullptr;
    try {
        push = context.notifier.push();
    } catch (const analysis::WebPushKeyError& e) {
        throw HttpError(503, std::string("Web Push keys unavailable: ") + e.what());
    }
    if (!push)
        throw HttpError(404, "Web Push is not configured");
    return *push;
}

void vapidPublicKey(AppContext& context, Exchange& ex)
{
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("vapid_public_key", webPush(context).publicKey());
    ex.sendJson(200, out);
}

/// The endpoint (and keys) of a subscription body: 422 for non-HTTPS or oversized values,
/// and for internal hosts (push services are public; JJI_CALLBACK_ALLOW_HOSTS opens others).
std::string readEndpoint(FieldReader& reader, const config::Settings& settings)
{
    const std::string endpoint = reader.requiredString("endpoint");
    if (reader.has("endpoint") && reader.object()->get("endpoint").isString()) {
        if (endpoint.size() > 2048)
            reader.errors().add("string_too_long", reader.at("endpoint"), "String should have at most 2048 characters", endpoint);
        else if (endpoint.rfind("https://", 0) != 0)
            reader.errors().add("value_error", reader.at("endpoint"), "Value error, endpoint must be an https URL", endpoint);
        else if (const std::string refused = analysis::WebPush::endpointRefusal(endpoint, settings); !refused.empty())
            reader.errors().add("value_error", reader.at("endpoint"), "Value error, " + refused, endpoint);
    }
    return endpoint;
}

void subscribe(AppContext& context, Exchange& ex)
{
    webPush(context);
    const Caller caller = requireUser(ex, context.access);
    Poco::JSON::Object::Ptr body = ex.jsonObject();
    ValidationErrors errors;
    FieldReader reader(body, {"body"}, errors);
    storage::PushSubscriptionRow row;
    row.username = caller.username;
    row.endpoint = readEndpoint(reader, context.settings);
    for (const char* name : {"p256dh_key", "auth_key"}) {
        const std::string value = reader.requiredString(name);
        if (value.size() > 256)
            errors.add("string_too_long", reader.at(name), "String should have at most 256 characters", value);
        (std::string(name) == "p256dh_key" ? row.p256dh : row.auth) = value;
    }
    errors.raiseIfAny();
    storage::PushSubscriptionStore(context.db).subscribe(row, 10);
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("status", "subscribed");
    ex.sendJson(200, out);
}

void unsubscribe(AppContext& context, Exchange& ex)
{
    webPush(context);
    const Caller caller = requireUser(ex, context.access);
    Poco::JSON::Object::Ptr body = ex.jsonObject();
    ValidationErrors errors;
    FieldReader reader(body, {"body"}, errors);
    const std::string endpoint = readEndpoint(reader, context.settings);
    errors.raiseIfAny();
    if (!storage::PushSubscriptionStore(context.db).unsubscribe(caller.username, endpoint))
        throw HttpError(404, "No such subscription of yours");
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("status", "unsubscribed");
    ex.sendJson(200, out);
}

} // namespace

void registerUserRoutes(Router& router, AppContext& context)
{
    addRoute(router, context, "POST", "/api/auth/login", login, "Admin login with an API key (sets jji_session)");
    addRoute(router, context, "POST", "/api/auth/logout", logout, "End the admin session");
    addRoute(router, context, "GET", "/api/auth/me", me, "The caller's identity");
    addRoute(router, context, "GET", "/api/user/tokens", getTokens, "The caller's saved tracker tokens");
    addRoute(router, context, "PUT", "/api/user/tokens", putTokens, "Save tracker tokens (merge of non-empty fields)");
    addRoute(router, context, "GET", "/api/users/mentions", mentions, "Comments that mention the caller");
    addRoute(router, context, "POST", "/api/users/mentions/read", markRead, "Mark mentions read");
    addRoute(router, context, "POST", "/api/users/mentions/read-all", markAllRead, "Mark every mention read");
    addRoute(router, context, "GET", "/api/users/mentions/unread-count", unreadCount, "Unread mention count");
    addRoute(router, context, "GET", "/api/users/mentionable", mentionable, "Usernames that can be mentioned");
    addRoute(router, context, "GET", "/api/notifications/vapid-public-key", vapidPublicKey, "Web Push application server key");
    addRoute(router, context, "POST", "/api/notifications/subscribe", subscribe, "Register a Web Push subscription");
    addRoute(router, context, "POST", "/api/notifications/unsubscribe", unsubscribe, "Remove a Web Push subscription");
}

} // namespace bridge
} // namespace jji
