// How Python's f-strings print the JSON values these apps receive (str() of int, float, str).
#pragma once

#include <dash/json.hpp>

#include <string>

namespace conformance {

inline std::string python_str(const Json::Value& value) {
    if (value.isString()) return value.asString();
    if (value.isNull()) return "None";
    if (value.isBool()) return value.asBool() ? "True" : "False";
    return dash::json::to_string(value);  // ints as ints, floats shortest with ".0" when integral
}

// value * value with Python's int/float rules.
inline Json::Value python_square(const Json::Value& value) {
    if (value.type() == Json::intValue || value.type() == Json::uintValue)
        return Json::Value(value.asLargestInt() * value.asLargestInt());
    return Json::Value(value.asDouble() * value.asDouble());
}

// a * b with Python's int/float rules.
inline Json::Value python_product(const Json::Value& a, const Json::Value& b) {
    const auto is_int = [](const Json::Value& v) { return v.type() == Json::intValue || v.type() == Json::uintValue; };
    if (is_int(a) && is_int(b)) return Json::Value(a.asLargestInt() * b.asLargestInt());
    return Json::Value(a.asDouble() * b.asDouble());
}

// len() of a str: code points, not bytes.
inline size_t python_len(const std::string& text) {
    size_t count = 0;
    for (unsigned char c : text) count += (c & 0xC0) != 0x80;
    return count;
}

}  // namespace conformance
