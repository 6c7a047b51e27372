// dash/core/app_state.hpp: the live app, an immutable snapshot built from the config and the
// plugins' registrations; requests read it through a shared_ptr so a reload can swap it.
#pragma once

#include "dash/core/callbacks.hpp"
#include "dash/core/config.hpp"
#include "dash/core/plugin_instance.hpp"
#include "dash/core/resources.hpp"

#include <dash/ext/hooks.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace dash::core {

struct LayoutSource {
    std::string static_json;
    dash_layout_fn fn = nullptr;
    void* user_data = nullptr;
    void (*free_user_data)(void*) = nullptr;
    std::shared_ptr<PluginInstance> owner;
    ~LayoutSource();
};

struct RouteEntry {
    std::string method;  // "*" for any
    std::string path;    // below routes_pathname_prefix
    bool prefix = false; // registered as "path*"
    dash_route_fn fn = nullptr;
    void* user_data = nullptr;
    void (*free_user_data)(void*) = nullptr;
    std::shared_ptr<PluginInstance> owner;
    ~RouteEntry();
};

// A hook registered through the "dash.hooks/1" extension.
struct HookEntry {
    int kind = 0;
    int priority = 0;
    bool final_hook = false;
    size_t order = 0;  // registration order, for stable sorting
    dash_hook_fn fn = nullptr;
    void* user_data = nullptr;
    void (*free_user_data)(void*) = nullptr;
    Json::Value data;  // SCRIPT / STYLESHEET
    std::shared_ptr<PluginInstance> owner;
    ~HookEntry();
};
constexpr int hook_kind_count = 10;

struct SuiteFile {
    std::shared_ptr<const StaticFile> file;
    std::string version;
};

class AppState {
public:
    explicit AppState(DeploymentConfig deployment) : config(std::move(deployment)) {}
    AppState(const AppState&) = delete;
    AppState& operator=(const AppState&) = delete;
    ~AppState();

    DeploymentConfig config;
    std::vector<std::shared_ptr<PluginInstance>> plugins;  // in init order
    std::vector<ComponentLibrary> libraries;                // in registration order
    std::map<std::string, std::map<std::string, SuiteFile>> suites;  // namespace -> path -> file
    CallbackRegistry callbacks;
    std::unique_ptr<LayoutSource> layout;
    std::string validation_layout_json;  // empty: none
    std::vector<std::unique_ptr<RouteEntry>> routes;
    std::vector<std::unique_ptr<HookEntry>> hooks;
    std::vector<const HookEntry*> hooks_by_kind[hook_kind_count];  // sorted by finalize()
    std::map<std::string, const void*> services;
    std::string assets_folder;  // absolute
    AssetScan assets;
    std::shared_ptr<const StaticFile> favicon;

    // Built once by finalize().
    std::string index_html;
    std::string dependencies_json;
    std::string config_json;

    // Adds a library's files to the suites it serves; throws on a clash.
    void add_library(ComponentLibrary library);
    // Computes the cached index, dependencies and config; run after every plugin's init.
    void finalize();
    std::string suite_url(const std::string& url_namespace, const std::string& relative_path) const;
};

// Builds the app: core resources, plugins (in dependency order), assets, caches. Throws DashError
// with a message naming the problem. static_plugins are hosted in-process (the main() helper).
std::shared_ptr<AppState> build_app(const DeploymentConfig& config,
                                    std::vector<std::shared_ptr<PluginInstance>> static_plugins = {});

// The hooks extension ("dash.hooks/1") and running the hooks of a kind.
const void* hooks_extension();
void sort_hooks(AppState& app);
void run_setup_hooks(const AppState& app);
// True when a request filter answered (the request goes no further).
bool run_request_filters(const AppState& app, const HttpRequest& request, const std::string& below,
                         HttpResponse& response);
void run_response_filters(const AppState& app, const HttpRequest& request, const std::string& below,
                          HttpResponse& response, uint64_t elapsed_us);
// LAYOUT / INDEX hooks: each may replace the text.
std::string run_text_hooks(const AppState& app, int kind, const HttpRequest& request, const std::string& below,
                           std::string text);
// CUSTOM_DATA hooks: {"<namespace>": value, ...}, or null when there are none.
Json::Value run_custom_data_hooks(const AppState& app, const HttpRequest& request);
void run_callback_error_hooks(const AppState& app, const HttpRequest& request, const std::string& output,
                              const std::string& message);

// Checks every component in a layout against the prop names its library registered; throws
// DashError("TypeError", ...) naming the component, its id and the prop.
void validate_layout(const AppState& app, const Json::Value& layout);

// The index page (§4), from the snapshot.
std::string render_index(const AppState& app);
// InvalidIndexException when the page lacks what the renderer needs (§4.2).
void validate_index(const std::string& html);
// The texts of the inline scripts defining clientside callbacks given as JavaScript source (§15.1).
std::vector<std::string> inline_clientside_scripts(const AppState& app);
// The _dash-config JSON (§4.9).
std::string render_config(const AppState& app);

}  // namespace dash::core
