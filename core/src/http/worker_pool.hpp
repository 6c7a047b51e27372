// http/worker_pool.hpp: the threads that run request handlers. A fixed set of threads; the most
// recently idle one takes the next task (LIFO), so a light load keeps one or two threads (and
// their allocator arenas and caches) warm instead of spreading over all of them.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace dash::core {

class WorkerPool {
public:
    using Task = std::function<void()>;
    explicit WorkerPool(size_t threads);
    ~WorkerPool();  // stop() + join()
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // Runs task on an idle thread, or queues it for the next one free.
    void post(Task task);
    // A descriptor that is readable while a task waits for a thread, or after interrupt_waits(): a
    // worker that waits on a socket between tasks polls it too, so it never keeps queued work (or a
    // shutdown) waiting.
    int wait_fd() const { return wait_fd_; }
    // Makes wait_fd() readable for good (shutdown).
    void interrupt_waits();
    // No task starts after this; tasks queued and not started are dropped; running ones finish.
    void stop();
    void join();

private:
    struct Worker {
        std::condition_variable wake;
        Task task;  // handed over directly when the worker was idle
    };
    void run(Worker& self);

    std::mutex mutex_;
    std::vector<std::unique_ptr<Worker>> workers_;
    std::vector<Worker*> idle_;  // a stack: the last to become idle is woken first
    std::deque<Task> queue_;
    int wait_fd_ = -1;  // an eventfd: signalled while queue_ is not empty, or for good
    bool interrupted_ = false;
    bool stopped_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace dash::core
