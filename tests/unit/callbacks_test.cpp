// Callback registrations: output keys (§7.3), validation, the _dash-dependencies entries (§7.2).
#include <dash/json.hpp>
#include "callbacks/dispatch.hpp"
#include "errors.hpp"

#include <boost/test/unit_test.hpp>

using namespace dash::core;

namespace {

std::unique_ptr<CallbackEntry> entry(const std::string& deps, bool strict = false) {
    return parse_callback_dependencies(deps, strict);
}

std::string error_of(const std::string& deps, bool strict = false) {
    try {
        entry(deps, strict);
    } catch (const DashError& error) {
        return error.what();
    }
    return "";
}

// The DuplicateCallback message of adding `deps` to `registry` in strict mode ("" when accepted).
std::string strict_add_error(CallbackRegistry& registry, const std::string& deps) {
    try {
        registry.add(entry(deps), true);
    } catch (const DashError& error) {
        return error.what();
    }
    return "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(callback_registry)

BOOST_AUTO_TEST_CASE(single_output_key_is_id_dot_property) {
    auto e = entry(R"({"outputs":[{"id":"out","property":"children"}],"inputs":[{"id":"in","property":"value"}]})");
    BOOST_TEST(e->output == "out.children");
    BOOST_TEST(!e->multi_output);
}

BOOST_AUTO_TEST_CASE(list_outputs_are_multi_even_with_one_item) {
    auto one = entry(R"({"outputs":[{"id":"a","property":"x"}],"multi_output":true,"inputs":[]})");
    BOOST_TEST(one->output == "..a.x..");
    auto two = entry(R"({"outputs":[{"id":"a","property":"x"},{"id":"b","property":"y"}],"inputs":[]})");
    BOOST_TEST(two->output == "..a.x...b.y..");
}

BOOST_AUTO_TEST_CASE(dict_ids_and_wildcards_are_stringified_sorted) {
    auto e = entry(R"({"outputs":[{"id":{"type":"item","index":["MATCH"]},"property":"style"}],"multi_output":true,
                      "inputs":[{"id":{"type":"item","index":["MATCH"]},"property":"n_clicks"}]})");
    BOOST_TEST(e->output == R"(..{"index":["MATCH"],"type":"item"}.style..)");
}

BOOST_AUTO_TEST_CASE(allow_duplicate_appends_the_inputs_hash) {
    auto e = entry(R"({"outputs":[{"id":"out","property":"children","allow_duplicate":true}],
                      "inputs":[{"id":"btn","property":"n_clicks"}]})");
    BOOST_TEST(e->output == "out.children@3eb5c6874c0553ce107823c514131222db0c1ce9f5877187cdd472be1da6af32");
}

BOOST_AUTO_TEST_CASE(no_output_ids_hash_the_inputs_only_as_python_4_3_does) {
    // sha256("in.value"), Python's create_callback_id(no_output=True) for Input("in", "value").
    const std::string expected = "c239d745eae348a1cd595cc1adde5b6d8b0b212d70a256e0fcc5fc6dec1196c9";
    BOOST_TEST(entry(R"({"outputs":[],"inputs":[{"id":"in","property":"value"}]})")->output == expected);
    // The state does not count: the same inputs with another state give the same id ...
    BOOST_TEST(
        entry(R"({"outputs":[],"inputs":[{"id":"in","property":"value"}],"state":[{"id":"s","property":"data"}]})")
            ->output == expected);
    // ... so two such callbacks share an id, as Python's do: the later one answers it (Python's
    // callback_map), both are listed, and the conflict is reported (refused in strict mode).
    CallbackRegistry registry;
    registry.add(entry(R"({"outputs":[],"inputs":[{"id":"in","property":"value"}]})"));
    const auto conflicts = registry.add(
        entry(R"({"outputs":[],"inputs":[{"id":"in","property":"value"}],"state":[{"id":"s","property":"data"}]})"));
    BOOST_TEST(conflicts.size() == 1u);
    BOOST_TEST(registry.entries().size() == 2u);
    BOOST_TEST(registry.find_by_output(expected) == registry.entries().back().get());
    BOOST_TEST(strict_add_error(registry, R"({"outputs":[],"inputs":[{"id":"in","property":"value"}]})")
                   .find("DuplicateCallback") == 0u);
    // With no inputs at all each registration is its own (Python: the call site).
    BOOST_TEST(entry(R"({"outputs":[],"inputs":[]})")->output != entry(R"({"outputs":[],"inputs":[]})")->output);
}

