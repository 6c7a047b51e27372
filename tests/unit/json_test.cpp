// JSON text as Python and the browser write it: numbers, escapes, stringified ids (§3, §9.1).
#include <rapidjson/document.h>
#include <dash/json.hpp>
#include <dash/json_scan.hpp>
#include <dash/json_value.hpp>
#include "callbacks/dispatch.hpp"
#include "callbacks/request_body.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <random>

using dash::json::parse;
using dash::json::stringify_id;
using dash::json::to_string;

BOOST_AUTO_TEST_SUITE(json_writer)

BOOST_AUTO_TEST_CASE(doubles_use_the_shortest_round_trip) {
    BOOST_TEST(to_string(Json::Value(0.03)) == "0.03");
    BOOST_TEST(to_string(Json::Value(2.25)) == "2.25");
    BOOST_TEST(to_string(Json::Value(3.0)) == "3.0");
    BOOST_TEST(to_string(Json::Value(1e-7)) == "1e-07");
    BOOST_TEST(to_string(Json::Value(std::nan(""))) == "null");
    BOOST_TEST(to_string(Json::Value(42)) == "42");
    // Python's repr switches to an exponent below 1e-4 and from 1e16 (not where it is shorter).
    BOOST_TEST(to_string(Json::Value(0.0001)) == "0.0001");
    BOOST_TEST(to_string(Json::Value(0.00025)) == "0.00025");
    BOOST_TEST(to_string(Json::Value(0.00001)) == "1e-05");
    BOOST_TEST(to_string(Json::Value(-0.000123)) == "-0.000123");
    BOOST_TEST(to_string(Json::Value(1e15)) == "1000000000000000.0");
    BOOST_TEST(to_string(Json::Value(1e16)) == "1e+16");
    BOOST_TEST(to_string(Json::Value(18446744073709551616.0)) == "1.8446744073709552e+19");
    BOOST_TEST(to_string(Json::Value(123456789012345.67)) == "123456789012345.67");
    BOOST_TEST(to_string(Json::Value(1.5e300)) == "1.5e+300");
    BOOST_TEST(to_string(Json::Value(5e-324)) == "5e-324");
    BOOST_TEST(to_string(Json::Value(-0.0)) == "-0.0");
}

namespace {

// Python's repr of a finite double built from the standard library's shortest digits
// (std::to_chars, scientific): the reference dash/shortest.hpp must agree with.
std::string repr_by_the_standard_library(double value) {
    char buffer[64];
    const std::string text(buffer,
                           std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific).ptr);
    const size_t e = text.find('e');
    std::string sign, digits;
    for (char c : text.substr(0, e))
        if (c == '-')
            sign = "-";
        else if (c != '.')
            digits += c;
    const int exponent = std::stoi(text.substr(e + 1));
    const int count = static_cast<int>(digits.size());
    if (exponent < -4 || exponent >= 16) {
        std::string out =
            sign + digits.substr(0, 1) + (count > 1 ? "." + digits.substr(1) : "") + "e" + (exponent < 0 ? "-" : "+");
        const int magnitude = std::abs(exponent);
        return out + (magnitude < 10 ? "0" : "") + std::to_string(magnitude);
    }
    if (exponent >= count - 1)
        return sign + digits + std::string(static_cast<size_t>(exponent - count + 1), '0') + ".0";
    if (exponent >= 0)
        return sign + digits.substr(0, static_cast<size_t>(exponent + 1)) + "." +
               digits.substr(static_cast<size_t>(exponent + 1));
    return sign + "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
}

}  // namespace

BOOST_AUTO_TEST_CASE(shortest_doubles_agree_with_the_standard_library_everywhere) {
    size_t checked = 0, differing = 0;
    const auto check = [&](double value) {
        if (!std::isfinite(value)) return;
        ++checked;
        char buffer[dash::json::shortest_buffer_size];
        const std::string ours(buffer, dash::json::write_shortest(buffer, value));
        const std::string reference =
            value == 0 ? (std::signbit(value) ? "-0.0" : "0.0") : repr_by_the_standard_library(value);
        if (ours != reference && ++differing <= 5)
            BOOST_ERROR(std::to_string(value) + ": " + ours + " instead of " + reference);
    };
    const auto from_bits = [](std::uint64_t bits) {
        double value = 0;
        std::memcpy(&value, &bits, sizeof value);
        return value;
    };
    // Random bit patterns: every exponent, subnormals included.
    std::mt19937_64 random(20261130);
    for (int i = 0; i < 300000; ++i) check(from_bits(random()));
    // Every binary exponent with the significands at the edges (the narrower interval below a power
    // of two, the smallest and largest subnormals and normals).
    for (std::uint64_t exponent = 0; exponent < 2047; ++exponent)
        for (std::uint64_t fraction : {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{2}, (std::uint64_t{1} << 51),
                                       (std::uint64_t{1} << 52) - 1}) {
            check(from_bits(exponent << 52 | fraction));
            check(-from_bits(exponent << 52 | fraction));
        }
    // Short decimals at every decimal exponent and their neighbours: where an interval's end or its
    // middle can be exactly a candidate.
    for (int exponent = -324; exponent <= 308; exponent += 1)
        for (int digits : {1, 2, 5, 9, 25, 125, 999, 4503, 65536, 999999}) {
            const std::string text = std::to_string(digits) + "e" + std::to_string(exponent);
            const double value = std::strtod(text.c_str(), nullptr);  // 0 or inf out of range
            if (value == 0 || !std::isfinite(value)) continue;
            check(value);
            check(std::nextafter(value, 0.0));
            check(std::nextafter(value, std::numeric_limits<double>::infinity()));
        }
    // Integers around 2^53 (where the integer shortcut ends) and the bench figure's coordinates.
    for (std::int64_t i = (std::int64_t{1} << 53) - 2000; i < (std::int64_t{1} << 53) + 2000; ++i)
        check(static_cast<double>(i));
    for (int i = 0; i < 20000; ++i) {
        check(i / 7.0);
        check(std::sin(i / 100.0) * 1000.0 / 3.0);
    }
    BOOST_TEST(differing == 0u);
    BOOST_TEST(checked > 380000u);  // none skipped by mistake
}

