#include "jji/storage/SecretBox.h"
#include "jji/test/TempDir.h"

#include <sys/stat.h>

#include <cppunit/extensions/HelperMacros.h>

using jji::storage::SecretBox;
using jji::storage::SecretBoxError;

class SecretBoxTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(SecretBoxTest);
    CPPUNIT_TEST(roundTripsAndNeverRepeatsCiphertext);
    CPPUNIT_TEST(tamperedOrForeignTextIsRejected);
    CPPUNIT_TEST(keyFileIsCreatedPrivateAndReused);
    CPPUNIT_TEST(configuredKeyWins);
    CPPUNIT_TEST_SUITE_END();

    static jji::config::Settings settingsIn(const std::string& dir, const std::string& key = "")
    {
        jji::config::Settings s;
        s.dataDir = dir;
        s.encryptionKey = key;
        return s;
    }

public:
    void roundTripsAndNeverRepeatsCiphertext()
    {
        jji::test::TempDir dir;
        SecretBox box = SecretBox::fromSettings(settingsIn(dir.path()));
        const std::string secret = "{\"jenkins_password\":\"hunter2\"}";
        std::string a = box.seal(secret), b = box.seal(secret);
        CPPUNIT_ASSERT(a != b); // fresh nonce each time
        CPPUNIT_ASSERT(a.find("hunter2") == std::string::npos);
        CPPUNIT_ASSERT_EQUAL(secret, box.open(a));
        CPPUNIT_ASSERT_EQUAL(secret, box.open(b));
        CPPUNIT_ASSERT_EQUAL(std::string(), box.open(box.seal("")));
    }

    void tamperedOrForeignTextIsRejected()
    {
        jji::test::TempDir dir;
        SecretBox box = SecretBox::fromSettings(settingsIn(dir.path(), "passphrase one"));
        std::string sealed = box.seal("token-value");
        std::string tampered = sealed;
        tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
        CPPUNIT_ASSERT_THROW(box.open(tampered), SecretBoxError);
        CPPUNIT_ASSERT_THROW(box.open("v1:AAAA"), SecretBoxError);
        CPPUNIT_ASSERT_THROW(box.open("plain text"), SecretBoxError);
        SecretBox other = SecretBox::fromSettings(settingsIn(dir.path(), "passphrase two"));
        CPPUNIT_ASSERT_THROW(other.open(sealed), SecretBoxError);
    }

    void keyFileIsCreatedPrivateAndReused()
    {
        jji::test::TempDir dir;
        std::string sealed = SecretBox::fromSettings(settingsIn(dir.path())).seal("x");
        struct stat st{};
        CPPUNIT_ASSERT_EQUAL(0, ::stat(dir.file("encryption.key").c_str(), &st));
        CPPUNIT_ASSERT_EQUAL(0600, static_cast<int>(st.st_mode & 0777));
        // A restart reads the same key back.
        CPPUNIT_ASSERT_EQUAL(std::string("x"), SecretBox::fromSettings(settingsIn(dir.path())).open(sealed));
    }

    void configuredKeyWins()
    {
        jji::test::TempDir dir;
        // base64 of 32 bytes is used as the raw key; the key file is not created.
        const std::string key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
        std::string sealed = SecretBox::fromSettings(settingsIn(dir.path(), key)).seal("y");
        CPPUNIT_ASSERT_EQUAL(std::string("y"), SecretBox::fromSettings(settingsIn(dir.path(), key)).open(sealed));
        struct stat st{};
        CPPUNIT_ASSERT(::stat(dir.file("encryption.key").c_str(), &st) != 0);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SecretBoxTest);
