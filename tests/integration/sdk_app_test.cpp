// Integration: the C++ SDK's features through a running host (tests/integration/sdk_app).
#include "host_process.hpp"
#include "raw_connection.hpp"

#include <dash/json.hpp>

#include <boost/test/unit_test.hpp>

#include <regex>

#include <thread>

using namespace dash::test;

namespace {

struct SdkApp {
    HostProcess host{DASHCPP_SOURCE_DIR "/tests/integration/sdk_app/dash.json"};
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(sdk_features, SdkApp)

namespace {
std::string single(const std::string& output, const std::string& input, const std::string& value) {
    return R"({"output":")" + output + R"(.children","outputs":{"id":")" + output +
           R"(","property":"children"},"inputs":[{"id":")" + input + R"(","property":"value","value":")" + value +
           R"("}],"changedPropIds":[")" + input + R"(.value"]})";
}
}  // namespace

BOOST_AUTO_TEST_CASE(the_initial_call_is_triggered_by_python_s_falsy_dot_entry) {
    const Reply reply = host.post(
        "/_dash-update-component",
        R"({"output":"ctx-out.children","outputs":{"id":"ctx-out","property":"children"},"inputs":[{"id":"a","property":"value","value":1},{"id":"b","property":"value"}],"state":[{"id":"s","property":"data","value":{}}],"changedPropIds":[]})");
    const Json::Value described = dash::json::parse(reply.body)["response"]["ctx-out"]["children"];
    BOOST_TEST(described["triggered"].size() == 1u);
    BOOST_TEST(described["triggered"][0].asString() == ".=null");  // [{"prop_id": ".", "value": None}]
    BOOST_TEST(!described["fired"].asBool());                      // and it tests false
    BOOST_TEST(described["triggered_id"].isNull());
}

BOOST_AUTO_TEST_CASE(a_null_result_sets_the_output_to_null) {
    BOOST_TEST(host.post("/_dash-update-component", single("null-out", "null-in", "clear")).body ==
               R"({"multi":true,"response":{"null-out":{"children":null}}})");
    BOOST_TEST(host.post("/_dash-update-component", single("null-out", "null-in", "x")).body ==
               R"({"multi":true,"response":{"null-out":{"children":"x"}}})");
    // In a list of outputs, a null item sets that output to null.
    const std::string pair =
        R"({"output":"..null-a.children...null-b.children..","outputs":[{"id":"null-a","property":"children"},{"id":"null-b","property":"children"}],"inputs":[{"id":"null-pair","property":"value","value":"VALUE"}],"changedPropIds":["null-pair.value"]})";
    auto with = [&](const std::string& value) {
        std::string body = pair;
        body.replace(body.find("VALUE"), 5, value);
        return host.post("/_dash-update-component", body);
    };
    BOOST_TEST(with("b").body == R"({"multi":true,"response":{"null-a":{"children":null},"null-b":{"children":"b"}}})");
    // A null for the whole list is refused, as Python refuses None for a list of outputs.
    const Reply refused = with("none");
    BOOST_TEST(refused.status == 500);
    BOOST_TEST(contains(refused.body, "must return as many values"));
    // An on_error handler's null is no_update; an asynchronous callback's null is null.
    BOOST_TEST(host.post("/_dash-update-component", single("null-handled", "null-handled-in", "x")).body ==
               R"({"multi":true,"response":{}})");
    BOOST_TEST(host.post("/_dash-update-component", single("null-async", "null-async-in", "x")).body ==
               R"({"multi":true,"response":{"null-async":{"children":null}}})");
}

BOOST_AUTO_TEST_CASE(layout_function_runs_per_page_load) {
    const std::string first = host.get("/_dash-layout").body;
    const std::string second = host.get("/_dash-layout").body;
    BOOST_TEST(first != second);
    BOOST_TEST(contains(second, "load "));
}

