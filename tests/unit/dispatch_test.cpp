// _dash-update-component dispatch against C callbacks: response shapes (§8.4), no_update (§8.5),
// PreventUpdate (§8.6), errors, validation of the request against the registration (§8.3).
#include "callbacks/dispatch.hpp"
#include "errors.hpp"
#include "plugins/handles.hpp"
#include "plugins/host_table.hpp"
#include <dash/json.hpp>

#include <boost/test/unit_test.hpp>

#include <cstring>

using namespace dash::core;

namespace {

const dash_host* host() { return host_table(); }
dash_str str(const char* text) { return dash_str{text, std::strlen(text)}; }

// Behaviours selected by user_data.
enum class Behaviour { echo_first_input, first_only, prevent, fail, side_update, all_items, bad_json, echo_custom_data };

dash_status fake_callback(void* user_data, dash_str request_json, const dash_request*, dash_callback_result* result,
                          dash_writer* error_message) {
    const Json::Value body = dash::json::parse(std::string_view(request_json.ptr, request_json.len));
    switch (*static_cast<Behaviour*>(user_data)) {
        case Behaviour::echo_first_input: {
            const std::string value = dash::json::to_string(body["inputs"][0]["value"]);
            return host()->result_set_output(result, 0, dash_str{value.data(), value.size()});
        }
        case Behaviour::first_only: return host()->result_set_output(result, 0, str("\"first\""));
        case Behaviour::prevent: return DASH_PREVENT_UPDATE;
        case Behaviour::fail:
            error_message->write(error_message->context, "ValueError: boom <b>", 20);
            return DASH_ERROR;
        case Behaviour::side_update:
            host()->result_set_props(result, str("\"notif\""), str(R"({"children":"Saved"})"));
            host()->result_set_props(result, str("\"notif\""), str(R"({"is_open":true})"));
            return DASH_OK;
        case Behaviour::all_items:
            host()->result_set_output_item(result, 0, 0, str("\"gray\""));
            host()->result_set_output_item(result, 0, 2, str("\"red\""));
            return host()->result_set_output_item(result, 0, 3, str("\"out of range\"")) == DASH_INVALID_ARGUMENT
                       ? DASH_OK
                       : DASH_ERROR;
        case Behaviour::echo_custom_data: {
            const std::string value = dash::json::to_string(body["custom_data"]);
            return host()->result_set_output(result, 0, dash_str{value.data(), value.size()});
        }
        case Behaviour::bad_json:
            return host()->result_set_output(result, 0, str("{not json")) == DASH_INVALID_ARGUMENT ? DASH_OK : DASH_ERROR;
    }
    return DASH_ERROR;
}

struct Fixture {
    CallbackRegistry registry;
    Behaviour behaviours[8] = {Behaviour::echo_first_input, Behaviour::first_only, Behaviour::prevent,
                               Behaviour::fail,             Behaviour::side_update, Behaviour::all_items,
                               Behaviour::bad_json,         Behaviour::echo_custom_data};

    void add(const std::string& deps, Behaviour behaviour) {
        auto entry = parse_callback_dependencies(deps);
        entry->fn = RegisteredFunction<dash_callback_fn>(fake_callback, &behaviours[static_cast<int>(behaviour)], nullptr);
        registry.add(std::move(entry));
    }

    // An ABI 1.2 callback: the prepared call is reported back as the output, so tests see what
    // the plugin was handed.
    void add_prepared(const std::string& deps) {
        auto entry = parse_callback_dependencies(deps);
        entry->fn = RegisteredFunction<dash_callback_fn>(nullptr, this, nullptr);
        entry->prepared = [](void*, const dash_callback_call* call, const dash_request*, dash_callback_result* result,
                             dash_writer*) {
            Json::Value seen(Json::objectValue);
            for (size_t i = 0; i < call->argument_count; ++i)
                seen["arguments"].append(std::string(call->arguments[i].ptr, call->arguments[i].len));
            seen["custom_data"] = std::string(call->custom_data_json.ptr ? call->custom_data_json.ptr : "",
                                              call->custom_data_json.len);
            seen["body_size"] = static_cast<Json::UInt64>(call->body.len);
            const std::string text = dash::json::to_string(seen);
            return host()->result_set_output(result, 0, dash_str{text.data(), text.size()});
        };
        registry.add(std::move(entry));
    }

