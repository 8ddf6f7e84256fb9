#ifndef JJI_TEST_SIGNATUREUPGRADESCENARIO_H
#define JJI_TEST_SIGNATUREUPGRADESCENARIO_H

#include "jji/storage/Database.h"

namespace jji {
namespace test {

/// On an empty database: writes history and comments as schema 8 (signature version 1)
/// left them, upgrades, and asserts (CppUnit) that the rows are signed again with nothing
/// lost, that old signatures still find them, that comments follow, and that the first new
/// traced failure of the same bug lends the old rows its full signature. Run on SQLite by
/// SignatureUpgradeTest and on PostgreSQL by PostgresTest.
void checkSignatureUpgradeFromSchema8(storage::Database& db);

} // namespace test
} // namespace jji

#endif