BOOST_AUTO_TEST_CASE(ctx_sees_triggers_inputs_states_and_headers) {
    const Reply reply = request(
        host.port(), "POST", "/_dash-update-component",
        R"({"output":"ctx-out.children","outputs":{"id":"ctx-out","property":"children"},"inputs":[{"id":"a","property":"value","value":1},{"id":"b","property":"value"}],"state":[{"id":"s","property":"data","value":{"k":[1,2]}}],"changedPropIds":["b.value"]})",
        {{"X-Test", "from-test"}});
    BOOST_TEST(reply.status == 200);
    BOOST_TEST(contains(reply.header("Set-Cookie"), "visited=yes"));
    const Json::Value body = dash::json::parse(reply.body);
    const Json::Value& described = body["response"]["ctx-out"]["children"];
    BOOST_TEST(described["triggered"][0].asString() == "b.value=null");
    BOOST_TEST(described["triggered_id"].asString() == "b");
    BOOST_TEST(described["inputs"]["a.value"].asInt() == 1);
    BOOST_TEST(described["inputs"].isMember("b.value"));
    BOOST_TEST(described["states"]["s.data"]["k"][1].asInt() == 2);
    BOOST_TEST(described["header"].asString() == "from-test");
    BOOST_TEST(described["outputs_list"]["id"].asString() == "ctx-out");
    BOOST_TEST(body["sideUpdate"]["notif"]["children"].asString() == "Saved");
}

BOOST_AUTO_TEST_CASE(pattern_matching_ids_key_the_response) {
    const Reply match = host.post(
        "/_dash-update-component",
        R"({"output":"{\"index\":[\"MATCH\"],\"type\":\"item\"}.children","outputs":{"id":{"index":2,"type":"item"},"property":"children"},"inputs":[{"id":{"index":2,"type":"item"},"property":"n_clicks","value":5}],"changedPropIds":["{\"index\":2,\"type\":\"item\"}.n_clicks"]})");
    BOOST_TEST(match.status == 200);
    BOOST_TEST(match.body ==
               R"({"multi":true,"response":{"{\"index\":2,\"type\":\"item\"}":{"children":"clicked 5"}}})");
    const Reply all = host.post(
        "/_dash-update-component",
        R"({"output":"total.children","outputs":{"id":"total","property":"children"},"inputs":[[{"id":{"index":0,"type":"item"},"property":"n_clicks","value":2},{"id":{"index":1,"type":"item"},"property":"n_clicks"}]],"changedPropIds":[]})");
    BOOST_TEST(all.body == R"({"multi":true,"response":{"total":{"children":2}}})");
}

BOOST_AUTO_TEST_CASE(no_output_callbacks_answer_side_updates_or_204) {
    const Json::Value deps = dash::json::parse(host.get("/_dash-dependencies").body);
    std::string no_output_key;
    for (const auto& entry : deps)
        if (entry["no_output"].asBool()) no_output_key = entry["output"].asString();
    BOOST_REQUIRE(!no_output_key.empty());
    const Reply side =
        host.post("/_dash-update-component",
                  R"({"output":")" + no_output_key +
                      R"(","inputs":[{"id":"side","property":"value","value":"hi"}],"changedPropIds":[]})");
    BOOST_TEST(side.body == R"({"multi":true,"sideUpdate":{"notif":{"children":"hi"}},"response":{}})");
    const Reply nothing = host.post(
        "/_dash-update-component",
        R"({"output":")" + no_output_key + R"(","inputs":[{"id":"side","property":"value"}],"changedPropIds":[]})");
    BOOST_TEST(nothing.status == 204);
}

BOOST_AUTO_TEST_CASE(dependencies_list_clientside_and_app_defaults) {
    const Json::Value deps = dash::json::parse(host.get("/_dash-dependencies").body);
    bool found_clientside = false;
    for (const auto& entry : deps) {
        BOOST_TEST(entry["prevent_initial_call"].asBool());  // app-wide prevent_initial_callbacks
        if (entry["output"].asString() == "y.children") {
            found_clientside = true;
            BOOST_TEST(entry["clientside_function"]["namespace"].asString() == "ui");
            BOOST_TEST(entry["clientside_function"]["function_name"].asString() == "double");
            BOOST_TEST(entry["dynamic_creator"].asBool() == false);
        }
    }
    BOOST_TEST(found_clientside);
    const Reply refused = host.post(
        "/_dash-update-component",
        R"({"output":"y.children","outputs":{"id":"y","property":"children"},"inputs":[{"id":"x","property":"value","value":1}]})");
    BOOST_TEST(refused.status == 400);
    BOOST_TEST(contains(refused.body, "clientside callback"));
}

