// POST _dash-update-component: validate the request against the registration, run the callback,
// splice the plugin's JSON results into the "multi" response without re-parsing them (§8).
#include "callbacks/dispatch.hpp"

#include "callbacks/request_body.hpp"
#include "errors.hpp"
#include "http/deferred.hpp"

#include <dash/json.hpp>
#include <dash/writer.hpp>

#include <spdlog/spdlog.h>

#include <array>
#include <condition_variable>
#include <forward_list>

namespace dash::core {

namespace {

DashError bad_request(const std::string& message) { return DashError("InvalidCallbackRequest", message, 400); }
DashError mismatch(const std::string& message) { return DashError("CallbackException", message, 400); }

// A string Json::Value's text, without a copy.
std::string_view string_of(const Json::Value& value) {
    const char* begin = nullptr;
    const char* end = nullptr;
    value.getString(&begin, &end);
    return std::string_view(begin, static_cast<size_t>(end - begin));
}

// Does the concrete id sent by the renderer fit the registered (maybe wildcard) id?
bool id_matches(const Json::Value& pattern, const Json::Value& concrete) {
    if (pattern.isString()) return concrete.isString() && string_of(concrete) == string_of(pattern);
    if (!pattern.isObject() || !concrete.isObject() || pattern.size() != concrete.size()) return false;
    for (const auto& key : pattern.getMemberNames()) {
        if (!concrete.isMember(key)) return false;
        const Json::Value& expected = pattern[key];
        const Json::Value& actual = concrete[key];
        if (is_wildcard(expected)) {
            if (!(actual.isString() || actual.isNumeric() || actual.isBool())) return false;
            continue;
        }
        if (expected != actual) return false;
    }
    return true;
}

// One concrete dependency item: {"id", "property", ...} matching spec.
void check_item(const SentNode& item, const DependencySpec& spec, const std::string& where, bool output) {
    if (item.kind != SentNode::Kind::entry || !item.entry.property)
        throw mismatch(where + " must be an object with id and property");
    const std::string_view sent = *item.entry.property;
    const std::string_view property = output ? sent.substr(0, sent.find('@')) : sent;
    if (property != spec.property || !id_matches(spec.id, item.entry.id))
        throw mismatch(where + " (" + json::to_string(item.entry.id) + "." + std::string(property) +
                       ") does not match the callback's " + "registration (" + spec.id_string() + "." + spec.property +
                       ")");
}

// One registered dependency's part of the request: a list of items for a wildcard one.
void check_dependency(const SentNode& sent, const DependencySpec& spec, const std::string& where, bool output) {
    if (!spec.all && !spec.all_smaller) return check_item(sent, spec, where, output);
    if (sent.kind != SentNode::Kind::list) throw mismatch(where + " must be a list for a wildcard dependency");
    for (size_t k = 0; k < sent.items.size(); ++k)
        check_item(sent.items[k], spec, where + "[" + std::to_string(k) + "]", output);
}

// A list of dependencies as sent (inputs, state, or outputs as an array).
void check_list(const SentNode& sent, const std::vector<DependencySpec>& specs, const char* name, bool output) {
    if (sent.kind == SentNode::Kind::absent && specs.empty()) return;
    if (sent.kind != SentNode::Kind::list || sent.items.size() != specs.size())
        throw mismatch(std::string(name) + ": expected " + std::to_string(specs.size()) +
                       " entries as registered (Inputs do not match callback definition)");
    for (size_t i = 0; i < specs.size(); ++i)
        check_dependency(sent.items[i], specs[i], std::string(name) + "[" + std::to_string(i) + "]", output);
}

void validate_request(const CallbackEntry& entry, const CallbackBody& body) {
    if (!entry.no_output()) {
        if (entry.multi_output)
            check_list(body.outputs, entry.outputs, "outputs", true);
        else  // a single output: named as the first of a list when it is a wildcard one
            check_dependency(body.outputs, entry.outputs.front(),
                             entry.outputs.front().all ? "outputs[0]" : "outputs", true);
    }
    check_list(body.inputs, entry.inputs, "inputs", false);
    check_list(body.state, entry.state, "state", false);
}

// The ids of the request's concrete outputs, one list per registered output (after validation).
std::vector<std::vector<const Json::Value*>> concrete_outputs(const CallbackEntry& entry, const CallbackBody& body) {
    std::vector<std::vector<const Json::Value*>> result(entry.outputs.size());
    if (entry.no_output()) return result;
    for (size_t i = 0; i < entry.outputs.size(); ++i) {
        const SentNode& sent = entry.multi_output ? body.outputs.items[i] : body.outputs;
        if (sent.kind == SentNode::Kind::list)
            for (const auto& item : sent.items) result[i].push_back(&item.entry.id);
        else
            result[i].push_back(&sent.entry.id);
    }
    return result;
}

struct ResponseBuilder {
    // Stringified id -> list of (prop, raw JSON), in first-seen order. The raw texts are views of the
    // call's results (a figure may be megabytes: it is copied once, into the answer) or of `owned`.
    std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string_view>>>> components;
    std::forward_list<std::string> owned;  // texts made here (items of an ALL list), stable while building

