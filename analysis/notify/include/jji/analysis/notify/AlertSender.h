#ifndef JJI_ANALYSIS_NOTIFY_ALERTSENDER_H
#define JJI_ANALYSIS_NOTIFY_ALERTSENDER_H

#include "jji/analysis/runtime/JobQueue.h"
#include "jji/config/Settings.h"

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// Alerts for the people who run the daemon, as the original service sends them: a Slack
/// incoming webhook (POST {"text": ...}) and an e-mail through an SMTP relay (STARTTLS on
/// port 587, plain SMTP on other ports; login when user and password are set), each only
/// when configured. raise() never blocks a request: an event type raised within the
/// cooldown is dropped (throttled), anything else is queued for one sender thread per
/// channel, and a full queue drops and counts (jji_alerts_total{outcome="dropped"}).
/// Neither the webhook URL nor the SMTP password is ever logged.
class AlertSender
{
public:
    static constexpr std::size_t kMaxQueued = 16;  ///< alerts waiting per channel
    static constexpr int kTimeoutSeconds = 10;     ///< per Slack request and per SMTP step

    /// The e-mail channel's settings, resolved (sender defaulted, recipients split).
    struct Email
    {
        std::string host;
        int port = 587;
        std::string user;
        std::string password;
        std::string from;
        std::string to;                      ///< the To header, as configured
        std::vector<std::string> recipients; ///< its addresses
        bool sslVerify = true;

        static Email fromSettings(const config::Settings& settings);
    };

    explicit AlertSender(const config::Settings& settings);
    ~AlertSender(); ///< alerts still queued are dropped

    AlertSender(const AlertSender&) = delete;
    AlertSender& operator=(const AlertSender&) = delete;

    /// True when a channel is configured (SLACK_WEBHOOK_URL, or SMTP_HOST with ALERT_EMAIL_TO).
    bool enabled() const { return !_channels.empty(); }

    /// Queues `text` for every channel unless an alert of `eventType` was raised less than
    /// the cooldown ago (the time is taken now, so a failed send still starts it). True
    /// when queued for at least one channel.
    bool raise(const std::string& eventType, const std::string& text);

    /// Alerts dropped because a channel's queue was full.
    unsigned long long dropped() const { return _dropped.load(); }

    /// The start-up warnings of the original about alert settings that cannot work.
    static std::vector<std::string> configurationWarnings(const config::Settings& settings);

    /// One POST of {"text": text}; true on HTTP 200 (anything else is logged, by status).
    static bool sendSlack(const std::string& webhookUrl, const std::string& text);
    /// One message, subject "[JJI Alert] <eventType>", text/plain UTF-8; true when the relay took it.
    static bool sendEmail(const Email& email, const std::string& eventType, const std::string& text);

private:
    struct Channel;

    std::vector<std::unique_ptr<Channel>> _channels;
    const std::chrono::seconds _cooldown;
    std::mutex _mutex;
    std::map<std::string, std::chrono::steady_clock::time_point> _lastRaised; ///< per event type
    std::atomic<unsigned long long> _dropped{0};
};

} // namespace analysis
} // namespace jji

#endif
