// /openapi.json from a route table: request bodies and queries described by running the
// routes' own readers, replies, errors, security and tags from what each route declares.
#include "jji/bridge/http/FieldReader.h"
#include "jji/bridge/http/Router.h"
#include "jji/bridge/views/OpenApi.h"

#include <Poco/JSON/Array.h>

#include <cppunit/extensions/HelperMacros.h>

using jji::bridge::FieldReader;
using jji::bridge::Router;

namespace {

struct NewNote
{
    std::string text;
    long long priority;
};

NewNote readNewNote(FieldReader& reader)
{
    std::string text = reader.requiredString("text");
    return {text, reader.integer("priority", 1, {1, std::nullopt, 5})};
}

long long readLimit(FieldReader& query)
{
    return query.integer("limit", 50, {std::nullopt, std::nullopt, 100});
}

Poco::JSON::Object::Ptr at(Poco::JSON::Object::Ptr object, std::initializer_list<const char*> path)
{
    for (const char* name : path) {
        CPPUNIT_ASSERT_MESSAGE(name, object && object->has(name));
        object = object->getObject(name);
    }
    return object;
}

} // namespace

class OpenApiTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(OpenApiTest);
    CPPUNIT_TEST(bodiesAndQueriesComeFromTheReaders);
    CPPUNIT_TEST(repliesErrorsSecurityAndTags);
    CPPUNIT_TEST(onlyUsedComponentsAreListed);
    CPPUNIT_TEST_SUITE_END();

    static Poco::JSON::Object::Ptr document()
    {
        static Router router;
        if (router.routes().empty()) {
            router.group("Notes", "Notes on things");
            router.add("POST", "/things/{thing_id}/notes", [](jji::bridge::Exchange&) {}, "Add a note")
                .body("NewNote", readNewNote).allowed().answers(201, "CreatedId").fails({404});
            router.add("GET", "/things/{thing_id}/notes/{note_id}", [](jji::bridge::Exchange&) {}, "One note")
                .integerParam("note_id").query(readLimit).admin().answers(200, "Comment");
            router.add("GET", "/page", [](jji::bridge::Exchange&) {}, "A page").answers(200, "", "text/html");
        }
        return jji::bridge::openApiDocument(router, "1.2.3");
    }

public:
    void bodiesAndQueriesComeFromTheReaders()
    {
        auto doc = document();
        auto post = at(doc, {"paths", "/things/{thing_id}/notes", "post"});
        CPPUNIT_ASSERT_EQUAL(std::string("#/components/schemas/NewNote"),
                             at(post, {"requestBody", "content", "application/json", "schema"})->getValue<std::string>("$ref"));
        CPPUNIT_ASSERT(at(post, {"requestBody"})->getValue<bool>("required"));
        auto model = at(doc, {"components", "schemas", "NewNote"});
        CPPUNIT_ASSERT_EQUAL(std::string("text"), model->getArray("required")->getElement<std::string>(0));
        auto priority = at(model, {"properties", "priority"});
        CPPUNIT_ASSERT_EQUAL(5, priority->getValue<int>("maximum"));
        CPPUNIT_ASSERT_EQUAL(1, priority->getValue<int>("default"));
        CPPUNIT_ASSERT_EQUAL(std::string("null"), priority->getArray("type")->getElement<std::string>(1)); // optional: null reads as absent

        auto get = at(doc, {"paths", "/things/{thing_id}/notes/{note_id}", "get"});
        Poco::JSON::Array::Ptr parameters = get->getArray("parameters");
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), parameters->size());
        CPPUNIT_ASSERT_EQUAL(std::string("integer"), at(parameters->getObject(1), {"schema"})->getValue<std::string>("type"));
        Poco::JSON::Object::Ptr limit = parameters->getObject(2);
        CPPUNIT_ASSERT_EQUAL(std::string("query"), limit->getValue<std::string>("in"));
        CPPUNIT_ASSERT_EQUAL(std::string("limit"), limit->getValue<std::string>("name"));
        CPPUNIT_ASSERT_EQUAL(100, at(limit, {"schema"})->getValue<int>("maximum"));
    }

    void repliesErrorsSecurityAndTags()
    {
        auto doc = document();
        auto post = at(doc, {"paths", "/things/{thing_id}/notes", "post"});
        CPPUNIT_ASSERT_EQUAL(std::string("Notes"), post->getArray("tags")->getElement<std::string>(0));
        CPPUNIT_ASSERT_EQUAL(std::string("postThingsByThingIdNotes"), post->getValue<std::string>("operationId"));
        auto responses = at(post, {"responses"});
        CPPUNIT_ASSERT(!responses->has("200"));
        CPPUNIT_ASSERT_EQUAL(std::string("#/components/schemas/CreatedId"),
                             at(responses, {"201", "content", "application/json", "schema"})->getValue<std::string>("$ref"));
        for (const char* status : {"400", "403", "404", "413", "422", "503", "4XX"})
            CPPUNIT_ASSERT_MESSAGE(status, responses->has(status));
        CPPUNIT_ASSERT_EQUAL(std::string("#/components/responses/ValidationError"), at(responses, {"422"})->getValue<std::string>("$ref"));
        // The allow list: anonymous when it is not set, else a username (or an admin).
        CPPUNIT_ASSERT_EQUAL(std::size_t(4), post->getArray("security")->size());
        auto get = at(doc, {"paths", "/things/{thing_id}/notes/{note_id}", "get"});
        Poco::JSON::Array::Ptr admin = get->getArray("security");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), admin->size());
        CPPUNIT_ASSERT(admin->getObject(0)->has("adminKey"));
        auto page = at(doc, {"paths", "/page", "get"});
        CPPUNIT_ASSERT(at(page, {"responses", "200", "content"})->has("text/html"));
        CPPUNIT_ASSERT(!at(page, {"responses"})->has("503"));
        CPPUNIT_ASSERT_EQUAL(std::string("Notes"), doc->getArray("tags")->getObject(0)->getValue<std::string>("name"));
        CPPUNIT_ASSERT(at(doc, {"info"})->has("license"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), doc->getArray("servers")->size());
    }

    void onlyUsedComponentsAreListed()
    {
        auto schemas = at(document(), {"components", "schemas"});
        for (const char* used : {"NewNote", "CreatedId", "Comment", "HTTPError", "HTTPValidationError", "ValidationError"})
            CPPUNIT_ASSERT_MESSAGE(used, schemas->has(used));
        CPPUNIT_ASSERT(!schemas->has("ResultEnvelope"));
        auto responses = at(document(), {"components", "responses"});
        CPPUNIT_ASSERT(responses->has("Forbidden"));
        CPPUNIT_ASSERT(!responses->has("Conflict"));
        CPPUNIT_ASSERT(at(document(), {"components", "securitySchemes"})->has("username"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(OpenApiTest);
