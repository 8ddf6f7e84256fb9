#include "jji/analysis/notify/WebPush.h"

#include "jji/analysis/runtime/TargetPolicy.h"

#include "jji/analysis/runtime/HttpSession.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Timestamp.h>
#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/param_build.h>
#include <openssl/rand.h>

#include <sstream>

namespace jji {
namespace analysis {

namespace {

constexpr int kRecordSize = 4096;

std::string base64url(const std::string& bytes)
{
    std::ostringstream out;
    Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
    encoder.rdbuf()->setLineLength(0);
    encoder << bytes;
    encoder.close();
    return out.str();
}

std::string unbase64url(const std::string& text)
{
    std::string clean;
    for (char c : text)
        if (c != '=' && c != ' ' && c != '\n')
            clean += c == '+' ? '-' : c == '/' ? '_' : c; // accept standard base64 too
    try {
        std::istringstream in(clean);
        Poco::Base64Decoder decoder(in, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
        return std::string((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
    } catch (const Poco::Exception&) {
        throw WebPushKeyError("not base64url text");
    }
}

const unsigned char* bytes(const std::string& s)
{
    return reinterpret_cast<const unsigned char*>(s.data());
}

struct PkeyDeleter
{
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

struct CtxDeleter
{
    void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};

[[noreturn]] void fail(const std::string& what)
{
    throw WebPushKeyError(what);
}

/// A P-256 key from its uncompressed public point and, when given, private scalar.
Pkey p256Key(const std::string& publicPoint, const std::string& privateScalar = "")
{
    OSSL_PARAM_BLD* build = OSSL_PARAM_BLD_new();
    BIGNUM* priv = privateScalar.empty() ? nullptr : BN_bin2bn(bytes(privateScalar), static_cast<int>(privateScalar.size()), nullptr);
    OSSL_PARAM_BLD_push_utf8_string(build, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
    OSSL_PARAM_BLD_push_octet_string(build, OSSL_PKEY_PARAM_PUB_KEY, publicPoint.data(), publicPoint.size());
    if (priv)
        OSSL_PARAM_BLD_push_BN(build, OSSL_PKEY_PARAM_PRIV_KEY, priv);
    OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(build);
    std::unique_ptr<EVP_PKEY_CTX, CtxDeleter> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY* key = nullptr;
    const bool ok = ctx && EVP_PKEY_fromdata_init(ctx.get()) == 1 &&
                    EVP_PKEY_fromdata(ctx.get(), &key, priv ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params) == 1;
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(build);
    BN_clear_free(priv);
    if (!ok)
        fail("not a valid P-256 key");
    return Pkey(key);
}

/// The uncompressed public point of a private scalar (priv x G).
std::string publicPointOf(const std::string& privateScalar)
{
    EC_GROUP* group = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
    BIGNUM* priv = BN_bin2bn(bytes(privateScalar), static_cast<int>(privateScalar.size()), nullptr);
    EC_POINT* point = EC_POINT_new(group);
    std::string out(65, '\0');
    const bool ok = group && priv && point && EC_POINT_mul(group, point, priv, nullptr, nullptr, nullptr) == 1 &&
                    EC_POINT_point2oct(group, point, POINT_CONVERSION_UNCOMPRESSED,
                                       reinterpret_cast<unsigned char*>(&out[0]), out.size(), nullptr) == 65;
    EC_POINT_free(point);
    BN_clear_free(priv);
    EC_GROUP_free(group);
    if (!ok)
        fail("VAPID_PRIVATE_KEY is not a P-256 private key");
    return out;
}

std::string uncompressedPoint(EVP_PKEY* key)
{
    unsigned char* encoded = nullptr;
    const std::size_t size = EVP_PKEY_get1_encoded_public_key(key, &encoded);
    std::string out(reinterpret_cast<char*>(encoded), size);
    OPENSSL_free(encoded);
    return out;
}

std::string ecdh(EVP_PKEY* mine, EVP_PKEY* theirs)
{
    std::unique_ptr<EVP_PKEY_CTX, CtxDeleter> ctx(EVP_PKEY_CTX_new(mine, nullptr));
    std::size_t size = 0;
    if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 || EVP_PKEY_derive_set_peer(ctx.get(), theirs) != 1 ||
        EVP_PKEY_derive(ctx.get(), nullptr, &size) != 1)
        fail("ECDH failed");
    std::string secret(size, '\0');
    if (EVP_PKEY_derive(ctx.get(), reinterpret_cast<unsigned char*>(&secret[0]), &size) != 1)
        fail("ECDH failed");
    secret.resize(size);
    return secret;
}

std::string hmacSha256(const std::string& key, const std::string& data)
{
    unsigned char out[32];
    unsigned int size = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), bytes(data), data.size(), out, &size);
    return std::string(reinterpret_cast<char*>(out), size);
}

/// HKDF-SHA256 (RFC 5869) for outputs of at most one block.
std::string hkdf(const std::string& salt, const std::string& ikm, const std::string& info, std::size_t length)
{
    const std::string prk = hmacSha256(salt, ikm);
    return hmacSha256(prk, info + '\x01').substr(0, length);
}

std::string aes128gcm(const std::string& key, const std::string& nonce, const std::string& plaintext)
{
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    std::string out(plaintext.size() + 16, '\0');
    int len = 0, finalLen = 0;
    const bool ok = ctx && EVP_EncryptInit_ex(ctx, EVP_aes_128_gcm(), nullptr, nullptr, nullptr) == 1 &&
                    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce.size()), nullptr) == 1 &&
                    EVP_EncryptInit_ex(ctx, nullptr, nullptr, bytes(key), bytes(nonce)) == 1 &&
                    EVP_EncryptUpdate(ctx, reinterpret_cast<unsigned char*>(&out[0]), &len, bytes(plaintext),
                                      static_cast<int>(plaintext.size())) == 1 &&
                    EVP_EncryptFinal_ex(ctx, reinterpret_cast<unsigned char*>(&out[0]) + len, &finalLen) == 1 &&
                    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, &out[static_cast<std::size_t>(len + finalLen)]) == 1;
    EVP_CIPHER_CTX_free(ctx);
    if (!ok)
        fail("payload encryption failed");
    out.resize(static_cast<std::size_t>(len + finalLen) + 16);
    return out;
}

std::string randomBytes(std::size_t n)
{
    std::string out(n, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(&out[0]), static_cast<int>(n)) != 1)
        fail("the system random generator failed");
    return out;
}

/// ES256 over data: the raw 64-byte r || s a JWT carries (OpenSSL gives DER).
std::string es256(EVP_PKEY* key, const std::string& data)
{
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    std::size_t size = 0;
    std::string der;
    bool ok = md && EVP_DigestSignInit(md, nullptr, EVP_sha256(), nullptr, key) == 1 &&
              EVP_DigestSign(md, nullptr, &size, bytes(data), data.size()) == 1;
    if (ok) {
        der.resize(size);
        ok = EVP_DigestSign(md, reinterpret_cast<unsigned char*>(&der[0]), &size, bytes(data), data.size()) == 1;
        der.resize(size);
    }
    EVP_MD_CTX_free(md);
    if (!ok)
        fail("signing failed");
    const unsigned char* p = bytes(der);
    ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size()));
    if (!sig)
        fail("signing failed");
    std::string raw(64, '\0');
    BN_bn2binpad(ECDSA_SIG_get0_r(sig), reinterpret_cast<unsigned char*>(&raw[0]), 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(sig), reinterpret_cast<unsigned char*>(&raw[32]), 32);
    ECDSA_SIG_free(sig);
    return raw;
}

} // namespace

