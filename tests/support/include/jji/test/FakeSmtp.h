#ifndef JJI_TEST_FAKESMTP_H
#define JJI_TEST_FAKESMTP_H

#include "jji/test/FakeServer.h"
#include "jji/test/TempDir.h"

#include <Poco/JSON/Object.h>

#include <memory>
#include <string>
#include <vector>

namespace jji {
namespace test {

/// Runs tests/fakes/fake-smtp: Debian's aiosmtpd on loopback, recording each message it is
/// given (mail_from, rcpt_tos, data, tls, user); stopped when destroyed.
class FakeSmtp
{
public:
    struct Options
    {
        int port = 0;          ///< 0 = a free port
        bool starttls = false; ///< offer and require STARTTLS (self-signed certificate)
        std::string user;      ///< require AUTH with these when set
        std::string password;
    };

    /// Throws std::runtime_error when the relay cannot start (say, the port is taken).
    explicit FakeSmtp(const Options& options);

    int port() const { return _server->port(); }

    /// The messages received so far, waiting up to `seconds` for at least `count`.
    std::vector<Poco::JSON::Object::Ptr> messages(std::size_t count = 0, int seconds = 10) const;

private:
    TempDir _dir;
    std::unique_ptr<FakeServer> _server;
};

} // namespace test
} // namespace jji

#endif