BOOST_AUTO_TEST_CASE(eight_digits_are_written_at_once_with_leading_zeros) {
    std::mt19937 random(7);
    for (int i = 0; i < 200000; ++i) {
        const std::uint32_t value = i < 100000 ? static_cast<std::uint32_t>(i) : random() % 100000000;
        char ours[8];
        dash::json::detail::write_eight_digits(ours, value);
        char reference[9];
        std::snprintf(reference, sizeof reference, "%08u", static_cast<unsigned>(value));
        if (std::string(ours, 8) != reference) {
            BOOST_ERROR(std::string(reference) + " written as " + std::string(ours, 8));
            break;
        }
    }
}

BOOST_AUTO_TEST_CASE(strings_escape_like_python) {
    Json::Value text("h\xC3\xA9llo \xE2\x9C\x93 <b>&\"q\" \xF0\x9F\x98\x80");
    BOOST_TEST(to_string(text) == R"("h\u00e9llo \u2713 <b>&\"q\" \ud83d\ude00")");
    dash::json::WriteOptions html;
    html.escape_html = true;
    BOOST_TEST(to_string(Json::Value("</script>"), html) == R"("\u003c\u002fscript\u003e")");
    BOOST_TEST(to_string(Json::Value(std::string("a\x01", 2))) == R"("a\u0001")");
    BOOST_TEST(to_string(Json::Value(std::string("bad\xFF"))) == R"("bad\ufffd")");
}

BOOST_AUTO_TEST_CASE(strings_write_the_same_a_byte_at_a_time_and_in_runs_into_any_output) {
    // Every byte kind at every offset of strings up to 40 bytes long (runs are found eight bytes
    // at a time): the text must be what escaping byte by byte gives, into a std::string and
    // through a TextOut alike.
    const std::map<unsigned char, std::string> short_escapes = {
        {'"', "\\\""}, {'\\', "\\\\"}, {'\n', "\\n"}, {'\r', "\\r"}, {'\t', "\\t"}, {'\b', "\\b"}, {'\f', "\\f"}};
    const auto byte_by_byte = [&short_escapes](std::string_view text, bool ascii) {
        std::string out = "\"";
        for (size_t i = 0; i < text.size();) {
            const unsigned char c = static_cast<unsigned char>(text[i]);
            char hex[16];
            if (c >= 0x80) {
                const size_t start = i;
                const unsigned code = dash::json::detail::decode_utf8(text, i);
                if (!ascii) {
                    const bool kept = code != 0xFFFD || text.substr(start, i - start) == "\xEF\xBF\xBD";
                    out += kept ? std::string(text.substr(start, i - start)) : "\xEF\xBF\xBD";
                } else if (code >= 0x10000) {
                    std::snprintf(hex, sizeof hex, "\\u%04x", 0xD800 + ((code - 0x10000) >> 10));
                    out += hex;
                    std::snprintf(hex, sizeof hex, "\\u%04x", 0xDC00 + ((code - 0x10000) & 0x3FF));
                    out += hex;
                } else {
                    std::snprintf(hex, sizeof hex, "\\u%04x", code);
                    out += hex;
                }
                continue;
            }
            ++i;
            const auto escape = short_escapes.find(c);
            if (escape != short_escapes.end()) {
                out += escape->second;
            } else if (c < 0x20) {
                std::snprintf(hex, sizeof hex, "\\u%04x", c);
                out += hex;
            } else {
                out += static_cast<char>(c);
            }
        }
        return out + "\"";
    };
    const std::vector<std::string> pieces = {
        "a",    "Z",    "\"", "\\", "\n", "\x01", "\x1f", " ", "\xC3\xA9", "\xE2\x9C\x93", "\xF0\x9F\x98\x80",
        "\xFF", "\xC3", "/",  "~"};
    std::mt19937 random(11);
    for (int round = 0; round < 20000; ++round) {
        std::string text;
        const size_t length = random() % 41;
        while (text.size() < length) text += random() % 3 == 0 ? pieces[random() % pieces.size()] : "x";
        for (const bool ascii : {true, false}) {
            dash::json::WriteOptions options;
            options.escape_non_ascii = ascii;
            std::string plain = "[";
            dash::json::write_string(plain, text, options);
            std::string through = "[";
            {
                dash::json::TextOut out(through);
                dash::json::write_string(out, text, options);
                out += ',';
                dash::json::write_double(out, 0.1);
            }
            const std::string expected = byte_by_byte(text, ascii);
            BOOST_TEST_REQUIRE(plain == "[" + expected);
            BOOST_TEST_REQUIRE(through == "[" + expected + ",0.1");
        }
    }
}

BOOST_AUTO_TEST_CASE(stringified_ids_match_the_renderer) {
    BOOST_TEST(stringify_id(Json::Value("plain")) == "plain");
    BOOST_TEST(stringify_id(parse(R"({"type":"item","index":0})")) == R"({"index":0,"type":"item"})");
    BOOST_TEST(stringify_id(parse(R"({"type":"item","index":["MATCH"]})")) == R"({"index":["MATCH"],"type":"item"})");
    BOOST_TEST(stringify_id(parse(R"({"done":true,"index":1.5,"type":"t\u00e9"})")) ==
               "{\"done\":true,\"index\":1.5,\"type\":\"t\xC3\xA9\"}");
    BOOST_TEST(stringify_id(parse(R"({"i":1.0})")) == R"({"i":1})");
}

