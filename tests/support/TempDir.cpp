#include "jji/test/TempDir.h"

#include <Poco/RecursiveDirectoryIterator.h>

#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/TemporaryFile.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace jji {
namespace test {

TempDir::TempDir() : _path(Poco::TemporaryFile::tempName())
{
    Poco::File(_path).createDirectories();
}

TempDir::~TempDir()
{
    try {
        Poco::File(_path).remove(true);
    } catch (...) {
    }
}

void writeFile(const std::string& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out)
        throw std::runtime_error("cannot write " + path);
    out << text;
}

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

bool anyFileContains(const std::string& dir, const std::string& needle)
{
    Poco::SiblingsFirstRecursiveDirectoryIterator end;
    for (Poco::SiblingsFirstRecursiveDirectoryIterator it(dir); it != end; ++it)
        if (it->isFile() && readFile(it->path()).find(needle) != std::string::npos)
            return true;
    return false;
}

} // namespace test
} // namespace jji
