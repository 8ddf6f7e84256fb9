#include "jji/analysis/ai/AiProvider.h"
#include "jji/analysis/model/ModelJson.h"
#include "jji/test/TempDir.h"

#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <filesystem>

using jji::analysis::AiProvider;

class AiProviderTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(AiProviderTest);
    CPPUNIT_TEST(commandLinesMatchTheRealClis);
    CPPUNIT_TEST(readOnlyGitReachesEachClonedRepo);
    CPPUNIT_TEST(fullToolsModeGivesEveryTool);
    CPPUNIT_TEST(claudeStreamJsonResultIsTheEnvelope);
    CPPUNIT_TEST(geminiApiErrorIsUnpacked);
    CPPUNIT_TEST(claudeEnvelope);
    CPPUNIT_TEST(claudeErrorEnvelope);
    CPPUNIT_TEST(geminiEnvelopeSumsModels);
    CPPUNIT_TEST(cursorEnvelope);
    CPPUNIT_TEST(plainTextIsTheAnswer);
    CPPUNIT_TEST(extractsFromFencesAndProse);
    CPPUNIT_TEST(extractionSurvivesHostileText);
    CPPUNIT_TEST(classificationIsCanonicalized);
    CPPUNIT_TEST(absurdUsageNumbersDoNotThrow);
    CPPUNIT_TEST_SUITE_END();

