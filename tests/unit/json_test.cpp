// JSON text as Python and the browser write it: numbers, escapes, stringified ids (§3, §9.1).
#include <dash/core/callbacks.hpp>
#include <dash/json.hpp>

#include <boost/test/unit_test.hpp>

#include <cmath>

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

BOOST_AUTO_TEST_CASE(stringified_ids_match_the_renderer) {
    BOOST_TEST(stringify_id(Json::Value("plain")) == "plain");
    BOOST_TEST(stringify_id(parse(R"({"type":"item","index":0})")) == R"({"index":0,"type":"item"})");
    BOOST_TEST(stringify_id(parse(R"({"type":"item","index":["MATCH"]})")) == R"({"index":["MATCH"],"type":"item"})");
    BOOST_TEST(stringify_id(parse(R"({"done":true,"index":1.5,"type":"t\u00e9"})")) ==
               "{\"done\":true,\"index\":1.5,\"type\":\"t\xC3\xA9\"}");
    BOOST_TEST(stringify_id(parse(R"({"i":1.0})")) == R"({"i":1})");
}

BOOST_AUTO_TEST_CASE(syntax_check_accepts_json_and_rejects_the_rest) {
    using dash::core::is_valid_json;
    for (const char* good : {"1", "-0.5e+3", "\"a\\u00e9\"", "[1,[2,{}]]", " {\"a\": [true, false, null]} "})
        BOOST_TEST(is_valid_json(good), good);
    for (const char* bad : {"", "01", "[1,]", "{\"a\" 1}", "\"unterminated", "nul", "1 2", "\"\\x\"", "{'a':1}"})
        BOOST_TEST(!is_valid_json(bad), bad);
}

BOOST_AUTO_TEST_SUITE_END()
