#include "CommandSupport.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <sstream>

namespace jji {
namespace cli {

namespace {

std::string trim(const std::string& s)
{
    return Poco::trim(s);
}

} // namespace

std::string Invocation::profileText(const std::string& key) const
{
    return connection.profile ? connection.profile->text(key) : "";
}

long long Invocation::profileInteger(const std::string& key) const
{
    return connection.profile ? connection.profile->integer(key) : 0;
}

std::optional<bool> Invocation::profileBoolean(const std::string& key) const
{
    return connection.profile ? connection.profile->boolean(key) : std::nullopt;
}

std::string Invocation::optionOrProfile(const std::string& option, const std::string& key) const
{
    const std::string given = trim(args.textOr(option));
    return given.empty() ? trim(profileText(key)) : given;
}

JsonBody::JsonBody() : _object(new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER)) {}

JsonBody& JsonBody::set(const std::string& field, const Poco::Dynamic::Var& value)
{
    _object->set(field, value);
    return *this;
}

JsonBody& JsonBody::text(const std::string& field, const std::string& value)
{
    if (!value.empty())
        _object->set(field, value);
    return *this;
}

bool JsonBody::has(const std::string& field) const
{
    return _object->has(field);
}

std::string JsonBody::str() const
{
    std::ostringstream out;
    _object->stringify(out);
    return out.str();
}

Query& Query::add(const std::string& name, const std::string& value)
{
    if (value.empty())
        return *this;
    std::string encoded;
    Poco::URI::encode(value, "!#$&'()*+,/:;=?@[]% ", encoded);
    _text += (_text.empty() ? "" : "&") + name + "=" + encoded;
    return *this;
}

std::string segment(const std::string& value, bool keepSlashes)
{
    std::string encoded;
    Poco::URI::encode(value, keepSlashes ? "!#$&'()*+,:;=?@[]% " : "!#$&'()*+,/:;=?@[]% ", encoded);
    return encoded;
}

void check(const Reply& reply, std::initializer_list<int> ok)
{
    for (int status : ok)
        if (reply.status == status)
            return;
    std::string detail = reply.body;
    try {
        Poco::Dynamic::Var parsed = parseJson(reply.body);
        if (parsed.type() == typeid(Poco::JSON::Object::Ptr)) {
            Poco::JSON::Object::Ptr o = parsed.extract<Poco::JSON::Object::Ptr>();
            if (o->has("detail"))
                detail = CliOutput::cell(o->get("detail"));
        }
    } catch (const std::exception&) {
        // not JSON (a proxy's page): the text as it came
    }
    throw ServerError(reply.status, Poco::trim(detail));
}

Poco::Dynamic::Var call(const Invocation& c, const std::string& method, const std::string& path, const JsonBody* body,
                        std::initializer_list<int> ok, int timeoutSeconds)
{
    const Reply reply = c.http.request(method, path, body ? body->str() : "", timeoutSeconds);
    check(reply, ok);
    return reply.body.empty() ? Poco::Dynamic::Var() : parseJson(reply.body);
}

int show(Invocation& c, const Poco::Dynamic::Var& data, const std::vector<Column>& columns)
{
    if (c.json)
        c.out.json(data);
    else if (data.type() == typeid(Poco::JSON::Array::Ptr))
        c.out.table(data.extract<Poco::JSON::Array::Ptr>(), columns);
    else
        c.out.table(asObject(data), columns);
    return 0;
}

Poco::JSON::Object::Ptr asObject(const Poco::Dynamic::Var& v)
{
    if (v.type() == typeid(Poco::JSON::Object::Ptr))
        return v.extract<Poco::JSON::Object::Ptr>();
    return new Poco::JSON::Object;
}

Poco::JSON::Array::Ptr asArray(const Poco::Dynamic::Var& v)
{
    if (v.type() == typeid(Poco::JSON::Array::Ptr))
        return v.extract<Poco::JSON::Array::Ptr>();
    return new Poco::JSON::Array;
}

std::string member(const Poco::JSON::Object::Ptr& o, const std::string& key, const std::string& fallback)
{
    if (!o || !o->has(key) || o->get(key).isEmpty())
        return fallback;
    return CliOutput::cell(o->get(key));
}

std::string issueType(const std::string& value, const std::string& option)
{
    const std::string lower = Poco::toLower(value);
    if (lower != "github" && lower != "jira")
        throw UsageError(option + " must be 'github' or 'jira', got '" + value + "'");
    return lower;
}

/// The child-scope members shared by the commands that target one failure.
JsonBody failureTarget(const Invocation& c)
{
    const auto childBuild = c.args.integer("child-build").value_or(0);
    if (childBuild < 0)
        throw UsageError("--child-build must be non-negative.");
    if (childBuild > 0 && c.args.textOr("child-job").empty())
        throw UsageError("--child-build requires --child-job.");
    JsonBody body;
    body.set("test_name", c.args.textOr("test"));
    if (!c.args.textOr("child-job").empty())
        body.set("child_job_name", c.args.textOr("child-job")).set("child_build_number", childBuild);
    return body;
}

std::vector<OptionSpec> childScopeOptions()
{
    return {textOption("child-job", "", "Child job name (pipeline child failures)."),
            intOption("child-build", "", "Child build number.")};
}

} // namespace cli
} // namespace jji
