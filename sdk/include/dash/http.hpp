// dash/http.hpp: the request and response a route handler or a hook works on, as C++ objects over
// the C handles (no dash_str juggling in app code).
#pragma once

#include <dash/ext/hooks.h>
#include <dash/exceptions.hpp>
#include <dash/writer.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace dash {

// Text for HTML, attribute values included: & < > " ' as entities (Python's html.escape).
inline std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#x27;"; break;
            default: out += c;
        }
    }
    return out;
}

// An HTTP request being served. Strings are copies; body() is a view valid during the call.
class Request {
public:
    Request(const dash_host* host, const dash_request* request) : host_(host), request_(request) {}

    std::string method() const { return text(host_->request_method(request_)); }
    // The path below routes_pathname_prefix, without the query ("api/items/3").
    std::string path() const { return text(host_->request_path(request_)); }
    // The raw query string, without '?'.
    std::string query() const { return text(host_->request_query(request_)); }
    // A header by case-insensitive name; nullopt when absent.
    std::optional<std::string> header(std::string_view name) const {
        const dash_str value = host_->request_header(request_, view(name));
        return value.ptr ? std::optional<std::string>(text(value)) : std::nullopt;
    }
    // The request body, without a copy.
    std::string_view body() const { return text_view(host_->request_body(request_)); }
    // The client's address ("127.0.0.1:51234").
    std::string remote_address() const { return text(host_->request_remote_address(request_)); }

    const dash_request* handle() const { return request_; }

private:
    const dash_host* host_;
    const dash_request* request_;
};

// The HTTP response being built. Routes write it; response filters also read and rewrite it
// (status(), header(), body(), replace_body(), remove_header() need the hooks extension, which
// every dashcpp host provides; without it they throw HookError).
class Response {
public:
    Response(const dash_host* host, dash_response* response, const dash_hooks_v1* hooks = nullptr)
        : host_(host), hooks_(hooks), response_(response) {}

    void set_status(int status) { host_->response_set_status(response_, status); }
    void set_header(std::string_view name, std::string_view value) {
        host_->response_set_header(response_, view(name), view(value));
    }
    // Appends to the body.
    void write(std::string_view data) { host_->response_write(response_, view(data)); }
    // Content-Type plus the whole body, in one call.
    void send(std::string_view content_type, std::string_view body) {
        set_header("Content-Type", content_type);
        write(body);
    }

    int status() const { return hooks().response_status(response_); }
    std::optional<std::string> header(std::string_view name) const {
        const dash_str value = hooks().response_header(response_, view(name));
        return value.ptr ? std::optional<std::string>(text(value)) : std::nullopt;
    }
    void remove_header(std::string_view name) { hooks().response_remove_header(response_, view(name)); }
    // The body without a copy; valid until the next change.
    std::string_view body() const { return text_view(hooks().response_body(response_)); }
    // True when the body is an immutable host buffer living as long as the app (static files).
    bool body_is_static() const { return hooks().response_body_is_static(response_) != 0; }
    void replace_body(std::string_view body) { hooks().response_replace_body(response_, view(body)); }

    dash_response* handle() const { return response_; }

private:
    const dash_hooks_v1& hooks() const {
        if (!hooks_) throw HookError("reading a response needs the host's " DASH_EXT_HOOKS " extension");
        return *hooks_;
    }
    const dash_host* host_;
    const dash_hooks_v1* hooks_;
    dash_response* response_;
};

// The names hooks used before routes shared these types.
using HookRequest = Request;
using HookResponse = Response;

}  // namespace dash
