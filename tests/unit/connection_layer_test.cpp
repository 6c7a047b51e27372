// Unit: the connection layer's pieces: the worker pool, the wire format, and who runs a request
// (an HttpServer on a loopback port, with a handler the test holds).
#include "http/server.hpp"
#include "http/wire.hpp"
#include "http/worker_pool.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <sstream>

using namespace dash::core;

namespace {

// Counts up; waiters block until a count is reached.
struct Counter {
    std::mutex mutex;
    std::condition_variable changed;
    int value = 0;
    void add() {
        std::lock_guard<std::mutex> lock(mutex);
        ++value;
        changed.notify_all();
    }
    bool wait_for(int wanted) {
        std::unique_lock<std::mutex> lock(mutex);
        return changed.wait_for(lock, std::chrono::seconds(10), [&] { return value >= wanted; });
    }
};

// A gate the tasks wait on until the test opens it.
struct Gate {
    std::mutex mutex;
    std::condition_variable opened;
    bool open = false;
    void wait() {
        std::unique_lock<std::mutex> lock(mutex);
        opened.wait(lock, [&] { return open; });
    }
    void release() {
        std::lock_guard<std::mutex> lock(mutex);
        open = true;
        opened.notify_all();
    }
    void close() {
        std::lock_guard<std::mutex> lock(mutex);
        open = false;
    }
};

// GET path from a server on 127.0.0.1:port, on a connection of its own: the body.
std::string get(int port, const std::string& path) {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
    session.setTimeout(Poco::Timespan(20, 0));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path, Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::ostringstream body;
    Poco::StreamCopier::copyStream(session.receiveResponse(response), body);
    return body.str();
}

// A server whose handler holds "/hold" requests at a gate (counting them) and answers the rest at once.
struct HeldServer {
    Gate gate;
    Counter held;
    std::unique_ptr<HttpServer> server;

