#include "jji/storage/Database.h"

#include "jji/storage/ServedResultCache.h"

#include <Poco/Timestamp.h>

#include "jji/storage/Metrics.h"
#include "jji/storage/StorageError.h"

#include <Poco/Data/DataException.h>

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <unistd.h>

#include <algorithm>
#include <mutex>
#include <optional>
#include <thread>

using Poco::Data::Keywords::now;

namespace jji {
namespace storage {

namespace {

void registerConnectors()
{
    static std::once_flag once;
    std::call_once(once, [] {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::PostgreSQL::Connector::registerConnector();
    });
}

bool isPostgresUrl(const std::string& target)
{
    return target.rfind("postgresql://", 0) == 0 || target.rfind("postgres://", 0) == 0;
}

std::string describePostgres(const std::string& url)
{
    try {
        Poco::URI uri(url);
        return "postgresql://" + uri.getHost() + (uri.getPort() ? ":" + std::to_string(uri.getPort()) : "") + uri.getPath();
    } catch (const Poco::Exception&) {
        return "postgresql://(unparseable URL)";
    }
}

/// libpq's "key=value" form, which Poco's connector requires, from a postgresql:// URL.
std::string keywordConnectionString(const std::string& url)
{
    Poco::URI uri(url);
    auto quoted = [](const std::string& value) {
        std::string out = "'";
        for (char c : value) {
            if (c == '\\' || c == '\'')
                out += '\\';
            out += c;
        }
        return out + "'";
    };
    std::string conn;
    auto add = [&](const std::string& key, const std::string& value) {
        if (!value.empty())
            conn += (conn.empty() ? "" : " ") + key + "=" + quoted(value);
    };
    std::string user = uri.getUserInfo(), password;
    auto colon = user.find(':');
    if (colon != std::string::npos) {
        password = user.substr(colon + 1);
        user = user.substr(0, colon);
    }
    std::string decodedUser, decodedPassword;
    Poco::URI::decode(user, decodedUser);
    Poco::URI::decode(password, decodedPassword);
    add("host", uri.getHost());
    if (uri.getPort() != 0)
        add("port", std::to_string(uri.getPort()));
    std::string path = uri.getPath();
    add("dbname", path.size() > 1 ? path.substr(1) : "");
    add("user", decodedUser);
    add("password", decodedPassword);
    for (const auto& [key, value] : uri.getQueryParameters())
        add(key, value); // sslmode=require, connect_timeout=5, ...
    return conn;
}

void ensureWritableParent(const std::string& file)
{
    Poco::Path path(file);
    Poco::Path parent = Poco::Path(path).makeParent();
    try {
        Poco::File(parent).createDirectories();
    } catch (const Poco::Exception& e) {
        throw StorageError("cannot create database directory " + parent.toString() + ": " + e.displayText());
    }
    Poco::File dir(parent);
    if (!dir.exists() || !dir.isDirectory())
        throw StorageError("cannot create database directory " + parent.toString() + ": not a directory");
    if (!dir.canWrite())
        throw StorageError("database directory " + parent.toString() + " is not writable");
    Poco::File db(path);
    if (db.exists() && !db.canWrite())
        throw StorageError("database file " + file + " is not writable");
}

/// A pool whose connections get their per-connection settings once, when opened, not on
/// every checkout (two statements per request on SQLite, a round trip on PostgreSQL).
class ConfiguredSessionPool : public Poco::Data::SessionPool
{
public:
    ConfiguredSessionPool(const std::string& connector, const std::string& connection, int maxSessions)
        : Poco::Data::SessionPool(connector, connection, 1, maxSessions, 60), _sqlite(connector == "SQLite")
    {
    }

protected:
    void customizeSession(Poco::Data::Session& s) override
    {
        if (_sqlite) {
            s << "PRAGMA foreign_keys=ON", now;
            s << "PRAGMA busy_timeout=10000", now;
        } else {
            s << "SET client_min_messages TO warning", now; // libpq would print NOTICEs to stderr
        }
    }

private:
    const bool _sqlite;
};

} // namespace

Database::Database(Dialect dialect, Poco::AutoPtr<Poco::Data::SessionPool> pool, std::string description,
                   std::chrono::milliseconds wait)
    : _dialect(dialect), _pool(std::move(pool)), _description(std::move(description)), _wait(wait)
{
    // 64 MB of results served from memory (each counted with the reply made from it); a
    // result of more than 4 MB is read each time.
    if (_dialect == Dialect::SQLite)
        _servedResults = std::make_shared<ServedResultCache>(64u << 20, 8u << 20);
}

Database Database::open(const std::string& target, PoolLimits limits)
{
    registerConnectors();
    try {
        if (isPostgresUrl(target)) {
            Poco::AutoPtr<Poco::Data::SessionPool> pool(
                new ConfiguredSessionPool("PostgreSQL", keywordConnectionString(target), limits.maxSessions));
            Database db(Dialect::PostgreSQL, pool, describePostgres(target), limits.wait);
            db.session(); // fail now, not on the first request
            return db;
        }
        ensureWritableParent(target);
        Poco::AutoPtr<Poco::Data::SessionPool> pool(new ConfiguredSessionPool("SQLite", target, limits.maxSessions));
        Database db(Dialect::SQLite, pool, target, limits.wait);
        Poco::Data::Session s = db.session();
        s << "PRAGMA journal_mode=WAL", now;
        return db;
    } catch (const StorageError&) {
        throw;
    } catch (const Poco::Exception& e) {
        std::string where = isPostgresUrl(target) ? describePostgres(target) : target;
        throw StorageError("cannot open database " + where + ": " + e.displayText());
    }
}

Poco::Data::Session Database::session()
{
    // Poco's pool refuses at once when it is exhausted; wait for a returned session instead.
    const auto deadline = std::chrono::steady_clock::now() + _wait;
    std::optional<Poco::Data::Session> pooled;
    for (int round = 0; !pooled; ++round) {
        try {
            pooled.emplace(_pool->get());
        } catch (const Poco::Data::SessionPoolExhaustedException&) {
            if (std::chrono::steady_clock::now() >= deadline) {
                Metrics::instance().count("jji_database_busy_total");
                throw DatabaseBusy("every database connection stayed in use for " +
                                   std::to_string(std::chrono::duration_cast<std::chrono::seconds>(_wait).count()) + " s");
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(std::min(2 + round, 20)));
        }
    }
    return *pooled; // configured when its connection opened (ConfiguredSessionPool)
}

std::string Database::sql(const std::string& portable) const
{
    std::string text = portable;
    const bool pg = _dialect == Dialect::PostgreSQL;
    Poco::replaceInPlace(text, std::string("{{ID}}"), std::string(pg ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"));
    Poco::replaceInPlace(text, std::string("{{REAL}}"), std::string(pg ? "DOUBLE PRECISION" : "REAL"));
    if (!pg)
        return text;
    std::string out;
    out.reserve(text.size() + 16);
    int index = 0;
    bool inQuote = false;
    for (char c : text) {
        if (c == '\'')
            inQuote = !inQuote;
        if (c == '?' && !inQuote)
            out += "$" + std::to_string(++index);
        else
            out += c;
    }
    return out;
}

bool Database::recentlyReachable()
{
    // A health check may be asked thousands of times a second; the database is asked at
    // most once per interval, by whichever caller comes first.
    constexpr long long kIntervalUs = 1000000;
    const long long now = Poco::Timestamp().epochMicroseconds();
    long long checked = _health->checkedUs.load(std::memory_order_relaxed);
    if (now - checked < kIntervalUs || !_health->checkedUs.compare_exchange_strong(checked, now))
        return _health->reachable.load(std::memory_order_relaxed);
    const bool reachable = ping();
    _health->reachable.store(reachable, std::memory_order_relaxed);
    if (!reachable)
        _health->checkedUs.store(0, std::memory_order_relaxed); // down: every caller asks again
    return reachable;
}

std::string Database::writeProblem()
{
    try {
        if (_dialect == Dialect::PostgreSQL) {
            Poco::Data::Session s = session();
            int standby = 0;
            s << "SELECT CASE WHEN pg_is_in_recovery() THEN 1 ELSE 0 END", Poco::Data::Keywords::into(standby), now;
            return standby ? "Database is a read-only standby" : "";
        }
        std::string folder = Poco::Path(_description).absolute().parent().toString();
        if (folder.size() > 1 && folder.back() == '/')
            folder.pop_back();
        if (!Poco::File(folder).exists() || !Poco::File(folder).isDirectory())
            return "Directory does not exist: " + folder;
        if (::access(folder.c_str(), W_OK) != 0)
            return "Directory is not writable: " + folder;
        if (Poco::File(_description).exists() && ::access(_description.c_str(), W_OK) != 0)
            return "Database file is not writable: " + _description;
        Poco::Data::Session s = session();
        s << "BEGIN IMMEDIATE", now;
        try {
            s << "ROLLBACK", now;
        } catch (const Poco::Exception& e) {
            return "cannot end the write check: " + e.displayText();
        }
        return "";
    } catch (const Poco::Exception& e) {
        return e.displayText();
    } catch (const std::exception& e) {
        return e.what();
    }
}

bool Database::ping()
{
    try {
        Poco::Data::Session s = session();
        int one = 0;
        s << "SELECT 1", Poco::Data::Keywords::into(one), now;
        return one == 1;
    } catch (const Poco::Exception&) {
        return false;
    }
}

} // namespace storage
} // namespace jji
