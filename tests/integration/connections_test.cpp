// Integration: the connection layer, spoken to byte by byte: strict framing, pipelining,
// Expect: 100-continue, header limits, deadlines, connection and queue limits (503 + Retry-After),
// the port-in-use message, graceful and immediate stops.
#include "host_process.hpp"
#include "raw_connection.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cstdint>
#include <thread>

using namespace dash::test;

namespace {

const std::string limits_config = DASHCPP_SOURCE_DIR "/tests/integration/sdk_app/limits.json";

// A callback request that holds a worker for `milliseconds` (tests/integration/sdk_app).
std::string slow_body(int milliseconds) {
    return R"({"output":"slow-out.children","outputs":{"id":"slow-out","property":"children"},"inputs":[{"id":"slow-in","property":"value","value":)" +
           std::to_string(milliseconds) + R"(}],"changedPropIds":["slow-in.value"]})";
}

std::string post_head(const std::string& extra_headers) {
    return "POST /_dash-update-component HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n" + extra_headers +
           "\r\n";
}

// Polls `get` until `done(reply)` (bounded: 20 s).
template <class Done>
Reply wait_for_reply(int port, const std::string& path, Done done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    Reply reply;
    do {
        reply = request(port, "GET", path);
        if (done(reply)) return reply;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    } while (std::chrono::steady_clock::now() < deadline);
    return reply;
}

struct LimitsHost {
    HostProcess host{limits_config};
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(connection_layer, LimitsHost)

BOOST_AUTO_TEST_CASE(framing_faults_are_answered_400_and_the_connection_closed) {
    const std::string body = slow_body(0);
    const std::string length = "Content-Length: " + std::to_string(body.size()) + "\r\n";
    const std::vector<std::pair<std::string, std::string>> faults = {
        {post_head(length + length) + body, "more than one Content-Length"},
        {post_head(length + "Transfer-Encoding: chunked\r\n") + body, "BadRequest"},
        {post_head("Content-Length: abc\r\n") + body, "BadRequest"},
        {post_head("Transfer-Encoding: gzip\r\n") + body, "must end with chunked"},
    };
    for (const auto& [bytes, expected] : faults) {
        RawConnection connection(host.port());
        connection.send(bytes);
        const Reply reply = connection.read_reply();
        BOOST_TEST_INFO(bytes.substr(0, 160));
        BOOST_TEST(reply.status == 400);
        BOOST_TEST(contains(reply.body, expected));
        BOOST_TEST(reply.header("Connection") == "close");
        BOOST_TEST(connection.closed_by_server(std::chrono::seconds(5)));
    }
    BOOST_TEST(host.post("/_dash-update-component", body).status == 200);  // and the host serves on
}

// A body announced over server.max_body_size is refused from its header: 413 naming the setting,
// whatever came of the body in the same packet, and nothing of that size is set aside for it.
BOOST_AUTO_TEST_CASE(a_body_announced_over_the_limit_is_refused_413_from_the_header) {
    for (const std::string length : {"11534336", "1099511627776000"}) {  // 11 MiB; 1000 TiB
        RawConnection connection(host.port());
        connection.send(post_head("Content-Length: " + length + "\r\n") + slow_body(0));
        const Reply reply = connection.read_reply();
        BOOST_TEST_INFO("Content-Length: " << length);
        BOOST_TEST(reply.status == 413);
        BOOST_TEST(contains(reply.body, "raise server.max_body_size"));
    }
    BOOST_TEST(host.post("/_dash-update-component", slow_body(0)).status == 200);  // and the host serves on
}

BOOST_AUTO_TEST_CASE(no_content_length_means_an_empty_body_and_chunked_bodies_are_read) {
    RawConnection connection(host.port());
    // No Content-Length, not chunked: an empty body, answered at once (the server's body deadline is
    // 60 s; this connection gives up after 10).
    connection.send(post_head(""));
    const Reply empty = connection.read_reply();
    BOOST_TEST(empty.status == 400);
    BOOST_TEST(contains(empty.body, "InvalidCallbackRequest"));

    const std::string body = slow_body(0);
    RawConnection chunked(host.port());
    chunked.send(post_head("Transfer-Encoding: chunked\r\n") + "10\r\n" + body.substr(0, 16) + "\r\n" +
                 RawConnection::hex(body.size() - 16) + "\r\n" + body.substr(16) + "\r\n0\r\n\r\n");
    const Reply reply = chunked.read_reply();
    BOOST_TEST(reply.status == 200);
    BOOST_TEST(contains(reply.body, "slept 0"));
}

BOOST_AUTO_TEST_CASE(pipelined_requests_are_answered_in_order_and_expect_continue_works) {
    RawConnection connection(host.port());
    const std::string body = slow_body(0);
    const std::string post = post_head("Content-Length: " + std::to_string(body.size()) + "\r\n") + body;
    connection.send("GET /slow-started HTTP/1.1\r\nHost: test\r\n\r\n" + post +
                    "GET /export.csv HTTP/1.1\r\nHost: test\r\n\r\n");
    const Reply first = connection.read_reply(), second = connection.read_reply(), third = connection.read_reply();
    BOOST_TEST(first.status == 200);
    BOOST_TEST(second.status == 200);
    BOOST_TEST(contains(second.body, "slept 0"));
    BOOST_TEST(third.body == "a,b\n1,2\n");

    connection.send(post_head("Expect: 100-continue\r\nContent-Length: " + std::to_string(body.size()) + "\r\n"));
    BOOST_TEST(connection.read_reply().status == 100);
    connection.send(body);
    const Reply answered = connection.read_reply();
    BOOST_TEST(answered.status == 200);
    BOOST_TEST(contains(answered.body, "slept 0"));
}

// A big body of known length that comes in pieces is read whole (straight into the request, a
// wake-up's worth at a time), and nothing after it: the pipelined request behind it is answered
// next. A body the client abandons halfway costs the host nothing but that connection.
BOOST_AUTO_TEST_CASE(a_big_body_in_pieces_arrives_whole_and_the_request_behind_it_is_answered) {
    std::string value;
    for (size_t i = 0; value.size() < 600000; ++i) value += "row " + std::to_string(i) + "; ";
    std::uint32_t sum = 0;
    for (const unsigned char c : value) sum = sum * 31 + c;
    const std::string body =
        R"({"output":"digest-out.children","outputs":{"id":"digest-out","property":"children"},"inputs":[{"id":"digest-in","property":"value","value":")" +
        value + R"("}],"changedPropIds":["digest-in.value"]})";
    const std::string head = post_head("Content-Length: " + std::to_string(body.size()) + "\r\n");
    const std::string expected = "\"" + std::to_string(value.size()) + " " + std::to_string(sum) + "\"";

    RawConnection connection(host.port());
    connection.send(head + body.substr(0, 100));
    BOOST_TEST(!connection.closed_by_server(std::chrono::milliseconds(50)));  // waiting for the rest
    connection.send(body.substr(100, 300000));
    BOOST_TEST(!connection.closed_by_server(std::chrono::milliseconds(50)));
    connection.send(body.substr(300100) + "GET /export.csv HTTP/1.1\r\nHost: test\r\n\r\n");
    const Reply answered = connection.read_reply();
    BOOST_TEST(answered.status == 200);
    BOOST_TEST(contains(answered.body, expected));
    BOOST_TEST(connection.read_reply().body == "a,b\n1,2\n");

    {
        RawConnection abandoned(host.port());
        abandoned.send(head + body.substr(0, 400000));
    }  // closed by the client with 200 KB still announced
    const Reply after = host.post("/_dash-update-component", body);
    BOOST_TEST(after.status == 200);
    BOOST_TEST(contains(after.body, expected));
}

