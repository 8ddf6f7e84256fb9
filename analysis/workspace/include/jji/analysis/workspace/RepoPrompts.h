#ifndef JJI_ANALYSIS_WORKSPACE_REPOPROMPTS_H
#define JJI_ANALYSIS_WORKSPACE_REPOPROMPTS_H

#include <cstddef>
#include <string>

namespace jji {
namespace analysis {

/// The prompt files a team keeps at the root of its tests repository, read from the clone in
/// a job's workspace (never fetched elsewhere), each cut at kMaxBytes:
/// - JOB_INSIGHT_PROMPT.md: added to every analysis prompt (a request's raw_prompt replaces it);
/// - JOB_INSIGHT_FAILURE_HISTORY_ANALYSIS_PROMPT.md: replaces the built-in instructions on
///   how to weigh a failure's history;
/// - JOB_INSIGHT_ISSUE_PROMPT.md: added to the prompts that write issue previews.
struct RepoPrompts
{
    static constexpr std::size_t kMaxBytes = 16 * 1024;

    std::string analysis;
    std::string historyAnalysis;
    std::string issue;

    /// Reads the files of the tests repository cloned at `<workspace>/tests-repo`; a missing
    /// file, a link leaving the clone or anything not a regular file gives "".
    static RepoPrompts read(const std::string& workspace);
};

} // namespace analysis
} // namespace jji

#endif
