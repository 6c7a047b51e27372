// Unit: the connection layer's pieces that need no socket: the worker pool and the wire format.
#include "http/wire.hpp"
#include "http/worker_pool.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>

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
};

}  // namespace

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
    const auto plain = dash::core::wire::split_target("/a%20b/c?x=1&y=%20");
    BOOST_REQUIRE(plain.has_value());
    BOOST_TEST(plain->path == "/a b/c");
    BOOST_TEST(plain->query == "x=1&y=%20");  // the query stays raw
    BOOST_TEST(dash::core::wire::split_target("/")->query.empty());
    BOOST_TEST(!dash::core::wire::split_target("http://example.com/").has_value());  // not origin-form
    BOOST_TEST(!dash::core::wire::split_target("").has_value());
    BOOST_TEST(!dash::core::wire::split_target("/bad%zz").has_value());
    BOOST_TEST(!dash::core::wire::split_target("/cut%2").has_value());
}

BOOST_AUTO_TEST_CASE(the_response_head_has_the_framing_the_server_owns) {
    HttpResponse response;
    response.json(R"({"a":1})");
    response.add_header("Content-Length", "999");  // a plugin's framing header is not trusted
    response.add_header("Set-Cookie", "a=1");
    response.add_header("Set-Cookie", "b=2");
    const std::string head = dash::core::wire::response_head(response, true, false);
    BOOST_TEST(head.rfind("HTTP/1.1 200 OK\r\n", 0) == 0u);
    BOOST_TEST(head.find("Content-Length: 7\r\n") != std::string::npos);
    BOOST_TEST(head.find("999") == std::string::npos);
    BOOST_TEST(head.find("Set-Cookie: a=1\r\nSet-Cookie: b=2\r\n") != std::string::npos);
    BOOST_TEST(head.find("Date: ") != std::string::npos);
    BOOST_TEST(head.find("Connection:") == std::string::npos);  // HTTP/1.1 keep-alive is the default
    BOOST_TEST(head.substr(head.size() - 4) == "\r\n\r\n");
    BOOST_TEST(dash::core::wire::response_head(response, false, false).find("Connection: close\r\n") !=
               std::string::npos);
    BOOST_TEST(dash::core::wire::response_head(response, true, true).find("Connection: keep-alive\r\n") !=
               std::string::npos);
    HttpResponse empty;
    empty.status = 204;
    BOOST_TEST(dash::core::wire::response_head(empty, true, false).find("Content-Length") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