    // An ABI 1.2 callback that refuses its arguments: DASH_INVALID_ARGUMENT (one is not JSON) and
    // a message.
    void add_refusing(const std::string& deps) {
        auto entry = parse_callback_dependencies(deps);
        entry->fn = RegisteredFunction<dash_callback_fn>(nullptr, this, nullptr);
        entry->prepared = [](void*, const dash_callback_call*, const dash_request*, dash_callback_result*,
                             dash_writer* error_message) {
            const std::string message = "argument 1 (s.data): expected a value at byte 9";
            error_message->write(error_message->context, message.data(), message.size());
            return DASH_INVALID_ARGUMENT;
        };
        registry.add(std::move(entry));
    }

    HttpResponse post(const std::string& body, const DispatchHooks& hooks = {}) {
        HttpRequest request;
        request.method = "POST";
        request.path = "/_dash-update-component";
        request.body = body;
        dash_request c_request{&request, "_dash-update-component"};
        HttpResponse response;
        dispatch_callback(registry, request, &c_request, response, nullptr, hooks);
        return response;
    }
};

// Runs a request that must fail with a DashError; returns "status name: message".
std::string failure(Fixture& f, const std::string& body) {
    try {
        f.post(body);
    } catch (const DashError& error) {
        return std::to_string(error.status()) + " " + error.what();
    }
    return "no error";
}

const char* const echo_deps =
    R"({"outputs":[{"id":"out","property":"children"}],"inputs":[{"id":"in","property":"value"}]})";
const char* const echo_body =
    R"({"output":"out.children","outputs":{"id":"out","property":"children"},"inputs":[{"id":"in","property":"value","value":"hi"}],"changedPropIds":["in.value"]})";

}  // namespace

BOOST_FIXTURE_TEST_SUITE(dispatch, Fixture)

BOOST_AUTO_TEST_CASE(single_output_answers_in_the_multi_shape) {
    add(echo_deps, Behaviour::echo_first_input);
    HttpResponse response = post(echo_body);
    BOOST_TEST(response.status == 200);
    BOOST_TEST(*response.header("Content-Type") == "application/json");
    BOOST_TEST(response.body == R"({"multi":true,"response":{"out":{"children":"hi"}}})");
}

BOOST_AUTO_TEST_CASE(outputs_left_unset_are_no_update) {
    add(R"({"outputs":[{"id":"a","property":"x"},{"id":"a","property":"y"},{"id":"b","property":"z"}],"inputs":[{"id":"in","property":"value"}]})",
        Behaviour::first_only);
    HttpResponse response = post(
        R"({"output":"..a.x...a.y...b.z..","outputs":[{"id":"a","property":"x"},{"id":"a","property":"y"},{"id":"b","property":"z"}],"inputs":[{"id":"in","property":"value"}],"changedPropIds":[]})");
    BOOST_TEST(response.status == 200);
    BOOST_TEST(response.body == R"({"multi":true,"response":{"a":{"x":"first"}}})");
}

BOOST_AUTO_TEST_CASE(prevent_update_is_204_with_no_body) {
    add(echo_deps, Behaviour::prevent);
    HttpResponse response = post(echo_body);
    BOOST_TEST(response.status == 204);
    BOOST_TEST(response.body.empty());
}

