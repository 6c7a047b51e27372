// The hooks extension ("dash.hooks/1"): registration, ordering (priority, then one final hook per
// kind), and running each kind at its point of the request path.
#include "plugins/hooks.hpp"

#include "app/app_state.hpp"
#include "errors.hpp"
#include "plugins/handles.hpp"
#include "plugins/registration.hpp"

#include <dash/json.hpp>
#include <dash/json_scan.hpp>
#include <dash/writer.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>
#include <map>

namespace dash::core {

namespace {

dash_status register_hook(dash_plugin_handle* handle, const dash_hook_spec* spec, dash_writer* error_message) {
    const dash_hook_spec s = spec ? read_prefix(*spec) : dash_hook_spec{};
    RegisteredFunction<dash_hook_fn> function(s.fn, s.user_data, s.free_user_data);
    return register_during_init(handle, error_message, [&](PluginInstance& plugin, AppState& app) {
        if (!spec) throw DashError("HookError", "hook spec is NULL");
        const int kind = static_cast<int>(s.kind);
        if (kind < 0 || kind >= hook_kind_count)
            throw DashError("HookError", "unknown hook kind " + std::to_string(kind));
        const bool data_hook =
            s.kind == DASH_HOOK_SCRIPT || s.kind == DASH_HOOK_STYLESHEET || s.kind == DASH_HOOK_DEV_TOOLS;
        if (!data_hook && !function) throw DashError("HookError", "hook function is NULL");
        if (s.final_hook)
            for (const auto& existing : app.hooks)
                if (existing->kind == kind && existing->final_hook)
                    throw ConflictError("HookError", "a final hook of kind " + std::to_string(kind) +
                                                         " is already registered by '" + existing->fn.owner_id() + "'");
        auto entry = std::make_unique<HookEntry>();
        entry->kind = kind;
        entry->priority = s.priority;
        entry->final_hook = s.final_hook != 0;
        entry->order = app.hooks.size();
        if (s.kind == DASH_HOOK_CUSTOM_DATA) {
            entry->data = text(s.data_json);
            if (entry->data.asString().empty())
                throw DashError("HookError", "a custom_data hook needs its namespace in data_json");
        }
        if (data_hook) {
            try {
                entry->data = json::parse(text_view(s.data_json));
            } catch (const std::invalid_argument& error) {
                throw DashError("HookError", std::string("hook data_json: ") + error.what());
            }
            if (s.kind == DASH_HOOK_DEV_TOOLS &&
                !(entry->data.isObject() && entry->data["type"].isString() && entry->data["namespace"].isString()))
                throw DashError("HookError", "a dev_tools hook needs a component {namespace, type, props, position}");
            if (!entry->data.isString() && !entry->data.isObject())
                throw DashError("HookError", "hook data_json must be a URL string or an attribute object");
        }
        function.set_owner(app.owner_of(plugin));
        entry->fn = std::move(function);
        app.hooks.push_back(std::move(entry));
    });
}

int response_status(const dash_response* response) { return response->http->status; }

dash_str response_header(const dash_response* response, dash_str name) {
    const std::string* value = response->http->header(text_view(name));
    return value ? view(*value) : dash_str{nullptr, 0};
}

dash_str response_body(const dash_response* response) {
    const std::string_view payload = response->http->payload();
    return view(payload);
}

int response_body_is_static(const dash_response* response) { return response->http->shared_body != nullptr; }

void response_replace_body(dash_response* response, dash_str body) {
    response->http->shared_body.reset();
    response->http->body = text(body);
}

void response_remove_header(dash_response* response, dash_str name) {
    auto& headers = response->http->headers;
    const std::string wanted = text(name);
    headers.erase(
        std::remove_if(headers.begin(), headers.end(),
                       [&](const auto& header) { return strcasecmp(header.first.c_str(), wanted.c_str()) == 0; }),
        headers.end());
}

dash_status index_html(dash_plugin_handle* handle, dash_writer* out) {
    if (!handle || !handle->instance || !handle->instance->app || !out) return DASH_INVALID_ARGUMENT;
    const std::string& html = handle->instance->app->index_html;
    if (html.empty()) return DASH_INVALID_STATE;
    return out->write(out->context, html.data(), html.size());
}

dash_status app_layout(dash_plugin_handle* handle, dash_writer* out) {
    if (!handle || !handle->instance || !handle->instance->app || !out) return DASH_INVALID_ARGUMENT;
    const AppState& app = *handle->instance->app;
    if (!app.layout) return DASH_INVALID_STATE;
    if (!app.layout->fn)
        return out->write(out->context, app.layout->static_json.data(), app.layout->static_json.size());
    // The layout function, as for a plain GET of _dash-layout; out gets its answer or the message.
    HttpRequest request;
    request.method = "GET";
    request.path = app.config.app.paths.routes_pathname_prefix + "_dash-layout";
    const dash_request c_request{&request, "_dash-layout"};
    dash::StringWriter layout, errors;
    if (app.layout->fn(&c_request, &layout.writer, &errors.writer) != DASH_OK) {
        const std::string message = "the layout function failed" + (errors.text.empty() ? "" : ": " + errors.text);
        out->write(out->context, message.data(), message.size());
        return DASH_ERROR;
    }
    return out->write(out->context, layout.text.data(), layout.text.size());
}

const dash_hooks_v1 table = {
    sizeof(dash_hooks_v1),   register_hook,         response_status,        response_header, response_body,
    response_body_is_static, response_replace_body, response_remove_header, index_html,      app_layout,
};

// Calls a hook (serialised when its plugin asked for that). A failure is a HookError naming the
// plugin, with the message the hook wrote.
dash_status call_hook(const HookEntry& hook, dash_hook_call call, const char* what) {
    dash::StringWriter errors;
    call.error_message = &errors.writer;
    const dash_status status = hook.fn(&call);
    if (status != DASH_OK && status != DASH_HANDLED)
        throw DashError("HookError", std::string(what) + " hook of '" + hook.fn.owner_id() + "' failed (status " +
                                         std::to_string(status) + ")" +
                                         (errors.text.empty() ? "" : ": " + errors.text));
    return status;
}

dash_hook_call make_call(int kind, const dash_request* request, dash_response* response) {
    dash_hook_call call{};
    call.struct_size = sizeof call;
    call.kind = static_cast<dash_hook_kind>(kind);
    call.request = request;
    call.response = response;
    return call;
}

}  // namespace

const dash_hooks_v1* hooks_extension() { return &table; }

void sort_hooks(AppState& app) {
    for (auto& list : app.hooks_by_kind) list.clear();
    for (const auto& hook : app.hooks) app.hooks_by_kind[hook->kind].push_back(hook.get());
    for (auto& list : app.hooks_by_kind)
        std::stable_sort(list.begin(), list.end(), [](const HookEntry* a, const HookEntry* b) {
            if (a->final_hook != b->final_hook) return !a->final_hook;
            return a->priority > b->priority;
        });
}

void run_setup_hooks(AppState& app) {
    // Python's hooks.setup(app): the hook's plugin may still register while its hook runs.
    app.in_setup_hooks = true;
    const std::vector<const HookEntry*> setup = app.hooks_by_kind[DASH_HOOK_SETUP];
    for (const HookEntry* hook : setup) {
        const auto& owner = hook->fn.owner();
        if (owner) owner->registering = true;
        struct Done {
            PluginInstance* plugin;
            ~Done() {
                if (plugin) plugin->registering = false;
            }
        } done{owner.get()};
        call_hook(*hook, make_call(DASH_HOOK_SETUP, nullptr, nullptr), "setup");
    }
    app.in_setup_hooks = false;
    sort_hooks(app);  // with the hooks registered by setup hooks
}

bool run_request_filters(const AppState& app, const HttpRequest& request, const std::string& below,
                         HttpResponse& response) {
    if (app.hooks_by_kind[DASH_HOOK_REQUEST_FILTER].empty()) return false;
    dash_request c_request{&request, below};
    dash_response c_response{&response};
    for (const HookEntry* hook : app.hooks_by_kind[DASH_HOOK_REQUEST_FILTER]) {
        if (call_hook(*hook, make_call(DASH_HOOK_REQUEST_FILTER, &c_request, &c_response), "request filter") ==
            DASH_HANDLED)
            return true;
    }
    return false;
}

void run_response_filters(const AppState& app, const HttpRequest& request, const std::string& below,
                          HttpResponse& response, uint64_t elapsed_us) {
    if (app.hooks_by_kind[DASH_HOOK_RESPONSE_FILTER].empty()) return;
    dash_request c_request{&request, below};
    dash_response c_response{&response};
    for (const HookEntry* hook : app.hooks_by_kind[DASH_HOOK_RESPONSE_FILTER]) {
        dash_hook_call call = make_call(DASH_HOOK_RESPONSE_FILTER, &c_request, &c_response);
        call.elapsed_us = elapsed_us;
        call_hook(*hook, call, "response filter");
    }
}

std::string run_text_hooks(const AppState& app, int kind, const HttpRequest& request, const std::string& below,
                           std::string text_in) {
    dash_request c_request{&request, below};
    for (const HookEntry* hook : app.hooks_by_kind[kind]) {
        dash::StringWriter out;
        dash_hook_call call = make_call(kind, &c_request, nullptr);
        call.input = view(text_in);
        call.output = &out.writer;
        call_hook(*hook, call, kind == DASH_HOOK_LAYOUT ? "layout" : "index");
        if (!out.text.empty()) text_in = std::move(out.text);
    }
    return text_in;
}

std::string run_custom_data_hooks(const AppState& app, const HttpRequest& request) {
    if (app.hooks_by_kind[DASH_HOOK_CUSTOM_DATA].empty()) return std::string();
    std::map<std::string, std::string> values;  // namespace -> JSON text; a later hook of a namespace wins
    dash_request c_request{&request, "_dash-update-component"};
    for (const HookEntry* hook : app.hooks_by_kind[DASH_HOOK_CUSTOM_DATA]) {
        dash::StringWriter out;
        dash_hook_call call = make_call(DASH_HOOK_CUSTOM_DATA, &c_request, nullptr);
        call.output = &out.writer;
        call_hook(*hook, call, "custom_data");
        if (out.text.empty()) out.text = "null";
        if (!json::is_valid(out.text))
            throw DashError("HookError", "custom_data hook '" + hook->data.asString() + "' wrote invalid JSON");
        values[hook->data.asString()] = std::move(out.text);
    }
    // The values are spliced in as their text: checked once, never parsed and written again.
    std::string data = "{";
    for (const auto& [name, value] : values) {
        if (data.size() > 1) data += ',';
        json::write_string(data, name);
        data += ':';
        data += value;
    }
    return data + '}';
}

std::optional<std::pair<int, std::string>> run_websocket_hooks(const AppState& app, int kind,
                                                               const HttpRequest& upgrade, std::string_view message) {
    if (app.hooks_by_kind[kind].empty()) return std::nullopt;
    dash_request c_request{&upgrade, "_dash-ws-callback"};
    const std::string rejected = kind == DASH_HOOK_WEBSOCKET_CONNECT ? "Connection rejected" : "Message rejected";
    for (const HookEntry* hook : app.hooks_by_kind[kind]) {
        dash::StringWriter out;
        dash_hook_call call = make_call(kind, &c_request, nullptr);
        call.input = view(message);
        call.output = &out.writer;
        dash_status status;
        try {
            status =
                call_hook(*hook, call, kind == DASH_HOOK_WEBSOCKET_CONNECT ? "websocket_connect" : "websocket_message");
        } catch (const DashError& error) {
            spdlog::warn("{}", error.what());
            return std::make_pair(4001, std::string("Authentication error"));
        }
        if (status != DASH_HANDLED) continue;
        int code = 4001;
        std::string reason = rejected;
        if (!out.text.empty()) {
            try {
                const Json::Value verdict = json::parse(out.text);
                if (verdict["code"].isInt()) code = verdict["code"].asInt();
                if (verdict["reason"].isString()) reason = verdict["reason"].asString();
            } catch (const std::exception&) {
                spdlog::warn("a websocket hook of '{}' wrote a verdict that is not JSON", hook->fn.owner_id());
            }
        }
        return std::make_pair(code, reason);
    }
    return std::nullopt;
}

void run_callback_error_hooks(const AppState& app, const HttpRequest& request, const std::string& output,
                              const std::string& message, std::string_view inputs, std::string_view state) {
    if (app.hooks_by_kind[DASH_HOOK_CALLBACK_ERROR].empty()) return;
    std::string input = "{\"output\":";
    json::write_string(input, output);
    input += ",\"message\":";
    json::write_string(input, message);
    input += ",\"inputs\":";
    input.append(inputs);
    input += ",\"state\":";
    input.append(state);
    input += '}';
    dash_request c_request{&request, "_dash-update-component"};
    for (const HookEntry* hook : app.hooks_by_kind[DASH_HOOK_CALLBACK_ERROR]) {
        dash_hook_call call = make_call(DASH_HOOK_CALLBACK_ERROR, &c_request, nullptr);
        call.input = view(input);
        try {
            call_hook(*hook, call, "callback error");
        } catch (const DashError& error) {
            spdlog::warn("{}", error.what());  // observers cannot change the answer
        }
    }
}

}  // namespace dash::core
