// dash/async.hpp: the bounded pool that finishes asynchronous callbacks (those returning a
// std::future). A fixed number of threads per plugin wait for the futures and complete the calls;
// more pending calls queue up instead of starting a thread each. The pool joins its threads when
// the plugin is de-initialised.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace dash::detail {

class WaitPool {
public:
    explicit WaitPool(size_t threads) : size_(threads ? threads : 1) {}
    WaitPool(const WaitPool&) = delete;
    WaitPool& operator=(const WaitPool&) = delete;

    // Finishes the queued tasks, then joins the threads.
    ~WaitPool() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        ready_.notify_all();
        for (auto& thread : threads_) {
            if (thread.get_id() == std::this_thread::get_id())
                thread.detach();  // the last task released the plugin: this thread ends on its own
            else
                thread.join();
        }
    }

    // Queues a task; threads start on demand, up to the bound.
    void submit(std::function<void()> task) {
        std::lock_guard<std::mutex> lock(mutex_);
        queue_.push_back(std::move(task));
        if (idle_ == 0 && threads_.size() < size_)
            threads_.emplace_back([this] { run(); });
        else
            ready_.notify_one();
    }

    size_t size() const { return size_; }

private:
    void run() {
        std::unique_lock<std::mutex> lock(mutex_);
        for (;;) {
            ++idle_;
            ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            --idle_;
            if (queue_.empty()) return;  // stopping, nothing left
            std::function<void()> task = std::move(queue_.front());
            queue_.pop_front();
            lock.unlock();
            task();
            lock.lock();
        }
    }

    const size_t size_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::function<void()>> queue_;
    std::vector<std::thread> threads_;
    size_t idle_ = 0;
    bool stopping_ = false;
};

}  // namespace dash::detail