BOOST_AUTO_TEST_CASE(syntax_check_accepts_json_and_rejects_the_rest) {
    using dash::json::is_valid;
    for (const char* good : {"1", "-0.5e+3", "\"a\\u00e9\"", "[1,[2,{}]]", " {\"a\": [true, false, null]} "})
        BOOST_TEST(is_valid(good), good);
    for (const char* bad : {"", "01", "[1,]", "{\"a\" 1}", "\"unterminated", "nul", "1 2", "\"\\x\"", "{'a':1}"})
        BOOST_TEST(!is_valid(bad), bad);
}

BOOST_AUTO_TEST_SUITE_END()

#include <dash/patch.hpp>

BOOST_AUTO_TEST_SUITE(patch)

BOOST_AUTO_TEST_CASE(every_operation_serialises_as_the_renderer_expects) {
    dash::Patch p;
    p["layout"]["title"]["text"] = "New";
    p["data"].append(dash::Object{{"x", 1}});
    p["data"].prepend(0);
    p["data"].insert(-1, "mid");
    p["data"].extend({1, 2});
    p["data"][0]["y"] += {3};
    p["count"] += 2;
    p["count"] -= 1;
    p["count"] *= 3;
    p["count"] /= 2;
    p["style"].merge(dash::Object{{"color", "red"}});
    p["list"].clear();
    p["list"].reverse();
    p["list"].remove("x");
    p["obj"].erase("gone");
    p[2].remove_here();
    const std::string expected =
        R"({"__dash_patch_update":"__dash_patch_update","operations":[)"
        R"({"location":["layout","title","text"],"operation":"Assign","params":{"value":"New"}},)"
        R"({"location":["data"],"operation":"Append","params":{"value":{"x":1}}},)"
        R"({"location":["data"],"operation":"Prepend","params":{"value":0}},)"
        R"({"location":["data"],"operation":"Insert","params":{"index":-1,"value":"mid"}},)"
        R"({"location":["data"],"operation":"Extend","params":{"value":[1,2]}},)"
        R"({"location":["data",0,"y"],"operation":"Extend","params":{"value":[3]}},)"
        R"({"location":["count"],"operation":"Add","params":{"value":2}},)"
        R"({"location":["count"],"operation":"Sub","params":{"value":1}},)"
        R"({"location":["count"],"operation":"Mul","params":{"value":3}},)"
        R"({"location":["count"],"operation":"Div","params":{"value":2}},)"
        R"({"location":["style"],"operation":"Merge","params":{"value":{"color":"red"}}},)"
        R"({"location":["list"],"operation":"Clear","params":{}},)"
        R"({"location":["list"],"operation":"Reverse","params":{}},)"
        R"({"location":["list"],"operation":"Remove","params":{"value":"x"}},)"
        R"({"location":["obj","gone"],"operation":"Delete","params":{}},)"
        R"({"location":[2],"operation":"Delete","params":{}}]})";
    BOOST_TEST(dash::json::to_string(p.to_json()) == expected);
}

BOOST_AUTO_TEST_CASE(root_operations_have_an_empty_location) {
    dash::Patch p;
    p.append("x");
    p.clear();
    BOOST_TEST(
        dash::json::to_string(p.operations()) ==
        R"([{"location":[],"operation":"Append","params":{"value":"x"}},{"location":[],"operation":"Clear","params":{}}])");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(stringify_examples)

BOOST_AUTO_TEST_CASE(protocol_section_9_1_examples) {
    using dash::json::parse;
    BOOST_TEST(stringify_id(parse(R"({"type":"item","index":0})")) == R"({"index":0,"type":"item"})");
    BOOST_TEST(stringify_id(parse(R"({"type":"item","index":["MATCH"]})")) == R"({"index":["MATCH"],"type":"item"})");
    BOOST_TEST(stringify_id(parse(R"({"type":"todo","index":1.5,"done":true})")) ==
               R"({"done":true,"index":1.5,"type":"todo"})");
    BOOST_TEST(stringify_id(parse(R"({"v":1e16,"w":1e-7})")) == R"({"v":10000000000000000,"w":1e-7})");
}

BOOST_AUTO_TEST_SUITE_END()

#include <dash/plugin.hpp>

BOOST_AUTO_TEST_SUITE(grouping)

BOOST_AUTO_TEST_CASE(args_grouping_leaves_carry_str_id_and_triggered) {
    using dash::json::parse;
    const Json::Value changed = parse(R"(["{\"index\":1,\"type\":\"in\"}.value"])");
    const Json::Value leaf =
        dash::detail::grouping_entry(parse(R"({"id":{"type":"in","index":1},"property":"value","value":5})"), changed);
    BOOST_TEST(leaf["str_id"].asString() == R"({"index":1,"type":"in"})");
    BOOST_TEST(leaf["triggered"].asBool());
    BOOST_TEST(leaf["value"].asInt() == 5);
    const Json::Value list = dash::detail::grouping_entry(
        parse(R"([{"id":"a","property":"value"},{"id":{"type":"in","index":1},"property":"value","value":2}])"),
        changed);
    BOOST_TEST(list.size() == 2u);
    BOOST_TEST(list[0]["value"].isNull());
    BOOST_TEST(!list[0]["triggered"].asBool());
    BOOST_TEST(list[1]["triggered"].asBool());
}

BOOST_AUTO_TEST_CASE(argument_values_flatten_inputs_then_states) {
    const Json::Value body = dash::json::parse(
        R"({"inputs":[{"id":"a","property":"v","value":1},[{"id":"b","property":"v","value":2},{"id":"c","property":"v"}]],"state":[{"id":"s","property":"v","value":"x"}]})");
    const std::vector<Json::Value> values = dash::detail::argument_values(body);
    BOOST_TEST(values.size() == 3u);
    BOOST_TEST(values[0].asInt() == 1);
    BOOST_TEST(dash::json::to_string(values[1]) == "[2,null]");
    BOOST_TEST(values[2].asString() == "x");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(arguments_convert_from_the_request_text_to_the_declared_types) {
    // The body exactly as the renderer posts it: inputs then states, a wildcard input as a list.
    // Read by the host as it reads every callback body, handed over as the prepared call's texts.
    const std::string text =
        R"({"output":"o.children","inputs":[{"id":"name","property":"value","value":"Zo\u00eb \"Z\""},)"
        R"({"id":"n","property":"value","value":42},[{"id":{"i":0,"t":"x"},"property":"value","value":1.5},)"
        R"({"id":{"i":1,"t":"x"},"property":"value","value":-2}]],"state":[{"id":"opt","property":"value","value":null},)"
        R"({"id":"flag","property":"value","value":true}]})";
    const dash::core::CallbackBody body = dash::core::read_callback_body(text, 512);
    std::forward_list<std::string> joined;
    const std::vector<std::string_view> values = dash::core::argument_texts(body, joined);
    using Arguments = std::tuple<std::string, long, std::vector<double>, std::optional<std::string>, bool>;
    std::string seen;
    auto callback = [&](const std::string& name, long n, const std::vector<double>& xs, std::optional<std::string> opt,
                        bool flag) {
        seen = name + "|" + std::to_string(n) + "|" + std::to_string(xs.size()) + ":" + std::to_string(xs[0]) + "," +
               std::to_string(xs[1]) + "|" + (opt ? *opt : "none") + "|" + (flag ? "true" : "false");
        return std::string("ok");
    };
    const Json::Value returned = dash::detail::invoke<Arguments, std::string>(callback, values).tree;
    BOOST_TEST(returned.asString() == "ok");
    BOOST_TEST(seen == "Zo\xC3\xAB \"Z\"|42|2:1.500000,-2.000000|none|true");
}

