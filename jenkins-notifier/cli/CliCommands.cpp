#include "CliCommands.h"

#include "CliOutput.h"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/URI.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace jji {
namespace cli {

namespace {

std::string quote(const std::string& text)
{
    std::ostringstream out;
    Poco::JSON::Stringifier::formatString(text, out);
    return out.str();
}

std::string encode(const std::string& text)
{
    std::string out;
    Poco::URI::encode(text, "&=+?#/ %", out);
    return out;
}

/// The server's error reply on stderr ("error: HTTP 404: Job not found"); exit code 1.
int serverError(CommandContext& c, const Reply& r)
{
    std::string detail = r.body;
    try {
        Poco::JSON::Object::Ptr o = Poco::JSON::Parser().parse(r.body).extract<Poco::JSON::Object::Ptr>();
        if (o->has("detail"))
            detail = CliOutput::cell(o->get("detail"), 2000);
    } catch (const std::exception&) {
    }
    c.err << "error: HTTP " << r.status << ": " << detail << "\n";
    return Failed;
}

/// Sends a request; on success prints the raw JSON with --json, else calls `human`.
template <typename Human>
int call(CommandContext& c, const std::string& method, const std::string& path, const std::string& body, Human human)
{
    Reply r = c.http.request(method, path, body);
    if (r.status < 200 || r.status >= 300)
        return serverError(c, r);
    if (c.json) {
        c.out << r.body << "\n";
        return Ok;
    }
    Poco::Dynamic::Var parsed = Poco::JSON::Parser().parse(r.body);
    human(parsed);
    return Ok;
}

Poco::JSON::Object::Ptr object(const Poco::Dynamic::Var& v)
{
    return v.extract<Poco::JSON::Object::Ptr>();
}

/// The given "--option value"s as JSON members ("field": "value", ...), comma-joined.
std::string members(const CliArgs& args, const std::vector<std::pair<std::string, std::string>>& map)
{
    std::string out;
    for (const auto& [option, field] : map)
        if (auto v = args.option(option))
            out += (out.empty() ? "\"" : ",\"") + field + "\":" + quote(*v);
    return out;
}

/// Appends the given options to a JSON body that already has members.
std::string withOptions(const CliArgs& args, const std::string& body, const std::vector<std::pair<std::string, std::string>>& map)
{
    const std::string more = members(args, map);
    return more.empty() ? body : body + "," + more;
}

const std::vector<std::pair<std::string, std::string>> kAiOptions{
    {"provider", "ai_provider"}, {"model", "ai_model"}, {"raw-prompt", "raw_prompt"}};

void printResult(CommandContext& c, const Poco::JSON::Object::Ptr& envelopeOrResult)
{
    Poco::JSON::Object::Ptr result = envelopeOrResult->has("result") && envelopeOrResult->getObject("result")
                                         ? envelopeOrResult->getObject("result") : envelopeOrResult;
    CliOutput out(c.out);
    out.keyValues(envelopeOrResult, {"job_id", "status"});
    out.keyValues(result, {"job_name", "build_number", "summary", "error", "ai_provider", "ai_model"});
    if (Poco::JSON::Array::Ptr failures = result->getArray("failures")) {
        Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
        for (std::size_t i = 0; i < failures->size(); ++i) {
            Poco::JSON::Object::Ptr f = failures->getObject(static_cast<unsigned>(i));
            Poco::JSON::Object::Ptr row = new Poco::JSON::Object;
            row->set("test_name", f->get("test_name"));
            Poco::JSON::Object::Ptr a = f->getObject("analysis");
            row->set("classification", a ? a->get("classification") : Poco::Dynamic::Var());
            row->set("error", f->get("error"));
            rows->add(row);
        }
        c.out << "\n";
        out.table(rows, {"test_name", "classification", "error"});
    }
}

/// Polls the job until it ends, showing a progress line; exit 0 completed, 1 failed.
int waitForJob(CommandContext& c, const std::string& jobId)
{
    const int every = std::max(1, c.args.intOption("poll-seconds", 2));
    const bool tty = ::isatty(STDERR_FILENO) != 0;
    const auto start = std::chrono::steady_clock::now();
    std::string lastLine;
    for (;;) {
        Reply r = c.http.request("GET", "/results/" + jobId);
        if (r.status != 200 && r.status != 202)
            return serverError(c, r);
        Poco::JSON::Object::Ptr envelope = Poco::JSON::Parser().parse(r.body).extract<Poco::JSON::Object::Ptr>();
        const std::string status = envelope->optValue<std::string>("status", "?");
        Poco::JSON::Object::Ptr result = envelope->getObject("result");
        const std::string phase = result ? result->optValue<std::string>("progress_phase", "") : "";
        const long long elapsed =
            std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start).count();
        const std::string line = "[" + status + (phase.empty() ? "" : " " + phase) + "] " + std::to_string(elapsed) + "s";
        if (tty)
            c.err << "\r" << line << "   " << std::flush;
        else if (line.substr(0, line.find(']')) != lastLine.substr(0, lastLine.find(']')))
            c.err << line << "\n"; // a log, not a terminal: one line per change
        lastLine = line;
        if (status == "completed" || status == "failed") {
            if (tty)
                c.err << "\n";
            if (c.json)
                c.out << r.body << "\n";
            else
                printResult(c, envelope);
            return status == "completed" ? Ok : Failed;
        }
        std::this_thread::sleep_for(std::chrono::seconds(every));
    }
}

int analyze(CommandContext& c)
{
    const std::string job = c.args.at(0, "JOB"), build = c.args.at(1, "BUILD");
    std::string body = "{\"job_name\":" + quote(job) + ",\"build_number\":" + quote(build);
    body = withOptions(c.args, body, kAiOptions);
    if (c.args.flag("force"))
        body += ",\"force\":true";
    if (auto v = c.args.option("jenkins-url"))
        body += ",\"jenkins_url\":" + quote(*v);
    body += "}";
    Reply r = c.http.request("POST", "/analyze", body);
    if (r.status != 202)
        return serverError(c, r);
    Poco::JSON::Object::Ptr queued = Poco::JSON::Parser().parse(r.body).extract<Poco::JSON::Object::Ptr>();
    const std::string jobId = queued->getValue<std::string>("job_id");
    if (!c.args.flag("wait")) {
        if (c.json)
            c.out << r.body << "\n";
        else
            CliOutput(c.out).keyValues(queued, {"job_id", "status", "result_url", "html_report_url"});
        return Ok;
    }
    c.err << "queued " << jobId << "\n";
    return waitForJob(c, jobId);
}

int analyzeFailures(CommandContext& c)
{
    const std::string path = c.args.option("junit").value_or("");
    if (path.empty())
        throw UsageError("--junit FILE is required");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw UsageError("cannot read " + path);
    std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string body = withOptions(c.args, "{\"raw_xml\":" + quote(xml), kAiOptions) + "}";
    Reply r = c.http.request("POST", "/analyze-failures", body);
    if (r.status != 200)
        return serverError(c, r);
    Poco::JSON::Object::Ptr result = Poco::JSON::Parser().parse(r.body).extract<Poco::JSON::Object::Ptr>();
    if (auto out = c.args.option("write-enriched")) {
        std::ofstream file(*out, std::ios::binary | std::ios::trunc);
        file << result->optValue<std::string>("enriched_xml", "");
        if (!file)
            throw UsageError("cannot write " + *out);
    }
    if (c.json)
        c.out << r.body << "\n";
    else
        printResult(c, result);
    return result->optValue<std::string>("status", "") == "completed" ? Ok : Failed;
}

int results(CommandContext& c)
{
    if (c.args.count() == 0)
        return call(c, "GET", "/results?limit=" + std::to_string(c.args.intOption("limit", 20)), "", [&](const Poco::Dynamic::Var& v) {
            CliOutput(c.out).table(v.extract<Poco::JSON::Array::Ptr>(), {"job_id", "status", "created_at", "jenkins_url"});
        });
    Reply r = c.http.request("GET", "/results/" + c.args.at(0, "ID"));
    if (r.status != 200 && r.status != 202)
        return serverError(c, r);
    if (c.json)
        c.out << r.body << "\n";
    else
        printResult(c, Poco::JSON::Parser().parse(r.body).extract<Poco::JSON::Object::Ptr>());
    return Ok;
}

int status(CommandContext& c)
{
    Reply r = c.http.request("GET", "/results/" + c.args.at(0, "ID"));
    if (r.status != 200 && r.status != 202)
        return serverError(c, r);
    if (c.json) {
        c.out << r.body << "\n";
        return Ok;
    }
    Poco::JSON::Object::Ptr envelope = Poco::JSON::Parser().parse(r.body).extract<Poco::JSON::Object::Ptr>();
    CliOutput out(c.out);
    out.keyValues(envelope, {"job_id", "status", "created_at", "analysis_started_at", "completed_at"});
    if (Poco::JSON::Object::Ptr result = envelope->getObject("result")) {
        out.keyValues(result, {"progress_phase", "summary", "error"});
        if (Poco::JSON::Array::Ptr log = result->getArray("progress_log"))
            out.table(log, {"phase", "timestamp"});
    }
    return Ok;
}

int reAnalyze(CommandContext& c)
{
    const std::string body = "{" + members(c.args, kAiOptions) + "}";
    return call(c, "POST", "/re-analyze/" + c.args.at(0, "ID"), body, [&](const Poco::Dynamic::Var& v) {
        CliOutput(c.out).keyValues(object(v), {"job_id", "status", "message"});
    });
}

int history(CommandContext& c)
{
    const std::string what = c.args.at(0, "failures|test|search|stats");
    if (what == "failures") {
        std::string query = "/history/failures?limit=" + std::to_string(c.args.intOption("limit", 50)) +
                            "&offset=" + std::to_string(c.args.intOption("offset", 0));
        for (const auto& [option, param] : std::vector<std::pair<std::string, std::string>>{
                 {"search", "search"}, {"job", "job_name"}, {"classification", "classification"}})
            if (auto v = c.args.option(option))
                query += "&" + param + "=" + encode(*v);
        return call(c, "GET", query, "", [&](const Poco::Dynamic::Var& v) {
            CliOutput(c.out).table(object(v)->getArray("failures"), {"analyzed_at", "job_name", "test_name", "classification", "error_message"});
            c.out << "total: " << object(v)->get("total").toString() << "\n";
        });
    }
    if (what == "test") {
        std::string path = "/history/test/" + encode(c.args.at(1, "TEST_NAME"));
        if (auto job = c.args.option("job"))
            path += "?job_name=" + encode(*job);
        return call(c, "GET", path, "", [&](const Poco::Dynamic::Var& v) {
            CliOutput out(c.out);
            out.keyValues(object(v), {"test_name", "total_runs", "failures", "passes", "failure_rate", "consecutive_failures",
                                      "last_classification", "first_seen", "last_seen", "note"});
            out.table(object(v)->getArray("recent_runs"), {"analyzed_at", "job_name", "build_number", "classification"});
        });
    }
    if (what == "search")
        return call(c, "GET", "/history/search?signature=" + encode(c.args.at(1, "SIGNATURE")), "", [&](const Poco::Dynamic::Var& v) {
            CliOutput(c.out).keyValues(object(v), {"signature", "total_occurrences", "unique_tests", "last_classification"});
            CliOutput(c.out).table(object(v)->getArray("tests"), {"test_name", "occurrences"});
        });
    if (what == "stats")
        return call(c, "GET", "/history/stats/" + encode(c.args.at(1, "JOB")), "", [&](const Poco::Dynamic::Var& v) {
            CliOutput(c.out).keyValues(object(v), {"job_name", "total_builds_analyzed", "builds_with_failures",
                                                    "overall_failure_rate", "recent_trend"});
            CliOutput(c.out).table(object(v)->getArray("most_common_failures"), {"test_name", "count", "classification"});
        });
    throw UsageError("history needs failures, test, search or stats");
}

/// The child-scope fields shared by failure-targeting commands.
std::string target(const CliArgs& args, const std::string& test)
{
    std::string body = "{\"test_name\":" + quote(test);
    if (auto v = args.option("child-job"))
        body += ",\"child_job_name\":" + quote(*v);
    if (auto v = args.option("child-build"))
        body += ",\"child_build_number\":" + std::to_string(args.intOption("child-build", 0));
    return body;
}

int okLine(CommandContext& c, const std::string& method, const std::string& path, const std::string& body)
{
    return call(c, method, path, body, [&](const Poco::Dynamic::Var& v) {
        std::ostringstream s;
        Poco::JSON::Stringifier::stringify(v, s);
        c.out << s.str() << "\n";
    });
}

int comment(CommandContext& c)
{
    return okLine(c, "POST", "/results/" + c.args.at(0, "ID") + "/comments",
                  target(c.args, c.args.at(1, "TEST")) + ",\"comment\":" + quote(c.args.at(2, "TEXT")) + "}");
}

int review(CommandContext& c)
{
    return okLine(c, "PUT", "/results/" + c.args.at(0, "ID") + "/reviewed",
                  target(c.args, c.args.at(1, "TEST")) + ",\"reviewed\":" + (c.args.flag("unreviewed") ? "false" : "true") + "}");
}

int overrideClassification(CommandContext& c)
{
    return okLine(c, "PUT", "/results/" + c.args.at(0, "ID") + "/override-classification",
                  target(c.args, c.args.at(1, "TEST")) + ",\"classification\":" + quote(c.args.at(2, "CLASSIFICATION")) + "}");
}

int classify(CommandContext& c)
{
    std::string body = "{\"test_name\":" + quote(c.args.at(0, "TEST")) + ",\"classification\":" + quote(c.args.at(1, "LABEL")) +
                       ",\"job_id\":" + quote(c.args.option("job-id").value_or(""));
    body = withOptions(c.args, body, {{"reason", "reason"}, {"references", "references"}, {"job", "job_name"}}) + "}";
    return okLine(c, "POST", "/history/classify", body);
}

int metadata(CommandContext& c)
{
    const std::string what = c.args.at(0, "list|get|set|delete");
    if (what == "list")
        return call(c, "GET", "/api/jobs/metadata", "", [&](const Poco::Dynamic::Var& v) {
            CliOutput(c.out).table(v.extract<Poco::JSON::Array::Ptr>(), {"job_name", "team", "tier", "version", "labels"});
        });
    const std::string path = "/api/jobs/" + c.args.at(1, "JOB") + "/metadata";
    if (what == "get")
        return okLine(c, "GET", path, "");
    if (what == "delete")
        return okLine(c, "DELETE", path, "");
    if (what == "set") {
        std::string body = members(c.args, {{"team", "team"}, {"tier", "tier"}, {"version", "version"}});
        if (auto labels = c.args.option("labels")) {
            body += std::string(body.empty() ? "" : ",") + "\"labels\":[";
            std::istringstream list(*labels);
            std::string label;
            bool first = true;
            while (std::getline(list, label, ',')) {
                body += (first ? "" : ",") + quote(label);
                first = false;
            }
            body += "]";
        }
        return okLine(c, "PUT", path, "{" + body + "}");
    }
    throw UsageError("metadata needs list, get, set or delete");
}

int admin(CommandContext& c)
{
    const std::string what = c.args.at(0, "users|token-usage");
    if (what == "users")
        return call(c, "GET", "/api/admin/users", "", [&](const Poco::Dynamic::Var& v) {
            CliOutput(c.out).table(object(v)->getArray("users"), {"username", "role", "created_at", "last_seen"});
        });
    if (what == "token-usage") {
        std::string path = "/api/admin/token-usage";
        if (auto g = c.args.option("group-by"))
            path += "?group_by=" + encode(*g);
        return call(c, "GET", path, "", [&](const Poco::Dynamic::Var& v) {
            CliOutput(c.out).keyValues(object(v), {"total_calls", "total_input_tokens", "total_output_tokens", "total_cost_usd"});
            if (object(v)->getArray("breakdown")->size() > 0)
                CliOutput(c.out).table(object(v)->getArray("breakdown"), {"group_key", "call_count", "input_tokens", "output_tokens", "cost_usd"});
        });
    }
    throw UsageError("admin needs users or token-usage");
}

int health(CommandContext& c)
{
    return call(c, "GET", "/health", "", [&](const Poco::Dynamic::Var& v) { c.out << object(v)->getValue<std::string>("status") << "\n"; });
}

} // namespace

