// The envelope written around a stored document without parsing it must say exactly what
// building it as JSON objects says (key order aside: the text keeps the stored order).
#include "jji/analysis/model/JsonText.h"
#include "jji/bridge/views/ResultViews.h"

#include <Poco/JSON/Parser.h>

#include <cppunit/extensions/HelperMacros.h>

using jji::bridge::resultEnvelope;
using jji::bridge::resultEnvelopeText;

class ResultViewsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ResultViewsTest);
    CPPUNIT_TEST(envelopeTextIsTheEnvelope);
    CPPUNIT_TEST_SUITE_END();

    static std::string viaObjects(const jji::storage::ResultRow& row, const std::string* xml, const jji::config::Settings& settings)
    {
        Poco::JSON::Object::Ptr envelope = resultEnvelope(row, settings);
        if (Poco::JSON::Object::Ptr result = envelope->getObject("result"); result && xml)
            result->set("enriched_xml", *xml);
        return canonical(jji::analysis::toJsonText(envelope));
    }

    /// Keys sorted (Poco's default parser does), so two texts compare by content.
    static std::string canonical(const std::string& json)
    {
        return jji::analysis::toJsonText(Poco::JSON::Parser().parse(json));
    }

public:
    void envelopeTextIsTheEnvelope()
    {
        jji::config::Settings settings;
        settings.publicBaseUrl = "https://jji.example.com";
        jji::storage::ResultRow row;
        row.jobId = "job-\"1\"";
        row.jenkinsUrl = "https://jenkins.example.com/job/a/1/";
        row.status = "completed";
        row.createdAt = "2026-12-01 10:00:00";
        row.completedAt = "2026-12-01 10:01:00";
        row.resultJson = R"({"job_id":"job-\"1\"","summary":"tab\there é","failures":[{"test_name":"t","error":"<x>"}]})";
        const std::string xml = "<testsuite name=\"s\">\n</testsuite>";
        CPPUNIT_ASSERT_EQUAL(viaObjects(row, &xml, settings), canonical(resultEnvelopeText(row, &xml, settings)));
        CPPUNIT_ASSERT_EQUAL(viaObjects(row, nullptr, settings), canonical(resultEnvelopeText(row, nullptr, settings)));
        // The stored order is kept (the spec's order), not sorted.
        const std::string text = resultEnvelopeText(row, &xml, settings);
        CPPUNIT_ASSERT(text.find("\"job_id\":\"job-\\\"1\\\"\",\"summary\"") != std::string::npos);
        row.resultJson = "{}";
        CPPUNIT_ASSERT_EQUAL(viaObjects(row, &xml, settings), canonical(resultEnvelopeText(row, &xml, settings)));
        row.resultJson.clear(); // pending: no document yet
        row.status = "pending";
        row.completedAt.reset();
        CPPUNIT_ASSERT_EQUAL(viaObjects(row, nullptr, settings), canonical(resultEnvelopeText(row, nullptr, settings)));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ResultViewsTest);