BOOST_AUTO_TEST_CASE(a_wrong_argument_type_names_the_argument_and_the_value) {
    const std::vector<std::string_view> body = {R"("x")", R"("seven")"};
    using Arguments = std::tuple<std::string, int>;
    auto callback = [](const std::string&, int) { return 0; };
    try {
        dash::detail::invoke<Arguments, int>(callback, body);
        BOOST_FAIL("the conversion should have failed");
    } catch (const dash::ConversionError& error) {
        BOOST_TEST(std::string(error.what()) == "expected a number, got \"seven\"");
        BOOST_TEST((error.argument() == std::optional<size_t>(1)));
        // What the registered callback reports: the argument's number and id.prop, and the callback.
        const std::string named =
            dash::detail::name_argument(error, {"in.value", "count.value"}, "out.children").what();
        BOOST_TEST(named ==
                   "argument 2 (count.value) of the callback for out.children: expected a number, got \"seven\"");
    }
    const std::vector<std::string_view> fewer = {R"("x")"};
    BOOST_CHECK_THROW((dash::detail::invoke<Arguments, int>(callback, fewer)), dash::CallbackException);
}

BOOST_AUTO_TEST_SUITE(from_text)

BOOST_AUTO_TEST_CASE(every_argument_kind_converts_straight_from_its_json_text) {
    using dash::from_json_text;
    BOOST_TEST(from_json_text<std::string>(R"("plain")") == "plain");
    BOOST_TEST(from_json_text<std::string>(R"( "tab\tquote\"slash\/back\\" )") == "tab\tquote\"slash/back\\");
    BOOST_TEST(from_json_text<std::string>(R"("\u00e9\u4e2d\ud83d\ude00")") == "\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80");
    BOOST_TEST(from_json_text<std::string>("\"raw \xC3\xA9\"") == "raw \xC3\xA9");
    BOOST_TEST(from_json_text<bool>("true"));
    BOOST_TEST(!from_json_text<bool>(" false"));
    BOOST_TEST(from_json_text<int>("-42") == -42);
    BOOST_TEST(from_json_text<long>("3.0") == 3);  // integral doubles, as Python's int() of 3.0
    BOOST_TEST(from_json_text<long long>("9007199254740993") == 9007199254740993LL);
    BOOST_TEST(from_json_text<unsigned long>("18446744073709551615") == 18446744073709551615UL);
    BOOST_TEST(from_json_text<double>("0.1") == 0.1);
    BOOST_TEST(from_json_text<double>("1.7976931348623157e308") == 1.7976931348623157e308);
    BOOST_TEST(from_json_text<double>("5e-324") == 5e-324);
    BOOST_TEST(from_json_text<double>("-0.30000000000000004") == -0.30000000000000004);
    BOOST_TEST(from_json_text<double>("12") == 12.0);
    BOOST_TEST(!from_json_text<std::optional<std::string>>("null").has_value());
    BOOST_TEST(from_json_text<std::optional<int>>("7").value() == 7);
    BOOST_TEST((from_json_text<std::vector<double>>("[1, 2.5,-3e2]") == std::vector<double>{1, 2.5, -300}));
    BOOST_TEST((from_json_text<std::vector<std::optional<std::string>>>(R"(["a",null,"\n"])") ==
                std::vector<std::optional<std::string>>{std::string("a"), std::nullopt, std::string("\n")}));
    BOOST_TEST((from_json_text<std::vector<std::vector<int>>>("[[1],[],[2,3]]") ==
                std::vector<std::vector<int>>{{1}, {}, {2, 3}}));
    const Json::Value tree = from_json_text<Json::Value>(R"({"a":[1,{"b":"\u00e9"}]})");
    BOOST_TEST(tree["a"][1]["b"].asString() == "\xC3\xA9");
}

