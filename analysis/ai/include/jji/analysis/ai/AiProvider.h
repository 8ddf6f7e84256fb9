#ifndef JJI_ANALYSIS_AI_AIPROVIDER_H
#define JJI_ANALYSIS_AI_AIPROVIDER_H

#include "jji/analysis/model/Model.h"
#include "jji/config/Settings.h"

#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// How to run one AI CLI and read its JSON envelope. The built-in providers run headless
/// in their non-interactive JSON modes, with the tool access JJI_AI_TOOLS chooses:
///   readonly (default): the AI reads the workspace and runs read-only git, nothing else,
///     since the prompt carries text anyone who can push a commit controls;
///       claude --model M -p --output-format stream-json --verbose --tools Read,Grep,Glob,Bash
///              --allowedTools "Bash(git log:*)" ... --disallowedTools "Bash(git *--output*)" ...
///              --permission-mode dontAsk        (anything not allowed is refused, never asked)
///       gemini --model M --output-format json --approval-mode plan --skip-trust
///       agent  --model M --print --output-format json --workspace DIR        (cursor)
///   full: every tool, without asking;
///       claude ... --permission-mode dontAsk --allowedTools Bash Edit Write ...
///              (not --dangerously-skip-permissions, which claude refuses as root)
///       gemini --model M --output-format json --yolo --skip-trust
///       agent  --model M --print --output-format json --force --workspace DIR
/// A provider configured only through JJI_AI_COMMAND_<NAME> gets "--model M"; its output
/// is read as a claude/gemini-style envelope when it is one, else as plain text.
/// The prompt always goes on stdin.
class AiProvider
{
public:
    struct Command
    {
        std::string executable;
        std::vector<std::string> args;
    };

    /// The CLI's answer text and what it reported about itself.
    struct Envelope
    {
        std::string answer;
        TokenUsage usage;
        std::string error; ///< the CLI said the call failed (is_error, error object)
        int apiStatus = 0;       ///< the model API's HTTP status behind `error`, when the CLI says
        std::string apiReason;   ///< the API's own error reason (API_KEY_INVALID, not_found_error, ...)
    };

    static Command command(const config::Settings& settings, const std::string& provider, const std::string& model,
                           const std::string& workspace);

    static Envelope readEnvelope(const std::string& provider, const std::string& stdoutText);

    /// The error envelope a failing CLI printed at the end of its stderr (gemini does,
    /// after the stack trace), or an empty envelope when there is none.
    static Envelope readErrorEnvelope(const std::string& provider, const std::string& stderrText);

    /// Finds the analysis object in an answer: the whole text, a ```json fence, or the
    /// first balanced {...} that parses. Returns null when there is none.
    static Poco::JSON::Object::Ptr extractJsonObject(const std::string& answer);
};

} // namespace analysis
} // namespace jji

#endif