    void add(const std::string& id_key, const std::string& property, std::string_view raw) {
        for (auto& [key, props] : components) {
            if (key == id_key) {
                props.emplace_back(property, raw);
                return;
            }
        }
        components.push_back({id_key, {{property, raw}}});
    }
};

std::string build_body(const ResponseBuilder& builder, const dash_callback_result& result) {
    // One allocation for the whole answer: the values' texts (a figure may be megabytes) are copied
    // once, not again each time the string grows.
    size_t size = 64;
    for (const auto& [id_key, props] : builder.components) {
        size += id_key.size() + 8;
        for (const auto& [property, raw] : props) size += property.size() + raw.size() + 8;
    }
    std::string out;
    out.reserve(size);
    out = "{\"multi\":true";
    if (!result.side_update_order.empty()) {
        out += ",\"sideUpdate\":{";
        bool first = true;
        for (const auto& key : result.side_update_order) {
            if (!first) out += ',';
            first = false;
            json::write_string(out, key);
            out += ':';
            json::write(out, result.side_updates[key]);
        }
        out += '}';
    }
    out += ",\"response\":{";
    bool first_component = true;
    for (const auto& [id_key, props] : builder.components) {
        if (!first_component) out += ',';
        first_component = false;
        json::write_string(out, id_key);
        out += ":{";
        bool first_prop = true;
        for (const auto& [property, raw] : props) {
            if (!first_prop) out += ',';
            first_prop = false;
            json::write_string(out, property);
            out += ':';
            out += raw;
        }
        out += '}';
    }
    out += "}}";
    return out;
}

bool is_no_update_text(std::string_view raw) {
    // {"_dash_no_update": "_dash_no_update"} with some white space at most: a big value is never it
    // (and is not searched).
    if (raw.size() > 128 || raw.find("_dash_no_update") == std::string_view::npos) return false;
    try {
        Json::Value value = json::parse(raw);
        return value.isObject() && value.size() == 1 && value["_dash_no_update"] == "_dash_no_update";
    } catch (const std::exception&) {
        return false;
    }
}

// Distributes the callback's reported values over the concrete outputs; no_update ones are left out.
void collect_outputs(const CallbackEntry& entry, const std::vector<std::vector<const Json::Value*>>& concrete,
                     const dash_callback_result& result, ResponseBuilder& builder) {
    for (size_t i = 0; i < entry.outputs.size(); ++i) {
        const auto& reported = result.outputs[i];
        const std::string& property = entry.outputs[i].property;
        if (!reported.is_all) {
            if (reported.value && !is_no_update_text(*reported.value))
                builder.add(json::stringify_id(*concrete[i].front()), property, *reported.value);
            continue;
        }
        std::map<uint32_t, std::string_view> items(reported.items.begin(), reported.items.end());
        if (reported.value && !is_no_update_text(*reported.value)) {
            Json::Value list = json::parse(*reported.value);
            if (!list.isArray() || list.size() != concrete[i].size())
                throw DashError("InvalidCallbackReturnValue",
                                "output " + std::to_string(i) + " matches " + std::to_string(concrete[i].size()) +
                                    " components (ALL wildcard) and needs a list of as many values");
            for (Json::ArrayIndex k = 0; k < list.size(); ++k)
                items[k] = builder.owned.emplace_front(json::to_string(list[k]));
        }
        for (const auto& [k, raw] : items) {
            if (k >= concrete[i].size())
                throw DashError("InvalidCallbackReturnValue", "output item " + std::to_string(k) + " is out of range");
            if (!is_no_update_text(raw)) builder.add(json::stringify_id(*concrete[i][k]), property, raw);
        }
    }
}

// The body a plugin of ABI 1.0/1.1 gets: as posted, with "custom_data" spliced in as text when the
// custom_data hooks produced some (no tree is built or written again). The body is an object with
// an "output" member (checked before), so a comma always goes before the new member.
std::string legacy_body(std::string_view body, const std::string& custom_data) {
    std::string out;
    out.reserve(body.size() + custom_data.size() + 16);
    out.append(body.substr(0, body.find_last_of('}')));
    out += ",\"custom_data\":";
    out += custom_data;
    out += '}';
    return out;
}

// Runs the plugin function (serialised when the plugin asked for that): the prepared call (ABI 1.2)
// with one slice per argument, or the body text for older plugins.
dash_status invoke(const CallbackEntry& entry, std::string_view request_body, const CallbackBody& body,
                   const std::string& custom_data, const dash_request* c_request, dash_callback_result& result,
                   std::string& message) {
    dash::StringWriter errors;
    dash_status status;
    if (entry.prepared) {
        std::forward_list<std::string> joined;
        const std::vector<std::string_view> texts = argument_texts(body, joined);
        // dash_str and string_view differ in layout guarantees only: converted on the stack for
        // the usual few arguments.
        std::array<dash_str, 8> few;
        std::vector<dash_str> many;
        dash_str* arguments = few.data();
        if (texts.size() > few.size()) {
            many.resize(texts.size());
            arguments = many.data();
        }
        for (size_t i = 0; i < texts.size(); ++i) arguments[i] = dash::view(texts[i]);
        dash_callback_call call{};
        call.struct_size = sizeof call;
        call.body = dash::view(request_body);
        call.arguments = arguments;
        call.argument_count = texts.size();
        call.custom_data_json = dash::view(custom_data);
        status = entry.fn.call_as(entry.prepared, &call, c_request, &result, &errors.writer);
    } else if (custom_data.empty()) {
        status = entry.fn(dash::view(request_body), c_request, &result, &errors.writer);
    } else {
        const std::string with_data = legacy_body(request_body, custom_data);
        status = entry.fn(dash::view(with_data), c_request, &result, &errors.writer);
    }
    if (status != DASH_OK) message = errors.text.empty() ? "the callback failed without a message" : errors.text;
    return status;
}

// Calls in progress, lock-free on the request path; the mutex is taken only to wake a waiter at
// shutdown (`waiting` and `pending` are sequentially consistent: a waiter that checks after the
// last call ended sees zero, and a call that ends after the waiter looked sees `waiting`).
std::atomic<size_t> pending_calls{0};
std::atomic<bool> shutdown_waiting{false};
std::mutex idle_mutex;
std::condition_variable idle;

// Counts a call from its start until everything it holds is released (declared first in the call,
// so destroyed last).
struct PendingCount {
    PendingCount() { ++pending_calls; }
    ~PendingCount() {
        if (--pending_calls == 0 && shutdown_waiting) {
            std::lock_guard<std::mutex> lock(idle_mutex);
            idle.notify_all();
        }
    }
    PendingCount(const PendingCount&) = delete;
    PendingCount& operator=(const PendingCount&) = delete;
};

// One call of a callback, kept alive (with the app snapshot) until an asynchronous callback
// completes.
struct CallbackCall {
    PendingCount counted;
    std::shared_ptr<const void> keep_alive;
    const CallbackEntry* entry = nullptr;
    std::string output;
    // The body as read; its argument slices point into the request and are used only while the
    // plugin function runs (an asynchronous callback converts its arguments before it returns).
    CallbackBody body;
    std::vector<std::vector<const Json::Value*>> concrete;
    dash_callback_result result;
    DeferredResponse deferred;  // used only when the callback answers DASH_PENDING
};

// Builds the HTTP answer of a finished call (§8.4–8.7).
void finish(CallbackCall& call, dash_status status, const std::string& message, HttpResponse& response) {
    for (const auto& [name, value] : call.result.headers) response.add_header(name, value);
    if (status == DASH_PREVENT_UPDATE) {
        response.status = 204;
        return;
    }
    if (status != DASH_OK) {
        spdlog::error("callback {} failed: {}", call.output, message);
        response.error(500, "Callback error updating " + call.output, message);
        return;
    }
    ResponseBuilder builder;
    collect_outputs(*call.entry, call.concrete, call.result, builder);
    if (call.entry->no_output() && call.result.side_update_order.empty()) {
        response.status = 204;
        return;
    }
    response.json(build_body(builder, call.result));
}

// finish(), with the errors a result can still raise (bad ALL lists) turned into responses.
HttpResponse finish_deferred(CallbackCall& call, dash_status status, const std::string& message) {
    HttpResponse response;
    try {
        finish(call, status, message, response);
    } catch (const DashError& error) {
        response = HttpResponse();
        response.error(error.status(), error.name(), error.detail());
    }
    return response;
}

}  // namespace

size_t pending_callback_calls() { return pending_calls.load(); }

bool wait_for_callback_calls(std::chrono::milliseconds timeout) {
    shutdown_waiting = true;
    std::unique_lock<std::mutex> lock(idle_mutex);
    return idle.wait_for(lock, timeout, [] { return pending_calls == 0; });
}

void dispatch_callback(const CallbackRegistry& registry, const HttpRequest& request, const dash_request* c_request,
                       HttpResponse& response, std::shared_ptr<const void> keep_alive, const DispatchHooks& hooks) {
    auto call = std::make_shared<CallbackCall>();
    call->keep_alive = std::move(keep_alive);
    call->body = read_callback_body(request.body, hooks.max_json_depth);
    const CallbackBody& body = call->body;
    if (!body.output) throw bad_request("the request body must be an object with an \"output\" string");
    call->output = *body.output;
    const std::string& output = call->output;
    const CallbackEntry* entry = registry.find_by_output(output);
    // Objects and arrays among the arguments were only delimited: checked here unless the plugin
    // checks them as it converts them (before the lookup fails, so a body that is not JSON is
    // named so first, whatever its output).
    const bool plugin_checks = entry && entry->prepared && entry->checks_arguments;
    if (!plugin_checks) check_delimited_arguments(body, request.body, hooks.max_json_depth);
    if (!entry) throw DashError("CallbackException", "no callback is registered for output '" + output + "'", 400);
    if (entry->is_clientside())
        throw DashError("CallbackException", "'" + output + "' is a clientside callback; it runs in the browser", 400);
    try {
        validate_request(*entry, body);
    } catch (const DashError& error) {
        // The plugin that would have checked the arguments is not called: a body that is not
        // JSON is still named so first.
        if (plugin_checks) check_delimited_arguments(body, request.body, hooks.max_json_depth);
        throw DashError(error.name(), "callback '" + output + "': " + error.detail(), error.status());
    }
    call->entry = entry;
    call->concrete = concrete_outputs(*entry, body);

    dash_callback_result& result = call->result;
    result.channel = request.channel;
    result.outputs.resize(entry->outputs.size());
    for (size_t i = 0; i < entry->outputs.size(); ++i) {
        result.outputs[i].is_all = entry->outputs[i].all;
        result.outputs[i].item_count = call->concrete[i].size();
    }
    // An asynchronous callback completes later, from any thread: the call stays alive until then.
    result.on_complete = [call](dash_status status, const std::string& message) {
        call->deferred.complete(finish_deferred(*call, status, message));
    };
    std::string message;
    const dash_status status = invoke(*entry, request.body, call->body, hooks.custom_data, c_request, result, message);
    if (status == DASH_PENDING) {
        response.deferred = std::shared_ptr<DeferredResponse>(call, &call->deferred);  // shares the call's life
        return;
    }
    {
        std::lock_guard<std::mutex> lock(result.complete_mutex);
        result.on_complete = nullptr;  // a synchronous answer: breaks the call <-> lambda cycle
    }
    // A plugin that checks its arguments found one that is not JSON: the client's fault, as when
    // the host finds it (no error hook: the callback never ran).
    if (status == DASH_INVALID_ARGUMENT && plugin_checks)
        throw bad_request("the request body is not JSON (" + message + ")");
    if (status != DASH_OK && status != DASH_PREVENT_UPDATE && hooks.on_error)
        (*hooks.on_error)(output, message, call->body.inputs_text, call->body.state_text);
    finish(*call, status, message, response);
}

}  // namespace dash::core
