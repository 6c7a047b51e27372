// Integration: every route of a running dash-host over HTTP, bad requests answered 4xx with a
// message while the host keeps serving, URL prefixes, keep-alive capacity, start-up failures.
#define BOOST_TEST_MODULE dashcpp_integration
#include "host_process.hpp"

#include <dash/json.hpp>

#include <Poco/Net/StreamSocket.h>

#include <boost/test/unit_test.hpp>

#include <regex>

using namespace dash::test;

namespace {

const std::string app_config = DASHCPP_SOURCE_DIR "/tests/integration/app/dash.json";
const char* const echo_body =
    R"({"output":"out.children","outputs":{"id":"out","property":"children"},"inputs":[{"id":"in","property":"value","value":"hello"}],"changedPropIds":["in.value"],"parsedChangedPropsIds":["in.value"]})";

struct Host {
    HostProcess host{app_config};
    void still_serving() const {
        BOOST_TEST(host.running());
        BOOST_TEST(host.post("/_dash-update-component", echo_body).status == 200);
    }
};

std::vector<std::string> script_sources(const std::string& html) {
    std::vector<std::string> sources;
    std::regex pattern("<script src=\"([^\"]+)\"");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), pattern); it != std::sregex_iterator(); ++it)
        sources.push_back((*it)[1]);
    return sources;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(routes, Host)

