#include "jji/storage/Migrations.h"

#include "jji/storage/Timestamp.h"

#include <Poco/Data/Session.h>
#include <Poco/Exception.h>

#include <optional>
#include <vector>

using namespace Poco::Data::Keywords;

namespace jji {
namespace storage {

namespace {

/// One schema version: statements in the portable dialect (see Database::sql). A
/// statement prefixed "sqlite:" or "postgresql:" runs on that dialect only.
struct Migration
{
    int version;
    const char* description;
    std::vector<std::string> statements;
};

const std::vector<Migration>& migrations()
{
    static const std::vector<Migration> all{
        {1, "initial schema: every aggregate of the API",
         {
             // Analysis jobs: one row per job, the result document as JSON text.
             "CREATE TABLE results ("
             " job_id TEXT PRIMARY KEY,"
             " jenkins_url TEXT NOT NULL DEFAULT '',"
             " status TEXT NOT NULL,"
             " result_json TEXT,"
             " job_name TEXT NOT NULL DEFAULT '',"
             " build_number BIGINT NOT NULL DEFAULT 0,"
             " ai_provider TEXT NOT NULL DEFAULT '',"
             " ai_model TEXT NOT NULL DEFAULT '',"
             " created_at TEXT NOT NULL,"
             " created_us BIGINT NOT NULL DEFAULT 0," // ordering within one second
             " analysis_started_at TEXT,"
             " completed_at TEXT,"
             " claimed_by TEXT)",
             "CREATE INDEX idx_results_created ON results(created_us)",
             "CREATE INDEX idx_results_status ON results(status)",

             "CREATE TABLE failure_history ("
             " id {{ID}},"
             " job_id TEXT NOT NULL REFERENCES results(job_id) ON DELETE CASCADE,"
             " job_name TEXT NOT NULL DEFAULT '',"
             " build_number BIGINT NOT NULL DEFAULT 0,"
             " test_name TEXT NOT NULL,"
             " error_message TEXT NOT NULL DEFAULT '',"
             " error_signature TEXT NOT NULL DEFAULT '',"
             " classification TEXT NOT NULL DEFAULT '',"
             " child_job_name TEXT NOT NULL DEFAULT '',"
             " child_build_number BIGINT NOT NULL DEFAULT 0,"
             " analyzed_at TEXT NOT NULL)",
             "CREATE INDEX idx_history_test ON failure_history(test_name)",
             "CREATE INDEX idx_history_signature ON failure_history(error_signature)",
             "CREATE INDEX idx_history_job ON failure_history(job_name)",
             "CREATE INDEX idx_history_job_id ON failure_history(job_id)",

             "CREATE TABLE comments ("
             " id {{ID}},"
             " job_id TEXT NOT NULL REFERENCES results(job_id) ON DELETE CASCADE,"
             " test_name TEXT NOT NULL,"
             " child_job_name TEXT NOT NULL DEFAULT '',"
             " child_build_number BIGINT NOT NULL DEFAULT 0,"
             " comment TEXT NOT NULL,"
             " error_signature TEXT NOT NULL DEFAULT '',"
             " username TEXT NOT NULL DEFAULT '',"
             " created_at TEXT NOT NULL)",
             "CREATE INDEX idx_comments_job ON comments(job_id)",

             "CREATE TABLE failure_reviews ("
             " job_id TEXT NOT NULL REFERENCES results(job_id) ON DELETE CASCADE,"
             " test_name TEXT NOT NULL,"
             " child_job_name TEXT NOT NULL DEFAULT '',"
             " child_build_number BIGINT NOT NULL DEFAULT 0,"
             " reviewed INTEGER NOT NULL DEFAULT 0,"
             " username TEXT NOT NULL DEFAULT '',"
             " updated_at TEXT NOT NULL,"
             " PRIMARY KEY (job_id, test_name, child_job_name, child_build_number))",

             "CREATE TABLE test_classifications ("
             " id {{ID}},"
             " test_name TEXT NOT NULL,"
             " job_name TEXT NOT NULL DEFAULT '',"
             " parent_job_name TEXT NOT NULL DEFAULT '',"
             " classification TEXT NOT NULL,"
             " reason TEXT NOT NULL DEFAULT '',"
             " references_info TEXT NOT NULL DEFAULT '',"
             " created_by TEXT NOT NULL DEFAULT '',"
             " job_id TEXT NOT NULL DEFAULT '',"
             " child_build_number BIGINT NOT NULL DEFAULT 0,"
             " visible INTEGER NOT NULL DEFAULT 1,"
             " created_at TEXT NOT NULL)",
             "CREATE INDEX idx_classifications_test ON test_classifications(test_name)",

             "CREATE TABLE users ("
             " id {{ID}},"
             " username TEXT NOT NULL UNIQUE,"
             " role TEXT NOT NULL DEFAULT 'user',"
             " api_key_hash TEXT NOT NULL DEFAULT '',"
             " api_key_salt TEXT NOT NULL DEFAULT '',"
             " created_at TEXT NOT NULL,"
             " last_seen TEXT)",

             "CREATE TABLE admin_sessions ("
             " token_hash TEXT PRIMARY KEY,"
             " username TEXT NOT NULL,"
             " created_at TEXT NOT NULL,"
             " expires_at TEXT NOT NULL)",

             "CREATE TABLE user_tokens ("
             " username TEXT PRIMARY KEY,"
             " github_token_enc TEXT NOT NULL DEFAULT '',"
             " jira_email TEXT NOT NULL DEFAULT '',"
             " jira_token_enc TEXT NOT NULL DEFAULT '',"
             " updated_at TEXT NOT NULL)",

             "CREATE TABLE job_metadata ("
             " job_name TEXT PRIMARY KEY,"
             " team TEXT NOT NULL DEFAULT '',"
             " tier TEXT NOT NULL DEFAULT '',"
             " version TEXT NOT NULL DEFAULT '',"
             " labels_json TEXT NOT NULL DEFAULT '[]',"
             " updated_at TEXT NOT NULL)",

             "CREATE TABLE token_usage ("
             " id {{ID}},"
             " job_id TEXT NOT NULL DEFAULT '',"
             " provider TEXT NOT NULL,"
             " model TEXT NOT NULL DEFAULT '',"
             " call_type TEXT NOT NULL DEFAULT 'analysis',"
             " input_tokens BIGINT NOT NULL DEFAULT 0,"
             " output_tokens BIGINT NOT NULL DEFAULT 0,"
             " cache_read_tokens BIGINT NOT NULL DEFAULT 0,"
             " cache_write_tokens BIGINT NOT NULL DEFAULT 0,"
             " cost_usd {{REAL}} NOT NULL DEFAULT 0,"
             " duration_ms BIGINT NOT NULL DEFAULT 0,"
             " created_at TEXT NOT NULL)",
             "CREATE INDEX idx_token_usage_created ON token_usage(created_at)",

             "CREATE TABLE push_subscriptions ("
             " id {{ID}},"
             " username TEXT NOT NULL,"
             " endpoint TEXT NOT NULL UNIQUE,"
             " p256dh TEXT NOT NULL,"
             " auth TEXT NOT NULL,"
             " created_at TEXT NOT NULL)",

             "CREATE TABLE mentions ("
             " id {{ID}},"
             " comment_id BIGINT NOT NULL REFERENCES comments(id) ON DELETE CASCADE,"
             " job_id TEXT NOT NULL,"
             " username TEXT NOT NULL,"
             " is_read INTEGER NOT NULL DEFAULT 0,"
             " created_at TEXT NOT NULL)",
             "CREATE INDEX idx_mentions_user ON mentions(username, is_read)",
         }},
        {2, "enriched JUnit XML in its own column, outside result_json",
         {
             // Lists and dashboards parse result_json per row; a 50 MB report must not ride along.
             "ALTER TABLE results ADD COLUMN enriched_xml TEXT",
         }},
        {3, "job ownership and resumable requests",
         {
             // Credentials of the request, sealed (SecretBox), so a resumed job can reach Jenkins again.
             "ALTER TABLE results ADD COLUMN request_secrets TEXT",
             // The daemon running a job renews its lease; an expired lease lets another take over.
             "ALTER TABLE results ADD COLUMN lease_expires_us BIGINT NOT NULL DEFAULT 0",
             // One job per notified build: duplicate notifications find the first one.
             "ALTER TABLE results ADD COLUMN dedupe_key TEXT",
             "CREATE UNIQUE INDEX idx_results_dedupe ON results(dedupe_key)",
         }},
        {4, "history, review and metadata queries: indexes and substring search",
         {
             "CREATE INDEX idx_history_analyzed ON failure_history(analyzed_at, id)",
             "CREATE INDEX idx_history_classification ON failure_history(classification)",
             "CREATE INDEX idx_history_job_test ON failure_history(job_name, test_name)",
             "CREATE INDEX idx_results_job_name ON results(job_name, created_us)",
             "CREATE INDEX idx_comments_test ON comments(test_name)",
             "CREATE INDEX idx_comments_signature ON comments(error_signature)",
             "CREATE INDEX idx_classifications_job ON test_classifications(job_id)",
             // Substring search over test_name, error_message and job_name without a full scan:
             // SQLite keeps an FTS5 trigram index in step through triggers (cascaded deletes fire
             // them too); PostgreSQL uses a pg_trgm GIN index on the same three columns.
             "sqlite:CREATE VIRTUAL TABLE failure_history_fts USING fts5(test_name, error_message, job_name,"
             " content='failure_history', content_rowid='id', tokenize='trigram')",
             "sqlite:INSERT INTO failure_history_fts(failure_history_fts) VALUES ('rebuild')",
             "sqlite:CREATE TRIGGER failure_history_fts_insert AFTER INSERT ON failure_history BEGIN"
             " INSERT INTO failure_history_fts(rowid, test_name, error_message, job_name)"
             " VALUES (new.id, new.test_name, new.error_message, new.job_name); END",
             "sqlite:CREATE TRIGGER failure_history_fts_delete AFTER DELETE ON failure_history BEGIN"
             " INSERT INTO failure_history_fts(failure_history_fts, rowid, test_name, error_message, job_name)"
             " VALUES ('delete', old.id, old.test_name, old.error_message, old.job_name); END",
             "sqlite:CREATE TRIGGER failure_history_fts_update AFTER UPDATE OF test_name, error_message, job_name"
             " ON failure_history BEGIN"
             " INSERT INTO failure_history_fts(failure_history_fts, rowid, test_name, error_message, job_name)"
             " VALUES ('delete', old.id, old.test_name, old.error_message, old.job_name);"
             " INSERT INTO failure_history_fts(rowid, test_name, error_message, job_name)"
             " VALUES (new.id, new.test_name, new.error_message, new.job_name); END",
             "postgresql:CREATE EXTENSION IF NOT EXISTS pg_trgm",
             "postgresql:CREATE INDEX idx_history_search ON failure_history USING gin"
             " ((lower(test_name || ' ' || error_message || ' ' || job_name)) gin_trgm_ops)",
         }},
        {5, "history search through a dictionary of distinct texts",
         {
             // Trigram indexes were too slow on a million rows (every common trigram has a huge
             // posting list). Histories repeat the same test names, job names and messages, so
             // searching the distinct values and then the rows that use them is fast.
             "sqlite:DROP TRIGGER failure_history_fts_insert",
             "sqlite:DROP TRIGGER failure_history_fts_delete",
             "sqlite:DROP TRIGGER failure_history_fts_update",
             "sqlite:DROP TABLE failure_history_fts",
             "postgresql:DROP INDEX idx_history_search",
             "DROP INDEX idx_history_classification",
             // kind: 1 test name, 2 error message, 3 job name; hash: SHA-256 hex of the value
             // (a long message cannot be a B-tree key on PostgreSQL).
             "CREATE TABLE history_text (id {{ID}}, kind INTEGER NOT NULL, hash TEXT NOT NULL, value TEXT NOT NULL,"
             " UNIQUE (kind, hash))",
             "ALTER TABLE failure_history ADD COLUMN test_text BIGINT NOT NULL DEFAULT 0",
             "ALTER TABLE failure_history ADD COLUMN error_text BIGINT NOT NULL DEFAULT 0",
             "ALTER TABLE failure_history ADD COLUMN job_text BIGINT NOT NULL DEFAULT 0",
             // Existing rows are indexed by their store on first use (FailureHistoryStore::backfillTexts).
             "CREATE INDEX idx_history_test_text ON failure_history(test_text)",
             "CREATE INDEX idx_history_error_text ON failure_history(error_text, test_text)",
             "CREATE INDEX idx_history_job_text ON failure_history(job_text, test_text, error_text)",
             "CREATE INDEX idx_history_job_time ON failure_history(job_name, analyzed_at, id)",
             "CREATE INDEX idx_history_job_class ON failure_history(job_name, classification, analyzed_at, id)",
             "CREATE INDEX idx_history_class_time ON failure_history(classification, analyzed_at, id)",
         }},
        {6, "prompt and response sizes of AI calls",
         {
             "ALTER TABLE token_usage ADD COLUMN prompt_chars BIGINT NOT NULL DEFAULT 0",
             "ALTER TABLE token_usage ADD COLUMN response_chars BIGINT NOT NULL DEFAULT 0",
             "CREATE INDEX idx_token_usage_job ON token_usage(job_id)",
         }},
        {7, "admin API keys found by a digest, so checking a key costs the same with any number of admins",
         {
             "ALTER TABLE users ADD COLUMN api_key_lookup TEXT NOT NULL DEFAULT ''",
             "CREATE INDEX idx_users_key_lookup ON users(api_key_lookup)",
         }},
        {8, "where each AI call's cost comes from: reported by the CLI, computed from prices, or unknown",
         {
             "ALTER TABLE token_usage ADD COLUMN cost_source TEXT NOT NULL DEFAULT 'reported'",
         }},
        {9, "error signatures version 2: the text each is made of; rows of older versions are signed again at start-up "
            "(FailureHistoryStore::resignOlderRows), keeping their old signature for links and searches",
         {
             // Rows written before this version have version 1; new rows are written with the
             // version of the code that signed them.
             "ALTER TABLE failure_history ADD COLUMN signature_version INTEGER NOT NULL DEFAULT 1",
             "ALTER TABLE failure_history ADD COLUMN signature_text TEXT NOT NULL DEFAULT ''",
             "ALTER TABLE failure_history ADD COLUMN legacy_signature TEXT NOT NULL DEFAULT ''",
             // 1: signed again from the stored message alone (no trace was stored); the first
             // new failure with the same message-only signature lends it its full one.
             "ALTER TABLE failure_history ADD COLUMN provisional INTEGER NOT NULL DEFAULT 0",
             "CREATE INDEX idx_history_signature_version ON failure_history(signature_version)",
             "CREATE INDEX idx_history_legacy_signature ON failure_history(legacy_signature)",
             "ALTER TABLE comments ADD COLUMN legacy_signature TEXT NOT NULL DEFAULT ''",
             "ALTER TABLE comments ADD COLUMN provisional INTEGER NOT NULL DEFAULT 0",
             "UPDATE comments SET legacy_signature = error_signature, provisional = 1 WHERE error_signature <> ''",
         }},
        {10, "known failures: the rules knowledge base, and the lookups that reuse confirmed analyses",
         {
             // A rule classifies a failure without an AI call when its pattern (PCRE) matches the
             // failure's message, trace or the build's console excerpt.
             "CREATE TABLE failure_rules ("
             " id {{ID}},"
             " name TEXT NOT NULL UNIQUE,"
             " pattern TEXT NOT NULL,"
             " field TEXT NOT NULL DEFAULT 'any',"
             " classification TEXT NOT NULL,"
             " explanation TEXT NOT NULL DEFAULT '',"
             " link TEXT NOT NULL DEFAULT '',"
             " enabled INTEGER NOT NULL DEFAULT 1,"
             " origin TEXT NOT NULL DEFAULT 'api',"
             " hit_count BIGINT NOT NULL DEFAULT 0,"
             " last_hit_at TEXT NOT NULL DEFAULT '',"
             " created_by TEXT NOT NULL DEFAULT '',"
             " created_at TEXT NOT NULL,"
             " updated_at TEXT NOT NULL)",
             // Names of the shipped default rules ever added: one an admin deleted stays deleted.
             "CREATE TABLE failure_rule_seeds (name TEXT PRIMARY KEY)",
             // Confirmations of a signature's earlier analyses: reviews and overrides by failure.
             "CREATE INDEX idx_reviews_reviewed ON failure_reviews(reviewed, updated_at)",
             "CREATE INDEX idx_classifications_override ON test_classifications(job_id, test_name)",
             // JOB_INSIGHT_ISSUE_PROMPT.md of the tests repository as the analysis found it
             // (GET /results/{job_id}/issue-prompt): the workspace is gone after the analysis.
             "ALTER TABLE results ADD COLUMN issue_prompt TEXT NOT NULL DEFAULT ''",
         }},
        {11, "results served as stored: a version per result document for ETags and dashboard digests; "
             "documents of older versions are redacted once at start-up",
         {
             "ALTER TABLE results ADD COLUMN version BIGINT NOT NULL DEFAULT 0",
             // What the dashboard shows of a document (counts, summary), kept for the version it
             // was made from: the dashboard reads it instead of every document.
             "ALTER TABLE results ADD COLUMN digest_json TEXT NOT NULL DEFAULT ''",
             "ALTER TABLE results ADD COLUMN digest_version BIGINT NOT NULL DEFAULT -1",
         }},
        {12, "history search from covering indexes: the newest matches are picked from index entries, "
             "and only the page's rows are read",
         {
             // A match's time sits beside its text ids, so ranking 4,000 matches of a million rows
             // reads index entries instead of 4,000 table rows (32 ms to under 10).
             "DROP INDEX idx_history_analyzed",
             "CREATE INDEX idx_history_analyzed ON failure_history(analyzed_at, id, test_text, error_text, job_text)",
             "DROP INDEX idx_history_test_text",
             "CREATE INDEX idx_history_test_text ON failure_history(test_text, analyzed_at, id)",
             "DROP INDEX idx_history_error_text",
             "CREATE INDEX idx_history_error_text ON failure_history(error_text, test_text, analyzed_at)",
             "DROP INDEX idx_history_job_text",
             "CREATE INDEX idx_history_job_text ON failure_history(job_text, test_text, error_text, analyzed_at)",
         }},
        {13, "dashboard rows shaped as the original's: digests are made again",
         {
             "UPDATE results SET digest_version = -1",
         }},
    };
    return all;
}

/// The statement for this dialect without its prefix, or nothing when it belongs to the other one.
std::optional<std::string> forDialect(const std::string& statement, Database::Dialect dialect)
{
    static const std::string sqlite = "sqlite:", postgres = "postgresql:";
    if (statement.rfind(sqlite, 0) == 0)
        return dialect == Database::Dialect::SQLite ? std::optional<std::string>(statement.substr(sqlite.size())) : std::nullopt;
    if (statement.rfind(postgres, 0) == 0)
        return dialect == Database::Dialect::PostgreSQL ? std::optional<std::string>(statement.substr(postgres.size()))
                                                        : std::nullopt;
    return statement;
}

void ensureVersionTable(Poco::Data::Session& s)
{
    s << "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)", now;
}

/// Several daemons may start together on one PostgreSQL database: serialize migrations.
class MigrationLock
{
public:
    MigrationLock(Database& db, Poco::Data::Session& s) : _session(s), _pg(db.dialect() == Database::Dialect::PostgreSQL)
    {
        if (_pg)
            _session << "SELECT pg_advisory_lock(7421001)", now;
    }
    ~MigrationLock()
    {
        try {
            if (_pg)
                _session << "SELECT pg_advisory_unlock(7421001)", now;
        } catch (...) {
        }
    }

private:
    Poco::Data::Session& _session;
    bool _pg;
};

} // namespace

int Migrations::latestVersion()
{
    return migrations().back().version;
}

int Migrations::currentVersion(Database& db)
{
    Poco::Data::Session s = db.session();
    ensureVersionTable(s);
    Poco::Nullable<int> version;
    s << "SELECT MAX(version) FROM schema_version", into(version), now;
    return version.isNull() ? 0 : version.value();
}

int Migrations::apply(Database& db)
{
    return applyUpTo(db, latestVersion());
}

int Migrations::applyUpTo(Database& db, int version)
{
    Poco::Data::Session s = db.session();
    MigrationLock lock(db, s);
    int current = currentVersion(db);
    if (current > latestVersion())
        throw StorageError("database schema version " + std::to_string(current) + " is newer than this jji-server supports ("
                           + std::to_string(latestVersion()) + "); upgrade jji-server or point it at another database");
    for (const auto& migration : migrations()) {
        if (migration.version <= current || migration.version > version)
            continue;
        try {
            s.begin();
            for (const auto& statement : migration.statements) {
                if (auto text = forDialect(statement, db.dialect()))
                    s << db.sql(*text), now;
            }
            int version = migration.version;
            std::string description = migration.description;
            std::string appliedAt = nowTimestamp();
            s << db.sql("INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)"),
                use(version), use(description), use(appliedAt), now;
            s.commit();
        } catch (const Poco::Exception& e) {
            if (s.isTransaction())
                s.rollback();
            throw StorageError("schema migration " + std::to_string(migration.version) + " failed: " + e.displayText());
        }
    }
    return current;
}

} // namespace storage
} // namespace jji
