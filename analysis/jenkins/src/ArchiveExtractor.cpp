#include "jji/analysis/jenkins/ArchiveExtractor.h"

#include <Poco/Delegate.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/Zip/Decompress.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipLocalFileHeader.h>

#include <fstream>

namespace jji {
namespace analysis {

namespace {

/// True when `relative` stays inside its folder: not absolute, no ".." segment.
bool safeEntry(const std::string& relative)
{
    if (relative.empty() || relative[0] == '/' || relative[0] == '\\' || relative.find(':') != std::string::npos)
        return false;
    std::string segment;
    for (char c : relative + "/") {
        if (c == '/' || c == '\\') {
            if (segment == "..")
                return false;
            segment.clear();
        } else {
            segment += c;
        }
    }
    return true;
}

/// Collects what Decompress reports.
struct Listener
{
    ArchiveExtractor::Outcome& outcome;
    void ok(const void*, std::pair<const Poco::Zip::ZipLocalFileHeader, const Poco::Path>& info)
    {
        outcome.files.push_back(info.second.toString(Poco::Path::PATH_UNIX));
    }
    void error(const void*, std::pair<const Poco::Zip::ZipLocalFileHeader, const std::string>& info)
    {
        outcome.refused.push_back(info.first.getFileName() + ": " + info.second);
    }
};

} // namespace

ArchiveExtractor::Outcome ArchiveExtractor::extractZip(const std::string& archive, const std::string& targetDir,
                                                       std::size_t maxBytes)
{
    Outcome outcome;
    try {
        // Check every entry first: one unsafe name or a total past the cap refuses the archive.
        std::ifstream scan(archive, std::ios::binary);
        Poco::Zip::ZipArchive listing(scan);
        std::size_t total = 0;
        for (auto it = listing.headerBegin(); it != listing.headerEnd(); ++it) {
            if (!safeEntry(it->first))
                outcome.refused.push_back(it->first + ": path leaves the folder");
            total += it->second.getUncompressedSize();
        }
        if (total > maxBytes)
            outcome.refused.push_back(Poco::Path(archive).getFileName() + ": larger than the size cap when unpacked");
        if (!outcome.refused.empty())
            return outcome;
        Poco::File(targetDir).createDirectories();
        std::ifstream in(archive, std::ios::binary);
        Poco::Zip::Decompress decompress(in, Poco::Path(targetDir), false, true);
        Listener listener{outcome};
        decompress.EOk += Poco::delegate(&listener, &Listener::ok);
        decompress.EError += Poco::delegate(&listener, &Listener::error);
        decompress.decompressAllFiles();
        decompress.EOk -= Poco::delegate(&listener, &Listener::ok);
        decompress.EError -= Poco::delegate(&listener, &Listener::error);
    } catch (const std::exception& e) {
        outcome.refused.push_back(Poco::Path(archive).getFileName() + ": " + e.what());
    }
    return outcome;
}

} // namespace analysis
} // namespace jji
