// Fingerprinted URLs (§5.1), content types, asset scanning order and ignore rules (§16.1).
#include "app/resources.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

using namespace dash::core;
namespace fs = std::filesystem;

BOOST_AUTO_TEST_SUITE(fingerprints)

BOOST_AUTO_TEST_CASE(fingerprint_splits_at_the_first_dot) {
    BOOST_TEST(fingerprint("dcc/dash_core_components.js", "4.5.0", "1700000000") ==
               "dcc/dash_core_components.v4_5_0m1700000000.js");
    BOOST_TEST(fingerprint("html/dash_html_components.min.js", "4.5.0", "abc123") ==
               "html/dash_html_components.v4_5_0mabc123.min.js");
    BOOST_TEST(fingerprint("deps/react@18.3.1.min.js", "4.3.0", "1700000000") ==
               "deps/react@18.v4_3_0m1700000000.3.1.min.js");
    BOOST_TEST(fingerprint("x/a.js", "1.0.0rc1", "ff") == "x/a.v1_0_0rc1mff.js");
}

BOOST_AUTO_TEST_CASE(strip_fingerprint_restores_the_plain_path) {
    BOOST_TEST(strip_fingerprint("deps/react@18.v4_3_0m1700000000.3.1.min.js").first == "deps/react@18.3.1.min.js");
    BOOST_TEST(strip_fingerprint("deps/react@18.v4_3_0m1700000000.3.1.min.js").second);
    BOOST_TEST(strip_fingerprint("dcc/a.v4_5_0mABCdef09.js").first == "dcc/a.js");
    const auto plain = strip_fingerprint("dcc/async-graph.js");
    BOOST_TEST(plain.first == "dcc/async-graph.js");
    BOOST_TEST(!plain.second);
    // Not a fingerprint: the stamp must be hex, and there must be at least three parts.
    BOOST_TEST(!strip_fingerprint("dcc/a.v4_5_0mxyz.js").second);
    BOOST_TEST(!strip_fingerprint("dcc/a.v4_5_0m12").second);
}

BOOST_AUTO_TEST_CASE(content_types_follow_python_mimetypes) {
    BOOST_TEST(content_type_for("a/b.js") == "text/javascript; charset=utf-8");
    BOOST_TEST(content_type_for("a/b.CSS") == "text/css; charset=utf-8");
    BOOST_TEST(content_type_for("a/b.js.map") == "application/json");
    BOOST_TEST(content_type_for("a/b.unknown") == "application/octet-stream");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(assets)

BOOST_AUTO_TEST_CASE(scan_orders_and_ignores_like_python) {
    const fs::path root = fs::temp_directory_path() / ("dashcpp-assets-" + std::to_string(::getpid()));
    fs::remove_all(root);
    for (const char* dir : {"", "sub", "sub/inner", "sub2", "ignored"}) fs::create_directories(root / dir);
    for (const char* file : {"b.js", "a.css", "sub/z.js", "sub/inner/y.mjs", "sub2/x.js", "ignored/w.js",
                             "skip-me.js", "sub/favicon.ico", "notes.txt"})
        std::ofstream(root / file) << "x";
    const AssetScan scan = scan_assets(root.string(), "^skip", {"^ignored$"});
    std::vector<std::string> scripts;
    for (const auto& s : scan.scripts) scripts.push_back(s.relative_path);
    const std::vector<std::string> expected = {"b.js", "sub/z.js", "sub/inner/y.mjs", "sub2/x.js"};
    BOOST_TEST(scripts == expected, boost::test_tools::per_element());
    BOOST_TEST(scan.stylesheets.size() == 1u);
    BOOST_TEST(scan.favicon.has_value());
    BOOST_TEST(scan.favicon->relative_path == "sub/favicon.ico");
    BOOST_TEST(format_mtime(1700000000.5) == "1700000000.5");
    BOOST_TEST(format_mtime(1700000000.0) == "1700000000.0");
    fs::remove_all(root);
}

BOOST_AUTO_TEST_SUITE_END()
