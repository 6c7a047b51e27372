// The Dash WebSocket transport (app/websocket_callbacks.hpp).
#include "app/websocket_callbacks.hpp"

#include "http/deferred.hpp"

#include <dash/json.hpp>
#include <dash/json_scan.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>

namespace dash::core {

namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// "http://host:port" -> "host:port".
std::string_view origin_authority(std::string_view origin) {
    const size_t scheme = origin.find("://");
    if (scheme != std::string_view::npos) origin.remove_prefix(scheme + 3);
    return origin.substr(0, origin.find('/'));
}

// Python's rule: an Origin is required; it is allowed when listed in websocket_allowed_origins or
// when its host:port is the Host the browser connected to.
std::optional<std::pair<int, std::string>> check_origin(const AppOptions& options, const HttpRequest& request) {
    const std::string* origin = request.header("Origin");
    if (!origin || origin->empty()) return std::make_pair(403, std::string("Origin header required"));
    for (const auto& allowed : options.websocket_allowed_origins)
        if (*origin == allowed) return std::nullopt;
    const std::string* host = request.header("Host");
    if (host && equals_ignoring_case(origin_authority(*origin), *host)) return std::nullopt;
    return std::make_pair(403, "Origin not allowed: " + *origin);
}

// One message from the shared worker, its members as slices of the text.
struct Message {
    std::string type;
    std::string_view renderer_id = "null";  // JSON texts, echoed as they came
    std::string_view request_id = "null";
    std::string_view payload;
};

Message read_message(std::string_view text) {
    json::Scanner scanner(text);
    Message message;
    scanner.begin_object();
    std::string key;
    while (scanner.next_key(key)) {
        if (key == "type")
            message.type = scanner.string_value();
        else if (key == "rendererId")
            message.renderer_id = scanner.value();
        else if (key == "requestId")
            message.request_id = scanner.value();
        else if (key == "payload")
            message.payload = scanner.value();
        else
            scanner.value();
    }
    scanner.expect_end();
    return message;
}

// The callback's "output" member, read from the front of the payload (it comes first from the
// renderer, so a 1 MB state is not walked for it).
std::string output_of(std::string_view payload) {
    json::Scanner scanner(payload);
    scanner.begin_object();
    std::string key;
    while (scanner.next_key(key)) {
        if (key == "output") return scanner.string_value();
        scanner.value();
    }
    return {};
}

std::string callback_response(const Message& message, const std::string& payload) {
    std::string out;
    out.reserve(payload.size() + 96);
    out += R"({"type":"callback_response","rendererId":)";
    out += message.renderer_id;
    out += R"(,"requestId":)";
    out += message.request_id;
    out += R"(,"payload":)";
    out += payload;
    out += '}';
    return out;
}

// An HTTP answer of _dash-update-component as the payload of a callback_response.
std::string response_payload(const HttpResponse& response) {
    if (response.status == 204) return R"({"status":"prevent_update"})";
    if (response.status == 200) {
        const std::string_view body = response.payload();
        std::string out;
        out.reserve(body.size() + 32);
        out += R"({"status":"ok","data":)";
        out += body;
        out += '}';
        return out;
    }
    std::string out = R"({"status":"error","message":)";
    json::write_string(out, response.error_message.empty() ? std::string(response.payload()) : response.error_message);
    out += '}';
    return out;
}

// The POST the renderer would have sent: the upgrade request's headers (cookies, authorization),
// the payload as body. No Accept-Encoding: the answer goes into a message, not onto the wire.
HttpRequest callback_request(const AppState& app, const HttpRequest& upgrade, std::string_view payload) {
    HttpRequest request;
    request.method = "POST";
    request.path = app.config.app.paths.routes_pathname_prefix + "_dash-update-component";
    for (const auto& [name, value] : upgrade.headers) {
        const bool skipped = equals_ignoring_case(name, "Accept-Encoding") || equals_ignoring_case(name, "Upgrade") ||
                             equals_ignoring_case(name, "Connection") || equals_ignoring_case(name, "Content-Length") ||
                             name.rfind("Sec-WebSocket", 0) == 0 || name.rfind("sec-websocket", 0) == 0;
        if (!skipped) request.headers.emplace_back(name, value);
    }
    request.headers.emplace_back("Content-Type", "application/json");
    request.body.assign(payload.data(), payload.size());
    request.remote_address = upgrade.remote_address;
    return request;
}

void run_callback(const Router& router, const std::shared_ptr<WebSocketSession>& session, const Message& message) {
    const auto app = router.current();
    if (!app->config.app.websocket_callbacks) {
        const std::string output = output_of(message.payload);
        const CallbackEntry* entry = app->callbacks.find_by_output(output);
        if (entry && !entry->websocket) {
            std::string payload = R"({"status":"error","message":)";
            json::write_string(payload, "WebSocketCallbackError: the callback of '" + output +
                                            "' is not enabled for the WebSocket transport (register it with "
                                            "over_websocket(), or set app.websocket_callbacks)");
            payload += '}';
            return session->send(callback_response(message, payload));
        }
    }
    const HttpRequest request = callback_request(*app, session->request(), message.payload);
    HttpResponse response;
    router.handle(request, response);
    if (response.deferred) {
        // An asynchronous callback: answered when it completes, from whichever thread completes it.
        std::shared_ptr<DeferredResponse> deferred = std::move(response.deferred);
        deferred->attach([session, renderer = std::string(message.renderer_id),
                          request_id = std::string(message.request_id)](HttpResponse&& answer) {
            Message echo;
            echo.renderer_id = renderer;
            echo.request_id = request_id;
            session->send(callback_response(echo, response_payload(answer)));
        });
        return;
    }
    session->send(callback_response(message, response_payload(response)));
}

}  // namespace

bool offers_websocket(const AppState& app) {
    return app.config.app.websocket_callbacks || app.callbacks.any_websocket();
}

WebSocketEndpoint dash_websocket_endpoint(std::shared_ptr<const Router> router) {
    WebSocketEndpoint endpoint;
    endpoint.matches = [router](const HttpRequest& request) {
        const auto app = router->current();
        return offers_websocket(*app) && request.method == "GET" &&
               request.path == app->config.app.paths.routes_pathname_prefix + "_dash-ws-callback";
    };
    endpoint.accept = [router](const HttpRequest& request) {
        return check_origin(router->current()->config.app, request);
    };
    endpoint.message = [router](const std::shared_ptr<WebSocketSession>& session, std::string text) {
        Message message;
        try {
            message = read_message(text);
        } catch (const json::ScanError& error) {
            spdlog::warn("WebSocket {}: a message that is not a JSON object ({}); closing",
                         session->request().remote_address, error.what());
            return session->close(1007, "messages must be JSON objects");
        }
        if (message.type == "heartbeat") return session->send(R"({"type":"heartbeat_ack"})");
        if (message.type == "callback_request") {
            if (message.payload.empty() || message.payload.front() != '{') {
                std::string payload =
                    R"({"status":"error","message":"InvalidCallbackRequest: the payload must be the callback request object"})";
                return session->send(callback_response(message, payload));
            }
            return run_callback(*router, session, message);
        }
        if (message.type == "get_props_response") {
            spdlog::debug("WebSocket: get_props_response with no request waiting for it");
            return;
        }
        spdlog::warn("WebSocket {}: unknown message type '{}'", session->request().remote_address, message.type);
    };
    return endpoint;
}

}  // namespace dash::core
