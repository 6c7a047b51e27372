// http/server.hpp: the connection layer. A few event-loop threads (Boost.Asio on epoll) own every
// connection, so an idle, slow or silent client costs memory, not a thread; each complete request
// runs on a bounded worker pool; every limit and deadline of ServerOptions applies (docs/operations.md).
#pragma once

#include "app/config.hpp"
#include "http/http.hpp"

#include <chrono>
#include <functional>
#include <memory>

namespace dash::core {

class HttpServer {
public:
    using Handler = std::function<void(const HttpRequest&, HttpResponse&)>;
    // Binds and listens; throws std::runtime_error naming the address and the reason when it cannot
    // (the port is taken, the address is not local...).
    HttpServer(const ServerOptions& options, Handler handler);
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
