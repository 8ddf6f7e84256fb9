#include "jji/bridge/server/JjiServer.h"

#include "jji/analysis/ai/AiPrices.h"
#include "jji/analysis/ai/AiStatus.h"
#include "jji/analysis/runtime/ProcessRunner.h"
#include "jji/analysis/knowledge/FailureRules.h"
#include "jji/analysis/model/JsonText.h"
#include "jji/analysis/model/RequestParams.h"
#include "jji/analysis/signature/ErrorSignature.h"
#include "jji/bridge/server/ConnectionGate.h"
#include "jji/bridge/server/EscapingFormatter.h"
#include "jji/bridge/server/KeepAliveConnections.h"
#include "jji/bridge/routes/AppContext.h"
#include "jji/bridge/http/AccessLog.h"
#include "jji/bridge/http/RequestDispatcher.h"
#include "jji/bridge/http/Router.h"
#include "jji/bridge/routes/RouteTable.h"
#include "jji/config/SettingsLoader.h"
#include "jji/storage/FailureHistoryStore.h"
#include "jji/storage/Migrations.h"
#include "jji/storage/ResultStore.h"
#include "jji/storage/UserStore.h"

#include <Poco/JSON/Parser.h>
#include <Poco/AutoPtr.h>
#include <chrono>
#include <Poco/Exception.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/Net/HTTPServerConnectionFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/TCPServerDispatcher.h>
#include <Poco/Path.h>
#include <Poco/PatternFormatter.h>
#include <Poco/Thread.h>
#include <Poco/ThreadPool.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <sys/resource.h>

namespace jji {
namespace bridge {

namespace {

/// Result documents written before request secrets were split off may still carry them in
/// request_params; GET /results/{id} serves documents as stored, so they are redacted once.
std::size_t redactLegacyResults(storage::Database& db)
{
    std::vector<std::string> needles;
    for (const auto& key : analysis::secretRequestKeys())
        needles.push_back("\"" + key + "\"");
    needles.push_back("\"token\""); // additional_repos[].token
    return storage::ResultStore(db).rewriteDocumentsContaining(needles, [](const std::string& json) {
        try {
            Poco::JSON::Object::Ptr result = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
            Poco::JSON::Object::Ptr params = result ? result->getObject("request_params") : nullptr;
            if (!params)
                return json;
            result->set("request_params", analysis::redactRequestParams(params));
            return analysis::toJsonText(result);
        } catch (const std::exception&) {
            return json; // not a document this can read: left as it is
        }
    });
}

constexpr int kExitConfig = 78;   // EX_CONFIG
constexpr int kExitStorage = 73;  // EX_CANTCREAT
constexpr int kExitNetwork = 69;  // EX_UNAVAILABLE

void setUpLogging(const std::string& level)
{
    Poco::AutoPtr<Poco::PatternFormatter> formatter(new EscapingFormatter("%Y-%m-%d %H:%M:%S %p %s: %t"));
    Poco::AutoPtr<Poco::ConsoleChannel> console(new Poco::ConsoleChannel);
    Poco::AutoPtr<Poco::FormattingChannel> channel(new Poco::FormattingChannel(formatter, console));
    Poco::Logger::root().setChannel(channel);
    AccessLog::instance().start(STDERR_FILENO); // where the console channel writes (std::clog)
    // Our names follow the original service (info); Poco says "information".
    Poco::Logger::root().setLevel(level == "info" ? "information" : level);
}

/// Waits for in-flight requests after the gate stopped, at most `seconds`, closing idle
/// keep-alive connections as they appear; true when no connection is left.
bool drain(Poco::Net::TCPServerDispatcher& main, Poco::Net::TCPServerDispatcher& priority, KeepAliveConnections& keepAlive,
           int seconds)
{
    auto busy = [&] { return main.currentConnections() + priority.currentConnections() + main.queuedConnections() > 0; };
    for (int i = 0; i < seconds * 10 && busy(); ++i) {
        while (keepAlive.closeLongestIdle()) {
        }
        Poco::Thread::sleep(100);
    }
    return !busy();
}

/// Held connections cost a descriptor each: take the whole hard limit.
void raiseDescriptorLimit(Poco::Logger& log)
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &limit) != 0)
            log.warning("cannot raise the open-files limit to %lu", static_cast<unsigned long>(limit.rlim_max));
    }
}