BOOST_AUTO_TEST_CASE(callback_error_is_500_with_the_escaped_message) {
    add(echo_deps, Behaviour::fail);
    HttpResponse response = post(echo_body);
    BOOST_TEST(response.status == 500);
    BOOST_TEST(response.body.find("Callback error updating out.children") != std::string::npos);
    BOOST_TEST(response.body.find("ValueError: boom &lt;b&gt;") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(set_props_merge_into_side_update) {
    add(R"({"outputs":[],"inputs":[{"id":"in","property":"value"}]})", Behaviour::side_update);
    const std::string output = registry.entries().front()->output;
    HttpResponse response = post(R"({"output":")" + output + R"(","inputs":[{"id":"in","property":"value","value":1}],"changedPropIds":[]})");
    BOOST_TEST(response.status == 200);
    BOOST_TEST(response.body == R"({"multi":true,"sideUpdate":{"notif":{"children":"Saved","is_open":true}},"response":{}})");
}

BOOST_AUTO_TEST_CASE(all_wildcard_outputs_answer_per_component) {
    add(R"({"outputs":[{"id":{"type":"item","index":["ALL"]},"property":"style"}],"inputs":[{"id":"in","property":"value"}]})",
        Behaviour::all_items);
    HttpResponse response = post(
        R"({"output":"{\"index\":[\"ALL\"],\"type\":\"item\"}.style","outputs":[{"id":{"type":"item","index":0},"property":"style"},{"id":{"type":"item","index":1},"property":"style"},{"id":{"type":"item","index":2},"property":"style"}],"inputs":[{"id":"in","property":"value","value":1}],"changedPropIds":[]})");
    BOOST_TEST(response.status == 200);
    BOOST_TEST(response.body ==
               R"({"multi":true,"response":{"{\"index\":0,\"type\":\"item\"}":{"style":"gray"},"{\"index\":2,\"type\":\"item\"}":{"style":"red"}}})");
}

BOOST_AUTO_TEST_CASE(invalid_result_json_is_refused_by_the_host) {
    add(echo_deps, Behaviour::bad_json);
    HttpResponse response = post(echo_body);
    BOOST_TEST(response.body == R"({"multi":true,"response":{}})");
}

BOOST_AUTO_TEST_CASE(client_faults_are_400_naming_the_problem) {
    add(echo_deps, Behaviour::echo_first_input);
    BOOST_TEST(failure(*this, "not json").find("400 InvalidCallbackRequest: the request body is not JSON") == 0u);
    BOOST_TEST(failure(*this, "[1]").find("400 InvalidCallbackRequest") == 0u);
    BOOST_TEST(failure(*this, R"({"output":"nope.children","inputs":[]})") ==
               "400 CallbackException: no callback is registered for output 'nope.children'");
    // The outputs must match the registration: a client may not write to arbitrary props.
    BOOST_TEST(failure(*this, R"({"output":"out.children","outputs":{"id":"other","property":"children"},"inputs":[{"id":"in","property":"value","value":1}]})")
                   .find("400 CallbackException: callback 'out.children': outputs") == 0u);
    BOOST_TEST(failure(*this, R"({"output":"out.children","outputs":{"id":"out","property":"children"},"inputs":[]})")
                   .find("Inputs do not match callback definition") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_prepared_call_gets_each_argument_as_its_exact_text) {
    add_prepared(R"({"outputs":[{"id":"out","property":"children"}],"inputs":[{"id":"a","property":"value"},)"
                 R"({"id":{"type":"t","index":["ALL"]},"property":"value"}],"state":[{"id":"s","property":"data"}]})");
    const std::string body =
        R"({"output":"out.children","outputs":{"id":"out","property":"children"},)"
        R"("inputs":[{"id":"a","property":"value","value": "\u00e9 \"q\"" },)"
        R"([{"id":{"index":0,"type":"t"},"property":"value","value":1.50},{"id":{"index":1,"type":"t"},"property":"value"}]],)"
        R"("state":[{"id":"s","property":"data","value":{"rows":[1,2,3]}}],"changedPropIds":["a.value"]})";
    DispatchHooks hooks;
    hooks.custom_data = R"({"tenant":"acme"})";
    const HttpResponse response = post(body, hooks);
    BOOST_TEST_REQUIRE(response.status == 200);
    const Json::Value seen = dash::json::parse(response.body)["response"]["out"]["children"];
    BOOST_TEST(seen["arguments"][0].asString() == R"("\u00e9 \"q\"")");  // the slice as sent, escapes and all
    BOOST_TEST(seen["arguments"][1].asString() == "[1.50,null]");        // a wildcard's values as one list
    BOOST_TEST(seen["arguments"][2].asString() == R"({"rows":[1,2,3]})");
    BOOST_TEST(seen["custom_data"].asString() == R"({"tenant":"acme"})");
    BOOST_TEST(seen["body_size"].asUInt64() == body.size());  // the body as posted, custom data apart
}

