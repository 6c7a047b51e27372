// Where an argument object or array ends, found without checking it (callbacks/json_extent.*): on
// JSON it ends where the checking scanner says; on any text it agrees with a byte-by-byte reading
// of the same rule; the nesting limit and the end of the text are reported as the scanner does.
#include "callbacks/json_extent.hpp"

#include <dash/json_scan.hpp>

#include <boost/test/unit_test.hpp>

#include <random>
#include <string>

using dash::core::container_end;

namespace {

// The rule, a byte at a time: a backslash not itself escaped escapes the next byte; an unescaped
// quote starts or ends a string; brackets outside strings count. Returns the end, or throws
// dash::json::ScanError as container_end does.
size_t reference_end(std::string_view text, size_t pos, int max_depth) {
    long depth = 0;
    bool in_string = false, escaped = false;
    for (size_t i = pos; i < text.size(); ++i) {
        const char c = text[i];
        const bool this_escaped = escaped;
        escaped = c == '\\' && !this_escaped;
        if (c == '"' && !this_escaped) {
            in_string = !in_string;
            continue;
        }
        if (in_string) continue;
        if (c == '[' || c == '{') {
            if (++depth > max_depth)
                throw dash::json::ScanError("JSON nested deeper than " + std::to_string(max_depth) + " levels", i);
        } else if ((c == ']' || c == '}') && --depth == 0) {
            return i + 1;
        }
    }
    throw dash::json::ScanError("unterminated object or array", text.size());
}

// "end N" or the error's message.
template <class F>
std::string outcome(F&& find) {
    try {
        return "end " + std::to_string(find());
    } catch (const dash::json::ScanError& error) {
        return error.what();
    }
}

// A random JSON value whose strings are full of what could confuse a delimiter: brackets, escaped
// quotes, runs of backslashes, \u escapes, long plain runs across 64-byte blocks.
std::string random_string(std::mt19937& random) {
    static const char* const pieces[] = {
        "[",    "]",        "{",        "}",   "\\\"",
        "\\\\", "\\\\\\\"", "\\u005b",  ",",   ":",
        " ",    "a",        "\xc3\xa9", "\\n", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"};
    std::string text = "\"";
    const int count = static_cast<int>(random() % 12);
    for (int i = 0; i < count; ++i) text += pieces[random() % (sizeof pieces / sizeof *pieces)];
    return text + "\"";
}
std::string random_value(std::mt19937& random, int depth) {
    const unsigned kind = depth >= 7 ? random() % 4 : random() % 7;
    const char* const space = random() % 4 == 0 ? " \n " : "";
    switch (kind) {
        case 0: return random_string(random);
        case 1: return std::to_string(static_cast<int>(random() % 2000) - 1000) + ".25e-3";
        case 2: return random() % 2 ? "true" : "null";
        case 3: return "[]";
        case 4:
        case 5: {
            std::string text = std::string("[") + space;
            const int count = static_cast<int>(random() % 6);
            for (int i = 0; i < count; ++i) text += (i ? "," : "") + random_value(random, depth + 1) + space;
            return text + "]";
        }
        default: {
            std::string text = "{";
            const int count = static_cast<int>(random() % 5);
            for (int i = 0; i < count; ++i)
                text += (i ? "," : "") + random_string(random) + space + ":" + random_value(random, depth + 1);
            return text + space + "}";
        }
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(json_extent)

BOOST_AUTO_TEST_CASE(the_vector_masks_are_the_bytewise_ones) {
    std::mt19937 random(7);
    const std::string alphabet = "[]{}\"\\ az\x7b\x5b\x5d\x7d\xdb\xfb\xdd\xfd\x80\xff\x3b\x3d";
    for (int round = 0; round < 20000; ++round) {
        char block[64];
        for (char& c : block) c = round % 2 ? alphabet[random() % alphabet.size()] : static_cast<char>(random() % 256);
        const auto vector = dash::core::detail::block_masks(block);
        const auto bytewise = dash::core::detail::block_masks_bytewise(block);
        BOOST_TEST_REQUIRE(vector.quote == bytewise.quote);
        BOOST_TEST_REQUIRE(vector.backslash == bytewise.backslash);
        BOOST_TEST_REQUIRE(vector.open == bytewise.open);
        BOOST_TEST_REQUIRE(vector.close == bytewise.close);
    }
}

BOOST_AUTO_TEST_CASE(on_json_the_value_ends_where_the_checking_scanner_says) {
    std::mt19937 random(11);
    for (int round = 0; round < 5000; ++round) {
        std::string value;
        do value = random_value(random, 0);
        while (value.front() != '[' && value.front() != '{');
        // At every offset within a block, followed by more text as in a body.
        const std::string text = std::string(random() % 70, ' ') + value + R"(,"changedPropIds":["a.b"]})";
        const size_t pos = text.find_first_not_of(' ');
        dash::json::Scanner scanner(text, 100);
        scanner.skip_to(pos);
        BOOST_TEST_INFO(text);
        BOOST_TEST_REQUIRE(scanner.value().size() == value.size());
        BOOST_TEST_REQUIRE(container_end(text, pos, 100) == pos + value.size());
    }
}

BOOST_AUTO_TEST_CASE(on_any_text_it_agrees_with_the_rule_read_a_byte_at_a_time) {
    std::mt19937 random(13);
    const std::string alphabet = "[]{}\"\\\\\"a, ";
    for (int round = 0; round < 100000; ++round) {
        std::string text(1 + random() % 200, ' ');
        for (char& c : text) c = alphabet[random() % alphabet.size()];
        text[0] = random() % 2 ? '[' : '{';
        const int max_depth = 1 + static_cast<int>(random() % 8);
        const std::string expected = outcome([&] { return reference_end(text, 0, max_depth); });
        BOOST_TEST_INFO(text << " (max depth " << max_depth << ")");
        BOOST_TEST_REQUIRE(outcome([&] { return container_end(text, 0, max_depth); }) == expected);
    }
}

BOOST_AUTO_TEST_CASE(the_limits_are_reported_as_the_scanner_reports_them) {
    // Exactly max_depth levels pass; one more is refused at its bracket, as the scanner refuses it.
    const std::string deep = std::string(100, '[') + std::string(100, ']');
    BOOST_TEST(container_end(deep, 0, 100) == deep.size());
    const std::string deeper = "[" + deep + "]";
    BOOST_TEST(outcome([&] { return container_end(deeper, 0, 100); }) ==
               "JSON nested deeper than 100 levels at byte 100");
    BOOST_TEST(outcome([&] {
                   dash::json::Scanner scanner(deeper, 100);
                   return scanner.value().size();
               }) == "JSON nested deeper than 100 levels at byte 100");
    // Blocks that go deep and come back within the limit, many times over.
    std::string waves = "[";
    for (int i = 0; i < 500; ++i) waves += std::string(40, '[') + std::string(40, ']') + ",";
    waves += "1]";
    BOOST_TEST(container_end(waves, 0, 41) == waves.size());
    BOOST_TEST(outcome([&] { return container_end(waves, 0, 40); }) == "JSON nested deeper than 40 levels at byte 40");
    // The text ends first: inside a string, or with brackets open.
    BOOST_TEST(outcome([&] { return container_end(R"({"a":"}])", 0, 10); }) ==
               "unterminated object or array at byte 8");
    BOOST_TEST(outcome([&] { return container_end(std::string(3000, '['), 0, 5000); }) ==
               "unterminated object or array at byte 3000");
    // A backslash at the end of a block escapes the first byte of the next.
    std::string split = "[\"" + std::string(61, 'x') + "\\\"]\"]";
    BOOST_TEST(split[63] == '\\');
    BOOST_TEST(container_end(split, 0, 10) == split.size());
}

BOOST_AUTO_TEST_SUITE_END()