BOOST_AUTO_TEST_CASE(plugin_routes_serve_below_the_prefix) {
    const Reply csv = host.get("/export.csv");
    BOOST_TEST(csv.status == 200);
    BOOST_TEST(csv.header("Content-Type") == "text/csv");
    BOOST_TEST(csv.body == "a,b\n1,2\n");
    BOOST_TEST(host.post("/api/items/7", "{}").body == "POST api/items/7");
    BOOST_TEST(request(host.port(), "DELETE", "/export.csv").status == 405);
    BOOST_TEST(host.get("/_dash_startup_route/warmup").body == "warm");  // Dash.add_startup_route
}

BOOST_AUTO_TEST_CASE(json_data_arguments_and_results_travel_as_text) {
    std::string rows = "[";
    for (int i = 0; i < 20000; ++i)
        rows += std::string(i ? "," : "") + R"({"id":)" + std::to_string(i) + R"(,"label":"r\u00e9"})";
    rows += "]";
    const Reply counted = host.post(
        "/_dash-update-component",
        R"({"output":"rows.children","outputs":{"id":"rows","property":"children"},"inputs":[{"id":"go","property":"n_clicks","value":1}],"state":[{"id":"store","property":"data","value":)" +
            rows + R"(}],"changedPropIds":["go.n_clicks"]})");
    BOOST_TEST(counted.status == 200);
    BOOST_TEST(counted.body == R"({"multi":true,"response":{"rows":{"children":"20000"}}})");
    const Reply figure = host.post(
        "/_dash-update-component",
        R"({"output":"graph.figure","outputs":{"id":"graph","property":"figure"},"inputs":[{"id":"n","property":"value","value":3}],"changedPropIds":["n.value"]})");
    BOOST_TEST(figure.status == 200);
    BOOST_TEST(
        figure.body ==
        R"({"multi":true,"response":{"graph":{"figure":{"data":[{"type":"scatter","x":[0.0,1.0,2.0],"y":[0.0,0.5,1.0]}]}}}})");
}

BOOST_AUTO_TEST_CASE(an_argument_that_is_not_json_is_a_400_whoever_finds_it) {
    // Typed callbacks check their arguments in the plugin (the host only delimits objects and
    // arrays for them): a dash::JsonData store by its tape, a list by the scanner before conversion.
    const auto store_call = [](const std::string& data) {
        return R"({"output":"rows.children","outputs":{"id":"rows","property":"children"},"inputs":[{"id":"go","property":"n_clicks","value":1}],"state":[{"id":"store","property":"data","value":)" +
               data + R"(}],"changedPropIds":["go.n_clicks"]})";
    };
    const Reply broken =
        host.post("/_dash-update-component", store_call(R"([{"id":1,"label":"]"},{"id":2,"label":}])"));
    BOOST_TEST(broken.status == 400);
    BOOST_TEST(broken.body.find("<h1>InvalidCallbackRequest</h1>") != std::string::npos);
    BOOST_TEST(broken.body.find("the request body is not JSON (argument 2 (store.data) of the callback for "
                                "rows.children: invalid JSON: unexpected character at byte 38)") != std::string::npos);
    const Reply listed = host.post(
        "/_dash-update-component",
        R"({"output":"total.children","outputs":{"id":"total","property":"children"},"inputs":[[{"id":{"index":0,"type":"item"},"property":"n_clicks","value":[2,]}]],"changedPropIds":[]})");
    BOOST_TEST(listed.status == 400);
    BOOST_TEST(listed.body.find("the request body is not JSON (argument 1 (") != std::string::npos);
    // A keyword-grouped callback reads its arguments with JsonCpp: the host checks them.
    const Reply grouped = host.post(
        "/_dash-update-component",
        R"({"output":"..g-sum.children...g-source.children..","outputs":[{"id":"g-sum","property":"children"},{"id":"g-source","property":"children"}],"inputs":[{"id":"ga","property":"value","value":{"a":[1,]}}],"state":[{"id":"gb","property":"value","value":1}],"changedPropIds":["ga.value"]})");
    BOOST_TEST(grouped.status == 400);
    BOOST_TEST(grouped.body.find("the request body is not JSON (expected a digit at byte") != std::string::npos);
    // The host answers the next, well-formed, call.
    const Reply counted = host.post("/_dash-update-component", store_call(R"([{"id":1,"label":"]"}])"));
    BOOST_TEST(counted.body == R"({"multi":true,"response":{"rows":{"children":"1"}}})");
}

