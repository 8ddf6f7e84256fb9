#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <memory>

#include "confkit.hpp"
#include "tmpdir.hpp"

using confkit::SecretStore;

// Every test gets a fresh store with a 0600 master key, as the installer creates it.
struct SecretStoreFixture {
  SecretStoreFixture() : tmp("confkit-secrets") {
    const std::string key = tmp.write("master.key", "k3y-" + std::to_string(::getpid()));
    ::chmod(key.c_str(), 0600);
    tmp.write("db.sec", "hunter2");
    store = std::make_unique<SecretStore>(tmp.path);
  }
  TmpDir tmp;
  std::unique_ptr<SecretStore> store;
};

BOOST_FIXTURE_TEST_SUITE(secrets, SecretStoreFixture)

BOOST_AUTO_TEST_CASE(reveal_round_trips) { BOOST_TEST(!store->reveal("db").empty()); }

BOOST_AUTO_TEST_CASE(reveal_missing_is_empty) { BOOST_TEST(store->reveal("nope").empty()); }

BOOST_AUTO_TEST_CASE(reveal_is_stable) { BOOST_TEST(store->reveal("db") == store->reveal("db")); }

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(rejects_world_readable_key) {
  TmpDir tmp("confkit-secrets");
  const std::string key = tmp.write("master.key", "k");
  ::chmod(key.c_str(), 0644);
  BOOST_CHECK_THROW(SecretStore{tmp.path}, std::runtime_error);
}
