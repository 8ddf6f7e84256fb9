// Identity and admin side end to end: admin login sessions, admin users and their
// keys, the allow list, saved tracker tokens, mentions and token-usage reports.
#include "jji/test/ServerProcess.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Array.h>
#include <Poco/String.h>
#include <Poco/Timespan.h>

#include <tuple>
#include <vector>

#include <cppunit/extensions/HelperMacros.h>


using jji::test::HttpResponse;
using jji::test::ServerProcess;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

const std::string kAdminKey = "bootstrap-admin-key-0123456789abcdef";

std::map<std::string, std::string> bearer(const std::string& key)
{
    return {{"Authorization", "Bearer " + key}};
}

std::map<std::string, std::string> as(const std::string& user)
{
    return {{"Cookie", "jji_username=" + user}};
}

/// The value of cookie `name` in a Set-Cookie list, and that header's full text.
std::string cookieHeader(const HttpResponse& r, const std::string& name)
{
    for (const auto& c : r.setCookies)
        if (c.rfind(name + "=", 0) == 0)
            return c;
    return "";
}

std::string cookieValue(const HttpResponse& r, const std::string& name)
{
    const std::string header = cookieHeader(r, name);
    const auto end = header.find(';');
    return header.substr(name.size() + 1, end == std::string::npos ? std::string::npos : end - name.size() - 1);
}

} // namespace

class UsersAdminTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(UsersAdminTest);
    CPPUNIT_TEST(loginSessionAndIdentity);
    CPPUNIT_TEST(adminUsersAndKeys);
    CPPUNIT_TEST(rolesAndSessionInvalidation);
    CPPUNIT_TEST(allowListGuardsWrites);
    CPPUNIT_TEST(allowListGuardsEveryAiAndTrackerEndpoint);
    CPPUNIT_TEST(ssoProxyUserIsTheCaller);
    CPPUNIT_TEST(readersAreKnownUsers);
    CPPUNIT_TEST(savedTokensAreSealed);
    CPPUNIT_TEST(mentions);
    CPPUNIT_TEST(tokenUsageReports);
    CPPUNIT_TEST(guessingIsThrottledAndKeysNeverLogged);
    CPPUNIT_TEST(loggedTextIsEscaped);
    CPPUNIT_TEST_SUITE_END();

    std::unique_ptr<ServerProcess> _server;

    void start(std::map<std::string, std::string> extra = {})
    {
        std::map<std::string, std::string> env{{"ADMIN_KEY", kAdminKey}, {"AI_PROVIDER", "claude"}, {"AI_MODEL", "m"},
                                               {"JJI_AI_COMMAND_CLAUDE", jji::test::fakesDir() + "/fake-ai-cli"}};
        for (const auto& [k, v] : extra)
            env[k] = v;
        _server.reset();
        _server = std::make_unique<ServerProcess>(ServerProcess::Options{env, {}});
    }

    const jji::test::HttpClient& http() const { return _server->http(); }

    HttpResponse post(const std::string& path, const std::string& body, std::map<std::string, std::string> headers = {}) const
    {
        return http().postJson(path, body, headers);
    }

    HttpResponse send(const std::string& method, const std::string& path, const std::string& body,
                      std::map<std::string, std::string> headers = {}) const
    {
        headers["Content-Type"] = "application/json";
        return http().request(method, path, body, headers);
    }

    Object::Ptr me(const std::map<std::string, std::string>& headers) const { return http().get("/api/auth/me", headers).json(); }

    std::string createAdmin(const std::string& name) const
    {
        HttpResponse r = post("/api/admin/users", R"({"username":")" + name + "\"}", bearer(kAdminKey));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        CPPUNIT_ASSERT_EQUAL(std::string("no-store"), r.header("Cache-Control"));
        return r.json()->getValue<std::string>("api_key");
    }

    std::string login(const std::string& user, const std::string& key) const
    {
        HttpResponse r = post("/api/auth/login", R"({"username":")" + user + R"(","api_key":")" + key + "\"}");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        return cookieValue(r, "jji_session");
    }

    std::string directJob(const std::map<std::string, std::string>& headers = {}) const
    {
        HttpResponse r = post("/analyze-failures", R"({"failures":[{"test_name":"t.a","error_message":"AssertionError: x"}]})", headers);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        return r.json()->getValue<std::string>("job_id");
    }

