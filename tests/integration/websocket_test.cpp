// Integration: the WebSocket callback transport (protocol §12) spoken to by a client that does what
// the renderer's shared worker does: the handshake with its Origin, callback requests echoed by
// renderer and request ids, heartbeats, batching, the origin check, callbacks not enabled for it.
#include "host_process.hpp"
#include "raw_connection.hpp"

#include <dash/json.hpp>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/test/unit_test.hpp>

#include <set>

using namespace dash::test;
namespace net = boost::asio;
namespace beast = boost::beast;
namespace bws = boost::beast::websocket;

namespace {

const std::string ws_config = DASHCPP_SOURCE_DIR "/tests/integration/sdk_app/websocket.json";

class WsClient {
public:
    // Connects and shakes hands with `origin` (and a header for the test app's connect hook).
    explicit WsClient(int port, const std::string& origin, const std::string& token = "") : ws_(io_) {
        net::ip::tcp::resolver resolver(io_);
        net::connect(beast::get_lowest_layer(ws_), resolver.resolve("127.0.0.1", std::to_string(port)));
        ws_.set_option(bws::stream_base::decorator([origin, token](bws::request_type& request) {
            if (!origin.empty()) request.set(beast::http::field::origin, origin);
            if (!token.empty()) request.set("X-Ws-Token", token);
        }));
        ws_.handshake("127.0.0.1:" + std::to_string(port), "/_dash-ws-callback");
    }
    void send(const std::string& text) { ws_.write(net::buffer(text)); }
    // The next message object (a batched array is unpacked into its objects, in order).
    Json::Value next() {
        while (pending_.empty()) {
            beast::flat_buffer buffer;
            ws_.read(buffer);
            const Json::Value frame = dash::json::parse(beast::buffers_to_string(buffer.data()));
            if (frame.isArray()) {
                for (const auto& item : frame) pending_.push_back(item);
            } else {
                pending_.push_back(frame);
            }
        }
        Json::Value first = pending_.front();
        pending_.erase(pending_.begin());
        return first;
    }
    // Reads until the server closes; its close code and reason.
    std::pair<int, std::string> closed_with() {
        beast::flat_buffer buffer;
        beast::error_code ec;
        while (!ec) ws_.read(buffer, ec);
        return {ws_.reason().code, std::string(ws_.reason().reason.c_str())};
    }

private:
    net::io_context io_;
    bws::stream<net::ip::tcp::socket> ws_;
    std::vector<Json::Value> pending_;
};

// The handshake as raw HTTP (to read a refusal's answer).
Reply raw_handshake(int port, const std::string& origin_header) {
    RawConnection connection(port);
    connection.send("GET /_dash-ws-callback HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                    "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
                    origin_header + "\r\n");
    return connection.read_reply();
}

std::string callback_request(const std::string& request_id, const std::string& payload) {
    return R"({"type":"callback_request","rendererId":"1700000000000-abc","requestId":")" + request_id +
           R"(","payload":)" + payload + "}";
}

std::string ws_payload(const std::string& value) {
    return R"({"output":"ws-out.children","outputs":{"id":"ws-out","property":"children"},"inputs":[{"id":"ws-in","property":"value","value":")" +
           value + R"("}],"changedPropIds":["ws-in.value"]})";
}

std::string slow_payload(int milliseconds) {
    return R"({"output":"slow-out.children","outputs":{"id":"slow-out","property":"children"},"inputs":[{"id":"slow-in","property":"value","value":)" +
           std::to_string(milliseconds) + R"(}],"changedPropIds":["slow-in.value"]})";
}

