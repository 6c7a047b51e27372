// Building the app snapshot: core's own front-end files, plugins in dependency order, assets.
#include "app/app_builder.hpp"

#include "errors.hpp"
#include "plugins/host_table.hpp"

#include <dash/ext/services.h>
#include <dash/json.hpp>
#include <dash/package.hpp>
#include <dash/writer.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>

namespace fs = std::filesystem;

namespace dash::core {

namespace {

// The renderer, its React dependencies and plotly.js: what every Dash page needs (§5.3). Served
// by core under the URLs the renderer hard-codes; not a component library of any plugin.
void add_core_resources(AppState& app) {
    const std::string frontend = app.config.share_dir + "/frontend";
    if (!fs::exists(frontend + "/dash-renderer/build/dash_renderer.min.js"))
        throw invalid_config("front-end files not found under '" + frontend +
                             "'; set share_dir in the config (the build stages them into build/share/dashcpp)");
    ComponentLibrary core;
    core.package_name = "dash";
    core.url_namespace = "dash";
    core.version = DASHCPP_DASH_VERSION;
    core.plugin_id = "core";
    core.children_props = Json::Value(Json::objectValue);
    auto add = [&](const std::string& path, const std::string& file, unsigned flags) {
        core.resources.push_back(Resource{path, DASH_RESOURCE_JS, flags, StaticFile::load(frontend + "/" + file)});
    };
    add("deps/polyfill@7.12.1.min.js", "@babel/polyfill/dist/polyfill.min.js", 0);
    add("deps/react@18.3.1.min.js", "react/umd/react.production.min.js", DASH_RESOURCE_PROD_ONLY);
    add("deps/react@18.3.1.js", "react/umd/react.development.js", DASH_RESOURCE_DEV_ONLY);
    add("deps/react-dom@18.3.1.min.js", "react-dom/umd/react-dom.production.min.js", DASH_RESOURCE_PROD_ONLY);
    add("deps/react-dom@18.3.1.js", "react-dom/umd/react-dom.development.js", DASH_RESOURCE_DEV_ONLY);
    add("deps/prop-types@15.8.1.min.js", "prop-types/prop-types.min.js", DASH_RESOURCE_PROD_ONLY);
    add("deps/prop-types@15.8.1.js", "prop-types/prop-types.js", DASH_RESOURCE_DEV_ONLY);
    add("dash-renderer/build/dash_renderer.min.js", "dash-renderer/build/dash_renderer.min.js",
        DASH_RESOURCE_PROD_ONLY);
    add("dash-renderer/build/dash_renderer.dev.js", "dash-renderer/build/dash_renderer.dev.js", DASH_RESOURCE_DEV_ONLY);
    add("dash-renderer/build/dash-ws-worker.js", "dash-renderer/build/dash-ws-worker.js", DASH_RESOURCE_DYNAMIC);
    app.add_library(std::move(core));

    ComponentLibrary plotly;
    plotly.package_name = "plotly";
    plotly.url_namespace = "plotly";
    plotly.version = dash::package_version(frontend + "/plotly.js-dist-min");
    plotly.plugin_id = "core";
    plotly.children_props = Json::Value(Json::objectValue);
    plotly.resources.push_back(Resource{"package_data/plotly.min.js", DASH_RESOURCE_JS, DASH_RESOURCE_ASYNC,
                                        StaticFile::load(frontend + "/plotly.js-dist-min/plotly.min.js")});
    app.add_library(std::move(plotly));
}

// Plugin id -> file of every .so in the plugin directories, built on first use (a config that names
// files and lists every dependency never pays for it): each file is opened only to read its
// descriptor (nothing runs before init); the first directory that has an id wins; files that are
// not plugins are passed over.
class PluginIndex {
public:
    explicit PluginIndex(const DeploymentConfig& config) : config_(config) {}
    std::optional<std::string> find(const std::string& id) {
        if (!by_id_) build();
        auto found = by_id_->find(id);
        return found == by_id_->end() ? std::nullopt : std::optional<std::string>(found->second);
    }

private:
    void build() {
        by_id_.emplace();
        for (const auto& dir : config_.plugin_dirs) {
            const fs::path base = config_path(config_, dir);
            std::error_code error;
            std::vector<fs::path> files;
            for (const auto& entry : fs::directory_iterator(base, error))
                if (entry.path().extension() == ".so") files.push_back(entry.path());
            std::sort(files.begin(), files.end());
            for (const auto& file : files) {
                try {
                    by_id_->emplace(open_plugin_file(file.string())->id, file.string());
                } catch (const std::exception& skipped) {
                    spdlog::debug("not a plugin: {}", skipped.what());
                }
            }
        }
    }
    const DeploymentConfig& config_;
    std::optional<std::map<std::string, std::string>> by_id_;
};

std::string find_plugin_file(const DeploymentConfig& config, const PluginEntry& entry, PluginIndex& index) {
    if (!entry.path.empty()) return config_path(config, entry.path);
    std::vector<std::string> tried;
    for (const auto& dir : config.plugin_dirs) {
        const std::string candidate = config_path(config, dir) + "/" + entry.name + ".so";
        if (fs::exists(candidate)) return candidate;
        tried.push_back(candidate);
    }
    // Not a file name: maybe the plugin's id ("org.example.sales"), looked up in the same directories.
    if (entry.name.find('.') != std::string::npos)
        if (auto found = index.find(entry.name)) return *found;
    std::string list;
    for (const auto& t : tried) list += "\n  " + t;
    throw plugin_error("plugin '" + entry.name + "' not found (neither a file name nor a plugin id); looked for:" +
                       (list.empty() ? " (no plugin_dirs)" : list));
}

// Orders plugins so that each comes after its dependencies, keeping config order otherwise.
std::vector<std::shared_ptr<PluginInstance>> dependency_order(
    const std::vector<std::shared_ptr<PluginInstance>>& plugins) {
    std::map<std::string, std::shared_ptr<PluginInstance>> by_id;
    for (const auto& plugin : plugins) {
        auto [it, inserted] = by_id.emplace(plugin->id, plugin);
        if (!inserted)
            throw plugin_error("duplicate plugin id '" + plugin->id + "': loaded from " + it->second->describe() +
                               " and " + plugin->describe());
    }
    std::vector<std::shared_ptr<PluginInstance>> ordered;
    std::set<std::string> done, visiting;
    std::function<void(const std::shared_ptr<PluginInstance>&, std::vector<std::string>&)> visit =
        [&](const std::shared_ptr<PluginInstance>& plugin, std::vector<std::string>& chain) {
            if (done.count(plugin->id)) return;
            chain.push_back(plugin->id);
            if (!visiting.insert(plugin->id).second) {
                std::string cycle;
                for (const auto& id : chain) cycle += (cycle.empty() ? "" : " -> ") + id;
                throw plugin_error("plugin dependency cycle: " + cycle);
            }
            for (const auto& dependency : plugin->dependencies) {
                auto found = by_id.find(dependency);
                if (found == by_id.end())
                    throw plugin_error("plugin '" + plugin->id + "' depends on '" + dependency +
                                       "', which is not in the plugin list and no plugin in the plugin directories "
                                       "provides");
                visit(found->second, chain);
            }
            chain.pop_back();
            visiting.erase(plugin->id);
            done.insert(plugin->id);
            ordered.push_back(plugin);
        };
    for (const auto& plugin : plugins) {
        std::vector<std::string> chain;
        visit(plugin, chain);
    }
    return ordered;
}

// The dependencies no listed plugin provides are loaded from the plugin directories (by id, with an
// empty config), and theirs in turn. So a deployment config may list only the app.
void load_missing_dependencies(std::vector<std::shared_ptr<PluginInstance>>& loaded, PluginIndex& index) {
    for (;;) {
        std::set<std::string> have;
        for (const auto& plugin : loaded) have.insert(plugin->id);
        std::set<std::string> wanted;
        for (const auto& plugin : loaded)
            for (const auto& dependency : plugin->dependencies)
                if (!have.count(dependency)) wanted.insert(dependency);
        bool found = false;
        for (const auto& id : wanted) {
            const auto file = index.find(id);
            if (!file) continue;  // dependency_order names what is still missing
            loaded.push_back(open_plugin_file(*file));
            spdlog::info("plugin {} loaded from {}: a dependency the plugin list does not name", id, *file);
            found = true;
        }
        if (!found) return;
    }
}

// The plugin files in a folder and its subfolders, by path, skipping files and folders whose names
// start with "_" or "." (as Python's walk over a pages folder).
std::vector<std::string> plugin_files_in(const std::string& folder) {
    std::vector<std::string> files;
    for (auto item = fs::recursive_directory_iterator(folder); item != fs::recursive_directory_iterator(); ++item) {
        const std::string name = item->path().filename().string();
        if (name[0] == '_' || name[0] == '.') {
            if (item->is_directory()) item.disable_recursion_pending();
            continue;
        }
        if (item->is_regular_file() && item->path().extension() == ".so") files.push_back(item->path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

void init_plugin(PluginInstance& plugin, AppState& app, const Json::Value& config) {
    const std::string config_text = json::to_string(config);
    dash::StringWriter errors;
    plugin.app = &app;
    plugin.registering = true;
    const dash_status status = plugin.descriptor.init(
        host_table(), &plugin.handle, {config_text.data(), config_text.size()}, &plugin.state, &errors.writer);
    plugin.registering = false;
    if (status != DASH_OK)
        throw plugin_error("plugin " + plugin.describe() + " failed to initialise (status " + std::to_string(status) +
                           "): " + (errors.text.empty() ? "no message" : errors.text));
    plugin.initialised = true;
    spdlog::info("plugin {} {} initialised", plugin.id, plugin.version);
}

}  // namespace

std::shared_ptr<AppState> build_app(const DeploymentConfig& config,
                                    std::vector<std::shared_ptr<PluginInstance>> static_plugins) {
    auto app = std::make_shared<AppState>(config);
    add_core_resources(*app);

    std::vector<std::shared_ptr<PluginInstance>> loaded = std::move(static_plugins);
    std::map<PluginInstance*, Json::Value> plugin_configs;
    PluginIndex index(config);  // plugins by id, for names that are ids and for unlisted dependencies
    for (const auto& entry : config.plugins) {
        auto plugin = open_plugin_file(find_plugin_file(config, entry, index));
        plugin_configs[plugin.get()] = entry.config;
        loaded.push_back(std::move(plugin));
    }
    // Rounds: the plugins not initialised yet (with their unlisted dependencies) are initialised in
    // dependency order; folders of plugins asked for meanwhile (a pages folder) make the next round.
    for (;;) {
        load_missing_dependencies(loaded, index);
        for (const auto& plugin : dependency_order(loaded)) {
            if (plugin->initialised) continue;
            app->plugins.push_back(plugin);
            auto found = plugin_configs.find(plugin.get());
            init_plugin(*plugin, *app, found == plugin_configs.end() ? Json::Value(Json::objectValue) : found->second);
        }
        if (app->pending_plugin_folders.empty()) break;
        for (const auto& folder : std::exchange(app->pending_plugin_folders, {}))
            for (const auto& file : plugin_files_in(folder)) {
                loaded.push_back(open_plugin_file(file));
                spdlog::info("plugin {} loaded from the plugin folder {}", loaded.back()->id, folder);
            }
    }
    sort_hooks(*app);
    run_setup_hooks(*app);
    if (config.app.compress && !app->services.count(DASH_SERVICE_COMPRESSION))
        throw invalid_config(
            "app.compress is true but no plugin provides compression (service dash.compression/1); add a plugin "
            "that offers it to the plugin list (docs/plugins.md lists the shipped ones)");
    if (const auto& health = config.app.health_endpoint) {
        bool served = false;
        for (const auto& route : app->routes) served = served || (!route->prefix && route->path == *health);
        if (!served)
            throw invalid_config(
                "app.health_endpoint is '" + *health +
                "' but no plugin serves that path; add a plugin that registers the route (docs/plugins.md lists the "
                "shipped ones)");
    }
    if (!app->layout)
        throw DashError("NoLayoutException",
                        "no plugin set a layout; the app plugin must call layout(...) in its setup");

    app->assets_folder = config_path(config, config.app.assets_folder);
    if (config.app.include_assets_files)
        app->assets = scan_assets(app->assets_folder, config.app.assets_ignore, config.app.assets_path_ignore);
    const std::string favicon = config.share_dir + "/favicon.ico";
    if (fs::exists(favicon)) app->favicon = StaticFile::load(favicon);
    app->finalize();
    return app;
}

}  // namespace dash::core