BOOST_AUTO_TEST_CASE(a_repeated_inputs_key_counts_once_the_last_one) {
    add_prepared(echo_deps);
    const HttpResponse response = post(
        R"({"output":"out.children","outputs":{"id":"out","property":"children"},)"
        R"("inputs":[{"id":"in","property":"value","value":"first"}],"inputs":[{"id":"in","property":"value","value":"last"}]})");
    BOOST_TEST_REQUIRE(response.status == 200);
    const Json::Value seen = dash::json::parse(response.body)["response"]["out"]["children"];
    BOOST_TEST(seen["arguments"].size() == 1u);
    BOOST_TEST(seen["arguments"][0].asString() == R"("last")");
}

BOOST_AUTO_TEST_CASE(an_older_plugin_gets_custom_data_spliced_into_the_body) {
    add(echo_deps, Behaviour::echo_first_input);
    DispatchHooks hooks;
    hooks.custom_data = R"({"tenant":"acme"})";
    BOOST_TEST(post(echo_body, hooks).body == R"({"multi":true,"response":{"out":{"children":"hi"}}})");
    // The data reaches the old plugin inside the body it parses.
    registry.clear();
    add(echo_deps, Behaviour::echo_custom_data);
    BOOST_TEST(post(echo_body, hooks).body == R"({"multi":true,"response":{"out":{"children":{"tenant":"acme"}}}})");
}

BOOST_AUTO_TEST_CASE(too_deep_a_body_is_a_400_naming_the_setting) {
    add(echo_deps, Behaviour::echo_first_input);
    const std::string deep = R"({"output":"out.children","inputs":[{"id":"in","property":"value","value":)" +
                             std::string(10000, '[') + std::string(10000, ']') + "}]}";
    const std::string message = failure(*this, deep);
    BOOST_TEST(message.find("400 InvalidCallbackRequest: the request body is JSON nested deeper than 512 levels") == 0u);
    BOOST_TEST(message.find("raise server.max_json_depth") != std::string::npos);
}

// An argument object or array is only delimited while the body is read; the host checks it after
// all unless the callback's plugin said it checks its arguments itself (ABI 1.2, checks_arguments).
const char* const state_deps =
    R"({"outputs":[{"id":"out","property":"children"}],"inputs":[{"id":"in","property":"value"}],"state":[{"id":"s","property":"data"}]})";
const char* const state_deps_checked =
    R"({"outputs":[{"id":"out","property":"children"}],"inputs":[{"id":"in","property":"value"}],"state":[{"id":"s","property":"data"}],"checks_arguments":true})";
std::string state_body(const std::string& data) {
    return R"({"output":"out.children","outputs":{"id":"out","property":"children"},"inputs":[{"id":"in","property":"value","value":1}],)"
           R"("state":[{"id":"s","property":"data","value":)" +
           data + R"(}],"changedPropIds":["in.value"]})";
}

