// http/wire.hpp: the bytes of HTTP/1.1 that the connection layer writes and reads itself: the
// head of a response, the Date header, the request target split into a decoded path and a query.
#pragma once

#include "http/http.hpp"

#include <string>
#include <string_view>

namespace dash::core::wire {

// "Sun, 29 Nov 2026 11:33:23 GMT" for now (computed once a second per thread).
const std::string& http_date();

// Status line, the response's own headers (framing headers the server owns are skipped),
// Content-Length (not for 204/304), Date, Server and Connection, and the blank line.
// http_10: the request was HTTP/1.0 (then a kept connection says so). Written over `head`, whose
// capacity is reused (a connection keeps one for all its answers).
void write_response_head(std::string& head, const HttpResponse& response, bool keep_alive, bool http_10);

// The request target split at '?' into path (percent-decoded) and query (raw, without '?'),
// written over both (their capacity reused); false when the path is not an origin-form path
// ("/...") or has a malformed escape.
bool split_target(std::string_view target, std::string& path, std::string& query);

}  // namespace dash::core::wire
