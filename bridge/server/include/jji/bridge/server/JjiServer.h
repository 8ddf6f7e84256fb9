#ifndef JJI_BRIDGE_SERVER_JJISERVER_H
#define JJI_BRIDGE_SERVER_JJISERVER_H

#include <Poco/Util/ServerApplication.h>

#include <map>
#include <string>

namespace jji {
namespace bridge {

/// The jji-server daemon: reads settings, opens and migrates the database, registers
/// the routes and serves HTTP until SIGTERM/SIGINT, then stops accepting and lets
/// running requests finish. Runs in the foreground (systemd supervises it).
class JjiServer : public Poco::Util::ServerApplication
{
protected:
    void defineOptions(Poco::Util::OptionSet& options) override;
    void handleOption(const std::string& name, const std::string& value) override;
    int main(const std::vector<std::string>& args) override;

private:
    void printHelp();

    bool _helpRequested = false;
    bool _printConfig = false;
    bool _checkAi = false;
    std::string _configFile;
    std::map<std::string, std::string> _overrides;
};

} // namespace bridge
} // namespace jji

#endif
