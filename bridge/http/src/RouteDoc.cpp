#include "jji/bridge/http/RouteDoc.h"

namespace jji {
namespace bridge {

RouteDoc& RouteDoc::answers(int status, std::string schema, std::string mediaType)
{
    replies.push_back({status, std::move(schema), std::move(mediaType)});
    return *this;
}

RouteDoc& RouteDoc::fails(std::initializer_list<int> statuses)
{
    failures.insert(failures.end(), statuses.begin(), statuses.end());
    return *this;
}

RouteDoc& RouteDoc::integerParam(std::string name)
{
    integerParams.push_back(std::move(name));
    return *this;
}

RouteDoc& RouteDoc::id(std::string operation)
{
    operationId = std::move(operation);
    return *this;
}

RouteDoc& RouteDoc::by(RouteAccess who)
{
    access = who;
    return *this;
}

} // namespace bridge
} // namespace jji
