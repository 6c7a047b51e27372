// The index page (protocol §4): template, meta tags, favicon, stylesheets, scripts in order, the
// _dash-config block and the renderer bootstrap.
#include "app/index_page.hpp"

#include "app/app_state.hpp"
#include "app/websocket_callbacks.hpp"
#include "errors.hpp"

#include <dash/json.hpp>

#include <regex>
#include <set>

namespace dash::core {

namespace {

const char* const default_index = R"(<!DOCTYPE html>
<html>
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>)";

const char* const app_entry = R"(
<div id="react-entry-point">
    <div class="_dash-loading">
        Loading...
    </div>
</div>
)";

std::string attributes(const Json::Value& object) {
    std::string out;
    for (const auto& key : object.getMemberNames()) {
        const Json::Value& value = object[key];
        const std::string text = value.isString() ? value.asString() : json::to_string(value);
        out += " " + html_escape(key) + "=\"" + html_escape(text) + "\"";
    }
    return out;
}

std::string meta_tags(const AppOptions& app) {
    bool has_ie = false, has_charset = false, has_viewport = false;
    for (const auto& tag : app.meta_tags) {
        has_ie = has_ie || tag["http-equiv"].asString() == "X-UA-Compatible";
        has_charset = has_charset || tag.isMember("charset");
        has_viewport = has_viewport || tag["name"].asString() == "viewport";
    }
    std::vector<std::string> tags;
    if (!has_ie) tags.push_back(R"(<meta http-equiv="X-UA-Compatible" content="IE=edge">)");
    if (!has_charset) tags.push_back(R"(<meta charset="UTF-8">)");
    if (!has_viewport) tags.push_back(R"(<meta name="viewport" content="width=device-width, initial-scale=1">)");
    for (const auto& tag : app.meta_tags) tags.push_back("<meta" + attributes(tag) + ">");
    std::string out;
    for (size_t i = 0; i < tags.size(); ++i) out += (i ? "\n      " : "") + tags[i];
    return out;
}

// A string becomes <tag attr="URL">, a dict gives its attributes verbatim.
std::string external_tag(const Json::Value& item, const char* tag, const char* url_attribute, const char* extra,
                         const char* close) {
    if (item.isString())
        return std::string("<") + tag + extra + " " + url_attribute + "=\"" + html_escape(item.asString()) + "\">" +
               close;
    return std::string("<") + tag + attributes(item) + ">" + close;
}

bool included(const Resource& resource, const AppState& app) {
    const bool dev = app.config.dev_tools.serve_dev_bundles;
    if (resource.flags & DASH_RESOURCE_DYNAMIC) return false;
    if ((resource.flags & DASH_RESOURCE_ASYNC) && !app.config.app.eager_loading) return false;
    if ((resource.flags & DASH_RESOURCE_DEV_ONLY) && !dev) return false;
    if ((resource.flags & DASH_RESOURCE_PROD_ONLY) && dev) return false;
    return true;
}

// React deps follow props_check (§5.3), the renderer follows serve_dev_bundles.
bool core_included(const Resource& resource, const AppState& app) {
    if (resource.relative_path.rfind("deps/", 0) != 0) return included(resource, app);
    const bool dev = app.config.dev_tools.props_check;
    if ((resource.flags & DASH_RESOURCE_DEV_ONLY) && !dev) return false;
    if ((resource.flags & DASH_RESOURCE_PROD_ONLY) && dev) return false;
    return true;
}

}  // namespace

// One text per distinct inline clientside source, in registration order (protocol §15.1).
std::vector<std::string> inline_clientside_scripts(const AppState& app) {
    std::vector<std::string> scripts;
    std::set<std::string> seen;
    for (const auto& entry : app.callbacks.entries()) {
        if (entry->inline_source.empty()) continue;
        const std::string name = entry->clientside_function["function_name"].asString();
        if (!seen.insert(name).second) continue;
        scripts.push_back(
            "var clientside = window.dash_clientside = window.dash_clientside || {};"
            "var ns = clientside[\"_dashprivate_clientside_funcs\"] = "
            "clientside[\"_dashprivate_clientside_funcs\"] || {};ns[\"" +
            name + "\"] = " + entry->inline_source + ";");
    }
    return scripts;
}

