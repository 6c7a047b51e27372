// dash/hooks.hpp: the hooks extension (dash/ext/hooks.h) for C++ plugins: lambdas for request and
// response filters, layout and index rewriting, callback-error observers, setup, custom data, dev
// tools and script/stylesheet tags, working on dash::Request / dash::Response (dash/http.hpp).
#pragma once

#include <dash/ext/hooks.h>
#include <dash/detail/guard.hpp>
#include <dash/http.hpp>
#include <dash/plugin.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace dash {

struct HookOptions {
    int priority = 0;
    bool final_hook = false;
};

// What a websocket hook decides: let the socket (or message) through, or close the socket with a
// code and reason (Python: return False, or a (code, reason) tuple).
struct WebSocketVerdict {
    bool accept = true;
    int code = 4001;
    std::string reason;  // empty: Python's default ("Connection rejected" / "Message rejected")
    static WebSocketVerdict accepted() { return {}; }
    static WebSocketVerdict reject(int code = 4001, std::string reason = "") {
        return {false, code, std::move(reason)};
    }
};

// Registers hooks for one plugin: Hooks hooks(plugin); hooks.request_filter(...).
class Hooks {
public:
    // The registered hooks keep no reference to this object: it may be a local of setup().
    explicit Hooks(Plugin& plugin) : plugin_(plugin), host_(plugin.host()), hooks_(plugin.hooks_extension()) {
        if (!hooks_) throw HookError("this host does not provide the " DASH_EXT_HOOKS " extension");
    }

    // Return true when the filter answered (through the response): the request stops there.
    using RequestFilter = std::function<bool(const Request&, Response&)>;
    using ResponseFilter = std::function<void(const Request&, Response&, uint64_t elapsed_us)>;
    // Layout / index: the text in, the replacement out (return it unchanged to keep it).
    using TextHook = std::function<std::string(const Request&, const std::string& text)>;
    // {"output", "message", "inputs", "state"} of the failed call.
    using ErrorHook = std::function<void(const Json::Value& info)>;

    void request_filter(RequestFilter fn, HookOptions options = {}) {
        add(DASH_HOOK_REQUEST_FILTER, options,
            [fn = std::move(fn), host = host_, hooks = hooks_](const dash_hook_call& call) {
                const Request request(host, call.request);
                Response response(host, call.response, hooks);
                return fn(request, response) ? DASH_HANDLED : DASH_OK;
            });
    }
    void response_filter(ResponseFilter fn, HookOptions options = {}) {
        add(DASH_HOOK_RESPONSE_FILTER, options,
            [fn = std::move(fn), host = host_, hooks = hooks_](const dash_hook_call& call) {
                const Request request(host, call.request);
                Response response(host, call.response, hooks);
                fn(request, response, call.elapsed_us);
                return DASH_OK;
            });
    }
    void layout(TextHook fn, HookOptions options = {}) { text_hook(DASH_HOOK_LAYOUT, std::move(fn), options); }
    void index(TextHook fn, HookOptions options = {}) { text_hook(DASH_HOOK_INDEX, std::move(fn), options); }
    void callback_error(ErrorHook fn, HookOptions options = {}) {
        add(DASH_HOOK_CALLBACK_ERROR, options, [fn = std::move(fn)](const dash_hook_call& call) {
            fn(json::parse(text_view(call.input)));
            return DASH_OK;
        });
    }
    void setup(std::function<void()> fn, HookOptions options = {}) {
        add(DASH_HOOK_SETUP, options, [fn = std::move(fn)](const dash_hook_call&) {
            fn();
            return DASH_OK;
        });
    }
    // Python's hooks.custom_data(namespace): a value computed before each callback, which the
    // callback reads as ctx().custom_data()[namespace].
    void custom_data(const std::string& name, std::function<Value(const Request&)> fn, HookOptions options = {}) {
        add(
            DASH_HOOK_CUSTOM_DATA, options,
            [fn = std::move(fn), host = host_](const dash_hook_call& call) {
                const std::string text = json::to_string(fn(Request(host, call.request)).json());
                write_message(call.output, text);
                return DASH_OK;
            },
            name);
    }
    // Python's hooks.websocket_connect: before a socket of the WebSocket callback transport is
    // accepted (the request is the upgrade request: headers, cookies). A thrown exception closes it
    // with 4001 "Authentication error".
    void websocket_connect(std::function<WebSocketVerdict(const Request&)> fn, HookOptions options = {}) {
        add(DASH_HOOK_WEBSOCKET_CONNECT, options, [fn = std::move(fn), host = host_](const dash_hook_call& call) {
            return verdict(fn(Request(host, call.request)), call.output);
        });
    }
    // Python's hooks.websocket_message: every message received on such a socket, before it is
    // handled. May run on the host's event loop: keep it quick.
    void websocket_message(std::function<WebSocketVerdict(const Request&, std::string_view)> fn,
                           HookOptions options = {}) {
        add(DASH_HOOK_WEBSOCKET_MESSAGE, options, [fn = std::move(fn), host = host_](const dash_hook_call& call) {
            return verdict(fn(Request(host, call.request), text_view(call.input)), call.output);
        });
    }
    // Python's hooks.devtool: a component in the renderer's debug menu (dev tools UI only);
    // position "left" or "right".
    void dev_tool(const Component& component, const std::string& position = "right") {
        Json::Value data = component.to_json();
        data["position"] = position;
        data_hook(DASH_HOOK_DEV_TOOLS, Value(data));
    }
    // A <script src> / <link rel=stylesheet> in the index: a URL or an attribute object.
    void script(const Value& url_or_attributes) { data_hook(DASH_HOOK_SCRIPT, url_or_attributes); }
    void stylesheet(const Value& url_or_attributes) { data_hook(DASH_HOOK_STYLESHEET, url_or_attributes); }

private:
    using Body = std::function<dash_status(const dash_hook_call&)>;

