// Unit tests of the compress plugin's logic: negotiation, what is compressible, the codecs (decoded
// back to the original bytes), the cache and the config checks.
#define BOOST_TEST_MODULE compress
#include "cache.hpp"
#include "codecs.hpp"
#include "negotiation.hpp"
#include "settings.hpp"

#include <dash/exceptions.hpp>
#include <dash/json.hpp>

#include <boost/test/unit_test.hpp>

#include <brotli/decode.h>
#include <zlib.h>
#include <zstd.h>

using namespace dashcpp::compress;

namespace {

const std::vector<std::string> all = {"br", "zstd", "gzip"};

std::string gunzip(const std::string& data) {
    z_stream stream{};
    BOOST_REQUIRE(inflateInit2(&stream, 15 + 16) == Z_OK);
    std::string out(1 << 20, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    BOOST_REQUIRE(inflate(&stream, Z_FINISH) == Z_STREAM_END);
    out.resize(stream.total_out);
    inflateEnd(&stream);
    return out;
}

std::string unbrotli(const std::string& data) {
    std::string out(1 << 20, '\0');
    size_t size = out.size();
    BOOST_REQUIRE(BrotliDecoderDecompress(data.size(), reinterpret_cast<const uint8_t*>(data.data()), &size,
                                          reinterpret_cast<uint8_t*>(out.data())) == BROTLI_DECODER_RESULT_SUCCESS);
    out.resize(size);
    return out;
}

std::string unzstd(const std::string& data) {
    std::string out(1 << 20, '\0');
    const size_t size = ZSTD_decompress(out.data(), out.size(), data.data(), data.size());
    BOOST_REQUIRE(!ZSTD_isError(size));
    out.resize(size);
    return out;
}

std::string sample() {
    std::string text;
    for (int i = 0; i < 2000; ++i) text += "{\"x\":" + std::to_string(i) + ",\"label\":\"point é\"},";
    return text;
}

}  // namespace

BOOST_AUTO_TEST_CASE(negotiation_takes_the_highest_q_and_breaks_ties_by_server_order) {
    BOOST_TEST(negotiate("gzip, br", all) == "br");
    BOOST_TEST(negotiate("gzip;q=1.0, br;q=0.5", all) == "gzip");
    BOOST_TEST(negotiate("zstd;q=0.8, gzip;q=0.8", all) == "zstd");
    BOOST_TEST(negotiate("GZIP", all) == "gzip");
    BOOST_TEST(negotiate(" deflate , gzip ; q=0.3 ", all) == "gzip");
}

BOOST_AUTO_TEST_CASE(negotiation_honours_wildcards_exclusions_and_absence) {
    BOOST_TEST(negotiate("*", all) == "br");
    BOOST_TEST(negotiate("br;q=0, *", all) == "zstd");
    BOOST_TEST(negotiate("*;q=0", all) == "");
    BOOST_TEST(negotiate("identity", all) == "");
    BOOST_TEST(negotiate("", all) == "");
    BOOST_TEST(negotiate("br", {"gzip"}) == "");
    BOOST_TEST(negotiate("gzip;q=abc, br;q=0.1", all) == "br");  // a malformed q counts as 0
    BOOST_TEST(negotiate("gzip;q=7", {"gzip"}) == "gzip");       // clamped to 1
}

BOOST_AUTO_TEST_CASE(only_successful_unencoded_listed_types_are_compressible) {
    const std::vector<std::string> types = {"application/json", "text/html"};
    BOOST_TEST(compressible(200, std::nullopt, std::string("application/json"), types));
    BOOST_TEST(compressible(200, std::nullopt, std::string("Text/HTML; charset=utf-8"), types));
    BOOST_TEST(!compressible(200, std::nullopt, std::string("image/png"), types));
    BOOST_TEST(!compressible(200, std::string("gzip"), std::string("application/json"), types));
    BOOST_TEST(!compressible(304, std::nullopt, std::string("application/json"), types));
    BOOST_TEST(!compressible(500, std::nullopt, std::string("text/html"), types));
    BOOST_TEST(!compressible(200, std::nullopt, std::nullopt, types));
}

BOOST_AUTO_TEST_CASE(each_codec_decodes_back_to_the_original_and_is_smaller) {
    const std::string text = sample();
    const std::string g = gzip(text, 6), b = brotli(text, 4), z = zstd(text, 3);
    BOOST_TEST(gunzip(g) == text);
    BOOST_TEST(unbrotli(b) == text);
    BOOST_TEST(unzstd(z) == text);
    BOOST_TEST(g.size() < text.size() / 4);
    BOOST_TEST(b.size() < text.size() / 4);
    BOOST_TEST(z.size() < text.size() / 4);
    BOOST_TEST(gunzip(gzip("", 6)).empty());
}

BOOST_AUTO_TEST_CASE(the_cache_compresses_once_per_key) {
    CompressedCache cache;
    int made = 0;
    auto make = [&] {
        ++made;
        return std::string("compressed");
    };
    const auto first = cache.get({"a", "v1", "br"}, make);
    const auto again = cache.get({"a", "v1", "br"}, make);
    const auto other = cache.get({"a", "v1", "gzip"}, make);
    BOOST_TEST(made == 2);
    BOOST_TEST(first.get() == again.get());
    BOOST_TEST(first.get() != other.get());
    BOOST_TEST(cache.size() == 2u);
}

BOOST_AUTO_TEST_CASE(settings_have_defaults_and_refuse_bad_keys_and_values) {
    const Settings defaults = read_settings(Json::Value(Json::objectValue));
    BOOST_TEST(defaults.algorithms == all);
    BOOST_TEST(defaults.min_size == 500u);
    const Settings custom = read_settings(dash::json::parse(R"({"algorithms":["gzip"],"min_size":10,"gzip_level":9})"));
    BOOST_TEST(custom.algorithms == std::vector<std::string>{"gzip"});
    BOOST_TEST(custom.min_size == 10u);
    BOOST_TEST(custom.gzip_level == 9);
    auto message_of = [](const char* config) {
        try {
            read_settings(dash::json::parse(config));
        } catch (const dash::InvalidConfig& error) {
            return std::string(error.what());
        }
        return std::string("accepted");
    };
    BOOST_TEST(message_of(R"({"algorithms":["deflate"]})").find("unknown algorithm 'deflate'") != std::string::npos);
    BOOST_TEST(message_of(R"({"gzip_level":12})").find("\"gzip_level\" must be an integer from 1 to 9") != std::string::npos);
    BOOST_TEST(message_of(R"({"min_sise":1})").find("unknown config key \"min_sise\"") != std::string::npos);
    BOOST_TEST(message_of(R"({"mime_types":"text/html"})").find("must be a list of strings") != std::string::npos);
}
