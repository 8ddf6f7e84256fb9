#include "jji/storage/SecretBox.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/File.h>
#include <Poco/Path.h>

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

namespace jji {
namespace storage {

namespace {

constexpr std::size_t kNonceBytes = 12;
constexpr std::size_t kTagBytes = 16;
const std::string kPrefix = "v1:";

std::string toBase64(const std::string& bytes)
{
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder << bytes;
    encoder.close();
    return out.str();
}

std::string fromBase64(const std::string& text)
{
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in);
    std::string bytes((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
    if (in.bad() || decoder.bad())
        throw SecretBoxError("not base64");
    return bytes;
}

std::string randomBytes(std::size_t n)
{
    std::string bytes(n, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(&bytes[0]), static_cast<int>(n)) != 1)
        throw SecretBoxError("the system random generator failed");
    return bytes;
}

SecretBox::Key keyFromText(const std::string& text)
{
    SecretBox::Key key{};
    std::string decoded;
    try {
        decoded = fromBase64(text);
    } catch (const std::exception&) {
    }
    if (decoded.size() == key.size()) {
        std::memcpy(key.data(), decoded.data(), key.size());
        return key;
    }
    SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), key.data());
    return key;
}

/// Reads the key file, creating it on first use: written to a private temporary file,
/// flushed to disk, then linked into place (link fails if another process won the race),
/// so the key file is never seen empty or half-written.
std::string keyFileText(const std::string& dataDir)
{
    Poco::File(dataDir).createDirectories();
    const std::string path = Poco::Path(dataDir).append("encryption.key").toString();
    if (!Poco::File(path).exists()) {
        const std::string temp = path + ".tmp." + std::to_string(::getpid());
        int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd < 0)
            throw SecretBoxError("cannot create " + temp);
        const std::string text = toBase64(randomBytes(32)) + "\n";
        const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
        ::close(fd);
        const bool linked = ok && ::link(temp.c_str(), path.c_str()) == 0;
        ::unlink(temp.c_str());
        if (!ok || (!linked && !Poco::File(path).exists()))
            throw SecretBoxError("cannot write " + path);
    }
    std::ifstream in(path);
    std::string text;
    std::getline(in, text);
    if (text.empty())
        throw SecretBoxError("cannot read the encryption key from " + path);
    return text;
}

struct CipherContextDeleter
{
    void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, CipherContextDeleter>;

unsigned char* bytes(std::string& s) { return reinterpret_cast<unsigned char*>(&s[0]); }
const unsigned char* bytes(const std::string& s) { return reinterpret_cast<const unsigned char*>(s.data()); }

} // namespace

SecretBox SecretBox::fromSettings(const config::Settings& settings)
{
    return SecretBox(keyFromText(settings.encryptionKey.empty() ? keyFileText(settings.dataDir) : settings.encryptionKey));
}

std::string SecretBox::seal(const std::string& plaintext) const
{
    const std::string nonce = randomBytes(kNonceBytes);
    std::string out(plaintext.size() + 1, '\0'); // +1: never hand OpenSSL an empty buffer
    CipherContext ctx(EVP_CIPHER_CTX_new());
    int len = 0, finalLen = 0;
    if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) != 1
        || EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, _key.data(), bytes(nonce)) != 1
        || EVP_EncryptUpdate(ctx.get(), bytes(out), &len, bytes(plaintext), static_cast<int>(plaintext.size())) != 1
        || EVP_EncryptFinal_ex(ctx.get(), bytes(out) + len, &finalLen) != 1)
        throw SecretBoxError("encryption failed");
    out.resize(static_cast<std::size_t>(len + finalLen));
    std::string tag(kTagBytes, '\0');
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, bytes(tag)) != 1)
        throw SecretBoxError("encryption failed");
    return kPrefix + toBase64(nonce + out + tag);
}

std::string SecretBox::open(const std::string& sealed) const
{
    if (sealed.compare(0, kPrefix.size(), kPrefix) != 0)
        throw SecretBoxError("unknown secret format");
    const std::string raw = fromBase64(sealed.substr(kPrefix.size()));
    if (raw.size() < kNonceBytes + kTagBytes)
        throw SecretBoxError("secret too short");
    const std::string nonce = raw.substr(0, kNonceBytes);
    const std::string cipher = raw.substr(kNonceBytes, raw.size() - kNonceBytes - kTagBytes);
    std::string tag = raw.substr(raw.size() - kTagBytes);
    std::string out(cipher.size() + 1, '\0');
    CipherContext ctx(EVP_CIPHER_CTX_new());
    int len = 0, finalLen = 0;
    if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) != 1
        || EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, _key.data(), bytes(nonce)) != 1
        || EVP_DecryptUpdate(ctx.get(), bytes(out), &len, bytes(cipher), static_cast<int>(cipher.size())) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, bytes(tag)) != 1
        || EVP_DecryptFinal_ex(ctx.get(), bytes(out) + len, &finalLen) != 1)
        throw SecretBoxError("cannot open secret: wrong key or tampered text");
    out.resize(static_cast<std::size_t>(len + finalLen));
    return out;
}

} // namespace storage
} // namespace jji
