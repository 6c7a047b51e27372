// Deployment config: parsing, validation, environment overrides and URL prefix resolution.
#include "app/config.hpp"

#include "errors.hpp"

#include <dash/json.hpp>
#include <dash/paths.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace dash::core {

namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

// Reads env NAME (or its lower-case spelling, as Python does).
std::optional<std::string> env_value(const Environment& env, const std::string& name) {
    if (auto value = env(name)) return value;
    return env(lower(name));
}

bool parse_bool(const std::string& where, const std::string& text) {
    const std::string value = lower(text);
    if (value == "true" || value == "1" || value == "yes") return true;
    if (value == "false" || value == "0" || value == "no" || value.empty()) return false;
    throw invalid_config(where + " must be true or false, got '" + text + "'");
}

int parse_int(const std::string& where, const std::string& text, int min, int max) {
    try {
        size_t used = 0;
        long value = std::stol(text, &used);
        if (used != text.size() || value < min || value > max) throw std::out_of_range(text);
        return static_cast<int>(value);
    } catch (const std::exception&) {
        throw invalid_config(where + " must be an integer from " + std::to_string(min) + " to " + std::to_string(max) +
                             ", got '" + text + "'");
    }
}

// Typed readers of config keys, each naming the key in its error.
class Section {
public:
    Section(const Json::Value& value, std::string path) : value_(value), path_(std::move(path)) {
        if (!value_.isNull() && !value_.isObject()) throw invalid_config(path_ + " must be an object");
    }
    void allow(std::initializer_list<const char*> keys) const {
        allow(std::set<std::string>(keys.begin(), keys.end()));
    }
    void allow(const std::set<std::string>& known) const {
        for (const auto& name : value_.getMemberNames())
            if (!known.count(name)) throw invalid_config("unknown key '" + name + "' in " + path_);
    }
    bool has(const char* key) const { return value_.isObject() && value_.isMember(key); }
    const Json::Value& get(const char* key) const { return value_[key]; }
    std::string where(const char* key) const { return path_ + "." + key; }

    void read(const char* key, bool& out) const {
        if (!has(key)) return;
        if (!get(key).isBool()) throw invalid_config(where(key) + " must be true or false");
        out = get(key).asBool();
    }
    void read(const char* key, int& out, int min, int max) const {
        if (!has(key)) return;
        if (!get(key).isInt() || get(key).asInt() < min || get(key).asInt() > max)
            throw invalid_config(where(key) + " must be an integer from " + std::to_string(min) + " to " +
                                 std::to_string(max));
        out = get(key).asInt();
    }
    void read(const char* key, std::string& out) const {
        if (!has(key)) return;
        if (!get(key).isString()) throw invalid_config(where(key) + " must be a string");
        out = get(key).asString();
    }
    // A string that may be null.
    void read(const char* key, std::optional<std::string>& out) const {
        if (!has(key)) return;
        if (get(key).isNull()) {
            out.reset();
            return;
        }
        if (!get(key).isString()) throw invalid_config(where(key) + " must be a string or null");
        out = get(key).asString();
    }
    void read_list(const char* key, Json::Value& out) const {
        if (!has(key)) return;
        if (!get(key).isArray()) throw invalid_config(where(key) + " must be a list");
        out = get(key);
    }

private:
    const Json::Value& value_;
    std::string path_;
};

void read_server(const Section& s, ServerOptions& server) {
    s.allow({"host",
             "port",
             "io_threads",
             "threads",
             "max_queued",
             "max_connections",
             "keep_alive",
             "keep_alive_timeout",
             "requests_on_event_loop",
             "event_loop_stall",
             "worker_keep_alive_wait",
             "max_keep_alive_requests",
             "header_timeout",
             "timeout",
             "max_header_size",
             "max_header_count",
             "max_body_size",
             "max_json_depth",
             "reuse_port",
             "shutdown_timeout",
             "malloc_arenas"});
    s.read("host", server.host);
    s.read("port", server.port, 1, 65535);
    s.read("io_threads", server.io_threads, 1, 64);
    s.read("threads", server.threads, 1, 4096);
    s.read("max_queued", server.max_queued, 0, 1 << 20);
    s.read("max_connections", server.max_connections, 1, 1 << 20);
    s.read("keep_alive", server.keep_alive);
    s.read("keep_alive_timeout", server.keep_alive_timeout, 1, 3600);
    s.read("requests_on_event_loop", server.requests_on_event_loop);
    s.read("event_loop_stall", server.event_loop_stall, 100, 60000000);
    s.read("worker_keep_alive_wait", server.worker_keep_alive_wait, 0, 60000000);
    s.read("max_keep_alive_requests", server.max_keep_alive_requests, 0, 1 << 30);
    s.read("header_timeout", server.header_timeout, 1, 3600);
    s.read("timeout", server.timeout, 1, 3600);
    s.read("max_header_size", server.max_header_size, 1024, 1 << 20);
    s.read("max_header_count", server.max_header_count, 8, 10000);
    int max_body_mib = -1;
    s.read("max_body_size", max_body_mib, 1, 4096);
    if (max_body_mib > 0) server.max_body_size = static_cast<long long>(max_body_mib) * 1024 * 1024;
    s.read("max_json_depth", server.max_json_depth, 16, 100000);
    s.read("reuse_port", server.reuse_port);
    s.read("shutdown_timeout", server.shutdown_timeout, 0, 3600);
    s.read("malloc_arenas", server.malloc_arenas, 0, 1024);
}

