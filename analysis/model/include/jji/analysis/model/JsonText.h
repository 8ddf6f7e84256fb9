#ifndef JJI_ANALYSIS_MODEL_JSONTEXT_H
#define JJI_ANALYSIS_MODEL_JSONTEXT_H

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <string>

namespace jji {
namespace analysis {

/// Compact JSON text of a value, written straight into one string (a stringstream
/// would hold a second copy of a result that can carry a 50 MB enriched report).
std::string toJsonText(const Poco::Dynamic::Var& value);

/// The JSON text of `object` with one more string member appended, without ever
/// copying that (possibly huge) string into a Poco::Dynamic::Var.
std::string toJsonText(const Poco::JSON::Object::Ptr& object, const std::string& key, const std::string& largeValue);

/// A new JSON object that keeps its members in insertion order (responses read as the spec lists them).
Poco::JSON::Object::Ptr orderedObject();

/// A text member of a JSON object: "" when the object is null or the member absent,
/// null, boolean (false stands for "none" in AI answers), an object or an array;
/// numbers are converted.
std::string textField(const Poco::JSON::Object::Ptr& object, const std::string& name);

} // namespace analysis
} // namespace jji

#endif