BOOST_AUTO_TEST_CASE(registration_refuses_what_python_refuses) {
    // dash/_validate.py validate_callback_arg: '.' or '{' anywhere in a string id ...
    BOOST_TEST(error_of(R"({"outputs":[{"id":"a.b","property":"x"}]})").find("InvalidComponentIdError") == 0u);
    BOOST_TEST(error_of(R"({"inputs":[{"id":"a{b","property":"x"}]})").find("InvalidComponentIdError") == 0u);
    // ... an id that is neither a string nor a dict, a property that is not a string ...
    BOOST_TEST(error_of(R"({"outputs":[{"id":5,"property":"x"}]})").find("IncorrectTypeException") == 0u);
    BOOST_TEST(error_of(R"({"outputs":[{"id":5,"property":"x"}]})").find("component_id must be a string or dict") !=
               std::string::npos);
    BOOST_TEST(error_of(R"({"state":[{"id":"a","property":7}]})").find("component_property must be a string") !=
               std::string::npos);
    BOOST_TEST(error_of("not json").find("IncorrectTypeException") == 0u);
}

BOOST_AUTO_TEST_CASE(what_only_the_renderer_reports_is_registered_unless_strict) {
    // Python registers these; the renderer reports them in the dev tools ("Callback item missing
    // ID", "Callback property error", "Callback wildcard ID error"). Strict mode refuses each.
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"({"outputs":[{"id":"","property":"x"}],"inputs":[{"id":"a","property":"v"}]})", "Callback item missing ID"},
        {R"({"outputs":[{"id":{},"property":"x"}],"inputs":[{"id":"a","property":"v"}]})", "Callback item missing ID"},
        {R"({"outputs":[{"id":"a","property":""}],"inputs":[{"id":"b","property":"v"}]})", "Callback property error"},
        {R"({"outputs":[{"id":{"":1},"property":"x"}],"inputs":[{"id":"a","property":"v"}]})",
         "Callback wildcard ID error"},
        {R"({"outputs":[{"id":{"a":[1,2]},"property":"x"}],"inputs":[{"id":"a","property":"v"}]})",
         "Callback wildcard ID error"},
        {R"({"outputs":[{"id":{"i":["ALLSMALLER"]},"property":"x"}],"inputs":[{"id":{"i":["ALLSMALLER"]},"property":"v"}]})",
         "ALLSMALLER is not allowed in outputs"},
    };
    for (const auto& [deps, renderer_error] : cases) {
        BOOST_TEST_INFO(deps);
        BOOST_TEST(error_of(deps).empty());
        BOOST_TEST(error_of(deps, true).find(renderer_error) != std::string::npos);
    }
    // The empty id's key, as Python builds it.
    BOOST_TEST(entry(R"({"outputs":[{"id":"","property":"x"}],"inputs":[]})")->output == ".x");
}

