// Poco HTTPServer glue: a sized thread pool, keep-alive limits, and one handler that converts
// Poco's request to ours, runs the Router, and writes the response without copying large bodies.
#include "http/server.hpp"

#include "http/deferred.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Timestamp.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <spdlog/spdlog.h>


namespace dash::core {

namespace {

class RequestHandler : public Poco::Net::HTTPRequestHandler {
public:
    RequestHandler(const HttpServer::Handler& handler, long long max_body_size)
        : handler_(handler), max_body_size_(max_body_size) {}

    void handleRequest(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) override {
        HttpRequest request;
        HttpResponse response;
        if (read_request(in, request, max_body_size_)) {
            handler_(request, response);
        } else {
            // The body is read and dropped (up to 256 MiB, so the client gets to read the answer),
            // and the connection closed.
            discard(in.stream(), 256ll * 1024 * 1024);
            response.error(413, "RequestEntityTooLarge",
                           "the request body exceeds the limit of " + std::to_string(max_body_size_ >> 20) +
                               " MiB; raise server.max_body_size (DASH_MAX_BODY_SIZE) to accept it");
            out.setKeepAlive(false);
        }
        if (response.deferred) {
            // An asynchronous callback: the connection leaves Poco's thread, which serves others
            // meanwhile; the answer is written on it when the callback completes.
            Poco::Net::StreamSocket socket = static_cast<Poco::Net::HTTPServerRequestImpl&>(in).detachSocket();
            const bool head = request.method == "HEAD";
            response.deferred->attach([socket, head](const HttpResponse& answer) mutable {
                write_detached(socket, answer, head);
            });
            return;
        }
        write_response(request, response, out);
    }

private:
    static void discard(std::istream& stream, long long at_most) {
        char buffer[65536];
        while (at_most > 0 && (stream.read(buffer, sizeof buffer) || stream.gcount() > 0)) at_most -= stream.gcount();
    }

    // False when the body is larger than max_body_size (then it is not read to the end).
    static bool read_request(Poco::Net::HTTPServerRequest& in, HttpRequest& request, long long max_body_size) {
        request.method = in.getMethod();
        const std::string& uri = in.getURI();
        const size_t question = uri.find('?');
        Poco::URI::decode(uri.substr(0, question), request.path);
        if (question != std::string::npos) request.query = uri.substr(question + 1);
        for (const auto& [name, value] : in) request.headers.emplace_back(name, value);
        request.remote_address = in.clientAddress().toString();
        std::istream& stream = in.stream();
        if (in.hasContentLength()) {
            // Straight into the body's own buffer, no intermediate copy.
            const long long length = in.getContentLength64();
            if (length > max_body_size) return false;
            request.body.resize(static_cast<size_t>(length));
            stream.read(request.body.data(), static_cast<std::streamsize>(length));
            request.body.resize(static_cast<size_t>(stream.gcount()));
            return true;
        }
        char buffer[16384];
        while (stream.read(buffer, sizeof buffer) || stream.gcount() > 0) {
            request.body.append(buffer, static_cast<size_t>(stream.gcount()));
            if (static_cast<long long>(request.body.size()) > max_body_size) return false;
        }
        return true;
    }

    static void write_response(const HttpRequest& request, HttpResponse& response, Poco::Net::HTTPServerResponse& out) {
        const auto status = static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status);
        out.setStatusAndReason(status, Poco::Net::HTTPResponse::getReasonForStatus(status));
        for (const auto& [name, value] : response.headers) {
            if (name == "Set-Cookie" || out.has(name))
                out.add(name, value);
            else
                out.set(name, value);
        }
        const std::string_view payload = response.payload();
        const bool no_body = response.status == 204 || response.status == 304;
        if (no_body) {
            out.setContentLength(0);
            out.send();
            return;
        }
        out.setContentLength64(static_cast<Poco::UInt64>(payload.size()));
        if (request.method == "HEAD") {
            out.send();
            return;
        }
        out.sendBuffer(payload.data(), payload.size());
    }

    // Writes a whole HTTP/1.1 response on a connection Poco no longer owns, then closes it.
    static void write_detached(Poco::Net::StreamSocket& socket, const HttpResponse& answer, bool head) {
        const std::string_view payload = answer.payload();
        const bool no_body = answer.status == 204 || answer.status == 304;
        std::string text = "HTTP/1.1 " + std::to_string(answer.status) + " " + reason_phrase(answer.status) + "\r\n";
        for (const auto& [name, value] : answer.headers) text += name + ": " + value + "\r\n";
        text += "Content-Length: " + std::to_string(no_body ? 0 : payload.size()) + "\r\n";
        text += "Date: " + Poco::DateTimeFormatter::format(Poco::Timestamp(), Poco::DateTimeFormat::HTTP_FORMAT) +
                "\r\nServer: dashcpp\r\nConnection: close\r\n\r\n";
        if (!no_body && !head) text.append(payload.data(), payload.size());
        try {
            for (size_t sent = 0; sent < text.size();) {
                const int n = socket.sendBytes(text.data() + sent, static_cast<int>(text.size() - sent));
                if (n <= 0) break;
                sent += static_cast<size_t>(n);
            }
            socket.shutdownSend();
            socket.close();
        } catch (const Poco::Exception& error) {
            spdlog::warn("could not send an asynchronous callback's answer: {}", error.displayText());
        }
    }

    const HttpServer::Handler& handler_;
    const long long max_body_size_;
};

class HandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    HandlerFactory(HttpServer::Handler handler, long long max_body_size)
        : handler_(std::move(handler)), max_body_size_(max_body_size) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new RequestHandler(handler_, max_body_size_);
    }

private:
    HttpServer::Handler handler_;
    const long long max_body_size_;
};

}  // namespace

HttpServer::HttpServer(const ServerOptions& options, Handler handler) {
    pool_ = std::make_unique<Poco::ThreadPool>(std::min(options.threads, 4), options.threads, 60);
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(options.threads);
    params->setMaxQueued(options.max_queued);
    params->setKeepAlive(options.keep_alive);
    params->setKeepAliveTimeout(Poco::Timespan(options.keep_alive_timeout, 0));
    params->setMaxKeepAliveRequests(options.max_keep_alive_requests);
    params->setTimeout(Poco::Timespan(options.timeout, 0));
    params->setServerName("dashcpp");
    Poco::Net::ServerSocket socket;
    socket.bind(Poco::Net::SocketAddress(options.host, static_cast<Poco::UInt16>(options.port)), true);
    socket.listen(std::max(64, options.max_queued));
    server_ = std::make_unique<Poco::Net::HTTPServer>(new HandlerFactory(std::move(handler), options.max_body_size), *pool_,
                                                      socket, params);
}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start() { server_->start(); }

void HttpServer::stop() {
    if (server_) server_->stopAll(true);
}

int HttpServer::port() const { return server_->port(); }

}  // namespace dash::core