BOOST_AUTO_TEST_CASE(an_argument_that_is_not_json_is_refused_by_the_host_unless_the_plugin_checks_it) {
    const std::string malformed = R"({"rows":[1,2,],"label":"]} \" ["})";
    const std::string body = state_body(malformed);
    // A prepared callback that does not check: 400 naming the fault where it is in the body.
    add_prepared(state_deps);
    const size_t fault = body.find(",]") + 1;
    BOOST_TEST(failure(*this, body) ==
               "400 InvalidCallbackRequest: the request body is not JSON (expected a digit at byte " +
                   std::to_string(fault) + ")");
    BOOST_TEST(post(state_body(R"({"rows":[1,2],"label":"]} \" ["})")).status == 200);
    // An older plugin that says it checks is not believed: it gets the body, which must be JSON.
    registry.clear();
    add(state_deps_checked, Behaviour::echo_first_input);
    BOOST_TEST(failure(*this, body).find("400 InvalidCallbackRequest: the request body is not JSON") == 0u);
    // A body that is not JSON is named so before the lookup of its output fails.
    BOOST_TEST(failure(*this, R"({"output":"nope.children","inputs":[{"id":"in","property":"value","value":[1,}]})")
                   .find("400 InvalidCallbackRequest: the request body is not JSON") == 0u);
    // A prepared callback that checks gets the slice as sent, brackets and escapes in strings and all.
    registry.clear();
    add_prepared(state_deps_checked);
    const HttpResponse response = post(body);
    BOOST_TEST_REQUIRE(response.status == 200);
    const Json::Value seen = dash::json::parse(response.body)["response"]["out"]["children"];
    BOOST_TEST(seen["arguments"][1].asString() == malformed);
    // What the plugin finds is still the client's fault: 400 with its message, the error hook not run.
    registry.clear();
    add_refusing(state_deps_checked);
    DispatchHooks hooks;
    bool hook_ran = false;
    const ErrorObserver on_error = [&](const std::string&, const std::string&, std::string_view, std::string_view) {
        hook_ran = true;
    };
    hooks.on_error = &on_error;
    try {
        post(body, hooks);
        BOOST_FAIL("no error");
    } catch (const DashError& error) {
        BOOST_TEST(error.status() == 400);
        BOOST_TEST(
            std::string(error.what()) ==
            "InvalidCallbackRequest: the request body is not JSON (argument 1 (s.data): expected a value at byte 9)");
    }
    BOOST_TEST(!hook_ran);
    // The same status from a callback that did not say it checks is the callback's failure.
    registry.clear();
    add_refusing(state_deps);
    BOOST_TEST(post(state_body("[1]"), hooks).status == 500);
    BOOST_TEST(hook_ran);
}

BOOST_AUTO_TEST_CASE(a_malformed_value_that_no_plugin_will_see_is_checked_by_the_host) {
    // A repeated key hands the plugin the last value only; the one before is still part of the
    // body, which must be JSON.
    add_prepared(state_deps_checked);
    const std::string entry_twice = R"({"output":"out.children","inputs":[{"id":"in","property":"value","value":1}],)"
                                    R"("state":[{"id":"s","property":"data","value":[1,],"value":[2]}]})";
    BOOST_TEST(failure(*this, entry_twice).find("400 InvalidCallbackRequest: the request body is not JSON") == 0u);
    const std::string state_twice =
        R"({"output":"out.children","inputs":[{"id":"in","property":"value","value":1}],)"
        R"("state":[{"id":"s","property":"data","value":{"a":}}],"state":[{"id":"s","property":"data","value":[2]}]})";
    BOOST_TEST(failure(*this, state_twice).find("400 InvalidCallbackRequest: the request body is not JSON") == 0u);
    // Nor when the request does not match the registration, so the plugin is not called.
    BOOST_TEST(failure(*this, R"({"output":"out.children","outputs":{"id":"out","property":"children"},)"
                              R"("inputs":[{"id":"in","property":"value","value":[1,]}],"state":[]})")
                   .find("400 InvalidCallbackRequest: the request body is not JSON") == 0u);
    // Well-formed, the last one counts.
    const HttpResponse response = post(
        R"({"output":"out.children","outputs":{"id":"out","property":"children"},"inputs":[{"id":"in","property":"value","value":1}],)"
        R"("state":[{"id":"s","property":"data","value":[1],"value":[2]}]})");
    BOOST_TEST_REQUIRE(response.status == 200);
    BOOST_TEST(dash::json::parse(response.body)["response"]["out"]["children"]["arguments"][1].asString() == "[2]");
}

BOOST_AUTO_TEST_CASE(a_delimited_argument_is_still_bounded_in_depth_and_length) {
    add_prepared(state_deps_checked);
    const std::string deep = failure(*this, state_body(std::string(600, '[') + std::string(600, ']')));
    BOOST_TEST(deep.find("400 InvalidCallbackRequest: the request body is JSON nested deeper than 512 levels") == 0u);
    // The body ends inside a string of the value.
    BOOST_TEST(failure(*this, R"({"output":"out.children","state":[{"id":"s","property":"data","value":{"a":"}]})")
                   .find("400 InvalidCallbackRequest: the request body is not JSON (unterminated object or array") ==
               0u);
    // The text after a delimited value is checked as before.
    BOOST_TEST(failure(*this, state_body("[1]") + "x").find("unexpected text after the JSON value") !=
               std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
