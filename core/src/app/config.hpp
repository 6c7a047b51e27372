// dash/core/config.hpp: the deployment config (server, Dash app options, plugins) and its rules.
#pragma once

#include <json/json.h>

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace dash::core {

struct ServerOptions {
    std::string host = "127.0.0.1";
    int port = 8050;
    // Connections are owned by io_threads event loops (epoll); complete requests run on `threads`
    // workers, at most `max_queued` more wait for one (beyond: 503 with Retry-After).
    int io_threads = 1;
    int threads = 64;
    int max_queued = 1024;
    int max_connections = 10000;  // open connections; beyond: 503 with Retry-After, then closed
    bool keep_alive = true;
    int keep_alive_timeout = 5;  // seconds an idle keep-alive connection stays open
    // A complete request runs on the event-loop thread that read it; when one has run there for
    // event_loop_stall microseconds, a worker joins the loop to serve the other connections.
    // false: every request is handed to a worker.
    bool requests_on_event_loop = true;
    int event_loop_stall = 2000;
    // microseconds the worker that answered a keep-alive request waits on the socket for the next
    // one (only while no request waits for a worker; only with requests_on_event_loop false); 0:
    // straight back to the event loop
    int worker_keep_alive_wait = 1000;
    int max_keep_alive_requests = 0;               // 0: unlimited
    int header_timeout = 10;                       // seconds for a whole request header, from its first byte
    int timeout = 60;                              // seconds to read a request body, and to write a response
    int max_header_size = 16384;                   // bytes of the request line and header fields; beyond: 431
    int max_header_count = 100;                    // header fields; beyond: 431
    long long max_body_size = 10ll * 1024 * 1024;  // bytes; a larger request body is answered 413
    int max_json_depth = 512;                      // nesting of a callback body; deeper is answered 400
    bool reuse_port = false;                       // SO_REUSEPORT: several hosts share the port
    int shutdown_timeout = 30;                     // seconds in-flight requests get to finish after SIGTERM/SIGINT
    // glibc malloc arenas (M_ARENA_MAX); 0 keeps glibc's default of 8 per core. MALLOC_ARENA_MAX in
    // the environment wins over both.
    int malloc_arenas = 2;
};

// The resolved URL prefixes (protocol §2.1).
struct PathConfig {
    std::optional<std::string> url_base_pathname;
    std::string routes_pathname_prefix = "/";
    std::string requests_pathname_prefix = "/";
};

struct DevTools {
    bool ui = false;
    bool props_check = false;
    bool serve_dev_bundles = false;
    bool hot_reload = false;
    bool prune_errors = false;
    bool validate_callbacks = false;
    bool disable_version_check = false;
    bool silence_routes_logging = false;
};

// The Dash() constructor options we support, under their Python names.
struct AppOptions {
    std::string title = "Dash";
    std::optional<std::string> update_title = std::string("Updating...");
    PathConfig paths;
    std::string assets_folder = "assets";  // relative to the config file's directory
    std::string assets_url_path = "assets";
    std::string assets_ignore;
    std::vector<std::string> assets_path_ignore;
    bool include_assets_files = true;
    std::optional<std::string> assets_external_path;
    bool serve_locally = true;
    bool eager_loading = false;
    Json::Value meta_tags = Json::Value(Json::arrayValue);
    Json::Value external_stylesheets = Json::Value(Json::arrayValue);
    Json::Value external_scripts = Json::Value(Json::arrayValue);
    std::optional<std::string> index_string;
    bool suppress_callback_exceptions = false;
    bool prevent_initial_callbacks = false;
    // Refuse at start what the renderer would report in the dev tools (duplicate or overlapping
    // outputs, empty ids and properties, bad dict ids); off: registered as Python registers them.
    bool strict_callbacks = false;
    bool show_undo_redo = false;
    bool hide_all_callbacks = false;
    bool compress = false;
    std::optional<std::string> health_endpoint;
    Json::Value renderer_hooks = Json::Value(Json::objectValue);  // Python's `hooks`: JS source per hook
    // The WebSocket callback transport (protocol §12): every callback over it, or only those
    // registered with `websocket`; origins allowed besides the page's own host; the renderer's timers.
    bool websocket_callbacks = false;
    std::vector<std::string> websocket_allowed_origins;
    int websocket_inactivity_timeout = 300000;  // ms; 0 disables
    int websocket_heartbeat_interval = 30000;   // ms
};

struct PluginEntry {
    std::string name;  // file stem looked up in plugin_dirs (name.so)
    std::string path;  // explicit file path (wins over name)
    Json::Value config = Json::Value(Json::objectValue);
};

struct DeploymentConfig {
    std::string config_dir;  // directory of the config file; relative paths start here
    ServerOptions server;
    AppOptions app;
    bool debug = false;
    DevTools dev_tools;
    std::string log_level = "info";
    std::string share_dir;  // where the staged front-end files live
    std::vector<std::string> plugin_dirs;
    std::vector<PluginEntry> plugins;
    // The keys the file's "app" section set: they win over the same settings made in code.
    std::set<std::string> app_keys_from_file;
};

using Environment = std::function<std::optional<std::string>(const std::string& name)>;
Environment process_environment();

// Reads and validates a config; throws DashError("InvalidConfig", ...) naming the bad key.
// Environment variables (DASH_*, HOST, PORT) override the file.
// debug: the command line's --debug, above everything (every dev-tools default follows it).
DeploymentConfig parse_config(const Json::Value& document, const std::string& config_dir, const Environment& env,
                              std::optional<bool> debug = std::nullopt);
DeploymentConfig load_config(const std::string& path, const Environment& env, std::optional<bool> debug = std::nullopt);
// The app's settings from its code (ABI 1.4 set_app_options): the keys of the "app" section that
// belong to the app, read like the file's; throws InvalidConfig naming an unknown key, a
// deployment-only one or a wrong type. `where` names the source in messages.
void apply_app_options(AppOptions& app, const Json::Value& options, const std::string& where);

// A path the deployment names (plugin files and folders, the assets folder): relative ones start at
// the config file's directory; normalised.
std::string config_path(const DeploymentConfig& config, const std::string& path);

// Protocol §2.1: from the three supplied settings (and DASH_APP_NAME) to the resolved prefixes.
PathConfig resolve_paths(const std::optional<std::string>& url_base_pathname,
                         const std::optional<std::string>& routes_pathname_prefix,
                         const std::optional<std::string>& requests_pathname_prefix,
                         const std::optional<std::string>& app_name);

// Python's get_relative_path / strip_relative_path / get_asset_url (protocol §16.4).
std::string get_relative_path(const PathConfig& paths, const std::string& path);
std::optional<std::string> strip_relative_path(const PathConfig& paths, const std::optional<std::string>& path);
std::string get_asset_url(const AppOptions& app, const std::string& path);

}  // namespace dash::core
