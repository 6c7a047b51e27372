// The Dash WebSocket transport (app/websocket_callbacks.hpp).
#include "app/websocket_callbacks.hpp"

#include "callbacks/channel.hpp"
#include "http/deferred.hpp"
#include "plugins/hooks.hpp"

#include <dash/json.hpp>
#include <dash/json_scan.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <random>

namespace dash::core {

namespace {

// "http://host:port" -> "host:port".
std::string_view origin_authority(std::string_view origin) {
    const size_t scheme = origin.find("://");
    if (scheme != std::string_view::npos) origin.remove_prefix(scheme + 3);
    return origin.substr(0, origin.find('/'));
}

// Python's rule: an Origin is required; it is allowed when listed in websocket_allowed_origins or
// when its host:port is the Host the browser connected to.
std::optional<WebSocketRefusal> check_origin(const AppOptions& options, const HttpRequest& request) {
    const std::string* origin = request.header("Origin");
    if (!origin || origin->empty()) return WebSocketRefusal{403, 0, "Origin header required"};
    for (const auto& allowed : options.websocket_allowed_origins)
        if (*origin == allowed) return std::nullopt;
    const std::string* host = request.header("Host");
    if (host && same_header_name(origin_authority(*origin), *host)) return std::nullopt;  // host names: no case
    return WebSocketRefusal{403, 0, "Origin not allowed: " + *origin};
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

// The "type" of a message, read from its front (the shared worker writes it first), "" when the
// text is not an object with a string type.
std::string type_of(std::string_view text) {
    try {
        json::Scanner scanner(text);
        scanner.begin_object();
        std::string key;
        while (scanner.next_key(key)) {
            if (key == "type") return scanner.peek() == '"' ? scanner.string_value() : std::string();
            scanner.value();
        }
    } catch (const json::ScanError&) {
    }
    return {};
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

// get_props requests waiting for the browser's get_props_response, by request id.
class PendingProps {
public:
    struct Waiter {
        std::mutex mutex;
        std::condition_variable answered;
        std::optional<std::string> payload;
    };
    std::shared_ptr<Waiter> open(const std::string& request_id) {
        auto waiter = std::make_shared<Waiter>();
        std::lock_guard<std::mutex> lock(mutex_);
        waiting_[request_id] = waiter;
        return waiter;
    }
    void close(const std::string& request_id) {
        std::lock_guard<std::mutex> lock(mutex_);
        waiting_.erase(request_id);
    }
    // False when nobody waits for that id (any more).
    bool answer(const std::string& request_id, std::string payload) {
        std::shared_ptr<Waiter> waiter;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            const auto found = waiting_.find(request_id);
            if (found == waiting_.end()) return false;
            waiter = found->second;
            waiting_.erase(found);
        }
        std::lock_guard<std::mutex> lock(waiter->mutex);
        waiter->payload = std::move(payload);
        waiter->answered.notify_all();
        return true;
    }

private:
    std::mutex mutex_;
    std::map<std::string, std::shared_ptr<Waiter>> waiting_;
};

std::string random_uuid() {
    thread_local std::mt19937_64 generator(std::random_device{}());
    const uint64_t high = (generator() & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;  // version 4
    const uint64_t low = (generator() & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;   // variant 1
    char text[40];
    std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(high >> 32),
                  static_cast<unsigned>((high >> 16) & 0xFFFF), static_cast<unsigned>(high & 0xFFFF),
                  static_cast<unsigned>(low >> 48), static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFull));
    return text;
}

// A callback's extras over the socket: set_props messages now, get_props questions to its tab.
class WebSocketChannel : public CallbackChannel {
public:
    WebSocketChannel(std::shared_ptr<WebSocketSession> session, std::string renderer_id,
                     std::shared_ptr<PendingProps> pending)
        : session_(std::move(session)), renderer_id_(std::move(renderer_id)), pending_(std::move(pending)) {}

    void stream_props(const std::string& id_key, const std::string& props_json) override {
        std::string message = R"({"type":"set_props","rendererId":)" + renderer_id_ + R"(,"payload":{"componentId":)";
        json::write_string(message, id_key);
        message += ",\"props\":" + props_json + "}}";
        session_->send(std::move(message));
    }

    bool get_props(const std::string& id_key, const std::string& properties_json, std::chrono::milliseconds timeout,
                   std::string& out) override {
        const std::string request_id = random_uuid();
        const auto waiter = pending_->open(request_id);
        std::string message = R"({"type":"get_props_request","rendererId":)" + renderer_id_ + R"(,"requestId":")" +
                              request_id + R"(","payload":{"componentId":)";
        json::write_string(message, id_key);
        message += ",\"properties\":" + properties_json + "}}";
        session_->send(std::move(message));
        std::unique_lock<std::mutex> lock(waiter->mutex);
        if (!waiter->answered.wait_for(lock, timeout, [&] { return waiter->payload.has_value(); })) {
            lock.unlock();
            pending_->close(request_id);
            out = "TimeoutError: the browser did not answer get_props for '" + id_key + "' within " +
                  std::to_string(timeout.count()) + " ms";
            return false;
        }
        out = *waiter->payload;
        return true;
    }

private:
    std::shared_ptr<WebSocketSession> session_;
    std::string renderer_id_;  // JSON text
    std::shared_ptr<PendingProps> pending_;
};

// renderer_id and request_id are JSON texts, echoed as the message brought them.
std::string callback_response(std::string_view renderer_id, std::string_view request_id, std::string_view payload) {
    std::string out;
    out.reserve(payload.size() + 96);
    out += R"({"type":"callback_response","rendererId":)";
    out += renderer_id;
    out += R"(,"requestId":)";
    out += request_id;
    out += R"(,"payload":)";
    out += payload;
    out += '}';
    return out;
}

std::string error_payload(const std::string& message) {
    std::string out = R"({"status":"error","message":)";
    json::write_string(out, message);
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
    return error_payload(response.error_message.empty() ? std::string(response.payload()) : response.error_message);
}

// The POST the renderer would have sent: the upgrade request's headers (cookies, authorization),
// the payload as body. No Accept-Encoding: the answer goes into a message, not onto the wire.
HttpRequest callback_request(const AppState& app, const HttpRequest& upgrade, std::string_view payload) {
    HttpRequest request;
    request.method = "POST";
    request.path = app.config.app.paths.routes_pathname_prefix + "_dash-update-component";
    const auto handshake_only = [](std::string_view name) {
        for (const std::string_view skipped : {"Accept-Encoding", "Upgrade", "Connection", "Content-Length"})
            if (same_header_name(name, skipped)) return true;
        return same_header_name(name.substr(0, 13), "Sec-WebSocket");
    };
    for (const auto& [name, value] : upgrade.headers)
        if (!handshake_only(name)) request.headers.emplace_back(name, value);
    request.headers.emplace_back("Content-Type", "application/json");
    request.body.assign(payload.data(), payload.size());
    request.remote_address = upgrade.remote_address;
    return request;
}

void run_callback(const Router& router, const std::shared_ptr<WebSocketSession>& session, const Message& message,
                  const std::shared_ptr<PendingProps>& pending) {
    const auto app = router.current();
    if (!app->config.app.websocket_callbacks) {
        const std::string output = output_of(message.payload);
        const CallbackEntry* entry = app->callbacks.find_by_output(output);
        if (entry && !entry->websocket)
            return session->send(callback_response(
                message.renderer_id, message.request_id,
                error_payload("WebSocketCallbackError: the callback of '" + output +
                              "' is not enabled for the WebSocket transport (register it with over_websocket(), or "
                              "set app.websocket_callbacks)")));
    }
    HttpRequest request = callback_request(*app, session->request(), message.payload);
    request.channel = std::make_shared<WebSocketChannel>(session, std::string(message.renderer_id), pending);
    HttpResponse response;
    router.handle(request, response);
    if (response.deferred) {
        // An asynchronous callback: answered when it completes, from whichever thread completes it.
        std::shared_ptr<DeferredResponse> deferred = std::move(response.deferred);
        deferred->attach([session, renderer_id = std::string(message.renderer_id),
                          request_id = std::string(message.request_id)](HttpResponse&& answer) {
            session->send(callback_response(renderer_id, request_id, response_payload(answer)));
        });
        return;
    }
    session->send(callback_response(message.renderer_id, message.request_id, response_payload(response)));
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
    endpoint.accept = [router](const HttpRequest& request) -> std::optional<WebSocketRefusal> {
        const auto app = router->current();
        if (auto refused = check_origin(app->config.app, request)) return refused;
        if (auto closed = run_websocket_hooks(*app, DASH_HOOK_WEBSOCKET_CONNECT, request, {}))
            return WebSocketRefusal{0, closed->first, closed->second};
        return std::nullopt;
    };
    auto pending = std::make_shared<PendingProps>();
    // Python's websocket_message hooks see every message first; a rejection closes the socket.
    auto rejected_by_hooks = [router](const std::shared_ptr<WebSocketSession>& session, const std::string& text) {
        const auto closed =
            run_websocket_hooks(*router->current(), DASH_HOOK_WEBSOCKET_MESSAGE, session->request(), text);
        if (closed) session->close(closed->first, closed->second);
        return closed.has_value();
    };
    endpoint.quick = [pending, rejected_by_hooks](const std::shared_ptr<WebSocketSession>& session,
                                                  const std::string& text) {
        const std::string type = type_of(text);
        if ((type == "heartbeat" || type == "get_props_response") && rejected_by_hooks(session, text)) return true;
        if (type == "heartbeat") {
            session->send(R"({"type":"heartbeat_ack"})");
            return true;
        }
        if (type != "get_props_response") return false;
        Message message;
        try {
            message = read_message(text);
        } catch (const json::ScanError&) {
            return false;  // reported by the worker's full read
        }
        std::string request_id;
        try {
            request_id = json::Scanner(message.request_id).string_value();
        } catch (const json::ScanError&) {
        }
        const std::string payload = message.payload.empty() ? "{}" : std::string(message.payload);
        if (!pending->answer(request_id, payload))
            spdlog::debug("WebSocket: get_props_response {} came with no request waiting for it", request_id);
        return true;
    };
    endpoint.message = [router, pending, rejected_by_hooks](const std::shared_ptr<WebSocketSession>& session,
                                                            std::string text) {
        if (rejected_by_hooks(session, text)) return;
        Message message;
        try {
            message = read_message(text);
        } catch (const json::ScanError& error) {
            spdlog::warn("WebSocket {}: a message that is not a JSON object ({}); closing",
                         session->request().remote_address, error.what());
            return session->close(1007, "messages must be JSON objects");
        }
        if (message.type == "callback_request") {
            if (message.payload.empty() || message.payload.front() != '{')
                return session->send(callback_response(
                    message.renderer_id, message.request_id,
                    error_payload("InvalidCallbackRequest: the payload must be the callback request object")));
            return run_callback(*router, session, message, pending);
        }
        spdlog::warn("WebSocket {}: unknown message type '{}'", session->request().remote_address, message.type);
    };
    return endpoint;
}

}  // namespace dash::core