BOOST_AUTO_TEST_CASE(index_page_has_config_scripts_and_bootstrap) {
    const Reply index = host.get("/");
    BOOST_TEST(index.status == 200);
    BOOST_TEST(index.header("Content-Type") == "text/html; charset=utf-8");
    BOOST_TEST(contains(index.body, "<title>integration <app></title>"));
    BOOST_TEST(contains(index.body, R"(<meta content="a &quot;quoted&quot; app" name="description">)"));
    BOOST_TEST(contains(index.body, R"(<link rel="stylesheet" href="https://example.com/x.css">)"));
    BOOST_TEST(
        std::regex_search(index.body, std::regex(R"(<link rel="stylesheet" href="/assets/style.css\?m=[0-9.]+">)")));
    BOOST_TEST(std::regex_search(index.body,
                                 std::regex(R"(<link rel="icon" type="image/x-icon" href="/assets/favicon.ico\?m=)")));
    BOOST_TEST(contains(index.body, R"(<div id="react-entry-point">)"));
    BOOST_TEST(contains(
        index.body,
        R"(<script id="_dash-renderer" type="application/javascript">var renderer = new DashRenderer();</script>)"));
    BOOST_TEST(!contains(index.body, "ignored.js"));
    // The config block parses and carries what the renderer needs.
    std::smatch config;
    BOOST_TEST(std::regex_search(index.body, config,
                                 std::regex(R"(<script id="_dash-config" type="application/json">(.*?)</script>)")));
    const Json::Value parsed = dash::json::parse(config[1].str());
    BOOST_TEST(parsed["requests_pathname_prefix"].asString() == "/");
    BOOST_TEST(parsed["children_props"]["dash_core_components"]["Tab"][0].asString() == "label");
    BOOST_TEST(parsed["children_props"]["dash_html_components"]["Div"].isArray());
    // Scripts: React deps first, then the renderer, then the components, then assets.
    const auto sources = script_sources(index.body);
    BOOST_REQUIRE(sources.size() == 9u);
    BOOST_TEST(std::regex_match(
        sources[0], std::regex(R"(/_dash-component-suites/dash/deps/polyfill@7\.v4_3_0m[0-9a-f]+\.12\.1\.min\.js)")));
    BOOST_TEST(contains(sources[1], "/deps/react@18."));
    BOOST_TEST(contains(sources[2], "/deps/react-dom@18."));
    BOOST_TEST(contains(sources[3], "/deps/prop-types@15."));
    BOOST_TEST(contains(sources[4], "/dash-renderer/build/dash_renderer.v"));
    BOOST_TEST(std::regex_match(sources[8], std::regex(R"(/assets/sub/app\.js\?m=[0-9.]+)")));
    for (const auto& source : sources) {
        const Reply script = host.get(source);
        BOOST_TEST(script.status == 200, source);
        BOOST_TEST(contains(script.header("Content-Type"), "javascript"), source);
    }
}

BOOST_AUTO_TEST_CASE(unknown_get_paths_fall_back_to_the_index) {
    const Reply page = host.get("/some/client/route");
    BOOST_TEST(page.status == 200);
    BOOST_TEST(contains(page.body, "_dash-config"));
    BOOST_TEST(host.get("/_dash-update-component").status == 200);  // as Python: GET falls through
}

BOOST_AUTO_TEST_CASE(layout_and_dependencies_are_json) {
    const Reply layout = host.get("/_dash-layout");
    BOOST_TEST(layout.status == 200);
    BOOST_TEST(layout.header("Content-Type") == "application/json");
    const Json::Value tree = dash::json::parse(layout.body);
    BOOST_TEST(tree["type"].asString() == "Div");
    BOOST_TEST(tree["namespace"].asString() == "dash_html_components");
    BOOST_TEST(tree["props"]["children"][2]["props"]["children"].isNull());
    const Reply deps = host.get("/_dash-dependencies");
    BOOST_TEST(deps.header("Content-Type") == "application/json");
    const Json::Value list = dash::json::parse(deps.body);
    BOOST_TEST(list.size() == 2u);
    BOOST_TEST(list[0]["output"].asString() == "out.children");
    BOOST_TEST(list[1]["output"].asString() == "graph.figure");
}

BOOST_AUTO_TEST_CASE(callbacks_answer_like_python) {
    const Reply echo = host.post("/_dash-update-component", echo_body);
    BOOST_TEST(echo.status == 200);
    BOOST_TEST(echo.header("Content-Type") == "application/json");
    BOOST_TEST(echo.body == R"({"multi":true,"response":{"out":{"children":"echo: hello"}}})");
    const Reply graph = host.post(
        "/_dash-update-component",
        R"({"output":"graph.figure","outputs":{"id":"graph","property":"figure"},"inputs":[{"id":"dd","property":"value","value":"cos"}],"changedPropIds":[]})");
    BOOST_TEST(graph.status == 200);
    const Json::Value figure = dash::json::parse(graph.body)["response"]["graph"]["figure"];
    BOOST_TEST(figure["layout"]["title"]["text"].asString() == "cos");
    BOOST_TEST(figure["data"][0]["x"][1].asDouble() == 0.25);
    // Shortest round-trip numbers: no 17-digit noise in the figure.
    BOOST_TEST(!contains(graph.body, "0.24999999"));
    const Reply prevented = host.post(
        "/_dash-update-component",
        R"({"output":"graph.figure","outputs":{"id":"graph","property":"figure"},"inputs":[{"id":"dd","property":"value"}],"changedPropIds":[]})");
    BOOST_TEST(prevented.status == 204);
    BOOST_TEST(prevented.body.empty());
}

BOOST_AUTO_TEST_CASE(component_suites_cache_and_revalidate) {
    const Reply index = host.get("/");
    std::string dcc;
    for (const auto& source : script_sources(index.body))
        if (contains(source, "dash_core_components.v")) dcc = source;
    const Reply fingerprinted = host.get(dcc);
    BOOST_TEST(fingerprinted.status == 200);
    BOOST_TEST(contains(fingerprinted.header("Cache-Control"), "max-age=31536000"));
    const Reply plain = host.get("/_dash-component-suites/dash/dcc/dash_core_components.js");
    BOOST_TEST(plain.status == 200);
    BOOST_TEST(plain.body == fingerprinted.body);
    const std::string etag = plain.header("ETag");
    BOOST_TEST(!etag.empty());
    const Reply revalidated =
        host.get("/_dash-component-suites/dash/dcc/dash_core_components.js", {{"If-None-Match", etag}});
    BOOST_TEST(revalidated.status == 304);
    BOOST_TEST(revalidated.body.empty());
    // Lazy chunks by plain name, plotly.js where the renderer hard-codes it.
    BOOST_TEST(host.get("/_dash-component-suites/dash/dcc/async-graph.js").status == 200);
    const Reply plotly = host.get("/_dash-component-suites/plotly/package_data/plotly.min.js");
    BOOST_TEST(plotly.status == 200);
    BOOST_TEST(plotly.body.size() > 1000000u);
}

BOOST_AUTO_TEST_CASE(favicon_assets_health_and_reload_hash) {
    const Reply favicon = host.get("/_favicon.ico?v=4.3.0");
    BOOST_TEST(favicon.status == 200);
    BOOST_TEST(favicon.header("Content-Type") == "image/x-icon");
    const Reply css = host.get("/assets/style.css");
    BOOST_TEST(css.status == 200);
    BOOST_TEST(css.header("Content-Type") == "text/css; charset=utf-8");
    BOOST_TEST(css.body == "body { color: #333; }\n");
    BOOST_TEST(host.get("/assets/style.css", {{"If-None-Match", css.header("ETag")}}).status == 304);
    BOOST_TEST(host.get("/assets/ignored.js").status == 200);  // ignored means not auto-included, still served
    BOOST_TEST(host.get("/health").body == "OK");
    const Json::Value reload = dash::json::parse(host.get("/_reload-hash").body);
    BOOST_TEST(reload["reloadHash"].isNull());
    BOOST_TEST(reload["packages"].size() == 2u);
}

BOOST_AUTO_TEST_CASE(bad_requests_get_4xx_with_a_message_and_the_host_keeps_serving) {
    struct Case {
        std::string method, path, body;
        int status;
        std::string message;
    };
    const std::vector<Case> cases = {
        {"POST", "/_dash-update-component", "not json", 400, "the request body is not JSON"},
        {"POST", "/_dash-update-component", "", 400, "the request body is not JSON"},
        {"POST", "/_dash-update-component", "[1,2]", 400, "must be an object with an &quot;output&quot; string"},
        {"POST", "/_dash-update-component",
         R"({"output":"nope.children","outputs":{"id":"nope","property":"children"},"inputs":[]})", 400,
         "no callback is registered for output &#x27;nope.children&#x27;"},
        {"POST", "/_dash-update-component",
         R"({"output":"out.children","outputs":{"id":"title","property":"children"},"inputs":[{"id":"in","property":"value","value":1}]})",
         400, "does not match the callback"},
        {"POST", "/_dash-update-component",
         R"({"output":"out.children","outputs":{"id":"out","property":"children"},"inputs":[]})", 400,
         "Inputs do not match callback definition"},
        {"POST", "/_dash-update-component",
         R"({"output":"out.children","outputs":{"id":"out","property":"children"},"inputs":[{"id":"in","property":"value","value":42}]})",
         500, "argument 1 (in.value) of the callback for out.children: expected a string"},
        {"POST", "/_dash-layout", "", 405, "accepts GET"},
        {"DELETE", "/_dash-update-component", "", 405, "accepts POST"},
        {"GET", "/_dash-component-suites/dash/dcc/no_such_file.js", "", 404, "not a registered resource"},
        {"GET", "/_dash-component-suites/not_a_package/x.js", "", 404, "no component package"},
        {"GET", "/assets/../../dash.json", "", 404, "no asset"},
        {"GET", "/assets/%2e%2e/dash.json", "", 404, "no asset"},
        {"GET", "/assets/missing.css", "", 404, "no asset"},
    };
    for (const auto& c : cases) {
        const Reply reply = request(host.port(), c.method, c.path, c.body);
        BOOST_TEST_INFO(c.method << " " << c.path << " " << c.body << " -> " << reply.body);
        BOOST_TEST(reply.status == c.status);
        BOOST_TEST(reply.reason != "OK");
        BOOST_TEST(contains(reply.body, c.message));
        still_serving();
    }
}

BOOST_AUTO_TEST_CASE(garbage_on_the_wire_does_not_hurt_the_host) {
    for (const std::string& garbage :
         {std::string("GARBAGE\r\n\r\n"), std::string("\x16\x03\x01\x02\x00", 5),
          std::string("POST /_dash-update-component HTTP/1.1\r\nContent-Length: 99\r\n\r\n{")}) {
        Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(host.port())));
        socket.sendBytes(garbage.data(), static_cast<int>(garbage.size()));
        socket.shutdownSend();
        char buffer[512];
        socket.setReceiveTimeout(Poco::Timespan(10, 0));
        try {
            socket.receiveBytes(buffer, sizeof buffer);
        } catch (const Poco::Exception&) {
            // a closed or reset connection is a fine answer to garbage
        }
        still_serving();
    }
}

BOOST_AUTO_TEST_CASE(requests_get_through_while_64_keep_alive_connections_are_open) {
    std::vector<std::unique_ptr<Poco::Net::HTTPClientSession>> idle;
    for (int i = 0; i < 64; ++i) {
        auto session =
            std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", static_cast<Poco::UInt16>(host.port()));
        session->setKeepAlive(true);
        Poco::Net::HTTPRequest req("GET", "/_dash-dependencies", Poco::Net::HTTPMessage::HTTP_1_1);
        req.setKeepAlive(true);
        session->sendRequest(req);
        Poco::Net::HTTPResponse res;
        std::string body;
        Poco::StreamCopier::copyToString(session->receiveResponse(res), body);
        BOOST_TEST(res.getStatus() == 200);
        BOOST_TEST(res.getKeepAlive());
        idle.push_back(std::move(session));  // stays open, holding a server thread
    }
    still_serving();
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(deployment)

BOOST_AUTO_TEST_CASE(prefixes_route_and_generate_urls) {
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/app/prefixed.json");
    const Reply index = host.get("/app/");
    BOOST_TEST(index.status == 200);
    BOOST_TEST(contains(index.body, R"("requests_pathname_prefix":"\u002fproxy\u002fapp\u002f")"));
    for (const auto& source : script_sources(index.body)) {
        BOOST_TEST(source.rfind("/proxy/app/_dash-component-suites/", 0) == 0u, source);
        BOOST_TEST(host.get(source.substr(std::string("/proxy").size())).status == 200, source);
    }
    BOOST_TEST(host.get("/app/_dash-layout").status == 200);
    BOOST_TEST(host.get("/_dash-layout").status == 404);
    const Reply redirect = host.get("/app");
    BOOST_TEST(redirect.status == 308);
    BOOST_TEST(redirect.header("Location") == "/app/");
}

BOOST_AUTO_TEST_CASE(cli_help_and_start_up_errors) {
    const auto help = run_host_once({"--help"});
    BOOST_TEST(help.first == 0);
    BOOST_TEST(contains(help.second, "usage: dash-host --config FILE"));
    const auto no_config = run_host_once({});
    BOOST_TEST(no_config.first != 0);
    BOOST_TEST(contains(no_config.second, "--config FILE is required"));
    const auto bad = run_host_once({"--config", DASHCPP_SOURCE_DIR "/tests/integration/app/bad-config.json"});
    BOOST_TEST(bad.first != 0);
    BOOST_TEST(contains(bad.second, "InvalidConfig: `routes_pathname_prefix` needs to start with `/`"));
    const auto abi = run_host_once({"--config", DASHCPP_SOURCE_DIR "/tests/integration/app/bad-abi.json"},
                                   {{"DASH_PLUGIN_PATH", DASHCPP_BUILD_DIR "/tests/abi/plugins"}});
    BOOST_TEST(abi.first != 0);
    BOOST_TEST(contains(abi.second, "built for dashcpp ABI major 2 but this host speaks ABI major 1"));
}

BOOST_AUTO_TEST_CASE(in_process_app_registers_through_the_plugin_path) {
    HostProcess host(DASHCPP_SOURCE_DIR "/apps/examples/hello/dash-in-process.json", {}, {}, "hello-host");
    BOOST_TEST(contains(host.get("/").body, "<title>dashcpp hello (in-process)</title>"));
    BOOST_TEST(host.post("/_dash-update-component", echo_body).body ==
               R"({"multi":true,"response":{"out":{"children":"echo: hello"}}})");
}

BOOST_AUTO_TEST_CASE(debug_flag_serves_dev_bundles) {
    HostProcess host(app_config, {"--debug"});
    const Reply index = host.get("/");
    BOOST_TEST(contains(index.body, "/deps/react@18.v4_3_0m"));
    BOOST_TEST(contains(index.body, ".3.1.js\""));  // React development build
    BOOST_TEST(contains(index.body, "dash_renderer.v4_3_0m"));
    BOOST_TEST(contains(index.body, ".dev.js\""));
    BOOST_TEST(contains(index.body, "dcc/proptypes.v4_5_0m"));
    BOOST_TEST(contains(index.body, R"("ui":true)"));
}

BOOST_AUTO_TEST_SUITE_END()

namespace {
// A callback body whose input value is `value` (JSON text).
std::string echo_with(const std::string& value) {
    return R"({"output":"out.children","outputs":{"id":"out","property":"children"},"inputs":[{"id":"in","property":"value","value":)" +
           value + R"(}],"changedPropIds":["in.value"]})";
}
}  // namespace

BOOST_AUTO_TEST_CASE(bodies_are_bounded_in_size_and_depth_and_errors_quote_a_bounded_excerpt) {
    const std::string big_string = "\"" + std::string(16 * 1024 * 1024, 'x') + "\"";  // a 16 MiB value
    {
        HostProcess host(app_config);  // default limit: 10 MiB
        const Reply refused = host.post("/_dash-update-component", echo_with(big_string));
        BOOST_TEST(refused.status == 413);
        BOOST_TEST(contains(refused.body, "RequestEntityTooLarge"));
        BOOST_TEST(contains(refused.body, "exceeds the limit of 10 MiB; raise server.max_body_size"));
        BOOST_TEST(host.post("/_dash-update-component", echo_body).status == 200);  // the host serves on
        // Nested 10,000 levels deep: a 400 naming the limit, not a crash or a 500.
        const Reply deep =
            host.post("/_dash-update-component", echo_with(std::string(10000, '[') + std::string(10000, ']')));
        BOOST_TEST(deep.status == 400);
        BOOST_TEST(contains(deep.body, "nested deeper than 512 levels"));
        // A 1 MB value of the wrong type: the error quotes at most a few hundred bytes of it.
        std::string list = "[";
        while (list.size() < 1000000) list += "\"abcdefgh\",";
        list.back() = ']';
        const Reply wrong = host.post("/_dash-update-component", echo_with(list));
        BOOST_TEST(wrong.status == 500);
        BOOST_TEST(contains(wrong.body, "argument 1 ("));
        BOOST_TEST(contains(wrong.body, "... (" + std::to_string(list.size()) + " bytes)"));
        BOOST_TEST(wrong.body.size() < 2000u);
    }
    {
        HostProcess host(app_config, {}, {{"DASH_MAX_BODY_SIZE", "32"}});  // MiB
        const Reply accepted = host.post("/_dash-update-component", echo_with(big_string));
        BOOST_TEST(accepted.status == 200);
        BOOST_TEST(accepted.body.size() > 16u * 1024 * 1024);
        BOOST_TEST(contains(accepted.body, "echo: xxxx"));
    }
}
