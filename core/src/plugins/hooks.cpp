// The hooks extension ("dash.hooks/1"): registration, ordering (priority, then one final hook per
// kind), and running each kind at its point of the request path.
#include "dash/core/app_state.hpp"
#include "dash/core/errors.hpp"

#include <dash/json.hpp>
#include <dash/writer.hpp>

#include <algorithm>
#include <cstring>

namespace dash::core {

HookEntry::~HookEntry() {
    if (free_user_data) free_user_data(user_data);
}

namespace {

std::string text(dash_str s) { return s.ptr ? std::string(s.ptr, s.len) : std::string(); }

dash_status register_hook(dash_plugin_handle* handle, const dash_hook_spec* spec, dash_writer* error_message) {
    auto fail = [&](dash_status status, const std::string& message) {
        if (error_message && error_message->write) error_message->write(error_message->context, message.data(), message.size());
        if (spec && spec->free_user_data) spec->free_user_data(spec->user_data);
        return status;
    };
    if (!handle || !handle->instance || !spec) return fail(DASH_INVALID_ARGUMENT, "hook spec is NULL");
    PluginInstance& plugin = *handle->instance;
    if (!plugin.registering || !plugin.app) return fail(DASH_INVALID_STATE, "hooks register only during init");
    dash_hook_spec s{};
    std::memcpy(&s, spec, std::min<size_t>(spec->struct_size, sizeof s));
    if (static_cast<int>(s.kind) < 0 || static_cast<int>(s.kind) >= hook_kind_count)
        return fail(DASH_INVALID_ARGUMENT, "unknown hook kind " + std::to_string(static_cast<int>(s.kind)));
    const bool data_hook = s.kind == DASH_HOOK_SCRIPT || s.kind == DASH_HOOK_STYLESHEET || s.kind == DASH_HOOK_DEV_TOOLS;
    const bool named_hook = s.kind == DASH_HOOK_CUSTOM_DATA;
    if (!data_hook && !s.fn) return fail(DASH_INVALID_ARGUMENT, "hook function is NULL");
    AppState& app = *plugin.app;
    if (s.final_hook)
        for (const auto& existing : app.hooks)
            if (existing->kind == static_cast<int>(s.kind) && existing->final_hook)
                return fail(DASH_ALREADY_EXISTS, "HookError: a final hook of kind " +
                                                     std::to_string(static_cast<int>(s.kind)) +
                                                     " is already registered by '" + existing->owner->id + "'");
    auto entry = std::make_unique<HookEntry>();
    entry->kind = s.kind;
    entry->priority = s.priority;
    entry->final_hook = s.final_hook != 0;
    entry->order = app.hooks.size();
    entry->fn = s.fn;
    entry->user_data = s.user_data;
    entry->free_user_data = s.free_user_data;
    if (named_hook) {
        entry->data = text(s.data_json);
        if (entry->data.asString().empty()) {
            entry->free_user_data = nullptr;
            return fail(DASH_INVALID_ARGUMENT, "a custom_data hook needs its namespace in data_json");
        }
    }
    if (data_hook) {
        try {
            entry->data = json::parse(text(s.data_json));
        } catch (const std::exception& error) {
            entry->free_user_data = nullptr;
            return fail(DASH_INVALID_ARGUMENT, std::string("hook data_json: ") + error.what());
        }
        if (s.kind == DASH_HOOK_DEV_TOOLS && !(entry->data.isObject() && entry->data["type"].isString() &&
                                               entry->data["namespace"].isString())) {
            entry->free_user_data = nullptr;
            return fail(DASH_INVALID_ARGUMENT, "a dev_tools hook needs a component {namespace, type, props, position}");
        }
        if (!entry->data.isString() && !entry->data.isObject()) {
            entry->free_user_data = nullptr;
            return fail(DASH_INVALID_ARGUMENT, "hook data_json must be a URL string or an attribute object");
        }
    }
    for (const auto& candidate : app.plugins)
        if (candidate.get() == &plugin) entry->owner = candidate;
    app.hooks.push_back(std::move(entry));
    return DASH_OK;
}

int response_status(const dash_response* response) { return response->http->status; }

dash_str response_header(const dash_response* response, dash_str name) {
    const std::string* value = response->http->header(std::string_view(name.ptr ? name.ptr : "", name.len));
    return value ? dash_str{value->data(), value->size()} : dash_str{nullptr, 0};
}

dash_str response_body(const dash_response* response) {
    const std::string_view payload = response->http->payload();
    return dash_str{payload.data(), payload.size()};
}

int response_body_is_static(const dash_response* response) { return response->http->shared_body != nullptr; }

void response_replace_body(dash_response* response, dash_str body) {
    response->http->shared_body.reset();
    response->http->body = text(body);
}

void response_remove_header(dash_response* response, dash_str name) {
    auto& headers = response->http->headers;
    const std::string wanted = text(name);
    headers.erase(std::remove_if(headers.begin(), headers.end(),
                                 [&](const auto& header) { return strcasecmp(header.first.c_str(), wanted.c_str()) == 0; }),
                  headers.end());
}

dash_status index_html(dash_plugin_handle* handle, dash_writer* out) {
    if (!handle || !handle->instance || !handle->instance->app || !out) return DASH_INVALID_ARGUMENT;
    const std::string& html = handle->instance->app->index_html;
    if (html.empty()) return DASH_INVALID_STATE;
    return out->write(out->context, html.data(), html.size());
}

const dash_hooks_v1 table = {
    sizeof(dash_hooks_v1), register_hook,          response_status,        response_header,        response_body,
    response_body_is_static, response_replace_body, response_remove_header, index_html,
};

dash_status call_hook(const HookEntry& hook, const dash_hook_call& call) {
    if (hook.owner && hook.owner->serialized()) {
        std::lock_guard<std::mutex> lock(hook.owner->call_mutex);
        return hook.fn(hook.user_data, &call);
    }
    return hook.fn(hook.user_data, &call);
}

dash_hook_call make_call(int kind, const dash_request* request, dash_response* response) {
    dash_hook_call call{};
    call.struct_size = sizeof call;
    call.kind = static_cast<dash_hook_kind>(kind);
    call.request = request;
    call.response = response;
    return call;
}

void check(dash_status status, const HookEntry& hook, const char* what) {
    if (status != DASH_OK && status != DASH_HANDLED)
        throw DashError("HookError", std::string(what) + " hook of '" + (hook.owner ? hook.owner->id : "?") +
                                         "' failed (status " + std::to_string(status) + ")");
}

}  // namespace

const void* hooks_extension() { return &table; }

void sort_hooks(AppState& app) {
    for (auto& list : app.hooks_by_kind) list.clear();
    for (const auto& hook : app.hooks) app.hooks_by_kind[hook->kind].push_back(hook.get());
    for (auto& list : app.hooks_by_kind)
        std::stable_sort(list.begin(), list.end(), [](const HookEntry* a, const HookEntry* b) {
            if (a->final_hook != b->final_hook) return !a->final_hook;
            return a->priority > b->priority;
        });
}

void run_setup_hooks(const AppState& app) {
    for (const HookEntry* hook : app.hooks_by_kind[DASH_HOOK_SETUP])
        check(call_hook(*hook, make_call(DASH_HOOK_SETUP, nullptr, nullptr)), *hook, "setup");
}

bool run_request_filters(const AppState& app, const HttpRequest& request, const std::string& below,
                         HttpResponse& response) {
    if (app.hooks_by_kind[DASH_HOOK_REQUEST_FILTER].empty()) return false;
    dash_request c_request{&request, below};
    dash_response c_response{&response};
    for (const HookEntry* hook : app.hooks_by_kind[DASH_HOOK_REQUEST_FILTER]) {
        const dash_status status = call_hook(*hook, make_call(DASH_HOOK_REQUEST_FILTER, &c_request, &c_response));
        check(status, *hook, "request filter");
        if (status == DASH_HANDLED) return true;
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
        check(call_hook(*hook, call), *hook, "response filter");
    }
}

std::string run_text_hooks(const AppState& app, int kind, const HttpRequest& request, const std::string& below,
                           std::string text_in) {
    dash_request c_request{&request, below};
    for (const HookEntry* hook : app.hooks_by_kind[kind]) {
        dash::StringWriter out;
        dash_hook_call call = make_call(kind, &c_request, nullptr);
        call.input = dash_str{text_in.data(), text_in.size()};
        call.output = &out.writer;
        check(call_hook(*hook, call), *hook, kind == DASH_HOOK_LAYOUT ? "layout" : "index");
        if (!out.text.empty()) text_in = std::move(out.text);
    }
    return text_in;
}

Json::Value run_custom_data_hooks(const AppState& app, const HttpRequest& request) {
    if (app.hooks_by_kind[DASH_HOOK_CUSTOM_DATA].empty()) return Json::Value();
    Json::Value data(Json::objectValue);
    dash_request c_request{&request, "_dash-update-component"};
    for (const HookEntry* hook : app.hooks_by_kind[DASH_HOOK_CUSTOM_DATA]) {
        dash::StringWriter out;
        dash_hook_call call = make_call(DASH_HOOK_CUSTOM_DATA, &c_request, nullptr);
        call.output = &out.writer;
        check(call_hook(*hook, call), *hook, "custom_data");
        try {
            data[hook->data.asString()] = out.text.empty() ? Json::Value() : json::parse(out.text);
        } catch (const std::invalid_argument&) {
            throw DashError("HookError", "custom_data hook '" + hook->data.asString() + "' wrote invalid JSON");
        }
    }
    return data;
}

void run_callback_error_hooks(const AppState& app, const HttpRequest& request, const std::string& output,
                              const std::string& message) {
    if (app.hooks_by_kind[DASH_HOOK_CALLBACK_ERROR].empty()) return;
    Json::Value info(Json::objectValue);
    info["output"] = output;
    info["message"] = message;
    try {
        const Json::Value body = json::parse(request.body);
        info["inputs"] = body["inputs"];
        info["state"] = body["state"];
    } catch (const std::exception&) {
        // the body was valid when the callback ran; nothing to add otherwise
    }
    const std::string input = json::to_string(info);
    dash_request c_request{&request, "_dash-update-component"};
    for (const HookEntry* hook : app.hooks_by_kind[DASH_HOOK_CALLBACK_ERROR]) {
        dash_hook_call call = make_call(DASH_HOOK_CALLBACK_ERROR, &c_request, nullptr);
        call.input = dash_str{input.data(), input.size()};
        call_hook(*hook, call);
    }
}

}  // namespace dash::core
