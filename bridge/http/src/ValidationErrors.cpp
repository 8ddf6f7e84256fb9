#include "jji/bridge/http/ValidationErrors.h"

#include "jji/bridge/http/HttpError.h"

#include <Poco/JSON/Object.h>

namespace jji {
namespace bridge {

ValidationErrors ValidationErrors::discarding()
{
    ValidationErrors errors;
    errors._discard = true;
    return errors;
}

void ValidationErrors::add(const std::string& type, const Location& loc, const std::string& msg,
                           const Poco::Dynamic::Var& input)
{
    if (_discard)
        return;
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

std::string ValidationErrors::firstField() const
{
    if (empty())
        return "";
    Poco::JSON::Array::Ptr loc = _items->getObject(0)->getArray("loc");
    return loc && loc->size() > 1 ? loc->get(1).toString() : "";
}

std::string ValidationErrors::firstType() const
{
    return empty() ? "" : _items->getObject(0)->getValue<std::string>("type");
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