BOOST_AUTO_TEST_CASE(oversized_headers_are_answered_431) {
    {
        RawConnection connection(host.port());
        connection.send("GET /slow-started HTTP/1.1\r\nHost: test\r\nX-Big: " + std::string(5000, 'a') + "\r\n\r\n");
        const Reply reply = connection.read_reply();
        BOOST_TEST(reply.status == 431);
        BOOST_TEST(contains(reply.body, "server.max_header_size"));
    }
    {
        std::string many;
        for (int i = 0; i < 30; ++i) many += "X-Field-" + std::to_string(i) + ": v\r\n";
        RawConnection connection(host.port());
        connection.send("GET /slow-started HTTP/1.1\r\nHost: test\r\n" + many + "\r\n");
        const Reply reply = connection.read_reply();
        BOOST_TEST(reply.status == 431);
        BOOST_TEST(contains(reply.body, "more than 20 (server.max_header_count)"));
    }
}

BOOST_AUTO_TEST_CASE(idle_silent_and_slow_connections_are_closed_at_their_deadlines) {
    // keep_alive_timeout and header_timeout are 1 s in this config.
    RawConnection kept(host.port());
    kept.send("GET /slow-started HTTP/1.1\r\nHost: test\r\n\r\n");
    BOOST_TEST(kept.read_reply().status == 200);
    kept.send("GET /slow-started HTTP/1.1\r\nHost: test\r\n\r\n");  // kept alive: a second request
    BOOST_TEST(kept.read_reply().status == 200);
    BOOST_TEST(kept.closed_by_server(std::chrono::seconds(10)));

    RawConnection silent(host.port());
    BOOST_TEST(silent.closed_by_server(std::chrono::seconds(10)));

    // One header byte every 100 ms: every read makes progress, but the whole header has a deadline.
    RawConnection slow(host.port());
    slow.send("GET /slow-started HTTP/1.1\r\nX-Slow: ");
    bool closed = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!closed && std::chrono::steady_clock::now() < deadline) {
        closed = !slow.try_send("a") || slow.closed_by_server(std::chrono::milliseconds(100));
    }
    BOOST_TEST(closed);
}

