#include "jji/analysis/jenkins/JenkinsClient.h"

#include "jji/analysis/runtime/HttpSession.h"
#include "jji/analysis/model/JsonText.h"
#include "jji/storage/Metrics.h"

#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Path.h>
#include <Poco/StringTokenizer.h>
#include <Poco/URI.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>

namespace jji {
namespace analysis {

namespace {

void collectSuites(const Poco::JSON::Array::Ptr& suites, std::vector<TestFailure>& out)
{
    if (!suites)
        return;
    for (unsigned s = 0; s < suites->size(); ++s) {
        Poco::JSON::Object::Ptr suite = suites->getObject(s);
        Poco::JSON::Array::Ptr cases = suite ? suite->getArray("cases") : nullptr;
        if (!cases)
            continue;
        for (unsigned c = 0; c < cases->size(); ++c) {
            Poco::JSON::Object::Ptr tc = cases->getObject(c);
            std::string status = textField(tc, "status");
            if (status != "FAILED" && status != "REGRESSION")
                continue;
            TestFailure f;
            std::string className = textField(tc, "className");
            f.testName = className.empty() ? textField(tc, "name") : className + "." + textField(tc, "name");
            f.errorMessage = textField(tc, "errorDetails");
            f.stackTrace = textField(tc, "errorStackTrace");
            f.duration = tc->has("duration") && tc->get("duration").isNumeric() ? tc->get("duration").convert<double>() : 0.0;
            f.status = status;
            out.push_back(std::move(f));
        }
    }
}

} // namespace

JenkinsClient::JenkinsClient(JenkinsConnection connection) : _connection(std::move(connection))
{
    while (!_connection.url.empty() && _connection.url.back() == '/')
        _connection.url.pop_back();
}

std::string JenkinsClient::jobPath(const std::string& jobName)
{
    std::string path;
    Poco::StringTokenizer parts(jobName, "/", Poco::StringTokenizer::TOK_IGNORE_EMPTY | Poco::StringTokenizer::TOK_TRIM);
    for (const auto& part : parts) {
        std::string encoded;
        Poco::URI::encode(part, "/?#%&=+ ", encoded);
        path += "/job/" + encoded;
    }
    return path;
}

template <typename Reader>
auto JenkinsClient::get(const std::string& path, Reader read) const -> decltype(read(std::declval<std::istream&>()))
{
    const std::string where = _connection.url + path;
    try {
        Poco::URI uri(where);
        auto session = openHttpSession(uri, _connection.sslVerify);
        session->setTimeout(Poco::Timespan(_connection.timeoutSeconds, 0));
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, uri.getPathAndQuery(), Poco::Net::HTTPMessage::HTTP_1_1);
        if (!_connection.user.empty())
            request.set("Authorization", basicAuthorization(_connection.user, _connection.apiToken));
        session->sendRequest(request);
        Poco::Net::HTTPResponse response;
        std::istream& body = session->receiveResponse(response);
        const int status = response.getStatus();
        if (status != 200)
            storage::Metrics::instance().count("jji_jenkins_errors_total", {{"kind", "http_" + std::to_string(status)}});
        if (status == 401 || status == 403)
            throw JenkinsError("Jenkins refused the credentials for " + where + " (HTTP " + std::to_string(status) + ")", status);
        if (status != 200)
            throw JenkinsError("Jenkins answered HTTP " + std::to_string(status) + " for " + where, status);
        return read(body);
    } catch (const JenkinsError&) {
        throw;
    } catch (const Poco::Exception& e) {
        storage::Metrics::instance().count("jji_jenkins_errors_total", {{"kind", "unreachable"}});
        throw JenkinsError("cannot reach Jenkins at " + where + ": " + e.displayText());
    }
}

int JenkinsClient::probe(int timeoutSeconds) const
{
    Poco::URI uri;
    try {
        uri = Poco::URI(_connection.url + "/");
    } catch (const Poco::Exception&) {
        throw JenkinsError("the Jenkins URL is invalid");
    }
    Poco::URI shown(uri);
    shown.setUserInfo("");
    try {
        auto session = openHttpSession(uri, _connection.sslVerify);
        session->setTimeout(Poco::Timespan(timeoutSeconds, 0));
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, uri.getPathAndQuery(), Poco::Net::HTTPMessage::HTTP_1_1);
        if (!_connection.user.empty())
            request.set("Authorization", basicAuthorization(_connection.user, _connection.apiToken));
        session->sendRequest(request);
        Poco::Net::HTTPResponse response;
        session->receiveResponse(response); // the status is the answer; the page is not read
        return response.getStatus();
    } catch (const Poco::Exception& e) {
        throw JenkinsError("cannot reach Jenkins at " + shown.toString() + ": " + e.displayText());
    }
}

JenkinsBuild JenkinsClient::build(const std::string& jobName, long long number) const
{
    return get(jobPath(jobName) + "/" + std::to_string(number) + "/api/json", [&](std::istream& in) {
        JenkinsBuild b;
        try {
            b.json = Poco::JSON::Parser().parse(in).extract<Poco::JSON::Object::Ptr>();
        } catch (const std::exception& e) {
            throw JenkinsError(std::string("Jenkins sent unreadable build JSON: ") + e.what());
        }
        b.number = b.json->optValue<long long>("number", number);
        b.building = b.json->optValue<bool>("building", false);
        b.result = textField(b.json, "result");
        b.url = textField(b.json, "url");
        b.durationMs = b.json->optValue<long long>("duration", 0);
        return b;
    });
}