BOOST_AUTO_TEST_CASE(typed_services_are_offered_and_found_through_the_host) {
    BOOST_TEST(host.get("/store").body == "3");
    BOOST_TEST(host.wait_for_log("[org.dashcpp.tests.sdk_app] store count 3"));
}

BOOST_AUTO_TEST_CASE(a_throwing_route_answers_500_and_its_message_reaches_the_log) {
    const Reply reply = host.get("/broken");
    BOOST_TEST(reply.status == 500);
    BOOST_TEST(contains(reply.body, "RouteError"));
    BOOST_TEST(host.wait_for_log("[org.dashcpp.tests.sdk_app] route 'broken': the export failed: disk full"));
}

BOOST_AUTO_TEST_CASE(app_level_on_error_replaces_the_error) {
    const Reply reply = host.post(
        "/_dash-update-component",
        R"({"output":"app-error.children","outputs":{"id":"app-error","property":"children"},"inputs":[{"id":"app-error-in","property":"value","value":1}],"changedPropIds":[]})");
    BOOST_TEST(reply.status == 200);
    BOOST_TEST(reply.body == R"({"multi":true,"response":{"app-error":{"children":"app handler: unhandled"}}})");
}

BOOST_AUTO_TEST_CASE(context_reads_cookies_and_args_and_records_timing) {
    const Reply reply = request(
        host.port(), "POST", "/_dash-update-component?x=42",
        R"({"output":"request-info.children","outputs":{"id":"request-info","property":"children"},"inputs":[{"id":"info-in","property":"value","value":1}],"changedPropIds":[]})",
        {{"Cookie", "theme=dark; session=abc123"}});
    BOOST_TEST(reply.status == 200);
    BOOST_TEST(reply.header("Server-Timing") == R"(lookup;desc="cache lookup";dur=250)");
    const Json::Value info = dash::json::parse(reply.body)["response"]["request-info"]["children"];
    BOOST_TEST(info["session"].asString() == "abc123");
    BOOST_TEST(info["arg"].asString() == "42");
    BOOST_TEST(info["relative"].asString() == "/page");
    BOOST_TEST(info["asset"].asString() == "/assets/logo.png");
}

BOOST_AUTO_TEST_CASE(validation_layout_is_sent_in_the_config) {
    const std::string index = host.get("/").body;
    BOOST_TEST(contains(index, R"("validation_layout":{"namespace":"dash_html_components")"));
    BOOST_TEST(contains(index, "only-in-validation"));
}