struct SuppliedPaths {
    std::optional<std::string> url_base_pathname, routes_pathname_prefix, requests_pathname_prefix;
};

// The keys of the "app" section, and those of them that belong to the deployment rather than to the
// app's code (other plugins read them while the app starts, or they describe the deployment).
const std::set<std::string> app_keys = {"title",
                                        "update_title",
                                        "url_base_pathname",
                                        "routes_pathname_prefix",
                                        "requests_pathname_prefix",
                                        "assets_folder",
                                        "assets_url_path",
                                        "assets_ignore",
                                        "assets_path_ignore",
                                        "include_assets_files",
                                        "assets_external_path",
                                        "serve_locally",
                                        "eager_loading",
                                        "meta_tags",
                                        "external_stylesheets",
                                        "external_scripts",
                                        "index_string",
                                        "suppress_callback_exceptions",
                                        "prevent_initial_callbacks",
                                        "strict_callbacks",
                                        "show_undo_redo",
                                        "hide_all_callbacks",
                                        "compress",
                                        "health_endpoint",
                                        "hooks",
                                        "websocket_callbacks",
                                        "websocket_allowed_origins",
                                        "websocket_inactivity_timeout",
                                        "websocket_heartbeat_interval"};
const std::set<std::string> deployment_only_app_keys = {"url_base_pathname",
                                                        "routes_pathname_prefix",
                                                        "requests_pathname_prefix",
                                                        "assets_url_path",
                                                        "assets_external_path",
                                                        "serve_locally",
                                                        "hooks",
                                                        "websocket_callbacks",
                                                        "websocket_allowed_origins",
                                                        "websocket_inactivity_timeout",
                                                        "websocket_heartbeat_interval"};

void read_app(const Section& s, AppOptions& app, SuppliedPaths& paths) {
    s.allow(app_keys);
    s.read("title", app.title);
    s.read("update_title", app.update_title);
    s.read("url_base_pathname", paths.url_base_pathname);
    s.read("routes_pathname_prefix", paths.routes_pathname_prefix);
    s.read("requests_pathname_prefix", paths.requests_pathname_prefix);
    s.read("assets_folder", app.assets_folder);
    s.read("assets_url_path", app.assets_url_path);
    s.read("assets_ignore", app.assets_ignore);
    Json::Value ignore(Json::arrayValue);
    s.read_list("assets_path_ignore", ignore);
    for (const auto& pattern : ignore) {
        if (!pattern.isString()) throw invalid_config(s.where("assets_path_ignore") + " must be a list of strings");
        app.assets_path_ignore.push_back(pattern.asString());
    }
    s.read("include_assets_files", app.include_assets_files);
    s.read("assets_external_path", app.assets_external_path);
    s.read("serve_locally", app.serve_locally);
    if (!app.serve_locally)
        throw invalid_config("app.serve_locally = false (CDN mode) is not supported yet; the host serves every bundle");
    s.read("eager_loading", app.eager_loading);
    s.read_list("meta_tags", app.meta_tags);
    s.read_list("external_stylesheets", app.external_stylesheets);
    s.read_list("external_scripts", app.external_scripts);
    s.read("index_string", app.index_string);
    s.read("suppress_callback_exceptions", app.suppress_callback_exceptions);
    s.read("prevent_initial_callbacks", app.prevent_initial_callbacks);
    s.read("strict_callbacks", app.strict_callbacks);
    s.read("show_undo_redo", app.show_undo_redo);
    s.read("hide_all_callbacks", app.hide_all_callbacks);
    s.read("compress", app.compress);
    s.read("health_endpoint", app.health_endpoint);
    s.read("websocket_callbacks", app.websocket_callbacks);
    Json::Value origins(Json::arrayValue);
    s.read_list("websocket_allowed_origins", origins);
    for (const auto& origin : origins) {
        if (!origin.isString())
            throw invalid_config(s.where("websocket_allowed_origins") + " must be a list of strings");
        app.websocket_allowed_origins.push_back(origin.asString());
    }
    s.read("websocket_inactivity_timeout", app.websocket_inactivity_timeout, 0, 86400000);
    s.read("websocket_heartbeat_interval", app.websocket_heartbeat_interval, 1000, 3600000);
    if (s.has("hooks")) {
        const Json::Value& hooks = s.get("hooks");
        if (!hooks.isObject()) throw invalid_config(s.where("hooks") + " must be an object of JavaScript sources");
        static const std::set<std::string> names = {"layout_pre",   "layout_post",       "request_pre",
                                                    "request_post", "callback_resolved", "request_refresh_jwt"};
        for (const auto& name : hooks.getMemberNames()) {
            if (!names.count(name)) throw invalid_config("unknown renderer hook '" + name + "' in app.hooks");
            if (!hooks[name].isString())
                throw invalid_config("app.hooks." + name + " must be a JavaScript source string");
        }
        app.renderer_hooks = hooks;
    }
    for (const auto& tag : app.meta_tags)
        if (!tag.isObject()) throw invalid_config(s.where("meta_tags") + " must be a list of attribute objects");
    if (app.index_string) {
        std::vector<std::string> missing;
        for (const char* marker : {"{%app_entry%}", "{%config%}", "{%scripts%}"})
            if (app.index_string->find(marker) == std::string::npos) missing.push_back(marker);
        if (!missing.empty()) {
            std::string list;
            for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
            throw DashError("InvalidIndexException", "Missing item(s) " + list + " in index string.");
        }
    }
}

