// dash/writer.hpp: a dash_writer that appends to a std::string (what the host and plugins hand to
// each other to collect text).
#pragma once

#include <dash/sdk.h>

#include <string>

namespace dash {

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
