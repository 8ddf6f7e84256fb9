#ifndef JJI_TEST_JENKINSFIXTURE_H
#define JJI_TEST_JENKINSFIXTURE_H

#include <string>

namespace jji {
namespace test {

/// JSON snippets in the shapes Jenkins serves, for fake-jenkins fixtures.

/// One testReport case; the stack trace depends only on the class, so cases of one
/// class with the same details share an error signature.
std::string jenkinsCase(const std::string& className, const std::string& name, const std::string& status,
                        const std::string& details = "");

/// A testReport document with one suite holding `cases` (comma-joined jenkinsCase()s).
std::string jenkinsReport(const std::string& cases);

/// A finished build's /api/json; `extra` is appended inside the object (",\"subBuilds\":[...]").
std::string jenkinsBuild(int number, const std::string& result, const std::string& extra = "");

/// A whole fake-jenkins fixture: builds app/1..app/`builds`, each failing with its own test,
/// so every build needs its own AI call (throughput tests and benchmarks).
std::string jenkinsFailingBuilds(int builds);

} // namespace test
} // namespace jji

#endif
