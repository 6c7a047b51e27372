// Flexible callback signatures (dash/grouping.hpp): flatten order, shapes, return checks, as
// Python's dash/_grouping.py.
#include <dash/grouping.hpp>

#include <boost/test/unit_test.hpp>

using namespace dash;

namespace {

std::string error_name(const OutputGroup& outputs, const std::string& returned) {
    try {
        outputs.flatten(json::parse(returned));
    } catch (const DashException& error) {
        return std::string(error.what()).substr(0, std::string(error.what()).find(':'));
    }
    return "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(flexible_signatures)

BOOST_AUTO_TEST_CASE(leaves_come_in_python_flatten_order_and_map_keeps_the_shape) {
    // dict(b=Output(...), a=(Output(...), dict(z=Output(...)))): the dict's own order, not sorted.
    const OutputGroup outputs{{"b", Output("b", "x")},
                              {"a", OutputGroup::list({Output("a0", "x"), OutputGroup{{"z", Output("z", "x")}}})}};
    std::vector<std::string> ids;
    outputs.for_each_leaf([&](const Output& output) { ids.push_back(output.id.asString()); });
    BOOST_TEST((ids == std::vector<std::string>{"b", "a0", "z"}));
    BOOST_TEST(outputs.leaf_count() == 3u);
    BOOST_TEST(json::to_string(outputs.map([](size_t leaf) { return Json::Value(static_cast<int>(leaf)); })) ==
               R"({"a":[1,{"z":2}],"b":0})");
    // flatten is map's inverse, in leaf order.
    const auto flat = outputs.flatten(json::parse(R"({"a":["one",{"z":"two"}],"b":"zero"})"));
    BOOST_TEST(flat.size() == 3u);
    BOOST_TEST(flat[0].asString() == "zero");
    BOOST_TEST(flat[1].asString() == "one");
    BOOST_TEST(flat[2].asString() == "two");
}

BOOST_AUTO_TEST_CASE(returns_that_do_not_mirror_the_grouping_raise_the_schema_errors) {
    const OutputGroup outputs{{"a", Output("a", "x")},
                              {"pair", OutputGroup::list({Output("p", "x"), Output("q", "x")})}};
    BOOST_TEST(error_name(outputs, R"({"a":1,"pair":[1,2]})").empty());
    BOOST_TEST(error_name(outputs, R"([1,[1,2]])") == "SchemaTypeValidationError");
    BOOST_TEST(error_name(outputs, R"({"a":1})") == "SchemaKeysValidationError");
    BOOST_TEST(error_name(outputs, R"({"a":1,"pair":[1,2],"extra":3})") == "SchemaKeysValidationError");
    BOOST_TEST(error_name(outputs, R"({"a":1,"pair":[1]})") == "SchemaLengthValidationError");
    BOOST_TEST(error_name(outputs, R"({"a":1,"pair":{"p":1}})") == "SchemaTypeValidationError");
    // A leaf takes any value, lists and dicts included.
    BOOST_TEST(error_name(outputs, R"({"a":{"any":[1]},"pair":[[1],{"b":2}]})").empty());
}

BOOST_AUTO_TEST_CASE(using_grouping_is_false_only_for_a_leaf_or_a_flat_list) {
    BOOST_TEST(!InputGroup(Input("a", "value")).is_grouped());
    BOOST_TEST(!InputGroup::list({Input("a", "value"), State("b", "value")}).is_grouped());
    BOOST_TEST(InputGroup::list({Input("a", "value"), InputGroup::list({State("b", "value")})}).is_grouped());
    BOOST_TEST(InputGroup({{"a", Input("a", "value")}}).is_grouped());
}

BOOST_AUTO_TEST_CASE(a_dict_grouping_with_a_key_twice_is_refused) {
    BOOST_CHECK_THROW((OutputGroup{{"a", Output("a", "x")}, {"a", Output("b", "x")}}), IncorrectTypeException);
}

BOOST_AUTO_TEST_SUITE_END()
