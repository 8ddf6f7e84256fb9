#ifndef JJI_CONFIG_SETTINGS_H
#define JJI_CONFIG_SETTINGS_H

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace jji {
namespace config {

/// Thrown when a configuration value is invalid; the message names the variable.
class SettingsError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Every server option with its default. Field names mirror the environment
/// variables users of the original service know (see SettingsLoader for the table).
struct Settings
{
    // Server
    int port = 8000;
    std::string bind = "0.0.0.0";
    std::string dataDir;              ///< JJI_DATA_DIR; resolved at load time
    std::string dbPath;               ///< DB_PATH; defaults to <dataDir>/jji.db
    std::string databaseUrl;          ///< DATABASE_URL (postgresql://...), wins over DB_PATH
    std::string logLevel = "info";
    std::string publicBaseUrl;
    std::string adminKey;
    std::vector<std::string> allowedUsers;
    bool secureCookies = true;
    int sessionDays = 7;              ///< JJI_SESSION_DAYS: admin sessions expire after this
    bool trustProxyHeaders = false;
    std::string encryptionKey;
    /// JJI_CALLBACK_ALLOW_HOSTS: internal hosts (names, addresses or CIDRs) a callback may reach;
    /// loopback, link-local, private and multicast targets are refused otherwise.
    std::vector<std::string> callbackAllowHosts;
    /// JJI_FETCH_ALLOW_HOSTS: the same for other URLs a request names (jenkins_url, jira_url,
    /// repositories); the hosts of the server's own configured URLs are always allowed.
    std::vector<std::string> fetchAllowHosts;
    bool allowFileRepos = false;      ///< JJI_ALLOW_FILE_REPOS: requests may clone file:// repositories
    int authFailuresPerMinute = 10;   ///< JJI_AUTH_FAILURES_PER_MINUTE: failed sign-ins/keys per client and per user
    int maxBodyMb = 64;
    // Connections (see ConnectionGate): a connection costs no thread until its request head is in.
    int httpThreads = 64;              ///< JJI_HTTP_THREADS: requests handled at once
    int httpQueue = 256;               ///< JJI_HTTP_QUEUE: complete requests waiting for a thread
    int headerTimeoutSeconds = 10;     ///< JJI_HEADER_TIMEOUT_SECONDS: accept to complete request head
    int keepAliveTimeoutSeconds = 5;   ///< JJI_KEEPALIVE_TIMEOUT_SECONDS: idle time between requests
    int maxConnections = 4096;         ///< JJI_MAX_CONNECTIONS: connections waiting for their head
    int maxConnectionsPerClient = 64;  ///< JJI_MAX_CONNECTIONS_PER_CLIENT: of those, per client address
    // Budgets: over them a request is refused with 429/503 and Retry-After, never a 500.
    int memoryBudgetMb = 0;            ///< JJI_MEMORY_BUDGET_MB: request bodies and their parsing; 0 = a quarter of RAM
    int maxQueuedJobs = 200;           ///< JJI_MAX_QUEUED_JOBS: analysis jobs held (queued, waiting, running)
    int maxQueuedJobsPerClient = 50;   ///< JJI_MAX_QUEUED_JOBS_PER_CLIENT: of those, per client address
    int maxUniqueErrors = 50;          ///< JJI_MAX_UNIQUE_ERRORS: error signatures sent to the AI per analysis
    int maxConcurrentAnalyses = 4;
    std::string webhookToken;
    std::vector<std::string> notifyResults{"FAILURE", "UNSTABLE"}; ///< JJI_NOTIFY_RESULTS: build results the webhook analyses
    int jobLeaseSeconds = 60;         ///< JJI_JOB_LEASE_SECONDS: a job unrenewed this long is taken over
    int waitMinuteSeconds = 60;       ///< JJI_WAIT_MINUTE_SECONDS: length of a poll/wait "minute" (tests shorten it)
    int maxChildDepth = 3;            ///< JJI_MAX_CHILD_DEPTH: pipeline child jobs analysed this many levels deep
    std::string metadataRulesFile;

    // Jenkins
    std::string jenkinsUrl;
    std::string jenkinsUser;
    std::string jenkinsPassword;
    bool jenkinsSslVerify = true;
    int jenkinsTimeout = 30;
    std::string testsRepoUrl;
    std::string testsRepoToken;
    std::string gitCommand = "git";  ///< JJI_GIT_COMMAND: the git executable
    bool keepWorkspace = false;       ///< JJI_KEEP_WORKSPACE: keep a failed analysis's workspace
    bool waitForCompletion = true;
    int pollIntervalMinutes = 2;
    int maxWaitMinutes = 0;
    bool forceAnalysis = false;
    bool getJobArtifacts = true;
    int jenkinsArtifactsMaxSizeMb = 500;

    // AI
    std::string aiProvider;
    std::string aiModel;
    int aiCliTimeoutMinutes = 10;
    int aiCliTimeoutSeconds = 0;      ///< JJI_AI_CLI_TIMEOUT_SECONDS: finer override when > 0
    int maxConcurrentAiCalls = 3;
    std::string peerAiConfigs;        ///< "provider:model,..."
    int peerAnalysisMaxRounds = 3;
    std::string additionalRepos;      ///< "name:url[:ref][@token],..."
    std::map<std::string, std::string> aiCommands; ///< JJI_AI_COMMAND_<PROVIDER>, key lower-case
    std::string aiTools = "readonly"; ///< JJI_AI_TOOLS: readonly (read the workspace, read-only git) or full
    std::string aiPricesFile;         ///< JJI_AI_PRICES_FILE: prices per model over the shipped table

    // Known failures
    int reuseDays = 30;               ///< JJI_REUSE_DAYS: confirmed analyses this recent are reused; 0 = never
    int historyPromptChars = 3000;    ///< JJI_HISTORY_PROMPT_CHARS: history per error group in a prompt; 0 = none
    int historyBuilds = 10;           ///< JJI_HISTORY_BUILDS: the job's latest builds the history counts in
    std::string rulesFile;            ///< JJI_RULES_FILE: YAML rules imported at start-up

    // Jira
    std::string jiraUrl;
    std::string jiraEmail;
    std::string jiraApiToken;
    std::string jiraPat;
    std::string jiraProjectKey;
    bool jiraSslVerify = true;
    int jiraMaxResults = 5;
    std::optional<bool> enableJira;          ///< unset = auto (enabled when Jira is configured)
    std::optional<bool> enableJiraIssues;

    // GitHub
    std::string githubToken;
    std::optional<bool> enableGithubIssues;
    std::string githubApiUrl = "https://api.github.com"; ///< GITHUB_API_URL: REST API for github.com repositories
    std::string feedbackRepoUrl; ///< JJI_FEEDBACK_REPO_URL: where the web UI's feedback is filed ("" = off)

    // Report Portal
    std::string reportportalUrl;
    std::string reportportalApiToken;
    std::string reportportalProject;
    bool reportportalVerifySsl = true;
    std::optional<bool> enableReportportal;

    // Web push
    std::string vapidPublicKey;
    std::string vapidPrivateKey;
    std::string vapidClaimEmail;
    std::string pushCaFile;           ///< JJI_PUSH_CA_FILE: extra CA bundle for push services (private ones, tests)

    // Alerts (a high rate of 5xx answers), as the original service sends them
    std::string slackWebhookUrl;      ///< SLACK_WEBHOOK_URL: POST {"text": ...}; its path is a credential
    std::string smtpHost;             ///< SMTP_HOST: e-mail alerts need it and ALERT_EMAIL_TO
    int smtpPort = 587;               ///< SMTP_PORT: STARTTLS on 587, plain SMTP on any other port
    std::string smtpUser;             ///< SMTP_USER: login only when the password is set too
    std::string smtpPassword;         ///< SMTP_PASSWORD
    std::string smtpFrom;             ///< SMTP_FROM: default SMTP_USER, else jji@<SMTP_HOST>
    std::string alertEmailTo;         ///< ALERT_EMAIL_TO: recipients, comma-separated
    bool smtpSslVerify = true;        ///< SMTP_SSL_VERIFY: check the relay's certificate after STARTTLS
    int alertCooldownSeconds = 300;   ///< JJI_ALERT_COOLDOWN_SECONDS: at most one alert per event type this often

    /// Body size limit in bytes, from maxBodyMb.
    std::size_t maxBodyBytes() const;
    /// True when DATABASE_URL selects PostgreSQL rather than the embedded SQLite file.
    bool usesPostgres() const;
    /// Built-in providers plus those given a JJI_AI_COMMAND_<PROVIDER>.
    bool isKnownAiProvider(const std::string& provider) const;
    /// The executable for a provider: the configured command, else the CLI's usual name.
    std::string aiCommandFor(const std::string& provider) const;
};

/// The AI providers built into the daemon.
const std::vector<std::string>& builtInAiProviders();

} // namespace config
} // namespace jji

#endif
