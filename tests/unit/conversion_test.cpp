// Callback argument conversion (issue 12.4): every supported C++ argument type against every JSON
// kind the renderer can send converts or fails with a named error; dash::Value reads values as
// Python does (str(), repr(), truthiness, len()).
#include <dash/dash.hpp>

#include <boost/test/unit_test.hpp>

#include <map>

using namespace dash;

namespace {

const std::vector<std::string> kinds = {"null", "true", "3", "2.5", "\"s\"", "[1,2]", "{\"a\":1}"};

// "" when `text` converts to T, else the conversion error's message.
template <class T>
std::string outcome(const std::string& text) {
    try {
        const std::vector<std::string_view> values = {text};
        detail::convert_argument<T>(values, 0);
        return "";
    } catch (const ConversionError& error) {
        return error.what();
    }
}

// expected[kind]: "" (converts) or a text the error must contain.
template <class T>
void check(const char* type, const std::vector<std::string>& expected) {
    for (size_t i = 0; i < kinds.size(); ++i) {
        const std::string got = outcome<T>(kinds[i]);
        BOOST_TEST_INFO(type << " from " << kinds[i] << ": " << got);
        if (expected[i].empty())
            BOOST_TEST(got.empty());
        else
            BOOST_TEST(got.find(expected[i]) != std::string::npos);
    }
}

std::string str(const char* json_text) { return Value(json::parse(json_text)).str(); }

}  // namespace

BOOST_AUTO_TEST_SUITE(argument_conversion)

BOOST_AUTO_TEST_CASE(every_type_against_every_json_kind) {
    //                       null               true               3                  2.5                "s" [1,2]
    //                       {"a":1}
    const std::string any = "";
    const std::string string = "expected a string", number = "expected a number", list = "expected a list";
    const std::string nulled = "take std::optional<T> or dash::Value";
    check<Value>("Value", {any, any, any, any, any, any, any});
    check<Json::Value>("Json::Value", {any, any, any, any, any, any, any});
    check<JsonData>("JsonData", {any, any, any, any, any, any, any});
    check<std::string>("std::string", {string, string, string, string, any, string, string});
    check<std::optional<std::string>>("optional<string>", {any, string, string, string, any, string, string});
    check<bool>("bool", {nulled, any, "expected a bool", "expected a bool", "expected a bool", "expected a bool",
                         "expected a bool"});
    check<std::optional<bool>>("optional<bool>", {any, any, "expected a bool", "expected a bool", "expected a bool",
                                                  "expected a bool", "expected a bool"});
    check<long>("long", {nulled, number, any, "expected an integer", number, number, number});
    check<std::optional<long>>("optional<long>", {any, number, any, "expected an integer", number, number, number});
    check<int>("int", {nulled, number, any, "expected an integer", number, number, number});
    check<double>("double", {nulled, number, any, any, number, number, number});
    check<std::optional<double>>("optional<double>", {any, number, any, any, number, number, number});
    check<std::vector<double>>("vector<double>", {list, list, list, list, list, any, list});
    check<std::vector<std::string>>("vector<string>", {list, list, list, list, list, string, list});
    check<std::vector<Value>>("vector<Value>", {list, list, list, list, list, any, list});
}

BOOST_AUTO_TEST_CASE(value_prints_as_python_str_does) {
    BOOST_TEST(str("null") == "None");
    BOOST_TEST(str("true") == "True");
    BOOST_TEST(str("42") == "42");
    BOOST_TEST(str("2.25") == "2.25");
    BOOST_TEST(str("2.0") == "2.0");
    BOOST_TEST(str("1e16") == "1e+16");
    BOOST_TEST(str("1e15") == "1000000000000000.0");
    BOOST_TEST(str("0.0001") == "0.0001");
    BOOST_TEST(str("0.00001") == "1e-05");
    BOOST_TEST(str("-0.5") == "-0.5");
    BOOST_TEST(str("1.2345678901234568e+17") == "1.2345678901234568e+17");
    BOOST_TEST(str("123456789012345678901") == "1.2345678901234568e+20");  // beyond int64: a float, as JsonCpp reads it
    BOOST_TEST(str("[1, 2]") == "[1, 2]");
    BOOST_TEST(str(R"({"a": 1})") == "{'a': 1}");
    BOOST_TEST(str(R"({"k": [1, {"x": null}], "t": "it's"})") == R"({'k': [1, {'x': None}], 't': "it's"})");
    BOOST_TEST(str(R"("h\u00e9llo \u4e16\u754c")") == "h\xc3\xa9llo \xe4\xb8\x96\xe7\x95\x8c");
    BOOST_TEST(Value(json::parse(R"(["a\nb", "q'\"", "\u0007"])")).str() == R"(['a\nb', 'q\'"', '\x07'])");
}

BOOST_AUTO_TEST_CASE(value_truthiness_and_len_are_python_s) {
    for (const char* falsy : {"null", "false", "0", "0.0", "\"\"", "[]", "{}"})
        BOOST_TEST(!Value(json::parse(falsy)), falsy);
    for (const char* truthy : {"true", "1", "-0.5", "\"0\"", "[0]", "{\"a\":null}"})
        BOOST_TEST(static_cast<bool>(Value(json::parse(truthy))), truthy);
    BOOST_TEST(Value(json::parse(R"("h\u00e9llo")")).len() == 5u);  // code points, not bytes
    BOOST_TEST(Value(json::parse("[1, 2, 3]")).len() == 3u);
    BOOST_TEST(Value(json::parse(R"({"a": 1})")).len() == 1u);
    BOOST_CHECK_EXCEPTION(Value(json::parse("3")).len(), std::invalid_argument, [](const std::invalid_argument& e) {
        return std::string(e.what()) == "TypeError: object of type 'int' has no len()";
    });
    const Value row(json::parse(R"({"name": "x", "tags": ["a", "b"]})"));
    BOOST_TEST(row["tags"][1].str() == "b");
    BOOST_TEST(row["missing"].is_null());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(value_literals)

BOOST_AUTO_TEST_CASE(an_empty_list_is_a_list_and_null_is_spelt_out) {
    BOOST_TEST(json::to_string(Value(List{}).json()) == "[]");
    BOOST_TEST(json::to_string(Value(List{1, "a", nullptr}).json()) == R"([1,"a",null])");
    BOOST_TEST(Value().is_null());
    // `Value v = {};` no longer compiles (explicit default constructor): nothing to run here; the
    // type trait says so.
    BOOST_TEST(!(std::is_convertible_v<std::initializer_list<int>, Value>));
    BOOST_TEST(json::to_string(pattern_id("todo", MATCH).json()) == R"({"index":["MATCH"],"type":"todo"})");
    BOOST_TEST(json::to_string(pattern_id("todo", 3).json()) == R"({"index":3,"type":"todo"})");
}

BOOST_AUTO_TEST_SUITE_END()