void read_dev_tools(const Section& s, DevTools& tools) {
    s.allow({"ui", "props_check", "serve_dev_bundles", "hot_reload", "prune_errors", "validate_callbacks",
             "disable_version_check", "silence_routes_logging"});
    s.read("ui", tools.ui);
    s.read("props_check", tools.props_check);
    s.read("serve_dev_bundles", tools.serve_dev_bundles);
    s.read("hot_reload", tools.hot_reload);
    s.read("prune_errors", tools.prune_errors);
    s.read("validate_callbacks", tools.validate_callbacks);
    s.read("disable_version_check", tools.disable_version_check);
    s.read("silence_routes_logging", tools.silence_routes_logging);
}

void read_plugins(const Json::Value& list, std::vector<PluginEntry>& plugins) {
    if (list.isNull()) return;
    if (!list.isArray()) throw invalid_config("plugins must be a list");
    for (Json::ArrayIndex i = 0; i < list.size(); ++i) {
        const std::string where = "plugins[" + std::to_string(i) + "]";
        Section s(list[i], where);
        if (!list[i].isObject()) throw invalid_config(where + " must be an object");
        s.allow({"name", "path", "config"});
        PluginEntry entry;
        s.read("name", entry.name);
        s.read("path", entry.path);
        if (entry.name.empty() && entry.path.empty()) throw invalid_config(where + " needs a name or a path");
        if (s.has("config")) {
            if (!s.get("config").isObject()) throw invalid_config(where + ".config must be an object");
            entry.config = s.get("config");
        }
        plugins.push_back(std::move(entry));
    }
}

void apply_environment(DeploymentConfig& config, SuppliedPaths& paths, const Environment& env) {
    auto text = [&](const char* name, std::optional<std::string>& out) {
        if (auto value = env_value(env, name)) out = *value;
    };
    auto flag = [&](const char* name, bool& out) {
        if (auto value = env_value(env, name)) out = parse_bool(name, *value);
    };
    text("DASH_URL_BASE_PATHNAME", paths.url_base_pathname);
    text("DASH_ROUTES_PATHNAME_PREFIX", paths.routes_pathname_prefix);
    text("DASH_REQUESTS_PATHNAME_PREFIX", paths.requests_pathname_prefix);
    text("DASH_ASSETS_EXTERNAL_PATH", config.app.assets_external_path);
    flag("DASH_SUPPRESS_CALLBACK_EXCEPTIONS", config.app.suppress_callback_exceptions);
    flag("DASH_INCLUDE_ASSETS_FILES", config.app.include_assets_files);
    flag("DASH_COMPRESS", config.app.compress);
    flag("DASH_DEBUG", config.debug);
    if (auto host = env_value(env, "HOST")) config.server.host = *host;
    if (auto port = env_value(env, "PORT")) config.server.port = parse_int("PORT", *port, 1, 65535);
    if (auto threads = env_value(env, "DASH_THREADS"))
        config.server.threads = parse_int("DASH_THREADS", *threads, 1, 4096);
    if (auto size = env_value(env, "DASH_MAX_BODY_SIZE"))
        config.server.max_body_size =
            static_cast<long long>(parse_int("DASH_MAX_BODY_SIZE", *size, 1, 4096)) * 1024 * 1024;
    if (auto level = env_value(env, "DASH_LOG_LEVEL")) config.log_level = *level;
}