BOOST_AUTO_TEST_CASE(wrong_types_and_ranges_are_refused_with_a_bounded_excerpt) {
    using dash::from_json_text;
    auto message = [](auto convert) {
        try {
            convert();
        } catch (const dash::ConversionError& error) {
            return std::string(error.what());
        }
        return std::string("converted");
    };
    BOOST_TEST(message([] { from_json_text<std::string>("42"); }).find("expected a string, got 42") == 0u);
    BOOST_TEST(message([] { from_json_text<int>("\"7\""); }) == "expected a number, got \"7\"");
    BOOST_TEST(message([] { from_json_text<int>("1.5"); }) == "expected an integer, got 1.5");
    BOOST_TEST(message([] { from_json_text<int>("4294967296"); }).find("expected an integer that fits") == 0u);
    BOOST_TEST(message([] { from_json_text<bool>("1"); }) == "expected a bool, got 1");
    BOOST_TEST(message([] { from_json_text<std::vector<int>>("{}"); }) == "expected a list, got {}");
    // A 1 MB value of the wrong type: the message quotes 200 bytes of it and says how big it is.
    std::string big = "[";
    while (big.size() < 1000000) big += "\"item\",";
    big.back() = ']';
    const std::string refused = message([&] { from_json_text<std::string>(big); });
    BOOST_TEST(refused.size() < 400u);
    BOOST_TEST(refused.find("... (" + std::to_string(big.size()) + " bytes)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_scanner_slices_values_and_limits_nesting) {
    dash::json::Scanner scanner(R"( {"a" : [1, {"b": "x\"y"}], "c": null} )");
    std::string key;
    std::vector<std::string> seen;
    scanner.begin_object();
    while (scanner.next_key(key)) seen.push_back(key + "=" + std::string(scanner.value()));
    scanner.expect_end();
    BOOST_TEST((seen == std::vector<std::string>{R"(a=[1, {"b": "x\"y"}])", "c=null"}));
    const std::string deep = std::string(10000, '[') + std::string(10000, ']');
    BOOST_CHECK_THROW(dash::json::Scanner(deep).value(), dash::json::ScanError);
    BOOST_TEST(!dash::json::is_valid(deep));
    BOOST_TEST(dash::json::is_valid(std::string(100, '[') + std::string(100, ']')));
    // Objects and arrays alternating 40 deep (past the scanner's 32 brackets kept in place): each
    // closing bracket must match its own opening one.
    std::string open, close;
    for (int level = 0; level < 40; ++level) {
        open += level % 2 ? "[" : "{\"k\":";
        close.insert(0, level % 2 ? "]" : "}");
    }
    BOOST_TEST(dash::json::is_valid(open + "1" + close));
    std::string swapped = close;
    std::swap(swapped[2], swapped[3]);  // "]}" for "}]" at depth 37-38: crossed brackets
    BOOST_TEST(!dash::json::is_valid(open + "1" + swapped));
    std::string shallow = close;
    std::swap(shallow[shallow.size() - 2], shallow[shallow.size() - 3]);  // crossed near the top
    BOOST_TEST(!dash::json::is_valid(open + "1" + shallow));
    BOOST_CHECK_THROW(dash::json::parse(deep), std::invalid_argument);  // JsonCpp's own limit, as a parse error
}

// Digits and string content are scanned eight bytes at a time: every length around that step,
// ending at each kind of byte (structural, white space, a near neighbour of the digits in ASCII,
// UTF-8, the end of the text), is sliced exactly or refused.
BOOST_AUTO_TEST_CASE(the_scanner_finds_where_numbers_and_strings_end_at_every_length) {
    using dash::json::is_valid;
    for (size_t length = 1; length <= 20; ++length) {
        const std::string digits = "1" + std::string(length - 1, '7');
        BOOST_TEST_INFO("digits: " << digits);
        BOOST_TEST(is_valid(digits));
        BOOST_TEST(is_valid("[" + digits + ", -" + digits + ".0" + digits + "e+" + digits + "]"));
        for (const char* after : {"/", ":", "a", "\xC3\xA9", "\x7F", "+"}) BOOST_TEST(!is_valid(digits + after));
        const std::string list = "[" + digits + "," + digits + "9 ]";
        dash::json::Scanner numbers(list);
        numbers.begin_array();
        BOOST_REQUIRE(numbers.next_element());
        BOOST_TEST(numbers.value() == digits);
        BOOST_REQUIRE(numbers.next_element());
        BOOST_TEST(numbers.value() == digits + "9");
        BOOST_TEST(!numbers.next_element());

        const std::string plain(length, 'x');
        BOOST_TEST(dash::json::Scanner("\"" + plain + "\"").string_value() == plain);
        BOOST_TEST(dash::json::Scanner("\"" + plain + "\\n" + plain + "\"").string_value() == plain + "\n" + plain);
        BOOST_TEST(dash::json::Scanner("\"" + plain + "\xC3\xA9\"").string_value() == plain + "\xC3\xA9");
        BOOST_TEST(!is_valid("\"" + plain + "\x01\""));  // a control character
        BOOST_TEST(!is_valid("\"" + plain));             // unterminated
    }
}

