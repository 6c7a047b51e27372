// Integration: multi-page apps through a running host (plugins/pages and tests/integration/pages_app):
// the routing callback (protocol §13.4) answers each location with its page's layout and title.
#include "host_process.hpp"

#include <dash/json.hpp>

#include <boost/test/unit_test.hpp>

#include <set>
#include <utility>
#include <vector>

using namespace dash::test;

namespace {

// The routing callback's request for a location, as the renderer posts it.
// `state` is the routing inputs' State values: {"lang": "fr"} for State("lang", "value").
std::string route(const std::string& pathname, const std::string& search,
                  const std::vector<std::pair<std::string, std::string>>& state = {}) {
    Json::Value body(Json::objectValue);
    body["output"] = ".._pages_content.children..._pages_store.data..";
    body["outputs"].append(Json::Value(Json::objectValue));
    body["outputs"][0]["id"] = "_pages_content";
    body["outputs"][0]["property"] = "children";
    body["outputs"].append(Json::Value(Json::objectValue));
    body["outputs"][1]["id"] = "_pages_store";
    body["outputs"][1]["property"] = "data";
    for (const auto& [property, value] :
         {std::pair<std::string, std::string>{"pathname", pathname}, {"search", search}}) {
        Json::Value input(Json::objectValue);
        input["id"] = "_pages_location";
        input["property"] = property;
        input["value"] = value;
        body["inputs"].append(input);
    }
    for (const auto& [id, value] : state) {
        Json::Value item(Json::objectValue);
        item["id"] = id;
        item["property"] = "value";
        item["value"] = value;
        body["state"].append(item);
    }
    body["changedPropIds"].append("_pages_location.pathname");
    return dash::json::to_string(body);
}

struct Page {
    std::string heading;
    std::string title;
};

Page visit(const HostProcess& host, const std::string& pathname, const std::string& search = "",
           const std::vector<std::pair<std::string, std::string>>& state = {}, const std::string& prefix = "/") {
    const Reply reply = host.post(prefix + "_dash-update-component", route(pathname, search, state));
    BOOST_TEST_REQUIRE(reply.status == 200, reply.body);
    const Json::Value answer = dash::json::parse(reply.body)["response"];
    BOOST_TEST(answer["_pages_content"]["children"]["type"].asString() == "H1");
    return Page{answer["_pages_content"]["children"]["props"]["children"].asString(),
                answer["_pages_store"]["data"]["title"].asString()};
}

// The ids in a component tree.
void collect_ids(const Json::Value& tree, std::set<std::string>& ids) {
    if (tree.isArray())
        for (const Json::Value& item : tree) collect_ids(item, ids);
    if (!tree.isObject()) return;
    if (tree["props"]["id"].isString()) ids.insert(tree["props"]["id"].asString());
    for (const std::string& key : tree["props"].getMemberNames()) collect_ids(tree["props"][key], ids);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pages)

BOOST_AUTO_TEST_CASE(each_location_gets_its_pages_layout_and_title) {
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/pages_app/dash.json");
    const Page home = visit(host, "/");
    BOOST_TEST(home.heading == "Home");
    BOOST_TEST(home.title == "Pages test");  // no title given: the app's, which is not "Dash"
    // A path template: its variables and the query string are the layout's arguments.
    const Page report = visit(host, "/reports/q1", "?sort=desc&tag=a&tag=b");
    BOOST_TEST(report.heading == "arguments {'quarter': 'q1', 'sort': 'desc', 'tag': ['a', 'b']}");
    BOOST_TEST(report.title == "Quarterly report");
    BOOST_TEST(visit(host, "/reports/q2/").heading == "arguments {'quarter': 'q2'}");  // surrounding slashes
    // A path inferred from the module: pages.weekly_analytics -> /weekly-analytics.
    BOOST_TEST(visit(host, "/weekly-analytics").heading == "Analytics");
    // No page: Python's 404 heading and the app's title.
    const Page missing = visit(host, "/missing");
    BOOST_TEST(missing.heading == "404 - Page not found");
    BOOST_TEST(missing.title == "Pages test");
}

BOOST_AUTO_TEST_CASE(redirect_from_paths_answer_301_to_the_page) {
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/pages_app/dash.json");
    for (const char* from : {"/old-analytics", "/v1/analytics"}) {
        const Reply reply = host.get(from);
        BOOST_TEST(reply.status == 301, from);
        BOOST_TEST(reply.headers.at("Location") == "/weekly-analytics", from);
    }
    BOOST_TEST(host.get("/weekly-analytics").status == 200);  // the page itself: the index
}

BOOST_AUTO_TEST_CASE(each_pages_index_carries_its_meta_tags_before_the_others) {
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/pages_app/dash.json");
    const std::string origin = "http://127.0.0.1:" + std::to_string(host.port());
    const std::string report = host.get("/reports/q1?x=1").body;
    const std::string expected =
        "<meta name=\"description\" content=\"Sales &lt;by&gt; quarter &amp; &quot;region&quot;\">\n      "
        "<meta property=\"twitter:card\" content=\"summary_large_image\">\n      "
        "<meta property=\"twitter:url\" content=\"" +
        origin +
        "/reports/q1?x=1\">\n      "
        "<meta property=\"twitter:title\" content=\"Quarterly report\">\n      "
        "<meta property=\"twitter:description\" content=\"Sales &lt;by&gt; quarter &amp; &quot;region&quot;\">\n      "
        "<meta property=\"twitter:image\" content=\"\">\n      "
        "<meta property=\"og:title\" content=\"Quarterly report\">\n      "
        "<meta property=\"og:type\" content=\"website\">\n      "
        "<meta property=\"og:description\" content=\"Sales &lt;by&gt; quarter &amp; &quot;region&quot;\">\n      "
        "<meta property=\"og:image\" content=\"\">\n      "
        "<meta http-equiv=\"X-UA-Compatible\"";
    BOOST_TEST(report.find(expected) != std::string::npos, report);
    // An image in the assets becomes an absolute URL; no page: the app's title, no description.
    BOOST_TEST(host.get("/weekly-analytics")
                   .body.find("<meta property=\"og:image\" content=\"" + origin + "/assets/analytics.png\">") !=
               std::string::npos);
    // A page without a description of its own: the pages plugin's "description" (Python's
    // Dash(description=...)).
    BOOST_TEST(host.get("/").body.find("<meta name=\"description\" content=\"Pages for tests\">") != std::string::npos);
    const std::string missing = host.get("/missing").body;
    BOOST_TEST(missing.find("<meta property=\"og:title\" content=\"Pages test\">") != std::string::npos);
    BOOST_TEST(missing.find("<meta name=\"description\" content=\"\">") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_pages_image_is_inferred_from_the_assets_folder) {
    // images/ holds app.png, logo.svg and notes.txt: pages without an image of their own get app.png
    // (before logo.*); the analytics page keeps the image it was given.
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/pages_app/images.json");
    const std::string origin = "http://127.0.0.1:" + std::to_string(host.port());
    BOOST_TEST(host.get("/").body.find("<meta property=\"og:image\" content=\"" + origin + "/assets/app.png\">") !=
               std::string::npos);
    BOOST_TEST(host.get("/weekly-analytics")
                   .body.find("<meta property=\"og:image\" content=\"" + origin + "/assets/analytics.png\">") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_not_found_404_page_answers_unknown_locations) {
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/pages_app/not-found.json");
    const Page missing = visit(host, "/missing", "?x=1");
    BOOST_TEST(missing.heading == "Nothing here {'x': '1'}");
    BOOST_TEST(visit(host, "/").heading == "Home");
}

BOOST_AUTO_TEST_CASE(the_routing_and_title_callbacks_are_registered_as_pythons) {
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/pages_app/dash.json");
    const Json::Value dependencies = dash::json::parse(host.get("/_dash-dependencies").body);
    bool routing = false, title = false;
    for (const Json::Value& callback : dependencies) {
        if (callback["output"].asString() == ".._pages_content.children..._pages_store.data..") {
            routing = true;
            BOOST_TEST(callback["prevent_initial_call"].asBool());
            BOOST_TEST(callback["inputs"].size() == 2u);
        }
        if (callback["output"].asString() == "_pages_dummy.children") {
            title = true;
            BOOST_TEST(callback["clientside_function"]["function_name"].asString().size() > 0u);
        }
    }
    BOOST_TEST(routing);
    BOOST_TEST(title);
    // The page container is in the layout, with Python's fixed ids.
    const std::string layout = host.get("/_dash-layout").body;
    for (const char* id : {"_pages_location", "_pages_content", "_pages_store", "_pages_dummy"})
        BOOST_TEST(layout.find(std::string("\"") + id + "\"") != std::string::npos, id);
}

BOOST_AUTO_TEST_CASE(registering_a_page_once_the_app_runs_is_a_page_error) {
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/pages_app/dash.json");
    const Reply reply = host.post(
        "/_dash-update-component",
        R"({"output":"late.children","outputs":{"id":"late","property":"children"},"inputs":[{"id":"late","property":"n_clicks","value":1}],"changedPropIds":["late.n_clicks"]})");
    BOOST_TEST_REQUIRE(reply.status == 200, reply.body);
    BOOST_TEST(dash::json::parse(reply.body)["response"]["late"]["children"].asString().rfind("PageError: ", 0) == 0u,
               reply.body);
}

BOOST_AUTO_TEST_CASE(the_plugins_of_the_pages_folder_register_their_pages_and_underscores_are_skipped) {
    // pages-folder.json names the folder; folder-page.so is in it, and so is _draft-page.so, whose
    // page at "/" would stop the host if it were loaded.
    HostProcess host(DASHCPP_BUILD_DIR "/tests/integration/pages-folder.json");
    BOOST_TEST(visit(host, "/folder-page").heading == "From the folder");
    BOOST_TEST(visit(host, "/archive/nested").heading == "From the folder");  // archive/nested-page.so
    BOOST_TEST(visit(host, "/").heading == "Home");
    BOOST_TEST(host.log().find("org.dashcpp.tests.folder_page loaded from the plugin folder") != std::string::npos);
    BOOST_TEST(host.log().find("org.dashcpp.tests.nested_page loaded from the plugin folder") != std::string::npos);
    BOOST_TEST(host.log().find("draft_page") == std::string::npos);  // neither _draft-page.so nor _drafts/
}

BOOST_AUTO_TEST_CASE(without_a_pages_folder_the_host_stops_unless_it_is_set_to_empty) {
    // Python's use_pages with no "pages" folder: InvalidConfig, naming the way out.
    const auto [code, output] = run_host_once(
        {"--config", DASHCPP_SOURCE_DIR "/tests/integration/pages_app/no-folder/dash.json", "--port", "0"});
    BOOST_TEST(code != 0);
    BOOST_TEST(output.find("pages: a folder called `pages` does not exist") != std::string::npos, output);
    BOOST_TEST(output.find("set \"pages_folder\": \"\"") != std::string::npos, output);
    // With "pages_folder": "" the host starts, and paths are inferred from the whole module name.
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/pages_app/no-folder/empty.json");
    BOOST_TEST(visit(host, "/pages/weekly-analytics").heading == "Analytics");
}

BOOST_AUTO_TEST_CASE(a_pages_folder_that_is_not_a_directory_stops_the_host) {
    const auto [code, output] = run_host_once(
        {"--config", DASHCPP_SOURCE_DIR "/tests/integration/pages_app/missing-folder.json", "--port", "0"});
    BOOST_TEST(code != 0);
    BOOST_TEST(output.find("pages: a folder called `no-such-folder` does not exist") != std::string::npos, output);
}

BOOST_AUTO_TEST_CASE(two_pages_on_one_path_refuse_to_start_with_pythons_message) {
    const auto [code, output] =
        run_host_once({"--config", DASHCPP_SOURCE_DIR "/tests/integration/pages_app/duplicate.json", "--port", "0"});
    BOOST_TEST(code != 0);
    BOOST_TEST(output.find("modules ['pages.home', 'pages.home_again'] have duplicate paths") != std::string::npos,
               output);
}

BOOST_AUTO_TEST_CASE(a_page_without_a_layout_refuses_to_start_with_pythons_message) {
    const auto [code, output] = run_host_once(
        {"--config", DASHCPP_SOURCE_DIR "/tests/integration/pages_app/no-page-layout.json", "--port", "0"});
    BOOST_TEST(code != 0);
    BOOST_TEST(output.find("NoLayoutException") != std::string::npos, output);
    BOOST_TEST(output.find("No layout in module `pages.broken` in dash.page_registry") != std::string::npos, output);
}

BOOST_AUTO_TEST_CASE(an_unknown_config_key_of_the_pages_plugin_stops_the_host) {
    const auto [code, output] =
        run_host_once({"--config", DASHCPP_SOURCE_DIR "/tests/integration/pages_app/bad-config.json", "--port", "0"});
    BOOST_TEST(code != 0);
    BOOST_TEST(output.find("pages: unknown config key 'pages_foldr' (known: pages_folder, include_pages_meta, "
                           "description)") != std::string::npos,
               output);
}

BOOST_AUTO_TEST_CASE(title_and_description_functions_follow_the_path_variables) {
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/pages_app/dash.json");
    const Page product = visit(host, "/product/p-7");
    BOOST_TEST(product.heading == "product {'sku': 'p-7'}");
    BOOST_TEST(product.title == "Product p-7");
    const std::string index = host.get("/product/p-7").body;
    BOOST_TEST(index.find("<meta name=\"description\" content=\"All about p-7\">") != std::string::npos, index);
    BOOST_TEST(index.find("<meta property=\"og:title\" content=\"Product p-7\">") != std::string::npos, index);
}

BOOST_AUTO_TEST_CASE(routing_callback_inputs_reach_every_layout) {
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/pages_app/routing-inputs.json");
    const Json::Value dependencies = dash::json::parse(host.get("/_dash-dependencies").body);
    bool found = false;
    for (const Json::Value& callback : dependencies)
        if (callback["output"].asString() == ".._pages_content.children..._pages_store.data..") {
            found = true;
            BOOST_TEST(callback["inputs"].size() == 2u);
            BOOST_TEST_REQUIRE(callback["state"].size() == 1u);
            BOOST_TEST(callback["state"][0]["id"].asString() == "lang");
        }
    BOOST_TEST(found);
    BOOST_TEST(visit(host, "/reports/q1", "?sort=up", {{"lang", "fr"}}).heading ==
               "arguments {'lang': 'fr', 'quarter': 'q1', 'sort': 'up'}");
    BOOST_TEST(visit(host, "/", "", {{"lang", "de"}}).heading == "Home");
    // suppress_callback_exceptions: no validation layout is sent.
    BOOST_TEST(!dash_config_of(host.get("/").body).isMember("validation_layout"));
}

BOOST_AUTO_TEST_CASE(the_validation_layout_holds_every_page_and_the_layout) {
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/pages_app/dash.json");
    const Json::Value config = dash_config_of(host.get("/").body);
    BOOST_TEST_REQUIRE(config.isMember("validation_layout"));
    const Json::Value& validation = config["validation_layout"];
    BOOST_TEST(validation["type"].asString() == "Div");
    // Each page's layout called without arguments, in registry order, then the app's layout.
    std::vector<std::string> headings;
    for (const Json::Value& child : validation["props"]["children"])
        if (child["type"].asString() == "H1") headings.push_back(child["props"]["children"].asString());
    // (Analytics has an order; the others none, so they follow by module name.)
    const std::vector<std::string> expected = {"Analytics", "Home", "product {}", "arguments {}"};
    BOOST_TEST(headings == expected, boost::test_tools::per_element());
    std::set<std::string> ids;
    collect_ids(validation, ids);
    for (const char* id : {"to-home", "lang", "_pages_content", "_pages_location", "late"})
        BOOST_TEST(ids.count(id) == 1u, id);
}

BOOST_AUTO_TEST_CASE(without_a_layout_the_page_container_is_the_layout) {
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/pages_app/no-layout.json");
    const Json::Value layout = dash::json::parse(host.get("/_dash-layout").body);
    std::set<std::string> ids;
    collect_ids(layout, ids);
    const std::set<std::string> expected = {"_pages_location", "_pages_content", "_pages_store", "_pages_dummy"};
    BOOST_TEST(ids == expected, boost::test_tools::per_element());
    BOOST_TEST(visit(host, "/weekly-analytics").heading == "Analytics");
}

BOOST_AUTO_TEST_CASE(a_layout_function_that_fails_at_start_stops_the_host_with_its_message) {
    const auto [code, output] = run_host_once(
        {"--config", DASHCPP_SOURCE_DIR "/tests/integration/pages_app/layout-throws.json", "--port", "0"});
    BOOST_TEST(code != 0);
    BOOST_TEST(output.find("the layout function failed: no database at start") != std::string::npos, output);
}

BOOST_AUTO_TEST_CASE(a_layout_without_the_page_container_refuses_to_start) {
    const auto [code, output] =
        run_host_once({"--config", DASHCPP_SOURCE_DIR "/tests/integration/pages_app/no-container.json", "--port", "0"});
    BOOST_TEST(code != 0);
    BOOST_TEST(output.find("`dash.page_container` not found in the layout") != std::string::npos, output);
}

BOOST_AUTO_TEST_CASE(under_a_prefix_redirects_meta_tags_and_routing_use_it) {
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/pages_app/prefix.json");
    const std::string origin = "http://127.0.0.1:" + std::to_string(host.port());
    // redirect_from answers below the prefix, to the prefixed page.
    const Reply redirect = host.get("/app/old-analytics");
    BOOST_TEST(redirect.status == 301);
    BOOST_TEST(redirect.headers.at("Location") == "/app/weekly-analytics");
    BOOST_TEST(host.get("/old-analytics").status == 404);  // outside the prefix nothing is served
    // The page's index: its meta tags, with the prefixed URL and asset path.
    const std::string report = host.get("/app/reports/q1").body;
    BOOST_TEST(
        report.find("<meta property=\"twitter:url\" content=\"" + origin + "/app/reports/q1\">") != std::string::npos,
        report);
    BOOST_TEST(report.find("<meta property=\"og:title\" content=\"Quarterly report\">") != std::string::npos);
    BOOST_TEST(host.get("/app/weekly-analytics")
                   .body.find("<meta property=\"og:image\" content=\"" + origin + "/app/assets/analytics.png\">") !=
               std::string::npos);
    // The renderer sends the full pathname; the routing callback strips the prefix.
    BOOST_TEST(visit(host, "/app/reports/q3", "", {}, "/app/").heading == "arguments {'quarter': 'q3'}");
    BOOST_TEST(visit(host, "/app/", "", {}, "/app/").heading == "Home");
    BOOST_TEST(visit(host, "/app/nowhere", "", {}, "/app/").heading == "404 - Page not found");
}

BOOST_AUTO_TEST_CASE(behind_a_proxy_prefix_links_and_redirects_carry_it_and_routes_do_not) {
    // requests_pathname_prefix /proxy/ with the routes at /: a proxy strips /proxy/ before the host.
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/pages_app/proxy-prefix.json");
    const Reply redirect = host.get("/old-analytics");
    BOOST_TEST(redirect.status == 301);
    BOOST_TEST(redirect.headers.at("Location") == "/proxy/weekly-analytics");
    const std::string origin = "http://127.0.0.1:" + std::to_string(host.port());
    const std::string report = host.get("/reports/q1").body;
    BOOST_TEST(report.find("<meta property=\"og:title\" content=\"Quarterly report\">") != std::string::npos);
    BOOST_TEST(host.get("/weekly-analytics")
                   .body.find("<meta property=\"og:image\" content=\"" + origin + "/proxy/assets/analytics.png\">") !=
               std::string::npos);
    // The browser's pathname carries the requests prefix, which the routing strips.
    BOOST_TEST(visit(host, "/proxy/reports/q3").heading == "arguments {'quarter': 'q3'}");
    BOOST_TEST(visit(host, "/proxy/").heading == "Home");
}

BOOST_AUTO_TEST_SUITE_END()
