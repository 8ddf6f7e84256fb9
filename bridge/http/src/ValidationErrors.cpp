#include "jji/bridge/http/ValidationErrors.h"

#include "jji/bridge/http/HttpError.h"

#include <Poco/JSON/Object.h>

namespace jji {
namespace bridge {

void ValidationErrors::add(const std::string& type, const Location& loc, const std::string& msg,
                           const Poco::Dynamic::Var& input)
{
    Poco::JSON::Object::Ptr item = new Poco::JSON::Object;
    item->set("type", type);
    Poco::JSON::Array::Ptr locArray = new Poco::JSON::Array;
    for (const auto& part : loc)
        locArray->add(part);
    item->set("loc", locArray);
    item->set("msg", msg);
    item->set("input", input);
    _items->add(item);
}

void ValidationErrors::raiseIfAny() const
{
    if (empty())
        return;
    const std::string summary = _items->getObject(0)->getValue<std::string>("msg");
    throw HttpError(422, Poco::Dynamic::Var(_items), summary);
}

void ValidationErrors::fail(const std::string& type, const Location& loc, const std::string& msg,
                            const Poco::Dynamic::Var& input)
{
    ValidationErrors errors;
    errors.add(type, loc, msg, input);
    errors.raiseIfAny();
    throw HttpError(422, msg); // unreachable; keeps [[noreturn]] honest
}

} // namespace bridge
} // namespace jji
