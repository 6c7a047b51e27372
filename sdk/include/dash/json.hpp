// dash/json.hpp: JSON text the way the browser and Python write it (header-only, JsonCpp values).
//
// JsonCpp's own writers print doubles with 17 significant digits (0.03 -> 0.029999999999999999),
// which bloats plotly figures and differs from Python. This writer is compact, prints numbers as the
// shortest text that round-trips (dash/shortest.hpp), turns NaN/Infinity into null as Python does, and
// escapes non-ASCII as \uXXXX (surrogate pairs for astral characters) like Python's json module.
#pragma once

#include <json/json.h>
#include <dash/json_scan.hpp>
#include <dash/shortest.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace dash::json {

struct WriteOptions {
    // Escape < > / as \u003c \u003e \u002f so the text is safe inside a <script> element.
    bool escape_html = false;
    // Escape every non-ASCII character as \uXXXX (Python's default); otherwise raw UTF-8.
    bool escape_non_ascii = true;
};

// Appends to a std::string through a pointer: the string is grown ahead in large steps and cut
// back to what was written when the TextOut goes, so a small piece (a comma, a number) costs a
// compare and a store instead of a library call. Use `text` again only after that.
class TextOut {
public:
    explicit TextOut(std::string& text) : text_(text), size_(text.size()) {}
    ~TextOut() { text_.resize(size_); }
    TextOut(const TextOut&) = delete;
    TextOut& operator=(const TextOut&) = delete;

    // Room for n more bytes at the end; advance(end) then says how far they were written.
    char* room(size_t n) {
        if (text_.size() - size_ < n) text_.resize(std::max(size_ + n, 2 * text_.size() + 256));
        return &text_[size_];
    }
    void advance(const char* end) { size_ = static_cast<size_t>(end - text_.data()); }

    TextOut& operator+=(char c) {
        *room(1) = c;
        ++size_;
        return *this;
    }
    TextOut& operator+=(std::string_view piece) { return append(piece.data(), piece.size()); }
    TextOut& append(const char* data, size_t n) {
        std::memcpy(room(n), data, n);
        size_ += n;
        return *this;
    }

private:
    std::string& text_;
    size_t size_;  // written so far; text_ is longer until the end
};

namespace detail {

template <class Out>
void append_hex4(Out& out, unsigned code) {
    static const char digits[] = "0123456789abcdef";
    out += "\\u";
    out += digits[(code >> 12) & 0xF];
    out += digits[(code >> 8) & 0xF];
    out += digits[(code >> 4) & 0xF];
    out += digits[code & 0xF];
}

// Decodes one UTF-8 sequence at text[i]; returns the code point and advances i. Invalid bytes
// come back as U+FFFD so that the output is always valid JSON.
inline unsigned decode_utf8(std::string_view text, size_t& i) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned lead = byte(i);
    if (lead < 0x80) {
        ++i;
        return lead;
    }
    const size_t extra = lead >= 0xF8 ? 0 : lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
    if (extra == 0 || i + extra >= text.size()) {
        ++i;
        return 0xFFFD;
    }
    unsigned code = lead & (0x3Fu >> extra);
    for (size_t k = 1; k <= extra; ++k) {
        const unsigned next = byte(i + k);
        if ((next & 0xC0) != 0x80) {
            i += k;
            return 0xFFFD;
        }
        code = (code << 6) | (next & 0x3F);
    }
    i += extra + 1;
    return code;
}

}  // namespace detail

// out: a std::string or a TextOut.
template <class Out>
void write_string(Out& out, std::string_view text, const WriteOptions& options = {}) {
    out += '"';
    for (size_t i = 0; i < text.size();) {
        if (!options.escape_html) {
            // A run of bytes written as they are (no quote, backslash, control or non-ASCII byte),
            // found eight bytes at a time, then copied at once.
            const char* const begin = text.data();
            const char* const run_end = detail::find_ascii_run_end(begin + i, begin + text.size());
            const size_t run = static_cast<size_t>(run_end - (begin + i));
            if (run > 0) {
                out.append(begin + i, run);
                i += run;
                if (i == text.size()) break;
            }
        }
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            if (!options.escape_non_ascii) {
                size_t start = i;
                unsigned code = detail::decode_utf8(text, i);
                if (code == 0xFFFD && !(i - start == 3 && text.substr(start, 3) == "\xEF\xBF\xBD"))
                    out += "\xEF\xBF\xBD";
                else
                    out.append(text.data() + start, i - start);
                continue;
            }
            unsigned code = detail::decode_utf8(text, i);
            if (code >= 0x10000) {
                code -= 0x10000;
                detail::append_hex4(out, 0xD800 + (code >> 10));
                detail::append_hex4(out, 0xDC00 + (code & 0x3FF));
            } else {
                detail::append_hex4(out, code);
            }
            continue;
        }
        ++i;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '<':
            case '>':
            case '/':
                if (options.escape_html)
                    detail::append_hex4(out, c);
                else
                    out += static_cast<char>(c);
                break;
            default:
                if (c < 0x20)
                    detail::append_hex4(out, c);
                else
                    out += static_cast<char>(c);
        }
    }
    out += '"';
}

