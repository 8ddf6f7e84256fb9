#include "AdminRoutes.h"

#include "jji/analysis/ai/AiStatus.h"
#include "jji/analysis/model/JsonText.h"
#include "jji/bridge/access/ApiKeys.h"
#include "jji/bridge/routes/AppContext.h"
#include "jji/bridge/access/Caller.h"
#include "jji/bridge/routes/ContextRoute.h"
#include "jji/bridge/http/Exchange.h"
#include "jji/bridge/http/HttpError.h"
#include "jji/bridge/http/RequestFields.h"
#include "jji/bridge/http/ValidationErrors.h"
#include "jji/storage/TokenUsageStore.h"
#include "jji/storage/UserStore.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/JSON/Array.h>
#include <Poco/Logger.h>
#include <Poco/RegularExpression.h>
#include <Poco/String.h>
#include <Poco/Timespan.h>

#include <algorithm>
#include <mutex>

namespace jji {
namespace bridge {

namespace {

/// Replies carrying a key must not be cached anywhere.
void sendKey(Exchange& ex, const Poco::JSON::Object::Ptr& body)
{
    ex.response().set("Cache-Control", "no-store");
    ex.sendJson(200, body);
}

constexpr const char* kUsernameRule =
    "Invalid username: 2-50 characters, starting with a letter or digit, then letters, digits, '.', '_' or '-'";

/// CreateAdminRequest: the new admin's username (object-parsed: 400 when invalid).
std::string readNewAdmin(FieldReader& reader)
{
    return Poco::trim(reader.requiredString("username"));
}

/// ChangeRoleRequest.
std::string readRole(FieldReader& reader)
{
    return reader.requiredLiteral("role", {"admin", "user"}).value_or("");
}

/// RotateKeyRequest: the key to set (absent: one is generated).
std::string readNewKey(FieldReader& reader)
{
    return reader.optText("new_key", {16, std::nullopt}).value_or("");
}

void createUser(AppContext& context, Exchange& ex)
{
    const Caller caller = requireAdmin(ex, context.access);
    const std::string username = readBodyOr400(ex, readNewAdmin, [](const ValidationErrors&) { return kUsernameRule; });
    if (!isValidUsername(username))
        throw HttpError(400, kUsernameRule);
    if (username == "admin")
        throw HttpError(400, "The username 'admin' is reserved for the bootstrap key");
    const std::string key = ApiKeys::generate();
    const ApiKeys::Hashed hashed = ApiKeys::hash(key);
    storage::UserStore users(context.db);
    if (auto existing = users.find(username)) {
        // A tracked (cookie) user of that name cannot be turned into an admin this way.
        throw HttpError(400, "Username '" + username + "' is already taken");
    }
    if (!users.create({0, username, "admin", hashed.hash, hashed.salt, "", std::nullopt, hashed.lookup}))
        throw HttpError(400, "Username '" + username + "' is already taken");
    Poco::Logger::get("jji.auth").information("admin '%s' created admin '%s'", caller.username, username);
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("username", username);
    out->set("api_key", key);
    out->set("role", "admin");
    sendKey(ex, out);
}

void listUsers(AppContext& context, Exchange& ex)
{
    requireAdmin(ex, context.access);
    Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
    for (const auto& u : storage::UserStore(context.db).list()) {
        Poco::JSON::Object::Ptr o = analysis::orderedObject();
        o->set("id", u.id);
        o->set("username", u.username);
        o->set("role", u.role);
        o->set("created_at", u.createdAt);
        o->set("last_seen", u.lastSeen ? Poco::Dynamic::Var(*u.lastSeen) : Poco::Dynamic::Var());
        rows->add(o);
    }
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("users", rows);
    ex.sendJson(200, out);
}

void deleteUser(AppContext& context, Exchange& ex)
{
    const Caller caller = requireAdmin(ex, context.access);
    const std::string& username = ex.pathParam("username");
    storage::UserStore users(context.db);
    auto user = users.find(username);
    if (!user || user->role != "admin")
        throw HttpError(404, "Admin user '" + username + "' not found");
    if (username == caller.username)
        throw HttpError(400, "You cannot delete your own account");
    if (users.adminCount() <= 1)
        throw HttpError(400, "Cannot delete the last admin user");
    users.remove(username); // its sessions and saved tokens go with it
    Poco::Logger::get("jji.auth").information("admin '%s' deleted admin '%s'", caller.username, username);
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("deleted", username);
    ex.sendJson(200, out);
}

void changeRole(AppContext& context, Exchange& ex)
{
    const Caller caller = requireAdmin(ex, context.access);
    const std::string& username = ex.pathParam("username");
    const std::string role =
        readBodyOr400(ex, readRole, [](const ValidationErrors&) { return "role must be 'admin' or 'user'"; });
    if (username == "admin")
        throw HttpError(400, "The bootstrap 'admin' user cannot be changed");
    if (username == caller.username)
        throw HttpError(400, "You cannot change your own role");
    storage::UserStore users(context.db);
    auto user = users.find(username);
    if (!user)
        throw HttpError(404, "User '" + username + "' not found");
    if (user->role == role)
        throw HttpError(400, "User '" + username + "' already has role '" + role + "'");
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("username", username);
    out->set("role", role);
    if (role == "admin") {
        const std::string key = ApiKeys::generate();
        const ApiKeys::Hashed hashed = ApiKeys::hash(key);
        users.setRoleAndKey(username, "admin", hashed.hash, hashed.salt, hashed.lookup);
        out->set("api_key", key);
    } else {
        if (users.adminCount() <= 1)
            throw HttpError(400, "Cannot demote the last admin user");
        users.setRoleAndKey(username, "user", "", "", ""); // the key goes, and with it every session
        users.removeSessionsOf(username);
    }
    Poco::Logger::get("jji.auth").information("admin '%s' made '%s' %s", caller.username, username, role);
    sendKey(ex, out);
}

void rotateKey(AppContext& context, Exchange& ex)
{
    const Caller caller = requireAdmin(ex, context.access);
    const std::string& username = ex.pathParam("username");
    std::string key = readBodyOr400(
        ex, readNewKey, [](const ValidationErrors&) { return "new_key must be a string of at least 16 characters"; }, true);
    storage::UserStore users(context.db);
    auto user = users.find(username);
    if (!user || user->role != "admin")
        throw HttpError(404, "Admin user '" + username + "' not found");
    if (key.empty())
        key = ApiKeys::generate();
    const ApiKeys::Hashed hashed = ApiKeys::hash(key);
    if (!users.rotateAdminKey(username, hashed.hash, hashed.salt, hashed.lookup))
        throw HttpError(404, "Admin user '" + username + "' not found");
    users.removeSessionsOf(username);
    Poco::Logger::get("jji.auth").information("admin '%s' rotated the key of '%s'", caller.username, username);
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("username", username);
    out->set("new_api_key", key);
    sendKey(ex, out);
}

Poco::JSON::Object::Ptr totalsJson(const storage::TokenUsageTotals& t, bool asGroup)
{
    Poco::JSON::Object::Ptr o = analysis::orderedObject();
    const std::string prefix = asGroup ? "" : "total_";
    if (asGroup)
        o->set("group_key", t.groupKey);
    o->set(prefix + "input_tokens", t.inputTokens);
    o->set(prefix + "output_tokens", t.outputTokens);
    o->set(prefix + "cache_read_tokens", t.cacheReadTokens);
    o->set(prefix + "cache_write_tokens", t.cacheWriteTokens);
    o->set(prefix + "cost_usd", t.costUsd);
    if (asGroup) {
        o->set("call_count", t.calls);
        o->set("avg_duration_ms", t.calls > 0 ? static_cast<double>(t.durationMs) / static_cast<double>(t.calls) : 0.0);
    } else {
        o->set("total_calls", t.calls);
        o->set("total_duration_ms", t.durationMs);
    }
    return o;
}

/// A date or date-time query bound as stored text; a date-only end covers its whole day.
std::string dateBound(FieldReader& query, const std::string& name, bool end)
{
    const std::string text = Poco::trim(query.string(name));
    if (text.empty())
        return "";
    // YYYY-MM-DD, optionally with a time (Poco's parser alone accepts almost anything).
    static const Poco::RegularExpression shape("^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?$");
    Poco::DateTime parsed;
    int tz = 0;
    const bool dateOnly = text.size() == 10;
    if (!shape.match(text) || !Poco::DateTimeParser::tryParse(dateOnly ? "%Y-%m-%d" : Poco::DateTimeFormat::ISO8601_FORMAT,
                                                              text, parsed, tz)) {
        query.errors().add("datetime_parsing", query.at(name), "Input should be a valid date or datetime", text);
        return "";
    }
    parsed.makeUTC(tz); // stored times are UTC
    if (dateOnly && end)
        return Poco::DateTimeFormatter::format(parsed, "%Y-%m-%d") + " 23:59:59";
    return Poco::DateTimeFormatter::format(parsed, "%Y-%m-%d %H:%M:%S");
}

/// ?start_date=&end_date=&ai_provider=&ai_model=&call_type=&group_by= of GET /api/admin/token-usage.
struct UsageQuery
{
    storage::TokenUsageFilter filter;
    std::string groupBy;
};

UsageQuery readUsageQuery(FieldReader& query)
{
    UsageQuery q;
    q.filter.startDate = dateBound(query, "start_date", false);
    q.filter.endDate = dateBound(query, "end_date", true);
    q.filter.provider = query.string("ai_provider");
    q.filter.model = query.string("ai_model");
    q.filter.callType = query.string("call_type");
    q.groupBy = query.optLiteral("group_by", storage::TokenUsageStore::groupings()).value_or("");
    return q;
}

void tokenUsage(AppContext& context, Exchange& ex)
{
    requireAdmin(ex, context.access);
    const UsageQuery query = readQuery(ex, readUsageQuery);
    const storage::TokenUsageFilter& filter = query.filter;
    const std::string& groupBy = query.groupBy;
    storage::TokenUsageStore store(context.db);
    Poco::JSON::Object::Ptr out = totalsJson(store.totals(filter), false);
    Poco::JSON::Array::Ptr breakdown = new Poco::JSON::Array;
    if (!groupBy.empty())
        for (const auto& group : store.breakdown(filter, groupBy))
            breakdown->add(totalsJson(group, true));
    out->set("breakdown", breakdown);
    ex.sendJson(200, out);
}

void tokenUsageSummary(AppContext& context, Exchange& ex)
{
    requireAdmin(ex, context.access);
    storage::TokenUsageStore store(context.db);
    const Poco::DateTime now;
    auto since = [](const Poco::DateTime& from) {
        storage::TokenUsageFilter f;
        f.startDate = Poco::DateTimeFormatter::format(from, "%Y-%m-%d") + " 00:00:00";
        return f;
    };
    auto period = [&](const storage::TokenUsageFilter& f) {
        storage::TokenUsageTotals t = store.totals(f);
        Poco::JSON::Object::Ptr o = analysis::orderedObject();
        o->set("calls", t.calls);
        o->set("tokens", t.inputTokens + t.outputTokens);
        o->set("input_tokens", t.inputTokens);
        o->set("output_tokens", t.outputTokens);
        o->set("cost_usd", t.costUsd);
        return o;
    };
    const Poco::DateTime weekStart = now - Poco::Timespan((now.dayOfWeek() + 6) % 7, 0, 0, 0, 0); // Monday
    const Poco::DateTime monthStart(now.year(), now.month(), 1);
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("today", period(since(now)));
    out->set("this_week", period(since(weekStart)));
    out->set("this_month", period(since(monthStart)));
    auto top = [&](const std::string& groupBy, const std::string& keyName) {
        Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
        for (const auto& g : store.breakdown({}, groupBy, 10)) {
            Poco::JSON::Object::Ptr o = analysis::orderedObject();
            o->set(keyName, g.groupKey);
            o->set("calls", g.calls);
            o->set("cost_usd", g.costUsd);
            rows->add(o);
        }
        return rows;
    };
    out->set("top_models", top("model", "model"));
    out->set("top_jobs", top("job", "job_id"));
    ex.sendJson(200, out);
}

void tokenUsageForJob(AppContext& context, Exchange& ex)
{
    requireAdmin(ex, context.access);
    const std::string& jobId = ex.pathParam("job_id");
    auto rows = storage::TokenUsageStore(context.db).forJob(jobId);
    if (rows.empty())
        throw HttpError(404, "No token usage recorded for job " + jobId);
    Poco::JSON::Array::Ptr records = new Poco::JSON::Array;
    for (const auto& r : rows) {
        Poco::JSON::Object::Ptr o = analysis::orderedObject();
        o->set("id", r.id);
        o->set("job_id", r.jobId);
        o->set("created_at", r.createdAt);
        o->set("ai_provider", r.provider);
        o->set("ai_model", r.model);
        o->set("call_type", r.callType);
        o->set("input_tokens", r.inputTokens);
        o->set("output_tokens", r.outputTokens);
        o->set("cache_read_tokens", r.cacheReadTokens);
        o->set("cache_write_tokens", r.cacheWriteTokens);
        o->set("total_tokens", r.inputTokens + r.outputTokens + r.cacheReadTokens + r.cacheWriteTokens);
        o->set("cost_usd", r.costSource == "unknown" ? Poco::Dynamic::Var() : Poco::Dynamic::Var(r.costUsd));
        o->set("cost_source", r.costSource);
        o->set("duration_ms", r.durationMs);
        o->set("prompt_chars", r.promptChars);
        o->set("response_chars", r.responseChars);
        records->add(o);
    }
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("job_id", jobId);
    out->set("records", records);
    ex.sendJson(200, out);
}

/// Runs the check prompt through every configured AI provider. One check at a time:
/// each costs a real (tiny) AI call per provider.
void aiStatus(AppContext& context, Exchange& ex)
{
    requireAdmin(ex, context.access);
    static std::mutex oneAtATime;
    std::unique_lock<std::mutex> lock(oneAtATime, std::try_to_lock);
    if (!lock.owns_lock())
        throw HttpError::retryAfter(429, 10, "An AI status check is already running");
    const auto statuses = analysis::AiStatus::check(context.settings, context.aiLimiter,
                                                    analysis::AiStatus::timeoutFor(context.settings));
    Poco::JSON::Array::Ptr providers = new Poco::JSON::Array;
    bool allReady = !statuses.empty();
    for (const auto& s : statuses) {
        Poco::JSON::Object::Ptr o = analysis::orderedObject();
        o->set("ai_provider", s.provider);
        o->set("ai_model", s.model);
        o->set("command", s.command);
        o->set("tools", s.tools);
        o->set("ready", s.ready);
        o->set("error", s.ready ? Poco::Dynamic::Var() : Poco::Dynamic::Var(s.error));
        o->set("duration_ms", s.durationMs);
        providers->add(o);
        allReady = allReady && s.ready;
    }
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("ready", allReady);
    out->set("providers", providers);
    ex.sendJson(200, out);
}

} // namespace

void registerAdminRoutes(Router& router, AppContext& context)
{
    addRoute(router, context, "POST", "/api/admin/users", createUser, "Create an admin user (returns its API key once)")
        .body("CreateAdminRequest", readNewAdmin).invalidIs400().admin().answers(200, "AdminUserCreated");
    addRoute(router, context, "GET", "/api/admin/users", listUsers, "Tracked users").admin().answers(200, "UserList");
    addRoute(router, context, "DELETE", "/api/admin/users/{username}", deleteUser, "Delete an admin user")
        .admin().answers(200, "UserDeleted").fails({400, 404});
    addRoute(router, context, "PUT", "/api/admin/users/{username}/role", changeRole, "Promote or demote a user")
        .body("ChangeRoleRequest", readRole).invalidIs400().admin().answers(200, "RoleChanged").fails({404});
    addRoute(router, context, "POST", "/api/admin/users/{username}/rotate-key", rotateKey, "Rotate an admin's API key")
        .optionalBody("RotateKeyRequest", readNewKey).invalidIs400().admin().answers(200, "KeyRotated").fails({404});
    addRoute(router, context, "GET", "/api/admin/token-usage", tokenUsage, "AI token usage totals and breakdown")
        .query(readUsageQuery).admin().answers(200, "TokenUsage");
    addRoute(router, context, "GET", "/api/admin/token-usage/summary", tokenUsageSummary, "Token usage today, this week, this month")
        .admin().answers(200, "TokenUsageSummaryReport");
    addRoute(router, context, "GET", "/api/admin/token-usage/{job_id}", tokenUsageForJob, "Token usage records of one job")
        .admin().answers(200, "JobTokenUsage").fails({404});
    addRoute(router, context, "GET", "/api/ai/status", aiStatus, "Run a tiny prompt through each configured AI provider")
        .admin().answers(200, "AiStatus");
}

} // namespace bridge
} // namespace jji