const std::map<std::string, Command>& commands()
{
    static const std::map<std::string, Command> all{
        {"analyze", {"analyze JOB BUILD [--wait] [--poll-seconds N] [--provider P] [--model M] [--raw-prompt T] [--force] [--jenkins-url U]",
                     {"wait", "force"}, analyze}},
        {"analyze-failures", {"analyze-failures --junit FILE [--write-enriched OUT] [--provider P] [--model M]", {}, analyzeFailures}},
        {"results", {"results [ID] [--limit N]", {}, results}},
        {"status", {"status ID", {}, status}},
        {"re-analyze", {"re-analyze ID [--provider P] [--model M] [--raw-prompt T]", {}, reAnalyze}},
        {"history", {"history failures [--search S] [--job J] [--classification C] | test NAME [--job J] | search SIGNATURE | stats JOB",
                     {}, history}},
        {"comment", {"comment ID TEST TEXT [--child-job J --child-build N]", {}, comment}},
        {"review", {"review ID TEST [--unreviewed] [--child-job J --child-build N]", {"unreviewed"}, review}},
        {"override", {"override ID TEST \"CODE ISSUE\"|\"PRODUCT BUG\"|INFRASTRUCTURE [--child-job J --child-build N]", {}, overrideClassification}},
        {"classify", {"classify TEST LABEL --job-id ID [--reason R] [--references R]", {}, classify}},
        {"metadata", {"metadata list | get JOB | set JOB [--team T] [--tier T] [--version V] [--labels a,b] | delete JOB", {}, metadata}},
        {"admin", {"admin users | token-usage [--group-by provider|model|call_type|day|week|month|job]", {}, admin}},
        {"health", {"health", {}, health}},
    };
    return all;
}

} // namespace cli
} // namespace jji
