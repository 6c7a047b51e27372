// Callback registrations: output keys (§7.3), validation, the _dash-dependencies entries (§7.2).
#include <dash/json.hpp>
#include "callbacks/dispatch.hpp"
#include "errors.hpp"

#include <boost/test/unit_test.hpp>

using namespace dash::core;

namespace {

std::unique_ptr<CallbackEntry> entry(const std::string& deps) { return parse_callback_dependencies(deps); }

std::string error_of(const std::string& deps) {
    try {
        entry(deps);
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
    // ... so two such callbacks collide, as Python's do.
    CallbackRegistry registry;
    registry.add(entry(R"({"outputs":[],"inputs":[{"id":"in","property":"value"}]})"));
    try {
        registry.add(entry(
            R"({"outputs":[],"inputs":[{"id":"in","property":"value"}],"state":[{"id":"s","property":"data"}]})"));
        BOOST_FAIL("a second no-output callback on the same inputs was accepted");
    } catch (const DashError& error) {
        BOOST_TEST(std::string(error.what()).find("DuplicateCallback") == 0u);
    }
    // With no inputs at all each registration is its own (Python: the call site).
    BOOST_TEST(entry(R"({"outputs":[],"inputs":[]})")->output != entry(R"({"outputs":[],"inputs":[]})")->output);
}

BOOST_AUTO_TEST_CASE(bad_registrations_name_the_problem) {
    BOOST_TEST(error_of(R"({"outputs":[{"id":"a.b","property":"x"}]})").find("InvalidComponentIdError") == 0u);
    BOOST_TEST(error_of(R"({"outputs":[{"id":"a","property":""}]})").find("non-empty property") != std::string::npos);
    BOOST_TEST(error_of(R"({"outputs":[{"id":{"a":[1,2]},"property":"x"}]})").find("dict id values") !=
               std::string::npos);
    BOOST_TEST(error_of("not json").find("IncorrectTypeException") == 0u);
}

BOOST_AUTO_TEST_CASE(duplicate_outputs_are_refused_unless_allowed) {
    CallbackRegistry registry;
    registry.add(entry(R"({"outputs":[{"id":"out","property":"children"}],"inputs":[{"id":"a","property":"v"}]})"));
    BOOST_CHECK_EXCEPTION(
        registry.add(entry(R"({"outputs":[{"id":"out","property":"children"}],"inputs":[{"id":"b","property":"v"}]})")),
        DashError, [](const DashError& e) { return e.name() == "DuplicateCallback"; });
    registry.add(entry(
        R"({"outputs":[{"id":"out","property":"children","allow_duplicate":true}],"inputs":[{"id":"b","property":"v"}]})"));
    BOOST_TEST(registry.entries().size() == 2u);
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
