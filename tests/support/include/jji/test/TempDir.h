#ifndef JJI_TEST_TEMPDIR_H
#define JJI_TEST_TEMPDIR_H

#include <string>

namespace jji {
namespace test {

/// A fresh directory under the system temp folder, removed with everything in it
/// when the object goes away.
class TempDir
{
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string& path() const { return _path; }
    std::string file(const std::string& name) const { return _path + "/" + name; }

private:
    std::string _path;
};

/// Writes text to a file (replacing it).
void writeFile(const std::string& path, const std::string& text);
/// Reads a whole file.
std::string readFile(const std::string& path);
/// True when `needle` occurs in any file under `dir` (e.g. a secret in a database or its WAL).
bool anyFileContains(const std::string& dir, const std::string& needle);

} // namespace test
} // namespace jji

#endif
