// The dash_host table: what a plugin may ask of the host. Every entry checks its arguments and
// answers with a status; nothing throws across the boundary.
#include "plugins/host_table.hpp"

#include <dash/json_scan.hpp>
#include "app/app_state.hpp"
#include "callbacks/dispatch.hpp"
#include "errors.hpp"
#include "plugins/handles.hpp"
#include "plugins/hooks.hpp"
#include "plugins/registration.hpp"
#include "util/digest.hpp"

#include <dash/json.hpp>
#include <dash/writer.hpp>

#include <spdlog/spdlog.h>

#include <cstring>
#include <filesystem>

namespace dash::core {

namespace {

// Python refuses allow_duplicate outputs on callbacks that fire initially (unless initial_duplicate).
void check_allow_duplicate(const CallbackEntry& entry, bool app_prevents_initial_calls) {
    const bool fires_initially = !entry.prevent_initial_call.value_or(app_prevents_initial_calls);
    if (!fires_initially || entry.initial_duplicate) return;
    for (const auto& output : entry.outputs)
        if (output.flag)
            throw ConflictError(
                "DuplicateCallback",
                "allow_duplicate requires prevent_initial_call to be true (or \"initial_duplicate\"); the "
                "callback for '" +
                    entry.output + "' fires initially");
}

// Registered as Python registers them; the renderer will report these in the dev tools.
void warn_conflicts(const PluginInstance& plugin, const std::vector<std::string>& conflicts) {
    for (const auto& conflict : conflicts)
        spdlog::warn("[{}] callback registered, but {} (set app.strict_callbacks to refuse it at start)", plugin.id,
                     conflict);
}

void host_log(dash_plugin_handle* handle, dash_log_level level, dash_str message) {
    const std::string who = handle && handle->instance ? handle->instance->id : "plugin";
    static const spdlog::level::level_enum levels[] = {spdlog::level::trace, spdlog::level::debug, spdlog::level::info,
                                                       spdlog::level::warn, spdlog::level::err};
    const auto index = static_cast<unsigned>(level) <= DASH_LOG_ERROR ? static_cast<unsigned>(level) : 4u;
    spdlog::log(levels[index], "[{}] {}", who, text_view(message));
}

dash_status host_info(dash_plugin_handle* handle, dash_writer* out) {
    if (!handle || !handle->instance || !handle->instance->app) return DASH_INVALID_STATE;
    const AppState& app = *handle->instance->app;
    Json::Value info(Json::objectValue);
    info["share_dir"] = app.config.share_dir;
    info["config_dir"] = app.config.config_dir;
    info["debug"] = app.config.debug;
    info["serve_dev_bundles"] = app.config.dev_tools.serve_dev_bundles;
    info["silence_routes_logging"] = app.config.dev_tools.silence_routes_logging;
    info["dash_version"] = DASHCPP_DASH_VERSION;
    info["routes_pathname_prefix"] = app.config.app.paths.routes_pathname_prefix;
    info["requests_pathname_prefix"] = app.config.app.paths.requests_pathname_prefix;
    info["title"] = app.config.app.title;
    info["suppress_callback_exceptions"] = app.config.app.suppress_callback_exceptions;
    info["assets_folder"] = config_path(app.config, app.config.app.assets_folder);
    info["assets_url_path"] = app.config.app.assets_url_path;
    info["assets_external_path"] =
        app.config.app.assets_external_path ? Json::Value(*app.config.app.assets_external_path) : Json::Value();
    info["health_endpoint"] =
        app.config.app.health_endpoint ? Json::Value(*app.config.app.health_endpoint) : Json::Value();
    info["plugins"] = Json::Value(Json::arrayValue);
    for (const auto& plugin : app.plugins) {
        Json::Value entry(Json::objectValue);
        entry["id"] = plugin->id;
        entry["name"] = plugin->name;
        entry["version"] = plugin->version;
        info["plugins"].append(entry);
    }
    info["abi_major"] = DASH_ABI_MAJOR;
    info["abi_minor"] = DASH_ABI_MINOR;
    write_message(out, json::to_string(info));
    return DASH_OK;
}

dash_status register_component_library(dash_plugin_handle* handle, const dash_component_library* library,
                                       dash_writer* error_message) {
    return register_during_init(handle, error_message, [&](PluginInstance& plugin, AppState& app) {
        if (!library) throw plugin_error("library is NULL");
        const dash_component_library lib = read_prefix(*library);
        ComponentLibrary entry;
        entry.package_name = text(lib.package_name);
        entry.url_namespace = text(lib.url_namespace);
        entry.version = text(lib.version);
        entry.plugin_id = plugin.id;
        if (entry.package_name.empty() || entry.url_namespace.empty())
            throw plugin_error("a component library needs a package_name and a url_namespace");
        if (entry.url_namespace.find('/') != std::string::npos)
            throw plugin_error("url_namespace '" + entry.url_namespace + "' must be one path segment");
        entry.children_props =
            lib.children_props_json.len ? json::parse(text(lib.children_props_json)) : Json::Value(Json::objectValue);
        if (!entry.children_props.isObject()) throw plugin_error("children_props_json must be an object");
        if (lib.components_json.len) {
            entry.components = json::parse(text(lib.components_json));
            if (!entry.components.isObject()) throw plugin_error("components_json must be an object");
        }
        for (size_t i = 0; i < lib.resource_count; ++i) {
            const dash_resource r = read_prefix(lib.resources[i]);
            Resource resource;
            resource.relative_path = text(r.relative_path);
            resource.kind = r.kind;
            resource.flags = r.flags;
            if (resource.relative_path.empty() || resource.relative_path.front() == '/' ||
                resource.relative_path.find("..") != std::string::npos)
                throw plugin_error("resource path '" + resource.relative_path + "' must be relative, without '..'");
            resource.file = StaticFile::load(text(r.file_path));
            entry.resources.push_back(std::move(resource));
        }
        app.add_library(std::move(entry));
    });
}

dash_status set_layout_json(dash_plugin_handle* handle, dash_str layout_json, dash_writer* error_message) {
    return register_during_init(handle, error_message, [&](PluginInstance&, AppState& app) {
        if (app.layout) throw ConflictError("DuplicateLayout", "the layout is already set by another plugin");
        std::string layout = text(layout_json);
        if (!json::is_valid(layout)) throw DashError("InvalidLayout", "the layout is not valid JSON");
        app.layout = std::make_unique<LayoutSource>();
        app.layout->static_json = std::move(layout);
    });
}

dash_status set_layout_provider(dash_plugin_handle* handle, dash_layout_fn fn, void* user_data,
                                void (*free_user_data)(void*), dash_writer* error_message) {
    RegisteredFunction<dash_layout_fn> function(fn, user_data, free_user_data);
    return register_during_init(handle, error_message, [&](PluginInstance& plugin, AppState& app) {
        if (!function) throw plugin_error("layout provider is NULL");
        if (app.layout) throw ConflictError("DuplicateLayout", "the layout is already set by another plugin");
        function.set_owner(app.owner_of(plugin));
        app.layout = std::make_unique<LayoutSource>();
        app.layout->fn = std::move(function);
    });
}

dash_status register_callback(dash_plugin_handle* handle, const dash_callback_spec* spec, dash_writer* error_message) {
    const dash_callback_spec s = spec ? read_prefix(*spec) : dash_callback_spec{};
    RegisteredFunction<dash_callback_fn> function(s.fn, s.user_data, s.free_user_data);
    return register_during_init(handle, error_message, [&](PluginInstance& plugin, AppState& app) {
        if (!spec || (!s.fn && !s.prepared_fn)) throw plugin_error("callback spec or function is NULL");
        const bool strict = app.config.app.strict_callbacks;
        auto entry = parse_callback_dependencies(text(s.dependencies_json), strict);
        check_allow_duplicate(*entry, app.config.app.prevent_initial_callbacks);
        function.set_owner(app.owner_of(plugin));
        entry->fn = std::move(function);
        entry->prepared = s.prepared_fn;
        warn_conflicts(plugin, app.callbacks.add(std::move(entry), strict));
    });
}

dash_status register_clientside_callback(dash_plugin_handle* handle, const dash_clientside_callback_spec* spec,
                                         dash_writer* error_message) {
    return register_during_init(handle, error_message, [&](PluginInstance& plugin, AppState& app) {
        if (!spec) throw plugin_error("clientside callback spec is NULL");
        const bool strict = app.config.app.strict_callbacks;
        auto entry = parse_callback_dependencies(text(spec->dependencies_json), strict);
        entry->inline_source = text(spec->inline_source);
        Json::Value clientside(Json::objectValue);
        std::string ns = text(spec->namespace_name);
        std::string function = text(spec->function_name);
        if (!entry->inline_source.empty()) {
            // JavaScript given as text: an inline script defines it under a private namespace,
            // named by the SHA-256 of its source (protocol §7.5, §15.1).
            if (!ns.empty() || !function.empty())
                throw DashError("IncorrectTypeException",
                                "a clientside callback takes a namespace/function name or an inline source, not both");
            ns = "_dashprivate_clientside_funcs";
            function = sha256_hex(entry->inline_source);
        } else {
            if (ns.empty() || function.empty())
                throw DashError("IncorrectTypeException",
                                "a clientside callback needs a namespace and a function name, or an inline source");
            if (ns.rfind("_dashprivate_", 0) == 0 || function == "PreventUpdate" || function == "no_update")
                throw DashError("IncorrectTypeException",
                                "the clientside namespace/function name '" + ns + "." + function + "' is reserved");
        }
        clientside["namespace"] = ns;
        clientside["function_name"] = function;
        entry->clientside_function = clientside;
        warn_conflicts(plugin, app.callbacks.add(std::move(entry), strict));
    });
}

dash_status set_validation_layout_json(dash_plugin_handle* handle, dash_str layout_json, dash_writer* error_message) {
    return register_during_init(handle, error_message, [&](PluginInstance&, AppState& app) {
        if (!app.validation_layout_json.empty())
            throw ConflictError("DuplicateLayout", "validation_layout is already set by another plugin");
        std::string layout = text(layout_json);
        if (!json::is_valid(layout)) throw DashError("InvalidLayout", "validation_layout is not valid JSON");
        app.validation_layout_json = std::move(layout);
    });
}

dash_status register_route(dash_plugin_handle* handle, const dash_route_spec* spec, dash_writer* error_message) {
    const dash_route_spec s = spec ? read_prefix(*spec) : dash_route_spec{};
    RegisteredFunction<dash_route_fn> function(s.fn, s.user_data, s.free_user_data);
    return register_during_init(handle, error_message, [&](PluginInstance& plugin, AppState& app) {
        if (!spec || !function) throw plugin_error("route spec or function is NULL");
        auto route = std::make_unique<RouteEntry>();
        route->method = s.method.len ? text(s.method) : "GET";
        route->path = text(s.path);
        if (!route->path.empty() && route->path.front() == '/') route->path.erase(0, 1);
        if (!route->path.empty() && route->path.back() == '*') {
            route->prefix = true;
            route->path.pop_back();
        }
        if (route->path.rfind("_dash-", 0) == 0 || route->path == "_reload-hash" || route->path == "_favicon.ico")
            throw ConflictError("DuplicateRoute", "route '" + route->path + "' is reserved for Dash itself");
        for (const auto& existing : app.routes)
            if (existing->path == route->path && existing->prefix == route->prefix &&
                (existing->method == route->method || existing->method == "*" || route->method == "*"))
                throw ConflictError("DuplicateRoute", "route '" + route->path + "' is already registered by '" +
                                                          existing->fn.owner_id() + "'");
        function.set_owner(app.owner_of(plugin));
        route->fn = std::move(function);
        app.routes.push_back(std::move(route));
    });
}

dash_status register_service(dash_plugin_handle* handle, const char* service_id, const void* table) {
    return register_during_init(handle, nullptr, [&](PluginInstance&, AppState& app) {
        if (!service_id || !table) throw plugin_error("service id or table is NULL");
        if (!app.services.emplace(service_id, table).second)
            throw ConflictError("DuplicateService", std::string("service '") + service_id + "' is already registered");
    });
}

const void* find_service(dash_plugin_handle* handle, const char* service_id) {
    if (!handle || !handle->instance || !handle->instance->app || !service_id) return nullptr;
    const auto& services = handle->instance->app->services;
    auto found = services.find(service_id);
    return found == services.end() ? nullptr : found->second;
}

const void* get_extension(dash_plugin_handle*, const char* extension_id) {
    if (extension_id && std::string_view(extension_id) == DASH_EXT_HOOKS) return hooks_extension();
    return nullptr;
}

dash_str request_method(const dash_request* request) { return view(request->http->method); }
dash_str request_path(const dash_request* request) { return view(request->path_below_prefix); }
dash_str request_query(const dash_request* request) { return view(request->http->query); }
dash_str request_header(const dash_request* request, dash_str name) {
    const std::string* value = request->http->header(text_view(name));
    return value ? view(*value) : dash_str{nullptr, 0};
}
dash_str request_body(const dash_request* request) { return view(request->http->body); }
dash_str request_remote_address(const dash_request* request) { return view(request->http->remote_address); }

void response_set_status(dash_response* response, int status) {
    if (status >= 100 && status <= 599) response->http->status = status;
}
void response_set_header(dash_response* response, dash_str name, dash_str value) {
    response->http->set_header(text(name), text(value));
}
void response_write(dash_response* response, dash_str data) {
    if (data.ptr) response->http->body.append(data.ptr, data.len);
}

dash_status result_set_output(dash_callback_result* result, uint32_t index, dash_str value_json) {
    if (!result || index >= result->outputs.size()) return DASH_INVALID_ARGUMENT;
    if (!json::is_valid(text_view(value_json))) return DASH_INVALID_ARGUMENT;
    result->outputs[index].value = text(value_json);
    return DASH_OK;
}

dash_status result_set_output_item(dash_callback_result* result, uint32_t index, uint32_t item, dash_str value_json) {
    if (!result || index >= result->outputs.size() || !result->outputs[index].is_all ||
        item >= result->outputs[index].item_count)
        return DASH_INVALID_ARGUMENT;
    std::string value = text(value_json);
    if (!json::is_valid(value)) return DASH_INVALID_ARGUMENT;
    result->outputs[index].items[item] = std::move(value);
    return DASH_OK;
}

dash_status result_set_props(dash_callback_result* result, dash_str id_json, dash_str props_json) {
    if (!result) return DASH_INVALID_ARGUMENT;
    try {
        const Json::Value id = json::parse(text(id_json));
        const Json::Value props = json::parse(text(props_json));
        if (!(id.isString() || id.isObject()) || !props.isObject()) return DASH_INVALID_ARGUMENT;
        const std::string key = json::stringify_id(id);
        if (!result->side_updates.isMember(key)) {
            result->side_updates[key] = Json::Value(Json::objectValue);
            result->side_update_order.push_back(key);
        }
        for (const auto& name : props.getMemberNames()) result->side_updates[key][name] = props[name];
        return DASH_OK;
    } catch (const std::exception&) {
        return DASH_INVALID_ARGUMENT;
    }
}

dash_status result_stream_props(dash_callback_result* result, dash_str id_json, dash_str props_json) {
    if (!result) return DASH_INVALID_ARGUMENT;
    if (!result->channel) return DASH_UNSUPPORTED;
    try {
        const Json::Value id = json::parse(text_view(id_json));
        const Json::Value props = json::parse(text_view(props_json));
        if (!(id.isString() || id.isObject()) || !props.isObject()) return DASH_INVALID_ARGUMENT;
        result->channel->stream_props(json::stringify_id(id), json::to_string(props));
        return DASH_OK;
    } catch (const std::exception&) {
        return DASH_INVALID_ARGUMENT;
    }
}

dash_status result_get_props(dash_callback_result* result, dash_str id_json, dash_str properties_json,
                             uint32_t timeout_ms, dash_writer* out) {
    if (!result) return DASH_INVALID_ARGUMENT;
    if (!result->channel) return DASH_UNSUPPORTED;
    std::string answer;
    try {
        const Json::Value id = json::parse(text_view(id_json));
        const Json::Value names = json::parse(text_view(properties_json));
        if (!(id.isString() || id.isObject()) || !names.isArray()) return DASH_INVALID_ARGUMENT;
        for (const auto& name : names)
            if (!name.isString()) return DASH_INVALID_ARGUMENT;
        const bool answered = result->channel->get_props(json::stringify_id(id), json::to_string(names),
                                                         std::chrono::milliseconds(timeout_ms), answer);
        if (out) out->write(out->context, answer.data(), answer.size());
        return answered ? DASH_OK : DASH_ERROR;
    } catch (const std::exception&) {
        return DASH_INVALID_ARGUMENT;
    }
}

int result_over_websocket(const dash_callback_result* result) { return result && result->channel ? 1 : 0; }

dash_status result_add_header(dash_callback_result* result, dash_str name, dash_str value) {
    if (!result || !name.ptr || !name.len) return DASH_INVALID_ARGUMENT;
    const std::string header_name = text(name), header_value = text(value);
    if (header_name.find_first_of("\r\n:") != std::string::npos ||
        header_value.find_first_of("\r\n") != std::string::npos)
        return DASH_INVALID_ARGUMENT;
    result->headers.emplace_back(header_name, header_value);
    return DASH_OK;
}

dash_status result_complete(dash_callback_result* result, dash_status status, dash_str message) {
    if (!result) return DASH_INVALID_ARGUMENT;
    std::function<void(dash_status, const std::string&)> complete;
    {
        std::lock_guard<std::mutex> lock(result->complete_mutex);
        if (!result->on_complete) return DASH_INVALID_STATE;
        complete = std::move(result->on_complete);
        result->on_complete = nullptr;
    }
    const std::string text_message = text(message);
    complete(status == DASH_PENDING ? DASH_ERROR : status,
             text_message.empty() && status != DASH_OK && status != DASH_PREVENT_UPDATE
                 ? "the asynchronous callback failed without a message"
                 : text_message);
    return DASH_OK;
}

// A folder of plugins, loaded and initialised once the plugins being initialised now are
// (app_builder.cpp); checked to be a directory now, so the caller's init names the fault.
dash_status load_plugin_folder(dash_plugin_handle* handle, dash_str folder, dash_writer* error_message) {
    return register_during_init(handle, error_message, [&](PluginInstance&, AppState& app) {
        if (app.in_setup_hooks)
            throw DashError("InvalidConfig", "load_plugin_folder belongs in the plugin's init, not in a setup hook");
        const std::string path = config_path(app.config, text(folder));
        std::error_code error;
        if (!std::filesystem::is_directory(path, error))
            throw DashError("InvalidConfig", "the plugin folder " + path + " is not a directory");
        app.pending_plugin_folders.push_back(path);
    });
}

// Python's Dash(title=..., ...) from the app's code: beats DASH_* variables and defaults; a key the
// deployment config's "app" section also sets keeps the file's value (logged).
dash_status set_app_options(dash_plugin_handle* handle, dash_str options_json, dash_writer* error_message) {
    return register_during_init(handle, error_message, [&](PluginInstance& plugin, AppState& app) {
        Json::Value options;
        try {
            options = json::parse(text(options_json));
        } catch (const std::invalid_argument& error) {
            throw invalid_config(std::string("set_app_options: ") + error.what());
        }
        // Every key checked first (a wrong one fails even where the file keeps its own value).
        AppOptions checked;
        apply_app_options(checked, options, "the settings of " + plugin.id);
        Json::Value taken(Json::objectValue);
        for (const auto& key : options.getMemberNames()) {
            if (app.config.app_keys_from_file.count(key)) {
                spdlog::info("[{}] app.{}: the deployment config's value wins over {} set in the app's code", plugin.id,
                             key, json::excerpt(json::to_string(options[key])));
                continue;
            }
            taken[key] = options[key];
        }
        apply_app_options(app.config.app, taken, "the settings of " + plugin.id);
    });
}

const dash_host table = {
    sizeof(dash_host),
    DASH_ABI_MAJOR,
    DASH_ABI_MINOR,
    host_log,
    host_info,
    register_component_library,
    set_layout_json,
    set_layout_provider,
    register_callback,
    register_clientside_callback,
    register_route,
    register_service,
    find_service,
    get_extension,
    request_method,
    request_path,
    request_query,
    request_header,
    request_body,
    response_set_status,
    response_set_header,
    response_write,
    result_set_output,
    result_set_output_item,
    result_set_props,
    result_add_header,
    set_validation_layout_json,
    request_remote_address,
    result_complete,
    result_stream_props,
    result_get_props,
    result_over_websocket,
    set_app_options,
    load_plugin_folder,
};

}  // namespace

const dash_host* host_table() { return &table; }

}  // namespace dash::core