    explicit HeldServer(ServerOptions options) {
        options.port = 0;
        server = std::make_unique<HttpServer>(options, [this](const HttpRequest& request, HttpResponse& response) {
            if (request.path.rfind("/hold", 0) == 0) {
                held.add();
                gate.wait();
            }
            if (request.path == "/hold-big")  // an answer far larger than the socket's buffers
                response.json("\"" + std::string(16 << 20, 'x') + "\"");
            else
                response.json("\"" + request.path + "\"");
        });
        server->start();
    }
    ~HeldServer() {
        gate.release();
        server->stop();
    }
    int port() const { return server->port(); }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(requests_on_the_event_loop)

BOOST_AUTO_TEST_CASE(a_request_held_on_the_only_event_loop_does_not_hold_up_other_connections) {
    ServerOptions options;
    options.io_threads = 1;
    options.threads = 4;
    HeldServer server(options);
    auto hold = std::async(std::launch::async, [&] { return get(server.port(), "/hold"); });
    BOOST_TEST(server.held.wait_for(1));  // running on the loop thread, which read it
    // Another client: answered while the first request still holds its thread.
    BOOST_TEST(get(server.port(), "/quick") == "\"/quick\"");
    BOOST_TEST((hold.wait_for(std::chrono::seconds(0)) == std::future_status::timeout));
    server.gate.release();
    BOOST_TEST(hold.get() == "\"/hold\"");
    BOOST_TEST(get(server.port(), "/after") == "\"/after\"");  // and the loop serves on
}

BOOST_AUTO_TEST_CASE(requests_held_at_once_each_get_a_thread_up_to_the_limit_of_workers) {
    ServerOptions options;
    options.io_threads = 1;
    options.threads = 3;
    options.max_queued = 0;  // at most 3 requests in progress: the fourth is answered 503
    HeldServer server(options);
    std::vector<std::future<std::string>> holds;
    for (int i = 0; i < 3; ++i)
        holds.push_back(std::async(std::launch::async, [&] { return get(server.port(), "/hold"); }));
    BOOST_TEST(server.held.wait_for(3));  // all three run together: workers joined the loop
    BOOST_TEST(get(server.port(), "/quick").find("ServiceUnavailable") != std::string::npos);
    server.gate.release();
    for (auto& hold : holds) BOOST_TEST(hold.get() == "\"/hold\"");
    BOOST_TEST(get(server.port(), "/quick") == "\"/quick\"");
}

BOOST_AUTO_TEST_CASE(a_big_answer_is_written_whole_while_workers_join_and_leave_the_loop) {
    // The held request makes a worker join the loop (the quick answer proves it); once released,
    // its 16 MiB answer is written in many steps while that worker leaves again: no step may be
    // left queued for a thread that is gone.
    ServerOptions options;
    options.io_threads = 1;
    options.threads = 2;
    HeldServer server(options);
    for (int round = 1; round <= 5; ++round) {
        auto hold = std::async(std::launch::async, [&] { return get(server.port(), "/hold-big"); });
        BOOST_TEST(server.held.wait_for(round));
        BOOST_TEST(get(server.port(), "/quick") == "\"/quick\"");
        server.gate.release();
        BOOST_TEST(hold.get().size() == (16u << 20) + 2);
        server.gate.close();  // for the next round
    }
}

BOOST_AUTO_TEST_CASE(handed_to_the_workers_when_switched_off) {
    // No monitor runs in this mode: a request run on the loop by mistake would hold up the next.
    ServerOptions options;
    options.requests_on_event_loop = false;
    options.threads = 2;
    HeldServer server(options);
    auto hold = std::async(std::launch::async, [&] { return get(server.port(), "/hold"); });
    BOOST_TEST(server.held.wait_for(1));
    BOOST_TEST(get(server.port(), "/quick") == "\"/quick\"");  // the other worker
    server.gate.release();
    BOOST_TEST(hold.get() == "\"/hold\"");
}

// A connection reuses its request and response objects from one request to the next: nothing of
// the earlier request (headers, query, body, status, response headers) may show in the next one.
BOOST_AUTO_TEST_CASE(the_next_request_on_a_connection_sees_nothing_of_the_previous_one) {
    for (const bool on_loop : {true, false}) {
        ServerOptions options;
        options.port = 0;
        options.requests_on_event_loop = on_loop;
        HttpServer server(options, [](const HttpRequest& request, HttpResponse& response) {
            std::string seen = request.method + " " + request.path + " ?" + request.query + " from " +
                               request.remote_address + " body=" + request.body + " |";
            for (const auto& [name, value] : request.headers) seen += " " + name + "=" + value;
            if (request.path == "/first") {
                response.set_header("X-Only-First", "1");
                response.status = 201;
            }
            response.body = seen;
        });
        server.start();
        Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(server.port()));
        session.setTimeout(Poco::Timespan(20, 0));
        session.setKeepAlive(true);
        auto exchange = [&](Poco::Net::HTTPRequest& request, const std::string& body,
                            Poco::Net::HTTPResponse& response) {
            if (!body.empty()) request.setContentLength(static_cast<std::streamsize>(body.size()));
            session.sendRequest(request) << body;
            std::ostringstream answer;
            Poco::StreamCopier::copyStream(session.receiveResponse(response), answer);
            return answer.str();
        };
        Poco::Net::HTTPRequest first(Poco::Net::HTTPRequest::HTTP_POST, "/first?x=1", Poco::Net::HTTPMessage::HTTP_1_1);
        first.set("X-Long-Header", std::string(300, 'h'));
        Poco::Net::HTTPResponse first_response;
        const std::string first_seen = exchange(first, std::string(5000, 'b'), first_response);
        BOOST_TEST(first_response.getStatus() == 201);
        BOOST_TEST(first_seen.find("X-Long-Header=" + std::string(300, 'h')) != std::string::npos);
        Poco::Net::HTTPRequest second(Poco::Net::HTTPRequest::HTTP_GET, "/second", Poco::Net::HTTPMessage::HTTP_1_1);
        Poco::Net::HTTPResponse second_response;
        const std::string second_seen = exchange(second, "", second_response);
        BOOST_TEST_INFO("requests_on_event_loop " << on_loop << ": " << second_seen);
        BOOST_TEST(second_response.getStatus() == 200);
        BOOST_TEST(!second_response.has("X-Only-First"));
        BOOST_TEST(second_seen.rfind("GET /second ? from ", 0) == 0u);
        BOOST_TEST(second_seen.find(" body= |") != std::string::npos);
        BOOST_TEST(second_seen.find("X-Long-Header") == std::string::npos);
        BOOST_TEST(second_seen.find("Content-Length") == std::string::npos);
        // The same connection both times: the same client address and port.
        const auto from = [](const std::string& seen) {
            const size_t start = seen.find(" from ");
            return seen.substr(start, seen.find(' ', start + 6) - start);
        };
        BOOST_TEST(from(first_seen) == from(second_seen));
        server.stop();
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(worker_pool)

BOOST_AUTO_TEST_CASE(every_thread_runs_a_task_at_once_and_the_rest_queue) {
    WorkerPool pool(4);
    Gate gate;
    Counter started, finished;
    for (int i = 0; i < 6; ++i)
        pool.post([&] {
            started.add();
            gate.wait();
            finished.add();
        });
    BOOST_TEST(started.wait_for(4));  // four threads, four tasks running together
    {
        std::lock_guard<std::mutex> lock(started.mutex);
        BOOST_TEST(started.value == 4);  // the other two wait in the queue, none was dropped
    }
    gate.release();
    BOOST_TEST(finished.wait_for(6));
}

BOOST_AUTO_TEST_CASE(stop_drops_queued_tasks_and_lets_running_ones_finish) {
    auto pool = std::make_unique<WorkerPool>(1);
    Gate gate;
    Counter started, finished;
    auto queued_owned = std::make_shared<int>(1);
    std::weak_ptr<int> queued_alive = queued_owned;
    pool->post([&] {
        started.add();
        gate.wait();
        finished.add();
    });
    pool->post([&, held = std::move(queued_owned)] { finished.add(); });
    BOOST_TEST(started.wait_for(1));
    pool->stop();
    BOOST_TEST(queued_alive.expired());   // the queued task was dropped (and what it held released)
    pool->post([&] { finished.add(); });  // refused after stop
    gate.release();
    pool->join();
    BOOST_TEST(finished.value == 1);  // only the running task ended
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(wire_format)

BOOST_AUTO_TEST_CASE(targets_are_split_and_their_paths_decoded) {
    using dash::core::wire::split_target;
    std::string path = "left over from an earlier request", query = "old=1";
    BOOST_REQUIRE(split_target("/a%20b/c%2F?x=1&y=%20", path, query));
    BOOST_TEST(path == "/a b/c/");
    BOOST_TEST(query == "x=1&y=%20");  // the query stays raw
    BOOST_REQUIRE(split_target("/", path, query));
    BOOST_TEST(path == "/");
    BOOST_TEST(query.empty());
    BOOST_REQUIRE(split_target("/%41%42c", path, query));
    BOOST_TEST(path == "/ABc");
    BOOST_TEST(!split_target("http://example.com/", path, query));  // not origin-form
    BOOST_TEST(!split_target("", path, query));
    BOOST_TEST(!split_target("/bad%zz", path, query));
    BOOST_TEST(!split_target("/cut%2", path, query));
    BOOST_TEST(!split_target("/cut%", path, query));
}

// What a connection does to its response object between answers: nothing of the last one is left.
BOOST_AUTO_TEST_CASE(a_cleared_response_is_a_new_answer) {
    HttpResponse response;
    response.error(404, "NotFound", "no such page");
    response.shared_body = std::make_shared<const std::string>("shared");
    response.add_header("Set-Cookie", "a=1");
    response.clear();
    const HttpResponse fresh;
    BOOST_TEST(response.status == fresh.status);
    BOOST_TEST(response.headers.empty());
    BOOST_TEST(response.payload().empty());
    BOOST_TEST(response.error_message.empty());
    BOOST_TEST(!response.deferred);
}

BOOST_AUTO_TEST_CASE(the_response_head_has_the_framing_the_server_owns) {
    HttpResponse response;
    response.json(R"({"a":1})");
    response.add_header("Content-Length", "999");  // a plugin's framing header is not trusted
    response.add_header("Set-Cookie", "a=1");
    response.add_header("Set-Cookie", "b=2");
    // Written over one buffer, as a connection does: each head replaces the one before.
    auto head_of = [buffer = std::string("left over")](const HttpResponse& answer, bool keep_alive,
                                                       bool http_10) mutable {
        dash::core::wire::write_response_head(buffer, answer, keep_alive, http_10);
        return buffer;
    };
    const std::string head = head_of(response, true, false);
    BOOST_TEST(head.rfind("HTTP/1.1 200 OK\r\n", 0) == 0u);
    BOOST_TEST(head.find("Content-Length: 7\r\n") != std::string::npos);
    BOOST_TEST(head.find("999") == std::string::npos);
    BOOST_TEST(head.find("Set-Cookie: a=1\r\nSet-Cookie: b=2\r\n") != std::string::npos);
    BOOST_TEST(head.find("Date: ") != std::string::npos);
    BOOST_TEST(head.find("Connection:") == std::string::npos);  // HTTP/1.1 keep-alive is the default
    BOOST_TEST(head.substr(head.size() - 4) == "\r\n\r\n");
    BOOST_TEST(head_of(response, false, false).find("Connection: close\r\n") != std::string::npos);
    BOOST_TEST(head_of(response, true, true).find("Connection: keep-alive\r\n") != std::string::npos);
    HttpResponse empty;
    empty.status = 204;
    BOOST_TEST(head_of(empty, true, false).find("Content-Length") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
