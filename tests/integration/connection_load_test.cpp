// Load test (stops by itself, loopback only): 1,000 idle keep-alive connections, 200 slowloris
// connections (one header byte a second) and 200 silent ones are held open while fresh requests
// keep being answered within 1 s each. With a thread per connection this starved the server.
#define BOOST_TEST_MODULE dashcpp_connection_load
#include "host_process.hpp"
#include "raw_connection.hpp"

#include <boost/test/unit_test.hpp>

#include <sys/resource.h>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <thread>

using namespace dash::test;

namespace {

void raise_open_file_limit() {
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
}

std::unique_ptr<RawConnection> connect(int port) { return std::make_unique<RawConnection>(port); }

}  // namespace

BOOST_AUTO_TEST_CASE(idle_slow_and_silent_connections_do_not_starve_fresh_requests) {
    raise_open_file_limit();
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/sdk_app/held-open.json");  // deadlines of 120 s
    const std::string get = "GET /slow-started HTTP/1.1\r\nHost: test\r\n\r\n";

    std::vector<std::unique_ptr<RawConnection>> idle, slow, silent;
    for (int i = 0; i < 1000; ++i) {
        idle.push_back(connect(host.port()));
        idle.back()->send(get);
        BOOST_REQUIRE(idle.back()->read_reply().status == 200);  // then it stays open, idle
    }
    for (int i = 0; i < 200; ++i) {
        slow.push_back(connect(host.port()));
        slow.back()->send("GET /slow-started HTTP/1.1\r\nHost: test\r\nX-Slow: ");
    }
    for (int i = 0; i < 200; ++i) silent.push_back(connect(host.port()));

    // Slowloris: one more header byte on each slow connection every second, until told to stop.
    std::mutex mutex;
    std::condition_variable stop_trickle;
    bool stopping = false;
    std::atomic<int> trickled{0};
    std::thread trickle([&] {
        std::unique_lock<std::mutex> lock(mutex);
        while (!stop_trickle.wait_for(lock, std::chrono::seconds(1), [&] { return stopping; })) {
            for (auto& connection : slow) connection->try_send("a");
            ++trickled;
        }
    });

    // Fresh requests on fresh connections, one after the other, for 8 seconds.
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(8);
    int fresh = 0;
    std::chrono::duration<double> slowest{0};
    while (std::chrono::steady_clock::now() < end) {
        const auto start = std::chrono::steady_clock::now();
        const Reply reply = host.get("/slow-started");
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        BOOST_TEST(reply.status == 200);
        slowest = std::max(slowest, took);
        ++fresh;
    }
    {
        std::lock_guard<std::mutex> lock(mutex);
        stopping = true;
    }
    stop_trickle.notify_all();
    trickle.join();

    BOOST_TEST_MESSAGE(fresh << " fresh requests, the slowest in " << slowest.count() << " s, slowloris bytes sent "
                             << trickled << " times");
    BOOST_TEST(fresh > 8);
    BOOST_TEST(slowest.count() < 1.0);
    BOOST_TEST(trickled.load() >= 5);
    // The held connections are still open and usable.
    idle.front()->send(get);
    BOOST_TEST(idle.front()->read_reply().status == 200);
    idle.back()->send(get);
    BOOST_TEST(idle.back()->read_reply().status == 200);
    slow.front()->send("\r\n\r\n");  // the slow header, finished at last
    BOOST_TEST(slow.front()->read_reply().status == 200);
    BOOST_TEST(host.running());
}
