#include "jji/config/SettingsLoader.h"

#include <Poco/AutoPtr.h>
#include <Poco/Exception.h>
#include <Poco/NumberParser.h>
#include <Poco/Path.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <Poco/Util/IniFileConfiguration.h>

#include <functional>

extern char** environ;

namespace jji {
namespace config {

namespace {

const std::string kAiCommandPrefix = "JJI_AI_COMMAND_";

/// One option: how to assign it from text and how to show it.
struct Option
{
    std::string name;
    bool secret;
    std::function<void(Settings&, const std::string&)> assign;
    std::function<std::string(const Settings&)> show;
};

[[noreturn]] void invalid(const std::string& name, const std::string& value, const std::string& expected)
{
    throw SettingsError(name + "=" + value + " is invalid: expected " + expected);
}

int parseInt(const std::string& name, const std::string& text, int min, int max)
{
    int value = 0;
    if (!Poco::NumberParser::tryParse(Poco::trim(text), value) || value < min || value > max)
        invalid(name, text, "an integer from " + std::to_string(min) + " to " + std::to_string(max));
    return value;
}

bool parseBool(const std::string& name, const std::string& text)
{
    std::string v = Poco::toLower(Poco::trim(text));
    if (v == "1" || v == "true" || v == "yes" || v == "on")
        return true;
    if (v == "0" || v == "false" || v == "no" || v == "off")
        return false;
    invalid(name, text, "true or false");
}

Option stringOption(const std::string& name, std::string Settings::*member, bool secret = false)
{
    return {name, secret,
            [member](Settings& s, const std::string& v) { s.*member = Poco::trim(v); },
            [member](const Settings& s) { return s.*member; }};
}

Option intOption(const std::string& name, int Settings::*member, int min, int max)
{
    return {name, false,
            [name, member, min, max](Settings& s, const std::string& v) { s.*member = parseInt(name, v, min, max); },
            [member](const Settings& s) { return std::to_string(s.*member); }};
}

Option boolOption(const std::string& name, bool Settings::*member)
{
    return {name, false,
            [name, member](Settings& s, const std::string& v) { s.*member = parseBool(name, v); },
            [member](const Settings& s) { return std::string(s.*member ? "true" : "false"); }};
}

/// A switch whose absence (or "auto") means "decide from the rest of the configuration".
Option autoBoolOption(const std::string& name, std::optional<bool> Settings::*member)
{
    return {name, false,
            [name, member](Settings& s, const std::string& v) {
                std::string t = Poco::toLower(Poco::trim(v));
                if (t.empty() || t == "auto")
                    s.*member = std::nullopt;
                else
                    s.*member = parseBool(name, v);
            },
            [member](const Settings& s) {
                const auto& value = s.*member;
                return std::string(!value ? "auto" : (*value ? "true" : "false"));
            }};
}

void assignLogLevel(Settings& s, const std::string& v)
{
    static const std::vector<std::string> levels{"trace", "debug", "info", "warning", "error", "critical"};
    std::string level = Poco::toLower(Poco::trim(v));
    if (std::find(levels.begin(), levels.end(), level) == levels.end())
        invalid("LOG_LEVEL", v, "one of trace, debug, info, warning, error, critical");
    s.logLevel = level;
}

/// A comma-separated list, items trimmed, empty items dropped.
Option listOption(const std::string& name, std::vector<std::string> Settings::*member)
{
    return {name, false,
            [member](Settings& s, const std::string& v) {
                (s.*member).clear();
                Poco::StringTokenizer tokens(v, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
                for (const auto& t : tokens)
                    (s.*member).push_back(t);
            },
            [member](const Settings& s) {
                std::string out;
                for (const auto& item : s.*member)
                    out += (out.empty() ? "" : ",") + item;
                return out;
            }};
}

void assignAiTools(Settings& s, const std::string& v)
{
    const std::string mode = Poco::toLower(Poco::trim(v));
    if (mode != "readonly" && mode != "full")
        invalid("JJI_AI_TOOLS", v, "readonly or full");
    s.aiTools = mode;
}

void assignNotifyResults(Settings& s, const std::string& v)
{
    static const std::vector<std::string> known{"SUCCESS", "UNSTABLE", "FAILURE", "ABORTED", "NOT_BUILT"};
    s.notifyResults.clear();
    Poco::StringTokenizer tokens(v, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const auto& t : tokens) {
        std::string result = Poco::toUpper(t);
        if (std::find(known.begin(), known.end(), result) == known.end())
            invalid("JJI_NOTIFY_RESULTS", v, "a comma-separated list of SUCCESS, UNSTABLE, FAILURE, ABORTED, NOT_BUILT");
        s.notifyResults.push_back(result);
    }
}

std::string joinNotifyResults(const Settings& s)
{
    std::string out;
    for (const auto& r : s.notifyResults)
        out += (out.empty() ? "" : ",") + r;
    return out;
}

const std::vector<Option>& optionTable()
{
    static const std::vector<Option> table{
        intOption("PORT", &Settings::port, 0, 65535), // 0 = any free port (logged)
        stringOption("JJI_BIND", &Settings::bind),
        stringOption("JJI_DATA_DIR", &Settings::dataDir),
        stringOption("DB_PATH", &Settings::dbPath),
        stringOption("DATABASE_URL", &Settings::databaseUrl, true),
        {"LOG_LEVEL", false, assignLogLevel, [](const Settings& s) { return s.logLevel; }},
        stringOption("PUBLIC_BASE_URL", &Settings::publicBaseUrl),
        stringOption("ADMIN_KEY", &Settings::adminKey, true),
        listOption("ALLOWED_USERS", &Settings::allowedUsers),
        boolOption("SECURE_COOKIES", &Settings::secureCookies),
        intOption("JJI_SESSION_DAYS", &Settings::sessionDays, 1, 365),
        boolOption("TRUST_PROXY_HEADERS", &Settings::trustProxyHeaders),
        stringOption("JJI_ENCRYPTION_KEY", &Settings::encryptionKey, true),
        listOption("JJI_CALLBACK_ALLOW_HOSTS", &Settings::callbackAllowHosts),
        listOption("JJI_FETCH_ALLOW_HOSTS", &Settings::fetchAllowHosts),
        boolOption("JJI_ALLOW_FILE_REPOS", &Settings::allowFileRepos),
        intOption("JJI_AUTH_FAILURES_PER_MINUTE", &Settings::authFailuresPerMinute, 1, 100000),
        intOption("JJI_MAX_BODY_MB", &Settings::maxBodyMb, 1, 4096),
        intOption("JJI_HTTP_THREADS", &Settings::httpThreads, 2, 1024),
        intOption("JJI_HTTP_QUEUE", &Settings::httpQueue, 1, 100000),
        intOption("JJI_HEADER_TIMEOUT_SECONDS", &Settings::headerTimeoutSeconds, 1, 3600),
        intOption("JJI_KEEPALIVE_TIMEOUT_SECONDS", &Settings::keepAliveTimeoutSeconds, 1, 3600),
        intOption("JJI_MAX_CONNECTIONS", &Settings::maxConnections, 1, 1000000),
        intOption("JJI_MAX_CONNECTIONS_PER_CLIENT", &Settings::maxConnectionsPerClient, 1, 1000000),
        intOption("JJI_MEMORY_BUDGET_MB", &Settings::memoryBudgetMb, 0, 1048576),
        intOption("JJI_MAX_QUEUED_JOBS", &Settings::maxQueuedJobs, 1, 1000000),
        intOption("JJI_MAX_QUEUED_JOBS_PER_CLIENT", &Settings::maxQueuedJobsPerClient, 1, 1000000),
        intOption("JJI_MAX_UNIQUE_ERRORS", &Settings::maxUniqueErrors, 1, 100000),
        intOption("JJI_MAX_CONCURRENT_ANALYSES", &Settings::maxConcurrentAnalyses, 1, 256),
        stringOption("JJI_WEBHOOK_TOKEN", &Settings::webhookToken, true),
        {"JJI_NOTIFY_RESULTS", false, assignNotifyResults, joinNotifyResults},
        intOption("JJI_JOB_LEASE_SECONDS", &Settings::jobLeaseSeconds, 3, 86400),
        intOption("JJI_WAIT_MINUTE_SECONDS", &Settings::waitMinuteSeconds, 1, 60),
        intOption("JJI_MAX_CHILD_DEPTH", &Settings::maxChildDepth, 0, 20),
        stringOption("METADATA_RULES_FILE", &Settings::metadataRulesFile),

        stringOption("JENKINS_URL", &Settings::jenkinsUrl),
        stringOption("JENKINS_USER", &Settings::jenkinsUser),
        stringOption("JENKINS_PASSWORD", &Settings::jenkinsPassword, true),
        boolOption("JENKINS_SSL_VERIFY", &Settings::jenkinsSslVerify),
        intOption("JENKINS_TIMEOUT", &Settings::jenkinsTimeout, 1, 3600),
        stringOption("TESTS_REPO_URL", &Settings::testsRepoUrl),
        stringOption("TESTS_REPO_TOKEN", &Settings::testsRepoToken, true),
        stringOption("JJI_GIT_COMMAND", &Settings::gitCommand),
        boolOption("JJI_KEEP_WORKSPACE", &Settings::keepWorkspace),
        boolOption("WAIT_FOR_COMPLETION", &Settings::waitForCompletion),
        intOption("POLL_INTERVAL_MINUTES", &Settings::pollIntervalMinutes, 1, 1440),
        intOption("MAX_WAIT_MINUTES", &Settings::maxWaitMinutes, 0, 100000),
        boolOption("FORCE_ANALYSIS", &Settings::forceAnalysis),
        boolOption("GET_JOB_ARTIFACTS", &Settings::getJobArtifacts),
        intOption("JENKINS_ARTIFACTS_MAX_SIZE_MB", &Settings::jenkinsArtifactsMaxSizeMb, 1, 100000),

        stringOption("AI_PROVIDER", &Settings::aiProvider),
        stringOption("AI_MODEL", &Settings::aiModel),
        intOption("AI_CLI_TIMEOUT", &Settings::aiCliTimeoutMinutes, 1, 1440),
        intOption("JJI_AI_CLI_TIMEOUT_SECONDS", &Settings::aiCliTimeoutSeconds, 0, 86400),
        intOption("MAX_CONCURRENT_AI_CALLS", &Settings::maxConcurrentAiCalls, 1, 256),
        {"JJI_AI_TOOLS", false, assignAiTools, [](const Settings& s) { return s.aiTools; }},
        stringOption("JJI_AI_PRICES_FILE", &Settings::aiPricesFile),
        intOption("JJI_REUSE_DAYS", &Settings::reuseDays, 0, 3650),
        intOption("JJI_HISTORY_PROMPT_CHARS", &Settings::historyPromptChars, 0, 100000),
        intOption("JJI_HISTORY_BUILDS", &Settings::historyBuilds, 1, 1000),
        stringOption("JJI_RULES_FILE", &Settings::rulesFile),
        stringOption("PEER_AI_CONFIGS", &Settings::peerAiConfigs),
        intOption("PEER_ANALYSIS_MAX_ROUNDS", &Settings::peerAnalysisMaxRounds, 1, 10),
        // May carry clone tokens after '@', so it is masked when printed.
        stringOption("ADDITIONAL_REPOS", &Settings::additionalRepos, true),

        stringOption("JIRA_URL", &Settings::jiraUrl),
        stringOption("JIRA_EMAIL", &Settings::jiraEmail),
        stringOption("JIRA_API_TOKEN", &Settings::jiraApiToken, true),
        stringOption("JIRA_PAT", &Settings::jiraPat, true),
        stringOption("JIRA_PROJECT_KEY", &Settings::jiraProjectKey),
        boolOption("JIRA_SSL_VERIFY", &Settings::jiraSslVerify),
        intOption("JIRA_MAX_RESULTS", &Settings::jiraMaxResults, 1, 100),
        autoBoolOption("ENABLE_JIRA", &Settings::enableJira),
        autoBoolOption("ENABLE_JIRA_ISSUES", &Settings::enableJiraIssues),

        stringOption("GITHUB_TOKEN", &Settings::githubToken, true),
        autoBoolOption("ENABLE_GITHUB_ISSUES", &Settings::enableGithubIssues),
        stringOption("GITHUB_API_URL", &Settings::githubApiUrl),
        stringOption("JJI_FEEDBACK_REPO_URL", &Settings::feedbackRepoUrl),

        stringOption("REPORTPORTAL_URL", &Settings::reportportalUrl),
        stringOption("REPORTPORTAL_API_TOKEN", &Settings::reportportalApiToken, true),
        stringOption("REPORTPORTAL_PROJECT", &Settings::reportportalProject),
        boolOption("REPORTPORTAL_VERIFY_SSL", &Settings::reportportalVerifySsl),
        autoBoolOption("ENABLE_REPORTPORTAL", &Settings::enableReportportal),

        stringOption("VAPID_PUBLIC_KEY", &Settings::vapidPublicKey),
        stringOption("VAPID_PRIVATE_KEY", &Settings::vapidPrivateKey, true),
        stringOption("VAPID_CLAIM_EMAIL", &Settings::vapidClaimEmail),
        stringOption("JJI_PUSH_CA_FILE", &Settings::pushCaFile),

        // The webhook URL's path is Slack's credential: masked like a password.
        stringOption("SLACK_WEBHOOK_URL", &Settings::slackWebhookUrl, true),
        stringOption("SMTP_HOST", &Settings::smtpHost),
        intOption("SMTP_PORT", &Settings::smtpPort, 1, 65535),
        stringOption("SMTP_USER", &Settings::smtpUser),
        stringOption("SMTP_PASSWORD", &Settings::smtpPassword, true),
        stringOption("SMTP_FROM", &Settings::smtpFrom),
        stringOption("ALERT_EMAIL_TO", &Settings::alertEmailTo),
        boolOption("SMTP_SSL_VERIFY", &Settings::smtpSslVerify),
        intOption("JJI_ALERT_COOLDOWN_SECONDS", &Settings::alertCooldownSeconds, 1, 86400),
    };
    return table;
}

const Option* findOption(const std::string& name)
{
    for (const auto& option : optionTable())
        if (option.name == name)
            return &option;
    return nullptr;
}

/// Applies one name/value pair; returns false when the name is not an option.
bool apply(Settings& settings, const std::string& rawName, const std::string& value)
{
    std::string name = Poco::toUpper(rawName);
    if (name.rfind(kAiCommandPrefix, 0) == 0 && name.size() > kAiCommandPrefix.size()) {
        std::string provider = Poco::toLower(name.substr(kAiCommandPrefix.size()));
        if (Poco::trim(value).empty())
            settings.aiCommands.erase(provider);
        else
            settings.aiCommands[provider] = Poco::trim(value);
        return true;
    }
    const Option* option = findOption(name);
    if (!option)
        return false;
    option->assign(settings, value);
    return true;
}

void applyIniFile(Settings& settings, const std::string& path)
{
    Poco::AutoPtr<Poco::Util::IniFileConfiguration> ini;
    try {
        ini = new Poco::Util::IniFileConfiguration(path);
    } catch (const Poco::Exception& e) {
        throw SettingsError("cannot read config file " + path + ": " + e.displayText());
    }
    // Keys may sit at top level or in any section ("[jenkins]\nJENKINS_URL=..."): only the
    // last key component is the option name.
    std::function<void(const std::string&)> walk = [&](const std::string& prefix) {
        Poco::Util::AbstractConfiguration::Keys keys;
        ini->keys(prefix, keys);
        for (const auto& key : keys) {
            std::string full = prefix.empty() ? key : prefix + "." + key;
            Poco::Util::AbstractConfiguration::Keys children;
            ini->keys(full, children);
            if (!children.empty()) {
                walk(full);
                continue;
            }
            if (!apply(settings, key, ini->getRawString(full)))
                throw SettingsError("unknown option " + key + " in config file " + path);
        }
    };
    walk("");
}

void validateProvider(const Settings& s)
{
    if (!s.aiProvider.empty() && !s.isKnownAiProvider(s.aiProvider))
        invalid("AI_PROVIDER", s.aiProvider,
                "claude, gemini, cursor, or a provider configured with JJI_AI_COMMAND_<PROVIDER>");
}

void validatePeerConfigs(const Settings& s)
{
    Poco::StringTokenizer entries(s.peerAiConfigs, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const auto& entry : entries) {
        auto colon = entry.find(':');
        std::string provider = colon == std::string::npos ? "" : Poco::trim(entry.substr(0, colon));
        std::string model = colon == std::string::npos ? "" : Poco::trim(entry.substr(colon + 1));
        if (provider.empty() || model.empty())
            invalid("PEER_AI_CONFIGS", entry, "provider:model pairs separated by commas");
        if (!s.isKnownAiProvider(provider))
            invalid("PEER_AI_CONFIGS", entry, "a known AI provider before ':'");
    }
}

void validateUrls(const Settings& s)
{
    if (!s.databaseUrl.empty() && s.databaseUrl.rfind("postgresql://", 0) != 0 && s.databaseUrl.rfind("postgres://", 0) != 0)
        throw SettingsError("DATABASE_URL is invalid: expected a postgresql:// URL");
    if (!s.publicBaseUrl.empty() && s.publicBaseUrl.rfind("http://", 0) != 0 && s.publicBaseUrl.rfind("https://", 0) != 0)
        invalid("PUBLIC_BASE_URL", s.publicBaseUrl, "an http:// or https:// URL");
    if (!s.slackWebhookUrl.empty() && s.slackWebhookUrl.rfind("http://", 0) != 0 && s.slackWebhookUrl.rfind("https://", 0) != 0)
        throw SettingsError("SLACK_WEBHOOK_URL is invalid: expected an http:// or https:// URL"); // the value is a secret
}

std::string defaultDataDir(const SettingsLoader::NameValues& env)
{
    auto xdg = env.find("XDG_DATA_HOME");
    if (xdg != env.end() && !xdg->second.empty())
        return Poco::Path(xdg->second).append("jji").toString();
    auto home = env.find("HOME");
    if (home != env.end() && !home->second.empty())
        return Poco::Path(home->second).append(".local/share/jji").toString();
    return "/var/lib/jji";
}

} // namespace

Settings SettingsLoader::load(const Sources& sources)
{
    Settings settings;
    if (!sources.iniFile.empty())
        applyIniFile(settings, sources.iniFile);
    for (const auto& [name, value] : sources.environment) {
        if (name.rfind(kAiCommandPrefix, 0) == 0 || findOption(name))
            apply(settings, name, value);
    }
    for (const auto& [name, value] : sources.overrides) {
        if (!apply(settings, name, value))
            throw SettingsError("unknown option " + name);
    }

    while (settings.publicBaseUrl.size() > 1 && settings.publicBaseUrl.back() == '/')
        settings.publicBaseUrl.pop_back();
    if (settings.dataDir.empty())
        settings.dataDir = defaultDataDir(sources.environment);
    if (settings.dbPath.empty())
        settings.dbPath = Poco::Path(settings.dataDir).makeDirectory().setFileName("jji.db").toString();

    validateProvider(settings);
    validatePeerConfigs(settings);
    validateUrls(settings);
    return settings;
}

SettingsLoader::NameValues SettingsLoader::processEnvironment()
{
    NameValues env;
    for (char** entry = environ; entry && *entry; ++entry) {
        std::string text(*entry);
        auto eq = text.find('=');
        if (eq != std::string::npos)
            env[text.substr(0, eq)] = text.substr(eq + 1);
    }
    return env;
}

std::vector<std::pair<std::string, std::string>> SettingsLoader::describe(const Settings& settings)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& option : optionTable()) {
        std::string value = option.show(settings);
        if (option.secret && !value.empty())
            value = "********";
        out.emplace_back(option.name, value);
    }
    for (const auto& [provider, command] : settings.aiCommands)
        out.emplace_back(kAiCommandPrefix + Poco::toUpper(provider), command);
    return out;
}

} // namespace config
} // namespace jji
