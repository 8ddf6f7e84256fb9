#include "SessionStore.h"

#include "CliOutput.h"

#include <Poco/JSON/Object.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>

namespace jji {
namespace cli {

namespace {

Poco::JSON::Object::Ptr readAll()
{
    std::ifstream in(SessionStore::path());
    if (!in)
        return new Poco::JSON::Object;
    std::stringstream text;
    text << in.rdbuf();
    try {
        Poco::Dynamic::Var parsed = parseJson(text.str());
        if (parsed.type() == typeid(Poco::JSON::Object::Ptr))
            return parsed.extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        // a damaged file holds no usable session: start over
    }
    return new Poco::JSON::Object;
}

void writeAll(const Poco::JSON::Object::Ptr& all)
{
    const std::filesystem::path file = SessionStore::path();
    std::filesystem::create_directories(file.parent_path());
    ::chmod(file.parent_path().c_str(), 0700);
    const std::string temporary = file.string() + ".tmp";
    const mode_t old = ::umask(077); // created 0600: the token never readable by others, even briefly
    {
        std::ofstream out(temporary, std::ios::trunc);
        all->stringify(out, 2);
        if (!out)
            throw std::runtime_error("cannot write " + temporary);
    }
    ::umask(old);
    ::chmod(temporary.c_str(), 0600);
    std::filesystem::rename(temporary, file);
}

} // namespace

std::string SessionStore::path()
{
    const char* xdg = std::getenv("XDG_STATE_HOME");
    const char* home = std::getenv("HOME");
    const std::string base = xdg && *xdg ? xdg : std::string(home ? home : "") + "/.local/state";
    return base + "/jji/sessions.json";
}

std::optional<StoredSession> SessionStore::find(const std::string& serverUrl)
{
    Poco::JSON::Object::Ptr entry = readAll()->getObject(serverUrl);
    if (!entry)
        return std::nullopt;
    return StoredSession{entry->optValue<std::string>("username", ""), entry->optValue<std::string>("session", ""),
                         entry->optValue<std::string>("expires", "")};
}

void SessionStore::save(const std::string& serverUrl, const StoredSession& session)
{
    Poco::JSON::Object::Ptr all = readAll();
    Poco::JSON::Object::Ptr entry = new Poco::JSON::Object;
    entry->set("username", session.username);
    entry->set("session", session.token);
    entry->set("expires", session.expires);
    all->set(serverUrl, entry);
    writeAll(all);
}

bool SessionStore::remove(const std::string& serverUrl)
{
    Poco::JSON::Object::Ptr all = readAll();
    if (!all->has(serverUrl))
        return false;
    all->remove(serverUrl);
    writeAll(all);
    return true;
}

} // namespace cli
} // namespace jji
