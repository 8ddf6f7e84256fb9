#include "jji/analysis/ai/AiProvider.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <Poco/String.h>

#include <algorithm>
#include <filesystem>
#include <regex>

namespace jji {
namespace analysis {

namespace {

Poco::JSON::Object::Ptr parseObject(const std::string& text)
{
    try {
        Poco::Dynamic::Var v = Poco::JSON::Parser().parse(text);
        if (v.type() == typeid(Poco::JSON::Object::Ptr))
            return v.extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
    }
    return nullptr;
}

long long number(const Poco::JSON::Object::Ptr& o, const std::string& name)
{
    if (!o || !o->has(name))
        return 0;
    Poco::Dynamic::Var v = o->get(name);
    if (!v.isNumeric())
        return 0;
    try {
        return v.convert<long long>();
    } catch (const Poco::Exception&) {
        return 0; // out of range: a CLI's nonsense must not fail the analysis
    }
}

double decimal(const Poco::JSON::Object::Ptr& o, const std::string& name)
{
    if (!o || !o->has(name))
        return 0.0;
    Poco::Dynamic::Var v = o->get(name);
    if (!v.isNumeric())
        return 0.0;
    try {
        return v.convert<double>();
    } catch (const Poco::Exception&) {
        return 0.0;
    }
}

std::string text(const Poco::JSON::Object::Ptr& o, const std::string& name)
{
    if (!o || !o->has(name))
        return "";
    Poco::Dynamic::Var v = o->get(name);
    return v.isString() ? v.extract<std::string>() : "";
}

/// The usage field names of a "result"-style envelope (claude snake_case, cursor camelCase).
struct UsageNames
{
    const char* input;
    const char* output;
    const char* cacheRead;
    const char* cacheWrite;
};

/// claude and cursor: the answer in "result", "is_error", a "usage" object, "duration_ms".
void readResultEnvelope(const Poco::JSON::Object::Ptr& o, AiProvider::Envelope& e, const UsageNames& names,
                        const std::string& genericError)
{
    e.answer = text(o, "result");
    if (o->has("is_error") && o->get("is_error").isBoolean() && o->get("is_error").extract<bool>())
        e.error = !e.answer.empty() ? e.answer : !text(o, "subtype").empty() ? text(o, "subtype") : genericError;
    if (auto usage = o->getObject("usage")) {
        e.usage.inputTokens = number(usage, names.input);
        e.usage.outputTokens = number(usage, names.output);
        e.usage.cacheReadTokens = number(usage, names.cacheRead);
        e.usage.cacheWriteTokens = number(usage, names.cacheWrite);
        e.usage.reported = true;
    }
    e.usage.durationMs = number(o, "duration_ms");
}

void readClaude(const Poco::JSON::Object::Ptr& o, AiProvider::Envelope& e)
{
    readResultEnvelope(o, e, {"input_tokens", "output_tokens", "cache_read_input_tokens", "cache_creation_input_tokens"},
                       "claude reported an error");
    e.usage.costUsd = decimal(o, "total_cost_usd");
    e.usage.reported = e.usage.reported || o->has("total_cost_usd");
    if (o->has("total_cost_usd"))
        e.usage.costSource = "reported";
    e.apiStatus = static_cast<int>(number(o, "api_error_status"));
}

/// claude's stream-json output is one event per line; the last "result" event is the
/// envelope. A plain json envelope (one object) is read the same way.
Poco::JSON::Object::Ptr claudeResult(const std::string& out)
{
    std::size_t end = out.size();
    while (end > 0) {
        std::size_t start = out.rfind('\n', end - 1);
        start = start == std::string::npos ? 0 : start + 1;
        const std::string line = Poco::trim(out.substr(start, end - start));
        if (line.find("\"result\"") != std::string::npos)
            if (auto o = parseObject(line); o && text(o, "type") == "result")
                return o;
        end = start > 0 ? start - 1 : 0;
    }
    return nullptr;
}

void readCursor(const Poco::JSON::Object::Ptr& o, AiProvider::Envelope& e)
{
    readResultEnvelope(o, e, {"inputTokens", "outputTokens", "cacheReadTokens", "cacheWriteTokens"},
                       "cursor reported an error");
}

void readGemini(const Poco::JSON::Object::Ptr& o, AiProvider::Envelope& e)
{
    e.answer = text(o, "response");
    if (auto error = o->getObject("error")) {
        e.error = text(error, "message").empty() ? "gemini reported an error" : text(error, "message");
        // An API error arrives as the API's own JSON inside the message.
        auto api = parseObject(e.error);
        auto apiError = api ? api->getObject("error") : nullptr;
        if (apiError) {
            e.apiStatus = static_cast<int>(number(apiError, "code"));
            e.apiReason = text(apiError, "status");
            if (auto details = apiError->getArray("details"))
                for (std::size_t i = 0; i < details->size(); ++i)
                    if (auto detail = details->getObject(static_cast<unsigned>(i)); detail && !text(detail, "reason").empty())
                        e.apiReason = text(detail, "reason");
            if (!text(apiError, "message").empty())
                e.error = text(apiError, "message");
        }
    }
    auto stats = o->getObject("stats");
    auto models = stats ? stats->getObject("models") : nullptr;
    if (!models)
        return;
    for (const auto& [name, value] : *models) {
        (void)name;
        if (value.type() != typeid(Poco::JSON::Object::Ptr))
            continue;
        auto tokens = value.extract<Poco::JSON::Object::Ptr>()->getObject("tokens");
        if (!tokens)
            continue;
        e.usage.inputTokens += number(tokens, "prompt");
        e.usage.outputTokens += number(tokens, "candidates");
        e.usage.cacheReadTokens += number(tokens, "cached");
        e.usage.reported = true;
    }
}

/// The end of the balanced {...} starting at `start`, honouring JSON strings; npos if none.
std::size_t matchingBrace(const std::string& s, std::size_t start)
{
    int depth = 0;
    bool inString = false;
    for (std::size_t i = start; i < s.size(); ++i) {
        char c = s[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"')
            inString = true;
        else if (c == '{')
            ++depth;
        else if (c == '}' && --depth == 0)
            return i;
    }
    return std::string::npos;
}

/// The git subcommands the read-only mode allows: they show history, never change it.
const std::vector<std::string>& readOnlyGit()
{
    static const std::vector<std::string> subcommands{"log", "show", "diff", "blame", "status", "grep"};
    return subcommands;
}

/// The repositories cloned into the workspace (its direct subdirectories holding .git),
/// by names plain enough to put in a permission rule.
std::vector<std::string> clonedRepos(const std::string& workspace)
{
    std::vector<std::string> names;
    std::error_code ec;
    if (workspace.empty() || !std::filesystem::is_directory(workspace, ec))
        return names;
    static const std::regex plain("[A-Za-z0-9._-]{1,100}");
    for (const auto& entry : std::filesystem::directory_iterator(workspace, ec)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_directory(ec) && std::regex_match(name, plain) && std::filesystem::exists(entry.path() / ".git", ec))
            names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace

AiProvider::Command AiProvider::command(const config::Settings& settings, const std::string& provider,
                                        const std::string& model, const std::string& workspace)
{
    Command c;
    c.executable = settings.aiCommandFor(provider);
    const bool full = settings.aiTools == "full";
    if (provider == "claude") {
        c.args = {"--model", model, "-p", "--output-format", "stream-json", "--verbose", "--permission-mode", "dontAsk"};
        if (full) {
            c.args.insert(c.args.end(), {"--allowedTools", "Bash", "Edit", "Write", "Read", "Grep", "Glob", "NotebookEdit",
                                         "WebFetch", "WebSearch"});
        } else {
            // Reads inside the working directory need no rule; git only through read-only
            // subcommands (in the workspace, or `git -C <repo>` for each cloned repository:
            // claude refuses "cd repo && ..." here), minus the options that write a file or
            // read one outside the repository.
            c.args.insert(c.args.end(), {"--tools", "Read,Grep,Glob,Bash", "--allowedTools"});
            for (const auto& subcommand : readOnlyGit())
                c.args.push_back("Bash(git " + subcommand + ":*)");
            for (const auto& repo : clonedRepos(workspace))
                for (const auto& subcommand : readOnlyGit())
                    c.args.push_back("Bash(git -C " + repo + " " + subcommand + ":*)");
            c.args.insert(c.args.end(), {"--disallowedTools", "Bash(git *--output*)", "Bash(git *--no-index*)",
                                         "Bash(git *--ext-diff*)"});
        }
    } else if (provider == "gemini") {
        c.args = {"--model", model, "--output-format", "json"};
        if (full)
            c.args.insert(c.args.end(), {"--yolo"});
        else
            c.args.insert(c.args.end(), {"--approval-mode", "plan"});
        c.args.push_back("--skip-trust"); // each job's workspace is new, so never trusted before
    } else if (provider == "cursor") {
        c.args = {"--model", model, "--print", "--output-format", "json"};
        if (full)
            c.args.push_back("--force");
        c.args.insert(c.args.end(), {"--workspace", workspace});
    } else {
        c.args = {"--model", model};
    }
    return c;
}

AiProvider::Envelope AiProvider::readEnvelope(const std::string& provider, const std::string& stdoutText)
{
    Envelope e;
    Poco::JSON::Object::Ptr o = parseObject(Poco::trim(stdoutText));
    if (!o && provider == "claude")
        o = claudeResult(stdoutText);
    if (!o) {
        e.answer = stdoutText; // plain text or prose: the answer itself
        return e;
    }
    if (provider == "gemini" || (provider != "claude" && provider != "cursor" && o->has("response")))
        readGemini(o, e);
    else if (provider == "cursor")
        readCursor(o, e);
    else if (o->has("result"))
        readClaude(o, e);
    else
        e.answer = stdoutText; // a bare analysis object
    if (e.answer.empty() && e.error.empty())
        e.answer = stdoutText;
    return e;
}

AiProvider::Envelope AiProvider::readErrorEnvelope(const std::string& provider, const std::string& stderrText)
{
    // The envelope is the last object that starts a line and runs to the end.
    for (std::size_t open = stderrText.rfind("\n{"); open != std::string::npos;
         open = open == 0 ? std::string::npos : stderrText.rfind("\n{", open - 1)) {
        if (auto o = parseObject(Poco::trim(stderrText.substr(open + 1))); o && o->has("error")) {
            Envelope e = readEnvelope(provider, stderrText.substr(open + 1));
            e.answer.clear();
            if (e.apiStatus == 0) {
                // The HTTP status is then only in the error printed before it ("  code: 404").
                static const std::regex statusLine("\\n\\s+(?:status|code): ([1-5][0-9][0-9])\\n");
                const std::string before = stderrText.substr(0, open + 1);
                for (std::sregex_iterator it(before.begin(), before.end(), statusLine), end; it != end; ++it)
                    e.apiStatus = std::stoi((*it)[1]);
            }
            return e;
        }
    }
    return {};
}

Poco::JSON::Object::Ptr AiProvider::extractJsonObject(const std::string& answer)
{
    const std::string trimmed = Poco::trim(answer);
    if (auto whole = parseObject(trimmed))
        return whole;
    for (std::size_t fence = trimmed.find("```"); fence != std::string::npos; fence = trimmed.find("```", fence + 3)) {
        std::size_t bodyStart = trimmed.find('\n', fence);
        if (bodyStart == std::string::npos)
            break;
        std::size_t close = trimmed.find("```", bodyStart);
        if (close == std::string::npos)
            break;
        if (auto fenced = parseObject(trimmed.substr(bodyStart + 1, close - bodyStart - 1)))
            return fenced;
        fence = close;
    }
    Poco::JSON::Object::Ptr firstObject;
    int attempts = 0; // bounded: a hostile answer full of '{' must not cost quadratic time
    for (std::size_t open = trimmed.find('{'); open != std::string::npos && attempts < 64;
         open = trimmed.find('{', open + 1)) {
        ++attempts;
        std::size_t close = matchingBrace(trimmed, open);
        if (close == std::string::npos)
            continue;
        auto candidate = parseObject(trimmed.substr(open, close - open + 1));
        if (!candidate)
            continue;
        if (candidate->has("classification"))
            return candidate;
        if (!firstObject)
            firstObject = candidate;
        open = close;
    }
    return firstObject;
}

} // namespace analysis
} // namespace jji
