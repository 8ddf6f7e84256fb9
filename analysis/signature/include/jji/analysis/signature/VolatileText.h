#ifndef JJI_ANALYSIS_SIGNATURE_VOLATILETEXT_H
#define JJI_ANALYSIS_SIGNATURE_VOLATILETEXT_H

#include <string>
#include <string_view>

namespace jji {
namespace analysis {

/// Masks the parts of an error text that change from run to run while the bug stays the
/// same, in one pass of a hand-written scanner (a chain of regex substitutions cost ten
/// times more): UUIDs (also ones a runner shortened with "..."), ISO timestamps and clock
/// times, hex addresses and identity hashes (`0x7feb...`, `Account@7f13d6e`, `pool-3a7f`),
/// temporary paths with everything below them, random suffixes of path components
/// (`cfg-dev-AHi7qP`), durations, numbers of four digits or more (ports, pids, epoch
/// times, ids) and numbers named by a volatile word (`pid 17`, `thread-3`, `goroutine 9`).
/// ANSI colour codes are dropped and runs of blanks become one space.
class VolatileText
{
public:
    /// What else is data rather than the bug, depending on what other evidence there is.
    struct Options
    {
        /// Numbers of one to three digits (assertion operands): masked when other evidence
        /// (a frame) tells bugs apart, kept when the text is all there is and 4 vs 5 may be the bug.
        bool maskSmallNumbers = true;
        /// Short quoted values ('SPRING24', "se") and URLs (http://host/hooks/orders): the
        /// data a raise site complains about, masked when that site (a frame) is known.
        bool maskQuotedValues = false;
    };

    static std::string mask(std::string_view text, Options options);
};

} // namespace analysis
} // namespace jji

#endif
