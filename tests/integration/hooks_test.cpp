// Integration: the hooks extension and the deployment plugins — compression negotiation and
// round trips, basic-auth, health, banner, hook order and the single final hook, and the same app
// deployed with and without them.
#include "host_process.hpp"

#include <dash/json.hpp>

#include <Poco/Base64Encoder.h>
#include <Poco/InflatingStream.h>
#include <brotli/decode.h>
#include <zstd.h>

#include <boost/test/unit_test.hpp>

#include <sstream>

using namespace dash::test;

namespace {

const std::string dir = DASHCPP_SOURCE_DIR "/tests/integration/hooks/";
const char* const echo_body =
    R"({"output":"out.children","outputs":{"id":"out","property":"children"},"inputs":[{"id":"in","property":"value","value":"hi"}],"changedPropIds":[]})";

std::string basic(const std::string& credentials) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder << credentials;
    encoder.close();
    return "Basic " + out.str();
}

std::string gunzip(const std::string& data) {
    std::istringstream in(data);
    Poco::InflatingInputStream inflater(in, Poco::InflatingStreamBuf::STREAM_GZIP);
    std::string out;
    Poco::StreamCopier::copyToString(inflater, out);
    return out;
}

std::string unbrotli(const std::string& data) {
    std::string out;
    BrotliDecoderState* state = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
    size_t available_in = data.size();
    const uint8_t* next_in = reinterpret_cast<const uint8_t*>(data.data());
    BrotliDecoderResult result = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
    while (result == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
        uint8_t buffer[65536];
        size_t available_out = sizeof buffer;
        uint8_t* next_out = buffer;
        result = BrotliDecoderDecompressStream(state, &available_in, &next_in, &available_out, &next_out, nullptr);
        out.append(reinterpret_cast<char*>(buffer), sizeof buffer - available_out);
    }
    BrotliDecoderDestroyInstance(state);
    return result == BROTLI_DECODER_RESULT_SUCCESS ? out : "<brotli error>";
}

std::string unzstd(const std::string& data) {
    const unsigned long long size = ZSTD_getFrameContentSize(data.data(), data.size());
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN) return "<zstd error>";
    std::string out(size, '\0');
    const size_t n = ZSTD_decompress(out.data(), out.size(), data.data(), data.size());
    return ZSTD_isError(n) ? "<zstd error>" : out;
}

