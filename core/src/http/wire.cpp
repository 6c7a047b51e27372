// The response head, the Date header and request targets (http/wire.hpp).
#include "http/wire.hpp"

#include <algorithm>
#include <array>
#include <ctime>

namespace dash::core::wire {

const std::string& http_date() {
    thread_local std::time_t cached_second = 0;
    thread_local std::string text;
    const std::time_t now = std::time(nullptr);
    if (now != cached_second) {
        std::tm parts{};
        gmtime_r(&now, &parts);
        std::array<char, 64> buffer{};
        const size_t size = std::strftime(buffer.data(), buffer.size(), "%a, %d %b %Y %H:%M:%S GMT", &parts);
        text.assign(buffer.data(), size);
        cached_second = now;
    }
    return text;
}

namespace {

// Headers that describe the message's framing or the connection: the server writes its own.
bool owned_by_server(std::string_view name) {
    for (const std::string_view owned :
         {"content-length", "transfer-encoding", "connection", "date", "server", "keep-alive"})
        if (same_header_name(name, owned)) return true;
    return false;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

void write_response_head(std::string& head, const HttpResponse& response, bool keep_alive, bool http_10) {
    const bool no_body = response.status == 204 || response.status == 304;
    head.clear();
    head.reserve(256);
    head += "HTTP/1.1 ";
    head += std::to_string(response.status);
    head += ' ';
    head += reason_phrase(response.status);
    head += "\r\n";
    for (const auto& [name, value] : response.headers) {
        if (owned_by_server(name)) continue;
        head += name;
        head += ": ";
        head += value;
        head += "\r\n";
    }
    if (!no_body) {
        head += "Content-Length: ";
        head += std::to_string(response.payload().size());
        head += "\r\n";
    }
    head += "Date: ";
    head += http_date();
    head += "\r\nServer: dashcpp\r\n";
    if (!keep_alive)
        head += "Connection: close\r\n";
    else if (http_10)
        head += "Connection: keep-alive\r\n";
    head += "\r\n";
}

bool split_target(std::string_view target, std::string& path, std::string& query) {
    if (target.empty() || target.front() != '/') return false;
    const size_t question = target.find('?');
    const std::string_view raw_path = target.substr(0, question);
    path.clear();
    for (size_t i = 0; i < raw_path.size();) {
        const size_t escape = std::min(raw_path.find('%', i), raw_path.size());
        path.append(raw_path.data() + i, escape - i);  // the plain run, in one piece
        if (escape == raw_path.size()) break;
        if (escape + 2 >= raw_path.size()) return false;
        const int high = hex_value(raw_path[escape + 1]), low = hex_value(raw_path[escape + 2]);
        if (high < 0 || low < 0) return false;
        path += static_cast<char>(high * 16 + low);
        i = escape + 3;
    }
    if (question != std::string_view::npos)
        query.assign(target.substr(question + 1));
    else
        query.clear();
    return true;
}

}  // namespace dash::core::wire