/// --check-ai: one line per configured provider; exit 0 only when every one answered.
int checkAi(const config::Settings& settings)
{
    const auto configured = analysis::AiStatus::configured(settings);
    if (configured.empty()) {
        std::cout << "no AI provider configured: set AI_PROVIDER and AI_MODEL (and PEER_AI_CONFIGS for peers)" << std::endl;
        return 1;
    }
    analysis::AiCallLimiter limiter(settings.maxConcurrentAiCalls);
    bool allReady = true;
    for (const auto& s : analysis::AiStatus::check(settings, limiter, analysis::AiStatus::timeoutFor(settings))) {
        std::cout << s.provider << " (model " << (s.model.empty() ? "-" : s.model) << ", command " << s.command << ", "
                  << s.tools << " tools): ";
        if (s.ready)
            std::cout << "ready (" << s.durationMs << " ms)" << std::endl;
        else
            std::cout << "NOT READY: " << s.error << std::endl;
        allReady = allReady && s.ready;
    }
    return allReady ? 0 : 1;
}

} // namespace

void JjiServer::defineOptions(Poco::Util::OptionSet& options)
{
    ServerApplication::defineOptions(options);
    options.addOption(Poco::Util::Option("help", "h", "show this help and exit").required(false).repeatable(false));
    options.addOption(Poco::Util::Option("port", "p", "TCP port to listen on (PORT, default 8000)")
                          .required(false).repeatable(false).argument("PORT"));
    options.addOption(Poco::Util::Option("config", "c", "read settings from an INI file (see config/jji.ini.example)")
                          .required(false).repeatable(false).argument("FILE"));
    options.addOption(Poco::Util::Option("print-config", "", "print the effective settings (secrets masked) and exit")
                          .required(false).repeatable(false));
    options.addOption(Poco::Util::Option("check-ai", "", "run a tiny prompt through each configured AI provider, "
                                                         "print ready or the exact error, and exit (1 if any is not ready)")
                          .required(false).repeatable(false));
    options.addOption(Poco::Util::Option("set", "s", "set any option by its variable name, e.g. --set LOG_LEVEL=debug")
                          .required(false).repeatable(true).argument("NAME=VALUE"));
}

void JjiServer::handleOption(const std::string& name, const std::string& value)
{
    ServerApplication::handleOption(name, value);
    if (name == "help") {
        _helpRequested = true;
        stopOptionsProcessing();
    } else if (name == "port") {
        _overrides["PORT"] = value;
    } else if (name == "config") {
        _configFile = value;
    } else if (name == "print-config") {
        _printConfig = true;
    } else if (name == "check-ai") {
        _checkAi = true;
    } else if (name == "set") {
        auto eq = value.find('=');
        if (eq == std::string::npos || eq == 0)
            throw Poco::InvalidArgumentException("--set expects NAME=VALUE, got " + value);
        _overrides[value.substr(0, eq)] = value.substr(eq + 1);
    }
}

void JjiServer::printHelp()
{
    Poco::Util::HelpFormatter help(options());
    help.setCommand(commandName());
    help.setUsage("[OPTIONS]");
    help.setHeader("Job Insight daemon: analyses failed Jenkins builds with AI CLIs and serves the results over HTTP.\n"
                   "Every option can also be set with its environment variable (PORT, DB_PATH, AI_PROVIDER, ...).");
    help.format(std::cout);
}