struct WsHost {
    HostProcess host{ws_config};
    std::string origin() const { return "http://127.0.0.1:" + std::to_string(host.port()); }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(websocket_transport, WsHost)

BOOST_AUTO_TEST_CASE(the_config_offers_the_transport_and_the_worker_is_served) {
    const Json::Value config = dash_config_of(host.get("/").body);
    const Json::Value& ws = config["websocket"];
    BOOST_TEST(ws["enabled"].asBool());
    BOOST_TEST(ws["url"].asString() == "/_dash-ws-callback");
    BOOST_TEST(ws["inactivity_timeout"].asInt() == 300000);
    BOOST_TEST(ws["heartbeat_interval"].asInt() == 30000);
    const std::string worker_url = ws["worker_url"].asString();
    BOOST_TEST(contains(worker_url, "/_dash-component-suites/dash/dash-renderer/build/dash-ws-worker.v"));
    const Reply worker = host.get(worker_url);
    BOOST_TEST(worker.status == 200);
    BOOST_TEST(contains(worker.body, "DashWSWorker"));
}

BOOST_AUTO_TEST_CASE(callbacks_answer_over_the_socket_with_the_ids_echoed) {
    WsClient client(host.port(), origin());
    client.send(callback_request("1700000000000-abc-1", ws_payload("hi")));
    const Json::Value answer = client.next();
    BOOST_TEST(answer["type"].asString() == "callback_response");
    BOOST_TEST(answer["rendererId"].asString() == "1700000000000-abc");
    BOOST_TEST(answer["requestId"].asString() == "1700000000000-abc-1");
    BOOST_TEST(answer["payload"]["status"].asString() == "ok");
    // The data is exactly what the POST answers.
    const Reply over_http = host.post("/_dash-update-component", ws_payload("hi"));
    BOOST_TEST(dash::json::to_string(answer["payload"]["data"]) == over_http.body);
    BOOST_TEST(answer["payload"]["data"]["response"]["ws-out"]["children"].asString() == "ws hi");

    client.send(callback_request("r-2", ws_payload("prevent")));
    BOOST_TEST(client.next()["payload"]["status"].asString() == "prevent_update");

    // A request the callback's registration does not match: an error with the message, no HTML.
    client.send(callback_request(
        "r-3",
        R"({"output":"ws-out.children","outputs":{"id":"ws-out","property":"children"},"inputs":[],"changedPropIds":[]})"));
    const Json::Value error = client.next();
    BOOST_TEST(error["payload"]["status"].asString() == "error");
    BOOST_TEST(contains(error["payload"]["message"].asString(), "Inputs do not match callback definition"));
    BOOST_TEST(!contains(error["payload"]["message"].asString(), "<html"));

    client.send(R"({"type":"heartbeat"})");
    BOOST_TEST(client.next()["type"].asString() == "heartbeat_ack");
}

BOOST_AUTO_TEST_CASE(set_props_stream_at_once_and_get_props_asks_the_browser) {
    WsClient client(host.port(), origin());
    client.send(callback_request(
        "p-1",
        R"({"output":"ws-progress-out.children","outputs":{"id":"ws-progress-out","property":"children"},"inputs":[{"id":"ws-progress-in","property":"value","value":"x"}],"changedPropIds":["ws-progress-in.value"]})"));
    // First the streamed update, while the callback still runs ...
    const Json::Value streamed = client.next();
    BOOST_TEST(streamed["type"].asString() == "set_props");
    BOOST_TEST(streamed["rendererId"].asString() == "1700000000000-abc");
    BOOST_TEST(streamed["payload"]["componentId"].asString() == "ws-progress");
    BOOST_TEST(streamed["payload"]["props"]["children"].asString() == "step 1");
    // ... then the question to the tab, answered as the worker does ...
    const Json::Value question = client.next();
    BOOST_TEST(question["type"].asString() == "get_props_request");
    BOOST_TEST(question["payload"]["componentId"].asString() == "ws-source");
    BOOST_TEST(question["payload"]["properties"][0].asString() == "value");
    BOOST_TEST(question["requestId"].asString().size() == 36u);  // a UUID
    client.send(R"({"type":"get_props_response","rendererId":"1700000000000-abc","requestId":")" +
                question["requestId"].asString() + R"(","payload":{"value":42}})");
    // ... and the answer, which used it.
    const Json::Value answer = client.next();
    BOOST_TEST(answer["requestId"].asString() == "p-1");
    BOOST_TEST(answer["payload"]["data"]["response"]["ws-progress-out"]["children"].asString() ==
               "done x with 42 (socket)");

    // Over HTTP the same callback's set_props travel with the answer, and get_props is refused.
    const Reply over_http = host.post(
        "/_dash-update-component",
        R"({"output":"ws-progress-out.children","outputs":{"id":"ws-progress-out","property":"children"},"inputs":[{"id":"ws-progress-in","property":"value","value":"x"}],"changedPropIds":["ws-progress-in.value"]})");
    const Json::Value body = dash::json::parse(over_http.body);
    BOOST_TEST(body["sideUpdate"]["ws-progress"]["children"].asString() == "step 1");
    BOOST_TEST(contains(body["response"]["ws-progress-out"]["children"].asString(),
                        "get_props needs the WebSocket transport"));
}

