#include "jji/analysis/signature/ErrorSignature.h"

#include <cppunit/extensions/HelperMacros.h>

using jji::analysis::ErrorSignature;

class ErrorSignatureTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ErrorSignatureTest);
    CPPUNIT_TEST(isSha256Hex);
    CPPUNIT_TEST(sameBugDifferentVolatilePartsShareASignature);
    CPPUNIT_TEST(differentBugsDoNotShareASignature);
    CPPUNIT_TEST(onlyTopFiveStackLinesCount);
    CPPUNIT_TEST(hostileInputIsBounded);
    CPPUNIT_TEST(truncationNeverSplitsUtf8);
    CPPUNIT_TEST(invalidUtf8IsMaskedNotThrown);
    CPPUNIT_TEST_SUITE_END();

    static void same(const std::string& m1, const std::string& s1, const std::string& m2, const std::string& s2)
    {
        CPPUNIT_ASSERT_EQUAL_MESSAGE(ErrorSignature::normalize(m1, s1) + " vs " + ErrorSignature::normalize(m2, s2),
                                     ErrorSignature::compute(m1, s1), ErrorSignature::compute(m2, s2));
    }

    static void different(const std::string& m1, const std::string& s1, const std::string& m2, const std::string& s2)
    {
        CPPUNIT_ASSERT_MESSAGE(ErrorSignature::normalize(m1, s1), ErrorSignature::compute(m1, s1) != ErrorSignature::compute(m2, s2));
    }

public:
    void isSha256Hex()
    {
        std::string sig = ErrorSignature::compute("AssertionError", "");
        CPPUNIT_ASSERT_EQUAL(std::size_t(64), sig.size());
        CPPUNIT_ASSERT(sig.find_first_not_of("0123456789abcdef") == std::string::npos);
    }

    void sameBugDifferentVolatilePartsShareASignature()
    {
        same("ConnectionError: localhost:8443 refused", "", "ConnectionError: localhost:39211 refused", "");
        same("Timeout after 30.5s", "", "Timeout after 12s", "");
        same("Timeout after 1500 ms", "", "Timeout after 20ms", "");
        same("object at 0x7f3a2b1c", "", "object at 0x55d0e4a0", "");
        same("request 3f2b8c1e-9a4d-4e2b-8f1a-0c9d8e7f6a5b failed", "", "request 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d failed", "");
        same("at 2026-11-25T10:00:01Z", "", "at 2026-01-02 08:12:55.123", "");
        same("cannot open /tmp/pytest-of-ci/pytest-17/test_a0/x.db", "", "cannot open /tmp/tmpab12cd/x.db", "");
        same("expected 3 got 4", "File \"t.py\", line 10", "expected 7 got 9", "File \"t.py\", line 12");
        same("boom", "  at A.b(A.java:10)\n\n  at C.d(C.java:20)", "boom", "at A.b(A.java:11)\nat C.d(C.java:21)");
        same("listening on port 5432 failed", "", "listening on port=6543 failed", "");
    }

    void differentBugsDoNotShareASignature()
    {
        different("AssertionError: expected 200", "", "ConnectionError: refused", "");
        different("boom", "at A.b(A.java:10)", "boom", "at X.y(X.java:10)");
        different("KeyError: 'user'", "", "KeyError: 'order'", "");
        different("NullPointerException", "at com.acme.Billing.total", "NullPointerException", "at com.acme.Cart.total");
    }

    void onlyTopFiveStackLinesCount()
    {
        std::string top = "a\nb\nc\nd\ne\n";
        same("x", top + "f", "x", top + "completely different frame");
        different("x", top, "x", "a\nb\nc\nd\nZ\n");
    }

    void hostileInputIsBounded()
    {
        std::string huge(5 * 1024 * 1024, 'a');
        std::string sig = ErrorSignature::compute(huge, huge);
        CPPUNIT_ASSERT_EQUAL(std::size_t(64), sig.size());
    }

    void truncationNeverSplitsUtf8()
    {
        // The 4000-byte message cut and the 500-byte line cut fall inside "é" (2 bytes).
        std::string message = std::string(3999, 'a') + "\xC3\xA9 tail";
        std::string trace = std::string(499, 'b') + "\xC3\xA9\nnext";
        CPPUNIT_ASSERT_EQUAL(std::size_t(64), ErrorSignature::compute(message, trace).size());
    }

    void invalidUtf8IsMaskedNotThrown()
    {
        // Found by tests/fuzz/SignatureFuzz: PCRE threw on a stray byte, failing the analysis.
        const std::string binary = std::string("AssertionError: port 127.0\xc1\x00.1:45775", 36);
        const std::string signature = jji::analysis::ErrorSignature::compute(binary, "  File \"x\xff.py\", line 3\n");
        CPPUNIT_ASSERT_EQUAL(std::size_t(64), signature.size());
        CPPUNIT_ASSERT(jji::analysis::ErrorSignature::normalize(binary, "").find('?') != std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ErrorSignatureTest);
