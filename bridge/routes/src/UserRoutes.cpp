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
#include "jji/bridge/http/RequestFields.h"
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

#include <algorithm>

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

/// A required string that is not blank.
std::string nonBlank(FieldReader& reader, const std::string& name)
{
    const std::string text = reader.requiredText(name, {1, std::nullopt});
    if (!text.empty() && Poco::trim(text).empty())
        reader.errors().add("value_error", reader.at(name), "Value error, " + name + " must not be blank", text);
    return text;
}

/// LoginRequest (object-parsed: 400 when invalid, as the spec says).
struct LoginRequest
{
    std::string username;
    std::string key;
};

LoginRequest readLogin(FieldReader& reader)
{
    const std::string username = Poco::trim(nonBlank(reader, "username"));
    return {username, nonBlank(reader, "api_key")};
}

std::string missingOrInvalid(const ValidationErrors& errors)
{
    return "Missing or invalid field: " + errors.firstField();
}

void login(AppContext& context, Exchange& ex)
{
    const LoginRequest request = readBodyOr400(ex, readLogin, missingOrInvalid);
    const std::string& username = request.username;
    const std::string& key = request.key;
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

/// SavedTokensRequest: the tokens to save; omitted or empty ones keep what is stored.
struct TokenUpdate
{
    std::optional<std::string> github, jira, email;
};

TokenUpdate readTokenUpdate(FieldReader& reader)
{
    auto given = [&](const char* name) -> std::optional<std::string> {
        auto text = reader.optString(name);
        return text && !text->empty() ? text : std::nullopt;
    };
    TokenUpdate update;
    update.github = given("github_token");
    update.email = given("jira_email");
    update.jira = given("jira_token");
    return update;
}

void putTokens(AppContext& context, Exchange& ex)
{
    const Caller caller = tokenOwner(ex, context);
    const TokenUpdate update = readBodyOr400(ex, readTokenUpdate, [](const ValidationErrors& errors) {
        return errors.firstField() + " must be a string";
    });
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
    const auto& github = update.github;
    const auto& jira = update.jira;
    // A cookie alone may save tokens, but not replace saved ones: anyone can send any
    // username, and a swapped token would file issues in someone else's name.
    const auto& email = update.email;
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

/// ?offset=&limit=&unread_only= of the mentions list: clamped, but 400 (not 422) when unreadable.
struct MentionsQuery
{
    long long offset;
    long long limit;
    bool unreadOnly;
};

MentionsQuery readMentionsQuery(FieldReader& query)
{
    const long long offset = query.integer("offset", 0);
    const long long limit = query.integer("limit", 50);
    return {std::clamp(offset, 0LL, 1000000000LL), std::clamp(limit, 1LL, 200LL), query.boolean("unread_only", false)};
}

void mentions(AppContext& context, Exchange& ex)
{
    const Caller caller = requireUser(ex, context.access);
    const MentionsQuery query = readQueryOr400(ex, readMentionsQuery, [](const ValidationErrors& errors) {
        return errors.firstField() + (errors.firstField() == "unread_only" ? " must be a boolean" : " must be an integer");
    });
    const int offset = static_cast<int>(query.offset);
    const int limit = static_cast<int>(query.limit);
    const bool unreadOnly = query.unreadOnly;
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

/// MarkReadRequest: 1 to 1000 comment ids.
std::vector<long long> readCommentIds(FieldReader& reader)
{
    reader.require("comment_ids");
    return reader.optIntegers("comment_ids", {1, 1000}).value_or(std::vector<long long>{});
}

void markRead(AppContext& context, Exchange& ex)
{
    const Caller caller = requireUser(ex, context.access);
    const std::vector<long long> commentIds = readBodyOr400(ex, readCommentIds, [](const ValidationErrors& errors) {
        return errors.firstType() == "int_type" ? "comment_ids must contain integers only"
                                                : "comment_ids must be a list of 1 to 1000 comment ids";
    });
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

/// PushSubscriptionRequest: the push service's endpoint and the browser's keys.
storage::PushSubscriptionRow readSubscription(FieldReader& reader, const config::Settings& settings)
{
    storage::PushSubscriptionRow row;
    row.endpoint = readEndpoint(reader, settings);
    row.p256dh = reader.requiredText("p256dh_key", {std::nullopt, 256});
    row.auth = reader.requiredText("auth_key", {std::nullopt, 256});
    return row;
}

/// PushUnsubscribeRequest: the endpoint to forget.
std::string readUnsubscription(FieldReader& reader, const config::Settings& settings)
{
    return readEndpoint(reader, settings);
}

void subscribe(AppContext& context, Exchange& ex)
{
    webPush(context);
    const Caller caller = requireUser(ex, context.access);
    storage::PushSubscriptionRow row = readBody(ex, withSettings(context, readSubscription));
    row.username = caller.username;
    storage::PushSubscriptionStore(context.db).subscribe(row, 10);
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("status", "subscribed");
    ex.sendJson(200, out);
}

void unsubscribe(AppContext& context, Exchange& ex)
{
    webPush(context);
    const Caller caller = requireUser(ex, context.access);
    const std::string endpoint = readBody(ex, withSettings(context, readUnsubscription));
    if (!storage::PushSubscriptionStore(context.db).unsubscribe(caller.username, endpoint))
        throw HttpError(404, "No such subscription of yours");
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("status", "unsubscribed");
    ex.sendJson(200, out);
}

} // namespace

void registerUserRoutes(Router& router, AppContext& context)
{
    addRoute(router, context, "POST", "/api/auth/login", login, "Admin login with an API key (sets jji_session)")
        .body("LoginRequest", readLogin).invalidIs400().answers(200, "Identity").fails({401, 429});
    addRoute(router, context, "POST", "/api/auth/logout", logout, "End the admin session").answers(200, "Ok");
    addRoute(router, context, "GET", "/api/auth/me", me, "The caller's identity").answers(200, "Identity");
    addRoute(router, context, "GET", "/api/user/tokens", getTokens, "The caller's saved tracker tokens")
        .user().answers(200, "SavedTokens");
    addRoute(router, context, "PUT", "/api/user/tokens", putTokens, "Save tracker tokens (merge of non-empty fields)")
        .body("SavedTokensRequest", readTokenUpdate).invalidIs400().user().answers(200, "Ok").fails({404});
    addRoute(router, context, "GET", "/api/users/mentions", mentions, "Comments that mention the caller")
        .query(readMentionsQuery).invalidIs400().user().answers(200, "Mentions");
    addRoute(router, context, "POST", "/api/users/mentions/read", markRead, "Mark mentions read")
        .body("MarkReadRequest", readCommentIds).invalidIs400().user().answers(200, "Ok");
    addRoute(router, context, "POST", "/api/users/mentions/read-all", markAllRead, "Mark every mention read")
        .user().answers(200, "MarkedRead");
    addRoute(router, context, "GET", "/api/users/mentions/unread-count", unreadCount, "Unread mention count")
        .user().answers(200, "Count");
    addRoute(router, context, "GET", "/api/users/mentionable", mentionable, "Usernames that can be mentioned")
        .user().answers(200, "Usernames");
    addRoute(router, context, "GET", "/api/notifications/vapid-public-key", vapidPublicKey, "Web Push application server key")
        .answers(200, "VapidPublicKey").fails({404});
    addRoute(router, context, "POST", "/api/notifications/subscribe", subscribe, "Register a Web Push subscription")
        .body("PushSubscriptionRequest", withSettings(context, readSubscription)).user().answers(200, "Status").fails({404});
    addRoute(router, context, "POST", "/api/notifications/unsubscribe", unsubscribe, "Remove a Web Push subscription")
        .body("PushUnsubscribeRequest", withSettings(context, readUnsubscription)).user().answers(200, "Status").fails({404});
}

} // namespace bridge
} // namespace jji