// Shortest round-trip text of a double, written like JavaScript/Python would read it back.
inline void write_double(std::string& out, double value) {
    if (!std::isfinite(value)) {
        out += "null";
        return;
    }
    // Python's repr: the shortest digits that read back as the same double, positional when the
    // decimal exponent is in [-4, 16) ("3.0" keeps an integral double's float-ness), else d.ddde+XX.
    char buffer[shortest_buffer_size];
    out.append(buffer, write_shortest(buffer, value));
}
inline void write_double(TextOut& out, double value) {
    if (!std::isfinite(value))
        out += "null";
    else
        out.advance(write_shortest(out.room(shortest_buffer_size), value));
}

inline void write(std::string& out, const Json::Value& value, const WriteOptions& options = {}) {
    switch (value.type()) {
        case Json::nullValue: out += "null"; break;
        case Json::booleanValue: out += value.asBool() ? "true" : "false"; break;
        case Json::intValue: out += std::to_string(value.asLargestInt()); break;
        case Json::uintValue: out += std::to_string(value.asLargestUInt()); break;
        case Json::realValue: write_double(out, value.asDouble()); break;
        case Json::stringValue: {
            const char* begin = nullptr;
            const char* end = nullptr;
            value.getString(&begin, &end);
            write_string(out, std::string_view(begin, static_cast<size_t>(end - begin)), options);
            break;
        }
        case Json::arrayValue: {
            // Iterators, not value[i]: JsonCpp keeps array items in a map, so indexing is a lookup.
            out += '[';
            bool first = true;
            for (auto it = value.begin(); it != value.end(); ++it) {
                if (!first) out += ',';
                first = false;
                write(out, *it, options);
            }
            out += ']';
            break;
        }
        case Json::objectValue: {
            out += '{';
            bool first = true;
            for (auto it = value.begin(); it != value.end(); ++it) {
                if (!first) out += ',';
                first = false;
                const char* end = nullptr;
                const char* name = it.memberName(&end);
                write_string(out, std::string_view(name, static_cast<size_t>(end - name)), options);
                out += ':';
                write(out, *it, options);
            }
            out += '}';
            break;
        }
    }
}

inline std::string to_string(const Json::Value& value, const WriteOptions& options = {}) {
    std::string out;
    write(out, value, options);
    return out;
}

// Parses JSON text; throws std::invalid_argument with JsonCpp's message on bad input (nesting
// deeper than 1,000 levels included). One reader per thread, made once.
inline Json::Value parse(std::string_view text) {
    static thread_local const std::unique_ptr<Json::CharReader> reader = [] {
        Json::CharReaderBuilder builder;
        builder["collectComments"] = false;
        builder["allowSpecialFloats"] = false;
        builder["failIfExtra"] = true;
        builder["rejectDupKeys"] = false;
        builder["stackLimit"] = 1000;
        return std::unique_ptr<Json::CharReader>(builder.newCharReader());
    }();
    Json::Value value;
    std::string errors;
    try {
        if (!reader->parse(text.data(), text.data() + text.size(), &value, &errors))
            throw std::invalid_argument("invalid JSON: " + errors);
    } catch (const std::invalid_argument&) {
        throw;
    } catch (const std::exception& error) {  // JsonCpp throws past its own error report for deep nesting
        throw std::invalid_argument(std::string("invalid JSON: ") + error.what());
    }
    return value;
}

}  // namespace dash::json

namespace dash::json {

// JSON.stringify-compatible text (raw UTF-8, JavaScript number format): what the renderer
// produces for stringified ids (protocol §9.1), so keys match it byte for byte.
inline void write_js(std::string& out, const Json::Value& value) {
    WriteOptions raw;
    raw.escape_non_ascii = false;
    switch (value.type()) {
        case Json::realValue: {
            const double number = value.asDouble();
            if (!std::isfinite(number)) {
                out += "null";
            } else if (number == std::floor(number) && std::fabs(number) < 1e21) {
                char buffer[32];
                auto result = std::to_chars(buffer, buffer + sizeof buffer, number, std::chars_format::fixed);
                out.append(buffer, result.ptr);
            } else {
                char buffer[64];
                auto result = std::to_chars(buffer, buffer + sizeof buffer, number);
                std::string text(buffer, result.ptr);
                // JavaScript writes 1e-7 and 1e+21 without zero padding of the exponent.
                auto e = text.find('e');
                if (e != std::string::npos) {
                    size_t digits = e + 2;
                    while (digits < text.size() - 1 && text[digits] == '0') text.erase(digits, 1);
                }
                out += text;
            }
            break;
        }
        case Json::arrayValue:
            out += '[';
            for (Json::ArrayIndex i = 0; i < value.size(); ++i) {
                if (i) out += ',';
                write_js(out, value[i]);
            }
            out += ']';
            break;
        case Json::objectValue: {
            out += '{';
            bool first = true;
            for (auto it = value.begin(); it != value.end(); ++it) {
                if (!first) out += ',';
                first = false;
                write_string(out, it.name(), raw);
                out += ':';
                write_js(out, *it);
            }
            out += '}';
            break;
        }
        default: write(out, value, raw);
    }
}

// The stringified form of a component id (protocol §9.1): strings as they are, dict ids as
// sorted-key JSON (JsonCpp keeps object keys sorted by byte, which is code-point order).
inline std::string stringify_id(const Json::Value& id) {
    if (id.isString()) return id.asString();
    std::string out;
    write_js(out, id);
    return out;
}

}  // namespace dash::json
