// Analysis workspaces end to end: repositories cloned with git (file:// bare repos, a
// branch and a commit ref), clone tokens kept out of process arguments and output, zip
// artifacts unpacked with unsafe entries refused, and workspaces removed or kept.
#include "jji/test/CallbackReceiver.h"
#include "jji/test/FakeJenkins.h"
#include "jji/test/JenkinsFixture.h"
#include "jji/test/ServerProcess.h"

#include <Poco/File.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/RecursiveDirectoryIterator.h>

#include <cppunit/extensions/HelperMacros.h>

#include <cstdlib>
#include <fstream>

using jji::test::HttpResponse;
using jji::test::ServerProcess;
using jji::test::TempDir;
using Poco::JSON::Object;

class WorkspaceTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(WorkspaceTest);
    CPPUNIT_TEST(reposAreClonedForTheAi);
    CPPUNIT_TEST(serverDefaultsAndEmptyListDisable);
    CPPUNIT_TEST(tokensStayOutOfArgumentsAndOutput);
    CPPUNIT_TEST(serverTokenStaysWithItsHost);
    CPPUNIT_TEST(requestedReposMustBeReachableAndAllowed);
    CPPUNIT_TEST(repoNameRulesAre422);
    CPPUNIT_TEST(zipArtifactsAreUnpackedSafely);
    CPPUNIT_TEST(failedWorkspaceIsKeptOnlyWhenAsked);
    CPPUNIT_TEST_SUITE_END();

    std::unique_ptr<TempDir> _scratch;
    std::unique_ptr<jji::test::FakeJenkins> _jenkins;
    std::unique_ptr<ServerProcess> _server;

    std::string repos() const { return _scratch->file("repos"); }
    std::string url(const std::string& name) const { return "file://" + repos() + "/" + name + ".git"; }

    void start(std::map<std::string, std::string> extra = {})
    {
        const std::string fake = jji::test::fakesDir() + "/fake-ai-cli";
        std::map<std::string, std::string> env{{"AI_PROVIDER", "claude"}, {"AI_MODEL", "m"}, {"JJI_AI_COMMAND_CLAUDE", fake},
                                               {"FAKE_AI_CALL_LOG", _scratch->file("calls.log")},
                                               {"JENKINS_URL", _jenkins->url()}, {"JENKINS_USER", "u"}, {"JENKINS_PASSWORD", "t"},
                                               {"JJI_ALLOW_FILE_REPOS", "true"}}; // the repositories here are file:// ones
        for (const auto& [k, v] : extra)
            env[k] = v;
        _server.reset();
        _server = std::make_unique<ServerProcess>(ServerProcess::Options{env, {}});
    }

    Object::Ptr lastCall() const
    {
        std::ifstream in(_scratch->file("calls.log"));
        std::string line, last;
        while (std::getline(in, line))
            last = line;
        return Poco::JSON::Parser().parse(last).extract<Object::Ptr>();
    }

    bool calledWithFile(const std::string& file) const
    {
        Poco::JSON::Array::Ptr files = lastCall()->getArray("files");
        for (unsigned i = 0; i < files->size(); ++i)
            if (files->getElement<std::string>(i) == file)
                return true;
        return false;
    }

    HttpResponse analyzeFailures(const std::string& extra) const
    {
        return _server->http().postJson(
            "/analyze-failures", R"({"failures":[{"test_name":"t.a","error_message":"AssertionError: x"}])" + extra + "}", {}, 120);
    }

