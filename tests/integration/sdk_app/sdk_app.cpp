// A test app exercising the C++ SDK end to end: layout function, ctx(), set_props, response
// headers, pattern-matching ids, list inputs, no-output callbacks, clientside callbacks, routes.
#include <dash/components/html.hpp>
#include <dash/dash.hpp>
#include <dash/hooks.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <future>
#include <mutex>
#include <thread>

using namespace dash;

// A service table as docs/sdk.md declares one.
struct acme_store_v1 {
    uint32_t struct_size;
    void* self;
    int (*count)(void* self);
};
template <>
struct dash::ServiceTraits<acme_store_v1> {
    static constexpr const char* id = "com.acme.store/1";
};

namespace {

struct Store {
    int items = 3;
    static int count(void* self) { return static_cast<Store*>(self)->items; }
};

std::atomic<int> page_loads{0};

// Holds asynchronous callbacks until the "release" route opens it; counts who waits.
struct Gate {
    std::mutex mutex;
    std::condition_variable opened;
    bool open = false;
    int waiting = 0;
    void wait() {
        std::unique_lock<std::mutex> lock(mutex);
        ++waiting;
        opened.wait(lock, [this] { return open; });
        --waiting;
    }
};
Gate gate;

// Synchronous callbacks that hold a server worker for the given milliseconds (the connection
// layer's tests: a full worker queue, a graceful stop with requests in progress).
std::atomic<int> slow_started{0};

Json::Value describe_context() {
    const CallbackContext& c = ctx();
    Json::Value out(Json::objectValue);
    out["triggered"] = Json::Value(Json::arrayValue);
    for (const auto& t : c.triggered()) out["triggered"].append(t.prop_id + "=" + json::to_string(t.value));
    out["triggered_id"] = c.triggered_id();
    out["fired"] = static_cast<bool>(c.triggered());
    out["inputs"] = c.inputs();
    out["states"] = c.states();
    out["header"] = c.header("X-Test");
    out["outputs_list"] = c.outputs_list();
    return out;
}

void setup(App& app) {
    // The app's settings in code (Python's Dash(title=..., ...)), when the deployment asks for it.
    if (app.config()["settings"].asBool())
        app.settings(Settings().title("From code").update_title(nullptr).suppress_callback_exceptions(true));
    // Deliberately wrong layouts, chosen by the deployment config, for the host's prop checks.
    const std::string bad = app.config()["bad_layout"].asString();
    if (bad == "unknown_prop")
        return app.layout(html::Div({Component("dash_core_components", "Input", {{"id", "in"}, {"valu", 1}})}));
    if (bad == "unknown_type")
        return app.layout(html::Div({Component("dash_core_components", "Inptu", {{"id", "in"}})}));
    if (bad == "duplicate_id") return app.layout(html::Div({html::Div().id("twice"), html::P().id("twice")}));
    if (bad == "missing_required") return app.layout(html::Div({Component("dash_core_components", "Store", {})}));
    // Deliberately wrong callback registrations, each refused with its Dash exception name.
    const std::string bad_callback = app.config()["bad_callback"].asString();
    if (bad_callback == "duplicate_without_prevent")
        app.callback(Output("x", "children", true), Input("y", "value"), [](const Json::Value& v) { return v; });
    if (bad_callback == "dotted_id")
        app.callback(Output("a.b", "children"), Input("y", "value"), [](const Json::Value& v) { return v; });
    if (bad_callback == "wrong_arity")  // a vector of Inputs: counted at run time (a plain list fails to compile)
        app.callback(Output("x", "children"), std::vector<Input>{Input("y", "value"), Input("z", "value")},
                     [](const Json::Value& v) { return v; });
    if (bad_callback == "duplicate_output") {
        // Registered as Python 4.3.0 registers them (the renderer reports each in the dev tools),
        // unless app.strict_callbacks: two callbacks on one output, overlapping wildcard outputs, an
        // empty id.
        app.callback(Output("x", "children"), Input("y", "value"),
                     [](const Json::Value& v) { return "first " + v.asString(); });
        app.callback(Output("x", "children"), Input("z", "value"),
                     [](const Json::Value& v) { return "second " + v.asString(); });
        app.callback(Output(Object{{"type", "card"}, {"i", ALL}}, "title"), Input("y", "value"),
                     [](const Json::Value&) { return std::vector<std::string>{}; });
        app.callback(Output(Object{{"type", "card"}, {"i", MATCH}}, "title"),
                     Input(Object{{"type", "card"}, {"i", MATCH}}, "n_clicks"),
                     [](const Json::Value&) { return std::string("card"); });
        app.callback(Output("", "title"), Input("z", "value"), [](const Json::Value&) { return std::string("t"); });
    }
    if (bad_callback == "wrong_order")
        app.callback(Output("x", "children"), State("s", "value"), Input("y", "value"),
                     [](const Json::Value& a, const Json::Value&) { return a; });
    if (bad_callback == "reserved_clientside")
        app.clientside_callback(ClientsideFunction{"_dashprivate_x", "f"}, Output("x", "children"),
                                Input("y", "value"));
    app.layout([] { return html::Div({html::Div("load " + std::to_string(++page_loads)).id("loads")}); });

    app.callback(Output("ctx-out", "children"), Input("a", "value"), Input("b", "value"), State("s", "data"),
                 [](const Json::Value&, const Json::Value&, const Json::Value&) {
                     ctx().set_props("notif", Object{{"children", "Saved"}});
                     ctx().add_response_header("Set-Cookie", "visited=yes; Path=/");
                     return describe_context();
                 });

    app.callback(Output(Object{{"type", "item"}, {"index", MATCH}}, "children"),
                 Input(Object{{"type", "item"}, {"index", MATCH}}, "n_clicks"),
                 [](std::optional<long> clicks) { return "clicked " + std::to_string(clicks.value_or(0)); });

    app.callback(Output("total", "children"), Input(Object{{"type", "item"}, {"index", ALL}}, "n_clicks"),
                 [](const std::vector<std::optional<long>>& clicks) {
                     long sum = 0;
                     for (const auto& c : clicks) sum += c.value_or(0);
                     return sum;
                 });

    app.callback(Input("side", "value"), [](const std::optional<std::string>& value) {
        if (value) ctx().set_props("notif", Object{{"children", *value}});
    });

    // Keyword groupings: the function sees {name: value} and returns {name: value} (every name; a
    // value may be no_update).
    app.callback(OutputGroup{{"sum", Output("g-sum", "children")}, {"source", Output("g-source", "children")}},
                 InputGroup{{"a", Input("ga", "value")}, {"b", State("gb", "value")}},
                 [](const Json::Value& args) -> Value {
                     if (args["a"].isNull())
                         return Object{{"sum", no_update_json()}, {"source", ctx().args_grouping()["b"]["str_id"]}};
                     return Object{{"sum", args["a"].asDouble() + args["b"].asDouble()}, {"source", no_update_json()}};
                 });

    // Nested groupings of any depth (dicts in lists in dicts), inputs and states interleaved; the
    // callback answers with what it saw: its arguments, args_grouping, outputs_grouping and the
    // using_* flags, or a wrong shape when asked ("shape" input).
    app.callback(
        OutputGroup{{"report", Output("n-report", "children")},
                    {"pair", OutputGroup::list({Output("n-first", "children"),
                                                OutputGroup{{"deep", Output("n-deep", "children")}}})}},
        InputGroup{
            {"shape", Input("n-shape", "value")},
            {"opts", InputGroup{{"scale", State("n-scale", "value")},
                                {"tags", InputGroup::list({Input("n-tag", "value"), State("n-note", "value")})}}}},
        [](const Json::Value& args) -> Value {
            const std::string shape = args["shape"].asString();
            if (shape == "missing-key") return Object{{"report", 1}};
            if (shape == "short-list") return Object{{"report", 1}, {"pair", Value{1}}};
            if (shape == "not-a-dict") return Object{{"report", 1}, {"pair", Value{1, 2}}};
            if (shape == "all-no-update") return Value(no_update_json());
            Json::Value report(Json::objectValue);
            report["args"] = args;
            report["args_grouping"] = ctx().args_grouping();
            report["outputs_grouping"] = ctx().outputs_grouping();
            report["using"] = Value{ctx().using_args_grouping(), ctx().using_outputs_grouping()}.json();
            return Object{{"report", Value(json::to_string(report))},
                          {"pair", Value{"first", Object{{"deep", no_update_json()}}}}};
        });

    // Python's *args: callbacks registered in a loop with 0, 1 or 2 states take their arguments as
    // one list (InputGroup::list over a vector built at run time).
    for (int states = 0; states <= 2; ++states) {
        const std::string n = std::to_string(states);
        std::vector<InputGroup> dependencies{Input("va-in-" + n, "value")};
        for (int i = 0; i < states; ++i) dependencies.push_back(State("va-state-" + std::to_string(i), "value"));
        app.callback(OutputGroup(Output("va-out-" + n, "children")), InputGroup::list(dependencies),
                     [](const Json::Value& args) -> Value { return json::to_string(args); });
    }

    // A positional callback's groupings: a flat list of leaves, the single output's entry.
    app.callback(Output("p-report", "children"), Input("p-a", "value"), State("p-b", "value"),
                 [](const Json::Value&, const Json::Value&) {
                     Json::Value report(Json::objectValue);
                     report["args_grouping"] = ctx().args_grouping();
                     report["outputs_grouping"] = ctx().outputs_grouping();
                     report["using"] = Value{ctx().using_args_grouping(), ctx().using_outputs_grouping()}.json();
                     return json::to_string(report);
                 });

    app.clientside_callback(ClientsideFunction{"ui", "double"}, Output("y", "children"), Input("x", "value"));
    app.clientside_callback("function(v) { return v * 3; }", Output("z", "children"), Input("x", "value"),
                            CallbackOptions().prevent_initial());

    // The app-level error handler, get_app(), cookies, query args, record_timing, validation_layout.
    app.on_error([](const std::exception& error) { return Value(std::string("app handler: ") + error.what()); });
    app.callback(Output("app-error", "children"), Input("app-error-in", "value"),
                 [](const Json::Value&) -> std::string { throw std::runtime_error("unhandled"); });
    app.callback(Output("request-info", "children"), Input("info-in", "value"), [](const Json::Value&) {
        CallbackContext& c = ctx();
        c.record_timing("lookup", 0.25, "cache lookup");
        const auto cookies = c.cookies();
        const auto args = c.args();
        Json::Value info(Json::objectValue);
        info["session"] = cookies.count("session") ? cookies.at("session") : "";
        info["arg"] = args.count("x") ? args.at("x") : "";
        info["relative"] = get_app().get_relative_path("/page");
        info["asset"] = get_app().get_asset_url("logo.png");
        return info;
    });
    app.callback(Output("custom-out", "children"), Input("custom-in", "value"),
                 [](const Json::Value&) { return ctx().custom_data(); });
    app.validation_layout(html::Div({html::Div().id("only-in-validation")}));

    // An asynchronous callback: the future completes after the gate opens; no server thread waits.
    app.callback(Output("async-out", "children"), Input("async-in", "value"), [](const std::string& value) {
        return std::async(std::launch::async, [value] {
            gate.wait();
            if (value == "prevent") throw PreventUpdate();
            if (value == "fail") throw std::runtime_error("async failure");
            return "async " + value;
        });
    });
    app.route("GET", "gate", [](const Request&, Response& response) {
        std::lock_guard<std::mutex> lock(gate.mutex);
        response.write("waiting " + std::to_string(gate.waiting));
    });
    app.route("POST", "gate", [](const Request&, Response&) {
        std::lock_guard<std::mutex> lock(gate.mutex);
        gate.open = true;
        gate.opened.notify_all();
    });

    app.callback(Output("slow-out", "children"), Input("slow-in", "value"), [](int milliseconds) {
        std::fprintf(stderr, "slow callback %d started\n", ++slow_started);
        std::this_thread::sleep_for(std::chrono::milliseconds(milliseconds));
        return "slept " + std::to_string(milliseconds);
    });
    // The length and a checksum of a (big) string value: did the whole body arrive intact?
    app.callback(Output("digest-out", "children"), Input("digest-in", "value"), [](const std::string& value) {
        std::uint32_t sum = 0;
        for (const unsigned char c : value) sum = sum * 31 + c;
        return std::to_string(value.size()) + " " + std::to_string(sum);
    });
    app.route("GET", "slow-started",
              [](const Request&, Response& response) { response.write(std::to_string(slow_started.load())); });

    // Sent over the WebSocket transport (python: websocket=True); PreventUpdate on "prevent".
    app.callback(Output("ws-out", "children"), Input("ws-in", "value"), CallbackOptions().over_websocket(),
                 [](const std::string& value) -> std::string {
                     if (value == "prevent") throw PreventUpdate();
                     return "ws " + value;
                 });

    // Python's dash.set_props (streamed over the socket at once) and get_props (a question to the
    // browser) in a WebSocket callback.
    app.callback(Output("ws-progress-out", "children"), Input("ws-progress-in", "value"),
                 CallbackOptions().over_websocket(), [](const std::string& value) -> std::string {
                     dash::set_props("ws-progress", Object{{"children", "step 1"}});
                     const Json::Value current = ctx().get_prop("ws-source", "value", std::chrono::seconds(5));
                     return "done " + value + " with " + json::to_string(current) +
                            (ctx().over_websocket() ? " (socket)" : " (http)");
                 });

    // Python's hooks.websocket_connect / websocket_message.
    Hooks hooks(app);
    hooks.websocket_connect([](const Request& request) {
        if (request.header("X-Ws-Token") == std::optional<std::string>("deny"))
            return WebSocketVerdict::reject(4001, "token refused");
        return WebSocketVerdict::accepted();
    });
    hooks.websocket_message([](const Request&, std::string_view message) {
        if (message.find("forbidden-value") != std::string_view::npos)
            return WebSocketVerdict::reject(4003, "forbidden message");
        return WebSocketVerdict::accepted();
    });

    // A null result sets its output to null (Python: return None); a null for a list of outputs is
    // an InvalidCallbackReturnValue; only an on_error handler's null means no_update.
    app.callback(Output("null-out", "children"), Input("null-in", "value"),
                 [](const std::string& value) -> std::optional<std::string> {
                     if (value == "clear") return std::nullopt;
                     return value;
                 });
    app.callback(Output("null-a", "children"), Output("null-b", "children"), Input("null-pair", "value"),
                 [](const std::string& value) -> Value {
                     if (value == "none") return Value();
                     Json::Value pair(Json::arrayValue);
                     pair.append(Json::Value());
                     pair.append(value);
                     return Value(pair);
                 });
    app.callback(Output("null-handled", "children"), Input("null-handled-in", "value"),
                 CallbackOptions().handle_errors([](const std::exception&) { return Value(); }),
                 [](const std::string&) -> std::string { throw std::runtime_error("handled"); });
    app.callback(Output("null-async", "children"), Input("null-async-in", "value"), [](const std::string&) {
        return std::async(std::launch::async, []() -> std::optional<std::string> { return std::nullopt; });
    });

    app.startup_route("warmup", "GET", [](const Request&, Response& response) { response.write("warm"); });
    app.route("GET", "export.csv", [](const Request&, Response& response) { response.send("text/csv", "a,b\n1,2\n"); });
    app.route("*", "api/*", [](const Request& request, Response& response) {
        response.write(request.method() + " " + request.path());
    });
    // Big data as dash::JsonData: the example of docs/sdk.md ("Big data"), as written there.
    app.callback(Output("rows", "children"), Input("go", "n_clicks"), State("store", "data"),
                 [](std::optional<long>, const JsonData& data) { return std::to_string(data.size()); });
    app.callback(Output("graph", "figure"), Input("n", "value"), [](long n) {
        std::vector<double> xs(n), ys(n);
        for (long i = 0; i < n; ++i) xs[i] = i, ys[i] = i * 0.5;
        JsonData trace = JsonData::object();
        trace.set("type", "scatter").set("x", JsonData::array(xs)).set("y", JsonData::array(ys));
        JsonData figure = JsonData::object();
        figure.set("data", JsonData::array().push_back(std::move(trace)));
        return figure;
    });
    // A typed service (the example of docs/sdk.md), provided and found through the host.
    auto store = std::make_shared<Store>();
    app.register_service(acme_store_v1{sizeof(acme_store_v1), store.get(), &Store::count}, store);
    if (const auto found = app.find_service<acme_store_v1>())
        app.log(DASH_LOG_WARN, "store count " + std::to_string(found->count(found->self)));
    app.route("GET", "store", [&app](const Request&, Response& response) {
        const auto found = app.find_service<acme_store_v1>();
        response.write(found ? std::to_string(found->count(found->self)) : "none");
    });
    // A handler that throws: 500 for the client, the message in the host's log.
    app.route("GET", "broken",
              [](const Request&, Response&) { throw std::runtime_error("the export failed: disk full"); });
}

}  // namespace

DASH_PLUGIN("org.dashcpp.tests.sdk_app", "sdk test app", "1.0.0", "", setup)