public:
    void setUp() override { start(); }
    void tearDown() override { _server.reset(); }

    void loginSessionAndIdentity()
    {
        Object::Ptr nobody = me({});
        CPPUNIT_ASSERT_EQUAL(std::string(""), nobody->getValue<std::string>("username"));
        CPPUNIT_ASSERT_EQUAL(std::string("user"), nobody->getValue<std::string>("role"));
        CPPUNIT_ASSERT_EQUAL(false, nobody->getValue<bool>("is_admin"));
        CPPUNIT_ASSERT_EQUAL(std::string("alice"), me(as("alice"))->getValue<std::string>("username"));
        CPPUNIT_ASSERT_EQUAL(false, me(as("alice"))->getValue<bool>("is_admin"));
        CPPUNIT_ASSERT_EQUAL(true, me(bearer(kAdminKey))->getValue<bool>("is_admin"));

        CPPUNIT_ASSERT_EQUAL(401, post("/api/auth/login", R"({"username":"admin","api_key":"wrong-key-abcdefgh"})").status);
        CPPUNIT_ASSERT_EQUAL(401, post("/api/auth/login", R"({"username":"ghost","api_key":"whatever-key-123456"})").status);
        CPPUNIT_ASSERT_EQUAL(400, post("/api/auth/login", R"({"username":"admin"})").status);
        CPPUNIT_ASSERT_EQUAL(400, post("/api/auth/login", "{broken").status);

        HttpResponse ok = post("/api/auth/login", R"({"username":"admin","api_key":")" + kAdminKey + "\"}");
        CPPUNIT_ASSERT_EQUAL(200, ok.status);
        CPPUNIT_ASSERT_EQUAL(true, ok.json()->getValue<bool>("is_admin"));
        const std::string session = cookieHeader(ok, "jji_session");
        for (const char* attribute : {"httponly", "samesite=strict", "secure", "path=/", "expires="})
            CPPUNIT_ASSERT_MESSAGE(session + " lacks " + attribute, Poco::toLower(session).find(attribute) != std::string::npos);
        CPPUNIT_ASSERT(cookieValue(ok, "jji_session").size() >= 40);
        CPPUNIT_ASSERT_EQUAL(std::string("admin"), cookieValue(ok, "jji_username"));
        const auto withSession = std::map<std::string, std::string>{{"Cookie", "jji_session=" + cookieValue(ok, "jji_session")}};
        CPPUNIT_ASSERT_EQUAL(true, me(withSession)->getValue<bool>("is_admin"));
        CPPUNIT_ASSERT_EQUAL(200, http().get("/api/admin/users", withSession).status);

        HttpResponse out = post("/api/auth/logout", "", withSession);
        CPPUNIT_ASSERT_EQUAL(200, out.status);
        CPPUNIT_ASSERT_EQUAL(true, out.json()->getValue<bool>("ok"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), cookieValue(out, "jji_session")); // cleared
        CPPUNIT_ASSERT_EQUAL(false, me(withSession)->getValue<bool>("is_admin")); // the session is gone server-side too

        start({{"SECURE_COOKIES", "false"}, {"JJI_SESSION_DAYS", "2"}});
        HttpResponse plain = post("/api/auth/login", R"({"username":"admin","api_key":")" + kAdminKey + "\"}");
        CPPUNIT_ASSERT(Poco::toLower(cookieHeader(plain, "jji_session")).find("secure") == std::string::npos);
        Poco::DateTime inTwoDays;
        inTwoDays += Poco::Timespan(2, 0, 0, 0, 0);
        const std::string expires = Poco::DateTimeFormatter::format(inTwoDays, "%d %b %Y");
        CPPUNIT_ASSERT_MESSAGE(cookieHeader(plain, "jji_session"), cookieHeader(plain, "jji_session").find(expires) != std::string::npos);
    }

    void adminUsersAndKeys()
    {
        CPPUNIT_ASSERT_EQUAL(403, post("/api/admin/users", R"({"username":"x1"})").status);
        CPPUNIT_ASSERT_EQUAL(403, post("/api/admin/users", R"({"username":"x1"})", bearer("not-the-key")).status);
        for (const char* bad : {"a", "-lead", "has space", "admin", "012345678901234567890123456789012345678901234567890"})
            CPPUNIT_ASSERT_EQUAL_MESSAGE(bad, 400, post("/api/admin/users", R"({"username":")" + std::string(bad) + "\"}", bearer(kAdminKey)).status);
        CPPUNIT_ASSERT_EQUAL(400, post("/api/admin/users", "[1]", bearer(kAdminKey)).status);

        const std::string key = createAdmin("rel-manager");
        CPPUNIT_ASSERT(key.rfind("jji_", 0) == 0 && key.size() >= 40);
        CPPUNIT_ASSERT_EQUAL(400, post("/api/admin/users", R"({"username":"rel-manager"})", bearer(kAdminKey)).status);
        CPPUNIT_ASSERT_EQUAL(true, me(bearer(key))->getValue<bool>("is_admin")); // the new key works as a bearer
        CPPUNIT_ASSERT_EQUAL(std::string("rel-manager"), me(bearer(key))->getValue<std::string>("username"));
        // Only a salted hash is stored.
        CPPUNIT_ASSERT(!jji::test::anyFileContains(_server->dataDir(), key));
        CPPUNIT_ASSERT(!jji::test::anyFileContains(_server->dataDir(), key.substr(4)));

        Array::Ptr users = http().get("/api/admin/users", bearer(key)).json()->getArray("users");
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(users->size()));
        Object::Ptr row = users->getObject(0);
        for (const char* field : {"id", "username", "role", "created_at", "last_seen"})
            CPPUNIT_ASSERT_MESSAGE(field, row->has(field));
        CPPUNIT_ASSERT(!row->has("api_key_hash"));

        // Rotation: the old key and its sessions stop working.
        const std::string session = login("rel-manager", key);
        HttpResponse rotated = post("/api/admin/users/rel-manager/rotate-key", "", bearer(kAdminKey));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(rotated.body, 200, rotated.status);
        CPPUNIT_ASSERT_EQUAL(std::string("no-store"), rotated.header("Cache-Control"));
        const std::string newKey = rotated.json()->getValue<std::string>("new_api_key");
        CPPUNIT_ASSERT_EQUAL(401, post("/api/auth/login", R"({"username":"rel-manager","api_key":")" + key + "\"}").status);
        CPPUNIT_ASSERT_EQUAL(false, me({{"Cookie", "jji_session=" + session}})->getValue<bool>("is_admin"));
        CPPUNIT_ASSERT_EQUAL(true, me(bearer(newKey))->getValue<bool>("is_admin"));
        CPPUNIT_ASSERT_EQUAL(400, post("/api/admin/users/rel-manager/rotate-key", R"({"new_key":"too-short"})", bearer(kAdminKey)).status);
        CPPUNIT_ASSERT_EQUAL(400, post("/api/admin/users/rel-manager/rotate-key", "[]", bearer(kAdminKey)).status);
        CPPUNIT_ASSERT_EQUAL(200, post("/api/admin/users/rel-manager/rotate-key", R"({"new_key":"a-custom-admin-key-123"})",
                                       bearer(kAdminKey)).status);
        CPPUNIT_ASSERT_EQUAL(true, me(bearer("a-custom-admin-key-123"))->getValue<bool>("is_admin"));
        CPPUNIT_ASSERT_EQUAL(404, post("/api/admin/users/nobody/rotate-key", "", bearer(kAdminKey)).status);

        // Deleting: not oneself, not the last admin, 404 for unknown.
        createAdmin("second");
        CPPUNIT_ASSERT_EQUAL(400, send("DELETE", "/api/admin/users/rel-manager", "", bearer("a-custom-admin-key-123")).status);
        CPPUNIT_ASSERT_EQUAL(404, send("DELETE", "/api/admin/users/nobody", "", bearer(kAdminKey)).status);
        HttpResponse deleted = send("DELETE", "/api/admin/users/second", "", bearer(kAdminKey));
        CPPUNIT_ASSERT_EQUAL(200, deleted.status);
        CPPUNIT_ASSERT_EQUAL(std::string("second"), deleted.json()->getValue<std::string>("deleted"));
        CPPUNIT_ASSERT_EQUAL(400, send("DELETE", "/api/admin/users/rel-manager", "", bearer(kAdminKey)).status); // the last one
    }

    void rolesAndSessionInvalidation()
    {
        http().get("/api/users/mentions/unread-count", as("alice")); // tracked by acting with a username
        const std::string adminKey = createAdmin("ops");
        HttpResponse promoted = send("PUT", "/api/admin/users/alice/role", R"({"role":"admin"})", bearer(kAdminKey));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(promoted.body, 200, promoted.status);
        const std::string aliceKey = promoted.json()->getValue<std::string>("api_key");
        CPPUNIT_ASSERT_EQUAL(std::string("admin"), promoted.json()->getValue<std::string>("role"));
        const std::string session = login("alice", aliceKey);
        const auto withSession = std::map<std::string, std::string>{{"Cookie", "jji_session=" + session}};
        CPPUNIT_ASSERT_EQUAL(200, http().get("/api/admin/users", withSession).status);

        CPPUNIT_ASSERT_EQUAL(400, send("PUT", "/api/admin/users/alice/role", R"({"role":"admin"})", bearer(kAdminKey)).status); // same
        CPPUNIT_ASSERT_EQUAL(400, send("PUT", "/api/admin/users/alice/role", R"({"role":"root"})", bearer(kAdminKey)).status);
        CPPUNIT_ASSERT_EQUAL(400, send("PUT", "/api/admin/users/admin/role", R"({"role":"user"})", bearer(kAdminKey)).status);
        CPPUNIT_ASSERT_EQUAL(400, send("PUT", "/api/admin/users/ops/role", R"({"role":"user"})", bearer(adminKey)).status); // self
        CPPUNIT_ASSERT_EQUAL(404, send("PUT", "/api/admin/users/nobody/role", R"({"role":"admin"})", bearer(kAdminKey)).status);
        CPPUNIT_ASSERT_EQUAL(403, send("PUT", "/api/admin/users/alice/role", R"({"role":"user"})", as("alice")).status);

        // A demoted admin's session and key stop working at once.
        CPPUNIT_ASSERT_EQUAL(200, send("PUT", "/api/admin/users/alice/role", R"({"role":"user"})", bearer(adminKey)).status);
        CPPUNIT_ASSERT_EQUAL(403, http().get("/api/admin/users", withSession).status);
        CPPUNIT_ASSERT_EQUAL(403, http().get("/api/admin/users", bearer(aliceKey)).status);
        CPPUNIT_ASSERT_EQUAL(false, me(withSession)->getValue<bool>("is_admin"));
        // ops is now the only admin user: it cannot be demoted by the bootstrap key either.
        CPPUNIT_ASSERT_EQUAL(400, send("PUT", "/api/admin/users/ops/role", R"({"role":"user"})", bearer(kAdminKey)).status);
    }

    void allowListGuardsWrites()
    {
        start({{"ALLOWED_USERS", "alice, carol"}});
        const std::string id = directJob(as("alice"));
        const std::string body = R"({"test_name":"t.a","comment":"hi"})";
        CPPUNIT_ASSERT_EQUAL(201, post("/results/" + id + "/comments", body, as("alice")).status);
        CPPUNIT_ASSERT_EQUAL(201, post("/results/" + id + "/comments", body, as("Alice")).status); // names without case
        HttpResponse bob = post("/results/" + id + "/comments", body, as("bob"));
        CPPUNIT_ASSERT_EQUAL(403, bob.status);
        CPPUNIT_ASSERT_EQUAL(std::string("User not allowed. Contact an administrator to be added to the allow list."),
                             bob.json()->getValue<std::string>("detail"));
        CPPUNIT_ASSERT_EQUAL(403, post("/results/" + id + "/comments", body).status);
        CPPUNIT_ASSERT_EQUAL(201, post("/results/" + id + "/comments", body, bearer(kAdminKey)).status);
        CPPUNIT_ASSERT_EQUAL(403, send("PUT", "/results/" + id + "/reviewed", R"({"test_name":"t.a","reviewed":true})", as("bob")).status);
        CPPUNIT_ASSERT_EQUAL(403, post("/history/classify", R"({"test_name":"t.a","classification":"FLAKY","job_id":")" + id + "\"}", as("bob")).status);
        CPPUNIT_ASSERT_EQUAL(403, http().get("/api/users/mentions/unread-count", as("bob")).status);
        CPPUNIT_ASSERT_EQUAL(200, http().get("/api/users/mentions/unread-count", as("carol")).status);
        CPPUNIT_ASSERT_EQUAL(200, http().get("/results/" + id).status); // reads stay open
    }

    /// Every endpoint that spends AI calls or acts on a tracker refuses an unlisted user (and one
    /// without a name) with 403 before any other answer of its own.
    void allowListGuardsEveryAiAndTrackerEndpoint()
    {
        start({{"ALLOWED_USERS", "alice"}, {"JENKINS_URL", "http://127.0.0.1:9"}});
        const std::string id = directJob(as("alice"));
        const std::string r = "/results/" + id;
        const std::string issue = R"({"test_name":"t.a"})";
        const std::vector<std::tuple<std::string, std::string, std::string>> calls = {
            {"POST", "/analyze", R"({"job_name":"app","build_number":1})"},
            {"POST", "/analyze-failures", R"({"failures":[{"test_name":"t.b","error_message":"E"}]})"},
            {"POST", "/re-analyze/" + id, "{}"},
            {"POST", r + "/enrich-comments", ""},
            {"POST", r + "/push-reportportal", ""}, // not configured: 400 only for listed users
            {"GET", r + "/issue-prompt", ""},
            {"POST", r + "/preview-github-issue", issue},
            {"POST", r + "/preview-jira-bug", issue},
            {"POST", r + "/create-github-issue", R"({"test_name":"t.a","title":"T","body":"B"})"},
            {"POST", r + "/create-jira-bug", R"({"test_name":"t.a","title":"T","body":"B"})"},
            {"PUT", r + "/override-classification", R"({"test_name":"t.a","classification":"PRODUCT BUG"})"},
            {"PUT", r + "/reviewed", R"({"test_name":"t.a","reviewed":true})"},
            {"POST", r + "/comments", R"({"test_name":"t.a","comment":"x"})"},
            {"DELETE", r + "/comments/1", ""},
            {"POST", "/history/classify", R"({"test_name":" ","classification":"FLAKY","job_id":")" + id + "\"}"},
        };
        for (const auto& [method, path, body] : calls) {
            for (const auto& who : {as("bob"), std::map<std::string, std::string>{}}) {
                HttpResponse refused = send(method, path, body, who);
                CPPUNIT_ASSERT_EQUAL_MESSAGE(method + " " + path + ": " + refused.body, 403, refused.status);
                CPPUNIT_ASSERT_MESSAGE(refused.body, refused.body.find("allow list") != std::string::npos);
            }
        }
        // The listed user gets past the list to each endpoint's own answers.
        CPPUNIT_ASSERT_EQUAL(400, send("POST", r + "/push-reportportal", "", as("alice")).status);
        CPPUNIT_ASSERT_EQUAL(400, send("POST", "/history/classify", std::get<2>(calls.back()), as("alice")).status);
        CPPUNIT_ASSERT_EQUAL(200, send("GET", r + "/issue-prompt", "", as("alice")).status);
        CPPUNIT_ASSERT_EQUAL(200, send("POST", "/analyze-failures", std::get<2>(calls[1]), as("alice")).status);
        CPPUNIT_ASSERT_EQUAL(200, send("POST", r + "/enrich-comments", "", bearer(kAdminKey)).status); // admins pass
    }

    /// Behind an SSO proxy (TRUST_PROXY_HEADERS=true) X-Forwarded-User names the caller: the
    /// allow list, comments and /api/auth/me see them, and the web UI gets their cookie.
    void ssoProxyUserIsTheCaller()
    {
        start({{"ALLOWED_USERS", "carol"}, {"TRUST_PROXY_HEADERS", "true"}, {"SECURE_COOKIES", "false"}});
        const std::map<std::string, std::string> carol{{"X-Forwarded-User", "carol"}};
        HttpResponse who = http().get("/api/auth/me", carol);
        CPPUNIT_ASSERT_EQUAL(std::string("carol"), who.json()->getValue<std::string>("username"));
        CPPUNIT_ASSERT_EQUAL(false, who.json()->getValue<bool>("is_admin"));
        CPPUNIT_ASSERT_EQUAL(std::string("carol"), cookieValue(who, "jji_username"));
        const std::string id = directJob(carol);
        HttpResponse c = post("/results/" + id + "/comments", R"({"test_name":"t.a","comment":"seen"})", carol);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(c.body, 201, c.status);
        Object::Ptr comment = http().get("/results/" + id + "/comments").json()->getArray("comments")->getObject(0);
        CPPUNIT_ASSERT_EQUAL(std::string("carol"), comment->getValue<std::string>("username"));
        // The proxy's name wins over a cookie; a proxy cannot make anyone the admin.
        std::map<std::string, std::string> both = carol;
        both["Cookie"] = "jji_username=mallory";
        CPPUNIT_ASSERT_EQUAL(std::string("carol"), me(both)->getValue<std::string>("username"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), me({{"X-Forwarded-User", "admin"}})->getValue<std::string>("username"));
        CPPUNIT_ASSERT_EQUAL(403, post("/results/" + id + "/comments", R"({"test_name":"t.a","comment":"x"})",
                                       {{"X-Forwarded-User", "dave"}}).status);
        // A proxy user opening the username page is sent on: the proxy already named them.
        HttpResponse reg = http().get("/register", {{"X-Forwarded-User", "carol"}, {"Accept", "text/html"}});
        CPPUNIT_ASSERT_EQUAL(303, reg.status);
        CPPUNIT_ASSERT_EQUAL(std::string("/"), reg.header("Location"));

        // Without the setting the header is only a header.
        start({{"ALLOWED_USERS", "carol"}});
        CPPUNIT_ASSERT_EQUAL(std::string(""), me(carol)->getValue<std::string>("username"));
        CPPUNIT_ASSERT_EQUAL(403, post("/analyze-failures", R"({"failures":[{"test_name":"t","error_message":"E"}]})", carol).status);
    }

    /// Anyone with a username is a known user from their first request, as in the original:
    /// a reader can save tokens, and a mention written before someone's first visit reaches them.
    void readersAreKnownUsers()
    {
        const std::string id = directJob();
        HttpResponse c = post("/results/" + id + "/comments", R"({"test_name":"t.a","comment":"@erin have a look"})", as("alice"));
        CPPUNIT_ASSERT_EQUAL(201, c.status);
        // erin's very first request saves her tokens.
        CPPUNIT_ASSERT_EQUAL(200, send("PUT", "/api/user/tokens", R"({"github_token":"ghp_erinsOWNtoken1"})", as("erin")).status);
        CPPUNIT_ASSERT_EQUAL(true, http().get("/api/user/tokens", as("erin")).json()->getValue<bool>("has_github_token"));
        Object::Ptr mentions = http().get("/api/users/mentions", as("erin")).json();
        CPPUNIT_ASSERT_EQUAL(1, mentions->getValue<int>("total"));
        CPPUNIT_ASSERT_EQUAL(c.json()->getValue<long long>("id"), mentions->getArray("mentions")->getObject(0)->getValue<long long>("id"));
        // A page read is enough to be listed.
        http().get("/api/capabilities", as("frank"));
        Array::Ptr users = http().get("/api/admin/users", bearer(kAdminKey)).json()->getArray("users");
        bool frank = false;
        for (std::size_t i = 0; i < users->size(); ++i)
            frank = frank || users->getObject(i)->getValue<std::string>("username") == "frank";
        CPPUNIT_ASSERT(frank);
        // "admin" in the cookie is nobody: it takes the key or a session.
        CPPUNIT_ASSERT_EQUAL(std::string(""), me(as("admin"))->getValue<std::string>("username"));
    }

    void savedTokensAreSealed()
    {
        http().get("/api/users/mentions/unread-count", as("alice")); // alice acts once, so the database knows her
        CPPUNIT_ASSERT_EQUAL(401, http().get("/api/user/tokens").status);
        CPPUNIT_ASSERT_EQUAL(401, send("PUT", "/api/user/tokens", R"({"github_token":"x"})").status);
        HttpResponse empty = http().get("/api/user/tokens", as("alice"));
        CPPUNIT_ASSERT_EQUAL(200, empty.status);
        CPPUNIT_ASSERT_EQUAL(std::string("no-store"), empty.header("Cache-Control"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), empty.json()->getValue<std::string>("github_token"));

        CPPUNIT_ASSERT_EQUAL(200, send("PUT", "/api/user/tokens",
                                       R"({"github_token":"ghp_SECRETsecret123","jira_email":"alice@acme.io","jira_token":"JIRASECRET987"})",
                                       as("alice")).status);
        CPPUNIT_ASSERT_EQUAL(200, send("PUT", "/api/user/tokens", R"({"github_token":"","jira_email":"alice@acme.io"})", as("alice")).status);
        // Write-only: anyone can send alice's cookie, so the tokens never come back, only hints.
        HttpResponse read = http().get("/api/user/tokens", as("alice"));
        CPPUNIT_ASSERT(read.body.find("SECRET") == std::string::npos);
        Object::Ptr saved = read.json();
        CPPUNIT_ASSERT_EQUAL(std::string(""), saved->getValue<std::string>("github_token"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), saved->getValue<std::string>("jira_token"));
        CPPUNIT_ASSERT_EQUAL(std::string("alice@acme.io"), saved->getValue<std::string>("jira_email"));
        CPPUNIT_ASSERT_EQUAL(true, saved->getValue<bool>("has_github_token")); // the blank PUT kept it
        CPPUNIT_ASSERT_EQUAL(std::string("ghp_\u2026123"), saved->getValue<std::string>("github_token_hint"));
        CPPUNIT_ASSERT_EQUAL(true, saved->getValue<bool>("has_jira_token"));
        CPPUNIT_ASSERT_EQUAL(std::string("JIRA\u2026987"), saved->getValue<std::string>("jira_token_hint"));
        Object::Ptr bobs = http().get("/api/user/tokens", as("bob")).json();
        CPPUNIT_ASSERT_EQUAL(false, bobs->getValue<bool>("has_github_token"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), bobs->getValue<std::string>("github_token_hint"));
        // A cookie alone cannot swap a saved token for its own (issues would be filed as alice).
        HttpResponse swap = send("PUT", "/api/user/tokens", R"({"github_token":"ghp_ATTACKER"})", as("alice"));
        CPPUNIT_ASSERT_EQUAL(403, swap.status);
        CPPUNIT_ASSERT(swap.body.find("signed-in session") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::string("ghp_\u2026123"), http().get("/api/user/tokens", as("alice")).json()->getValue<std::string>("github_token_hint"));
        http().get("/api/users/mentions/unread-count", as("bob"));
        CPPUNIT_ASSERT_EQUAL(200, send("PUT", "/api/user/tokens", R"({"github_token":"ghp_bobsOWNtoken1"})", as("bob")).status); // unset: may be set
        // An admin account's tokens are not served on the strength of a cookie alone.
        createAdmin("ops");
        CPPUNIT_ASSERT_EQUAL(401, http().get("/api/user/tokens", as("ops")).status);
        CPPUNIT_ASSERT(!jji::test::anyFileContains(_server->dataDir(), "ghp_SECRETsecret123"));
        CPPUNIT_ASSERT(!jji::test::anyFileContains(_server->dataDir(), "JIRASECRET987"));
        CPPUNIT_ASSERT(_server->log().find("ghp_SECRET") == std::string::npos);

        CPPUNIT_ASSERT_EQUAL(400, send("PUT", "/api/user/tokens", "[1,2]", as("alice")).status);
        // A username that cannot be tracked (invalid) is unknown to the database.
        CPPUNIT_ASSERT_EQUAL(404, send("PUT", "/api/user/tokens", R"({"github_token":"x"})", as("x")).status);
    }

    void mentions()
    {
        const std::string id = directJob();
        http().get("/api/users/mentions/unread-count", as("bob"));
        http().get("/api/users/mentions/unread-count", as("carol"));
        HttpResponse c = post("/results/" + id + "/comments", R"({"test_name":"t.a","comment":"@bob please look, cc @carol. mail me at a@b.com @alice"})", as("alice"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(c.body, 201, c.status);
        const long long commentId = c.json()->getValue<long long>("id");

        Object::Ptr bobs = http().get("/api/users/mentions", as("bob")).json();
        CPPUNIT_ASSERT_EQUAL(1, bobs->getValue<int>("total"));
        CPPUNIT_ASSERT_EQUAL(1, bobs->getValue<int>("unread_count"));
        Object::Ptr m = bobs->getArray("mentions")->getObject(0);
        CPPUNIT_ASSERT_EQUAL(commentId, m->getValue<long long>("id"));
        CPPUNIT_ASSERT_EQUAL(std::string("alice"), m->getValue<std::string>("username"));
        CPPUNIT_ASSERT_EQUAL(false, m->getValue<bool>("is_read"));
        for (const char* field : {"job_id", "test_name", "child_job_name", "child_build_number", "comment", "created_at"})
            CPPUNIT_ASSERT_MESSAGE(field, m->has(field));
        CPPUNIT_ASSERT_EQUAL(1, http().get("/api/users/mentions/unread-count", as("carol")).json()->getValue<int>("count"));
        CPPUNIT_ASSERT_EQUAL(0, http().get("/api/users/mentions/unread-count", as("alice")).json()->getValue<int>("count")); // no self-mention
        CPPUNIT_ASSERT_EQUAL(0, http().get("/api/users/mentions/unread-count", as("b.com")).json()->getValue<int>("count"));

        CPPUNIT_ASSERT_EQUAL(200, post("/api/users/mentions/read", R"({"comment_ids":[)" + std::to_string(commentId) + "]}", as("bob")).status);
        CPPUNIT_ASSERT_EQUAL(0, http().get("/api/users/mentions/unread-count", as("bob")).json()->getValue<int>("count"));
        CPPUNIT_ASSERT_EQUAL(1, http().get("/api/users/mentions", as("bob")).json()->getValue<int>("total"));
        CPPUNIT_ASSERT_EQUAL(0, http().get("/api/users/mentions?unread_only=yes", as("bob")).json()->getValue<int>("total"));
        for (const char* bad : {R"({})", R"({"comment_ids":[]})", R"({"comment_ids":["1"]})", R"({"comment_ids":[true]})"})
            CPPUNIT_ASSERT_EQUAL_MESSAGE(bad, 400, post("/api/users/mentions/read", bad, as("bob")).status);
        HttpResponse all = post("/api/users/mentions/read-all", "", as("carol"));
        CPPUNIT_ASSERT_EQUAL(1, all.json()->getValue<int>("marked_read"));

        CPPUNIT_ASSERT_EQUAL(200, http().get("/api/users/mentions?limit=5000&offset=-3", as("bob")).status); // clamped
        CPPUNIT_ASSERT_EQUAL(400, http().get("/api/users/mentions?limit=abc", as("bob")).status);
        CPPUNIT_ASSERT_EQUAL(401, http().get("/api/users/mentions").status);
        Array::Ptr names = http().get("/api/users/mentionable", as("bob")).json()->getArray("usernames");
        CPPUNIT_ASSERT_EQUAL(4u, static_cast<unsigned>(names->size())); // alice, bob, carol and b.com, who acted above
        CPPUNIT_ASSERT_EQUAL(401, http().get("/api/users/mentionable").status);
    }

    void tokenUsageReports()
    {
        const std::string id = directJob();
        CPPUNIT_ASSERT_EQUAL(403, http().get("/api/admin/token-usage").status);
        Object::Ptr totals = http().get("/api/admin/token-usage", bearer(kAdminKey)).json();
        CPPUNIT_ASSERT_EQUAL(1, totals->getValue<int>("total_calls"));
        CPPUNIT_ASSERT_EQUAL(1200, totals->getValue<int>("total_input_tokens")); // what the fake claude reports
        CPPUNIT_ASSERT_EQUAL(0u, static_cast<unsigned>(totals->getArray("breakdown")->size()));
        for (const char* field : {"total_output_tokens", "total_cache_read_tokens", "total_cache_write_tokens", "total_cost_usd",
                                  "total_duration_ms"})
            CPPUNIT_ASSERT_MESSAGE(field, totals->has(field));

        Object::Ptr byProvider = http().get("/api/admin/token-usage?group_by=provider", bearer(kAdminKey)).json();
        Object::Ptr group = byProvider->getArray("breakdown")->getObject(0);
        CPPUNIT_ASSERT_EQUAL(std::string("claude"), group->getValue<std::string>("group_key"));
        CPPUNIT_ASSERT_EQUAL(1, group->getValue<int>("call_count"));
        for (const char* g : {"model", "call_type", "day", "week", "month", "job"})
            CPPUNIT_ASSERT_EQUAL_MESSAGE(g, 200, http().get(std::string("/api/admin/token-usage?group_by=") + g, bearer(kAdminKey)).status);
        CPPUNIT_ASSERT_EQUAL(422, http().get("/api/admin/token-usage?group_by=year", bearer(kAdminKey)).status);
        CPPUNIT_ASSERT_EQUAL(422, http().get("/api/admin/token-usage?start_date=yesterday", bearer(kAdminKey)).status);

        const std::string today = http().get("/results/" + id).json()->getValue<std::string>("created_at").substr(0, 10);
        CPPUNIT_ASSERT_EQUAL(1, http().get("/api/admin/token-usage?end_date=" + today, bearer(kAdminKey)).json()->getValue<int>("total_calls"));
        CPPUNIT_ASSERT_EQUAL(0, http().get("/api/admin/token-usage?ai_provider=gemini", bearer(kAdminKey)).json()->getValue<int>("total_calls"));
        CPPUNIT_ASSERT_EQUAL(0, http().get("/api/admin/token-usage?start_date=2999-01-01", bearer(kAdminKey)).json()->getValue<int>("total_calls"));

        Object::Ptr summary = http().get("/api/admin/token-usage/summary", bearer(kAdminKey)).json();
        CPPUNIT_ASSERT_EQUAL(1, summary->getObject("today")->getValue<int>("calls"));
        CPPUNIT_ASSERT_EQUAL(1, summary->getObject("this_month")->getValue<int>("calls"));
        CPPUNIT_ASSERT_EQUAL(id, summary->getArray("top_jobs")->getObject(0)->getValue<std::string>("job_id"));
        CPPUNIT_ASSERT_EQUAL(std::string("m"), summary->getArray("top_models")->getObject(0)->getValue<std::string>("model"));

        Object::Ptr records = http().get("/api/admin/token-usage/" + id, bearer(kAdminKey)).json();
        Object::Ptr record = records->getArray("records")->getObject(0);
        CPPUNIT_ASSERT(record->getValue<int>("prompt_chars") > 100);
        CPPUNIT_ASSERT(record->getValue<int>("response_chars") > 10);
        CPPUNIT_ASSERT_EQUAL(1650, record->getValue<int>("total_tokens"));
        CPPUNIT_ASSERT_EQUAL(404, http().get("/api/admin/token-usage/unknown-job", bearer(kAdminKey)).status);
    }

    void guessingIsThrottledAndKeysNeverLogged()
    {
        const std::string opsKey = createAdmin("ops");
        // JJI_AUTH_FAILURES_PER_MINUTE defaults to 10 per client address (and per username).
        int refused = 0;
        for (int i = 0; i < 25; ++i) {
            const std::string wrong = "WRONGKEY" + std::to_string(1000 + i) + "xyz";
            HttpResponse r = post("/api/auth/login", R"({"username":"ops","api_key":")" + wrong + "\"}");
            if (i < 10) {
                CPPUNIT_ASSERT_EQUAL(401, r.status);
                continue;
            }
            CPPUNIT_ASSERT_EQUAL(429, r.status);
            const int retryAfter = std::stoi(r.header("Retry-After"));
            CPPUNIT_ASSERT(retryAfter >= 1 && retryAfter <= 60);
            CPPUNIT_ASSERT_EQUAL(429, http().get("/api/admin/users", bearer(wrong)).status); // keys too, same address
            ++refused;
        }
        CPPUNIT_ASSERT_EQUAL(15, refused);
        // Throttled before any check: even the right key waits, so guessing gains nothing.
        CPPUNIT_ASSERT_EQUAL(429, post("/api/auth/login", R"({"username":"ops","api_key":")" + opsKey + "\"}").status);
        const std::string log = _server->log();
        CPPUNIT_ASSERT(log.find("WRONGKEY") == std::string::npos);
        CPPUNIT_ASSERT(log.find(kAdminKey) == std::string::npos);
        CPPUNIT_ASSERT(log.find(opsKey) == std::string::npos);
        // The first failure of the burst is logged, the rest only counted.
        std::size_t lines = 0;
        for (auto at = log.find("failed admin login from 127.0.0.1 for 'ops'"); at != std::string::npos;
             at = log.find("failed admin login from 127.0.0.1 for 'ops'", at + 1))
            ++lines;
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), lines);

        // The budget is a setting; a good key gives its token back, so admins are never held up.
        start({{"JJI_AUTH_FAILURES_PER_MINUTE", "3"}});
        for (int i = 0; i < 20; ++i)
            CPPUNIT_ASSERT_EQUAL(200, http().get("/api/admin/users", bearer(kAdminKey)).status);
        for (int i = 0; i < 3; ++i)
            CPPUNIT_ASSERT_EQUAL(403, http().get("/api/admin/users", bearer("WRONGKEY")).status);
        CPPUNIT_ASSERT_EQUAL(429, http().get("/api/admin/users", bearer("WRONGKEY")).status);
    }

    void loggedTextIsEscaped()
    {
        // CR/LF a caller sends in a path or a username must not start a forged log line.
        http().get("/no-such%0D%0A2026-01-01%2000:00:00%20Information%20jji.auth:%20admin%20'root'%20logged%20in");
        post("/api/auth/login", "{\"username\":\"eve\\r\\nFORGED admin 'eve' logged in\",\"api_key\":\"x\"}");
        const std::string log = _server->waitForLog("/no-such\\r\\n2026-01-01"); // the access log is written by its own thread
        CPPUNIT_ASSERT_MESSAGE(log, log.find("\\r\\n2026-01-01 00:00:00 Information jji.auth") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(log, log.find("\nFORGED") == std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(log, log.find("\n2026-01-01 00:00:00 Information") == std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(log, log.find("eve\\r\\nFORGED") != std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(UsersAdminTest);
