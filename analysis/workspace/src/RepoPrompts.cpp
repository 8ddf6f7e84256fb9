#include "jji/analysis/workspace/RepoPrompts.h"

#include <Poco/String.h>

#include <filesystem>
#include <fstream>

namespace jji {
namespace analysis {

namespace {

/// A file of the clone, at most kMaxBytes, trimmed. The clone comes from a repository anyone
/// with push access controls: a symbolic link must not make the daemon read its own files.
std::string readCapped(const std::filesystem::path& clone, const char* name)
{
    std::error_code ec;
    const std::filesystem::path file = clone / name;
    const auto status = std::filesystem::symlink_status(file, ec);
    if (ec || !std::filesystem::is_regular_file(status))
        return "";
    std::ifstream in(file, std::ios::binary);
    std::string text(RepoPrompts::kMaxBytes, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    const bool cut = in.peek() != std::char_traits<char>::eof();
    if (cut) { // never end inside a UTF-8 sequence
        while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80)
            text.pop_back();
        if (!text.empty() && static_cast<unsigned char>(text.back()) >= 0xC0)
            text.pop_back();
    }
    text = Poco::trim(text);
    if (cut && !text.empty())
        text += "\n[... " + std::string(name) + " cut at " + std::to_string(RepoPrompts::kMaxBytes / 1024) + " kB]";
    return text;
}

} // namespace

RepoPrompts RepoPrompts::read(const std::string& workspace)
{
    const std::filesystem::path clone = std::filesystem::path(workspace) / "tests-repo";
    RepoPrompts prompts;
    prompts.analysis = readCapped(clone, "JOB_INSIGHT_PROMPT.md");
    prompts.historyAnalysis = readCapped(clone, "JOB_INSIGHT_FAILURE_HISTORY_ANALYSIS_PROMPT.md");
    prompts.issue = readCapped(clone, "JOB_INSIGHT_ISSUE_PROMPT.md");
    return prompts;
}

} // namespace analysis
} // namespace jji