// Keys and strings as views: of the text itself when plain, of the decoded value when escaped;
// escapes at either end of a string, side by side, and between plain runs decode alike.
BOOST_AUTO_TEST_CASE(the_scanner_hands_out_keys_and_strings_as_views_decoding_only_escapes) {
    const std::string text = R"({"plain": 1, "\u00e9sc\"aped\n": 2, "": 3, "x": "\\a\tb\u4e2d\"", "y": "\n\n"})";
    dash::json::Scanner scanner(text);
    std::string_view key;
    std::vector<std::string> keys;
    std::vector<bool> views_of_the_text;
    scanner.begin_object();
    while (scanner.next_key(key)) {
        keys.emplace_back(key);
        views_of_the_text.push_back(key.data() >= text.data() && key.data() <= text.data() + text.size());
        if (scanner.peek() == '"') {
            std::string decoded;
            keys.emplace_back(scanner.string_view_value(decoded));
        } else {
            scanner.value();
        }
    }
    scanner.expect_end();
    BOOST_TEST((keys ==
                std::vector<std::string>{"plain", "\xC3\xA9sc\"aped\n", "", "x", "\\a\tb\xE4\xB8\xAD\"", "y", "\n\n"}));
    BOOST_TEST((views_of_the_text == std::vector<bool>{true, false, true, true, true}));
    BOOST_TEST(dash::json::Scanner::unescape(R"("\"")") == "\"");
    BOOST_TEST(dash::json::Scanner::unescape(R"("a\/b")") == "a/b");
    BOOST_TEST(dash::json::Scanner::unescape(R"("")").empty());
    BOOST_TEST(dash::json::Scanner(R"("ab\"c")").string_value() == "ab\"c");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(json_data)

BOOST_AUTO_TEST_CASE(parses_reads_and_writes_in_dashs_format) {
    using dash::JsonData;
    const JsonData data =
        JsonData::parse(R"( {"rows":[{"id":1,"v":0.1},{"id":2,"v":1e300}],"name":"Zo\u00eb","ok":true,"n":null} )");
    BOOST_TEST(data.is_object());
    BOOST_TEST(data.size() == 4u);
    BOOST_TEST(data["rows"].size() == 2u);
    BOOST_TEST(data["rows"][1]["v"].as_double() == 1e300);
    BOOST_TEST(data["rows"][0]["id"].as_int() == 1);
    BOOST_TEST(data["name"].as_string() == "Zo\xC3\xAB");
    BOOST_TEST(data["n"].is_null());
    BOOST_TEST(data["missing"].is_null());
    BOOST_TEST(!data.contains("missing"));
    BOOST_TEST((data.keys() == std::vector<std::string>{"rows", "name", "ok", "n"}));  // insertion order
    // Written back compactly, numbers shortest, non-ASCII escaped as Python does.
    BOOST_TEST(data.dump() ==
               R"({"rows":[{"id":1,"v":0.1},{"id":2,"v":1e+300}],"name":"Zo\u00eb","ok":true,"n":null})");
    BOOST_TEST(dash::json::to_string(data.to_jsoncpp()) ==
               R"({"n":null,"name":"Zo\u00eb","ok":true,"rows":[{"id":1,"v":0.1},{"id":2,"v":1e+300}]})");
    BOOST_CHECK_THROW(JsonData::parse("{\"a\":1} x"), std::invalid_argument);
    BOOST_CHECK_THROW(JsonData::parse("[1,"), std::invalid_argument);
}

// A parsed JsonData is a read-only tape until its first write; every read must answer the same
// before and after that write, and the text it writes must be the tree's.
BOOST_AUTO_TEST_CASE(a_parsed_value_reads_and_writes_the_same_before_and_after_its_first_write) {
    using dash::JsonData;
    const std::string text =
        R"( [ {"s":"plain","e":"tab\tq\"\\ \u00e9 \ud83d\ude00 \/","k\u00e9y":1},
             [], {}, [[]], null, true, false,
             0, -0, 42, -9223372036854775808, 9223372036854775807, 9223372036854775808, 18446744073709551615,
             18446744073709551616, -9223372036854775809, 1.5, -2.25e-3, 1E5, 0.1, 5e-324, 1.7976931348623157e308,
             123456789012345678, "" ] )";
    const char* expected =
        R"([{"s":"plain","e":"tab\tq\"\\ \u00e9 \ud83d\ude00 /","k\u00e9y":1},[],{},[[]],null,true,false,)"
        R"(0,0,42,-9223372036854775808,9223372036854775807,9223372036854775808,18446744073709551615,)"
        R"(1.8446744073709552e+19,-9.223372036854776e+18,1.5,-0.00225,100000.0,0.1,5e-324,1.7976931348623157e+308,)"
        R"(123456789012345678,""])";
    const JsonData read = JsonData::parse(text);
    auto check = [&](const JsonData& data) {
        BOOST_TEST(data.dump() == expected);
        BOOST_TEST(data.size() == 24u);
        BOOST_TEST(data[0]["e"].as_string() == "tab\tq\"\\ \xC3\xA9 \xF0\x9F\x98\x80 /");
        BOOST_TEST(data[0]["k\xC3\xA9y"].as_int() == 1);
        BOOST_TEST((data[0].keys() == std::vector<std::string>{"s", "e", "k\xC3\xA9y"}));
        BOOST_TEST(data[1].is_array());
        BOOST_TEST(data[1].size() == 0u);
        BOOST_TEST(data[2].is_object());
        BOOST_TEST(data[3][0].is_array());
        BOOST_TEST(data[4].is_null());
        BOOST_TEST((data[5].is_bool() && data[5].as_bool() && !data[6].as_bool()));
        BOOST_TEST(data[10].as_int() == std::numeric_limits<long long>::min());
        BOOST_TEST(data[11].as_int() == std::numeric_limits<long long>::max());
        BOOST_TEST((data[12].is_integer() && data[13].is_integer() && !data[14].is_integer()));
        BOOST_TEST(data[13].as_double() == 18446744073709551615.0);
        BOOST_TEST(data[16].as_double() == 1.5);
        BOOST_TEST(data[16].as_int() == 1);
        BOOST_TEST(data[19].as_double() == 0.1);
        BOOST_TEST(data[20].as_double() == 5e-324);
        BOOST_TEST(data[21].as_double() == 1.7976931348623157e308);
        BOOST_TEST((data[22].is_number() && !data[22].is_string()));
        BOOST_TEST((data[23].is_string() && data[23].as_string().empty()));
        BOOST_TEST(data[24].is_null());  // past the end
        BOOST_TEST(data[0]["missing"].is_null());
        BOOST_TEST(!data[0].contains("missing"));
        BOOST_TEST(data[0].contains("s"));
        size_t items = 0;
        for (const JsonData& item : data) items += item.is_null() ? 0 : 1;
        BOOST_TEST(items == 23u);
    };
    check(read);
    const JsonData row = read[0];  // a view taken while the value is a tape
    const JsonData number = read[9];
    JsonData copy = read;  // shares the storage
    JsonData first = copy[0];
    first.set("added", "yes");                          // the first write builds the tree
    BOOST_TEST(read[0]["added"].as_string() == "yes");  // seen through every view: reference semantics
    BOOST_TEST(row["s"].as_string() == "plain");        // views from before find their node in the tree
    BOOST_TEST(row.size() == 4u);
    BOOST_TEST(number.as_int() == 42);
    std::string written = read.dump();
    const std::string added = R"(,"added":"yes")";
    BOOST_TEST_REQUIRE(written.find(added) != std::string::npos);
    written.erase(written.find(added), added.size());
    BOOST_TEST(written == expected);  // the tree writes what the tape wrote
    check(JsonData::parse(expected));
    JsonData replaced = JsonData::parse(text);
    replaced.set("x", 1);  // an array set as an object, as for a built value
    BOOST_TEST(replaced.dump() == R"({"x":1})");
}

