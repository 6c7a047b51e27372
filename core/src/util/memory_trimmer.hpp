// util/memory_trimmer.hpp: returning memory to the system after bursts of big requests. glibc keeps
// freed heap pages (a 1 MB store or figure leaves tens of MiB behind); a fixed low mmap threshold
// returns them at once but costs +70% CPU on big payloads (docs/performance.md). Instead, requests
// or answers of 256 KiB or more are noted, and a background thread calls malloc_trim at most once a
// second when there were some: the host goes back to its idle RSS shortly after a burst, at no cost
// on the request path.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>

namespace dash::core {

// Caps glibc's malloc arenas at `arenas` (0: glibc's default, 8 per core), unless MALLOC_ARENA_MAX
// is set in the environment. Called before the host starts its threads: with an arena per worker,
// a burst of 1 MB requests leaves memory in each that malloc_trim does not give back (measured in
// docs/performance.md); two arenas return to idle after a burst at no cost in CPU.
void limit_malloc_arenas(int arenas);

class MemoryTrimmer {
public:
    static constexpr size_t large = 256 * 1024;

    MemoryTrimmer();
    ~MemoryTrimmer();
    MemoryTrimmer(const MemoryTrimmer&) = delete;
    MemoryTrimmer& operator=(const MemoryTrimmer&) = delete;

    // Called per request with its body and answer sizes; lock-free.
    void note(size_t request_bytes, size_t response_bytes) {
        if (request_bytes >= large || response_bytes >= large) pending_.store(true, std::memory_order_relaxed);
    }
    // How many times memory was trimmed (for tests and logs).
    size_t trims() const { return trims_.load(); }

private:
    void run();

    std::atomic<bool> pending_{false};
    std::atomic<size_t> trims_{0};
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace dash::core
