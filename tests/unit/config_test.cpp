// Deployment config: defaults, validation messages, environment overrides, prefixes (§2.1, §16.4).
#include "app/config.hpp"
#include <dash/json.hpp>
#include "errors.hpp"

#include <boost/test/unit_test.hpp>

#include <map>

using namespace dash::core;

namespace {

Environment fake_env(std::map<std::string, std::string> values) {
    return [values](const std::string& name) -> std::optional<std::string> {
        auto found = values.find(name);
        if (found == values.end()) return std::nullopt;
        return found->second;
    };
}

DeploymentConfig parse(const std::string& text, std::map<std::string, std::string> env = {}) {
    return parse_config(dash::json::parse(text), "/srv/app", fake_env(std::move(env)));
}

// Runs fn, expects a DashError whose message contains `needle`.
template <class F>
void expect_error(F&& fn, const std::string& needle) {
    try {
        fn();
        BOOST_FAIL("no error; expected one mentioning '" + needle + "'");
    } catch (const DashError& error) {
        BOOST_TEST_INFO(error.what());
        BOOST_TEST(std::string(error.what()).find(needle) != std::string::npos);
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(config)

BOOST_AUTO_TEST_CASE(empty_config_gives_python_defaults) {
    const DeploymentConfig config = parse("{}");
    BOOST_TEST(config.server.host == "127.0.0.1");
    BOOST_TEST(config.server.port == 8050);
    BOOST_TEST(config.app.title == "Dash");
    BOOST_TEST(*config.app.update_title == "Updating...");
    BOOST_TEST(config.app.paths.routes_pathname_prefix == "/");
    BOOST_TEST(config.app.paths.requests_pathname_prefix == "/");
    BOOST_TEST(!config.app.paths.url_base_pathname.has_value());
    BOOST_TEST(!config.debug);
    BOOST_TEST(!config.dev_tools.ui);
    BOOST_TEST(config.config_dir == "/srv/app");
}

BOOST_AUTO_TEST_CASE(unknown_keys_are_named_in_the_error) {
    expect_error([] { parse(R"({"app": {"titel": "x"}})"); }, "unknown key 'titel' in app");
    expect_error([] { parse(R"({"serverr": {}})"); }, "unknown key 'serverr' in config");
    expect_error([] { parse(R"({"server": {"port": 70000}})"); }, "server.port must be an integer from 1 to 65535");
    expect_error([] { parse(R"({"plugins": [{"config": {}}]})"); }, "plugins[0] needs a name or a path");
    expect_error([] { parse(R"({"app": {"hooks": {"layout_prex": "x"}}})"); }, "unknown renderer hook 'layout_prex'");
    expect_error([] { parse(R"({"server": {"event_loop_stall": 10}})"); },
                 "server.event_loop_stall must be an integer from 100 to 60000000");
}

BOOST_AUTO_TEST_CASE(requests_run_on_the_event_loop_unless_switched_off) {
    BOOST_TEST(parse("{}").server.requests_on_event_loop);
    BOOST_TEST(parse("{}").server.event_loop_stall == 2000);
    const DeploymentConfig off = parse(R"({"server": {"requests_on_event_loop": false, "event_loop_stall": 500}})");
    BOOST_TEST(!off.server.requests_on_event_loop);
    BOOST_TEST(off.server.event_loop_stall == 500);
}

BOOST_AUTO_TEST_CASE(the_file_beats_the_environment_which_beats_the_defaults) {
    // Python: explicit settings beat DASH_* variables, which beat defaults.
    const DeploymentConfig config =
        parse(R"({"server": {"port": 9000}, "app": {"routes_pathname_prefix": "/a/"}, "dev_tools": {"ui": false}})",
              {{"PORT", "9100"},
               {"DASH_ROUTES_PATHNAME_PREFIX", "/b/"},
               {"dash_suppress_callback_exceptions", "True"},
               {"DASH_UI", "true"},
               {"DASH_THREADS", "7"}});
    BOOST_TEST(config.server.port == 9000);                        // the file's
    BOOST_TEST(config.app.paths.routes_pathname_prefix == "/a/");  // the file's
    BOOST_TEST(!config.dev_tools.ui);                              // the file's
    BOOST_TEST(config.app.suppress_callback_exceptions);           // the variable's: the file is silent
    BOOST_TEST(config.server.threads == 7);
    BOOST_TEST((config.app_keys_from_file == std::set<std::string>{"routes_pathname_prefix"}));
    expect_error([] { parse("{}", {{"DASH_DEBUG", "maybe"}}); }, "DASH_DEBUG must be true or false");
}

BOOST_AUTO_TEST_CASE(app_settings_from_code_are_checked_like_the_file) {
    AppOptions app;
    apply_app_options(app,
                      dash::json::parse(R"({"title": "T", "update_title": null, "prevent_initial_callbacks": true})"),
                      "the settings of p");
    BOOST_TEST(app.title == "T");
    BOOST_TEST(!app.update_title.has_value());
    BOOST_TEST(app.prevent_initial_callbacks);
    expect_error([&] { apply_app_options(app, dash::json::parse(R"({"titel": "x"})"), "the settings of p"); },
                 "'titel' in the settings of p is not an app setting");
    expect_error(
        [&] { apply_app_options(app, dash::json::parse(R"({"routes_pathname_prefix": "/x/"})"), "the settings of p"); },
        "is a setting of the deployment: set it in the config file's \"app\" section");
    expect_error([&] { apply_app_options(app, dash::json::parse(R"({"title": 3})"), "the settings of p"); },
                 "the settings of p.title must be a string");
}

BOOST_AUTO_TEST_CASE(debug_turns_on_dev_tools_unless_switched_off) {
    const DeploymentConfig config = parse(R"({"debug": true, "dev_tools": {"props_check": false}})");
    BOOST_TEST(config.dev_tools.ui);
    BOOST_TEST(config.dev_tools.serve_dev_bundles);
    BOOST_TEST(!config.dev_tools.props_check);
    BOOST_TEST(!config.dev_tools.disable_version_check);
    BOOST_TEST(parse("{}", {{"DASH_DEBUG", "true"}}).dev_tools.ui);
}

BOOST_AUTO_TEST_CASE(plugins_keep_their_config_objects) {
    const DeploymentConfig config = parse(R"({"plugins": [{"name": "a", "config": {"k": 1}}, {"path": "b.so"}]})");
    BOOST_TEST(config.plugins.size() == 2u);
    BOOST_TEST(config.plugins[0].config["k"].asInt() == 1);
    BOOST_TEST(config.plugins[1].path == "b.so");
}

BOOST_AUTO_TEST_CASE(index_string_needs_its_markers) {
    expect_error([] { parse(R"({"app": {"index_string": "<html>{%config%}</html>"}})"); },
                 "InvalidIndexException: Missing item(s) {%app_entry%}, {%scripts%} in index string.");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(prefixes)

BOOST_AUTO_TEST_CASE(url_base_pathname_sets_both_prefixes) {
    const PathConfig paths = resolve_paths(std::string("/app/"), std::nullopt, std::nullopt, std::nullopt);
    BOOST_TEST(paths.routes_pathname_prefix == "/app/");
    BOOST_TEST(paths.requests_pathname_prefix == "/app/");
    BOOST_TEST(*paths.url_base_pathname == "/app/");
}

BOOST_AUTO_TEST_CASE(proxy_setup_keeps_routes_at_root) {
    const PathConfig paths = resolve_paths(std::nullopt, std::string("/"), std::string("/my-app/"), std::nullopt);
    BOOST_TEST(paths.routes_pathname_prefix == "/");
    BOOST_TEST(paths.requests_pathname_prefix == "/my-app/");
}

BOOST_AUTO_TEST_CASE(app_name_derives_the_requests_prefix) {
    const PathConfig paths = resolve_paths(std::nullopt, std::nullopt, std::nullopt, std::string("my-app"));
    BOOST_TEST(paths.requests_pathname_prefix == "/my-app/");
}

BOOST_AUTO_TEST_CASE(ambiguous_or_malformed_prefixes_are_invalid_config) {
    expect_error([] { resolve_paths(std::string("/a/"), std::nullopt, std::string("/b/"), std::nullopt); },
                 "InvalidConfig: You supplied `url_base_pathname` and `requests_pathname_prefix`");
    expect_error([] { resolve_paths(std::string("/a/"), std::string("/b/"), std::nullopt, std::nullopt); },
                 "This is ambiguous");
    expect_error([] { resolve_paths(std::nullopt, std::string("app/"), std::nullopt, std::nullopt); },
                 "`routes_pathname_prefix` needs to start with `/`");
    expect_error([] { resolve_paths(std::nullopt, std::string("/app"), std::nullopt, std::nullopt); },
                 "`routes_pathname_prefix` needs to end with `/`");
    expect_error([] { resolve_paths(std::nullopt, std::nullopt, std::string("app/"), std::nullopt); },
                 "`requests_pathname_prefix` needs to start with `/`");
}

BOOST_AUTO_TEST_CASE(path_helpers_follow_python) {
    PathConfig root;
    PathConfig app;
    app.requests_pathname_prefix = "/my-app/";
    BOOST_TEST(get_relative_path(root, "") == "/");
    BOOST_TEST(get_relative_path(app, "") == "/my-app/");
    BOOST_TEST(get_relative_path(root, "/page-1") == "/page-1");
    BOOST_TEST(get_relative_path(app, "/assets/logo.png") == "/my-app/assets/logo.png");
    expect_error([&] { get_relative_path(root, "page-1"); }, "UnsupportedRelativePath");
    BOOST_TEST(!strip_relative_path(root, std::nullopt).has_value());
    BOOST_TEST(*strip_relative_path(root, std::string("/page-1/sub/")) == "page-1/sub");
    BOOST_TEST(*strip_relative_path(app, std::string("/my-app/page-1/")) == "page-1");
    BOOST_TEST(*strip_relative_path(app, std::string("/my-app")) == "");
    BOOST_TEST(*strip_relative_path(app, std::string("/my-app/")) == "");
    expect_error([&] { strip_relative_path(app, std::string("/other/page")); }, "UnsupportedRelativePath");
    expect_error([&] { strip_relative_path(root, std::string("page-1")); }, "UnsupportedRelativePath");
    AppOptions options;
    options.paths = app;
    BOOST_TEST(get_asset_url(options, "img/logo.png") == "/my-app/assets/img/logo.png");
    options.assets_external_path = "https://cdn.example.com/";
    options.assets_url_path = "static";
    BOOST_TEST(get_asset_url(options, "logo.png") == "https://cdn.example.com/static/logo.png");
}

BOOST_AUTO_TEST_SUITE_END()
