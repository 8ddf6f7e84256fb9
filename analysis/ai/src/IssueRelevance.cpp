#include "jji/analysis/ai/IssueRelevance.h"

#include "jji/analysis/ai/AiCall.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>
#include <Poco/NumberParser.h>
#include <Poco/String.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

namespace jji {
namespace analysis {

namespace {

// A tracker's descriptions can be long: the start says what the issue is about.
constexpr std::size_t kMaxCandidateDescription = 2000;
constexpr std::size_t kMaxBugDescription = 6000;

std::string clipped(const std::string& text, std::size_t max)
{
    return text.size() <= max ? text : text.substr(0, max) + " ...";
}

/// The text inside the first ```json fence, else the first ``` fence, else all of it.
std::string unfenced(const std::string& text)
{
    for (const char* opening : {"```json", "```"}) {
        const std::size_t fence = text.find(opening);
        if (fence == std::string::npos)
            continue;
        const std::size_t start = fence + std::string(opening).size();
        const std::size_t close = text.find("```", start);
        return Poco::trim(text.substr(start, close == std::string::npos ? std::string::npos : close - start));
    }
    return text;
}

std::string keyOf(const Poco::JSON::Object::Ptr& verdict)
{
    if (!verdict->has("key"))
        return "";
    const Poco::Dynamic::Var key = verdict->get("key");
    if (key.isString())
        return Poco::trim(key.extract<std::string>());
    if (key.isInteger()) // a GitHub number given as a number
        return key.convert<std::string>();
    return "";
}

bool isRelevant(const Poco::JSON::Object::Ptr& verdict)
{
    if (!verdict->has("relevant"))
        return false;
    const Poco::Dynamic::Var relevant = verdict->get("relevant");
    if (relevant.isBoolean())
        return relevant.extract<bool>();
    return relevant.isString() && Poco::icompare(Poco::trim(relevant.extract<std::string>()), "true") == 0;
}

double scoreOf(const Poco::JSON::Object::Ptr& verdict)
{
    if (!verdict->has("score"))
        return 0.0;
    const Poco::Dynamic::Var score = verdict->get("score");
    double value = 0.0;
    if (score.isNumeric())
        value = score.convert<double>();
    else if (!score.isString() || !Poco::NumberParser::tryParseFloat(Poco::trim(score.extract<std::string>()), value))
        return 0.0;
    return std::isfinite(value) ? std::clamp(value, 0.0, 1.0) : 0.0;
}

} // namespace

IssueRelevance::IssueRelevance(const config::Settings& settings, AiCallLimiter& limiter, AiRequest ai, std::string callType)
    : _settings(settings), _limiter(limiter), _ai(std::move(ai)), _callType(std::move(callType))
{
    _ai.peers.clear(); // one opinion is asked, not a debate
}

std::string IssueRelevance::prompt(const std::string& bugTitle, const std::string& bugDescription,
                                   const std::vector<IssueCandidate>& candidates)
{
    std::ostringstream p;
    p << "You are evaluating whether existing issue tickets match a newly discovered bug.\n\n"
      << "NEW BUG:\nTitle: " << bugTitle << "\nDescription: " << clipped(bugDescription, kMaxBugDescription) << "\n\n"
      << "CANDIDATES:\n";
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const IssueCandidate& c = candidates[i];
        if (i > 0)
            p << "\n";
        p << i + 1 << ". " << c.key << " [" << c.status << "] - " << c.title << "\n   Description: "
          << (c.description.empty() ? std::string("No description") : clipped(c.description, kMaxCandidateDescription));
    }
    p << "\n\nFor each candidate, determine if it describes the SAME bug or a closely related issue\n"
         "(including regressions of previously fixed bugs).\n\n"
         "A match means the ticket describes essentially the same broken behavior,\n"
         "not just that it mentions similar components or technologies.\n\n"
         "Respond with ONLY a JSON array. For each candidate include:\n"
         "- \"key\": the issue key/identifier\n"
         "- \"relevant\": true or false\n"
         "- \"score\": relevance score 0.0 to 1.0 (1.0 = exact same bug, 0.5+ = likely related)\n\n"
         "Example: [{\"key\": \"PROJ-123\", \"relevant\": true, \"score\": 0.9}, "
         "{\"key\": \"PROJ-456\", \"relevant\": false, \"score\": 0.1}]\n\n"
         "Respond with ONLY the JSON array, no other text.";
    return p.str();
}

std::optional<std::vector<RelevantIssue>> IssueRelevance::parse(const std::string& answer)
{
    std::string text = unfenced(Poco::trim(answer));
    const std::size_t open = text.find('[');
    const std::size_t close = text.rfind(']');
    if (open != std::string::npos && close != std::string::npos && close > open)
        text = text.substr(open, close - open + 1);
    Poco::JSON::Array::Ptr verdicts;
    try {
        Poco::Dynamic::Var parsed = Poco::JSON::Parser().parse(text);
        if (parsed.type() != typeid(Poco::JSON::Array::Ptr))
            return std::nullopt;
        verdicts = parsed.extract<Poco::JSON::Array::Ptr>();
    } catch (const std::exception&) {
        return std::nullopt;
    }
    std::vector<RelevantIssue> out;
    for (std::size_t i = 0; i < verdicts->size(); ++i) {
        Poco::JSON::Object::Ptr verdict = verdicts->getObject(static_cast<unsigned>(i));
        if (!verdict)
            continue;
        const std::string key = keyOf(verdict);
        if (!key.empty() && isRelevant(verdict))
            out.push_back({key, scoreOf(verdict)});
    }
    std::stable_sort(out.begin(), out.end(), [](const RelevantIssue& a, const RelevantIssue& b) { return a.score > b.score; });
    return out;
}

std::vector<RelevantIssue> IssueRelevance::relevant(const std::string& bugTitle, const std::string& bugDescription,
                                                    const std::vector<IssueCandidate>& candidates,
                                                    std::vector<TokenUsage>& usage) const
{
    if (candidates.empty())
        return {};
    Poco::Logger& log = Poco::Logger::get("jji.ai");
    std::vector<TokenUsage> calls;
    std::string error;
    const std::string answer = callAi(_settings, _limiter, _ai, prompt(bugTitle, bugDescription, candidates), calls, error);
    for (auto& call : calls) {
        call.callType = _callType;
        usage.push_back(call);
    }
    if (!error.empty()) {
        log.warning("AI relevance filtering (%s) failed, no matches kept: %s", _callType, error);
        return {};
    }
    std::optional<std::vector<RelevantIssue>> verdicts = parse(answer);
    if (!verdicts) {
        log.warning("AI relevance filtering (%s): no JSON array in the answer, no matches kept", _callType);
        return {};
    }
    std::set<std::string> known, kept;
    for (const auto& c : candidates)
        known.insert(c.key);
    std::vector<RelevantIssue> out;
    for (const auto& v : *verdicts) // best first, so a key named twice keeps its best score
        if (known.count(v.key) && kept.insert(v.key).second)
            out.push_back(v);
    return out;
}

} // namespace analysis
} // namespace jji
