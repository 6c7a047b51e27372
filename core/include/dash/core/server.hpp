// dash/core/server.hpp: the Poco HTTP server around the Router, and the host's main().
#pragma once

#include "dash/core/config.hpp"
#include "dash/core/plugin_instance.hpp"
#include "dash/core/router.hpp"

#include <memory>
#include <vector>

namespace Poco::Net {
class HTTPServer;
}
namespace Poco {
class ThreadPool;
}

namespace dash::core {

class HttpServer {
public:
    HttpServer(const ServerOptions& options, std::shared_ptr<Router> router, bool access_log);
    ~HttpServer();
    void start();
    void stop();
    int port() const;

private:
    std::unique_ptr<Poco::ThreadPool> pool_;
    std::unique_ptr<Poco::Net::HTTPServer> server_;
};

// `dash-host --config FILE [--host H] [--port N] [--debug]`. static_entries are app plugins
// compiled into the executable (the in-process helper); they register exactly like loaded ones.
int run_host(int argc, char** argv, const std::vector<dash_plugin_entry_fn>& static_entries = {});

}  // namespace dash::core
