#include "jji/test/SignatureUpgradeScenario.h"
#include "jji/test/TempDir.h"

#include <cppunit/extensions/HelperMacros.h>

/// A database as schema 8 (the release before signature version 2) left it is upgraded on
/// SQLite; PostgresTest runs the same scenario on PostgreSQL.
class SignatureUpgradeTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(SignatureUpgradeTest);
    CPPUNIT_TEST(historyWrittenBySchema8SurvivesTheUpgrade);
    CPPUNIT_TEST_SUITE_END();

public:
    void historyWrittenBySchema8SurvivesTheUpgrade()
    {
        jji::test::TempDir dir;
        jji::storage::Database db = jji::storage::Database::open(dir.file("jji.db"));
        jji::test::checkSignatureUpgradeFromSchema8(db);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SignatureUpgradeTest);
