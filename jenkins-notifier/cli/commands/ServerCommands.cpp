// health, capabilities, ai-configs, ai-models: what the server is and can do.
#include "../CommandSupport.h"
#include "../CommandTree.h"

#include <Poco/NumberFormatter.h>

#include <algorithm>

namespace jji {
namespace cli {

namespace {

int health(Invocation& c)
{
    Poco::Dynamic::Var data;
    try {
        data = call(c, "GET", "/api/health", nullptr, {200, 503}); // 503 is an answer: "unhealthy"
    } catch (const ServerError& e) {
        if (e.status != 404)
            throw;
        data = call(c, "GET", "/health");
    }
    if (c.json) {
        c.out.json(data);
        return 0;
    }
    Poco::JSON::Object::Ptr o = asObject(data);
    c.out.line("Status: " + c.out.signal(member(o, "status", "unknown")));
    if (Poco::JSON::Object::Ptr checks = o->getObject("checks"); checks && checks->size() > 0) {
        c.out.line("\nChecks:");
        for (const auto& name : checks->getNames()) {
            Poco::JSON::Object::Ptr check = checks->getObject(name);
            const std::string detail = member(check, "detail");
            c.out.line("  " + name + ": " + c.out.signal(member(check, "status", "unknown")) + (detail.empty() ? "" : " (" + detail + ")"));
        }
    }
    if (Poco::JSON::Object::Ptr rates = o->getObject("error_rates"); rates && rates->size() > 0)
        c.out.line("\nError rate: " + Poco::NumberFormatter::format(rates->optValue<double>("error_rate", 0) * 100, 1) + "% (" +
                   member(rates, "total_errors", "0") + "/" + member(rates, "total_requests", "0") + " in " +
                   Poco::NumberFormatter::format(rates->optValue<double>("window_seconds", 0), 0) + "s window)");
    return 0;
}

int capabilities(Invocation& c)
{
    c.out.json(call(c, "GET", "/api/capabilities")); // the original prints the object as JSON either way
    return 0;
}

int aiConfigs(Invocation& c)
{
    Poco::Dynamic::Var data = call(c, "GET", "/ai-configs");
    if (!c.json && asArray(data)->size() == 0) {
        c.out.line("No AI configurations found from completed analyses.");
        return 0;
    }
    return show(c, data, {{"ai_provider", "AI PROVIDER"}, {"ai_model", "AI MODEL"}});
}

int aiModels(Invocation& c)
{
    const std::string provider = c.args.textOr("provider");
    Poco::Dynamic::Var data = call(c, "GET", "/api/ai-models" + Query().add("provider", provider).str());
    if (c.json) {
        c.out.json(data);
        return 0;
    }
    const std::vector<Column> columns{{"id", "MODEL ID"}, {"name", "DISPLAY NAME"}};
    Poco::JSON::Object::Ptr o = asObject(data);
    if (!provider.empty()) {
        Poco::JSON::Array::Ptr models = o->getArray("models");
        if (!models || models->size() == 0) {
            c.out.line("No models found for provider '" + provider + "'.");
            return 0;
        }
        c.out.line("Models for " + provider + ":");
        c.out.table(models, columns);
        return 0;
    }
    Poco::JSON::Object::Ptr providers = o->getObject("providers");
    if (!providers || providers->size() == 0) {
        c.out.line("No models found.");
        return 0;
    }
    std::vector<std::string> names = providers->getNames();
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
        Poco::JSON::Array::Ptr models = providers->getArray(name);
        const std::size_t count = models ? models->size() : 0;
        c.out.line("\n" + name + " (" + std::to_string(count) + " models):");
        if (count > 0)
            c.out.table(models, columns);
    }
    return 0;
}

} // namespace

void addServerCommands(CommandTree& tree)
{
    tree.add({{"health"}, "Check server health.", {}, {}, health});
    tree.add({{"capabilities"}, "Show which post-analysis automation features the server supports.", {}, {}, capabilities});
    tree.add({{"ai-configs"}, "List known AI provider/model configurations from successful analyses.", {}, {}, aiConfigs});
    tree.add({{"ai-models"},
              "List available AI models per provider.",
              {},
              {textOption("provider", "p", "Filter by AI provider (e.g. cursor, claude, gemini).").completing("provider")},
              aiModels});
}

} // namespace cli
} // namespace jji