    static dash_status verdict(const WebSocketVerdict& decided, dash_writer* output) {
        if (decided.accept) return DASH_OK;
        Json::Value out(Json::objectValue);
        out["code"] = decided.code;
        if (!decided.reason.empty()) out["reason"] = decided.reason;
        write_message(output, json::to_string(out));
        return DASH_HANDLED;
    }

    static dash_status call(void* user_data, const dash_hook_call* call) {
        // error_message is there when the host's dash_hook_call has it (it grew at the end).
        dash_writer* error_message = call->struct_size >= offsetof(dash_hook_call, error_message) + sizeof(dash_writer*)
                                         ? call->error_message
                                         : nullptr;
        return detail::guarded(error_message, [&] { return (*static_cast<Body*>(user_data))(*call); });
    }

    void text_hook(dash_hook_kind kind, TextHook fn, HookOptions options) {
        add(kind, options, [fn = std::move(fn), host = host_](const dash_hook_call& call) {
            const Request request(host, call.request);
            const std::string replaced = fn(request, text(call.input));
            write_message(call.output, replaced);
            return DASH_OK;
        });
    }

    void add(dash_hook_kind kind, HookOptions options, Body body, const std::string& data = "") {
        dash_hook_spec spec{};
        spec.struct_size = sizeof spec;
        spec.kind = kind;
        spec.priority = options.priority;
        spec.final_hook = options.final_hook ? 1u : 0u;
        spec.fn = &Hooks::call;
        spec.user_data = new Body(std::move(body));
        spec.free_user_data = &detail::free_holder<Body>;
        spec.data_json = view(data);
        submit(spec);
    }

    void data_hook(dash_hook_kind kind, const Value& data) {
        const std::string text = json::to_string(data.json());
        dash_hook_spec spec{};
        spec.struct_size = sizeof spec;
        spec.kind = kind;
        spec.data_json = view(text);
        submit(spec);
    }

    void submit(const dash_hook_spec& spec) {
        StringWriter errors;
        if (hooks_->register_hook(plugin_.handle(), &spec, &errors.writer) != DASH_OK)
            throw HookError("registering a hook failed: " + errors.text);
    }

    Plugin& plugin_;
    const dash_host* host_;
    const dash_hooks_v1* hooks_;
};

}  // namespace dash
