// dash/core/callbacks.hpp: the callback registry, _dash-dependencies and request dispatch (§7, §8).
#pragma once

#include "dash/core/http.hpp"

#include <dash/sdk.h>
#include <json/json.h>

#include <map>
#include <memory>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace dash::core {

struct PluginInstance;

// A dict-id value that is a wildcard: ["MATCH"], ["ALL"], ["ALLSMALLER"] (name: that one only).
bool is_wildcard(const Json::Value& value, const char* name = nullptr);

struct DependencySpec {
    Json::Value id;  // string or dict (wildcards as ["MATCH"], ["ALL"], ["ALLSMALLER"])
    std::string property;
    bool flag = false;  // allow_duplicate (outputs) / allow_optional (inputs, state)

    std::string id_string() const;  // stringified id (§9.1)
    bool has_wildcard(const char* name) const;
};

struct CallbackEntry {
    std::string output;  // the dispatch key sent in _dash-dependencies
    std::vector<DependencySpec> outputs, inputs, state;
    bool multi_output = false;
    std::optional<bool> prevent_initial_call;  // nullopt: the app default
    bool initial_duplicate = false;            // prevent_initial_call="initial_duplicate"
    bool hidden = false;
    bool optional = false;
    bool persistent = false;
    Json::Value running;  // null or {"running": {...}, "runningOff": {...}}

    // Server-side callbacks.
    dash_callback_fn fn = nullptr;
    void* user_data = nullptr;
    void (*free_user_data)(void*) = nullptr;
    // Clientside callbacks: {"namespace", "function_name"}; inline_source for JS given as text.
    Json::Value clientside_function;
    std::string inline_source;

    std::shared_ptr<PluginInstance> owner;

    CallbackEntry() = default;
    CallbackEntry(const CallbackEntry&) = delete;
    CallbackEntry& operator=(const CallbackEntry&) = delete;
    ~CallbackEntry();

    bool is_clientside() const { return !clientside_function.isNull(); }
    bool no_output() const { return outputs.empty(); }
};

// Parses the dependencies JSON of a registration (dash_callback_spec.dependencies_json) and
// computes the output key; throws DashError naming what is wrong.
std::unique_ptr<CallbackEntry> parse_callback_dependencies(const std::string& dependencies_json);

class CallbackRegistry {
public:
    // Adds a callback; throws DashError("DuplicateCallback", ...) on a reused output.
    void add(std::unique_ptr<CallbackEntry> entry);
    const CallbackEntry* find_by_output(const std::string& output) const;
    const std::vector<std::shared_ptr<CallbackEntry>>& entries() const { return entries_; }
    // The _dash-dependencies body.
    std::string dependencies_json(bool prevent_initial_callbacks, bool hide_all_callbacks) const;
    void clear() {
        by_output_.clear();
        entries_.clear();
    }

private:
    std::vector<std::shared_ptr<CallbackEntry>> entries_;
    std::unordered_map<std::string, CallbackEntry*> by_output_;
    std::map<std::string, std::string> claimed_outputs_;  // "id.prop" -> output key
};

// What a callback reported through the host's result functions.
struct dash_callback_result_impl;

// Runs POST _dash-update-component: validates the body against the registration, calls the
// callback and writes the response (§8). Client faults -> 4xx naming the problem. When the
// callback answers DASH_PENDING, response.deferred is set and completes later; keep_alive (the app
// snapshot) is held until then.
using ErrorObserver = std::function<void(const std::string& output, const std::string& message)>;
// What the app adds around a call: error observers and custom data for the callback's body.
struct DispatchHooks {
    const ErrorObserver* on_error = nullptr;
    Json::Value custom_data;  // null: none; else added to the body as "custom_data"
};
void dispatch_callback(const CallbackRegistry& registry, const HttpRequest& request, const dash_request* c_request,
                       HttpResponse& response, std::shared_ptr<const void> keep_alive = nullptr,
                       const DispatchHooks& hooks = {});

// Checks that text is one well-formed JSON value (no DOM is built).
bool is_valid_json(std::string_view text);

}  // namespace dash::core

// The opaque result handle of the C ABI.
struct dash_callback_result {
    struct OutputValue {
        std::optional<std::string> value;                 // whole value (raw JSON)
        std::map<uint32_t, std::string> items;            // per item for ALL outputs
    };
    std::vector<OutputValue> outputs;
    std::vector<bool> output_is_all;
    std::vector<size_t> output_item_counts;
    Json::Value side_updates = Json::Value(Json::objectValue);
    std::vector<std::string> side_update_order;
    std::vector<std::pair<std::string, std::string>> headers;
    // Set while an asynchronous (DASH_PENDING) call may still complete.
    std::function<void(dash_status, const std::string&)> on_complete;
    std::mutex complete_mutex;
};
