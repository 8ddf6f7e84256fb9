#ifndef JJI_CLI_COMMANDSUPPORT_H
#define JJI_CLI_COMMANDSUPPORT_H

#include "CliConfig.h"
#include "CliHttp.h"
#include "CliOutput.h"
#include "CommandLine.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>

namespace jji {
namespace cli {

/// The server answered with an error status: "Error: HTTP 404: Job not found", exit 1.
class ServerError : public std::runtime_error
{
public:
    ServerError(int status, std::string detail)
        : std::runtime_error("HTTP " + std::to_string(status) + (detail.empty() ? "" : ": " + detail)), status(status),
          detail(std::move(detail))
    {
    }
    int status;
    std::string detail;
};

/// A refusal decided on the client side without a usage mistake (an invalid token,
/// a missing config profile): message on stderr, exit 1.
class CommandFailed : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// The server a command talks to, resolved from --server / JJI_SERVER / the config.
struct Connection
{
    std::string url;
    std::optional<ServerProfile> profile; ///< unset when --server was a URL
    ClientIdentity identity;
};

/// Everything a command needs.
struct Invocation
{
    const CommandSpec& spec;
    const ParsedCommand& args;
    const Connection& connection;
    const CliHttp& http;
    CliOutput& out;
    std::ostream& err;
    bool json;

    /// A profile key ("" / 0 when there is no profile or no value).
    std::string profileText(const std::string& key) const;
    long long profileInteger(const std::string& key) const;
    std::optional<bool> profileBoolean(const std::string& key) const;
    /// The option's value, else the profile's key, trimmed (the original's tracker fallbacks).
    std::string optionOrProfile(const std::string& option, const std::string& key) const;
};

/// A JSON request body, members in the order they are set.
class JsonBody
{
public:
    JsonBody();
    JsonBody& set(const std::string& field, const Poco::Dynamic::Var& value);
    /// Sets the field only when the text is not empty.
    JsonBody& text(const std::string& field, const std::string& value);
    bool has(const std::string& field) const;
    Poco::JSON::Object::Ptr object() const { return _object; }
    std::string str() const;

private:
    Poco::JSON::Object::Ptr _object;
};

/// A query string; empty values are left out (as the original's client drops them).
class Query
{
public:
    Query& add(const std::string& name, const std::string& value);
    Query& add(const std::string& name, long long value) { return add(name, std::to_string(value)); }
    std::string str() const { return _text.empty() ? "" : "?" + _text; }

private:
    std::string _text;
};

/// A path segment, URL-encoded; `keepSlashes` for the {name:path} parameters (job and test names).
std::string segment(const std::string& value, bool keepSlashes = false);

/// Throws ServerError (with the server's `detail`) unless the reply's status is in `ok`.
void check(const Reply& reply, std::initializer_list<int> ok);

/// Sends a request; returns the parsed reply when its status is in `ok`, else throws ServerError
/// with the server's `detail`.
Poco::Dynamic::Var call(const Invocation& c, const std::string& method, const std::string& path, const JsonBody* body = nullptr,
                        std::initializer_list<int> ok = {200}, int timeoutSeconds = 60);

/// --json: the reply as pretty JSON; else a table of `columns`. Returns exit code 0.
int show(Invocation& c, const Poco::Dynamic::Var& data, const std::vector<Column>& columns);

Poco::JSON::Object::Ptr asObject(const Poco::Dynamic::Var& v);
Poco::JSON::Array::Ptr asArray(const Poco::Dynamic::Var& v);
/// A member as text ("" when absent or null).
std::string member(const Poco::JSON::Object::Ptr& o, const std::string& key, const std::string& fallback = "");

/// --child-job and --child-build, for the commands that target one failure.
std::vector<OptionSpec> childScopeOptions();
/// {"test_name": --test, "child_job_name", "child_build_number"} (the child members only with --child-job).
JsonBody failureTarget(const Invocation& c);

/// "github" or "jira" (case-insensitive), else UsageError naming the option.
std::string issueType(const std::string& value, const std::string& option);

} // namespace cli
} // namespace jji

#endif
