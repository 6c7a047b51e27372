// MemoryTrimmer: a thread that trims the heap once a second after large requests.
#include "util/memory_trimmer.hpp"

#include <malloc.h>

#include <chrono>
#include <cstdlib>

namespace dash::core {

void limit_malloc_arenas(int arenas) {
#ifdef M_ARENA_MAX
    if (arenas > 0 && std::getenv("MALLOC_ARENA_MAX") == nullptr) mallopt(M_ARENA_MAX, arenas);
#else
    (void)arenas;
#endif
}

MemoryTrimmer::MemoryTrimmer() : thread_([this] { run(); }) {}

MemoryTrimmer::~MemoryTrimmer() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void MemoryTrimmer::run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; })) {
        if (!pending_.exchange(false, std::memory_order_relaxed)) continue;
        lock.unlock();
#ifdef __GLIBC__
        malloc_trim(0);
#endif
        ++trims_;
        lock.lock();
    }
}

}  // namespace dash::core