public:
    void commandLinesMatchTheRealClis()
    {
        jji::config::Settings s; // JJI_AI_TOOLS=readonly by default
        auto claude = AiProvider::command(s, "claude", "sonnet", "/w");
        CPPUNIT_ASSERT_EQUAL(std::string("claude"), claude.executable);
        const std::vector<std::string> claudeBase{"--model", "sonnet", "-p", "--output-format", "stream-json",
                                                  "--verbose", "--permission-mode", "dontAsk"};
        auto readonlyClaude = claudeBase;
        readonlyClaude.insert(readonlyClaude.end(),
                              {"--tools", "Read,Grep,Glob,Bash", "--allowedTools", "Bash(git log:*)", "Bash(git show:*)",
                               "Bash(git diff:*)", "Bash(git blame:*)", "Bash(git status:*)", "Bash(git grep:*)",
                               "--disallowedTools", "Bash(git *--output*)", "Bash(git *--no-index*)", "Bash(git *--ext-diff*)"});
        CPPUNIT_ASSERT(claude.args == readonlyClaude);
        CPPUNIT_ASSERT(std::find(claude.args.begin(), claude.args.end(), "--dangerously-skip-permissions") == claude.args.end());
        auto gemini = AiProvider::command(s, "gemini", "2.5-pro", "/w");
        CPPUNIT_ASSERT((gemini.args == std::vector<std::string>{"--model", "2.5-pro", "--output-format", "json",
                                                                "--approval-mode", "plan", "--skip-trust"}));
        s.aiCommands["cursor"] = "/opt/agent-wrapper";
        auto cursor = AiProvider::command(s, "cursor", "gpt-5", "/w");
        CPPUNIT_ASSERT_EQUAL(std::string("/opt/agent-wrapper"), cursor.executable);
        CPPUNIT_ASSERT((cursor.args == std::vector<std::string>{"--model", "gpt-5", "--print", "--output-format", "json",
                                                                "--workspace", "/w"}));
    }

    void readOnlyGitReachesEachClonedRepo()
    {
        jji::test::TempDir workspace;
        for (const std::string dir : {"tests-repo/.git", "product/.git", "artifacts", "odd name/.git"})
            std::filesystem::create_directories(workspace.file(dir));
        auto claude = AiProvider::command(jji::config::Settings(), "claude", "sonnet", workspace.path());
        auto has = [&](const std::string& arg) { return std::find(claude.args.begin(), claude.args.end(), arg) != claude.args.end(); };
        for (const std::string repo : {"tests-repo", "product"})
            for (const std::string sub : {"log", "show", "diff", "blame", "status", "grep"})
                CPPUNIT_ASSERT_MESSAGE(repo + " " + sub, has("Bash(git -C " + repo + " " + sub + ":*)"));
        CPPUNIT_ASSERT(!has("Bash(git -C artifacts log:*)"));  // not a repository
        CPPUNIT_ASSERT(!has("Bash(git -C odd name log:*)"));    // not a name for a rule
        CPPUNIT_ASSERT_EQUAL(std::string("--disallowedTools"), claude.args[claude.args.size() - 4]);
    }

    void fullToolsModeGivesEveryTool()
    {
        jji::config::Settings s;
        s.aiTools = "full";
        auto claude = AiProvider::command(s, "claude", "sonnet", "/w");
        auto fullClaude = std::vector<std::string>{"--model", "sonnet", "-p", "--output-format", "stream-json", "--verbose",
                                                   "--permission-mode", "dontAsk", "--allowedTools", "Bash", "Edit", "Write",
                                                   "Read", "Grep", "Glob", "NotebookEdit", "WebFetch", "WebSearch"};
        CPPUNIT_ASSERT(claude.args == fullClaude);
        auto gemini = AiProvider::command(s, "gemini", "2.5-pro", "/w");
        CPPUNIT_ASSERT((gemini.args == std::vector<std::string>{"--model", "2.5-pro", "--output-format", "json", "--yolo",
                                                                "--skip-trust"}));
        auto cursor = AiProvider::command(s, "cursor", "gpt-5", "/w");
        CPPUNIT_ASSERT((cursor.args == std::vector<std::string>{"--model", "gpt-5", "--print", "--output-format", "json",
                                                                "--force", "--workspace", "/w"}));
    }

    void claudeStreamJsonResultIsTheEnvelope()
    {
        // As the real claude prints it: init, assistant events, then the result (with a
        // tool result on the way that itself mentions "result").
        const std::string stream =
            R"({"type":"system","subtype":"init","session_id":"s","tools":["Read"]})" "\n"
            R"({"type":"user","message":{"content":[{"type":"tool_result","content":"\"result\" here"}]}})" "\n"
            R"({"type":"result","subtype":"success","is_error":false,"result":"{\"classification\":\"PRODUCT BUG\"}",)"
            R"("total_cost_usd":0.004,"usage":{"input_tokens":1000,"output_tokens":200},"api_error_status":null})" "\n";
        auto e = AiProvider::readEnvelope("claude", stream);
        CPPUNIT_ASSERT_EQUAL(std::string("{\"classification\":\"PRODUCT BUG\"}"), e.answer);
        CPPUNIT_ASSERT_EQUAL(1000LL, e.usage.inputTokens);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(0.004, e.usage.costUsd, 1e-12);
        CPPUNIT_ASSERT_EQUAL(std::string("reported"), e.usage.costSource);
        auto refused = AiProvider::readEnvelope("claude", R"({"type":"system","subtype":"init"})" "\n"
            R"({"type":"result","is_error":true,"api_error_status":404,"result":"There's an issue with the selected model"})");
        CPPUNIT_ASSERT_EQUAL(404, refused.apiStatus);
        CPPUNIT_ASSERT(!refused.error.empty());
    }

    void geminiApiErrorIsUnpacked()
    {
        // The real gemini wraps the API's JSON error in its own error's message.
        auto e = AiProvider::readEnvelope("gemini", R"({"session_id":"s","error":{"type":"Error","code":400,"message":)"
            R"("{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\",)"
            R"(\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"reason\":\"API_KEY_INVALID\"}]}}"}})");
        CPPUNIT_ASSERT_EQUAL(400, e.apiStatus);
        CPPUNIT_ASSERT_EQUAL(std::string("API_KEY_INVALID"), e.apiReason);
        CPPUNIT_ASSERT_EQUAL(std::string("API key not valid. Please pass a valid API key."), e.error);
        // A failing gemini prints the envelope on stderr, after its stack trace.
        auto onStderr = AiProvider::readErrorEnvelope("gemini", "Error when talking to Gemini API\n    at Turn.run {\n"
            "  status: 403\n}\n{\n  \"session_id\": \"s\",\n  \"error\": {\"type\": \"Error\", \"message\": "
            "\"{\\\"error\\\":{\\\"code\\\":403,\\\"status\\\":\\\"PERMISSION_DENIED\\\",\\\"message\\\":\\\"denied\\\"}}\", "
            "\"code\": 403}\n}\n");
        CPPUNIT_ASSERT_EQUAL(403, onStderr.apiStatus);
        CPPUNIT_ASSERT_EQUAL(std::string("denied"), onStderr.error);
        CPPUNIT_ASSERT(AiProvider::readErrorEnvelope("gemini", "plain failure\n").error.empty());
        auto notFound = AiProvider::readErrorEnvelope("gemini", "    at async main (file:///x.js:1:5) {\n  code: 404\n}\n"
            "{\n  \"error\": {\"type\": \"Error\", \"message\": \"models/m is not found\", \"code\": 1}\n}\n");
        CPPUNIT_ASSERT_EQUAL(404, notFound.apiStatus);
    }

    void claudeEnvelope()
    {
        auto e = AiProvider::readEnvelope("claude", R"({"type":"result","subtype":"success","is_error":false,
            "result":"{\"classification\":\"CODE ISSUE\"}","duration_ms":1500,"total_cost_usd":0.5,
            "usage":{"input_tokens":10,"output_tokens":20,"cache_read_input_tokens":30,"cache_creation_input_tokens":40}})");
        CPPUNIT_ASSERT_EQUAL(std::string("{\"classification\":\"CODE ISSUE\"}"), e.answer);
        CPPUNIT_ASSERT(e.error.empty());
        CPPUNIT_ASSERT(e.usage.reported);
        CPPUNIT_ASSERT_EQUAL(10LL, e.usage.inputTokens);
        CPPUNIT_ASSERT_EQUAL(20LL, e.usage.outputTokens);
        CPPUNIT_ASSERT_EQUAL(30LL, e.usage.cacheReadTokens);
        CPPUNIT_ASSERT_EQUAL(40LL, e.usage.cacheWriteTokens);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(0.5, e.usage.costUsd, 1e-12);
        CPPUNIT_ASSERT_EQUAL(1500LL, e.usage.durationMs);
    }

    void claudeErrorEnvelope()
    {
        auto e = AiProvider::readEnvelope("claude", R"({"type":"result","subtype":"error_max_turns","is_error":true,"result":""})");
        CPPUNIT_ASSERT_EQUAL(std::string("error_max_turns"), e.error);
    }

    void geminiEnvelopeSumsModels()
    {
        auto e = AiProvider::readEnvelope("gemini", R"({"response":"answer","stats":{"models":{
            "gemini-2.5-pro":{"tokens":{"prompt":100,"candidates":10,"cached":5}},
            "gemini-2.5-flash":{"tokens":{"prompt":50,"candidates":5,"cached":0}}}}})");
        CPPUNIT_ASSERT_EQUAL(std::string("answer"), e.answer);
        CPPUNIT_ASSERT_EQUAL(150LL, e.usage.inputTokens);
        CPPUNIT_ASSERT_EQUAL(15LL, e.usage.outputTokens);
        CPPUNIT_ASSERT_EQUAL(5LL, e.usage.cacheReadTokens);
        auto err = AiProvider::readEnvelope("gemini", R"({"error":{"type":"ApiError","message":"quota","code":429}})");
        CPPUNIT_ASSERT_EQUAL(std::string("quota"), err.error);
    }

    void cursorEnvelope()
    {
        auto e = AiProvider::readEnvelope("cursor", R"({"type":"result","is_error":false,"result":"ok",
            "usage":{"inputTokens":7,"outputTokens":8,"cacheReadTokens":9,"cacheWriteTokens":10}})");
        CPPUNIT_ASSERT_EQUAL(std::string("ok"), e.answer);
        CPPUNIT_ASSERT_EQUAL(7LL, e.usage.inputTokens);
        CPPUNIT_ASSERT_EQUAL(10LL, e.usage.cacheWriteTokens);
    }

    void plainTextIsTheAnswer()
    {
        auto e = AiProvider::readEnvelope("claude", "not json at all");
        CPPUNIT_ASSERT_EQUAL(std::string("not json at all"), e.answer);
        CPPUNIT_ASSERT(!e.usage.reported);
    }

    void extractsFromFencesAndProse()
    {
        auto whole = AiProvider::extractJsonObject(R"( {"classification":"PRODUCT BUG"} )");
        CPPUNIT_ASSERT(whole && whole->getValue<std::string>("classification") == "PRODUCT BUG");
        auto fenced = AiProvider::extractJsonObject("Sure!\n```json\n{\"classification\":\"INFRASTRUCTURE\",\"details\":\"a}b\"}\n```\nBye");
        CPPUNIT_ASSERT(fenced && fenced->getValue<std::string>("classification") == "INFRASTRUCTURE");
        auto prose = AiProvider::extractJsonObject(
            "I looked at {this} and concluded: {\"classification\": \"CODE ISSUE\", \"code_fix\": {\"file\": \"a.py\"}} done.");
        CPPUNIT_ASSERT(prose && prose->getValue<std::string>("classification") == "CODE ISSUE");
        CPPUNIT_ASSERT(!AiProvider::extractJsonObject("no json here"));
    }

    void extractionSurvivesHostileText()
    {
        std::string hostile(200000, '{');
        CPPUNIT_ASSERT(!AiProvider::extractJsonObject(hostile));
        std::string deep = std::string(5000, '[') + std::string(5000, ']');
        CPPUNIT_ASSERT(!AiProvider::extractJsonObject(deep));
    }

    void classificationIsCanonicalized()
    {
        auto o = AiProvider::extractJsonObject(R"({"classification":"code_issue","affected_tests":["a"],"code_fix":false})");
        auto d = jji::analysis::analysisDetailFromJson(o);
        CPPUNIT_ASSERT_EQUAL(std::string("CODE ISSUE"), d.classification);
        CPPUNIT_ASSERT(!d.codeFix);
        CPPUNIT_ASSERT_EQUAL(std::string(""), jji::analysis::canonicalClassification("banana"));
        CPPUNIT_ASSERT_EQUAL(std::string("PRODUCT BUG"), jji::analysis::canonicalClassification(" Product Bug "));
    }

    void absurdUsageNumbersDoNotThrow()
    {
        auto e = AiProvider::readEnvelope("claude", R"({"result":"x","usage":{"input_tokens":1e300,"output_tokens":18446744073709551615}})");
        CPPUNIT_ASSERT_EQUAL(std::string("x"), e.answer);
        CPPUNIT_ASSERT_EQUAL(0LL, e.usage.inputTokens);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AiProviderTest);
