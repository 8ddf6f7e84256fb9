#ifndef JJI_ANALYSIS_AI_AIPROVIDER_H
#define JJI_ANALYSIS_AI_AIPROVIDER_H

#include "jji/analysis/model/Model.h"
#include "jji/config/Settings.h"

#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// How to run one AI CLI and read its JSON envelope. The built-in providers run in
/// their non-interactive JSON modes exactly as users of the original service run them:
///   claude --model M -p --output-format json --dangerously-skip-permissions
///   gemini --model M --output-format json --yolo
///   agent  --model M --print --output-format json --force --workspace DIR   (cursor)
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
    };

    static Command command(const config::Settings& settings, const std::string& provider, const std::string& model,
                           const std::string& workspace);

    static Envelope readEnvelope(const std::string& provider, const std::string& stdoutText);

    /// Finds the analysis object in an answer: the whole text, a ```json fence, or the
    /// first balanced {...} that parses. Returns null when there is none.
    static Poco::JSON::Object::Ptr extractJsonObject(const std::string& answer);
};

} // namespace analysis
} // namespace jji

#endif