public:
    void setUp() override
    {
        _scratch = std::make_unique<TempDir>();
        const std::string make = jji::test::fakesDir() + "/../support/make-git-repos.sh " + repos();
        CPPUNIT_ASSERT_EQUAL(0, std::system(make.c_str()));
        using namespace jji::test;
        _jenkins = std::make_unique<FakeJenkins>(
            R"({"user":"u","token":"t","builds":{"app/1":{"build":)" + jenkinsBuild(1, "UNSTABLE") + R"(,"testReport":)" +
            jenkinsReport(jenkinsCase("tests.T", "test_x", "FAILED", "AssertionError: boom")) +
            R"(,"artifacts":{"good.zip":{"zip":{"logs/b.txt":"B"}},"evil.zip":{"zip":{"ok.txt":"fine","../../../escape.txt":"x"}}}}}})");
        start();
    }

    void tearDown() override
    {
        _server.reset();
        _jenkins.reset();
        _scratch.reset();
    }

    void reposAreClonedForTheAi()
    {
        std::ifstream firstCommit(repos() + "/product.first");
        std::string sha;
        firstCommit >> sha;
        HttpResponse r = analyzeFailures(R"(,"tests_repo_url":")" + url("tests") + R"(:feature","additional_repos":[{"name":"product","url":")" +
                                         url("product") + R"(","ref":")" + sha + R"("}])");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        CPPUNIT_ASSERT(calledWithFile("tests-repo/tests/test_login.py"));
        CPPUNIT_ASSERT(calledWithFile("tests-repo/feature.txt")); // the :feature branch
        CPPUNIT_ASSERT(calledWithFile("product/src/app.py"));
        const std::string prompt = lastCall()->getValue<std::string>("prompt");
        CPPUNIT_ASSERT(prompt.find("./tests-repo: the tests repository") != std::string::npos);
        CPPUNIT_ASSERT(prompt.find("./product: repository") != std::string::npos);
        // product came from a commit ref (fetched by id: a clone by name would not find it).
        const std::string cwd = lastCall()->getValue<std::string>("cwd");
        CPPUNIT_ASSERT(!Poco::File(cwd).exists()); // the workspace is gone after the analysis
        Object::Ptr stored = _server->http().get("/results/" + r.json()->getValue<std::string>("job_id")).json()->getObject("result");
        CPPUNIT_ASSERT_EQUAL(std::string("feature"), stored->getObject("request_params")->getValue<std::string>("tests_repo_ref"));

        // A clone that fails is told to the AI, and the analysis goes on.
        HttpResponse missing = analyzeFailures(R"(,"tests_repo_url":"file:///nonexistent/repo.git")");
        CPPUNIT_ASSERT_EQUAL(200, missing.status);
        CPPUNIT_ASSERT(lastCall()->getValue<std::string>("prompt").find("could not be cloned") != std::string::npos);
    }

    void serverDefaultsAndEmptyListDisable()
    {
        start({{"TESTS_REPO_URL", url("tests")}, {"ADDITIONAL_REPOS", "product:" + url("product") + ":main"}});
        CPPUNIT_ASSERT_EQUAL(200, analyzeFailures("").status);
        CPPUNIT_ASSERT(calledWithFile("tests-repo/README.md"));
        CPPUNIT_ASSERT(!calledWithFile("tests-repo/feature.txt")); // the default branch
        CPPUNIT_ASSERT(calledWithFile("product/src/app.py"));
        CPPUNIT_ASSERT_EQUAL(200, analyzeFailures(R"(,"additional_repos":[])").status); // [] disables the server's repos
        CPPUNIT_ASSERT(!calledWithFile("product/src/app.py"));
        CPPUNIT_ASSERT(calledWithFile("tests-repo/README.md"));
    }

    void tokensStayOutOfArgumentsAndOutput()
    {
        const std::string log = _scratch->file("git.log");
        start({{"JJI_GIT_COMMAND", jji::test::fakesDir() + "/git-recorder"}, {"GIT_RECORDER_LOG", log},
               {"TESTS_REPO_TOKEN", "ghp_TESTSREPOTOKEN123"}});
        HttpResponse r = analyzeFailures(R"(,"tests_repo_url":")" + url("tests") +
                                         R"(","additional_repos":[{"name":"product","url":")" + url("product") +
                                         R"(","token":"ghp_PRODUCTTOKEN456"}])");
        CPPUNIT_ASSERT_EQUAL(200, r.status);
        CPPUNIT_ASSERT(calledWithFile("product/src/app.py"));
        const std::string git = jji::test::readFile(log);
        CPPUNIT_ASSERT(git.find("args: clone") != std::string::npos);
        for (const char* token : {"ghp_TESTSREPOTOKEN123", "ghp_PRODUCTTOKEN456"}) {
            CPPUNIT_ASSERT_MESSAGE(token, git.find(token) == std::string::npos);
            CPPUNIT_ASSERT_MESSAGE(token, _server->log().find(token) == std::string::npos);
            CPPUNIT_ASSERT_MESSAGE(token, r.body.find(token) == std::string::npos);
            CPPUNIT_ASSERT_MESSAGE(token, _server->http().get("/results/" + r.json()->getValue<std::string>("job_id")).body.find(token) ==
                                              std::string::npos);
        }
    }

    /// TESTS_REPO_TOKEN goes to TESTS_REPO_URL's host only: a request naming another host (here
    /// "localhost", a second name of the same loopback listener) gets no credential there.
    void serverTokenStaysWithItsHost()
    {
        jji::test::CallbackReceiver listener; // answers 200 with nothing, so git fails after asking
        const std::string port = std::to_string(listener.port());
        const std::string gitLog = _scratch->file("git.log");
        start({{"TESTS_REPO_URL", "http://127.0.0.1:" + port + "/org/tests.git"}, {"TESTS_REPO_TOKEN", "ghp_TESTSREPOTOKEN123"},
               {"JJI_FETCH_ALLOW_HOSTS", "localhost"}, {"JJI_GIT_COMMAND", jji::test::fakesDir() + "/git-recorder"},
               {"GIT_RECORDER_LOG", gitLog}});
        HttpResponse attacker = analyzeFailures(R"(,"tests_repo_url":"http://localhost:)" + port + R"(/attacker/x.git")");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(attacker.body, 200, attacker.status);
        CPPUNIT_ASSERT(listener.calls() >= 1);
        CPPUNIT_ASSERT_EQUAL("localhost:" + port, listener.lastHeader("host"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), listener.lastHeader("authorization"));
        std::string git = jji::test::readFile(gitLog);
        CPPUNIT_ASSERT_MESSAGE(git, git.find("env: credential header present") == std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(git, git.find("env: config http.followRedirects") != std::string::npos); // no redirect inside
        CPPUNIT_ASSERT_MESSAGE(git, git.find("env: GIT_ALLOW_PROTOCOL=http:https") != std::string::npos);

        // The configured host still gets it (a request may pick another repository there).
        HttpResponse own = analyzeFailures(R"(,"tests_repo_url":"http://127.0.0.1:)" + port + R"(/org/other.git")");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(own.body, 200, own.status);
        CPPUNIT_ASSERT_EQUAL("127.0.0.1:" + port, listener.lastHeader("host"));
        // base64("x-access-token:ghp_TESTSREPOTOKEN123")
        CPPUNIT_ASSERT_EQUAL(std::string("Basic eC1hY2Nlc3MtdG9rZW46Z2hwX1RFU1RTUkVQT1RPS0VOMTIz"), listener.lastHeader("authorization"));
        git = jji::test::readFile(gitLog);
        CPPUNIT_ASSERT_MESSAGE(git, git.find("env: credential header present") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(git, git.find("env: config http.http://127.0.0.1:" + port + "/.extraHeader (scoped)") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(git, git.find("ghp_TESTSREPOTOKEN123") == std::string::npos); // not in git's arguments
        CPPUNIT_ASSERT(_server->log().find("ghp_TESTSREPOTOKEN123") == std::string::npos);
        CPPUNIT_ASSERT(own.body.find("ghp_TESTSREPOTOKEN123") == std::string::npos);
    }

    /// Repository URLs from a request are fetched by the daemon: internal hosts need
    /// JJI_FETCH_ALLOW_HOSTS, file:// needs JJI_ALLOW_FILE_REPOS, other schemes are refused.
    void requestedReposMustBeReachableAndAllowed()
    {
        start({{"JJI_ALLOW_FILE_REPOS", "false"}});
        for (const std::string& url : std::vector<std::string>{"http://127.0.0.2:9/x.git", "http://169.254.169.254/latest/meta-data",
                                      "http://[::1]/x.git", "ssh://git@127.0.0.1/x.git", url("tests")}) {
            HttpResponse r = analyzeFailures(R"(,"tests_repo_url":")" + url + "\"");
            CPPUNIT_ASSERT_EQUAL_MESSAGE(url + ": " + r.body, 422, r.status);
            CPPUNIT_ASSERT_MESSAGE(r.body, r.body.find(R"("loc":["body","tests_repo_url"])") != std::string::npos);
        }
        std::string many;
        for (int i = 0; i < 21; ++i)
            many += std::string(i ? "," : "") + R"({"name":"r)" + std::to_string(i) + R"(","url":"http://10.0.0.1/r.git"})";
        HttpResponse tooMany = analyzeFailures(R"(,"additional_repos":[)" + many + "]");
        CPPUNIT_ASSERT_EQUAL(422, tooMany.status);
        CPPUNIT_ASSERT_MESSAGE(tooMany.body, tooMany.body.find("at most 20 items") != std::string::npos);
        HttpResponse extra = analyzeFailures(R"(,"additional_repos":[{"name":"p","url":"http://10.0.0.1/p.git"}])");
        CPPUNIT_ASSERT_EQUAL(422, extra.status);
        CPPUNIT_ASSERT_MESSAGE(extra.body, extra.body.find("internal address (10.0.0.1); list it in JJI_FETCH_ALLOW_HOSTS") != std::string::npos);
    }

    void repoNameRulesAre422()
    {
        for (const char* name : {"", "  ", "a/b", "a\\\\b", "..", ".hidden", "tests-repo"}) {
            HttpResponse r = analyzeFailures(R"(,"additional_repos":[{"name":")" + std::string(name) + R"(","url":"file:///x"}])");
            CPPUNIT_ASSERT_EQUAL_MESSAGE(name, 422, r.status);
        }
        HttpResponse duplicate = analyzeFailures(R"(,"additional_repos":[{"name":"a","url":"file:///x"},{"name":"a","url":"file:///y"}])");
        CPPUNIT_ASSERT_EQUAL(422, duplicate.status);
    }

    void zipArtifactsAreUnpackedSafely()
    {
        HttpResponse r = _server->http().postJson("/analyze?sync=true", R"({"job_name":"app","build_number":1})", {}, 120);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        CPPUNIT_ASSERT(calledWithFile("artifacts/good_unzipped/logs/b.txt"));
        CPPUNIT_ASSERT(!calledWithFile("artifacts/evil_unzipped/ok.txt")); // one unsafe entry refuses the archive
        CPPUNIT_ASSERT(lastCall()->getValue<std::string>("prompt").find("unpacked into artifacts/good_unzipped/") != std::string::npos);
        CPPUNIT_ASSERT(_server->log().find("refused ../../../escape.txt") != std::string::npos);
        Poco::SiblingsFirstRecursiveDirectoryIterator end;
        for (const std::string& dir : {_scratch->path(), _server->dataDir()})
            for (Poco::SiblingsFirstRecursiveDirectoryIterator it(dir); it != end; ++it)
                CPPUNIT_ASSERT_MESSAGE(it->path(), Poco::Path(it->path()).getFileName() != "escape.txt");
    }

    void failedWorkspaceIsKeptOnlyWhenAsked()
    {
        const std::string body = R"({"job_name":"app","build_number":1,"raw_prompt":"FAKE_AI_EXIT1","get_job_artifacts":false})";
        HttpResponse removed = _server->http().postJson("/analyze?sync=true", body, {}, 120);
        CPPUNIT_ASSERT_EQUAL(std::string("failed"), removed.json()->getValue<std::string>("status"));
        CPPUNIT_ASSERT(!Poco::File(lastCall()->getValue<std::string>("cwd")).exists());

        start({{"JJI_KEEP_WORKSPACE", "true"}});
        HttpResponse kept = _server->http().postJson("/analyze?sync=true", body, {}, 120);
        CPPUNIT_ASSERT_EQUAL(std::string("failed"), kept.json()->getValue<std::string>("status"));
        CPPUNIT_ASSERT(Poco::File(lastCall()->getValue<std::string>("cwd")).exists());
        HttpResponse ok = _server->http().postJson("/analyze?sync=true", R"({"job_name":"app","build_number":1})", {}, 120);
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), ok.json()->getValue<std::string>("status"));
        CPPUNIT_ASSERT(!Poco::File(lastCall()->getValue<std::string>("cwd")).exists()); // only failures are kept
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(WorkspaceTest);