BOOST_AUTO_TEST_CASE(index_carries_renderer_hooks_external_scripts_and_eager_chunks) {
    const std::string index = host.get("/").body;
    BOOST_TEST(contains(
        index, "var renderer = new DashRenderer({request_pre: function(payload) { window.lastPayload = payload; }});"));
    BOOST_TEST(contains(index, R"(<script src="https://example.com/x.js"></script>)"));
    BOOST_TEST(contains(index, R"(<script crossorigin="anonymous" src="https://example.com/y.js"></script>)"));
    BOOST_TEST(contains(index, "/_dash-component-suites/dash/dcc/async-graph.v4_5_0m"));
    BOOST_TEST(contains(index, "/_dash-component-suites/plotly/package_data/plotly.v"));
    BOOST_TEST(!contains(index, ".js.map"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(cdn_mode_is_refused_until_supported) {
    const auto result = run_host_once({"--config", DASHCPP_SOURCE_DIR "/tests/integration/app/serve-cdn.json"});
    BOOST_TEST(result.first != 0);
    BOOST_TEST(contains(result.second, "InvalidConfig: app.serve_locally = false (CDN mode) is not supported yet"));
}

BOOST_AUTO_TEST_CASE(layouts_are_checked_against_the_libraries_prop_names) {
    const std::string dir = DASHCPP_SOURCE_DIR "/tests/integration/sdk_app/";
    const auto unknown_prop = run_host_once({"--config", dir + "bad-unknown_prop.json"});
    BOOST_TEST(unknown_prop.first != 0);
    BOOST_TEST(contains(
        unknown_prop.second,
        "TypeError: the `dash_core_components.Input` (id \"in\") component received an unexpected prop `valu`"));
    const auto unknown_type = run_host_once({"--config", dir + "bad-unknown_type.json"});
    BOOST_TEST(
        contains(unknown_type.second, "TypeError: component library dash_core_components has no component `Inptu`"));
    const auto duplicate = run_host_once({"--config", dir + "bad-duplicate_id.json"});
    BOOST_TEST(
        contains(duplicate.second, "DuplicateIdError: Duplicate component id found in the initial layout: `twice`"));
    const auto missing = run_host_once({"--config", dir + "bad-missing_required.json"});
    BOOST_TEST(contains(missing.second,
                        "TypeError: the `dash_core_components.Store` component is missing the required prop `id`"));
}

BOOST_AUTO_TEST_CASE(registration_errors_carry_the_dash_exception_names) {
    const std::string dir = DASHCPP_SOURCE_DIR "/tests/integration/sdk_app/";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"duplicate_without_prevent", "DuplicateCallback: allow_duplicate requires prevent_initial_call"},
        {"dotted_id", "InvalidComponentIdError: outputs[0]: the id 'a.b' contains '.'"},
        {"wrong_arity", "IncorrectTypeException: callback function takes 1 arguments but 2 inputs and states"},
        {"duplicate_output", "DuplicateCallback: the output 'x.children' already has a callback"},  // strict
        {"wrong_order",
         "IncorrectTypeException: callback arguments must be all Outputs first, then Inputs, then States"},
        {"reserved_clientside",
         "IncorrectTypeException: the clientside namespace/function name '_dashprivate_x.f' is reserved"},
    };
    for (const auto& [name, message] : cases) {
        const auto result = run_host_once({"--config", dir + "bad-callback-" + name + ".json"});
        BOOST_TEST_INFO(name << ": " << result.second);
        BOOST_TEST(result.first != 0);
        BOOST_TEST(contains(result.second, message));
        BOOST_TEST(contains(result.second, "org.dashcpp.tests.sdk_app"));  // names the plugin
    }
}

BOOST_AUTO_TEST_CASE(duplicate_outputs_start_as_in_python_and_the_later_callback_answers) {
    // Two callbacks on x.children: Python 4.3.0 registers both (the renderer reports "Duplicate
    // callback outputs"); bad-callback-duplicate_output.json refuses it with app.strict_callbacks.
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/sdk_app/duplicate-outputs.json");
    const Json::Value deps = dash::json::parse(host.get("/_dash-dependencies").body);
    std::vector<std::string> inputs;
    for (const auto& entry : deps)
        if (entry["output"].asString() == "x.children") inputs.push_back(entry["inputs"][0]["id"].asString());
    BOOST_TEST((inputs == std::vector<std::string>{"y", "z"}));
    const Reply reply = host.post(
        "/_dash-update-component",
        R"({"output":"x.children","outputs":{"id":"x","property":"children"},"inputs":[{"id":"z","property":"value","value":"v"}],"changedPropIds":["z.value"]})");
    BOOST_TEST(reply.status == 200);
    BOOST_TEST(contains(reply.body, R"({"x":{"children":"second v"}})"));
    BOOST_TEST(host.wait_for_log("Duplicate callback outputs"));
    BOOST_TEST(contains(host.log(), "app.strict_callbacks"));
}

BOOST_AUTO_TEST_CASE(keyword_grouped_callbacks_map_names) {
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/sdk_app/dash.json");
    const Json::Value deps = dash::json::parse(host.get("/_dash-dependencies").body);
    std::string key;
    for (const auto& entry : deps)
        if (entry["output"].asString().find("g-sum") != std::string::npos) key = entry["output"].asString();
    BOOST_TEST(key == "..g-sum.children...g-source.children..");
    const std::string outputs =
        R"("outputs":[{"id":"g-sum","property":"children"},{"id":"g-source","property":"children"}])";
    const Reply sum = host.post(
        "/_dash-update-component",
        R"({"output":")" + key + R"(",)" + outputs +
            R"(,"inputs":[{"id":"ga","property":"value","value":2}],"state":[{"id":"gb","property":"value","value":0.5}],"changedPropIds":["ga.value"]})");
    BOOST_TEST(sum.body == R"({"multi":true,"response":{"g-sum":{"children":2.5}}})");
    const Reply source = host.post(
        "/_dash-update-component",
        R"({"output":")" + key + R"(",)" + outputs +
            R"(,"inputs":[{"id":"ga","property":"value"}],"state":[{"id":"gb","property":"value","value":1}],"changedPropIds":[]})");
    BOOST_TEST(source.body == R"({"multi":true,"response":{"g-source":{"children":"gb"}}})");
}

BOOST_AUTO_TEST_CASE(nested_groupings_of_any_depth_map_arguments_outputs_and_the_context) {
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/sdk_app/dash.json");
    // Outputs flattened as Python's flatten_grouping: report, pair[0], pair[1].deep; inputs before
    // states, each in the grouping's order.
    const std::string key = "..n-report.children...n-first.children...n-deep.children..";
    Json::Value entry;
    for (const auto& item : dash::json::parse(host.get("/_dash-dependencies").body))
        if (item["output"].asString() == key) entry = item;
    BOOST_TEST(dash::json::to_string(entry["inputs"]) ==
               R"([{"id":"n-shape","property":"value"},{"id":"n-tag","property":"value"}])");
    BOOST_TEST(dash::json::to_string(entry["state"]) ==
               R"([{"id":"n-scale","property":"value"},{"id":"n-note","property":"value"}])");
    auto call = [&](const std::string& shape) {
        return host.post(
            "/_dash-update-component",
            R"({"output":")" + key +
                R"(","outputs":[{"id":"n-report","property":"children"},{"id":"n-first","property":"children"},{"id":"n-deep","property":"children"}],)"
                R"("inputs":[{"id":"n-shape","property":"value","value":")" +
                shape +
                R"("},{"id":"n-tag","property":"value","value":"t1"}],)"
                R"("state":[{"id":"n-scale","property":"value","value":2},{"id":"n-note","property":"value","value":"note"}],"changedPropIds":["n-tag.value"]})");
    };
    const Reply reply = call("report");
    BOOST_TEST(reply.status == 200);
    const Json::Value response = dash::json::parse(reply.body)["response"];
    BOOST_TEST(response["n-first"]["children"].asString() == "first");
    BOOST_TEST(!response.isMember("n-deep"));  // a no_update leaf
    const Json::Value report = dash::json::parse(response["n-report"]["children"].asString());
    BOOST_TEST(dash::json::to_string(report["args"]) ==
               R"({"opts":{"scale":2,"tags":["t1","note"]},"shape":"report"})");
    const Json::Value& grouping = report["args_grouping"];
    BOOST_TEST(dash::json::to_string(grouping["shape"]) ==
               R"({"id":"n-shape","property":"value","str_id":"n-shape","triggered":false,"value":"report"})");
    BOOST_TEST(grouping["opts"]["scale"]["value"].asInt() == 2);
    BOOST_TEST(grouping["opts"]["tags"][0]["triggered"].asBool());
    BOOST_TEST(grouping["opts"]["tags"][1]["str_id"].asString() == "n-note");
    BOOST_TEST(
        dash::json::to_string(report["outputs_grouping"]) ==
        R"({"pair":[{"id":"n-first","property":"children"},{"deep":{"id":"n-deep","property":"children"}}],"report":{"id":"n-report","property":"children"}})");
    BOOST_TEST(dash::json::to_string(report["using"]) == "[true,true]");

    // A return that does not mirror the output grouping: Python's Schema*ValidationError.
    const std::vector<std::pair<std::string, std::string>> wrong = {
        {"missing-key", "SchemaKeysValidationError"},
        {"short-list", "SchemaLengthValidationError"},
        {"not-a-dict", "SchemaTypeValidationError"},
    };
    for (const auto& [shape, error] : wrong) {
        const Reply refused = call(shape);
        BOOST_TEST_INFO(shape << ": " << refused.body);
        BOOST_TEST(refused.status == 500);
        BOOST_TEST(contains(refused.body, error));
        // Checked after on_error, as Python does: the app's handler does not turn it into a value.
        BOOST_TEST(!contains(refused.body, "app handler"));
    }
    // no_update for the whole grouping: nothing changes (Python's answer).
    BOOST_TEST(call("all-no-update").body == R"({"multi":true,"response":{}})");

    // A positional callback: a flat list of leaves, its single output's entry, not grouped.
    const Reply positional = host.post(
        "/_dash-update-component",
        R"({"output":"p-report.children","outputs":{"id":"p-report","property":"children"},"inputs":[{"id":"p-a","property":"value","value":1}],"state":[{"id":"p-b","property":"value","value":"b"}],"changedPropIds":["p-a.value"]})");
    const Json::Value plain =
        dash::json::parse(dash::json::parse(positional.body)["response"]["p-report"]["children"].asString());
    BOOST_TEST(plain["args_grouping"].size() == 2u);
    BOOST_TEST(plain["args_grouping"][0]["triggered"].asBool());
    BOOST_TEST(plain["args_grouping"][1]["value"].asString() == "b");
    BOOST_TEST(dash::json::to_string(plain["outputs_grouping"]) == R"({"id":"p-report","property":"children"})");
    BOOST_TEST(dash::json::to_string(plain["using"]) == "[false,false]");
}

