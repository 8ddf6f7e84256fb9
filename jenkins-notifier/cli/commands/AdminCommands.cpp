// auth login / logout / whoami, admin users ..., admin token-usage.
#include "../CommandSupport.h"
#include "../CommandTree.h"
#include "../SessionStore.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/JSON/Array.h>
#include <Poco/NumberFormatter.h>
#include <Poco/String.h>
#include <Poco/Timespan.h>

#include <iostream>
#include <set>
#include <unistd.h>

namespace jji {
namespace cli {

namespace {

/// The jji_session value and lifetime from the login reply's Set-Cookie.
std::optional<StoredSession> sessionFrom(const Reply& reply, const std::string& username)
{
    for (const auto& cookie : reply.setCookies) {
        if (cookie.rfind("jji_session=", 0) != 0)
            continue;
        StoredSession session;
        session.username = username;
        session.token = cookie.substr(12, cookie.find(';') == std::string::npos ? std::string::npos : cookie.find(';') - 12);
        const std::string lower = Poco::toLower(cookie);
        if (const auto age = lower.find("max-age="); age != std::string::npos) {
            const long long seconds = std::atoll(cookie.c_str() + age + 8);
            session.expires = Poco::DateTimeFormatter::format(Poco::DateTime() + Poco::Timespan(seconds, 0), "%Y-%m-%dT%H:%M:%SZ");
        } else if (const auto at = lower.find("expires="); at != std::string::npos) {
            const std::string when = cookie.substr(at + 8, cookie.find(';', at) == std::string::npos ? std::string::npos : cookie.find(';', at) - at - 8);
            int zone = 0;
            Poco::DateTime parsed;
            if (Poco::DateTimeParser::tryParse(when, parsed, zone))
                session.expires = Poco::DateTimeFormatter::format(parsed, "%Y-%m-%dT%H:%M:%SZ");
        }
        if (!session.token.empty())
            return session;
    }
    return std::nullopt;
}

int login(Invocation& c)
{
    JsonBody body;
    body.set("username", c.args.textOr("username")).set("api_key", c.args.textOr("api-key"));
    const Reply reply = c.http.request("POST", "/api/auth/login", body.str());
    check(reply, {200});
    Poco::JSON::Object::Ptr data = asObject(parseJson(reply.body));
    // The session the server issued is kept (0600), never the key: later commands send it
    // as the jji_session cookie until `auth logout` or its expiry.
    std::optional<StoredSession> session = sessionFrom(reply, member(data, "username", c.args.textOr("username")));
    if (session)
        SessionStore::save(c.connection.url, *session);
    if (c.json) {
        c.out.json(data);
        return 0;
    }
    c.out.line("Logged in as " + member(data, "username", c.args.textOr("username")) + " (role: " + member(data, "role", "user") +
               ", admin: " + member(data, "is_admin", "False") + ")");
    if (session)
        c.out.line("Session saved in " + SessionStore::path() + (session->expires.empty() ? "" : " until " + session->expires));
    return 0;
}

int logout(Invocation& c)
{
    Poco::Dynamic::Var data = call(c, "POST", "/api/auth/logout");
    const bool forgot = SessionStore::remove(c.connection.url);
    if (c.json)
        c.out.json(data);
    else
        c.out.line(forgot ? "Logged out; the stored session is removed." : "Logged out.");
    return 0;
}

int whoami(Invocation& c)
{
    return show(c, call(c, "GET", "/api/auth/me"), {{"username", ""}, {"role", ""}, {"is_admin", ""}});
}

void keyWarning(Invocation& c, const std::string& key)
{
    c.out.line("API Key: " + key);
    c.out.line("");
    c.out.line("\xE2\x9A\xA0\xEF\xB8\x8F  Save this API key now \xE2\x80\x94 it cannot be retrieved later.");
}

int usersList(Invocation& c)
{
    Poco::JSON::Object::Ptr data = asObject(call(c, "GET", "/api/admin/users"));
    if (c.json) {
        c.out.json(data);
        return 0;
    }
    Poco::JSON::Array::Ptr users = data->getArray("users");
    if (!users || users->size() == 0)
        c.out.line("No users found.");
    else
        c.out.table(users, {{"username", ""}, {"role", ""}, {"created_at", "CREATED"}, {"last_seen", "LAST SEEN"}});
    return 0;
}

int usersCreate(Invocation& c)
{
    JsonBody body;
    body.set("username", c.args.argument("USERNAME"));
    Poco::JSON::Object::Ptr data = asObject(call(c, "POST", "/api/admin/users", &body, {200, 201}));
    if (c.json) {
        c.out.json(data);
        return 0;
    }
    c.out.line("Created admin user: " + member(data, "username", c.args.argument("USERNAME")));
    keyWarning(c, member(data, "api_key", "(not returned)"));
    return 0;
}

/// A yes/no question on the terminal (a piped answer is read the same way).
bool confirmed(const std::string& question)
{
    std::cerr << question << " [y/N]: " << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    answer = Poco::toLower(Poco::trim(answer));
    return answer == "y" || answer == "yes";
}

int usersDelete(Invocation& c)
{
    const std::string& name = c.args.argument("USERNAME");
    if (!c.args.flag("force") && !confirmed("Delete admin user '" + name + "'?")) {
        c.err << "Aborted!\n";
        return 1;
    }
    Poco::Dynamic::Var data = call(c, "DELETE", "/api/admin/users/" + segment(name));
    if (c.json)
        c.out.json(data);
    else
        c.out.line("Deleted admin user: " + name);
    return 0;
}

int usersRotateKey(Invocation& c)
{
    Poco::JSON::Object::Ptr data = asObject(call(c, "POST", "/api/admin/users/" + segment(c.args.argument("USERNAME")) + "/rotate-key"));
    if (c.json) {
        c.out.json(data);
        return 0;
    }
    c.out.line("Rotated API key for: " + member(data, "username", c.args.argument("USERNAME")));
    c.out.line("New API Key: " + member(data, "new_api_key", "(not returned)"));
    c.out.line("");
    c.out.line("\xE2\x9A\xA0\xEF\xB8\x8F  Save this API key now \xE2\x80\x94 it cannot be retrieved later.");
    return 0;
}

int usersChangeRole(Invocation& c)
{
    const std::string& role = c.args.argument("ROLE");
    JsonBody body;
    body.set("role", role);
    Poco::JSON::Object::Ptr data = asObject(call(c, "PUT", "/api/admin/users/" + segment(c.args.argument("USERNAME")) + "/role", &body));
    if (c.json) {
        c.out.json(data);
        return 0;
    }
    c.out.line("Changed role of '" + member(data, "username", c.args.argument("USERNAME")) + "' to '" + role + "'");
    if (const std::string key = member(data, "api_key"); !key.empty())
        keyWarning(c, key);
    return 0;
}

std::string dateDaysAgo(int days)
{
    return Poco::DateTimeFormatter::format(Poco::DateTime() - Poco::Timespan(days, 0, 0, 0, 0), "%Y-%m-%d");
}

std::string cost(const Poco::JSON::Object::Ptr& o, const std::string& key, int precision = 2)
{
    if (!o || !o->has(key) || o->get(key).isEmpty())
        return "N/A";
    return "$" + Poco::NumberFormatter::format(o->get(key).convert<double>(), precision);
}

std::string thousands(const Poco::JSON::Object::Ptr& o, const std::string& key)
{
    const long long n = o && o->has(key) && !o->get(key).isEmpty() ? o->get(key).convert<long long>() : 0;
    std::string digits = std::to_string(n < 0 ? -n : n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return (n < 0 ? "-" : "") + out;
}

std::string csvField(const std::string& text)
{
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string out = "\"";
    for (char ch : text)
        out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return out + "\"";
}

/// Rows as CSV: the first row's keys are the header.
void printCsv(Invocation& c, const std::vector<Poco::JSON::Object::Ptr>& rows)
{
    if (rows.empty()) {
        c.err << "No data\n";
        return;
    }
    const std::vector<std::string> keys = rows.front()->getNames();
    std::string header;
    for (const auto& k : keys)
        header += (header.empty() ? "" : ",") + csvField(k);
    c.out.stream() << header << "\r\n";
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < keys.size(); ++i)
            line += (i ? "," : "") + csvField(member(row, keys[i]));
        c.out.stream() << line << "\r\n";
    }
}

std::vector<Poco::JSON::Object::Ptr> objects(const Poco::JSON::Array::Ptr& array)
{
    std::vector<Poco::JSON::Object::Ptr> out;
    for (std::size_t i = 0; array && i < array->size(); ++i)
        out.push_back(array->getObject(static_cast<unsigned>(i)));
    return out;
}

int tokenUsage(Invocation& c)
{
    const std::string format = c.json ? "json" : c.args.textOr("format", "table");
    const std::string period = c.args.textOr("period");
    if (!period.empty() && !std::set<std::string>{"today", "week", "month", "all"}.count(period))
        throw UsageError("Invalid --period: " + period + ". Valid: all, month, today, week");
    if (!std::set<std::string>{"table", "json", "csv"}.count(format))
        throw UsageError("Invalid --format: " + format + ". Valid: csv, json, table");
    if (const std::string job = c.args.textOr("job-id"); !job.empty()) {
        Poco::JSON::Object::Ptr data = asObject(call(c, "GET", "/api/admin/token-usage/" + segment(job)));
        if (format == "json") {
            c.out.json(data);
        } else if (format == "csv") {
            printCsv(c, objects(data->getArray("records")));
        } else {
            c.out.line("Job: " + member(data, "job_id", "N/A"));
            for (const auto& r : objects(data->getArray("records"))) {
                c.out.line("\n  [" + member(r, "call_type") + "] " + member(r, "ai_provider") + "/" + member(r, "ai_model"));
                c.out.line("    Input: " + thousands(r, "input_tokens") + "  Output: " + thousands(r, "output_tokens"));
                c.out.line("    Cost: " + cost(r, "cost_usd", 4) + "  Duration: " + member(r, "duration_ms", "0") + "ms");
            }
        }
        return 0;
    }
    std::string start = c.args.textOr("start-date");
    if (start.empty() && (period == "today" || period == "week" || period == "month"))
        start = dateDaysAgo(period == "today" ? 0 : period == "week" ? 7 : 30);
    const bool filtered = !period.empty() || !start.empty() || c.args.text("end-date") || c.args.text("provider") || c.args.text("model") ||
                          c.args.text("call-type") || c.args.text("group-by");
    if (!filtered) { // the summary dashboard
        Poco::JSON::Object::Ptr data = asObject(call(c, "GET", "/api/admin/token-usage/summary"));
        if (format == "json") {
            c.out.json(data);
        } else if (format == "csv") {
            std::vector<Poco::JSON::Object::Ptr> rows;
            for (const char* name : {"today", "this_week", "this_month"})
                if (Poco::JSON::Object::Ptr p = data->getObject(name)) {
                    Poco::JSON::Object::Ptr row = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
                    row->set("period", std::string(name));
                    for (const auto& k : p->getNames())
                        row->set(k, p->get(k));
                    rows.push_back(row);
                }
            printCsv(c, rows);
        } else {
            for (const auto& [name, label] : std::vector<std::pair<std::string, std::string>>{
                     {"today", "Today"}, {"this_week", "This Week"}, {"this_month", "This Month"}}) {
                Poco::JSON::Object::Ptr p = data->getObject(name);
                c.out.line("\n" + label + ":");
                c.out.line("  Calls: " + member(p, "calls", "0"));
                c.out.line("  Tokens: " + thousands(p, "tokens"));
                c.out.line("  Cost: " + cost(p, "cost_usd"));
            }
            if (auto models = objects(data->getArray("top_models")); !models.empty()) {
                c.out.line("\nTop Models (30 days):");
                for (const auto& m : models)
                    c.out.line("  " + member(m, "model", "unknown") + ": " + member(m, "calls", "0") + " calls, " + cost(m, "cost_usd"));
            }
        }
        return 0;
    }
    const Query query = Query()
                            .add("start_date", start)
                            .add("end_date", c.args.textOr("end-date"))
                            .add("ai_provider", c.args.textOr("provider"))
                            .add("ai_model", c.args.textOr("model"))
                            .add("call_type", c.args.textOr("call-type"))
                            .add("group_by", c.args.textOr("group-by"));
    Poco::JSON::Object::Ptr data = asObject(call(c, "GET", "/api/admin/token-usage" + query.str()));
    if (format == "json") {
        c.out.json(data);
    } else if (format == "csv") {
        auto breakdown = objects(data->getArray("breakdown"));
        if (breakdown.empty()) {
            Poco::JSON::Object::Ptr totals = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            for (const auto& k : data->getNames())
                if (k != "breakdown")
                    totals->set(k, data->get(k));
            breakdown.push_back(totals);
        }
        printCsv(c, breakdown);
    } else {
        c.out.line("Total calls: " + member(data, "total_calls", "0"));
        c.out.line("Input tokens: " + thousands(data, "total_input_tokens"));
        c.out.line("Output tokens: " + thousands(data, "total_output_tokens"));
        c.out.line("Cache read: " + thousands(data, "total_cache_read_tokens"));
        c.out.line("Cache write: " + thousands(data, "total_cache_write_tokens"));
        c.out.line("Cost: " + cost(data, "total_cost_usd"));
        c.out.line("Duration: " + thousands(data, "total_duration_ms") + "ms");
        if (auto breakdown = objects(data->getArray("breakdown")); !breakdown.empty()) {
            c.out.line("\nBreakdown:");
            for (const auto& row : breakdown)
                c.out.line("  " + member(row, "group_key", "N/A") + ": " + member(row, "call_count", "0") + " calls, " + cost(row, "cost_usd") +
                           ", avg " + member(row, "avg_duration_ms", "0") + "ms");
        }
    }
    return 0;
}

} // namespace

void addAdminCommands(CommandTree& tree)
{
    tree.add({{"auth", "login"},
              "Sign in as an admin; the session (not the key) is kept for later commands.",
              {},
              {textOption("username", "u", "Admin username.").must(), textOption("api-key", "k", "Admin API key.").must()},
              login});
    tree.add({{"auth", "logout"}, "Logout (clear admin session).", {}, {}, logout});
    tree.add({{"auth", "whoami"}, "Show current authenticated user info.", {}, {}, whoami});
    tree.add({{"admin", "users", "list"}, "List all users (admin and regular).", {}, {}, usersList});
    tree.add({{"admin", "users", "create"}, "Create a new admin user. The API key is shown once \xE2\x80\x94 save it.", {argument("USERNAME")},
              {}, usersCreate});
    tree.add({{"admin", "users", "delete"}, "Delete an admin user.", {argument("USERNAME")},
              {flagOption("force", "f", "Skip confirmation prompt.")}, usersDelete});
    tree.add({{"admin", "users", "rotate-key"}, "Rotate an admin user's API key. The new key is shown once.", {argument("USERNAME")}, {},
              usersRotateKey});
    tree.add({{"admin", "users", "change-role"}, "Change a user's role. Promoting to admin generates an API key.",
              {argument("USERNAME"), argument("ROLE", "role")}, {}, usersChangeRole});
    tree.add({{"admin", "token-usage"},
              "View AI token usage and costs. Admin only.",
              {},
              {textOption("period", "", "Period: today, week, month, all").completing("period"),
               textOption("start-date", "", "Start date (YYYY-MM-DD)"), textOption("end-date", "", "End date (YYYY-MM-DD)"),
               textOption("provider", "", "Filter by AI provider").completing("provider"), textOption("model", "", "Filter by AI model"),
               textOption("call-type", "", "Filter by call type"),
               textOption("group-by", "", "Group by: provider, model, call_type, day, week, month, job").completing("group-by"),
               textOption("job-id", "", "Get usage for specific job").completing("job-id"),
               textOption("format", "", "Output format: table, json, csv").byDefault("table").completing("format")},
              tokenUsage});
}

} // namespace cli
} // namespace jji
