// arena_probe LIMIT: calls limit_malloc_arenas(LIMIT) in a fresh process, has 32 threads allocate
// while all of them are alive, and prints how many heaps glibc reports (malloc_info). Run by
// memory_test.cpp, with or without MALLOC_ARENA_MAX in its environment.
#include "util/memory_trimmer.hpp"

#include <malloc.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 2) return 2;
    dash::core::limit_malloc_arenas(std::atoi(argv[1]));
    std::atomic<int> allocated{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 32; ++i)
        threads.emplace_back([&] {
            void* block = std::malloc(1000);
            ++allocated;
            while (allocated.load() < 32) std::this_thread::yield();  // every thread holds its arena
            std::free(block);
        });
    for (auto& thread : threads) thread.join();
    char* report = nullptr;
    size_t size = 0;
    FILE* out = open_memstream(&report, &size);
    malloc_info(0, out);
    std::fclose(out);
    int heaps = 0;
    for (const char* at = report; (at = std::strstr(at, "<heap nr=")) != nullptr; ++at) ++heaps;
    std::free(report);
    std::printf("%d\n", heaps);
    return 0;
}