BOOST_AUTO_TEST_CASE(a_varying_number_of_arguments_comes_as_one_list) {
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/sdk_app/dash.json");
    const Reply none = host.post(
        "/_dash-update-component",
        R"({"output":"va-out-0.children","outputs":{"id":"va-out-0","property":"children"},"inputs":[{"id":"va-in-0","property":"value","value":1}],"changedPropIds":[]})");
    BOOST_TEST(none.body == R"({"multi":true,"response":{"va-out-0":{"children":"[1]"}}})");
    const Reply two = host.post(
        "/_dash-update-component",
        R"({"output":"va-out-2.children","outputs":{"id":"va-out-2","property":"children"},"inputs":[{"id":"va-in-2","property":"value","value":1}],"state":[{"id":"va-state-0","property":"value","value":"a"},{"id":"va-state-1","property":"value","value":null}],"changedPropIds":[]})");
    BOOST_TEST(two.body == R"({"multi":true,"response":{"va-out-2":{"children":"[1,\"a\",null]"}}})");
}


BOOST_AUTO_TEST_CASE(app_settings_in_code_beat_the_environment_and_yield_to_the_config_file) {
    const std::string dir = DASHCPP_SOURCE_DIR "/tests/integration/sdk_app/";
    {
        // Set in code only, and DASH_SUPPRESS_CALLBACK_EXCEPTIONS=false in the environment: the
        // code wins over the variable (Python: explicit settings beat DASH_* variables).
        HostProcess host(dir + "settings.json", {}, {{"DASH_SUPPRESS_CALLBACK_EXCEPTIONS", "false"}});
        const std::string index = host.get("/").body;
        BOOST_TEST(contains(index, "<title>From code</title>"));
        const Json::Value config = dash_config_of(index);
        BOOST_TEST(config["suppress_callback_exceptions"].asBool());
        BOOST_TEST((config.isMember("update_title") && config["update_title"].isNull()));
    }
    {
        // The deployment config's "app" section also sets the title: the file wins, and says so.
        HostProcess host(dir + "settings-and-file.json");
        BOOST_TEST(contains(host.get("/").body, "<title>From file</title>"));
        BOOST_TEST(host.wait_for_log("app.title: the deployment config's value wins over \"From code\""));
    }
}