// Differential: random documents (nesting, escapes, non-ASCII, numbers of every form) read by the
// tape, written back, must mean what RapidJSON reads in the original; and corrupted ones must be
// refused exactly when RapidJSON refuses them.
BOOST_AUTO_TEST_CASE(the_tape_agrees_with_rapidjson_on_random_documents) {
    std::mt19937 random(20261129);
    auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
    const std::vector<std::string> numbers = {"0",
                                              "-0",
                                              "7",
                                              "-12",
                                              "123456789012345678",
                                              "9223372036854775807",
                                              "-9223372036854775808",
                                              "18446744073709551615",
                                              "1e300",
                                              "2.5",
                                              "-0.000123",
                                              "1E-7",
                                              "6.02e+23",
                                              "0.1",
                                              "123456789012345678901234567890"};
    const std::vector<std::string> strings = {R"("")",
                                              R"("plain")",
                                              R"("tab\there")",
                                              R"("q\"b\\s\/")",
                                              R"("\u00e9\u4e2d\ud83d\ude00")",
                                              "\"\xC3\xA9 caf\xC3\xA9\"",
                                              R"("\b\f\n\r")"};
    std::function<std::string(int)> document = [&](int depth) -> std::string {
        const int kind = depth > 5 ? pick(4) : pick(7);
        switch (kind) {
            case 0: return numbers[pick(static_cast<int>(numbers.size()))];
            case 1: return strings[pick(static_cast<int>(strings.size()))];
            case 2: return pick(2) ? "true" : "false";
            case 3: return "null";
            case 4:
            case 5: {
                std::string out = "[";
                for (int i = 0, n = pick(5); i < n; ++i) out += (i ? ", " : " ") + document(depth + 1);
                return out + "]";
            }
            default: {
                // Distinct keys (RapidJSON's == looks members up by name, so duplicates would not compare).
                std::vector<size_t> keys(strings.size());
                std::iota(keys.begin(), keys.end(), 0);
                std::shuffle(keys.begin(), keys.end(), random);
                std::string out = "{";
                for (int i = 0, n = pick(5); i < n; ++i)
                    out += (i ? "," : "") + strings[keys[i]] + " : " + document(depth + 1);
                return out + "}";
            }
        }
    };
    // RapidJSON refuses a lone UTF-16 surrogate (\ud83d not followed by a low one) and a number
    // beyond a double's range (1e999); Python's json and the tape take both (the number as an
    // infinity), so such a text is no verdict.
    auto rapidjson_reads = [](const std::string& text) -> std::optional<bool> {
        rapidjson::Document parsed;
        parsed.Parse<rapidjson::kParseFullPrecisionFlag>(text.data(), text.size());
        if (parsed.GetParseError() == rapidjson::kParseErrorStringUnicodeSurrogateInvalid ||
            parsed.GetParseError() == rapidjson::kParseErrorNumberTooBig)
            return std::nullopt;
        return !parsed.HasParseError();
    };
    const char* noise = "{}[],:\"x0-e.";
    for (int round = 0; round < 3000; ++round) {
        const std::string text = document(0);
        BOOST_TEST_REQUIRE(rapidjson_reads(text).value_or(false), text);
        const std::string written = dash::JsonData::parse(text).dump();
        // Same meaning: RapidJSON's tree of the original equals its tree of what the tape wrote
        // (RapidJSON compares numbers by value and objects member by member).
        rapidjson::Document original, rewritten;
        original.Parse<rapidjson::kParseFullPrecisionFlag>(text.data(), text.size());
        rewritten.Parse<rapidjson::kParseFullPrecisionFlag>(written.data(), written.size());
        BOOST_TEST_REQUIRE((original == rewritten), text << " was written as " << written);
        // A corrupted copy: refused by both or by neither.
        std::string broken = text;
        const size_t at = random() % broken.size();
        switch (pick(3)) {
            case 0: broken.erase(at, 1); break;
            case 1: broken.insert(at, 1, noise[pick(12)]); break;
            default: broken[at] = noise[pick(12)];
        }
        bool tape_reads = true;
        try {
            dash::JsonData::parse(broken);
        } catch (const std::invalid_argument&) {
            tape_reads = false;
        }
        const std::optional<bool> verdict = rapidjson_reads(broken);
        if (verdict) BOOST_TEST_REQUIRE(tape_reads == *verdict, broken);
    }
}