struct WebPush::Key
{
    Pkey pkey;
};

std::string WebPush::endpointRefusal(const std::string& endpoint, const config::Settings& settings)
{
    try {
        return TargetPolicy::forCallbacks(settings).refusal(Poco::URI(endpoint));
    } catch (const Poco::Exception&) {
        return "the endpoint is not a valid URL";
    }
}

bool WebPush::configured(const config::Settings& settings)
{
    return !settings.vapidPublicKey.empty() && !settings.vapidPrivateKey.empty() && !settings.vapidClaimEmail.empty();
}

WebPush::WebPush(const config::Settings& settings)
    : _key(new Key), _subject(settings.vapidClaimEmail.rfind("mailto:", 0) == 0 || settings.vapidClaimEmail.rfind("https:", 0) == 0
                                  ? settings.vapidClaimEmail
                                  : "mailto:" + settings.vapidClaimEmail),
      _caFile(settings.pushCaFile)
{
    const std::string scalar = unbase64url(settings.vapidPrivateKey);
    if (scalar.size() != 32)
        fail("VAPID_PRIVATE_KEY must be the base64url 32-byte private key");
    const std::string point = publicPointOf(scalar);
    if (unbase64url(settings.vapidPublicKey) != point)
        fail("VAPID_PUBLIC_KEY does not belong to VAPID_PRIVATE_KEY");
    _key->pkey = p256Key(point, scalar);
    _publicKey = base64url(point);
}

