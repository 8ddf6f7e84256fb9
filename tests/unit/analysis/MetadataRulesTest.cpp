#include "jji/analysis/review/MetadataRules.h"
#include "jji/test/TempDir.h"

#include <cppunit/extensions/HelperMacros.h>

using jji::analysis::MetadataRules;
using jji::analysis::MetadataRulesError;

class MetadataRulesTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(MetadataRulesTest);
    CPPUNIT_TEST(globsFirstMatchWinsLabelsAccumulate);
    CPPUNIT_TEST(regexGroupsFillValuesExplicitWins);
    CPPUNIT_TEST(yamlAndJsonFilesLoad);
    CPPUNIT_TEST(malformedRulesAreClearErrors);
    CPPUNIT_TEST_SUITE_END();

public:
    void globsFirstMatchWinsLabelsAccumulate()
    {
        MetadataRules rules = MetadataRules::parse(R"x([
            {"pattern": "team-a/*", "team": "alpha", "labels": ["nightly"]},
            {"pattern": "*/e2e-*", "team": "ignored", "tier": "critical", "labels": ["e2e", "nightly"]},
            {"pattern": "other", "team": "omega"}])x", false);
        auto m = rules.match("team-a/e2e-login");
        CPPUNIT_ASSERT(m);
        CPPUNIT_ASSERT_EQUAL(std::string("alpha"), *m->team);
        CPPUNIT_ASSERT_EQUAL(std::string("critical"), *m->tier);
        CPPUNIT_ASSERT(!m->version);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), m->labels.size()); // nightly, e2e: no duplicates
        CPPUNIT_ASSERT(!rules.match("unrelated/job"));
        CPPUNIT_ASSERT(!rules.match("other/x")); // globs match the whole name
    }

    void regexGroupsFillValuesExplicitWins()
    {
        MetadataRules rules = MetadataRules::parse(
            R"x({"metadata_rules": [{"pattern": "(?P<team>[a-z]+)-(?P<version>\\d+\\.\\d+)-(smoke|full)", "tier": "gate"},
                                   {"pattern": "(?P<version>v\\d+)-fixed", "version": "pinned"}]})x", false);
        auto m = rules.match("payments-4.16-smoke");
        CPPUNIT_ASSERT(m);
        CPPUNIT_ASSERT_EQUAL(std::string("payments"), *m->team);
        CPPUNIT_ASSERT_EQUAL(std::string("4.16"), *m->version);
        CPPUNIT_ASSERT_EQUAL(std::string("gate"), *m->tier);
        CPPUNIT_ASSERT(!rules.match("payments-4.16-smoke-extra")); // a full match, not a search
        CPPUNIT_ASSERT_EQUAL(std::string("pinned"), *rules.match("v3-fixed")->version);
    }

    void yamlAndJsonFilesLoad()
    {
        jji::test::TempDir dir;
        jji::test::writeFile(dir.file("rules.yaml"), "metadata_rules:\n"
                                                     "  - pattern: \"folder/*\"\n"
                                                     "    team: platform\n"
                                                     "    labels: [nightly, smoke]\n"
                                                     "  - pattern: legacy-*\n"
                                                     "    labels: legacy\n");
        MetadataRules yaml = MetadataRules::fromFile(dir.file("rules.yaml"));
        CPPUNIT_ASSERT_EQUAL(std::string("rules.yaml"), yaml.fileName());
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), yaml.rules().size());
        CPPUNIT_ASSERT_EQUAL(std::string("platform"), *yaml.match("folder/app")->team);
        CPPUNIT_ASSERT_EQUAL(std::string("legacy"), yaml.match("legacy-x")->labels.at(0));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), yaml.toJson()->size());
        jji::test::writeFile(dir.file("rules.json"), R"x([{"pattern": "x*", "version": "1"}])x");
        CPPUNIT_ASSERT_EQUAL(std::string("1"), *MetadataRules::fromFile(dir.file("rules.json")).match("xyz")->version);
        CPPUNIT_ASSERT(MetadataRules::fromFile("").rules().empty());
    }

    void malformedRulesAreClearErrors()
    {
        CPPUNIT_ASSERT_THROW(MetadataRules::fromFile("/nonexistent/rules.yaml"), MetadataRulesError);
        CPPUNIT_ASSERT_THROW(MetadataRules::parse("{not json", false), MetadataRulesError);
        CPPUNIT_ASSERT_THROW(MetadataRules::parse("a: [unclosed", true), MetadataRulesError);
        CPPUNIT_ASSERT_THROW(MetadataRules::parse(R"x({"rules": []})x", false), MetadataRulesError);
        CPPUNIT_ASSERT_THROW(MetadataRules::parse(R"x([{"team": "no pattern"}])x", false), MetadataRulesError);
        CPPUNIT_ASSERT_THROW(MetadataRules::parse(R"x([{"pattern": "(?P<team>[a-"}])x", false), MetadataRulesError);
        CPPUNIT_ASSERT_THROW(MetadataRules::parse(R"x([{"pattern": "x", "labels": {"a": 1}}])x", false), MetadataRulesError);
        try {
            MetadataRules::parse(R"x([{"pattern": "ok"}, {"team": "t"}])x", false, "my-rules.json");
            CPPUNIT_FAIL("expected an error");
        } catch (const MetadataRulesError& e) {
            CPPUNIT_ASSERT(std::string(e.what()).find("my-rules.json: rule 1") != std::string::npos);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MetadataRulesTest);