// Each dev-tools switch defaults to `debug` unless set in the file or the environment (§17.2).
void resolve_dev_tools(DeploymentConfig& config, const Section& file_tools, const Environment& env) {
    const bool debug = config.debug;
    DevTools& tools = config.dev_tools;
    struct Switch {
        const char* key;
        const char* env;
        bool& value;
        bool fallback;
    };
    Switch switches[] = {
        {"ui", "DASH_UI", tools.ui, debug},
        {"props_check", "DASH_PROPS_CHECK", tools.props_check, debug},
        {"serve_dev_bundles", "DASH_SERVE_DEV_BUNDLES", tools.serve_dev_bundles, debug},
        {"hot_reload", "DASH_HOT_RELOAD", tools.hot_reload, debug},
        {"prune_errors", "DASH_PRUNE_ERRORS", tools.prune_errors, debug},
        {"validate_callbacks", "DASH_VALIDATE_CALLBACKS", tools.validate_callbacks, debug},
        {"disable_version_check", "DASH_DISABLE_VERSION_CHECK", tools.disable_version_check, false},
        {"silence_routes_logging", "DASH_SILENCE_ROUTES_LOGGING", tools.silence_routes_logging, debug},
    };
    for (auto& s : switches) {
        s.value = s.fallback;
        if (auto value = env_value(env, s.env)) s.value = parse_bool(s.env, *value);
        file_tools.read(s.key, s.value);
    }
}

bool starts_with(const std::string& text, const std::string& prefix) {
    return text.size() >= prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}
