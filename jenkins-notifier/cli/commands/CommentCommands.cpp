// comments list / add / delete, mentions and mentionable users, analyze-comment-intent.
#include "../CommandSupport.h"
#include "../CommandTree.h"

#include <Poco/JSON/Array.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

namespace jji {
namespace cli {

namespace {

int commentsList(Invocation& c)
{
    Poco::JSON::Object::Ptr data = asObject(call(c, "GET", "/results/" + segment(c.args.argument("JOB_ID")) + "/comments"));
    if (c.json) {
        c.out.json(data);
        return 0;
    }
    Poco::JSON::Array::Ptr items = data->getArray("comments");
    if (!items || items->size() == 0)
        c.out.line("No comments for this job.");
    else
        c.out.table(items, {{"id", ""}, {"test_name", ""}, {"comment", ""}, {"username", ""}, {"created_at", "DATE"}});
    return 0;
}

int commentsAdd(Invocation& c)
{
    JsonBody body = failureTarget(c);
    body.set("comment", c.args.textOr("message"));
    Poco::JSON::Object::Ptr data = asObject(call(c, "POST", "/results/" + segment(c.args.argument("JOB_ID")) + "/comments", &body, {201}));
    if (c.json)
        c.out.json(data);
    else
        c.out.line("Comment added (id: " + member(data, "id") + ")");
    return 0;
}

int commentsDelete(Invocation& c)
{
    const std::string& id = c.args.argument("COMMENT_ID");
    if (id.empty() || id.find_first_not_of("0123456789") != std::string::npos)
        throw UsageError("Invalid value for 'COMMENT_ID': '" + id + "' is not a valid integer.");
    Poco::Dynamic::Var data = call(c, "DELETE", "/results/" + segment(c.args.argument("JOB_ID")) + "/comments/" + id);
    if (c.json)
        c.out.json(data);
    else
        c.out.line("Comment deleted.");
    return 0;
}

int mentionableUsers(Invocation& c)
{
    Poco::JSON::Object::Ptr data = asObject(call(c, "GET", "/api/users/mentionable"));
    if (c.json) {
        c.out.json(data);
        return 0;
    }
    Poco::JSON::Array::Ptr names = data->getArray("usernames");
    if (!names || names->size() == 0)
        c.out.line("No mentionable users found.");
    for (std::size_t i = 0; names && i < names->size(); ++i)
        c.out.line(names->get(static_cast<unsigned>(i)).toString());
    return 0;
}

int mentions(Invocation& c)
{
    Query query;
    query.add("limit", c.args.integer("limit").value_or(50)).add("offset", c.args.integer("offset").value_or(0));
    if (c.args.flag("unread"))
        query.add("unread_only", "true");
    Poco::JSON::Object::Ptr data = asObject(call(c, "GET", "/api/users/mentions" + query.str()));
    if (c.json) {
        c.out.json(data);
        return 0;
    }
    c.out.line("Total: " + member(data, "total", "0") + " mention(s), " + member(data, "unread_count", "0") + " unread");
    Poco::JSON::Array::Ptr items = data->getArray("mentions");
    if (!items || items->size() == 0)
        c.out.line("No mentions found.");
    else
        c.out.table(items, {{"id", ""}, {"job_id", ""}, {"test_name", ""}, {"comment", ""}, {"username", "BY"}, {"is_read", "READ"},
                            {"created_at", "DATE"}});
    return 0;
}

int markRead(Invocation& c)
{
    Poco::JSON::Array::Ptr ids = new Poco::JSON::Array;
    Poco::StringTokenizer parts(c.args.textOr("ids"), ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    if (parts.count() == 0)
        throw UsageError("--ids must contain at least one integer ID.");
    for (const auto& part : parts) {
        long long id = -1;
        if (part.find_first_not_of("0123456789") == std::string::npos && part.size() < 18)
            id = std::stoll(part);
        if (id <= 0)
            throw UsageError("invalid ID '" + part + "' \xE2\x80\x94 must be a positive integer.");
        ids->add(id);
    }
    JsonBody body;
    body.set("comment_ids", ids);
    Poco::Dynamic::Var data = call(c, "POST", "/api/users/mentions/read", &body);
    if (c.json)
        c.out.json(data);
    else
        c.out.line("Marked " + std::to_string(ids->size()) + " mention(s) as read.");
    return 0;
}

int markAllRead(Invocation& c)
{
    Poco::JSON::Object::Ptr data = asObject(call(c, "POST", "/api/users/mentions/read-all"));
    if (c.json)
        c.out.json(data);
    else
        c.out.line("Marked " + member(data, "marked_read", "0") + " mention(s) as read.");
    return 0;
}

int commentIntent(Invocation& c)
{
    JsonBody body;
    body.set("comment", c.args.argument("COMMENT"))
        .text("job_id", c.args.textOr("job-id"))
        .text("ai_provider", c.args.textOr("ai-provider"))
        .text("ai_model", c.args.textOr("ai-model"));
    Poco::JSON::Object::Ptr data = asObject(call(c, "POST", "/api/analyze-comment-intent", &body, {200}, 300));
    if (c.json) {
        c.out.json(data);
        return 0;
    }
    c.out.line("Suggests reviewed: " + member(data, "suggests_reviewed", "False"));
    if (const std::string reason = member(data, "reason"); !reason.empty())
        c.out.line("Reason: " + reason);
    return 0;
}

} // namespace

void addCommentCommands(CommandTree& tree)
{
    tree.add({{"comments", "list"}, "List comments for a job.", {argument("JOB_ID", "job-id")}, {}, commentsList});
    std::vector<OptionSpec> add{textOption("test", "t", "Test name to comment on.").must(), textOption("message", "m", "Comment text.").must()};
    for (auto& o : childScopeOptions())
        add.push_back(o);
    tree.add({{"comments", "add"}, "Add a comment to a test failure.", {argument("JOB_ID", "job-id")}, add, commentsAdd});
    tree.add({{"comments", "delete"}, "Delete a comment.", {argument("JOB_ID", "job-id"), argument("COMMENT_ID")}, {}, commentsDelete});
    tree.add({{"mentionable-users"}, "List users that can be mentioned in comments.", {}, {}, mentionableUsers});
    tree.add({{"mentions"},
              "List your @mentions across all reports.",
              {},
              {intOption("limit", "l", "Max mentions to return.").byDefault("50"), intOption("offset", "o", "Offset for pagination.").byDefault("0"),
               flagOption("unread", "", "Show only unread mentions.")},
              mentions});
    tree.add({{"mentions-mark-read"}, "Mark specific mentions as read.", {},
              {textOption("ids", "", "Comma-separated comment IDs to mark as read.").must()}, markRead});
    tree.add({{"mentions-mark-all-read"}, "Mark all mentions as read.", {}, {}, markAllRead});
    tree.add({{"analyze-comment-intent"},
              "Analyze whether a comment suggests a failure has been reviewed/resolved.",
              {argument("COMMENT")},
              {textOption("job-id", "", "Job ID to resolve AI config from the analyzed job.").completing("job-id"),
               textOption("ai-provider", "", "AI provider for content generation.").completing("provider"),
               textOption("ai-model", "", "AI model for content generation.")},
              commentIntent});
}

} // namespace cli
} // namespace jji