BOOST_AUTO_TEST_CASE(a_full_worker_queue_is_answered_503_with_retry_after) {
    // Two workers, no queue: two slow callbacks take both; the next request is refused, not queued.
    std::vector<std::thread> slow;
    std::vector<int> statuses(2);
    for (int i = 0; i < 2; ++i) {
        slow.emplace_back([&, i] { statuses[i] = host.post("/_dash-update-component", slow_body(3000)).status; });
        BOOST_TEST(host.wait_for_log("slow callback " + std::to_string(i + 1) + " started"));
    }
    const Reply busy = host.get("/slow-started");
    BOOST_TEST(busy.status == 503);
    BOOST_TEST(busy.header("Retry-After") == "1");
    BOOST_TEST(contains(busy.body, "ServiceUnavailable"));
    for (auto& thread : slow) thread.join();
    BOOST_TEST(statuses[0] == 200);
    BOOST_TEST(statuses[1] == 200);
    BOOST_TEST(host.get("/slow-started").body == "2");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(connection_limits)

BOOST_AUTO_TEST_CASE(connections_beyond_the_maximum_get_503_with_retry_after) {
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/sdk_app/max-connections.json");  // at most 16
    // 16 kept-alive connections (retried while the server still counts the start-up probe's).
    std::vector<std::unique_ptr<RawConnection>> held;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (held.size() < 16 && std::chrono::steady_clock::now() < deadline) {
        auto connection = std::make_unique<RawConnection>(host.port());
        connection->send("GET /slow-started HTTP/1.1\r\nHost: test\r\n\r\n");
        if (connection->read_reply().status == 200)
            held.push_back(std::move(connection));
        else
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    BOOST_TEST(held.size() == 16u);
    RawConnection refused(host.port());
    const Reply reply = refused.read_reply();
    BOOST_TEST(reply.status == 503);
    BOOST_TEST(reply.header("Retry-After") == "1");
    BOOST_TEST(refused.closed_by_server(std::chrono::seconds(5)));
    held.clear();
    // Room again once they are gone (closing is seen by the server a moment later).
    const Reply served = wait_for_reply(host.port(), "/slow-started", [](const Reply& r) { return r.status == 200; });
    BOOST_TEST(served.status == 200);
}

BOOST_AUTO_TEST_CASE(a_taken_port_is_refused_with_the_address_and_the_reason) {
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/sdk_app/dash.json");
    const auto [code, output] = run_host_once(
        {"--config", DASHCPP_SOURCE_DIR "/tests/integration/sdk_app/dash.json", "--port", std::to_string(host.port())});
    BOOST_TEST(code != 0);
    BOOST_TEST(
        contains(output, "cannot listen on 127.0.0.1:" + std::to_string(host.port()) + ": Address already in use"));
    BOOST_TEST(host.get("/slow-started").status == 200);  // the first host is undisturbed
}

BOOST_AUTO_TEST_CASE(sigterm_answers_every_request_in_progress_then_exits_0) {
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/sdk_app/dash.json");
    constexpr int in_flight = 32;
    std::vector<std::thread> clients;
    std::vector<Reply> replies(in_flight);
    for (int i = 0; i < in_flight; ++i)
        clients.emplace_back([&, i] { replies[i] = host.post("/_dash-update-component", slow_body(1500)); });
    const std::string all = std::to_string(in_flight);
    BOOST_TEST(wait_for_reply(host.port(), "/slow-started", [&](const Reply& r) { return r.body == all; }).body == all);
    host.signal(SIGTERM);
    for (auto& client : clients) client.join();
    for (const Reply& reply : replies) {
        BOOST_TEST(reply.status == 200);
        BOOST_TEST(contains(reply.body, "slept 1500"));
        BOOST_TEST(reply.header("Connection") == "close");
    }
    BOOST_TEST(host.wait() == 0);
}

BOOST_AUTO_TEST_CASE(a_second_signal_stops_at_once) {
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/sdk_app/dash.json");
    std::atomic<int> status{-1};
    std::thread client([&] {
        try {
            status = host.post("/_dash-update-component", slow_body(30000)).status;
        } catch (const std::exception&) {
            status = 0;  // the connection went away without an answer
        }
    });
    BOOST_TEST(wait_for_reply(host.port(), "/slow-started", [](const Reply& r) { return r.body == "1"; }).body == "1");
    host.signal(SIGTERM);  // the first starts a graceful stop, which would wait for the callback
    host.signal(SIGINT);
    BOOST_TEST(host.wait() == 1);  // long before the 30 s callback would have ended
    client.join();
    BOOST_TEST(status == 0);
    BOOST_TEST(contains(host.log(), "second signal"));
}

BOOST_AUTO_TEST_SUITE_END()

// server.worker_keep_alive_wait: the worker that answered a keep-alive request waits on the socket
// for the next one. Here one worker and a 30 s wait, so that every case below meets a worker that
// is waiting: it must read whatever way the next request comes, and give way to other work.
BOOST_AUTO_TEST_SUITE(worker_keep_alive_wait)

const std::string worker_wait_config = DASHCPP_SOURCE_DIR "/tests/integration/sdk_app/worker-wait.json";

BOOST_AUTO_TEST_CASE(the_next_request_is_read_whole_in_pieces_or_pipelined) {
    HostProcess host(worker_wait_config);
    RawConnection connection(host.port());
    const std::string body = slow_body(0);
    const std::string head = post_head("Content-Length: " + std::to_string(body.size()) + "\r\n");
    connection.send(head + body);
    BOOST_TEST(contains(connection.read_reply().body, "slept 0"));
    // Whole, while the worker waits.
    connection.send(head + body);
    BOOST_TEST(contains(connection.read_reply().body, "slept 0"));
    // The header in two parts, then the body: the rest goes through the event loop.
    connection.send(head.substr(0, 20));
    BOOST_TEST(!connection.closed_by_server(std::chrono::milliseconds(50)));  // still waiting for the rest
    connection.send(head.substr(20));
    BOOST_TEST(!connection.closed_by_server(std::chrono::milliseconds(50)));
    connection.send(body);
    BOOST_TEST(contains(connection.read_reply().body, "slept 0"));
    // The header and half of the body, then the other half.
    connection.send(head + body.substr(0, body.size() / 2));
    BOOST_TEST(!connection.closed_by_server(std::chrono::milliseconds(50)));
    connection.send(body.substr(body.size() / 2));
    BOOST_TEST(contains(connection.read_reply().body, "slept 0"));
    // Two at once: both answered, in order.
    connection.send(head + body + "GET /export.csv HTTP/1.1\r\nHost: test\r\n\r\n");
    BOOST_TEST(contains(connection.read_reply().body, "slept 0"));
    BOOST_TEST(connection.read_reply().body == "a,b\n1,2\n");
    // A malformed next request is refused as on any other path.
    connection.send("GET /slow-started HTTP/1.1\r\nHost: test\r\nContent-Length: x\r\n\r\n");
    const Reply refused = connection.read_reply();
    BOOST_TEST(refused.status == 400);
    BOOST_TEST(connection.closed_by_server(std::chrono::seconds(5)));
}

// The next request read by the waiting worker is checked like any other before its body is read:
// a body announced over the limit is refused with 413, not set aside.
BOOST_AUTO_TEST_CASE(a_next_request_announcing_a_body_over_the_limit_is_refused_413) {
    HostProcess host(worker_wait_config);
    RawConnection connection(host.port());
    connection.send("GET /slow-started HTTP/1.1\r\nHost: test\r\n\r\n");
    BOOST_TEST(connection.read_reply().status == 200);
    connection.send(post_head("Content-Length: 1099511627776000\r\n") + slow_body(0));  // 1000 TiB
    const Reply refused = connection.read_reply();
    BOOST_TEST(refused.status == 413);
    BOOST_TEST(contains(refused.body, "raise server.max_body_size"));
    BOOST_TEST(host.post("/_dash-update-component", slow_body(0)).status == 200);  // and the host serves on
}

BOOST_AUTO_TEST_CASE(a_waiting_worker_gives_way_to_a_request_on_another_connection) {
    HostProcess host(worker_wait_config);
    RawConnection first(host.port());
    first.send("GET /slow-started HTTP/1.1\r\nHost: test\r\n\r\n");
    BOOST_TEST(first.read_reply().status == 200);
    // The only worker now waits (up to 30 s) for first's next request; another client's request
    // queues for it, which wakes it: answered long before the wait would end.
    const auto start = std::chrono::steady_clock::now();
    RawConnection second(host.port());
    second.send("GET /export.csv HTTP/1.1\r\nHost: test\r\n\r\n");
    BOOST_TEST(second.read_reply().body == "a,b\n1,2\n");
    BOOST_TEST((std::chrono::steady_clock::now() - start < std::chrono::seconds(15)));
    // And the first connection is still served.
    first.send("GET /export.csv HTTP/1.1\r\nHost: test\r\n\r\n");
    BOOST_TEST(first.read_reply().body == "a,b\n1,2\n");
}

BOOST_AUTO_TEST_CASE(a_stop_does_not_wait_for_a_waiting_worker) {
    HostProcess host(worker_wait_config);
    RawConnection connection(host.port());
    connection.send("GET /slow-started HTTP/1.1\r\nHost: test\r\n\r\n");
    BOOST_TEST(connection.read_reply().status == 200);
    const auto start = std::chrono::steady_clock::now();
    host.signal(SIGTERM);
    BOOST_TEST(host.wait() == 0);
    BOOST_TEST((std::chrono::steady_clock::now() - start < std::chrono::seconds(15)));  // the wait is 30 s
    BOOST_TEST(connection.closed_by_server(std::chrono::seconds(5)));
}

BOOST_AUTO_TEST_SUITE_END()
