// http/server.hpp: the connection layer. A few event-loop threads (Boost.Asio on epoll) own every
// connection, so an idle, slow or silent client costs memory, not a thread; each complete request
// runs on a bounded worker pool; every limit and deadline of ServerOptions applies (docs/operations.md).
#pragma once

#include "app/config.hpp"
#include "http/http.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace dash::core {

// A WebSocket connection the server accepted (on the same event loops as HTTP).
class WebSocketSession {
public:
    virtual ~WebSocketSession() = default;
    // Queues a text message; safe from any thread. Messages queued while another is being written
    // go out together as one frame holding a JSON array of them (the Dash transport's batching).
    virtual void send(std::string text) = 0;
    // Closes with a WebSocket close code and reason (after what is queued); safe from any thread.
    virtual void close(int code, std::string reason) = 0;
    // The upgrade request (headers, cookies, remote address).
    virtual const HttpRequest& request() const = 0;
};

// Why a WebSocket handshake is not accepted: refused over HTTP (http_status), or accepted and then
// closed at once with a WebSocket close code (so that the client sees the code, e.g. 4001).
struct WebSocketRefusal {
    int http_status = 0;
    int close_code = 0;
    std::string reason;
};

// What the server does with WebSocket upgrade requests; empty functions: none is accepted.
struct WebSocketEndpoint {
    // Is this upgrade request for the endpoint? On the event loop: cheap checks only.
    std::function<bool(const HttpRequest&)> matches;
    // On a worker: std::nullopt accepts the handshake.
    std::function<std::optional<WebSocketRefusal>(const HttpRequest&)> accept;
    // On the event loop, first: true when it handled the message itself (cheap ones: heartbeats,
    // answers a waiting worker needs, which must not wait for a free worker themselves).
    std::function<bool(const std::shared_ptr<WebSocketSession>&, const std::string& message)> quick;
    // On a worker, one call per message received (messages of one session may run concurrently).
    std::function<void(const std::shared_ptr<WebSocketSession>&, std::string message)> message;
};

class HttpServer {
public:
    using Handler = std::function<void(const HttpRequest&, HttpResponse&)>;
    // Binds and listens; throws std::runtime_error naming the address and the reason when it cannot
    // (the port is taken, the address is not local...).
    HttpServer(const ServerOptions& options, Handler handler, WebSocketEndpoint websocket = {});
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    void start();
    // Graceful stop: no new connections, idle ones closed, requests in progress answered (with
    // "Connection: close") for up to `deadline`; then everything is closed. True when every
    // connection ended in time.
    bool shutdown(std::chrono::milliseconds deadline);
    // Stops at once: open connections are dropped.
    void stop();
    int port() const;

    class Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace dash::core
