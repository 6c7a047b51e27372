// The page registry's rules (protocol §13.3, §13.4) against what Python's dash/_pages.py computes for
// the same inputs (each expected value worked out from that source; the case names the rule).
#define BOOST_TEST_MODULE pages_registry
#include "registry.hpp"

#include <dash/exceptions.hpp>
#include <dash/json.hpp>

#include <boost/test/unit_test.hpp>

using namespace dash::pages;

namespace {

PageSpec page(const std::string& module) {
    PageSpec spec;
    spec.module = module;
    return spec;
}

std::string text(const Json::Value& value) { return dash::json::to_string(value); }

std::vector<std::string> modules(const Registry& registry) {
    std::vector<std::string> names;
    for (const auto& entry : registry.entries()) names.push_back(entry["module"].asString());
    return names;
}

std::string error_of(const std::function<void()>& run) {
    try {
        run();
    } catch (const std::exception& error) {
        return error.what();
    }
    return "no error";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(inference)

BOOST_AUTO_TEST_CASE(path_from_the_module_after_the_pages_folder_name) {
    BOOST_TEST(infer_path("pages.weekly_analytics", std::nullopt, "pages") == "/weekly-analytics");
    BOOST_TEST(infer_path("pages.reports.q1_sales", std::nullopt, "pages") == "/reports/q1-sales");
    BOOST_TEST(infer_path("pages.home", std::nullopt, "/srv/app/pages/") == "/home");  // Path(folder).name
    BOOST_TEST(infer_path("pages", std::nullopt, "pages") == "/");
    BOOST_TEST(infer_path("Pages.Home", std::nullopt, "pages") == "/pages/home");  // no "pages" in it: all, lower-cased
    BOOST_TEST(infer_path("pages.pages_list", std::nullopt, "pages") == "/-list");  // after the LAST "pages"
    BOOST_TEST(infer_path("analytics", std::nullopt, "") == "/analytics");          // no pages folder
}

BOOST_AUTO_TEST_CASE(path_from_a_template_has_none_for_each_variable) {
    BOOST_TEST(infer_path("pages.asset", std::string("/asset/<asset_id>"), "pages") == "/asset/none");
    BOOST_TEST(infer_path("x", std::string("report/<year>/<q>"), "pages") == "/report/none/none");
}

BOOST_AUTO_TEST_CASE(name_is_the_last_segment_capitalised) {
    BOOST_TEST(module_name_to_page_name("pages.weekly_analytics") == "Weekly analytics");
    BOOST_TEST(module_name_to_page_name("pages.ABOUT_US") == "About us");
    BOOST_TEST(module_name_to_page_name("x") == "X");
}

BOOST_AUTO_TEST_CASE(image_page_file_then_app_then_logo) {
    const std::string module = "pages.weekly_analytics";
    BOOST_TEST(*infer_image(module, {"app.png", "logo.svg", "weekly-analytics.JPG", "readme.txt"}) ==
               "weekly-analytics.JPG");  // dashes allowed, extension case-insensitive, first hit wins
    BOOST_TEST(*infer_image(module, {"weekly_analytics.webp"}) == "weekly_analytics.webp");
    BOOST_TEST(*infer_image(module, {"logo.svg", "app.png"}) == "app.png");
    BOOST_TEST(*infer_image(module, {"logo.avif", "other.png"}) == "logo.avif");
    BOOST_TEST(!infer_image(module, {"app.tar.gz", "app.png.bak", "weekly_analytics.txt"}));  // after the first dot
}

BOOST_AUTO_TEST_CASE(template_variables_must_be_python_identifiers) {
    BOOST_CHECK_NO_THROW(validate_template("/asset/<asset_id>/<_x2>"));
    BOOST_TEST(error_of([] { validate_template("/a/<1x>"); }) ==
               "`1x` is not a valid Python variable name in `path_template`: \"/a/<1x>\".");
    BOOST_TEST(error_of([] { validate_template("/a/<class>"); }) ==
               "`class` is not a valid Python variable name in `path_template`: \"/a/<class>\".");
    BOOST_TEST(error_of([] { validate_template("/a/<>"); }) ==
               "`` is not a valid Python variable name in `path_template`: \"/a/<>\".");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(query_and_templates)

BOOST_AUTO_TEST_CASE(query_strings_as_parse_qs_with_blank_values) {
    BOOST_TEST(text(parse_query_string("?a=1&b=2&b=3")) == R"({"a":"1","b":["2","3"]})");
    BOOST_TEST(text(parse_query_string("a=1")) == "{}");  // no "?"
    BOOST_TEST(text(parse_query_string("")) == "{}");
    BOOST_TEST(text(parse_query_string("?")) == "{}");
    BOOST_TEST(text(parse_query_string("?a=&b")) == R"({"a":"","b":""})");
    BOOST_TEST(text(parse_query_string("?a=1&&b=2")) == R"({"a":"1","b":"2"})");
    BOOST_TEST(text(parse_query_string("?a=1=2")) == R"({"a":"1=2"})");
    BOOST_TEST(parse_query_string("?x=hello+world&y=%C3%A9%20%zz")["x"].asString() == "hello world");
    BOOST_TEST(parse_query_string("?x=hello+world&y=%C3%A9%20%zz")["y"].asString() == "\xC3\xA9 %zz");
    BOOST_TEST(parse_query_string("?%FF=1").isMember("\xEF\xBF\xBD"));  // invalid UTF-8 replaced
}

BOOST_AUTO_TEST_CASE(path_variables_as_fnmatch_then_the_regular_expression) {
    BOOST_TEST(text(*parse_path_variables("asset/a100", "asset/<asset_id>")) == R"({"asset_id":"a100"})");
    BOOST_TEST(text(*parse_path_variables("reports/2024/q1", "reports/<year>/<quarter>")) ==
               R"({"quarter":"q1","year":"2024"})");
    BOOST_TEST(!parse_path_variables("other/a100", "asset/<asset_id>"));
    BOOST_TEST(text(*parse_path_variables("asset/", "asset/<asset_id>")) == R"({"asset_id":""})");
    BOOST_TEST(text(*parse_path_variables("asset/a/b", "asset/<id>")) == R"({"id":"a/b"})");  // * spans slashes
    BOOST_TEST(text(*parse_path_variables("a/b/c", "<x>/<y>")) == R"({"x":"a/b","y":"c"})");  // greedy
    BOOST_TEST(text(*parse_path_variables("about", "about")) == "{}");                        // no variables
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(registry)

BOOST_AUTO_TEST_CASE(entries_carry_pythons_keys_and_inferred_values) {
    Registry registry;
    Settings settings;
    settings.asset_files = {"app.png"};
    PageSpec spec = page("pages.historical_outlook");
    spec.name = "Our historical view";
    spec.extra["custom_key"] = "custom value";
    spec.redirect_from = {"/old"};
    const Json::Value entry = registry.add(spec, settings);
    BOOST_TEST(entry["module"].asString() == "pages.historical_outlook");
    BOOST_TEST(entry["supplied_path"].isNull());
    BOOST_TEST(entry["path"].asString() == "/historical-outlook");
    BOOST_TEST(entry["supplied_name"].asString() == "Our historical view");
    BOOST_TEST(entry["name"].asString() == "Our historical view");
    BOOST_TEST(entry["supplied_title"].isNull());
    BOOST_TEST(entry["title"].asString() == "Our historical view");  // the app title is the default "Dash"
    BOOST_TEST(entry["description"].asString() == "");
    BOOST_TEST(entry["order"].isNull());
    BOOST_TEST(entry["image"].asString() == "app.png");
    BOOST_TEST(entry["supplied_image"].isNull());
    BOOST_TEST(entry["image_url"].isNull());
    BOOST_TEST(entry["redirect_from"].isNull());  // Python's quirk: what _set_redirect returned
    BOOST_TEST(entry["custom_key"].asString() == "custom value");
    BOOST_TEST(entry["relative_path"].asString() == "/historical-outlook");
}

BOOST_AUTO_TEST_CASE(title_and_description_fall_back_to_the_apps) {
    Registry registry;
    Settings settings;
    settings.title = "Sales";
    settings.description = "Quarterly sales";
    PageSpec spec = page("pages.a");
    spec.description = "";  // empty: the app's, as Python's `description if description`
    BOOST_TEST(registry.add(spec, settings)["title"].asString() == "Sales");
    BOOST_TEST(registry.entries()[0]["description"].asString() == "Quarterly sales");
    spec = page("pages.b");
    spec.title = "B page";
    spec.description = "About B";
    BOOST_TEST(registry.add(spec, settings)["title"].asString() == "B page");
    BOOST_TEST(registry.entries()[1]["description"].asString() == "About B");
}

BOOST_AUTO_TEST_CASE(titles_and_descriptions_given_as_functions_are_null_in_the_registry) {
    Registry registry;
    Settings settings;
    settings.title = "Sales";
    PageSpec spec = page("pages.report");
    spec.path_template = "/report/<quarter>";
    spec.title = "ignored";
    spec.title_is_function = true;
    spec.description_is_function = true;
    const Json::Value& entry = registry.add(spec, settings);
    BOOST_TEST(entry["title"].isNull());
    BOOST_TEST(entry["description"].isNull());
}

BOOST_AUTO_TEST_CASE(main_is_not_a_page_module) {
    Registry registry;
    BOOST_TEST(error_of([&] { registry.add(page("__main__"), Settings()); }).find("`__main__` is not a valid module") ==
               0u);
}

BOOST_AUTO_TEST_CASE(home_gets_order_zero_until_any_page_supplies_an_order) {
    Registry registry;
    Settings settings;
    PageSpec home = page("pages.zhome");
    home.path = "/";
    registry.add(page("pages.reports"), settings);
    registry.add(home, settings);
    registry.add(page("pages.analytics"), settings);
    BOOST_TEST((modules(registry) == std::vector<std::string>{"pages.zhome", "pages.analytics", "pages.reports"}));
    BOOST_TEST(registry.entries()[0]["order"].asInt() == 0);
    PageSpec ordered = page("pages.ordered");
    ordered.order = 2;
    registry.add(ordered, settings);  // now an order was supplied: home's order is None again
    BOOST_TEST((modules(registry) ==
                std::vector<std::string>{"pages.ordered", "pages.analytics", "pages.reports", "pages.zhome"}));
    BOOST_TEST(registry.entries()[3]["order"].isNull());
}

BOOST_AUTO_TEST_CASE(numbers_then_other_orders_by_text_then_none_ties_by_module) {
    Registry registry;
    Settings settings;
    auto add = [&](const std::string& module, Json::Value order) {
        PageSpec spec = page(module);
        spec.order = std::move(order);
        registry.add(spec, settings);
    };
    add("pages.e", Json::Value());
    add("pages.d", "b");
    add("pages.c", "a");
    add("pages.b", 1.5);
    add("pages.a", 1.5);
    add("pages.f", -3);
    BOOST_TEST((modules(registry) ==
                std::vector<std::string>{"pages.f", "pages.a", "pages.b", "pages.c", "pages.d", "pages.e"}));
}

BOOST_AUTO_TEST_CASE(relative_paths_follow_the_requests_prefix) {
    Registry registry;
    Settings settings;
    settings.requests_pathname_prefix = "/app/";
    PageSpec home = page("pages.home");
    home.path = "/";
    registry.add(home, settings);
    registry.add(page("pages.analytics"), settings);
    BOOST_TEST(registry.entries()[0]["relative_path"].asString() == "/app/");
    BOOST_TEST(registry.entries()[1]["relative_path"].asString() == "/app/analytics");
    PageSpec bad = page("pages.bad");
    bad.path = "no-slash";
    BOOST_CHECK_THROW(registry.add(bad, settings), dash::UnsupportedRelativePath);
}

BOOST_AUTO_TEST_CASE(a_module_registered_again_replaces_its_entry) {
    Registry registry;
    Settings settings;
    registry.add(page("pages.a"), settings);
    PageSpec again = page("pages.a");
    again.name = "Renamed";
    registry.add(again, settings);
    BOOST_TEST(registry.entries().size() == 1u);
    BOOST_TEST(registry.entries()[0]["name"].asString() == "Renamed");
}

BOOST_AUTO_TEST_CASE(duplicate_paths_are_named_as_python_names_them) {
    Registry registry;
    Settings settings;
    PageSpec a = page("pages.a"), b = page("pages.b");
    a.path = b.path = "/x";
    registry.add(a, settings);
    BOOST_CHECK_NO_THROW(registry.check_duplicate_paths());
    registry.add(b, settings);
    BOOST_TEST(error_of([&] { registry.check_duplicate_paths(); }) ==
               "modules ['pages.a', 'pages.b'] have duplicate paths");
    // Module names quoted as Python's repr quotes them.
    Registry quoted;
    PageSpec c = page("it's"), d = page("a\\b");
    c.path = d.path = "/y";
    quoted.add(c, settings);
    quoted.add(d, settings);
    BOOST_TEST(error_of([&] { quoted.check_duplicate_paths(); }) == R"(modules ['a\\b', "it's"] have duplicate paths)");
}

BOOST_AUTO_TEST_CASE(matching_tries_templates_before_paths_in_registry_order) {
    Registry registry;
    Settings settings;
    PageSpec home = page("pages.home");
    home.path = "/";
    PageSpec report = page("pages.report");
    report.path_template = "/reports/<quarter>";
    registry.add(home, settings);
    registry.add(page("pages.analytics"), settings);
    registry.add(report, settings);
    auto module_of = [&](const std::string& path_id) {
        const auto found = registry.match(path_id);
        return found ? registry.entries()[found->index]["module"].asString() : std::string("none");
    };
    BOOST_TEST(module_of("") == "pages.home");
    BOOST_TEST(module_of("analytics") == "pages.analytics");
    BOOST_TEST(module_of("reports/q1") == "pages.report");
    BOOST_TEST(text(registry.match("reports/q1")->variables) == R"({"quarter":"q1"})");
    BOOST_TEST(text(registry.match("reports/none")->variables) == R"({"quarter":"none"})");  // the template first
    BOOST_TEST(registry.match("analytics")->variables.isNull());
    BOOST_TEST(module_of("missing") == "none");
    BOOST_TEST(module_of("Analytics") == "none");  // case-sensitive
    BOOST_TEST(registry.entries()[2]["path"].asString() == "/reports/none");
}

BOOST_AUTO_TEST_SUITE_END()