BOOST_AUTO_TEST_CASE(duplicate_and_overlapping_outputs_are_registered_and_reported) {
    CallbackRegistry registry;
    BOOST_TEST(
        registry.add(entry(R"({"outputs":[{"id":"out","property":"children"}],"inputs":[{"id":"a","property":"v"}]})"))
            .empty());
    // Across callbacks: one output, and an output inside another callback's list.
    const auto single =
        registry.add(entry(R"({"outputs":[{"id":"out","property":"children"}],"inputs":[{"id":"b","property":"v"}]})"));
    BOOST_TEST(single.size() == 1u);
    BOOST_TEST(single.front().find("Duplicate callback outputs") != std::string::npos);
    const auto in_list = registry.add(entry(
        R"({"outputs":[{"id":"other","property":"x"},{"id":"out","property":"children"}],"inputs":[{"id":"c","property":"v"}]})"));
    BOOST_TEST(in_list.size() == 1u);
    BOOST_TEST(in_list.front().find("output 1 (out.children)") != std::string::npos);
    // Twice within one callback.
    const auto twice = registry.add(entry(
        R"({"outputs":[{"id":"t","property":"x"},{"id":"t","property":"x"}],"inputs":[{"id":"d","property":"v"}]})"));
    BOOST_TEST(twice.size() == 1u);
    BOOST_TEST(twice.front().find("Duplicate callback Outputs") != std::string::npos);
    // Overlapping wildcards (MATCH over ALL of the same type).
    registry.add(entry(
        R"({"outputs":[{"id":{"type":"card","i":["ALL"]},"property":"style"}],"inputs":[{"id":"e","property":"v"}]})"));
    const auto overlap = registry.add(entry(
        R"({"outputs":[{"id":{"type":"card","i":["MATCH"]},"property":"style"}],"inputs":[{"id":{"type":"card","i":["MATCH"]},"property":"n"}]})"));
    BOOST_TEST(overlap.size() == 1u);
    BOOST_TEST(overlap.front().find("Overlapping wildcard callback outputs") != std::string::npos);
    // Another type does not overlap; allow_duplicate is exempt.
    BOOST_TEST(
        registry
            .add(entry(
                R"({"outputs":[{"id":{"type":"row","i":["MATCH"]},"property":"style"}],"inputs":[{"id":{"type":"row","i":["MATCH"]},"property":"n"}]})"))
            .empty());
    BOOST_TEST(
        registry
            .add(entry(
                R"({"outputs":[{"id":"out","property":"children","allow_duplicate":true}],"inputs":[{"id":"f","property":"v"}]})"))
            .empty());
    BOOST_TEST(registry.entries().size() == 8u);
    // Two registrations of out.children: listed twice, the later one answers (Python's callback_map).
    const Json::Value list = dash::json::parse(registry.dependencies_json(false, false));
    int listed = 0;
    for (const auto& item : list) listed += item["output"].asString() == "out.children";
    BOOST_TEST(listed == 2);
    BOOST_TEST(registry.find_by_output("out.children") == registry.entries()[1].get());
    BOOST_TEST(registry.find_by_output("out.children")->inputs.front().id.asString() == "b");
    // Strict mode refuses each kind.
    CallbackRegistry strict;
    strict.add(entry(R"({"outputs":[{"id":"out","property":"children"}],"inputs":[{"id":"a","property":"v"}]})"), true);
    BOOST_TEST(strict_add_error(
                   strict, R"({"outputs":[{"id":"out","property":"children"}],"inputs":[{"id":"b","property":"v"}]})")
                   .find("DuplicateCallback") == 0u);
    BOOST_TEST(
        strict_add_error(strict, R"({"outputs":[{"id":"t","property":"x"},{"id":"t","property":"x"}],"inputs":[]})")
            .find("Duplicate callback Outputs") != std::string::npos);
    BOOST_TEST(strict.entries().size() == 1u);  // nothing refused was kept
}

BOOST_AUTO_TEST_CASE(dependencies_entries_carry_every_key) {
    CallbackRegistry registry;
    registry.add(entry(R"({"outputs":[{"id":"out","property":"children"}],"inputs":[{"id":"in","property":"value"}],
                          "state":[{"id":"s","property":"data","allow_optional":true}],"prevent_initial_call":null})"));
    const Json::Value list = dash::json::parse(registry.dependencies_json(true, false));
    BOOST_TEST(list.size() == 1u);
    const Json::Value& item = list[0];
    BOOST_TEST(item["output"].asString() == "out.children");
    BOOST_TEST(item["inputs"][0]["id"].asString() == "in");
    BOOST_TEST(item["state"][0]["allow_optional"].asBool());
    BOOST_TEST(item["prevent_initial_call"].asBool());  // the app default applies
    BOOST_TEST(item["clientside_function"].isNull());
    BOOST_TEST(item["background"].isNull());
    BOOST_TEST(item["dynamic_creator"].isNull());
    for (const char* key : {"no_output", "optional", "hidden", "websocket", "persistent"})
        BOOST_TEST((item[key].isBool() && !item[key].asBool()), key);
}

BOOST_AUTO_TEST_SUITE_END()
