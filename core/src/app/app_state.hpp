// app/app_state.hpp: the live app, an immutable snapshot built from the config and the plugins'
// registrations; requests read it through a shared_ptr so a reload can swap it.
#pragma once

#include "app/config.hpp"
#include "app/resources.hpp"
#include "callbacks/registry.hpp"
#include "plugins/hooks.hpp"
#include "plugins/loader.hpp"
#include "plugins/registered_function.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace dash::core {

// The layout: static JSON, or the plugin's provider called per request.
struct LayoutSource {
    std::string static_json;
    RegisteredFunction<dash_layout_fn> fn;
};

struct RouteEntry {
    std::string method;   // "*" for any
    std::string path;     // below routes_pathname_prefix
    bool prefix = false;  // registered as "path*"
    RegisteredFunction<dash_route_fn> fn;
};

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
    // Folders of plugins asked for during init (load_plugin_folder, ABI 1.5), loaded after it.
    std::vector<std::string> pending_plugin_folders;
    // The SETUP hooks are running: plugins may still register, but no folders of plugins any more.
    bool in_setup_hooks = false;
    std::vector<ComponentLibrary> libraries;                // in registration order
    std::map<std::string, std::map<std::string, SuiteFile>> suites;  // namespace -> path -> file
    CallbackRegistry callbacks;
    std::unique_ptr<LayoutSource> layout;
    std::string validation_layout_json;  // empty: none
    std::vector<std::unique_ptr<RouteEntry>> routes;
    std::vector<std::unique_ptr<HookEntry>> hooks;
    std::vector<const HookEntry*> hooks_by_kind[hook_kind_count];  // sorted by sort_hooks()
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
    // The plugin's shared owner (for registrations that keep it loaded).
    std::shared_ptr<PluginInstance> owner_of(PluginInstance& plugin) const { return plugin.shared_from_this(); }
};

}  // namespace dash::core
