// dash/writer.hpp: text across the C ABI, for the host and plugins alike: a dash_writer that appends
// to a std::string, and the three conversions every boundary function needs (dash_str <-> string,
// writing a message to a caller's writer).
#pragma once

#include <dash/sdk.h>

#include <string>
#include <string_view>

namespace dash {

// A dash_str borrowed from text (valid while text is).
inline dash_str view(std::string_view text) { return dash_str{text.data(), text.size()}; }

// A copy of a dash_str (empty for NULL).
inline std::string text(dash_str s) { return s.ptr ? std::string(s.ptr, s.len) : std::string(); }

// The dash_str as a string_view (empty for NULL), without a copy.
inline std::string_view text_view(dash_str s) { return s.ptr ? std::string_view(s.ptr, s.len) : std::string_view(); }

// Writes message to out when the caller gave a writer.
inline void write_message(dash_writer* out, std::string_view message) {
    if (out && out->write) out->write(out->context, message.data(), message.size());
}

struct StringWriter {
    std::string text;
    dash_writer writer{sizeof(dash_writer), this, &StringWriter::append};

    StringWriter() = default;
    StringWriter(const StringWriter&) = delete;
    StringWriter& operator=(const StringWriter&) = delete;

    static dash_status append(void* context, const char* data, size_t len) {
        static_cast<StringWriter*>(context)->text.append(data, len);
        return DASH_OK;
    }
};

}  // namespace dash
