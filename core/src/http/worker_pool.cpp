// WorkerPool (http/worker_pool.hpp): one mutex for the hand-over; each worker sleeps on its own
// condition variable so that exactly the chosen one wakes.
#include "http/worker_pool.hpp"

namespace dash::core {

WorkerPool::WorkerPool(size_t threads) {
    workers_.reserve(threads);
    for (size_t i = 0; i < threads; ++i) workers_.push_back(std::make_unique<Worker>());
    idle_.reserve(threads);
    threads_.reserve(threads);
    for (auto& worker : workers_) threads_.emplace_back([this, &worker = *worker] { run(worker); });
}

WorkerPool::~WorkerPool() {
    stop();
    join();
}

void WorkerPool::post(Task task) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (stopped_) return;
    if (idle_.empty()) {
        queue_.push_back(std::move(task));
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
