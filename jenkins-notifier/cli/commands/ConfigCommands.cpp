// config show / servers / completion: the local config file, no server needed.
#include "../CommandSupport.h"
#include "../CommandTree.h"

#include <Poco/JSON/Array.h>

#include <filesystem>

namespace jji {
namespace cli {

namespace {

int configShow(Invocation& c)
{
    const CliConfig config = CliConfig::load();
    const std::string path = CliConfig::path();
    if (!config.exists()) {
        c.out.line("No config file found at " + path);
        c.out.line("\nCreate one with:\n  mkdir -p " + std::filesystem::path(path).parent_path().string() + "\n  cat > " + path +
                   " << 'EOF'\n  [default]\n  server = \"dev\"\n\n  [servers.dev]\n  url = \"http://localhost:8000\"\n  username = \"myuser\"\n  EOF");
        return 0;
    }
    c.out.line("Config file: " + path);
    c.out.line("Default server: " + (config.defaultServer().empty() ? std::string("(not set)") : config.defaultServer()));
    const auto profiles = config.profiles();
    if (profiles.empty())
        return 0;
    c.out.line("\nServers (" + std::to_string(profiles.size()) + "):");
    for (const auto& p : profiles) {
        const std::string user = p.text("username");
        c.out.line("  " + p.name + (p.name == config.defaultServer() ? " *" : "") + ": " + p.url() + (user.empty() ? "" : " user=" + user) +
                   (p.boolean("no_verify_ssl").value_or(false) ? " (no-verify-ssl)" : ""));
        // Every other setting of the profile, secrets masked.
        for (const auto& [key, value] : p.values())
            if (key != "url" && key != "username" && key != "no_verify_ssl")
                c.out.line("      " + key + " = " + CliConfig::display(key, value));
    }
    return 0;
}

int configServers(Invocation& c)
{
    const CliConfig config = CliConfig::load();
    const auto profiles = config.profiles();
    if (c.json) {
        Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        for (const auto& p : profiles) {
            Poco::JSON::Object::Ptr entry = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            entry->set("url", p.url());
            entry->set("username", p.text("username"));
            entry->set("no_verify_ssl", p.boolean("no_verify_ssl").value_or(false));
            entry->set("default", p.name == config.defaultServer());
            out->set(p.name, entry);
        }
        c.out.json(out);
        return 0;
    }
    if (profiles.empty()) {
        c.out.line("No servers configured.");
        return 0;
    }
    Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
    for (const auto& p : profiles) {
        Poco::JSON::Object::Ptr row = new Poco::JSON::Object;
        row->set("name", p.name);
        row->set("url", p.url());
        row->set("username", p.text("username"));
        row->set("no_verify_ssl", p.boolean("no_verify_ssl").value_or(false) ? "True" : "False");
        row->set("default", p.name == config.defaultServer() ? "*" : "");
        rows->add(row);
    }
    c.out.table(rows, {{"name", ""}, {"url", ""}, {"username", ""}, {"no_verify_ssl", "NO VERIFY SSL"}, {"default", ""}});
    return 0;
}

int configCompletion(Invocation& c)
{
    const std::string& shell = c.args.argument("SHELL");
    if (shell != "bash" && shell != "zsh" && shell != "fish") {
        c.out.line("Unsupported shell: " + shell + ". Use 'bash', 'zsh' or 'fish'.");
        return 1;
    }
    if (shell == "fish") {
        c.out.line("# Install for fish:");
        c.out.line("jji --show-completion fish > ~/.config/fish/completions/jji.fish");
        return 0;
    }
    c.out.line(std::string("# Add to ") + (shell == "zsh" ? "~/.zshrc" : "~/.bashrc") + ":");
    c.out.line("if command -v jji &> /dev/null; then");
    c.out.line("  eval \"$(jji --show-completion " + shell + ")\"");
    c.out.line("fi");
    return 0;
}

CommandSpec local(CommandSpec spec)
{
    spec.needsServer = false;
    return spec;
}

} // namespace

void addConfigCommands(CommandTree& tree)
{
    CommandSpec bare = local({{"config"}, "Show current configuration.", {}, {}, configShow});
    bare.hidden = true; // `jji config` alone shows it, as the original
    tree.add(bare);
    tree.add(local({{"config", "show"}, "Show current configuration (secrets masked).", {}, {}, configShow}));
    tree.add(local({{"config", "servers"}, "List configured servers.", {}, {}, configServers}));
    tree.add(local({{"config", "completion"},
                    "Show shell completion setup instructions.",
                    {{"SHELL", false, false, "zsh", "shell"}},
                    {},
                    configCompletion}));
}

} // namespace cli
} // namespace jji
