// callbacks/dispatch.hpp: POST _dash-update-component (§8): validate the request against the
// registration, run the plugin's callback, and assemble the {"multi":true,...} answer from the JSON
// texts it reported.
#pragma once

#include "callbacks/channel.hpp"

#include "callbacks/registry.hpp"
#include "http/http.hpp"

#include <dash/sdk.h>
#include <json/json.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dash::core {

// Called when a callback failed: its output key, the message, and the exact text of the request's
// "inputs" and "state" lists.
using ErrorObserver = std::function<void(const std::string& output, const std::string& message, std::string_view inputs,
                                         std::string_view state)>;
// What the app adds around a call: error observers, custom data for the callback, the body's limits.
struct DispatchHooks {
    const ErrorObserver* on_error = nullptr;
    std::string custom_data;   // {"<namespace>": value} as JSON text for the callback; empty: none
    int max_json_depth = 512;  // server.max_json_depth
};

// Runs one callback request. Client faults -> DashError 4xx naming the problem. When the callback
// answers DASH_PENDING, response.deferred is set and completes later; keep_alive (the app snapshot)
// is held until then.
void dispatch_callback(const CallbackRegistry& registry, const HttpRequest& request, const dash_request* c_request,
                       HttpResponse& response, std::shared_ptr<const void> keep_alive = nullptr,
                       const DispatchHooks& hooks = {});

// Calls dispatched and not yet finished (asynchronous ones wait for result_complete). The host
// waits for none to be left before it releases the app at shutdown, so an app is never destroyed
// on a plugin's thread: true when none is left within timeout.
size_t pending_callback_calls();
bool wait_for_callback_calls(std::chrono::milliseconds timeout);

}  // namespace dash::core

// The opaque result handle of the C ABI: what a callback reported through the host's result
// functions (plugins/host_table.cpp), read by dispatch when the call finishes.
struct dash_callback_result {
    struct OutputValue {
        std::optional<std::string> value;       // whole value (raw JSON)
        std::map<uint32_t, std::string> items;  // per item for ALL outputs
        bool is_all = false;                    // an ALL wildcard output: set per item
        size_t item_count = 0;                  // its concrete components
    };
    std::vector<OutputValue> outputs;
    Json::Value side_updates;  // null until a set_props: then id -> {prop: value}
    std::vector<std::string> side_update_order;
    std::vector<std::pair<std::string, std::string>> headers;
    // The transport's extras (WebSocket: streamed set_props, get_props); null over HTTP.
    std::shared_ptr<dash::core::CallbackChannel> channel;
    // Set while an asynchronous (DASH_PENDING) call may still complete.
    std::function<void(dash_status, const std::string&)> on_complete;
    std::mutex complete_mutex;
};
