#ifndef JJI_ANALYSIS_JENKINS_CONSOLESCANNER_H
#define JJI_ANALYSIS_JENKINS_CONSOLESCANNER_H

#include <deque>
#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// What a console log says, read in one streaming pass with bounded memory: the
/// lines that look like errors (with two lines before and after each), the last
/// bytes of the log, and the "Build X #N completed: FAILURE" lines of pipelines.
struct ConsoleExcerpt
{
    std::string errorLines;                ///< at most maxErrorBytes; "" when nothing matched
    std::string tail;                      ///< the last tailBytes of the log
    std::vector<std::string> childBuildLines;
    std::size_t totalBytes = 0;

    /// The text an AI gets for a console-only failure.
    std::string forPrompt() const;
};

/// Feeds console text chunk by chunk; memory stays bounded whatever the log's size.
class ConsoleScanner
{
public:
    explicit ConsoleScanner(std::size_t tailBytes = 4096, std::size_t maxErrorBytes = 6000);

    void feed(const char* data, std::size_t size);
    ConsoleExcerpt finish();

private:
    void line(std::string text);
    void keep(const std::string& text);

    std::size_t _tailBytes;
    std::size_t _maxErrorBytes;
    std::string _ring;
    std::size_t _total = 0;
    std::string _current;                ///< the line being assembled (capped)
    std::deque<std::string> _before;     ///< the last two lines, for context
    int _afterLeft = 0;                  ///< context lines still to keep after a match
    bool _truncated = false;
    ConsoleExcerpt _excerpt;
};

} // namespace analysis
} // namespace jji

#endif
