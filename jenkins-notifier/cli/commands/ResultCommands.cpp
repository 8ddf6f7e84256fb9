// results list / dashboard / show / delete / review-status / set-reviewed / enrich-comments.
#include "../CommandSupport.h"
#include "../CommandTree.h"

#include <Poco/JSON/Array.h>

#include <algorithm>

namespace jji {
namespace cli {

namespace {

constexpr std::size_t kBulkDeleteBatch = 500;

int list(Invocation& c)
{
    return show(c, call(c, "GET", "/results" + Query().add("limit", c.args.integer("limit").value_or(50)).str()),
                {{"job_id", "JOB ID"}, {"status", ""}, {"jenkins_url", "JENKINS URL"}, {"created_at", "CREATED"}});
}

int dashboard(Invocation& c)
{
    return show(c, call(c, "GET", "/api/dashboard"),
                {{"job_id", ""}, {"job_name", ""}, {"build_number", ""}, {"status", ""}, {"failure_count", ""},
                 {"reviewed_count", ""}, {"comment_count", ""}, {"created_at", ""}});
}

int showResult(Invocation& c)
{
    Poco::JSON::Object::Ptr data = asObject(call(c, "GET", "/results/" + segment(c.args.argument("JOB_ID")), nullptr, {200, 202}));
    if (c.json || c.args.flag("full")) {
        c.out.json(data);
        return 0;
    }
    Poco::JSON::Object::Ptr summary = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const char* key : {"job_id", "status", "jenkins_url", "created_at"})
        summary->set(key, member(data, key));
    if (Poco::JSON::Object::Ptr result = data->getObject("result")) {
        summary->set("summary", member(result, "summary"));
        summary->set("ai_provider", member(result, "ai_provider"));
        summary->set("failures", result->getArray("failures") ? result->getArray("failures")->size() : 0);
        summary->set("children", result->getArray("child_job_analyses") ? result->getArray("child_job_analyses")->size() : 0);
    }
    c.out.table(summary, {{"job_id", ""}, {"status", ""}, {"summary", ""}, {"failures", ""}, {"children", ""},
                          {"ai_provider", "AI PROVIDER"}, {"created_at", "CREATED"}});
    return 0;
}

int remove(Invocation& c)
{
    std::vector<std::string> ids = c.args.arguments("JOB_ID");
    const bool all = c.args.flag("all");
    if (all && !ids.empty())
        throw UsageError("--all cannot be combined with explicit JOB_ID values.");
    if (all) {
        if (!c.args.flag("confirm"))
            throw UsageError("--all requires --confirm.");
        Poco::JSON::Array::Ptr jobs = asArray(call(c, "GET", "/api/dashboard"));
        for (std::size_t i = 0; i < jobs->size(); ++i)
            ids.push_back(member(jobs->getObject(static_cast<unsigned>(i)), "job_id"));
        if (ids.empty()) {
            if (c.json)
                c.out.json(parseJson(R"({"deleted": [], "failed": [], "total": 0})"));
            else
                c.out.line("No jobs to delete.");
            return 0;
        }
    } else if (ids.empty()) {
        throw UsageError("provide at least one JOB_ID or use --all.");
    }
    std::vector<std::string> unique;
    for (const auto& id : ids)
        if (std::find(unique.begin(), unique.end(), id) == unique.end())
            unique.push_back(id);
    if (unique.size() == 1) {
        Poco::JSON::Object::Ptr data = asObject(call(c, "DELETE", "/results/" + segment(unique.front())));
        if (c.json)
            c.out.json(data);
        else
            c.out.line("Deleted job " + member(data, "job_id", unique.front()));
        return 0;
    }
    Poco::JSON::Array::Ptr deleted = new Poco::JSON::Array, failed = new Poco::JSON::Array;
    for (std::size_t start = 0; start < unique.size(); start += kBulkDeleteBatch) {
        Poco::JSON::Array::Ptr chunk = new Poco::JSON::Array;
        for (std::size_t i = start; i < std::min(unique.size(), start + kBulkDeleteBatch); ++i)
            chunk->add(unique[i]);
        JsonBody body;
        body.set("job_ids", chunk);
        try {
            Poco::JSON::Object::Ptr data = asObject(call(c, "DELETE", "/api/results/bulk", &body));
            for (auto* part : {&deleted, &failed})
                if (Poco::JSON::Array::Ptr items = data->getArray(part == &deleted ? "deleted" : "failed"))
                    for (std::size_t i = 0; i < items->size(); ++i)
                        (*part)->add(items->get(static_cast<unsigned>(i)));
        } catch (const ServerError& e) {
            if (e.status == 401 || e.status == 403)
                throw;
            for (std::size_t i = 0; i < chunk->size(); ++i) {
                Poco::JSON::Object::Ptr f = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
                f->set("job_id", chunk->get(static_cast<unsigned>(i)));
                f->set("reason", "batch request failed");
                failed->add(f);
            }
        }
    }
    Poco::JSON::Object::Ptr data = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    data->set("deleted", deleted);
    data->set("failed", failed);
    data->set("total", unique.size());
    if (c.json) {
        c.out.json(data);
    } else {
        c.out.line("Deleted " + std::to_string(deleted->size()) + " of " + std::to_string(unique.size()) + " jobs");
        for (std::size_t i = 0; i < failed->size(); ++i) {
            Poco::JSON::Object::Ptr f = failed->getObject(static_cast<unsigned>(i));
            c.err << "  Failed: " << member(f, "job_id") << " - " << member(f, "reason") << "\n";
        }
    }
    return failed->size() == 0 ? 0 : 1;
}

int reviewStatus(Invocation& c)
{
    return show(c, call(c, "GET", "/results/" + segment(c.args.argument("JOB_ID")) + "/review-status"),
                {{"total_failures", ""}, {"reviewed_count", ""}, {"comment_count", ""}});
}

int setReviewed(Invocation& c)
{
    const bool reviewed = *c.args.toggle("reviewed");
    JsonBody body = failureTarget(c);
    body.set("reviewed", reviewed);
    Poco::JSON::Object::Ptr data = asObject(call(c, "PUT", "/results/" + segment(c.args.argument("JOB_ID")) + "/reviewed", &body));
    if (c.json) {
        c.out.json(data);
        return 0;
    }
    const std::string reviewer = member(data, "reviewed_by");
    c.out.line(std::string("Marked as ") + (reviewed ? "reviewed" : "not reviewed") + (reviewer.empty() ? "" : " (by " + reviewer + ")"));
    return 0;
}

int enrichComments(Invocation& c)
{
    Poco::JSON::Object::Ptr data = asObject(call(c, "POST", "/results/" + segment(c.args.argument("JOB_ID")) + "/enrich-comments"));
    if (c.json)
        c.out.json(data);
    else // the reply maps each enriched comment's id to its references (there is no "enriched" count)
        c.out.line("Enriched " +
                   member(data, "enriched", std::to_string(data->getObject("enrichments") ? data->getObject("enrichments")->size() : 0)) +
                   " comment(s).");
    return 0;
}

} // namespace

void addResultCommands(CommandTree& tree)
{
    tree.add({{"results", "list"}, "List recent analyzed jobs.", {}, {intOption("limit", "l", "Max results to return.").byDefault("50")}, list});
    tree.add({{"results", "dashboard"}, "List analysis jobs with dashboard metadata (failure counts, review progress).", {}, {}, dashboard});
    tree.add({{"results", "show"},
              "Show analysis result for a job.",
              {argument("JOB_ID", "job-id")},
              {flagOption("full", "f", "Show complete JSON result.")},
              showResult});
    tree.add({{"results", "delete"},
              "Delete one or more jobs and all related data.",
              {{"JOB_ID", false, true, "", "job-id"}},
              {flagOption("all", "", "Delete all jobs."), flagOption("confirm", "", "Confirm deleting all jobs (required with --all).")},
              remove});
    tree.add({{"results", "review-status"}, "Show review status for an analysis.", {argument("JOB_ID", "job-id")}, {}, reviewStatus});
    std::vector<OptionSpec> reviewed{textOption("test", "t", "Test name.").must(),
                                     toggleOption("reviewed", "not-reviewed", "Mark as reviewed or not.").must()};
    for (auto& o : childScopeOptions())
        reviewed.push_back(o);
    tree.add({{"results", "set-reviewed"}, "Set or clear the reviewed state for a test failure.", {argument("JOB_ID", "job-id")}, reviewed,
              setReviewed});
    tree.add({{"results", "enrich-comments"}, "Enrich comments with live PR/ticket statuses.", {argument("JOB_ID", "job-id")}, {},
              enrichComments});
}

} // namespace cli
} // namespace jji
