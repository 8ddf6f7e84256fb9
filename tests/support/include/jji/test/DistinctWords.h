#ifndef JJI_TEST_DISTINCTWORDS_H
#define JJI_TEST_DISTINCTWORDS_H

#include <string>

namespace jji {
namespace test {

/// A number written in letters: error signatures mask numbers, so generated errors that
/// must stay distinct groups carry words instead.
inline std::string distinctWord(int n)
{
    std::string out;
    do {
        out += static_cast<char>('a' + n % 26);
        n /= 26;
    } while (n > 0);
    return out;
}

} // namespace test
} // namespace jji

#endif
