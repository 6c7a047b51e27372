// The bounded pool that completes asynchronous (std::future) callbacks: never more threads than its
// bound, every task run, queued tasks finished before it is destroyed.
#include <dash/async.hpp>

#include <boost/test/unit_test.hpp>

#include <condition_variable>
#include <mutex>

namespace {

struct Gate {
    std::mutex mutex;
    std::condition_variable changed;
    bool open = false;
    int running = 0, most = 0, done = 0;

    void task() {
        std::unique_lock<std::mutex> lock(mutex);
        most = std::max(most, ++running);
        changed.notify_all();
        changed.wait(lock, [this] { return open; });
        --running;
        ++done;
        changed.notify_all();
    }
    template <class P>
    void wait_until(P predicate) {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, predicate);
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(the_pool_runs_every_task_with_at_most_its_bound_of_threads) {
    Gate gate;
    dash::detail::WaitPool pool(2);
    for (int i = 0; i < 10; ++i) pool.submit([&gate] { gate.task(); });
    gate.wait_until([&] { return gate.running == 2; });  // both threads busy, eight tasks queued
    {
        std::lock_guard<std::mutex> lock(gate.mutex);
        gate.open = true;
    }
    gate.changed.notify_all();
    gate.wait_until([&] { return gate.done == 10; });
    BOOST_TEST(gate.most == 2);
}

BOOST_AUTO_TEST_CASE(destroying_the_pool_finishes_what_was_queued) {
    Gate gate;
    gate.open = true;
    {
        dash::detail::WaitPool pool(1);
        for (int i = 0; i < 5; ++i) pool.submit([&gate] { gate.task(); });
    }
    BOOST_TEST(gate.done == 5);
}
