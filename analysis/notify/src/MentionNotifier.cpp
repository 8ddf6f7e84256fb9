#include "jji/analysis/notify/MentionNotifier.h"

#include "jji/analysis/model/JsonText.h"
#include "jji/storage/MentionStore.h"

#include <Poco/JSON/Object.h>
#include <Poco/Logger.h>

namespace jji {
namespace analysis {

namespace {

constexpr std::size_t kMaxPending = 200;

/// At most `bytes` bytes of `text`, never cutting a UTF-8 character.
std::string utf8Prefix(const std::string& text, std::size_t bytes)
{
    if (text.size() <= bytes)
        return text;
    std::size_t end = bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    return text.substr(0, end);
}

} // namespace

MentionNotifier::MentionNotifier(const config::Settings& settings, storage::Database& db) : _settings(settings), _db(db)
{
    if (!WebPush::configured(settings))
        return;
    try {
        _push = std::make_unique<WebPush>(settings);
    } catch (const WebPushKeyError& e) {
        _keyError = e.what();
        Poco::Logger::get("jji.push").error("web push disabled: %s", _keyError);
    }
}

const WebPush* MentionNotifier::push() const
{
    if (!_keyError.empty())
        throw WebPushKeyError(_keyError);
    return _push.get();
}

void MentionNotifier::mentioned(const std::vector<std::string>& usernames, const std::string& author,
                                const std::string& jobId, const std::string& testName, const std::string& comment)
{
    if (!_push || usernames.empty())
        return;
    if (_queue.queued() >= kMaxPending) {
        Poco::Logger::get("jji.push").warning("push queue full; mention notification dropped");
        return;
    }
    // One 4 kB record holds the message: every field is cut (on UTF-8 boundaries) to fit.
    Poco::JSON::Object::Ptr message = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    message->set("title", utf8Prefix(author, 60) + " mentioned you");
    message->set("body", utf8Prefix(comment, 200));
    message->set("url", utf8Prefix(_settings.publicBaseUrl, 500) + "/results/" + utf8Prefix(jobId, 64) + ".html");
    message->set("job_id", utf8Prefix(jobId, 64));
    message->set("test_name", utf8Prefix(testName, 500));
    const std::string payload = toJsonText(message);
    _queue.submit([this, usernames, payload] {
        storage::PushSubscriptionStore store(_db);
        for (const auto& username : usernames) {
            for (const auto& sub : store.forUser(username)) {
                // Checked before every push: the endpoint's name may resolve inside by now.
                if (const std::string refused = WebPush::endpointRefusal(sub.endpoint, _settings); !refused.empty()) {
                    Poco::Logger::get("jji.push").warning("push to a subscription of %s refused: %s", username, refused);
                    continue;
                }
                const int status = _push->send(sub.endpoint, sub.p256dh, sub.auth, payload);
                if (status == 404 || status == 410) {
                    store.removeEndpoint(sub.endpoint);
                    Poco::Logger::get("jji.push").information("removed a gone subscription of %s", username);
                } else if (status < 200 || status >= 300) {
                    Poco::Logger::get("jji.push").warning("push to a subscription of %s failed (HTTP %d)", username, status);
                }
            }
        }
    });
}

} // namespace analysis
} // namespace jji
