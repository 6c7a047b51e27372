// The plugin loader and the C ABI: a C plugin built from sdk.h alone serves an app; wrong plugins
// are refused with messages naming the file and the problem.
#define BOOST_TEST_MODULE dashcpp_abi
#include <dash/json.hpp>
#include "app/app_builder.hpp"
#include "app/router.hpp"
#include "errors.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <fstream>

using namespace dash::core;

namespace {

DeploymentConfig config_with(std::vector<std::string> plugin_names) {
    DeploymentConfig config;
    config.config_dir = ABI_PLUGIN_DIR;
    config.share_dir = DASHCPP_BUILD_DIR "/share/dashcpp";
    config.plugin_dirs = {ABI_PLUGIN_DIR, DASHCPP_BUILD_DIR "/plugins"};
    for (auto& name : plugin_names) {
        PluginEntry entry;
        (name.find('/') != std::string::npos ? entry.path : entry.name) = name;
        config.plugins.push_back(entry);
    }
    return config;
}

std::string load_error(std::vector<std::string> plugin_names) {
    try {
        build_app(config_with(std::move(plugin_names)));
    } catch (const DashError& error) {
        return error.what();
    }
    return "loaded without error";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_SUITE(plugin_loader)

BOOST_AUTO_TEST_CASE(c_plugin_built_from_the_sdk_alone_serves_its_app) {
    Router router(build_app(config_with({"abi-c-app", "abi-old-descriptor", "dash-html", "dash-dcc"})));
    HttpRequest layout{"GET", "/_dash-layout", "", {}, "", "", nullptr};
    HttpResponse layout_response;
    router.handle(layout, layout_response);
    BOOST_TEST(layout_response.status == 200);
    BOOST_TEST(dash::json::parse(layout_response.body)["props"]["children"][0]["props"]["id"].asString() == "in");

    HttpRequest call{
        "POST",
        "/_dash-update-component",
        "",
        {},
        R"({"output":"out.children","outputs":{"id":"out","property":"children"},"inputs":[{"id":"in","property":"value","value":"abcd"}],"changedPropIds":[]})",
        "",
        nullptr};
    HttpResponse call_response;
    router.handle(call, call_response);
    BOOST_TEST(call_response.status == 200);
    BOOST_TEST(call_response.body == R"({"multi":true,"response":{"out":{"children":"length 4"}}})");
}

BOOST_DATA_TEST_CASE(plugin_built_against_a_frozen_older_header_still_works,
                     boost::unit_test::data::make({"abi-c-app-v1.0", "abi-c-app-v1.1", "abi-c-app-v1.2",
                                                   "abi-c-app-v1.3", "abi-c-app-v1.4"}),
                     plugin) {
    Router router(build_app(config_with({plugin, "dash-html", "dash-dcc"})));
    HttpRequest call{
        "POST",
        "/_dash-update-component",
        "",
        {},
        R"({"output":"out.children","outputs":{"id":"out","property":"children"},"inputs":[{"id":"in","property":"value","value":"ab"}],"changedPropIds":[]})",
        "",
        nullptr};
    HttpResponse response;
    router.handle(call, response);
    BOOST_TEST(response.status == 200);
    BOOST_TEST(response.body == R"({"multi":true,"response":{"out":{"children":"length 2"}}})");
    HttpRequest layout{"GET", "/_dash-layout", "", {}, "", "", nullptr};
    HttpResponse layout_response;
    router.handle(layout, layout_response);
    BOOST_TEST(layout_response.status == 200);
}

BOOST_AUTO_TEST_CASE(abi_major_2_is_refused_with_a_message_saying_so) {
    const std::string error = load_error({"abi-c-app", "abi-major-2"});
    BOOST_TEST_INFO(error);
    BOOST_TEST(contains(error, "PluginError"));
    BOOST_TEST(contains(error, "abi-major-2.so"));
    BOOST_TEST(contains(error, "built for dashcpp ABI major 2 but this host speaks ABI major 1"));
}

BOOST_AUTO_TEST_CASE(build_fingerprint_mismatch_is_refused_first) {
    const std::string error = load_error({"abi-c-app", "abi-bad-fingerprint"});
    BOOST_TEST_INFO(error);
    BOOST_TEST(contains(error, "build fingerprint mismatch"));
}

BOOST_AUTO_TEST_CASE(init_failure_names_the_plugin_and_its_message) {
    const std::string error = load_error({"abi-c-app", "abi-init-fails"});
    BOOST_TEST_INFO(error);
    BOOST_TEST(contains(error, "'org.dashcpp.tests.fails'"));
    BOOST_TEST(contains(error, "failed to initialise"));
    BOOST_TEST(contains(error, "database is unreachable"));
}

BOOST_AUTO_TEST_CASE(library_without_the_entry_symbol_is_not_a_plugin) {
    const std::string error = load_error({"abi-c-app", "abi-no-entry"});
    BOOST_TEST_INFO(error);
    BOOST_TEST(contains(error, "is not a dashcpp plugin: it does not export dash_plugin_entry"));
}

BOOST_AUTO_TEST_CASE(file_that_is_no_library_is_refused) {
    const std::string path = std::string(ABI_PLUGIN_DIR) + "/text-file.so";
    std::ofstream(path) << "not an ELF file";
    const std::string error = load_error({"abi-c-app", path});
    BOOST_TEST_INFO(error);
    BOOST_TEST(contains(error, "is not a loadable shared library"));
}

BOOST_AUTO_TEST_CASE(missing_files_list_where_they_were_looked_for) {
    const std::string by_name = load_error({"abi-c-app", "no-such-plugin"});
    BOOST_TEST_INFO(by_name);
    BOOST_TEST(
        contains(by_name, "plugin 'no-such-plugin' not found (neither a file name nor a plugin id); looked for:"));
    BOOST_TEST(contains(by_name, "/no-such-plugin.so"));
    const std::string by_path = load_error({"abi-c-app", "/nowhere/x.so"});
    BOOST_TEST(contains(by_path, "plugin file '/nowhere/x.so' does not exist"));
}

BOOST_AUTO_TEST_CASE(duplicate_ids_and_missing_dependencies_are_start_up_errors) {
    const std::string duplicate = load_error({"abi-c-app", "abi-c-app"});
    BOOST_TEST_INFO(duplicate);
    BOOST_TEST(contains(duplicate, "duplicate plugin id 'org.dashcpp.tests.c_app'"));
    const std::string missing = load_error({"abi-c-app", "abi-missing-dependency"});
    BOOST_TEST_INFO(missing);
    BOOST_TEST(contains(missing,
                        "depends on 'org.dashcpp.tests.absent', which is not in the plugin list and no plugin in the "
                        "plugin directories provides"));
}

BOOST_AUTO_TEST_CASE(an_app_without_layout_is_refused) {
    const std::string error = load_error({"dash-html"});
    BOOST_TEST(contains(error, "NoLayoutException"));
}

BOOST_AUTO_TEST_SUITE_END()
