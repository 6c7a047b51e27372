// bare-poco-server: the baseline for bench/run.sh. A Poco::Net::HTTPServer configured like
// dash-host's (core/src/http/server.cpp, defaults from ServerOptions) with a single handler that
// answers every request with a small fixed JSON body, so the gap to dash-host is what dashcpp
// itself adds (routing, JSON parsing, callback dispatch, plugin ABI) on top of Poco.
//
// Usage: bare-poco-server [--host H] [--port N] [--threads N]
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/NullStream.h>
#include <Poco/StreamCopier.h>
#include <Poco/ThreadPool.h>
#include <Poco/Timespan.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <pthread.h>
#include <signal.h>
#include <string>

namespace {

const char kBody[] = R"({"multi":true,"response":{"out":{"children":"echo: hello"}}})";

class FixedHandler : public Poco::Net::HTTPRequestHandler {
public:
    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
        // Drain the request body so the keep-alive connection stays in sync (dash-host reads it too).
        Poco::NullOutputStream sink;
        Poco::StreamCopier::copyStream(request.stream(), sink);
        response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
        response.setContentType("application/json");
        response.setContentLength(static_cast<std::streamsize>(sizeof(kBody) - 1));
        response.send().write(kBody, sizeof(kBody) - 1);
    }
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new FixedHandler;
    }
};

int parse_int(const char* name, const char* value, int lo, int hi) {
    char* end = nullptr;
    long v = std::strtol(value, &end, 10);
    if (end == value || *end != '\0' || v < lo || v > hi) {
        std::cerr << "bare-poco-server: bad " << name << ": " << value << "\n";
        std::exit(2);
    }
    return static_cast<int>(v);
}

}  // namespace

int main(int argc, char** argv) {
    std::string host = "127.0.0.1";
    int port = 8060;
    int threads = 128;  // dash-host's ServerOptions defaults follow
    const int max_queued = 1024;
    const int keep_alive_timeout = 5;
    const int timeout = 60;

    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        auto next = [&]() -> const char* {
            if (i + 1 >= argc) {
                std::cerr << "bare-poco-server: " << arg << " needs a value\n";
                std::exit(2);
            }
            return argv[++i];
        };
        if (arg == "--port") {
            port = parse_int("--port", next(), 0, 65535);
        } else if (arg == "--threads") {
            threads = parse_int("--threads", next(), 1, 4096);
        } else if (arg == "--host") {
            host = next();
        } else if (arg == "-h" || arg == "--help") {
            std::cout << "usage: bare-poco-server [--host H] [--port N] [--threads N]\n";
            return 0;
        } else {
            std::cerr << "bare-poco-server: unknown argument " << arg << "\n";
            return 2;
        }
    }

    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // inherited by the pool's threads

    try {
        Poco::ThreadPool pool(std::min(threads, 4), threads, 60);
        auto* params = new Poco::Net::HTTPServerParams;
        params->setMaxThreads(threads);
        params->setMaxQueued(max_queued);
        params->setKeepAlive(true);
        params->setKeepAliveTimeout(Poco::Timespan(keep_alive_timeout, 0));
        params->setMaxKeepAliveRequests(0);
        params->setTimeout(Poco::Timespan(timeout, 0));
        params->setServerName("bare-poco");
        Poco::Net::ServerSocket socket;
        socket.bind(Poco::Net::SocketAddress(host, static_cast<Poco::UInt16>(port)), true);
        socket.listen(std::max(64, max_queued));
        Poco::Net::HTTPServer server(new Factory, pool, socket, params);
        server.start();
        std::cerr << "bare-poco-server listening on " << host << ":" << server.port() << "\n";

        int sig = 0;
        sigwait(&signals, &sig);
        server.stopAll(true);
    } catch (const Poco::Exception& e) {
        std::cerr << "bare-poco-server: " << e.displayText() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "bare-poco-server: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
