// The part both connection-layer prototypes share: find one complete HTTP/1.1 request in a buffer
// (header end + Content-Length) and the fixed answer. Deliberately minimal (no chunked bodies, no
// limits): the prototypes measure each stack's ceiling, not a server.
#pragma once

#include <cstdlib>
#include <string>
#include <string_view>

namespace prototype {

inline const std::string answer =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 60\r\n\r\n"
    R"({"multi":true,"response":{"out":{"children":"echo: hello"}}})";

// Bytes of the first complete request in `buffer`, or 0 when it is not all there yet.
inline size_t complete_request(std::string_view buffer) {
    const size_t end = buffer.find("\r\n\r\n");
    if (end == std::string_view::npos) return 0;
    size_t length = 0;
    const std::string_view head = buffer.substr(0, end);
    for (std::string_view key : {"Content-Length: ", "content-length: "}) {
        const size_t at = head.find(key);
        if (at != std::string_view::npos) length = std::strtoul(head.data() + at + key.size(), nullptr, 10);
    }
    return buffer.size() >= end + 4 + length ? end + 4 + length : 0;
}

}  // namespace prototype
