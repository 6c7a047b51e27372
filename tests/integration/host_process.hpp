// Test helpers: run dash-host as a child process on a free loopback port, talk HTTP to it.
#pragma once

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <dash/json.hpp>

#include <chrono>
#include <csignal>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace dash::test {

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The renderer's config in an index page (<script id="_dash-config">); throws when there is none.
inline Json::Value dash_config_of(const std::string& index) {
    const std::string open = R"(<script id="_dash-config" type="application/json">)";
    const size_t start = index.find(open);
    if (start == std::string::npos) throw std::runtime_error("no _dash-config in the index");
    const size_t end = index.find("</script>", start);
    return dash::json::parse(index.substr(start + open.size(), end - start - open.size()));
}

struct Reply {
    int status = 0;
    std::string reason;
    std::map<std::string, std::string> headers;                    // the last of each name
    std::vector<std::pair<std::string, std::string>> header_list;  // all, in order (RawConnection)
    std::string body;

    std::string header(const std::string& name) const {
        auto found = headers.find(name);
        return found == headers.end() ? "" : found->second;
    }
};

inline int free_port() {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    return socket.address().port();
}

// One request on a fresh connection (or on `session` when given, to reuse keep-alive).
inline Reply request(int port, const std::string& method, const std::string& path, const std::string& body = "",
                     std::map<std::string, std::string> headers = {}) {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
    session.setTimeout(Poco::Timespan(20, 0));
    Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : headers) req.set(name, value);
    if (!body.empty() || method == "POST") {
        req.setContentLength(static_cast<std::streamsize>(body.size()));
        if (!req.has("Content-Type")) req.setContentType("application/json");
    }
    session.sendRequest(req) << body;
    Poco::Net::HTTPResponse res;
    std::istream& in = session.receiveResponse(res);
    Reply reply;
    reply.status = res.getStatus();
    reply.reason = res.getReason();
    for (const auto& [name, value] : res) reply.headers[name] = value;
    Poco::StreamCopier::copyToString(in, reply.body);
    return reply;
}

// dash-host running with a config; stopped (SIGTERM) when the object goes away.
class HostProcess {
public:
    HostProcess(const std::string& config, std::vector<std::string> extra_args = {},
                std::map<std::string, std::string> env = {}, const std::string& executable = "dash-host")
        : port_(free_port()) {
        std::vector<std::string> args = {"--config", config, "--port", std::to_string(port_)};
        args.insert(args.end(), extra_args.begin(), extra_args.end());
        Poco::Process::Env environment(env.begin(), env.end());
        handle_ = std::make_unique<Poco::ProcessHandle>(Poco::Process::launch(DASHCPP_BUILD_DIR "/bin/" + executable,
                                                                              args, DASHCPP_SOURCE_DIR, nullptr,
                                                                              &errors_, &errors_, environment));
        // The host's log, read continuously so the pipe never fills.
        reader_ = std::thread([this] {
            Poco::PipeInputStream stream(errors_);
            std::string line;
            while (std::getline(stream, line)) {
                std::lock_guard<std::mutex> lock(log_mutex_);
                log_ += line + "\n";
            }
        });
        wait_until_serving();
    }
    ~HostProcess() {
        if (handle_ && Poco::Process::isRunning(*handle_)) {
            Poco::Process::requestTermination(handle_->id());
            handle_->wait();
        }
        errors_.close();
        if (reader_.joinable()) reader_.join();
    }
    // What the host logged so far.
    std::string log() const {
        std::lock_guard<std::mutex> lock(log_mutex_);
        return log_;
    }
    // Waits (bounded) until the log contains `text`.
    bool wait_for_log(const std::string& text) const {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < deadline) {
            if (log().find(text) != std::string::npos) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return false;
    }
    int port() const { return port_; }
    // Sends `signal` (SIGTERM, SIGINT...) to the host.
    void signal(int signal) const { ::kill(static_cast<pid_t>(handle_->id()), signal); }
    // Waits for the host to exit; its exit code.
    int wait() {
        const int code = handle_->wait();
        handle_.reset();
        return code;
    }
    bool running() const { return handle_ && Poco::Process::isRunning(*handle_); }
    Reply get(const std::string& path, std::map<std::string, std::string> headers = {}) const {
        return request(port_, "GET", path, "", std::move(headers));
    }
    Reply post(const std::string& path, const std::string& body) const { return request(port_, "POST", path, body); }

private:
    void wait_until_serving() {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (std::chrono::steady_clock::now() < deadline) {
            if (handle_->tryWait() != -1) throw std::runtime_error("dash-host exited during start-up");
            try {
                // Any HTTP answer means the host is up (a config may require authentication).
                if (get("/_dash-dependencies").status > 0) return;
            } catch (const std::exception&) {
                // not listening yet
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        throw std::runtime_error("dash-host did not answer within 30 s");
    }

    int port_;
    std::unique_ptr<Poco::ProcessHandle> handle_;
    Poco::Pipe errors_;
    std::thread reader_;
    mutable std::mutex log_mutex_;
    std::string log_;
};

// Runs dash-host to completion (for start-up failures); returns exit code and stderr.
inline std::pair<int, std::string> run_host_once(std::vector<std::string> args,
                                                 std::map<std::string, std::string> env = {}) {
    Poco::Pipe err;
    Poco::Process::Env environment(env.begin(), env.end());
    Poco::ProcessHandle handle = Poco::Process::launch(DASHCPP_BUILD_DIR "/bin/dash-host", args, DASHCPP_SOURCE_DIR,
                                                       nullptr, &err, &err, environment);
    Poco::PipeInputStream stream(err);
    std::string output;
    Poco::StreamCopier::copyToString(stream, output);
    const int code = handle.wait();
    return {code, output};
}

}  // namespace dash::test
