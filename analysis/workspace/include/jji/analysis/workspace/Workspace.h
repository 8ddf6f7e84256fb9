#ifndef JJI_ANALYSIS_WORKSPACE_WORKSPACE_H
#define JJI_ANALYSIS_WORKSPACE_WORKSPACE_H

#include <string>

namespace jji {
namespace analysis {

/// A per-job working directory under <dataDir>/workspaces: the AI CLI runs in it and
/// downloaded artifacts land in it. Removed with everything in it when the object goes.
class Workspace
{
public:
    Workspace(const std::string& dataDir, const std::string& jobId);
    ~Workspace();
    Workspace(const Workspace&) = delete;
    Workspace& operator=(const Workspace&) = delete;

    const std::string& path() const { return _path; }

    /// Leaves the directory in place when the object goes (for a post-mortem).
    void keep() { _keep = true; }

private:
    std::string _path;
    bool _keep = false;
};

} // namespace analysis
} // namespace jji

#endif