BOOST_AUTO_TEST_CASE(a_config_listing_only_the_app_loads_its_dependencies_itself) {
    // The hello example depends on the html and dcc libraries by id; this config names only hello.
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/sdk_app/only-the-app.json");
    const std::string index = host.get("/").body;
    BOOST_TEST(contains(index, "dash_html_components"));  // both libraries' bundles are served
    BOOST_TEST(contains(index, "dash_core_components"));
    BOOST_TEST(host.wait_for_log("plugin org.dashcpp.components.html loaded from"));
    BOOST_TEST(host.wait_for_log("plugin org.dashcpp.components.dcc loaded from"));
    const Reply echo = host.post(
        "/_dash-update-component",
        R"({"output":"out.children","outputs":{"id":"out","property":"children"},"inputs":[{"id":"in","property":"value","value":"x"}],"changedPropIds":["in.value"]})");
    BOOST_TEST(echo.status == 200);
}

BOOST_AUTO_TEST_CASE(a_config_may_name_a_plugin_by_its_id) {
    // "org.dashcpp.examples.hello" is hello.so's id: found in the plugin directories, with its
    // dependencies.
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/sdk_app/by-id.json");
    BOOST_TEST(contains(host.get("/").body, "dash_core_components"));
    BOOST_TEST(host.wait_for_log("plugin org.dashcpp.examples.hello 1.0.0 initialised"));
    // An id no plugin has: refused, saying both readings were tried.
    const auto [code, output] =
        run_host_once({"--config", DASHCPP_SOURCE_DIR "/tests/integration/sdk_app/bad-unknown-id.json"});
    BOOST_TEST(code != 0);
    BOOST_TEST(contains(output, "plugin 'org.example.no-such-plugin' not found (neither a file name nor a plugin id)"));
}

