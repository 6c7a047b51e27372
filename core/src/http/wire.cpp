// The response head, the Date header and request targets (http/wire.hpp).
#include "http/wire.hpp"

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

std::string response_head(const HttpResponse& response, bool keep_alive, bool http_10) {
    const bool no_body = response.status == 204 || response.status == 304;
    std::string head;
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
    return head;
}

std::optional<Target> split_target(std::string_view target) {
    if (target.empty() || target.front() != '/') return std::nullopt;
    const size_t question = target.find('?');
    const std::string_view raw_path = target.substr(0, question);
    Target out;
    out.path.reserve(raw_path.size());
    for (size_t i = 0; i < raw_path.size(); ++i) {
        if (raw_path[i] != '%') {
            out.path += raw_path[i];
            continue;
        }
        if (i + 2 >= raw_path.size()) return std::nullopt;
        const int high = hex_value(raw_path[i + 1]), low = hex_value(raw_path[i + 2]);
        if (high < 0 || low < 0) return std::nullopt;
        out.path += static_cast<char>(high * 16 + low);
        i += 2;
    }
    if (question != std::string_view::npos) out.query = std::string(target.substr(question + 1));
    return out;
}

}  // namespace dash::core::wire
