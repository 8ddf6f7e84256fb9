#include "jji/bridge/http/FieldReader.h"
#include "jji/bridge/http/HttpError.h"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <cppunit/extensions/HelperMacros.h>

#include <sstream>

using jji::bridge::FieldReader;
using jji::bridge::HttpError;
using jji::bridge::ValidationErrors;

class FieldReaderTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(FieldReaderTest);
    CPPUNIT_TEST(readsValidFields);
    CPPUNIT_TEST(laxConversionsLikePydantic);
    CPPUNIT_TEST(wrongTypeReportsLocationAndInput);
    CPPUNIT_TEST(missingFieldReportsFieldRequired);
    CPPUNIT_TEST(boundsAndLiterals);
    CPPUNIT_TEST(nestedLocationsIncludeIndexes);
    CPPUNIT_TEST(allProblemsAreReportedTogether);
    CPPUNIT_TEST(hugeIntegerForBooleanIs422NotACrash);
    CPPUNIT_TEST(maxLengthCountsCharactersNotBytes);
    CPPUNIT_TEST(listsOfStringsAndIntegersWithBounds);
    CPPUNIT_TEST(requiredLiteralAndText);
    CPPUNIT_TEST(queryListsReadEveryValue);
    CPPUNIT_TEST(describingRecordsWhatIsRead);
    CPPUNIT_TEST(describingWalksNestedObjectsAndItems);
    CPPUNIT_TEST_SUITE_END();

    static Poco::JSON::Object::Ptr parse(const std::string& text)
    {
        return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
    }

    static std::string detailOf(const ValidationErrors& errors)
    {
        try {
            errors.raiseIfAny();
        } catch (const HttpError& e) {
            CPPUNIT_ASSERT_EQUAL(422, e.status());
            std::ostringstream out;
            Poco::JSON::Stringifier::condense(e.detail(), out);
            return out.str();
        }
        return "";
    }

