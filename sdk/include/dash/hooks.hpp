// dash/hooks.hpp: the hooks extension (dash/ext/hooks.h) for C++ plugins: lambdas for request and
// response filters, layout and index rewriting, callback-error observers and setup, plus the
// request/response views they work on.
#pragma once

#include <dash/ext/hooks.h>
#include <dash/plugin.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace dash {

// The request a hook sees.
class HookRequest {
public:
    HookRequest(const dash_host* host, const dash_request* request) : host_(host), request_(request) {}
    std::string method() const { return text(host_->request_method(request_)); }
    std::string path() const { return text(host_->request_path(request_)); }  // below the routes prefix
    std::string query() const { return text(host_->request_query(request_)); }
    std::optional<std::string> header(const std::string& name) const {
        const dash_str value = host_->request_header(request_, {name.data(), name.size()});
        return value.ptr ? std::optional<std::string>(std::string(value.ptr, value.len)) : std::nullopt;
    }

private:
    static std::string text(dash_str s) { return s.ptr ? std::string(s.ptr, s.len) : std::string(); }
    const dash_host* host_;
    const dash_request* request_;
};

// The response a filter sees and may change.
class HookResponse {
public:
    HookResponse(const dash_host* host, const dash_hooks_v1* hooks, dash_response* response)
        : host_(host), hooks_(hooks), response_(response) {}
    int status() const { return hooks_->response_status(response_); }
    void set_status(int status) { host_->response_set_status(response_, status); }
    std::optional<std::string> header(const std::string& name) const {
        const dash_str value = hooks_->response_header(response_, {name.data(), name.size()});
        return value.ptr ? std::optional<std::string>(std::string(value.ptr, value.len)) : std::nullopt;
    }
    void set_header(const std::string& name, const std::string& value) {
        host_->response_set_header(response_, {name.data(), name.size()}, {value.data(), value.size()});
    }
    void remove_header(const std::string& name) { hooks_->response_remove_header(response_, {name.data(), name.size()}); }
    // The body without a copy; valid until the next change.
    std::string_view body() const {
        const dash_str value = hooks_->response_body(response_);
        return std::string_view(value.ptr ? value.ptr : "", value.len);
    }
    bool body_is_static() const { return hooks_->response_body_is_static(response_) != 0; }
    void replace_body(std::string_view body) { hooks_->response_replace_body(response_, {body.data(), body.size()}); }

private:
    const dash_host* host_;
    const dash_hooks_v1* hooks_;
    dash_response* response_;
};

struct HookOptions {
    int priority = 0;
    bool final_hook = false;
};

// Registers hooks for one plugin: Hooks hooks(plugin); hooks.request_filter(...).
class Hooks {
public:
    // The registered hooks keep no reference to this object: it may be a local of setup().
    explicit Hooks(Plugin& plugin)
        : plugin_(plugin),
          host_(plugin.host()),
          hooks_(static_cast<const dash_hooks_v1*>(plugin.host()->get_extension(plugin.handle(), DASH_EXT_HOOKS))) {
        if (!hooks_) throw HookError("this host does not provide the " DASH_EXT_HOOKS " extension");
    }

    // Return true when the filter answered (through the response): the request stops there.
    using RequestFilter = std::function<bool(const HookRequest&, HookResponse&)>;
    using ResponseFilter = std::function<void(const HookRequest&, HookResponse&, uint64_t elapsed_us)>;
    // Layout / index: the text in, the replacement out (return it unchanged to keep it).
    using TextHook = std::function<std::string(const HookRequest&, const std::string& text)>;
    // {"output", "message", "inputs", "state"} of the failed call.
    using ErrorHook = std::function<void(const Json::Value& info)>;

    void request_filter(RequestFilter fn, HookOptions options = {}) {
        add(DASH_HOOK_REQUEST_FILTER, options, [fn = std::move(fn), host = host_, hooks = hooks_](const dash_hook_call& call) {
            const HookRequest request(host, call.request);
            HookResponse response(host, hooks, call.response);
            return fn(request, response) ? DASH_HANDLED : DASH_OK;
        });
    }
    void response_filter(ResponseFilter fn, HookOptions options = {}) {
        add(DASH_HOOK_RESPONSE_FILTER, options, [fn = std::move(fn), host = host_, hooks = hooks_](const dash_hook_call& call) {
            const HookRequest request(host, call.request);
            HookResponse response(host, hooks, call.response);
            fn(request, response, call.elapsed_us);
            return DASH_OK;
        });
    }
    void layout(TextHook fn, HookOptions options = {}) { text_hook(DASH_HOOK_LAYOUT, std::move(fn), options); }
    void index(TextHook fn, HookOptions options = {}) { text_hook(DASH_HOOK_INDEX, std::move(fn), options); }
    void callback_error(ErrorHook fn, HookOptions options = {}) {
        add(DASH_HOOK_CALLBACK_ERROR, options, [fn = std::move(fn)](const dash_hook_call& call) {
            fn(json::parse(std::string_view(call.input.ptr, call.input.len)));
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
    void custom_data(const std::string& name, std::function<Value(const HookRequest&)> fn, HookOptions options = {}) {
        add(DASH_HOOK_CUSTOM_DATA, options,
            [fn = std::move(fn), host = host_](const dash_hook_call& call) {
                const std::string text = json::to_string(fn(HookRequest(host, call.request)).json());
                call.output->write(call.output->context, text.data(), text.size());
                return DASH_OK;
            },
            name);
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

    static dash_status call(void* user_data, const dash_hook_call* call) {
        try {
            return (*static_cast<Body*>(user_data))(*call);
        } catch (...) {
            return DASH_ERROR;
        }
    }

    void text_hook(dash_hook_kind kind, TextHook fn, HookOptions options) {
        add(kind, options, [fn = std::move(fn), host = host_](const dash_hook_call& call) {
            const HookRequest request(host, call.request);
            const std::string replaced = fn(request, std::string(call.input.ptr, call.input.len));
            call.output->write(call.output->context, replaced.data(), replaced.size());
            return DASH_OK;
        });
    }

    void add(dash_hook_kind kind, HookOptions options, Body body, const std::string& data = "") {
        dash_hook_spec spec{};
        spec.data_json = {data.data(), data.size()};
        spec.struct_size = sizeof spec;
        spec.kind = kind;
        spec.priority = options.priority;
        spec.final_hook = options.final_hook ? 1u : 0u;
        spec.fn = &Hooks::call;
        spec.user_data = new Body(std::move(body));
        spec.free_user_data = [](void* p) { delete static_cast<Body*>(p); };
        submit(spec);
    }

    void data_hook(dash_hook_kind kind, const Value& data) {
        const std::string text = json::to_string(data.json());
        dash_hook_spec spec{};
        spec.struct_size = sizeof spec;
        spec.kind = kind;
        spec.data_json = {text.data(), text.size()};
        submit(spec);
    }

    void submit(const dash_hook_spec& spec) {
        detail::StringWriter errors;
        if (hooks_->register_hook(plugin_.handle(), &spec, &errors.writer) != DASH_OK)
            throw HookError("registering a hook failed: " + errors.text);
    }

    Plugin& plugin_;
    const dash_host* host_;
    const dash_hooks_v1* hooks_;
};

}  // namespace dash
