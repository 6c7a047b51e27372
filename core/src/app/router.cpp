// The route table of protocol §2.2: Dash routes, component suites, assets, plugin routes, and
// the index page for every other GET below the prefix.
#include "app/router.hpp"

#include "app/index_page.hpp"
#include "app/layout_validation.hpp"
#include "callbacks/dispatch.hpp"
#include "errors.hpp"
#include "http/deferred.hpp"
#include "plugins/handles.hpp"
#include "plugins/hooks.hpp"

#include <dash/json.hpp>
#include <dash/writer.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace dash::core {

namespace {

bool is_get(const HttpRequest& request) { return request.method == "GET" || request.method == "HEAD"; }

void method_not_allowed(HttpResponse& response, const std::string& route, const char* allowed) {
    response.error(405, "MethodNotAllowed", "'" + route + "' accepts " + allowed);
    response.set_header("Allow", allowed);
}

void serve_layout(const AppState& app, const HttpRequest& request, const std::string& below, HttpResponse& response) {
    const LayoutSource& layout = *app.layout;
    const bool hooked = !app.hooks_by_kind[DASH_HOOK_LAYOUT].empty();
    if (!layout.fn && !hooked) return response.json(layout.static_json);
    if (!layout.fn) return response.json(run_text_hooks(app, DASH_HOOK_LAYOUT, request, below, layout.static_json));
    dash::StringWriter out, errors;
    dash_request c_request{&request, below};
    const dash_status status = layout.fn(&c_request, &out.writer, &errors.writer);
    if (status != DASH_OK)
        throw DashError("LayoutError", errors.text.empty() ? "the layout function failed" : errors.text);
    Json::Value tree;
    try {
        tree = json::parse(out.text);
    } catch (const std::invalid_argument& error) {
        throw DashError("LayoutError", std::string("the layout function returned invalid JSON: ") + error.what());
    }
    validate_layout(app, tree);
    response.json(hooked ? run_text_hooks(app, DASH_HOOK_LAYOUT, request, below, std::move(out.text))
                         : std::move(out.text));
}

void serve_component_suite(const AppState& app, const std::string& rest, const HttpRequest& request,
                           HttpResponse& response) {
    const size_t slash = rest.find('/');
    const std::string url_namespace = rest.substr(0, slash);
    const auto suite = app.suites.find(url_namespace);
    if (slash == std::string::npos || suite == app.suites.end())
        return response.error(404, "DependencyException", "no component package '" + url_namespace + "' is registered");
    const auto [path, fingerprinted] = strip_fingerprint(rest.substr(slash + 1));
    const auto file = suite->second.find(path);
    if (file == suite->second.end())
        return response.error(404, "DependencyException",
                              "'" + path + "' is not a registered resource of package '" + url_namespace + "'");
    serve_static(*file->second.file, fingerprinted, request, response);
}

void serve_reload_hash(const AppState& app, HttpResponse& response) {
    Json::Value body(Json::objectValue);
    body["reloadHash"] = Json::Value();
    body["hard"] = false;
    body["packages"] = Json::Value(Json::arrayValue);
    for (const auto& [name, files] : app.suites) body["packages"].append(name);
    body["files"] = Json::Value(Json::arrayValue);
    response.json(json::to_string(body));
}

const RouteEntry* find_plugin_route(const AppState& app, const std::string& below, const std::string& method) {
    const RouteEntry* path_match = nullptr;
    for (const auto& route : app.routes) {
        const bool matches = route->prefix ? below.rfind(route->path, 0) == 0 : below == route->path;
        if (!matches) continue;
        if (route->method == "*" || route->method == method || (method == "HEAD" && route->method == "GET"))
            return route.get();
        path_match = route.get();
    }
    return path_match;  // right path, wrong method: the caller answers 405
}

void serve_plugin_route(const RouteEntry& route, const HttpRequest& request, const std::string& below,
                        HttpResponse& response) {
    if (!(route.method == "*" || route.method == request.method || (request.method == "HEAD" && route.method == "GET")))
        return method_not_allowed(response, below, route.method.c_str());
    dash_request c_request{&request, below};
    dash_response c_response{&response};
    const dash_status status = route.fn(&c_request, &c_response);
    if (status != DASH_OK) {
        response.body.clear();
        response.error(500, "RouteError",
                       "the handler of route '" + below + "' failed (status " + std::to_string(status) + ")");
    }
}

void route(const AppState& app, const std::shared_ptr<const AppState>& keep_alive, const HttpRequest& request,
           const std::string& below, HttpResponse& response) {
    const AppOptions& options = app.config.app;
    if (below == "_dash-layout") {
        if (!is_get(request)) return method_not_allowed(response, below, "GET");
        return serve_layout(app, request, below, response);
    }
    if (below == "_dash-dependencies") {
        if (!is_get(request)) return method_not_allowed(response, below, "GET");
        return response.json(app.dependencies_json);
    }
    if (below == "_dash-update-component" && request.method == "POST") {
        dash_request c_request{&request, below};
        const ErrorObserver observer = [&app, &request](const std::string& output, const std::string& message,
                                                        std::string_view inputs, std::string_view state) {
            run_callback_error_hooks(app, request, output, message, inputs, state);
        };
        DispatchHooks hooks;
        hooks.max_json_depth = app.config.server.max_json_depth;
        hooks.on_error = app.hooks_by_kind[DASH_HOOK_CALLBACK_ERROR].empty() ? nullptr : &observer;
        hooks.custom_data = run_custom_data_hooks(app, request);
        return dispatch_callback(app.callbacks, request, &c_request, response, keep_alive, hooks);
    }
    if (below == "_dash-update-component" && !is_get(request)) return method_not_allowed(response, below, "POST");
    if (below == "_reload-hash" && is_get(request)) return serve_reload_hash(app, response);
    if (below == "_favicon.ico" && is_get(request)) {
        if (!app.favicon) return response.error(404, "NotFound", "no favicon is installed");
        response.set_header("Cache-Control", "public, max-age=3600");
        response.set_header("Content-Type", "image/x-icon");
        response.shared_body = app.favicon->content;
        return;
    }
    const std::string suites = "_dash-component-suites/";
    if (below.rfind(suites, 0) == 0 && is_get(request))
        return serve_component_suite(app, below.substr(suites.size()), request, response);
    const std::string assets = options.assets_url_path + "/";
    if (below.rfind(assets, 0) == 0 && is_get(request))
        return serve_asset(app.assets_folder, below.substr(assets.size()), request, response);
    if (const RouteEntry* plugin_route = find_plugin_route(app, below, request.method))
        return serve_plugin_route(*plugin_route, request, below, response);
    if (!is_get(request)) return method_not_allowed(response, below, "GET");
    if (app.hooks_by_kind[DASH_HOOK_INDEX].empty()) return response.html(app.index_html);
    std::string html = run_text_hooks(app, DASH_HOOK_INDEX, request, below, app.index_html);
    validate_index(html);
    response.html(std::move(html));
}

}  // namespace

