// plugins/hooks.hpp: the hooks extension ("dash.hooks/1"): what a registered hook is, ordering
// (priority, then one final hook per kind), and running each kind at its point of the request path.
#pragma once

#include "http/http.hpp"
#include "plugins/registered_function.hpp"

#include <dash/ext/hooks.h>
#include <json/json.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace dash::core {

class AppState;

// A hook registered through the "dash.hooks/1" extension.
struct HookEntry {
    int kind = 0;
    int priority = 0;
    bool final_hook = false;
    size_t order = 0;                     // registration order, for stable sorting
    RegisteredFunction<dash_hook_fn> fn;  // empty for data hooks (SCRIPT, STYLESHEET, DEV_TOOLS)
    Json::Value data;                     // SCRIPT / STYLESHEET / DEV_TOOLS data, CUSTOM_DATA namespace
};
constexpr int hook_kind_count = 12;

// The host's table of the extension.
const dash_hooks_v1* hooks_extension();

// Orders app.hooks into app.hooks_by_kind; run once after every plugin's init.
void sort_hooks(AppState& app);
// The SETUP hooks in order; each hook's plugin may register while its hook runs (then the hooks are
// sorted again).
void run_setup_hooks(AppState& app);
// True when a request filter answered (the request goes no further).
bool run_request_filters(const AppState& app, const HttpRequest& request, const std::string& below,
                         HttpResponse& response);
void run_response_filters(const AppState& app, const HttpRequest& request, const std::string& below,
                          HttpResponse& response, uint64_t elapsed_us);
// LAYOUT / INDEX hooks: each may replace the text.
std::string run_text_hooks(const AppState& app, int kind, const HttpRequest& request, const std::string& below,
                           std::string text);
// CUSTOM_DATA hooks: {"<namespace>": value, ...} as JSON text, or empty when there are none.
std::string run_custom_data_hooks(const AppState& app, const HttpRequest& request);
// WEBSOCKET_CONNECT (message empty) / WEBSOCKET_MESSAGE hooks: std::nullopt lets the socket or
// the message through; otherwise the close code and reason (Python's rules: a rejection without
// its own code is 4001, a failing hook 4001 "Authentication error").
std::optional<std::pair<int, std::string>> run_websocket_hooks(const AppState& app, int kind,
                                                               const HttpRequest& upgrade, std::string_view message);
// CALLBACK_ERROR hooks get {"output", "message", "inputs", "state"}; inputs and state are the
// request's own text, spliced in without a tree.
void run_callback_error_hooks(const AppState& app, const HttpRequest& request, const std::string& output,
                              const std::string& message, std::string_view inputs, std::string_view state);

}  // namespace dash::core