namespace {

std::string script_tag(const std::string& url) { return "<script src=\"" + html_escape(url) + "\"></script>"; }

std::string stylesheets(const AppState& app) {
    std::vector<std::string> tags;
    for (const auto& sheet : app.config.app.external_stylesheets)
        tags.push_back(external_tag(sheet, "link", "href", " rel=\"stylesheet\"", ""));
    for (const auto& library : app.libraries)
        for (const auto& resource : library.resources)
            if (resource.kind == DASH_RESOURCE_CSS && included(resource, app))
                tags.push_back("<link rel=\"stylesheet\" href=\"" +
                               html_escape(app.suite_url(library.url_namespace, resource.relative_path)) + "\">");
    for (const HookEntry* hook : app.hooks_by_kind[DASH_HOOK_STYLESHEET])
        tags.push_back(external_tag(hook->data, "link", "href", " rel=\"stylesheet\"", ""));
    for (const auto& css : app.assets.stylesheets)
        tags.push_back("<link rel=\"stylesheet\" href=\"" +
                       html_escape(get_asset_url(app.config.app, css.relative_path) + "?m=" + format_mtime(css.mtime)) +
                       "\">");
    std::string out;
    for (size_t i = 0; i < tags.size(); ++i) out += (i ? "\n" : "") + tags[i];
    return out;
}

std::string scripts(const AppState& app) {
    std::vector<std::string> tags;
    const ComponentLibrary* core = nullptr;
    for (const auto& library : app.libraries)
        if (library.plugin_id == "core" && library.url_namespace == "dash") core = &library;
    auto core_scripts = [&](bool deps) {
        for (const auto& resource : core->resources)
            if ((resource.relative_path.rfind("deps/", 0) == 0) == deps && core_included(resource, app))
                tags.push_back(script_tag(app.suite_url("dash", resource.relative_path)));
    };
    core_scripts(true);
    for (const auto& script : app.config.app.external_scripts)
        tags.push_back(external_tag(script, "script", "src", "", "</script>"));
    core_scripts(false);
    for (const auto& library : app.libraries) {
        if (library.plugin_id == "core") {
            if (library.url_namespace == "plotly" && app.config.app.eager_loading)
                tags.push_back(script_tag(app.suite_url("plotly", library.resources.front().relative_path)));
            continue;
        }
        for (const auto& resource : library.resources)
            if (resource.kind == DASH_RESOURCE_JS && included(resource, app))
                tags.push_back(script_tag(app.suite_url(library.url_namespace, resource.relative_path)));
    }
    for (const auto& js : app.assets.scripts) {
        const std::string url = get_asset_url(app.config.app, js.relative_path) + "?m=" + format_mtime(js.mtime);
        const bool module =
            js.relative_path.size() > 4 && js.relative_path.substr(js.relative_path.size() - 4) == ".mjs";
        tags.push_back("<script src=\"" + html_escape(url) + "\"" + (module ? " type=\"module\"" : "") + "></script>");
    }
    for (const HookEntry* hook : app.hooks_by_kind[DASH_HOOK_SCRIPT])
        tags.push_back(external_tag(hook->data, "script", "src", "", "</script>"));
    for (const auto& script : inline_clientside_scripts(app)) tags.push_back("<script>" + script + "</script>");
    std::string out;
    for (size_t i = 0; i < tags.size(); ++i) out += (i ? "\n" : "") + tags[i];
    return out;
}

std::string favicon(const AppState& app) {
    std::string href;
    if (app.assets.favicon)
        href = get_asset_url(app.config.app, app.assets.favicon->relative_path) +
               "?m=" + format_mtime(app.assets.favicon->mtime);
    else
        href = app.config.app.paths.requests_pathname_prefix + "_favicon.ico?v=" + DASHCPP_DASH_VERSION;
    return "<link rel=\"icon\" type=\"image/x-icon\" href=\"" + html_escape(href) + "\">";
}

std::string renderer(const AppState& app) {
    std::string hooks;
    const Json::Value& renderer_hooks = app.config.app.renderer_hooks;
    for (const auto& name : renderer_hooks.getMemberNames())
        hooks += (hooks.empty() ? "" : ",") + name + ": " + renderer_hooks[name].asString();
    const std::string call = hooks.empty() ? "new DashRenderer();" : "new DashRenderer({" + hooks + "});";
    return "<script id=\"_dash-renderer\" type=\"application/javascript\">var renderer = " + call + "</script>";
}

void replace_all(std::string& text, const std::string& marker, const std::string& value) {
    for (size_t at = text.find(marker); at != std::string::npos; at = text.find(marker, at + value.size()))
        text.replace(at, marker.size(), value);
}

}  // namespace