BOOST_AUTO_TEST_CASE(a_lone_surrogate_is_kept_as_python_keeps_it) {
    // json.loads('"\\ud83d"') is a one-character str; json.dumps writes it back as "\\ud83d".
    BOOST_TEST(dash::JsonData::parse(R"(["\ud83d"])").dump() == R"(["\ud83d"])");
}

BOOST_AUTO_TEST_CASE(a_parsed_value_has_no_nesting_limit_and_no_recursion) {
    using dash::JsonData;
    const size_t depth = 200000;
    const std::string text = std::string(depth, '[') + "1" + std::string(depth, ']');
    JsonData deep = JsonData::parse(text);
    BOOST_TEST(deep.dump() == text);
    JsonData inner = deep;
    for (int i = 0; i < 3; ++i) inner = inner[0];
    inner.push_back(2);  // builds the whole tree without recursion
    BOOST_TEST(deep[0][0][0].size() == 2u);
    BOOST_TEST(deep.size() == 1u);
    // The tree is written, and destroyed, without recursion too.
    BOOST_TEST(deep.dump() == std::string(3, '[') + std::string(depth - 3, '[') + "1" + std::string(depth - 4, ']') +
                                  ",2" + std::string(4, ']'));
}

BOOST_AUTO_TEST_CASE(parse_errors_name_the_fault_and_the_byte) {
    using dash::JsonData;
    auto message = [](std::string_view text) {
        try {
            JsonData::parse(text);
        } catch (const std::invalid_argument& error) {
            return std::string(error.what());
        }
        return std::string("accepted");
    };
    BOOST_TEST(message("[1,2") == "invalid JSON: unterminated object or array at byte 4");
    BOOST_TEST(message("{\"a\" 1}") == "invalid JSON: expected ':' at byte 5");
    BOOST_TEST(message("[1 2]") == "invalid JSON: expected ',' or a closing bracket at byte 3");
    BOOST_TEST(message("{\"a\":1,}") == "invalid JSON: expected a key at byte 7");
    BOOST_TEST(message("[\"a\\x\"]") == "invalid JSON: bad escape at byte 3");
    BOOST_TEST(message("[01]") == "invalid JSON: expected ',' or a closing bracket at byte 2");
    BOOST_TEST(message("[1.]") == "invalid JSON: expected a digit at byte 3");
    BOOST_TEST(message("[tru]") == "invalid JSON: unexpected character at byte 1");
    BOOST_TEST(message("") == "invalid JSON: expected a value at byte 0");
    BOOST_TEST(message("[] []") == "invalid JSON: unexpected text after the JSON value at byte 3");
    BOOST_TEST(message("[\"a\nb\"]") == "invalid JSON: control character in a string at byte 3");
    BOOST_TEST(message(" [ ] ") == "accepted");
    // Text that is not JSON may hold more values than JSON can (a node a byte): the tape grows.
    BOOST_TEST(message(std::string(100000, '[')) == "invalid JSON: expected a value at byte 100000");
    BOOST_TEST(message("[[[[1") == "invalid JSON: unterminated object or array at byte 5");
    BOOST_TEST(message(std::string(128, '[') + "1") == "invalid JSON: unterminated object or array at byte 129");
}

BOOST_AUTO_TEST_CASE(arrays_iterate_with_range_for) {
    using dash::JsonData;
    const JsonData rows = JsonData::parse(R"([{"v":1},{"v":2},{"v":39}])");
    long total = 0;
    for (const JsonData& row : rows) total += row["v"].as_int();
    BOOST_TEST(total == 42);
    size_t visited = 0;
    for (const JsonData& item : JsonData::parse(R"({"a":1})")) visited += item.size() + 1;  // not an array
    BOOST_TEST(visited == 0u);
}

BOOST_AUTO_TEST_CASE(builds_by_moving_values_in) {
    using dash::JsonData;
    JsonData trace = JsonData::object();
    trace.set("type", "scatter").set("x", JsonData::array(std::vector<double>{0.0, 0.5, 1.0 / 3})).set("n", 3);
    JsonData figure = JsonData::object();
    figure.set("data", JsonData::array().push_back(std::move(trace)));
    figure.set("layout", JsonData::object());
    figure["layout"].set("title", "t\xC3\xA9");
    BOOST_TEST(figure.dump() ==
               R"({"data":[{"type":"scatter","x":[0.0,0.5,0.3333333333333333],"n":3}],"layout":{"title":"t\u00e9"}})");
    figure.set("layout", nullptr);  // replaces the member
    BOOST_TEST(figure.dump().find(R"("layout":null)") != std::string::npos);
    BOOST_TEST((JsonData::array(std::vector<std::string>{"a", "\""}).dump() == R"(["a","\""])"));
}

BOOST_AUTO_TEST_CASE(a_callback_takes_and_returns_it_without_a_jsoncpp_tree) {
    using dash::JsonData;
    const Json::Value body =
        dash::json::parse(R"({"inputs":[{"id":"s","property":"data","value":[{"x":1},{"x":2}]}]})");
    const std::vector<std::string_view> texts = {R"([{"x":1},{"x":2}])"};
    using Arguments = std::tuple<const JsonData&>;
    auto callback = [](const JsonData& rows) {
        JsonData out = JsonData::object();
        out.set("count", static_cast<long>(rows.size())).set("last", rows[rows.size() - 1]["x"].as_int());
        return out;
    };
    const dash::detail::Reported reported = dash::detail::invoke<Arguments, JsonData>(callback, texts);
    BOOST_TEST(reported.has_texts);
    BOOST_TEST_REQUIRE(reported.texts.size() == 1u);
    BOOST_TEST(*reported.texts[0] == R"({"count":2,"last":2})");
    (void)body;
}

BOOST_AUTO_TEST_SUITE_END()
