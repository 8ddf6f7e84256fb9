// libFuzzer target: request bodies as the daemon reads them: JSON with Poco's parser (its
// depth limit on), then the analysis request readers and the build notification reader.
#include "jji/bridge/http/AnalysisRequestReader.h"
#include "jji/bridge/http/FieldReader.h"
#include "jji/bridge/http/HttpError.h"
#include "jji/bridge/http/NotificationReader.h"
#include "jji/bridge/http/ValidationErrors.h"
#include "jji/config/Settings.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <Poco/MemoryStream.h>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const jji::config::Settings settings;
    Poco::JSON::Object::Ptr body;
    try {
        Poco::MemoryInputStream in(reinterpret_cast<const char*>(data), size);
        Poco::Dynamic::Var parsed = Poco::JSON::Parser().parse(in);
        if (parsed.type() != typeid(Poco::JSON::Object::Ptr))
            return 0;
        body = parsed.extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception&) {
        return 0;
    } catch (const std::exception&) {
        return 0;
    }
    try {
        jji::bridge::ValidationErrors errors;
        jji::bridge::FieldReader reader(body, {"body"}, errors);
        auto params = jji::bridge::AnalysisRequestReader::readParams(reader, settings);
        jji::bridge::AnalysisRequestReader::readJenkinsFields(reader, params, settings);
        errors.raiseIfAny();
    } catch (const jji::bridge::HttpError&) {
    }
    try {
        (void)jji::bridge::readNotification(body);
    } catch (const jji::bridge::HttpError&) {
    }
    return 0;
}
