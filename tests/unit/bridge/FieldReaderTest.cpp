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
};

CPPUNIT_TEST_SUITE_REGISTRATION(FieldReaderTest);
