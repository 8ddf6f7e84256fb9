#include "jji/analysis/notify/AlertSender.h"

#include "jji/analysis/model/JsonText.h"
#include "jji/analysis/runtime/HttpSession.h"
#include "jji/storage/Metrics.h"

#include <Poco/Environment.h>
#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SecureSMTPClientSession.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/NullStream.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <Poco/URI.h>

#include <algorithm>
#include <functional>
#include <sstream>

namespace jji {
namespace analysis {

namespace {

Poco::Logger& alertLog()
{
    static Poco::Logger& log = Poco::Logger::get("jji.alerts");
    return log;
}

void countAlert(const std::string& channel, const char* outcome)
{
    storage::Metrics::instance().count("jji_alerts_total", {{"channel", channel}, {"outcome", outcome}});
}

/// An error text with the secret taken out (a relay may repeat what it was sent).
std::string without(std::string text, const std::string& secret)
{
    if (!secret.empty())
        Poco::replaceInPlace(text, secret, std::string("***"));
    return text;
}

/// Connects within the timeout (the session's own constructor would wait for the kernel's).
Poco::Net::StreamSocket connectTo(const std::string& host, int port)
{
    Poco::Net::StreamSocket socket;
    socket.connect(Poco::Net::SocketAddress(host, static_cast<Poco::UInt16>(port)),
                   Poco::Timespan(AlertSender::kTimeoutSeconds, 0));
    return socket;
}

/// The mechanism the relay offers (AUTH line of its EHLO reply) that Python's smtplib would
/// pick first: CRAM-MD5, then PLAIN, then LOGIN.
Poco::Net::SMTPClientSession::LoginMethod loginMethodFor(const std::string& ehloReply)
{
    std::vector<std::string> offered;
    std::istringstream lines(ehloReply);
    std::string line;
    while (std::getline(lines, line)) {
        std::string text = Poco::toUpper(Poco::trim(line.size() > 4 ? line.substr(4) : ""));
        if (text.rfind("AUTH", 0) != 0)
            continue;
        std::replace(text.begin(), text.end(), '=', ' ');
        Poco::StringTokenizer words(text, " ", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
        offered.insert(offered.end(), words.begin(), words.end());
    }
    auto offers = [&](const char* name) { return std::find(offered.begin(), offered.end(), name) != offered.end(); };
    if (offers("CRAM-MD5"))
        return Poco::Net::SMTPClientSession::AUTH_CRAM_MD5;
    if (offers("PLAIN"))
        return Poco::Net::SMTPClientSession::AUTH_PLAIN;
    return Poco::Net::SMTPClientSession::AUTH_LOGIN;
}

void compose(Poco::Net::MailMessage& message, const AlertSender::Email& email, const std::string& eventType,
             const std::string& text)
{
    message.setSender(email.from);
    for (const auto& address : email.recipients)
        message.addRecipient(Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, address));
    message.setSubject("[JJI Alert] " + eventType);
    message.setContentType("text/plain; charset=UTF-8");
    message.setContent(text, Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
}

} // namespace

/// One way out (Slack, e-mail): its own sender thread and bounded queue.
struct AlertSender::Channel
{
    std::string name;
    std::function<bool(const std::string& eventType, const std::string& text)> send;
    JobQueue queue{1};
};

AlertSender::Email AlertSender::Email::fromSettings(const config::Settings& s)
{
    Email e;
    e.host = s.smtpHost;
    e.port = s.smtpPort;
    e.user = s.smtpUser;
    e.password = s.smtpPassword;
    e.from = !s.smtpFrom.empty() ? s.smtpFrom : !s.smtpUser.empty() ? s.smtpUser : "jji@" + s.smtpHost;
    e.to = s.alertEmailTo;
    Poco::StringTokenizer addresses(s.alertEmailTo, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    e.recipients.assign(addresses.begin(), addresses.end());
    e.sslVerify = s.smtpSslVerify;
    return e;
}

AlertSender::AlertSender(const config::Settings& settings) : _cooldown(settings.alertCooldownSeconds)
{
    if (!settings.slackWebhookUrl.empty()) {
        auto slack = std::make_unique<Channel>();
        slack->name = "slack";
        slack->send = [url = settings.slackWebhookUrl](const std::string&, const std::string& text) {
            return sendSlack(url, text);
        };
        _channels.push_back(std::move(slack));
    }
    const Email email = Email::fromSettings(settings);
    if (!email.host.empty() && !email.recipients.empty()) {
        auto mail = std::make_unique<Channel>();
        mail->name = "email";
        mail->send = [email](const std::string& eventType, const std::string& text) {
            return sendEmail(email, eventType, text);
        };
        _channels.push_back(std::move(mail));
    }
}

AlertSender::~AlertSender()
{
    for (auto& channel : _channels)
        channel->queue.stop();
}

bool AlertSender::raise(const std::string& eventType, const std::string& text)
{
    if (_channels.empty())
        return false;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        const auto now = std::chrono::steady_clock::now();
        auto last = _lastRaised.find(eventType);
        if (last != _lastRaised.end() && now - last->second < _cooldown) {
            if (alertLog().debug())
                alertLog().debug("Alert throttled for event_type=" + eventType);
            return false;
        }
        _lastRaised[eventType] = now;
    }
    bool queued = false;
    for (auto& channel : _channels) {
        if (channel->queue.queued() + channel->queue.running() >= kMaxQueued) {
            ++_dropped;
            countAlert(channel->name, "dropped");
            alertLog().warning("%s alert queue full: %s alert dropped", channel->name, eventType);
            continue;
        }
        Channel* target = channel.get();
        channel->queue.submit([target, eventType, text] {
            const bool sent = target->send(eventType, text);
            countAlert(target->name, sent ? "sent" : "failed");
            if (sent)
                alertLog().information("%s alert sent to %s", eventType, target->name);
        });
        queued = true;
    }
    return queued;
}

std::vector<std::string> AlertSender::configurationWarnings(const config::Settings& s)
{
    std::vector<std::string> warnings;
    if (!s.slackWebhookUrl.empty() && s.slackWebhookUrl.rfind("https://", 0) != 0)
        warnings.push_back("SLACK_WEBHOOK_URL does not start with https://. Slack webhooks should use HTTPS.");
    if (!s.smtpHost.empty() && s.alertEmailTo.empty())
        warnings.push_back("SMTP_HOST is set but ALERT_EMAIL_TO is not. Email alerts will not be sent.");
    if (!s.alertEmailTo.empty() && s.smtpHost.empty())
        warnings.push_back("ALERT_EMAIL_TO is set but SMTP_HOST is not. Email alerts will not be sent.");
    return warnings;
}

bool AlertSender::sendSlack(const std::string& webhookUrl, const std::string& text)
{
    Poco::JSON::Object::Ptr payload = orderedObject();
    payload->set("text", text);
    const std::string body = toJsonText(payload);
    try {
        const Poco::URI uri(webhookUrl);
        const int status = postJsonOnce(uri, {}, body, kTimeoutSeconds);
        if (status == Poco::Net::HTTPResponse::HTTP_OK)
            return true;
        alertLog().warning("Slack webhook returned HTTP %d", status);
    } catch (const Poco::Exception& e) {
        // The URL (its path is the credential) is not repeated; Poco's text names the host at most.
        alertLog().warning("Slack alert not sent: %s", without(e.displayText(), webhookUrl));
    }
    return false;
}

bool AlertSender::sendEmail(const Email& email, const std::string& eventType, const std::string& text)
{
    const bool login = !email.user.empty() && !email.password.empty();
    try {
        Poco::Net::SecureSMTPClientSession session(connectTo(email.host, email.port));
        session.setTimeout(Poco::Timespan(kTimeoutSeconds, 0));
        session.login(); // EHLO
        if (email.port == 587) {
            // As the original: STARTTLS on the submission port; credentials never go in clear there.
            if (!session.startTLS(tlsClientContext(email.sslVerify)))
                throw Poco::Net::SMTPException("the relay refused STARTTLS");
            if (!login)
                session.login(); // EHLO again, over TLS
        }
        if (login) {
            std::string ehlo;
            session.sendCommand("EHLO", Poco::Environment::nodeName(), ehlo);
            session.login(loginMethodFor(ehlo), email.user, email.password);
        }
        Poco::Net::MailMessage message;
        compose(message, email, eventType, text);
        session.sendMessage(message);
        session.close();
        return true;
    } catch (const Poco::Exception& e) {
        alertLog().warning("e-mail alert not sent via %s:%d: %s", email.host, email.port,
                           without(e.displayText(), email.password));
    }
    return false;
}

} // namespace analysis
} // namespace jji
