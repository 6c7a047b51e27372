// WorkerPool (http/worker_pool.hpp): one mutex for the hand-over; each worker sleeps on its own
// condition variable so that exactly the chosen one wakes.
#include "http/worker_pool.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace dash::core {

namespace {
void signal_fd(int fd) {
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t written = ::write(fd, &one, sizeof one);  // only fails when already signalled
}
void reset_fd(int fd) {
    uint64_t count;
    [[maybe_unused]] const ssize_t read = ::read(fd, &count, sizeof count);  // EAGAIN: was not signalled
}
}  // namespace

WorkerPool::WorkerPool(size_t threads) {
    wait_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (wait_fd_ < 0)
        throw std::runtime_error(std::string("cannot create the worker pool's eventfd: ") + std::strerror(errno));
    workers_.reserve(threads);
    for (size_t i = 0; i < threads; ++i) workers_.push_back(std::make_unique<Worker>());
    idle_.reserve(threads);
    threads_.reserve(threads);
    for (auto& worker : workers_) threads_.emplace_back([this, &worker = *worker] { run(worker); });
}

WorkerPool::~WorkerPool() {
    stop();
    join();
    ::close(wait_fd_);
}

void WorkerPool::interrupt_waits() {
    std::lock_guard<std::mutex> lock(mutex_);
    interrupted_ = true;
    signal_fd(wait_fd_);
}

void WorkerPool::post(Task task) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (stopped_) return;
    if (idle_.empty()) {
        queue_.push_back(std::move(task));
        if (queue_.size() == 1) signal_fd(wait_fd_);
        return;
    }
    Worker* worker = idle_.back();
    idle_.pop_back();
    worker->task = std::move(task);
    lock.unlock();
    worker->wake.notify_one();
}

void WorkerPool::run(Worker& self) {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        Task task;
        if (!queue_.empty()) {
            task = std::move(queue_.front());
            queue_.pop_front();
            if (queue_.empty() && !interrupted_) reset_fd(wait_fd_);
        } else {
            idle_.push_back(&self);
            self.wake.wait(lock, [&] { return stopped_ || self.task; });
            if (stopped_ && !self.task) return;
            task = std::move(self.task);
            self.task = nullptr;
        }
        if (stopped_) return;
        lock.unlock();
        task();
        task = nullptr;  // released outside the lock (it may hold the last reference to a connection)
        lock.lock();
    }
}

void WorkerPool::stop() {
    std::deque<Task> dropped;
    std::vector<Task> handed;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopped_ = true;
        dropped.swap(queue_);
        for (auto& worker : workers_) {
            if (worker->task) handed.push_back(std::move(worker->task));
            worker->task = nullptr;
        }
    }
    for (auto& worker : workers_) worker->wake.notify_all();
    // dropped and handed are destroyed here, outside the lock
}

void WorkerPool::join() {
    for (auto& thread : threads_)
        if (thread.joinable() && thread.get_id() != std::this_thread::get_id()) thread.join();
}

}  // namespace dash::core
