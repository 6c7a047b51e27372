// http/server.hpp: the Poco HTTP server: a sized thread pool, keep-alive limits, and one handler
// that converts Poco's request to an HttpRequest, runs the handler it was given (the app's
// Router), and writes the HttpResponse without copying large bodies.
#pragma once

#include "app/config.hpp"
#include "http/http.hpp"

#include <functional>
#include <memory>

namespace Poco::Net {
class HTTPServer;
}
namespace Poco {
class ThreadPool;
}

namespace dash::core {

class HttpServer {
public:
    using Handler = std::function<void(const HttpRequest&, HttpResponse&)>;
    HttpServer(const ServerOptions& options, Handler handler);
    ~HttpServer();
    void start();
    void stop();
    int port() const;

private:
    std::unique_ptr<Poco::ThreadPool> pool_;
    std::unique_ptr<Poco::Net::HTTPServer> server_;
};

}  // namespace dash::core