bool ends_with(const std::string& text, const std::string& suffix) {
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

void apply_app_options(AppOptions& app, const Json::Value& options, const std::string& where) {
    if (!options.isObject()) throw invalid_config(where + " must be an object");
    for (const auto& key : options.getMemberNames()) {
        if (!app_keys.count(key)) throw invalid_config("'" + key + "' in " + where + " is not an app setting");
        if (deployment_only_app_keys.count(key))
            throw invalid_config("'" + key + "' in " + where +
                                 " is a setting of the deployment: set it in the config file's \"app\" section");
    }
    SuppliedPaths unused;
    read_app(Section(options, where), app, unused);
}

Environment process_environment() {
    return [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        if (!value) return std::nullopt;
        return std::string(value);
    };
}

PathConfig resolve_paths(const std::optional<std::string>& url_base_pathname,
                         const std::optional<std::string>& routes_pathname_prefix,
                         const std::optional<std::string>& requests_pathname_prefix,
                         const std::optional<std::string>& app_name) {
    auto supplied = [](const std::optional<std::string>& value) { return value && !value->empty(); };
    if (supplied(url_base_pathname) && supplied(requests_pathname_prefix))
        throw invalid_config(
            "You supplied `url_base_pathname` and `requests_pathname_prefix`. This is ambiguous. To fix this, set "
            "`routes_pathname_prefix` instead of `url_base_pathname`.");
    if (supplied(url_base_pathname) && supplied(routes_pathname_prefix))
        throw invalid_config(
            "You supplied `url_base_pathname` and `routes_pathname_prefix`. This is ambiguous. To fix this, set "
            "`requests_pathname_prefix` instead of `url_base_pathname`.");
    PathConfig paths;
    paths.url_base_pathname = supplied(url_base_pathname) ? url_base_pathname : std::nullopt;
    paths.routes_pathname_prefix = supplied(routes_pathname_prefix) ? *routes_pathname_prefix
                                   : supplied(url_base_pathname)    ? *url_base_pathname
                                                                    : "/";
    if (!starts_with(paths.routes_pathname_prefix, "/"))
        throw invalid_config("`routes_pathname_prefix` needs to start with `/`, got '" + paths.routes_pathname_prefix +
                             "'");
    if (!ends_with(paths.routes_pathname_prefix, "/"))
        throw invalid_config("`routes_pathname_prefix` needs to end with `/`, got '" + paths.routes_pathname_prefix +
                             "'");
    if (supplied(requests_pathname_prefix))
        paths.requests_pathname_prefix = *requests_pathname_prefix;
    else if (supplied(app_name))
        paths.requests_pathname_prefix = "/" + *app_name + paths.routes_pathname_prefix;
    else if (supplied(url_base_pathname))
        paths.requests_pathname_prefix = *url_base_pathname;
    else
        paths.requests_pathname_prefix = paths.routes_pathname_prefix;
    if (!starts_with(paths.requests_pathname_prefix, "/"))
        throw invalid_config("`requests_pathname_prefix` needs to start with `/`, got '" +
                             paths.requests_pathname_prefix + "'");
    // The renderer appends the missing slash itself; we do it once here so URLs we build agree.
    if (!ends_with(paths.requests_pathname_prefix, "/")) paths.requests_pathname_prefix += "/";
    return paths;
}

DeploymentConfig parse_config(const Json::Value& document, const std::string& config_dir, const Environment& env,
                              std::optional<bool> debug) {
    if (!document.isObject()) throw invalid_config("the config file must hold a JSON object");
    Section root(document, "config");
    root.allow({"server", "app", "debug", "dev_tools", "log_level", "share_dir", "plugin_dirs", "plugins"});
    DeploymentConfig config;
    config.config_dir = config_dir;
    // Lowest to highest: defaults, DASH_* variables, the file (explicit settings beat the
    // environment, as Python's constructor arguments do), the command line (debug here).
    SuppliedPaths paths;
    apply_environment(config, paths, env);
    read_server(Section(document["server"], "server"), config.server);
    read_app(Section(document["app"], "app"), config.app, paths);
    if (document["app"].isObject())
        for (const auto& key : document["app"].getMemberNames()) config.app_keys_from_file.insert(key);
    root.read("debug", config.debug);
    if (debug) config.debug = *debug;
    root.read("log_level", config.log_level);
    root.read("share_dir", config.share_dir);
    Json::Value dirs(Json::arrayValue);
    root.read_list("plugin_dirs", dirs);
    for (const auto& dir : dirs) {
        if (!dir.isString()) throw invalid_config("plugin_dirs must be a list of strings");
        config.plugin_dirs.push_back(dir.asString());
    }
    read_plugins(document["plugins"], config.plugins);
    Section tools(document["dev_tools"], "dev_tools");
    read_dev_tools(tools, config.dev_tools);
    resolve_dev_tools(config, tools, env);
    config.app.paths = resolve_paths(paths.url_base_pathname, paths.routes_pathname_prefix,
                                     paths.requests_pathname_prefix, env_value(env, "DASH_APP_NAME"));
    static const std::set<std::string> levels = {"trace", "debug", "info", "warn", "error", "off"};
    if (!levels.count(config.log_level))
        throw invalid_config("log_level must be one of trace, debug, info, warn, error, off; got '" + config.log_level +
                             "'");
    return config;
}

DeploymentConfig load_config(const std::string& path, const Environment& env, std::optional<bool> debug) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw invalid_config("cannot read config file '" + path + "'");
    std::stringstream text;
    text << file.rdbuf();
    Json::Value document;
    try {
        document = json::parse(text.str());
    } catch (const std::invalid_argument& error) {
        throw invalid_config("config file '" + path + "' is not valid JSON: " + error.what());
    }
    std::filesystem::path dir = std::filesystem::absolute(path).parent_path();
    return parse_config(document, dir.lexically_normal().string(), env, debug);
}

// The SDK's implementation (dash/paths.hpp) is the one; its exception becomes a DashError (400).
template <class F>
auto with_dash_error(F&& fn) {
    try {
        return fn();
    } catch (const dash::DashException& error) {
        throw DashError(error.name(), error.message(), 400);
    }
}

std::string config_path(const DeploymentConfig& config, const std::string& path) {
    const std::filesystem::path p(path);
    return (p.is_absolute() ? p : std::filesystem::path(config.config_dir) / p).lexically_normal().string();
}

std::string get_relative_path(const PathConfig& paths, const std::string& path) {
    return with_dash_error([&] { return ::dash::paths::get_relative_path(paths.requests_pathname_prefix, path); });
}

std::optional<std::string> strip_relative_path(const PathConfig& paths, const std::optional<std::string>& path) {
    return with_dash_error([&] { return ::dash::paths::strip_relative_path(paths.requests_pathname_prefix, path); });
}

std::string get_asset_url(const AppOptions& app, const std::string& path) {
    return ::dash::paths::get_asset_url(app.paths.requests_pathname_prefix, app.assets_url_path,
                                        app.assets_external_path, path);
}

}  // namespace dash::core