int JjiServer::main(const std::vector<std::string>&)
{
    if (_helpRequested) {
        printHelp();
        return Application::EXIT_OK;
    }

    config::Settings settings;
    try {
        settings = config::SettingsLoader::load({_configFile, config::SettingsLoader::processEnvironment(), _overrides});
    } catch (const config::SettingsError& e) {
        std::cerr << "jji-server: configuration error: " << e.what() << std::endl;
        return kExitConfig;
    }
    if (_printConfig) {
        for (const auto& [name, value] : config::SettingsLoader::describe(settings))
            std::cout << name << "=" << value << "\n";
        return Application::EXIT_OK;
    }
    try {
        analysis::AiPrices::shared(settings.aiPricesFile); // a broken override stops the start, not each analysis
    } catch (const analysis::AiPricesError& e) {
        std::cerr << "jji-server: configuration error: " << e.what() << std::endl;
        return kExitConfig;
    }
    setUpLogging(settings.logLevel);
    if (_checkAi)
        return checkAi(settings);
    Poco::Logger& log = Poco::Logger::get("jji.server");

    std::unique_ptr<AppContext> context;
    try {
        // A connection for every request and analysis that can run at once, and a few for
        // the background work (leases, callbacks), so none waits for another's.
        storage::Database::PoolLimits pool;
        pool.maxSessions = settings.httpThreads + 2 + settings.maxConcurrentAnalyses + 8;
        storage::Database db = storage::Database::open(settings.usesPostgres() ? settings.databaseUrl : settings.dbPath, pool);
        const int schemaBefore = storage::Migrations::apply(db);
        if (schemaBefore > 0 && schemaBefore < 11) // results are served as stored from version 11 on
            if (std::size_t redacted = redactLegacyResults(db))
                log.information("removed request secrets from %z result document(s) written by an older version", redacted);
        // Bootstrap-admin sessions end with the process: a changed (say, leaked and replaced)
        // ADMIN_KEY must not leave sessions opened with the old one.
        storage::UserStore(db).removeSessionsOf("admin");
        if (std::size_t indexed = storage::FailureHistoryStore(db).backfillTexts())
            log.information("indexed %z failure-history rows for search", indexed);
        const auto resignStarted = std::chrono::steady_clock::now();
        if (std::size_t resigned = storage::FailureHistoryStore(db).resignOlderRows(
                analysis::ErrorSignature::kVersion, [](const std::string& message) {
                    std::string text = analysis::ErrorSignature::normalize(message, "");
                    return std::make_pair(analysis::ErrorSignature::hashText(text), text);
                }))
            log.information("signed %z failure-history rows again with error signature version %d in %.1f s", resigned,
                            analysis::ErrorSignature::kVersion,
                            std::chrono::duration<double>(std::chrono::steady_clock::now() - resignStarted).count());
        analysis::FailureRules rules(db);
        if (std::size_t added = rules.seedDefaults())
            log.information("added %z default rule(s) to the knowledge base", added);
        if (!settings.rulesFile.empty())
            log.information("imported %z rule(s) from %s", rules.importFile(settings.rulesFile), settings.rulesFile);
        log.information("database: %s (schema version %d)", db.description(), storage::Migrations::currentVersion(db));
        context = std::make_unique<AppContext>(settings, std::move(db));
    } catch (const storage::StorageError& e) {
        std::cerr << "jji-server: database error: " << e.what() << std::endl;
        return kExitStorage;
    } catch (const analysis::RuleInvalid& e) {
        std::cerr << "jji-server: configuration error: JJI_RULES_FILE: " << e.what() << std::endl;
        return kExitConfig;
    } catch (const analysis::MetadataRulesError& e) {
        std::cerr << "jji-server: configuration error: METADATA_RULES_FILE: " << e.what() << std::endl;
        return kExitConfig;
    } catch (const std::exception& e) { // e.g. the encryption key file cannot be created or read
        std::cerr << "jji-server: cannot start: " << e.what() << std::endl;
        return kExitStorage;
    }

    // AI CLIs and git a killed run of this daemon left behind (they hold API quota, and a
    // hung one would never end) go before anything new starts.
    analysis::ProcessRunner::setOwnerTag(Poco::Path(settings.dataDir).absolute().toString());
    if (const std::size_t orphans = analysis::ProcessRunner::killOrphans())
        log.warning("killed %z process(es) a previous run of this daemon left behind", orphans);

    for (const auto& warning : analysis::AlertSender::configurationWarnings(settings))
        log.warning("[startup] " + warning);

    // Before serving: a result read right after start-up already shows interrupted jobs resumed or failed.
    context->jobs.start();

    Router router;
    registerAllRoutes(router, *context);

    // Connections wait in the gate, without a thread, until their request head is in; then
    // a worker of the main lane serves them (direct analyses run inside their request for
    // minutes, so the lane is bounded and separate from /health's).
    raiseDescriptorLimit(log);
    KeepAliveConnections keepAlive;
    Poco::ThreadPool requestThreads(std::min(4, settings.httpThreads), settings.httpThreads);
    Poco::ThreadPool priorityThreads(1, 2);
    Poco::AutoPtr<Poco::Net::HTTPServerParams> params(new Poco::Net::HTTPServerParams);
    params->setMaxThreads(settings.httpThreads);
    params->setMaxQueued(settings.httpQueue);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(settings.keepAliveTimeoutSeconds, 0));
    Poco::AutoPtr<Poco::Net::HTTPServerParams> priorityParams(new Poco::Net::HTTPServerParams);
    priorityParams->setMaxThreads(2);
    priorityParams->setMaxQueued(64);
    priorityParams->setKeepAlive(false); // a health check must not hold the lane
    MemoryBudget bodyBudget(settings.memoryBudgetMb > 0 ? static_cast<std::size_t>(settings.memoryBudgetMb) * 1024 * 1024
                                                        : MemoryBudget::quarterOfRam());
    Poco::Net::HTTPRequestHandlerFactory::Ptr handlers(
        new RequestDispatcher(router, settings.maxBodyBytes(), &bodyBudget, &context->errorRates, &context->alerts));
    Poco::AutoPtr<Poco::Net::TCPServerDispatcher> mainLane(
        new Poco::Net::TCPServerDispatcher(keepAlive.connectionFactory(params, handlers), requestThreads, params));
    Poco::AutoPtr<Poco::Net::TCPServerDispatcher> priorityLane(new Poco::Net::TCPServerDispatcher(
        new Poco::Net::HTTPServerConnectionFactory(priorityParams, handlers), priorityThreads, priorityParams));
    std::unique_ptr<ConnectionGate> gate;
    try {
        Poco::Net::ServerSocket socket(Poco::Net::SocketAddress(settings.bind, static_cast<Poco::UInt16>(settings.port)), 1024);
        ConnectionGate::Limits limits;
        limits.headerTimeout = std::chrono::seconds(settings.headerTimeoutSeconds);
        limits.maxHeld = static_cast<std::size_t>(settings.maxConnections);
        limits.maxHeldPerClient = static_cast<std::size_t>(settings.maxConnectionsPerClient);
        gate = std::make_unique<ConnectionGate>(socket, limits, *mainLane, *priorityLane, keepAlive);
        gate->start();
        // With PORT=0 the kernel picks the port; log the real one (tests read it from here).
        log.information("listening on http://%s:%hu", settings.bind, socket.address().port());
    } catch (const Poco::Exception& e) {
        std::cerr << "jji-server: cannot listen on " << settings.bind << ":" << settings.port << ": " << e.displayText() << std::endl;
        context->jobs.stop();
        if (context->jobs.running() > 0)
            std::_Exit(kExitNetwork); // resumed jobs stay claimed for the next start; do not wait for them
        return kExitNetwork;
    }

    waitForTerminationRequest();
    log.information("shutting down: no new connections, letting running requests finish");
    context->jobs.stop(); // no new analyses; sync requests waiting on Jenkins answer now
    gate->stop();
    if (!drain(*mainLane, *priorityLane, keepAlive, 30)) {
        // Requests still hold the shared context: leave without tearing it down under them.
        log.warning("requests still running after 30 s; exiting without waiting for them");
        std::_Exit(Application::EXIT_OK);
    }
    mainLane->stop();
    priorityLane->stop();
    if (context->jobs.running() > 0) {
        // Their rows stay claimed by this node; the next start (or, with PostgreSQL,
        // another daemon once the lease runs out) runs them again from the start.
        log.warning("%z analysis job(s) still running; they resume at the next start", context->jobs.running());
        std::_Exit(Application::EXIT_OK);
    }
    AccessLog::instance().stop(); // the buffered lines are written before the process ends
    log.information("stopped");
    return Application::EXIT_OK;
}

} // namespace bridge
} // namespace jji