struct Secure {
    HostProcess host{dir + "secure.json", {}, {}};
    std::map<std::string, std::string> auth(std::map<std::string, std::string> headers = {}) const {
        headers["Authorization"] = basic("alice:wonderland");
        return headers;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(deployment_plugins, Secure)

BOOST_AUTO_TEST_CASE(basic_auth_refuses_and_admits) {
    const Reply refused = host.get("/_dash-layout");
    BOOST_TEST(refused.status == 401);
    BOOST_TEST(refused.header("WWW-Authenticate") == R"(Basic realm="test", charset="UTF-8")");
    BOOST_TEST(host.get("/_dash-layout", {{"Authorization", basic("alice:wrong")}}).status == 401);
    BOOST_TEST(host.get("/_dash-layout", {{"Authorization", basic("bob:wonderland")}}).status == 401);
    BOOST_TEST(host.get("/_dash-layout", {{"Authorization", "Basic !!!"}}).status == 401);
    BOOST_TEST(host.get("/_dash-layout", auth()).status == 200);
}

BOOST_AUTO_TEST_CASE(each_encoding_is_negotiated_and_decodes_to_the_original) {
    const std::string path = "/_dash-component-suites/dash/dcc/dash_core_components.js";
    const Reply plain = host.get(path, auth());
    BOOST_TEST(plain.header("Content-Encoding").empty());  // no Accept-Encoding: identity
    BOOST_TEST(plain.header("Vary") == "Accept-Encoding");
    const Reply gzipped = host.get(path, auth({{"Accept-Encoding", "gzip"}}));
    BOOST_TEST(gzipped.header("Content-Encoding") == "gzip");
    BOOST_TEST(gunzip(gzipped.body) == plain.body);
    BOOST_TEST(gzipped.body.size() < plain.body.size() / 2);
    const Reply brotlied = host.get(path, auth({{"Accept-Encoding", "gzip, deflate, br"}}));
    BOOST_TEST(brotlied.header("Content-Encoding") == "br");  // tie: the server's order prefers br
    BOOST_TEST(unbrotli(brotlied.body) == plain.body);
    const Reply zstded = host.get(path, auth({{"Accept-Encoding", "br;q=0.5, zstd;q=0.9, gzip;q=0.1"}}));
    BOOST_TEST(zstded.header("Content-Encoding") == "zstd");
    BOOST_TEST(unzstd(zstded.body) == plain.body);
    BOOST_TEST(
        host.get(path, auth({{"Accept-Encoding", "gzip;q=0, br;q=0, zstd;q=0"}})).header("Content-Encoding").empty());
    BOOST_TEST(host.get(path, auth({{"Accept-Encoding", "deflate"}})).header("Content-Encoding").empty());
    BOOST_TEST(host.get(path, auth({{"Accept-Encoding", "*"}})).header("Content-Encoding") == "br");
    // Served again from the cache: the same bytes.
    BOOST_TEST(host.get(path, auth({{"Accept-Encoding", "gzip"}})).body == gzipped.body);
    // Assets (no static buffer, but an ETag) too.
    const Reply asset = host.get("/assets/app.js", auth({{"Accept-Encoding", "br"}}));
    BOOST_TEST(asset.status == 200);
    BOOST_TEST(asset.header("Content-Encoding") == "br");
    BOOST_TEST(contains(unbrotli(asset.body), "window.dash_clientside"));
    BOOST_TEST(host.get("/assets/app.js", auth({{"Accept-Encoding", "br"}})).body == asset.body);
}

BOOST_AUTO_TEST_CASE(small_and_dynamic_answers_respect_the_threshold) {
    const Reply small = host.post("/_dash-update-component", echo_body);
    BOOST_TEST(small.status == 401);
    const Reply echo =
        request(host.port(), "POST", "/_dash-update-component", echo_body, auth({{"Accept-Encoding", "gzip"}}));
    BOOST_TEST(echo.status == 200);
    BOOST_TEST(echo.header("Content-Encoding").empty());  // 60 bytes < min_size 500
    BOOST_TEST(echo.body == R"({"multi":true,"response":{"out":{"children":"echo: hi"}}})");
    const Reply index = host.get("/", auth({{"Accept-Encoding", "gzip"}}));
    BOOST_TEST(index.header("Content-Encoding") == "gzip");
    BOOST_TEST(contains(gunzip(index.body), "_dash-config"));
}

BOOST_AUTO_TEST_CASE(health_lists_plugins_and_banner_wraps_the_layout) {
    const Json::Value health = dash::json::parse(host.get("/health", auth()).body);
    BOOST_TEST(health["status"].asString() == "ok");
    bool found = false;
    for (const auto& plugin : health["plugins"]) found = found || plugin["id"].asString() == "org.dashcpp.compress";
    BOOST_TEST(found);
    BOOST_TEST(health["plugins"].size() == 9u);
    const Json::Value layout = dash::json::parse(host.get("/_dash-layout", auth()).body);
    BOOST_TEST(layout["props"]["children"][0]["props"]["id"].asString() == "_dashcpp-banner");
    BOOST_TEST(layout["props"]["children"][0]["props"]["children"].asString() == "STAGING");
    BOOST_TEST(layout["props"]["children"][1]["props"]["children"][0]["props"]["id"].asString() == "title");
}

BOOST_AUTO_TEST_CASE(access_log_and_error_report_write_their_lines) {
    BOOST_TEST(host.get("/_dash-dependencies", auth()).status == 200);
    BOOST_TEST(host.wait_for_log("[org.dashcpp.hooks.access-log] access GET /_dash-dependencies 200 "));
    const Reply failed = request(
        host.port(), "POST", "/_dash-update-component",
        R"({"output":"out.children","outputs":{"id":"out","property":"children"},"inputs":[{"id":"in","property":"value","value":7}],"changedPropIds":[]})",
        auth());
    BOOST_TEST(failed.status == 500);
    BOOST_TEST(host.wait_for_log(
        R"(callback out.children failed: argument 1 (in.value) of the callback for out.children: expected a string, got 7)"));
    BOOST_TEST(host.wait_for_log(R"(; inputs [{"id":"in","property":"value","value":7}])"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(the_same_app_without_the_deployment_plugins) {
    HostProcess host(dir + "plain.json");
    const Reply layout = host.get("/_dash-layout", {{"Accept-Encoding", "gzip"}});
    BOOST_TEST(layout.status == 200);                       // no basic-auth
    BOOST_TEST(layout.header("Content-Encoding").empty());  // no compression
    BOOST_TEST(!contains(layout.body, "_dashcpp-banner"));
}

BOOST_AUTO_TEST_CASE(hooks_run_by_priority_with_the_final_one_last) {
    HostProcess host(dir + "order.json");
    BOOST_TEST(host.get("/_dash-dependencies").header("X-Order") == "p10,p5,p1,final");
}

BOOST_AUTO_TEST_CASE(custom_data_reaches_callbacks_and_dev_tools_reach_the_debug_menu) {
    HostProcess host(dir + "custom-data.json");
    const Reply reply = request(
        host.port(), "POST", "/_dash-update-component",
        R"({"output":"custom-out.children","outputs":{"id":"custom-out","property":"children"},"inputs":[{"id":"custom-in","property":"value","value":1}],"changedPropIds":[]})",
        {{"X-Tenant", "acme"}});
    BOOST_TEST(reply.body == R"({"multi":true,"response":{"custom-out":{"children":{"tenant":"acme"}}}})");
    BOOST_TEST(contains(host.get("/").body, R"("dev_tools":[{"namespace":"dash_html_components","position":"left")"));
}

BOOST_AUTO_TEST_CASE(a_second_final_hook_and_compress_without_plugin_are_refused) {
    const auto second = run_host_once({"--config", dir + "second-final.json"});
    BOOST_TEST(second.first != 0);
    BOOST_TEST(contains(second.second,
                        "HookError: a final hook of kind 2 is already registered by 'org.dashcpp.tests.hook-order'"));
    const auto compress = run_host_once({"--config", dir + "compress-missing.json"});
    BOOST_TEST(compress.first != 0);
    BOOST_TEST(contains(compress.second, "InvalidConfig: app.compress is true but no plugin provides compression"));
    const auto health = run_host_once({"--config", dir + "health-missing.json"});
    BOOST_TEST(health.first != 0);
    BOOST_TEST(
        contains(health.second, "InvalidConfig: app.health_endpoint is 'healthz' but no plugin serves that path"));
}

BOOST_AUTO_TEST_CASE(health_serves_the_apps_health_endpoint_as_python_does) {
    HostProcess host(dir + "logged.json");
    const Reply reply = host.get("/healthz");
    BOOST_TEST(reply.status == 200);
    BOOST_TEST(reply.body == "OK");
    BOOST_TEST(reply.header("Content-Type") == "text/plain; charset=utf-8");
    BOOST_TEST(host.get("/health").status == 200);  // not a route: the index page, as any other path
    BOOST_TEST(contains(host.get("/health").body, "_dash-config"));
}

BOOST_AUTO_TEST_CASE(the_access_log_is_a_plugin_and_silence_routes_logging_turns_it_off) {
    const char* const bad_callback =
        R"({"output":"out.children","outputs":{"id":"out","property":"children"},"inputs":[{"id":"in","property":"value","value":7}],"changedPropIds":[]})";
    {
        HostProcess host(dir + "logged.json");
        BOOST_TEST(host.get("/_dash-layout?x=1").status == 200);
        BOOST_TEST(host.wait_for_log("[org.dashcpp.hooks.access-log] access GET /_dash-layout?x=1 200 "));
    }
    {
        HostProcess host(dir + "logged.json", {}, {{"DASH_SILENCE_ROUTES_LOGGING", "true"}});
        BOOST_TEST(host.wait_for_log("access log off: dev_tools.silence_routes_logging is set"));
        BOOST_TEST(host.get("/_dash-layout?x=2").status == 200);
        // A failing callback logs an error line after it: once that is read, an access line would be too.
        BOOST_TEST(host.post("/_dash-update-component", bad_callback).status == 500);
        BOOST_TEST(host.wait_for_log("callback out.children failed"));
        BOOST_TEST(!contains(host.log(), "access GET"));
    }
    {
        HostProcess host(dir + "plain.json");  // no access-log plugin: no access lines at all
        BOOST_TEST(host.get("/_dash-layout").status == 200);
        BOOST_TEST(host.post("/_dash-update-component", bad_callback).status == 500);
        BOOST_TEST(host.wait_for_log("callback out.children failed"));
        BOOST_TEST(!contains(host.log(), "_dash-layout"));
    }
}
