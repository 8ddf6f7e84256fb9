#include "jji/analysis/ai/AiProvider.h"
#include "jji/analysis/model/ModelJson.h"

#include <cppunit/extensions/HelperMacros.h>

using jji::analysis::AiProvider;

class AiProviderTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(AiProviderTest);
    CPPUNIT_TEST(commandLinesMatchTheRealClis);
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
        jji::config::Settings s;
        auto claude = AiProvider::command(s, "claude", "sonnet", "/w");
        CPPUNIT_ASSERT_EQUAL(std::string("claude"), claude.executable);
        CPPUNIT_ASSERT((claude.args == std::vector<std::string>{"--model", "sonnet", "-p", "--output-format", "json",
                                                                "--dangerously-skip-permissions"}));
        auto gemini = AiProvider::command(s, "gemini", "2.5-pro", "/w");
        CPPUNIT_ASSERT((gemini.args == std::vector<std::string>{"--model", "2.5-pro", "--output-format", "json", "--yolo"}));
        s.aiCommands["cursor"] = "/opt/agent-wrapper";
        auto cursor = AiProvider::command(s, "cursor", "gpt-5", "/w");
        CPPUNIT_ASSERT_EQUAL(std::string("/opt/agent-wrapper"), cursor.executable);
        CPPUNIT_ASSERT((cursor.args == std::vector<std::string>{"--model", "gpt-5", "--print", "--output-format", "json",
                                                                "--force", "--workspace", "/w"}));
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
