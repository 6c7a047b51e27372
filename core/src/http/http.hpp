// http/http.hpp: the server-independent request/response the router works on.
#pragma once

#include <dash/http.hpp>  // html_escape

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dash::core {

class CallbackChannel;  // callbacks/channel.hpp

struct HttpRequest {
    std::string method;
    std::string path;   // full path as received, percent-decoded, no query
    std::string query;  // raw query string without '?'
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string remote_address;
    // Set by a transport that is not HTTP (the WebSocket callbacks): what callbacks may use besides.
    std::shared_ptr<CallbackChannel> channel;

    // Case-insensitive header lookup; nullptr when absent.
    const std::string* header(std::string_view name) const;
};

// The answer that comes later (http/deferred.hpp).
class DeferredResponse;

struct HttpResponse {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    // A shared immutable body (static files): sent without copying. Wins over body when set.
    std::shared_ptr<const std::string> shared_body;
    // The message of error() (the WebSocket transport sends it without the HTML page).
    std::string error_message;
    // Set when the answer comes later (an asynchronous callback): nothing is sent now.
    std::shared_ptr<DeferredResponse> deferred;

    // Back to a new answer (200, nothing set), keeping the header list's capacity and releasing
    // the body's memory: a connection reuses one object for its answers.
    void clear();
    void set_header(std::string name, std::string value);
    void add_header(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
    const std::string* header(std::string_view name) const;
    std::string_view payload() const { return shared_body ? std::string_view(*shared_body) : std::string_view(body); }

    // Helpers for the common answers.
    void json(std::string text, int code = 200);
    void html(std::string text, int code = 200);
    // An error page naming the Dash exception, readable in the renderer's error pop-up.
    void error(int code, const std::string& exception_name, const std::string& message);
};

// Header names compare without case (ASCII).
bool same_header_name(std::string_view a, std::string_view b);

std::string reason_phrase(int status);

}  // namespace dash::core