void validate_index(const std::string& html) {
    std::vector<std::string> missing;
    if (!std::regex_search(html, std::regex("id=\"react-entry-point\""))) missing.push_back("#react-entry-point");
    if (!std::regex_search(html, std::regex("id=\"_dash-config\""))) missing.push_back("#_dash-config");
    if (!std::regex_search(html, std::regex("src=\"[^\"]*dash[-_]renderer[^\"]*\"")))
        missing.push_back("dash-renderer");
    if (!std::regex_search(html, std::regex("id=\"_dash-renderer"))) missing.push_back("new DashRenderer");
    if (!missing.empty()) {
        std::string list;
        for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
        throw DashError("InvalidIndexException", "Missing item(s) " + list + " in index.");
    }
}

std::string render_config(const AppState& app) {
    const DeploymentConfig& config = app.config;
    Json::Value c(Json::objectValue);
    c["url_base_pathname"] =
        config.app.paths.url_base_pathname ? Json::Value(*config.app.paths.url_base_pathname) : Json::Value();
    c["requests_pathname_prefix"] = config.app.paths.requests_pathname_prefix;
    c["ui"] = config.dev_tools.ui;
    c["props_check"] = config.dev_tools.props_check;
    c["disable_version_check"] = config.dev_tools.disable_version_check;
    c["show_undo_redo"] = config.app.show_undo_redo;
    c["suppress_callback_exceptions"] = config.app.suppress_callback_exceptions;
    c["update_title"] = config.app.update_title ? Json::Value(*config.app.update_title) : Json::Value();
    Json::Value children_props(Json::objectValue);
    for (const auto& library : app.libraries)
        if (library.plugin_id != "core") children_props[library.package_name] = library.children_props;
    c["children_props"] = children_props;
    c["serve_locally"] = true;
    c["dash_version"] = DASHCPP_DASH_VERSION;
    c["python_version"] = "dashcpp " DASHCPP_VERSION;
    c["dash_version_url"] = "https://dash-version.plotly.com:8080/current_version";
    c["ddk_version"] = Json::Value();
    c["plotly_version"] = Json::Value();
    c["validate_callbacks"] = config.dev_tools.validate_callbacks;
    c["csrf_token_name"] = "_csrf_token";
    c["csrf_header_name"] = "X-CSRFToken";
    c["plotly_cloud_installed"] = true;
    if (config.dev_tools.ui && !app.hooks_by_kind[DASH_HOOK_DEV_TOOLS].empty()) {
        c["dev_tools"] = Json::Value(Json::arrayValue);
        for (const HookEntry* hook : app.hooks_by_kind[DASH_HOOK_DEV_TOOLS]) c["dev_tools"].append(hook->data);
    }
    // The WebSocket transport (§12), offered when the app sends every callback over it or some
    // callback asked for it (without it the renderer stays on HTTP, as with Python's Flask back end).
    if (offers_websocket(app)) {
        Json::Value ws(Json::objectValue);
        ws["enabled"] = config.app.websocket_callbacks;
        ws["url"] = config.app.paths.requests_pathname_prefix + "_dash-ws-callback";
        ws["worker_url"] = app.suite_url("dash", "dash-renderer/build/dash-ws-worker.js");
        ws["inactivity_timeout"] = config.app.websocket_inactivity_timeout;
        ws["heartbeat_interval"] = config.app.websocket_heartbeat_interval;
        c["websocket"] = ws;
    }
    if (!app.validation_layout_json.empty() && !config.app.suppress_callback_exceptions)
        c["validation_layout"] = json::parse(app.validation_layout_json);
    return json::to_string(c);
}

std::string render_index(const AppState& app) {
    std::string html = app.config.app.index_string ? *app.config.app.index_string : default_index;
    json::WriteOptions safe;
    safe.escape_html = true;
    const std::string config_json = json::to_string(json::parse(app.config_json), safe);
    const std::pair<const char*, std::string> parts[] = {
        {"{%metas%}", meta_tags(app.config.app)},
        {"{%title%}", app.config.app.title},
        {"{%favicon%}", favicon(app)},
        {"{%css%}", stylesheets(app)},
        {"{%app_entry%}", app_entry},
        {"{%config%}", "<script id=\"_dash-config\" type=\"application/json\">" + config_json + "</script>"},
        {"{%scripts%}", scripts(app)},
        {"{%renderer%}", renderer(app)},
    };
    for (const auto& [marker, value] : parts) replace_all(html, marker, value);
    validate_index(html);
    return html;
}

}  // namespace dash::core