std::optional<std::vector<TestFailure>> JenkinsClient::failedTests(const std::string& jobName, long long number) const
{
    try {
        return get(jobPath(jobName) + "/" + std::to_string(number) + "/testReport/api/json", [](std::istream& in) {
            Poco::JSON::Object::Ptr report;
            try {
                report = Poco::JSON::Parser().parse(in).extract<Poco::JSON::Object::Ptr>();
            } catch (const std::exception& e) {
                throw JenkinsError(std::string("Jenkins sent an unreadable test report: ") + e.what());
            }
            std::vector<TestFailure> failures;
            collectSuites(report->getArray("suites"), failures);
            if (Poco::JSON::Array::Ptr children = report->getArray("childReports")) {
                for (unsigned i = 0; i < children->size(); ++i) {
                    Poco::JSON::Object::Ptr child = children->getObject(i);
                    Poco::JSON::Object::Ptr result = child ? child->getObject("result") : nullptr;
                    if (result)
                        collectSuites(result->getArray("suites"), failures);
                }
            }
            return std::optional<std::vector<TestFailure>>(std::move(failures));
        });
    } catch (const JenkinsError& e) {
        if (e.status() == 404)
            return std::nullopt; // no test report: compile or pipeline error
        throw;
    }
}

std::string JenkinsClient::consoleTail(const std::string& jobName, long long number, std::size_t maxBytes) const
{
    return get(jobPath(jobName) + "/" + std::to_string(number) + "/consoleText", [maxBytes](std::istream& in) {
        ConsoleScanner scanner(maxBytes, 0);
        char chunk[65536];
        while (in) {
            in.read(chunk, sizeof(chunk));
            scanner.feed(chunk, static_cast<std::size_t>(in.gcount()));
        }
        return scanner.finish().tail;
    });
}

ConsoleExcerpt JenkinsClient::consoleExcerpt(const std::string& jobName, long long number) const
{
    return get(jobPath(jobName) + "/" + std::to_string(number) + "/consoleText", [](std::istream& in) {
        ConsoleScanner scanner;
        char chunk[65536];
        while (in) {
            in.read(chunk, sizeof(chunk));
            scanner.feed(chunk, static_cast<std::size_t>(in.gcount()));
        }
        return scanner.finish();
    });
}

std::string JenkinsClient::buildUrl(const std::string& jobName, long long number) const
{
    return _connection.url + jobPath(jobName) + "/" + std::to_string(number) + "/";
}

JenkinsClient::ArtifactDownload JenkinsClient::downloadArtifacts(const std::string& jobName, const JenkinsBuild& build,
                                                                 const std::string& dir, std::size_t maxBytes) const
{
    ArtifactDownload out;
    Poco::JSON::Array::Ptr artifacts = build.json ? build.json->getArray("artifacts") : nullptr;
    for (unsigned i = 0; artifacts && i < artifacts->size(); ++i) {
        const std::string relative = textField(artifacts->getObject(i), "relativePath");
        std::vector<std::string> segments;
        bool safe = !relative.empty() && relative[0] != '/';
        Poco::StringTokenizer parts(relative, "/", Poco::StringTokenizer::TOK_IGNORE_EMPTY);
        for (const auto& part : parts) {
            if (part == ".." || part == "." || part.find('\\') != std::string::npos)
                safe = false;
            segments.push_back(part);
        }
        if (!safe || segments.empty()) {
            out.skipped.push_back(relative + ": unsafe path");
            continue;
        }
        if (out.bytes >= maxBytes) {
            out.skipped.push_back(relative + ": size cap reached");
            continue;
        }
        // Segments are checked above (no "..", ".", "\\"), so joining them stays inside dir.
        std::string urlPath = jobPath(jobName) + "/" + std::to_string(build.number) + "/artifact";
        std::string target = dir;
        for (const auto& segment : segments) {
            std::string encoded;
            Poco::URI::encode(segment, "/?#%&=+ ", encoded);
            urlPath += "/" + encoded;
            target += "/" + segment;
        }
        try {
            bool complete = true;
            std::size_t written = get(urlPath, [&](std::istream& in) {
                Poco::File(Poco::Path(target).parent()).createDirectories();
                std::ofstream file(target, std::ios::binary | std::ios::trunc);
                std::size_t n = 0;
                char chunk[65536];
                while (in && file) {
                    const std::size_t room = maxBytes - out.bytes - n;
                    if (room == 0) {
                        complete = in.peek() == std::char_traits<char>::eof();
                        break;
                    }
                    in.read(chunk, static_cast<std::streamsize>(std::min(sizeof(chunk), room)));
                    file.write(chunk, in.gcount());
                    n += static_cast<std::size_t>(in.gcount());
                }
                complete = complete && file.good();
                return n;
            });
            if (!complete) { // cut at the cap or not writable: an AI must not read half a file as whole
                try {
                    Poco::File(target).remove();
                } catch (const Poco::Exception&) {
                }
                out.skipped.push_back(relative + ": size cap reached or not writable");
                continue;
            }
            out.bytes += written;
            out.files.push_back(relative);
        } catch (const JenkinsError& e) {
            out.skipped.push_back(relative + ": " + e.what());
        }
    }
    return out;
}

} // namespace analysis
} // namespace jji