public:
    void readsValidFields()
    {
        ValidationErrors errors;
        FieldReader r(parse(R"({"job_name":"a/b","build_number":7,"wait":true,"d":1.5})"), {"body"}, errors);
        CPPUNIT_ASSERT_EQUAL(std::string("a/b"), r.requiredString("job_name"));
        CPPUNIT_ASSERT_EQUAL(7LL, r.requiredInt("build_number"));
        CPPUNIT_ASSERT_EQUAL(true, *r.optBool("wait"));
        CPPUNIT_ASSERT_DOUBLES_EQUAL(1.5, *r.optNumber("d"), 1e-9);
        CPPUNIT_ASSERT(!r.optString("absent"));
        CPPUNIT_ASSERT(errors.empty());
    }

    void laxConversionsLikePydantic()
    {
        ValidationErrors errors;
        FieldReader r(parse(R"({"n":"12","f":3.0,"b":"yes","z":0})"), {"body"}, errors);
        CPPUNIT_ASSERT_EQUAL(12LL, *r.optInt("n"));
        CPPUNIT_ASSERT_EQUAL(3LL, *r.optInt("f"));
        CPPUNIT_ASSERT_EQUAL(true, *r.optBool("b"));
        CPPUNIT_ASSERT_EQUAL(false, *r.optBool("z"));
        CPPUNIT_ASSERT(errors.empty());
    }

    void wrongTypeReportsLocationAndInput()
    {
        ValidationErrors errors;
        FieldReader r(parse(R"({"build_number":"not-a-number"})"), {"body"}, errors);
        r.requiredInt("build_number");
        CPPUNIT_ASSERT_EQUAL(
            std::string(R"([{"input":"not-a-number","loc":["body","build_number"],"msg":"Input should be a valid integer, unable to parse string as an integer","type":"int_parsing"}])"),
            detailOf(errors));
    }

    void missingFieldReportsFieldRequired()
    {
        ValidationErrors errors;
        FieldReader r(parse(R"({})"), {"body"}, errors);
        r.requiredString("job_name");
        std::string detail = detailOf(errors);
        CPPUNIT_ASSERT_MESSAGE(detail, detail.find(R"("type":"missing")") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(detail, detail.find(R"("loc":["body","job_name"])") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(detail, detail.find(R"("msg":"Field required")") != std::string::npos);
    }

    void boundsAndLiterals()
    {
        ValidationErrors errors;
        FieldReader r(parse(R"({"limit":101,"t":0,"p":"copilot"})"), {"query"}, errors);
        CPPUNIT_ASSERT(!r.optInt("limit", {std::nullopt, std::nullopt, 100}));
        CPPUNIT_ASSERT(!r.optInt("t", {std::nullopt, 0, std::nullopt}));
        CPPUNIT_ASSERT(!r.optLiteral("p", {"claude", "gemini", "cursor"}));
        std::string detail = detailOf(errors);
        CPPUNIT_ASSERT_MESSAGE(detail, detail.find("Input should be less than or equal to 100") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(detail, detail.find("Input should be greater than 0") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(detail, detail.find("Input should be 'claude', 'gemini' or 'cursor'") != std::string::npos);
    }

    void nestedLocationsIncludeIndexes()
    {
        ValidationErrors errors;
        auto body = parse(R"({"failures":[{"test_name":"ok"},{"test_name":5}]})");
        FieldReader r(body, {"body"}, errors);
        auto failures = r.optArray("failures");
        for (unsigned i = 0; i < failures->size(); ++i)
            r.nested(failures->getObject(i), {"failures", static_cast<int>(i)}).requiredString("test_name");
        std::string detail = detailOf(errors);
        CPPUNIT_ASSERT_MESSAGE(detail, detail.find(R"("loc":["body","failures",1,"test_name"])") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(detail, detail.find(R"("type":"string_type")") != std::string::npos);
    }

    void allProblemsAreReportedTogether()
    {
        ValidationErrors errors;
        FieldReader r(parse(R"({"a":[],"b":{}})"), {"body"}, errors);
        r.optString("a");
        r.optBool("b");
        r.requiredInt("c");
        std::string detail = detailOf(errors);
        auto items = Poco::JSON::Parser().parse(detail).extract<Poco::JSON::Array::Ptr>();
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), items->size());
    }

    void hugeIntegerForBooleanIs422NotACrash()
    {
        ValidationErrors errors;
        FieldReader r(parse(R"({"enable_jira":18446744073709551615,"n":18446744073709551615})"), {"body"}, errors);
        CPPUNIT_ASSERT(!r.optBool("enable_jira"));
        CPPUNIT_ASSERT(!r.optInt("n"));
        std::string detail = detailOf(errors);
        CPPUNIT_ASSERT_MESSAGE(detail, detail.find("bool_type") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(detail, detail.find("int_type") != std::string::npos);
    }

    void maxLengthCountsCharactersNotBytes()
    {
        ValidationErrors errors;
        FieldReader r(parse("{\"s\":\"\xC3\xA9\xC3\xA9\xC3\xA9\"}"), {"body"}, errors); // 3 chars, 6 bytes
        CPPUNIT_ASSERT(r.optString("s", 3).has_value());
        CPPUNIT_ASSERT(!r.optString("s", 2).has_value());
    }

    void listsOfStringsAndIntegersWithBounds()
    {
        ValidationErrors errors;
        FieldReader r(parse(R"({"ok":["a","b"],"empty":[],"mixed":["a",5],"ids":[1,2],"bad":[1,true]})"), {"body"}, errors);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), r.optStrings("ok", {1, 5}, 3)->size());
        CPPUNIT_ASSERT(!r.optStrings("empty", {1, std::nullopt}));
        CPPUNIT_ASSERT(!r.optStrings("mixed"));
        CPPUNIT_ASSERT_EQUAL(2LL, r.optIntegers("ids", {1, 2})->back());
        CPPUNIT_ASSERT(!r.optIntegers("bad"));
        CPPUNIT_ASSERT(!r.optStrings("absent"));
        const std::string detail = detailOf(errors);
        CPPUNIT_ASSERT_MESSAGE(detail, detail.find("List should have at least 1 item after validation, not 0") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(detail, detail.find(R"("loc":["body","mixed",1])") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(detail, detail.find(R"("loc":["body","bad",1],"msg":"Input should be a valid integer")") != std::string::npos);
    }

    void requiredLiteralAndText()
    {
        ValidationErrors errors;
        FieldReader r(parse(R"({"null":null,"ok":"b","short":"x"})"), {"body"}, errors);
        CPPUNIT_ASSERT(!r.requiredLiteral("absent", {"a", "b"}));
        CPPUNIT_ASSERT(!r.requiredLiteral("null", {"a", "b"}));
        CPPUNIT_ASSERT_EQUAL(std::string("b"), *r.requiredLiteral("ok", {"a", "b"}));
        CPPUNIT_ASSERT(!r.optText("short", {2, std::nullopt}));
        CPPUNIT_ASSERT(r.require("null"));
        const std::string detail = detailOf(errors);
        CPPUNIT_ASSERT_MESSAGE(detail, detail.find(R"("loc":["body","absent"],"msg":"Field required")") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(detail, detail.find(R"("input":null,"loc":["body","null"],"msg":"Input should be 'a' or 'b'")") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(detail, detail.find("String should have at least 2 characters") != std::string::npos);
    }

    void queryListsReadEveryValue()
    {
        ValidationErrors errors;
        FieldReader q = FieldReader::forQuery(parse(R"({"label":"a","limit":"7"})"), parse(R"({"label":["a","b"],"limit":["7"]})"), errors);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), q.optStrings("label")->size());
        CPPUNIT_ASSERT_EQUAL(7LL, q.integer("limit", 50));
        CPPUNIT_ASSERT_EQUAL(std::string("a"), q.string("label"));
        CPPUNIT_ASSERT(errors.empty());
    }

    /// A describing reader: what a request reader reads becomes a JSON Schema.
    void describingRecordsWhatIsRead()
    {
        Poco::JSON::Object::Ptr schema = new Poco::JSON::Object;
        ValidationErrors errors = ValidationErrors::discarding();
        FieldReader r = FieldReader::describing(schema, {"body"}, errors);
        CPPUNIT_ASSERT(r.has("anything") && !r.isNull("anything"));
        CPPUNIT_ASSERT_EQUAL(std::string(), r.requiredString("name"));
        CPPUNIT_ASSERT(!r.optString("note", 10));
        CPPUNIT_ASSERT_EQUAL(50LL, r.integer("limit", 50, {1, std::nullopt, 200}));
        CPPUNIT_ASSERT(!r.optLiteral("kind", {"a", "b"}));
        CPPUNIT_ASSERT(!r.optStrings("labels", {1, 3}, 20));
        r.errors().add("value_error", {"body"}, "ignored while describing", Poco::Dynamic::Var());
        CPPUNIT_ASSERT(errors.empty());
        std::ostringstream out;
        Poco::JSON::Stringifier::condense(schema, out);
        const std::string text = out.str();
        for (const char* expected :
             {R"("required":["name"])", R"("name":{"type":"string"})", R"("note":{"type":"string","maxLength":10})",
              R"("limit":{"type":"integer","default":50,"minimum":1,"maximum":200})", R"("kind":{"type":"string","enum":["a","b"]})",
              R"("labels":{"type":"array","minItems":1,"maxItems":3,"items":{"type":"string","maxLength":20}})"})
            CPPUNIT_ASSERT_MESSAGE(text + " lacks " + expected, text.find(expected) != std::string::npos);
    }

    void describingWalksNestedObjectsAndItems()
    {
        Poco::JSON::Object::Ptr schema = new Poco::JSON::Object;
        ValidationErrors errors = ValidationErrors::discarding();
        FieldReader r = FieldReader::describing(schema, {"body"}, errors);
        const auto items = r.objectItems("failures", "TestFailure");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), items.size()); // one reader, for the items' schema
        FieldReader item = items.front();
        item.requiredString("test_name");
        Poco::JSON::Object::Ptr build = r.optObject("build");
        CPPUNIT_ASSERT(build); // present (and empty), so what is read inside is described
        r.nested(build, {"build"}).requiredInt("number");
        std::ostringstream out;
        Poco::JSON::Stringifier::condense(schema, out);
        const std::string text = out.str();
        CPPUNIT_ASSERT_MESSAGE(text, text.find(R"("failures":{"type":"array","items":{"type":"object","title":"TestFailure",)"
                                               R"("required":["test_name"],"properties":{"test_name":{"type":"string"}}}})") !=
                                         std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(text, text.find(R"("build":{"type":"object","required":["number"],)"
                                               R"("properties":{"number":{"type":"integer"}}})") != std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(FieldReaderTest);
