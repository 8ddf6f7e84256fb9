// history test / search / stats / failures, classify, classifications list,
// override-classification: what failed before, and what people said it was.
#include "../CommandSupport.h"
#include "../CommandTree.h"

#include <Poco/NumberFormatter.h>
#include <Poco/String.h>

namespace jji {
namespace cli {

namespace {

std::string rate(const Poco::JSON::Object::Ptr& o, const std::string& key)
{
    if (!o->has(key) || o->get(key).isEmpty())
        return "N/A";
    return Poco::NumberFormatter::format(o->get(key).convert<double>() * 100, 1) + "%";
}

int historyTest(Invocation& c)
{
    const Query query = Query()
                            .add("limit", c.args.integer("limit").value_or(20))
                            .add("job_name", c.args.textOr("job-name"))
                            .add("exclude_job_id", c.args.textOr("exclude-job-id"));
    Poco::JSON::Object::Ptr data = asObject(call(c, "GET", "/history/test/" + segment(c.args.argument("TEST_NAME"), true) + query.str()));
    if (c.json) {
        c.out.json(data);
        return 0;
    }
    c.out.line("Test: " + member(data, "test_name"));
    c.out.line("Failures: " + member(data, "failures", "0"));
    c.out.line("Failure rate: " + rate(data, "failure_rate"));
    c.out.line("Last classification: " + c.out.signal(member(data, "last_classification", "N/A")));
    if (Poco::JSON::Array::Ptr runs = data->getArray("recent_runs"); runs && runs->size() > 0) {
        c.out.line("\nRecent runs:");
        c.out.table(runs, {{"job_name", ""}, {"build_number", "BUILD"}, {"classification", ""}, {"analyzed_at", "DATE"}});
    }
    if (Poco::JSON::Array::Ptr comments = data->getArray("comments"); comments && comments->size() > 0) {
        c.out.line("\nComments:");
        c.out.table(comments, {{"username", ""}, {"comment", ""}, {"created_at", "DATE"}});
    }
    return 0;
}

int historySearch(Invocation& c)
{
    Poco::JSON::Object::Ptr data = asObject(call(
        c, "GET",
        "/history/search" + Query().add("signature", c.args.textOr("signature")).add("exclude_job_id", c.args.textOr("exclude-job-id")).str()));
    if (c.json) {
        c.out.json(data);
        return 0;
    }
    c.out.line("Signature: " + member(data, "signature"));
    c.out.line("Total occurrences: " + member(data, "total_occurrences", "0"));
    c.out.line("Unique tests: " + member(data, "unique_tests", "0"));
    if (Poco::JSON::Array::Ptr tests = data->getArray("tests"); tests && tests->size() > 0)
        c.out.table(tests, {{"test_name", ""}, {"occurrences", ""}});
    return 0;
}

int historyStats(Invocation& c)
{
    Poco::JSON::Object::Ptr data = asObject(call(c, "GET",
                                                 "/history/stats/" + segment(c.args.argument("JOB_NAME"), true) +
                                                     Query().add("exclude_job_id", c.args.textOr("exclude-job-id")).str()));
    if (c.json) {
        c.out.json(data);
        return 0;
    }
    c.out.line("Job: " + member(data, "job_name"));
    c.out.line("Builds analyzed: " + member(data, "total_builds_analyzed", "0"));
    c.out.line("Builds with failures: " + member(data, "builds_with_failures", "0"));
    c.out.line("Failure rate: " + rate(data, "overall_failure_rate"));
    if (Poco::JSON::Array::Ptr failures = data->getArray("most_common_failures"); failures && failures->size() > 0) {
        c.out.line("\nMost common failures:");
        c.out.table(failures, {{"test_name", ""}, {"count", ""}, {"classification", ""}});
    }
    return 0;
}

int historyFailures(Invocation& c)
{
    const Query query = Query()
                            .add("search", c.args.textOr("search"))
                            .add("job_name", c.args.textOr("job-name"))
                            .add("classification", c.args.textOr("classification"))
                            .add("limit", c.args.integer("limit").value_or(50))
                            .add("offset", c.args.integer("offset").value_or(0));
    Poco::JSON::Object::Ptr data = asObject(call(c, "GET", "/history/failures" + query.str()));
    if (c.json) {
        c.out.json(data);
        return 0;
    }
    Poco::JSON::Array::Ptr failures = data->getArray("failures");
    c.out.line("Total: " + member(data, "total", "0") + " (showing " + std::to_string(failures ? failures->size() : 0) + ", offset " +
               member(data, "offset", std::to_string(c.args.integer("offset").value_or(0))) + ")"); // the reply has no offset
    if (failures && failures->size() > 0)
        c.out.table(failures, {{"test_name", ""}, {"job_name", ""}, {"classification", ""}, {"analyzed_at", "DATE"}});
    return 0;
}

int classify(Invocation& c)
{
    JsonBody body;
    const std::string childJob = c.args.textOr("child-job");
    body.set("test_name", c.args.argument("TEST_NAME"))
        .set("classification", Poco::toUpper(c.args.textOr("type")))
        .set("job_id", c.args.textOr("job-id"))
        .set("reason", c.args.textOr("reason"))
        .set("job_name", childJob.empty() ? c.args.textOr("job-name") : childJob)
        .set("references", c.args.textOr("references"))
        .set("child_build_number", c.args.integer("child-build").value_or(0));
    Poco::JSON::Object::Ptr data = asObject(call(c, "POST", "/history/classify", &body, {201}));
    if (c.json)
        c.out.json(data);
    else
        c.out.line("Classification created (id: " + member(data, "id") + ")");
    return 0;
}

int classificationsList(Invocation& c)
{
    const Query query = Query()
                            .add("test_name", c.args.textOr("test-name"))
                            .add("classification", Poco::toUpper(c.args.textOr("type")))
                            .add("job_name", c.args.textOr("job-name"))
                            .add("parent_job_name", c.args.textOr("parent-job-name"))
                            .add("job_id", c.args.textOr("job-id"));
    Poco::JSON::Object::Ptr data = asObject(call(c, "GET", "/history/classifications" + query.str()));
    if (c.json) {
        c.out.json(data);
        return 0;
    }
    Poco::JSON::Array::Ptr items = data->getArray("classifications");
    if (!items || items->size() == 0)
        c.out.line("No classifications found.");
    else
        c.out.table(items, {{"test_name", ""}, {"classification", ""}, {"reason", ""}, {"created_by", "BY"}, {"created_at", "DATE"}});
    return 0;
}

int overrideClassification(Invocation& c)
{
    JsonBody body = failureTarget(c);
    body.set("classification", c.args.textOr("classification"));
    Poco::JSON::Object::Ptr data =
        asObject(call(c, "PUT", "/results/" + segment(c.args.argument("JOB_ID")) + "/override-classification", &body));
    if (c.json)
        c.out.json(data);
    else
        c.out.line("Classification overridden to: " + c.out.signal(member(data, "classification")));
    return 0;
}

} // namespace

void addHistoryCommands(CommandTree& tree)
{
    const OptionSpec exclude = textOption("exclude-job-id", "", "Exclude results from this job ID.").completing("job-id");
    tree.add({{"history", "test"},
              "Show failure history for a specific test.",
              {argument("TEST_NAME")},
              {intOption("limit", "l", "Max recent runs.").byDefault("20"), textOption("job-name", "j", "Restrict to one Jenkins job."),
               exclude},
              historyTest});
    tree.add({{"history", "search"},
              "Find tests that failed with the same error signature.",
              {},
              {textOption("signature", "s", "Error signature hash.").must(), exclude},
              historySearch});
    tree.add({{"history", "stats"}, "Show aggregate statistics for a job.", {argument("JOB_NAME")}, {exclude}, historyStats});
    tree.add({{"history", "failures"},
              "List paginated failure history.",
              {},
              {intOption("limit", "l", "Page size.").byDefault("50"), intOption("offset", "o", "Starting offset.").byDefault("0"),
               textOption("search", "s", "Search test names."),
               textOption("classification", "c", "Classification filter.").completing("classification"),
               textOption("job-name", "j", "Jenkins job-name filter.")},
              historyFailures});
    tree.add({{"classify"},
              "Classify a test failure.",
              {argument("TEST_NAME")},
              {textOption("type", "t", "FLAKY, REGRESSION, INFRASTRUCTURE, KNOWN_BUG, or INTERMITTENT.").must().completing("label"),
               textOption("job-id", "", "Job ID this classification applies to.").must().completing("job-id"),
               textOption("reason", "r", "Reason for classification."), textOption("job-name", "j", "Job name override."),
               textOption("references", "", "Bug URLs or ticket keys."), textOption("child-job", "", "Child job name."),
               intOption("child-build", "", "Child build number.")},
              classify});
    tree.add({{"classifications", "list"},
              "List test classifications.",
              {},
              {textOption("job-id", "", "Filter by job ID.").completing("job-id"), textOption("test-name", "t", "Filter by test name."),
               textOption("type", "c", "Filter by classification.").completing("label"), textOption("job-name", "j", "Filter by job name."),
               textOption("parent-job-name", "", "Filter by parent job name.")},
              classificationsList});
    std::vector<OptionSpec> override{textOption("test", "t", "Test name.").must(),
                                     textOption("classification", "c", "CODE ISSUE, PRODUCT BUG, or INFRASTRUCTURE.").must().completing("classification")};
    for (auto& o : childScopeOptions())
        override.push_back(o);
    tree.add({{"override-classification"}, "Override the classification of a failure.", {argument("JOB_ID", "job-id")}, override,
              overrideClassification});
}

} // namespace cli
} // namespace jji
