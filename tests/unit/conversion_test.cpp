// Callback argument conversion (issue 12.4): every supported C++ argument type against every JSON
// kind the renderer can send converts or fails with a named error; dash::Value reads values as
// Python does (str(), repr(), truthiness, len()).
#include <dash/dash.hpp>

#include <boost/test/unit_test.hpp>

#include <map>

using namespace dash;

namespace {

const std::vector<std::string> kinds = {"null", "true", "3", "2.5", "\"s\"", "[1,2]", "{\"a\":1}"};

// How converting `text` to T ends: "" (converted), "malformed: <message>" (MalformedArgument: the
// text is not JSON) or "wrong type: <message>" (any other ConversionError).
template <class T>
std::string ending(const std::string& text) {
    try {
        const std::vector<std::string_view> values = {text};
        detail::convert_argument<T>(values, 0);
        return "";
    } catch (const MalformedArgument& error) {
        return std::string("malformed: ") + error.what();
    } catch (const ConversionError& error) {
        return std::string("wrong type: ") + error.what();
    }
}

// expected[kind]: "" (converts) or a text the error must contain.
template <class T>
void check(const char* type, const std::vector<std::string>& expected) {
    for (size_t i = 0; i < kinds.size(); ++i) {
        const std::string got = ending<T>(kinds[i]);
        BOOST_TEST_INFO(type << " from " << kinds[i] << ": " << got);
        if (expected[i].empty())
            BOOST_TEST(got.empty());
        else  // every kind here is JSON: a failure is a wrong type, never a malformed argument
            BOOST_TEST((got.rfind("wrong type: ", 0) == 0 && got.find(expected[i]) != std::string::npos));
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

// The host leaves objects and arrays to the plugin to check (checks_arguments): whatever type an
// argument is taken as, one that is not JSON fails as MalformedArgument, never as a wrong type, and
// never converts; what is JSON converts or fails as a wrong type as before.
BOOST_AUTO_TEST_CASE(an_object_or_array_that_is_not_json_is_malformed_whatever_the_type) {
    for (const std::string text : {"[1,]", "[1 2]", "{\"a\":1,}", "{\"a\" 1}", "[\"\\x\"]", "[1]x", "{'a':1}",
                                   "[1,2] // note", "[tru]", "[\"a\tb\"]", "[01]", "[.5]", "[1e]"}) {
        BOOST_TEST_INFO(text);
        BOOST_TEST(ending<JsonData>(text).rfind("malformed: invalid JSON", 0) == 0u);
        BOOST_TEST(ending<std::optional<JsonData>>(text).rfind("malformed: invalid JSON", 0) == 0u);
        BOOST_TEST(ending<Json::Value>(text).rfind("malformed: ", 0) == 0u);
        BOOST_TEST(ending<Value>(text).rfind("malformed: ", 0) == 0u);
        BOOST_TEST(ending<std::vector<double>>(text).rfind("malformed: ", 0) == 0u);
        BOOST_TEST(ending<std::string>(text).rfind("malformed: ", 0) == 0u);
        BOOST_TEST(ending<std::optional<long>>(text).rfind("malformed: ", 0) == 0u);
    }
    // The message says where: the byte within the argument.
    BOOST_TEST(ending<std::vector<double>>("[1,2,]") == "malformed: expected a digit at byte 5");
    BOOST_TEST(ending<JsonData>("[1,2,]") == "malformed: invalid JSON: unexpected character at byte 5");
    // JSON of the wrong kind is still a wrong type; JSON of the right kind converts.
    BOOST_TEST(ending<std::string>("[1]").rfind("wrong type: expected a string", 0) == 0u);
    BOOST_TEST(ending<std::vector<double>>(R"({"a":1})").rfind("wrong type: expected a list", 0) == 0u);
    BOOST_TEST(ending<std::vector<double>>(" [1, 2.5] ").empty());
    BOOST_TEST(ending<JsonData>(R"({"a":[1,{"b":"]"}]})").empty());
    BOOST_TEST(ending<std::optional<JsonData>>("null").empty());
}

BOOST_AUTO_TEST_CASE(a_malformed_argument_is_reported_before_a_wrong_type_whatever_the_order) {
    bool called = false;
    auto function = [&](long, const JsonData&, const std::string&) {
        called = true;
        return 0;
    };
    using Arguments = std::tuple<long, JsonData, std::string>;
    const auto run = [&](std::vector<std::string_view> values) -> std::string {
        try {
            detail::call_with<Arguments>(function, values, std::make_index_sequence<3>{});
            return "called";
        } catch (const MalformedArgument& error) {
            return std::string("malformed: ") + error.what();
        } catch (const ConversionError& error) {
            return std::string("wrong type: ") + error.what();
        }
    };
    // Wrong types before and after a malformed argument: the malformed one is reported.
    BOOST_TEST(run({R"("x")", "[1,]", "3"}).rfind("malformed: ", 0) == 0u);
    BOOST_TEST(run({"1", "[1,]", "{\"a\":}"}).rfind("malformed: ", 0) == 0u);
    BOOST_TEST(!called);
    // JSON of the wrong type alone is a wrong type.
    BOOST_TEST(run({R"("x")", "[1]", R"("s")"}).rfind("wrong type: expected a number", 0) == 0u);
    BOOST_TEST(run({"1", "[1]", R"("s")"}) == "called");
}

BOOST_AUTO_TEST_CASE(a_malformed_argument_is_invalid_argument_and_passes_by_the_error_handler) {
    StringWriter message;
    BOOST_TEST(detail::guarded(&message.writer, [] { throw MalformedArgument("not JSON", 0); }) ==
               DASH_INVALID_ARGUMENT);
    BOOST_TEST(message.text == "not JSON");
    BOOST_TEST(detail::guarded(&message.writer, [] { throw ConversionError("a wrong type", 0); }) == DASH_ERROR);
    bool handled = false;
    const ErrorHandler handler = [&](const std::exception&) {
        handled = true;
        return Value();
    };
    BOOST_CHECK_THROW(
        detail::handle_errors(handler, nullptr, []() -> detail::Reported { throw MalformedArgument("not JSON", 1); }),
        MalformedArgument);
    BOOST_TEST(!handled);
    detail::handle_errors(handler, nullptr, []() -> detail::Reported { throw ConversionError("a wrong type", 1); });
    BOOST_TEST(handled);
    // Named for the dev tools, it stays what it is.
    try {
        detail::throw_named(MalformedArgument("expected a digit at byte 5", 1), {"a.value", "store.data"},
                            "out.children");
    } catch (const MalformedArgument& error) {
        BOOST_TEST(std::string(error.what()) ==
                   "argument 2 (store.data) of the callback for out.children: expected a digit at byte 5");
    }
}

BOOST_AUTO_TEST_CASE(typed_callbacks_say_they_check_their_arguments_and_others_do_not) {
    detail::CallbackDefinition definition;
    definition.add(Output("out", "children"));
    definition.add(Input("in", "value"));
    BOOST_TEST(!json::parse(definition.dependencies_json()).isMember("checks_arguments"));
    definition.checks_arguments = true;
    BOOST_TEST(json::parse(definition.dependencies_json())["checks_arguments"] == true);
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