BOOST_AUTO_TEST_CASE(async_callbacks_do_not_hold_server_threads) {
    // Two server threads, three callbacks waiting on a gate: the host still answers other requests.
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/sdk_app/async.json");
    const std::vector<std::string> values = {"one", "prevent", "fail"};
    std::vector<Reply> replies(values.size());
    std::vector<std::thread> clients;
    for (size_t i = 0; i < values.size(); ++i)
        clients.emplace_back([&, i] {
            replies[i] = host.post(
                "/_dash-update-component",
                R"({"output":"async-out.children","outputs":{"id":"async-out","property":"children"},"inputs":[{"id":"async-in","property":"value","value":")" +
                    values[i] + R"("}],"changedPropIds":[]})");
        });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (host.get("/gate").body != "waiting 3" && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    BOOST_TEST(host.get("/gate").body == "waiting 3");
    BOOST_TEST(host.get("/_dash-layout").status == 200);  // served while all three are pending
    BOOST_TEST(host.post("/gate", "").status == 200);
    for (auto& client : clients) client.join();
    BOOST_TEST(replies[0].status == 200);
    BOOST_TEST(replies[0].body == R"({"multi":true,"response":{"async-out":{"children":"async one"}}})");
    BOOST_TEST(replies[1].status == 204);
    // The app's on_error handles asynchronous failures too.
    BOOST_TEST(replies[2].status == 200);
    BOOST_TEST(replies[2].body ==
               R"({"multi":true,"response":{"async-out":{"children":"app handler: async failure"}}})");
}

BOOST_AUTO_TEST_CASE(debug_mode_adds_the_dash_server_timing_before_the_recorded_ones) {
    const std::string body =
        R"({"output":"request-info.children","outputs":{"id":"request-info","property":"children"},"inputs":[{"id":"info-in","property":"value","value":1}],"changedPropIds":[]})";
    auto server_timings = [&](const HostProcess& host) {
        RawConnection connection(host.port());
        connection.send(
            "POST /_dash-update-component HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
            "Content-Length: " +
            std::to_string(body.size()) + "\r\n\r\n" + body);
        std::vector<std::string> values;
        for (const auto& [name, value] : connection.read_reply().header_list)
            if (name == "Server-Timing") values.push_back(value);
        return values;
    };
    {
        HostProcess debug(DASHCPP_SOURCE_DIR "/tests/integration/sdk_app/dash.json", {"--debug"});
        const auto timings = server_timings(debug);
        BOOST_REQUIRE(timings.size() == 2u);
        BOOST_TEST(timings[0].rfind("__dash_server;dur=", 0) == 0u);  // first, in whole milliseconds
        BOOST_TEST(timings[0].find_first_not_of("0123456789", 18) == std::string::npos);
        BOOST_TEST(timings[1] == "lookup;desc=\"cache lookup\";dur=250");
    }
    HostProcess plain(DASHCPP_SOURCE_DIR "/tests/integration/sdk_app/dash.json");  // dev tools UI off
    const auto timings = server_timings(plain);
    BOOST_REQUIRE(timings.size() == 1u);
    BOOST_TEST(timings[0].rfind("lookup", 0) == 0u);
}