namespace {

// Python's timing hooks in debug mode with the dev tools UI: "Server-Timing: __dash_server;dur=<ms>"
// on every answer, before the entries a callback recorded (the renderer's callback graph shows it).
void add_server_timing(HttpResponse& response, std::chrono::steady_clock::time_point started) {
    const double elapsed_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    std::pair<std::string, std::string> header{"Server-Timing",
                                               "__dash_server;dur=" + std::to_string(std::llround(elapsed_ms))};
    auto first_recorded = std::find_if(response.headers.begin(), response.headers.end(),
                                       [](const auto& h) { return h.first == "Server-Timing"; });
    response.headers.insert(first_recorded, std::move(header));
}

}  // namespace

void Router::handle(const HttpRequest& request, HttpResponse& response) const {
    const auto started = std::chrono::steady_clock::now();
    const std::shared_ptr<const AppState> app = current();
    serve(*app, app, request, response);
    const bool timing = app->config.dev_tools.ui;
    if (response.deferred) {
        if (timing)
            response.deferred->finalize([started](HttpResponse& answer) { add_server_timing(answer, started); });
        return;
    }
    if (!app->hooks_by_kind[DASH_HOOK_RESPONSE_FILTER].empty()) {
        const std::string& prefix = app->config.app.paths.routes_pathname_prefix;
        const std::string below =
            request.path.rfind(prefix, 0) == 0 ? request.path.substr(prefix.size()) : request.path;
        const auto elapsed =
            std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
        try {
            run_response_filters(*app, request, below, response, static_cast<uint64_t>(elapsed));
        } catch (const dash::DashException& error) {
            spdlog::error("{} {}: {}", request.method, request.path, error.what());
            response = HttpResponse();
            response.error(http_status(error), error.name(), error.message());
        }
    }
    if (timing) add_server_timing(response, started);
}

void Router::serve(const AppState& app_state, const std::shared_ptr<const AppState>& app_owner,
                   const HttpRequest& request, HttpResponse& response) const {
    const AppState* app = &app_state;
    const std::string& prefix = app->config.app.paths.routes_pathname_prefix;
    try {
        if (request.path.rfind(prefix, 0) != 0) {
            if (request.path + "/" == prefix) {
                response.status = 308;
                response.set_header("Location", prefix + (request.query.empty() ? "" : "?" + request.query));
                return;
            }
            return response.error(404, "NotFound",
                                  "'" + request.path + "' is outside routes_pathname_prefix " + prefix);
        }
        const std::string below = request.path.substr(prefix.size());
        if (!run_request_filters(*app, request, below, response)) route(*app, app_owner, request, below, response);
    } catch (const dash::DashException& error) {
        const int status = http_status(error);
        if (status >= 500) spdlog::error("{} {}: {}", request.method, request.path, error.what());
        response.headers.clear();
        response.shared_body.reset();
        response.error(status, error.name(), error.message());
    } catch (const std::exception& error) {
        spdlog::error("{} {}: {}", request.method, request.path, error.what());
        response.headers.clear();
        response.shared_body.reset();
        response.error(500, "InternalServerError", error.what());
    }
}

}  // namespace dash::core