WebPush::~WebPush() = default;

std::string WebPush::encrypt(const std::string& plaintext, const std::string& p256dh, const std::string& auth)
{
    const std::string clientPublic = unbase64url(p256dh);
    const std::string authSecret = unbase64url(auth);
    if (clientPublic.size() != 65 || authSecret.empty())
        fail("the subscription's keys are malformed");
    Pkey client = p256Key(clientPublic);
    Pkey local(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!local)
        fail("cannot create an ephemeral key");
    const std::string localPublic = uncompressedPoint(local.get());
    const std::string shared = ecdh(local.get(), client.get());
    // RFC 8291 section 3.4: IKM from the ECDH secret and the auth secret, then CEK and nonce.
    const std::string ikm = hkdf(authSecret, shared, std::string("WebPush: info") + '\0' + clientPublic + localPublic, 32);
    const std::string salt = randomBytes(16);
    const std::string cek = hkdf(salt, ikm, std::string("Content-Encoding: aes128gcm") + '\0', 16);
    const std::string nonce = hkdf(salt, ikm, std::string("Content-Encoding: nonce") + '\0', 12);
    const std::string record = aes128gcm(cek, nonce, plaintext + '\x02'); // a single, last record
    // RFC 8188 header: salt, record size, key id length, key id (our public point).
    std::string header = salt;
    header += static_cast<char>((kRecordSize >> 24) & 0xff);
    header += static_cast<char>((kRecordSize >> 16) & 0xff);
    header += static_cast<char>((kRecordSize >> 8) & 0xff);
    header += static_cast<char>(kRecordSize & 0xff);
    header += static_cast<char>(localPublic.size());
    header += localPublic;
    return header + record;
}

std::string WebPush::authorization(const std::string& endpoint) const
{
    Poco::URI uri(endpoint);
    std::string audience = uri.getScheme() + "://" + uri.getHost();
    if (uri.getPort() != Poco::URI(uri.getScheme() + "://x").getPort())
        audience += ":" + std::to_string(uri.getPort());
    const long long exp = Poco::Timestamp().epochTime() + 12 * 3600;
    const std::string header = base64url(R"({"typ":"JWT","alg":"ES256"})");
    const std::string claims = base64url(R"({"aud":")" + audience + R"(","exp":)" + std::to_string(exp) + R"(,"sub":")" + _subject + "\"}");
    const std::string signature = base64url(es256(_key->pkey.get(), header + "." + claims));
    return "vapid t=" + header + "." + claims + "." + signature + ", k=" + _publicKey;
}

int WebPush::send(const std::string& endpoint, const std::string& p256dh, const std::string& auth,
                  const std::string& payload) const
{
    try {
        const std::string body = encrypt(payload, p256dh, auth);
        Poco::URI uri(endpoint);
        auto sessionPtr = openHttpSession(uri, true, _caFile);
        Poco::Net::HTTPClientSession& session = *sessionPtr;
        session.setTimeout(Poco::Timespan(15, 0));
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, uri.getPathAndQuery(), Poco::Net::HTTPMessage::HTTP_1_1);
        request.set("Authorization", authorization(endpoint));
        request.set("Content-Encoding", "aes128gcm");
        request.set("TTL", "86400");
        request.set("Urgency", "normal");
        request.setContentType("application/octet-stream");
        request.setContentLength(static_cast<std::streamsize>(body.size()));
        session.sendRequest(request) << body;
        Poco::Net::HTTPResponse response;
        session.receiveResponse(response); // the body is not needed (nor read: a slow one cannot hold us)
        return response.getStatus();
    } catch (const std::exception&) {
        return 0;
    }
}

} // namespace analysis
} // namespace jji
