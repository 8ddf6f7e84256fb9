#include "jji/analysis/ai/AiModels.h"

#include "jji/analysis/ai/AiPrices.h"
#include "jji/analysis/runtime/ProcessRunner.h"

#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <mutex>
#include <set>

namespace jji {
namespace analysis {

namespace {

constexpr auto kKeptFor = std::chrono::hours(1);

/// "claude-sonnet-4-5" -> "Claude Sonnet 4 5" (the original's title case of the id).
std::string titled(const std::string& id)
{
    std::string name = id;
    bool wordStart = true;
    for (char& c : name) {
        if (c == '-' || c == '/' || c == '_') {
            c = ' ';
            wordStart = true;
            continue;
        }
        const unsigned char u = static_cast<unsigned char>(c);
        c = static_cast<char>(wordStart ? std::toupper(u) : std::tolower(u));
        wordStart = !std::isalpha(u);
    }
    return name;
}

struct Kept
{
    std::chrono::steady_clock::time_point at;
    std::vector<AiModels::Model> models;
};

std::mutex& keptMutex()
{
    static std::mutex mutex;
    return mutex;
}

std::map<std::string, Kept>& kept()
{
    static std::map<std::string, Kept> lists;
    return lists;
}

} // namespace

const std::vector<std::string>& AiModels::providers()
{
    static const std::vector<std::string> names{"claude", "cursor", "gemini"};
    return names;
}

std::vector<AiModels::Model> AiModels::list(const std::string& provider) const
{
    if (std::find(providers().begin(), providers().end(), provider) == providers().end())
        return {};
    const auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard<std::mutex> lock(keptMutex());
        auto it = kept().find(provider);
        if (it != kept().end() && now - it->second.at < kKeptFor)
            return it->second.models;
    }
    std::vector<Model> models = provider == "cursor" ? fromCursorCli() : fromPriceTable(provider);
    if (!models.empty()) {
        std::lock_guard<std::mutex> lock(keptMutex());
        kept()[provider] = {now, models};
    }
    return models;
}

std::vector<AiModels::Model> AiModels::fromPriceTable(const std::string& provider) const
{
    std::vector<Model> models;
    std::set<std::string> seen;
    for (const auto& key : AiPrices::shared(_settings.aiPricesFile).modelNames()) {
        std::string id;
        if (provider == "claude" && key.rfind("claude-", 0) == 0 && key.find('/') == std::string::npos)
            id = key;
        else if (provider == "gemini" && key.rfind("gemini/", 0) == 0)
            id = key.substr(7);
        else if (provider == "gemini" && key.rfind("gemini-", 0) == 0)
            id = key;
        if (!id.empty() && id.find('/') == std::string::npos && seen.insert(id).second)
            models.push_back({id, titled(id)});
    }
    std::sort(models.begin(), models.end(), [](const Model& a, const Model& b) { return a.id < b.id; });
    return models;
}

std::vector<AiModels::Model> AiModels::fromCursorCli() const
{
    const ProcessResult run =
        ProcessRunner::run(_settings.aiCommandFor("cursor"), {"models"}, "", std::chrono::seconds(10), "", std::chrono::seconds(1));
    if (!run.launched || run.timedOut || run.exitCode != 0)
        return {};
    // A header line, "id - Name" lines, and a closing tip.
    std::vector<std::string> lines;
    for (const auto& line : Poco::StringTokenizer(run.out, "\n", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY))
        lines.push_back(line);
    std::vector<Model> models;
    for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
        const std::size_t dash = lines[i].find(" - ");
        if (dash == std::string::npos)
            models.push_back({lines[i], titled(lines[i])});
        else
            models.push_back({Poco::trim(lines[i].substr(0, dash)), Poco::trim(lines[i].substr(dash + 3))});
    }
    return models;
}

} // namespace analysis
} // namespace jji
