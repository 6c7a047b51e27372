// dash/python_text.hpp: how Python sees a JSON value the renderer sent: str() and repr() as Python
// prints them (None, True, 2 not 2.0, 2.0 for a float, 1e+16, lists and dicts with repr'd items),
// truthiness, and len() (code points of a string, items of a list or dict). What dash::Value's
// str(), operator bool and len() use.
#pragma once

#include <dash/json.hpp>

#include <cmath>
#include <stdexcept>
#include <string>

namespace dash::python {

// repr(float): the shortest digits that read back the same, fixed between 1e-4 and 1e16, else
// scientific with a signed exponent of at least two digits; nan, inf and -inf as Python names them.
inline std::string float_repr(double value) {
    if (std::isnan(value)) return "nan";
    if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
    char buffer[json::shortest_buffer_size];
    return std::string(buffer, json::write_shortest(buffer, value));
}

// repr(str): single quotes unless the text holds ' and no "; backslash escapes for \, the quote,
// \n \r \t and the other control characters (C0, DEL, C1); other characters as they are.
inline std::string string_repr(const std::string& text) {
    const bool double_quotes = text.find('\'') != std::string::npos && text.find('"') == std::string::npos;
    const char quote = double_quotes ? '"' : '\'';
    std::string out(1, quote);
    for (size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\\' || c == static_cast<unsigned char>(quote)) {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7f) {
            static const char hex[] = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xa0) {
            static const char hex[] = "0123456789abcdef";  // U+0080..U+009F, the C1 controls
            const unsigned char low = static_cast<unsigned char>(text[++i]);
            out += "\\x";
            out += hex[low >> 4];
            out += hex[low & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + quote;
}

inline std::string repr(const Json::Value& value);

// str(): a string as it is, anything else as repr().
inline std::string str(const Json::Value& value) { return value.isString() ? value.asString() : repr(value); }

inline std::string repr(const Json::Value& value) {
    switch (value.type()) {
        case Json::nullValue:
            return "None";
        case Json::booleanValue:
            return value.asBool() ? "True" : "False";
        case Json::intValue:
            return std::to_string(value.asLargestInt());
        case Json::uintValue:
            return std::to_string(value.asLargestUInt());
        case Json::realValue:
            return float_repr(value.asDouble());
        case Json::stringValue:
            return string_repr(value.asString());
        case Json::arrayValue: {
            std::string out = "[";
            for (Json::ArrayIndex i = 0; i < value.size(); ++i) out += (i ? ", " : "") + repr(value[i]);
            return out + "]";
        }
        case Json::objectValue: {
            std::string out = "{";
            bool first = true;
            for (auto it = value.begin(); it != value.end(); ++it) {
                out += (first ? "" : ", ") + string_repr(it.name()) + ": " + repr(*it);
                first = false;
            }
            return out + "}";
        }
    }
    return "None";
}

// bool(value): None, False, 0, 0.0, "", [] and {} are false.
inline bool truthy(const Json::Value& value) {
    switch (value.type()) {
        case Json::nullValue:
            return false;
        case Json::booleanValue:
            return value.asBool();
        case Json::intValue:
            return value.asLargestInt() != 0;
        case Json::uintValue:
            return value.asLargestUInt() != 0;
        case Json::realValue:
            return value.asDouble() != 0.0;
        case Json::stringValue:
            return !value.asString().empty();
        default:
            return value.size() != 0;
    }
}

// len(value): code points of a string, items of a list or dict; Python's TypeError otherwise.
inline size_t len(const Json::Value& value) {
    if (value.isString()) {
        size_t count = 0;
        for (unsigned char c : value.asString()) count += (c & 0xC0) != 0x80;
        return count;
    }
    if (value.isArray() || value.isObject()) return value.size();
    static const char* const names[] = {"NoneType", "int", "int", "float", "str", "bool", "list", "dict"};
    throw std::invalid_argument(std::string("TypeError: object of type '") + names[value.type()] + "' has no len()");
}

}  // namespace dash::python