BOOST_AUTO_TEST_CASE(websocket_hooks_can_refuse_the_socket_and_messages) {
    WsClient refused(host.port(), origin(), "deny");  // websocket_connect: accepted, then closed
    const auto [code, reason] = refused.closed_with();
    BOOST_TEST(code == 4001);  // the worker does not reconnect after 4001
    BOOST_TEST(reason == "token refused");

    WsClient client(host.port(), origin());
    client.send(callback_request("m-1", ws_payload("fine")));
    BOOST_TEST(client.next()["payload"]["status"].asString() == "ok");
    client.send(callback_request("m-2", ws_payload("forbidden-value")));  // websocket_message
    const auto [message_code, message_reason] = client.closed_with();
    BOOST_TEST(message_code == 4003);
    BOOST_TEST(message_reason == "forbidden message");
}

BOOST_AUTO_TEST_CASE(concurrent_callbacks_each_answer_their_own_request) {
    WsClient client(host.port(), origin());
    // Eight slow callbacks at once: all answered, each to its own request id, whether the answers
    // come one by one or batched into array frames (next() unpacks those; which happens depends
    // on timing, so it is not asserted).
    for (int i = 0; i < 8; ++i) client.send(callback_request("slow-" + std::to_string(i), slow_payload(300)));
    std::set<std::string> answered;
    for (int i = 0; i < 8; ++i) {
        const Json::Value answer = client.next();
        BOOST_TEST(answer["payload"]["data"]["response"]["slow-out"]["children"].asString() == "slept 300");
        answered.insert(answer["requestId"].asString());
    }
    BOOST_TEST(answered.size() == 8u);
}

BOOST_AUTO_TEST_CASE(the_origin_is_checked_before_the_handshake) {
    const Reply foreign = raw_handshake(host.port(), "Origin: http://evil.example\r\n");
    BOOST_TEST(foreign.status == 403);
    BOOST_TEST(contains(foreign.body, "Origin not allowed: http://evil.example"));
    const Reply missing = raw_handshake(host.port(), "");
    BOOST_TEST(missing.status == 403);
    BOOST_TEST(contains(missing.body, "Origin header required"));
    const Reply own = raw_handshake(host.port(), "Origin: " + origin() + "\r\n");
    BOOST_TEST(own.status == 101);
    const Reply listed = raw_handshake(host.port(), "Origin: https://trusted.example\r\n");  // allowed_origins
    BOOST_TEST(listed.status == 101);
    BOOST_TEST(listed.header("Sec-WebSocket-Accept") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");  // RFC 6455's example
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(only_callbacks_registered_for_the_transport_use_it_when_it_is_not_global) {
    HostProcess host(DASHCPP_SOURCE_DIR "/tests/integration/sdk_app/dash.json");  // websocket_callbacks off
    const Json::Value config = dash_config_of(host.get("/").body);
    BOOST_TEST(!config["websocket"]["enabled"].asBool());  // offered: one callback asked for it
    const Json::Value dependencies = dash::json::parse(host.get("/_dash-dependencies").body);
    bool flagged = false;
    for (const auto& callback : dependencies)
        if (callback["output"].asString() == "ws-out.children") flagged = callback["websocket"].asBool();
    BOOST_TEST(flagged);

    WsClient client(host.port(), "http://127.0.0.1:" + std::to_string(host.port()));
    client.send(callback_request("a", ws_payload("x")));
    BOOST_TEST(client.next()["payload"]["data"]["response"]["ws-out"]["children"].asString() == "ws x");
    client.send(callback_request("b", slow_payload(0)));
    const Json::Value refused = client.next();
    BOOST_TEST(refused["payload"]["status"].asString() == "error");
    BOOST_TEST(contains(refused["payload"]["message"].asString(), "WebSocketCallbackError"));
}
