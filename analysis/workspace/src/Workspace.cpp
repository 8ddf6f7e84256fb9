#include "jji/analysis/workspace/Workspace.h"

#include <Poco/File.h>
#include <Poco/Path.h>

namespace jji {
namespace analysis {

Workspace::Workspace(const std::string& dataDir, const std::string& jobId)
    : _path(Poco::Path(dataDir).append("workspaces").append(jobId).toString())
{
    Poco::File(_path).createDirectories();
}

Workspace::~Workspace()
{
    if (_keep)
        return;
    try {
        Poco::File(_path).remove(true);
    } catch (...) {
        // best effort: a leftover directory is harmless and the next start can remove it
    }
}

} // namespace analysis
} // namespace jji
