// The host's allocator settings (util/memory_trimmer.hpp), observed through glibc's own report of its
// heaps, in a fresh process each time (arena_probe): arenas, once made, last for the process.
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <string>

namespace {

int heaps_after_threads(int limit, const std::string& environment = "") {
    const std::string command =
        (environment.empty() ? "env -u MALLOC_ARENA_MAX " : "env MALLOC_ARENA_MAX=" + environment + " ") +
        DASHCPP_ARENA_PROBE + " " + std::to_string(limit);
    FILE* probe = popen(command.c_str(), "r");
    BOOST_REQUIRE(probe != nullptr);
    int heaps = -1;
    if (std::fscanf(probe, "%d", &heaps) != 1) heaps = -1;
    BOOST_REQUIRE(pclose(probe) == 0);
    return heaps;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(memory)

// glibc's default (8 arenas per core) gave 2 to 14 heaps for these 32 threads over 100 runs; a cap
// is a ceiling. MALLOC_ARENA_MAX=1 is read by glibc at start, and the host's call must leave it be.
BOOST_AUTO_TEST_CASE(malloc_arenas_caps_glibcs_heaps_unless_the_environment_sets_them) {
#if defined(__SANITIZE_ADDRESS__)
    // AddressSanitizer replaces malloc: glibc's arenas are not what allocates, nothing to observe.
    BOOST_TEST_MESSAGE("skipped: built with AddressSanitizer, which replaces glibc's malloc");
    return;
#endif
    BOOST_TEST(heaps_after_threads(1) == 1);
    BOOST_TEST(heaps_after_threads(2) <= 2);
    BOOST_TEST(heaps_after_threads(3, "1") == 1);  // MALLOC_ARENA_MAX wins over server.malloc_arenas
}

BOOST_AUTO_TEST_SUITE_END()
