// pages: the pages service (dash/ext/pages.h, "dash.pages/1") and the routing of protocol §13.4:
// plugins register pages during their init; the routing callback answers the page container's
// location with the matching page's layout (its path variables, query parameters and routing inputs
// as the layout's arguments) and its title, which a clientside callback puts into document.title.
// Checked once every plugin is initialised: duplicate paths refuse to start.
#include "registry.hpp"

#include <dash/dash.hpp>
#include <dash/pages.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace dash;

struct PagesState {
    Plugin* plugin = nullptr;  // the pages plugin (for the app's title as set so far)
    Json::Value info;          // host_info once every plugin is set up (the meta tags' prefixes)
    pages::Registry registry;
    pages::Settings settings;
    std::map<std::string, std::pair<dash_page_layout_fn, void*>> layouts;  // by module
    // redirect_from, as the path below the routes prefix ("old-page") -> the page's relative path.
    std::map<std::string, std::string> redirects;
    bool initialising = true;
};

dash_status register_page_fn(void* self, const dash_page_spec* c_spec, dash_writer* error_message) {
    auto& state = *static_cast<PagesState*>(self);
    if (!state.initialising) {
        const std::string message = "`dash.register_page()` must be called during setup, not once the app is running";
        error_message->write(error_message->context, message.data(), message.size());
        return DASH_INVALID_STATE;
    }
    return detail::guarded(error_message, [&] {
        if (!c_spec || c_spec->struct_size < sizeof(dash_page_spec) || !c_spec->layout)
            throw NoLayoutException("register_page was given no layout");
        const pages::PageSpec page = pages::PageSpec::from_json(json::parse(text_view(c_spec->spec_json)));
        // The app's title and the files of its assets folder as they are now (Python reads both at
        // each register_page).
        const Json::Value info = state.plugin->host_info();
        state.settings.title = info.get("title", "Dash").asString();
        state.settings.asset_files.clear();
        std::error_code error;
        if (info["assets_folder"].isString())
            for (const auto& item : std::filesystem::directory_iterator(info["assets_folder"].asString(), error))
                if (item.is_regular_file(error)) state.settings.asset_files.push_back(item.path().filename().string());
        std::sort(state.settings.asset_files.begin(), state.settings.asset_files.end());
        const Json::Value& entry = state.registry.add(page, state.settings);
        state.layouts[page.module] = {c_spec->layout, c_spec->user_data};
        // Python's _set_redirect: a 301 from each redirect_from path to get_relative_path(path).
        for (const std::string& from : page.redirect_from) {
            paths::get_relative_path(state.settings.requests_pathname_prefix, from);  // a leading / (as Python)
            state.redirects[paths::detail::trim_left(from, '/')] = entry["relative_path"].asString();
        }
    });
}

// Python's _page_meta_tags (§13.6) for the page of a request, as format_tag writes them.
std::string page_meta_tags(const PagesState& state, const Request& request) {
    const Json::Value& info = state.info;
    const auto match = state.registry.match(request.path());
    const Json::Value none;
    const Json::Value& page = match ? state.registry.entries()[match->index] : none;
    const std::string host = request.header("Host").value_or("localhost");
    const std::string root = "http://" + host + "/";
    std::string image_url;
    if (page["image_url"].isString() && !page["image_url"].asString().empty()) {
        image_url = page["image_url"].asString();
    } else if (page["image"].isString() && !page["image"].asString().empty()) {
        const Json::Value& external = info["assets_external_path"];
        const std::string asset =
            paths::get_asset_url(info["requests_pathname_prefix"].asString(), info["assets_url_path"].asString(),
                                 external.isString() ? std::optional<std::string>(external.asString()) : std::nullopt,
                                 page["image"].asString());
        image_url = root + paths::detail::trim_left(asset, '/');
    }
    const std::string title = page["title"].isString() ? page["title"].asString() : state.settings.title;
    const std::string description = page["description"].isString() ? page["description"].asString() : "";
    const std::string query = request.query();
    const std::string url = "http://" + host + info["routes_pathname_prefix"].asString() + request.path() +
                            (query.empty() ? "" : "?" + query);
    const std::vector<std::pair<std::string, std::string>> tags = {{"name=\"description\"", description},
                                                                   {"property=\"twitter:card\"", "summary_large_image"},
                                                                   {"property=\"twitter:url\"", url},
                                                                   {"property=\"twitter:title\"", title},
                                                                   {"property=\"twitter:description\"", description},
                                                                   {"property=\"twitter:image\"", image_url},
                                                                   {"property=\"og:title\"", title},
                                                                   {"property=\"og:type\"", "website"},
                                                                   {"property=\"og:description\"", description},
                                                                   {"property=\"og:image\"", image_url}};
    std::string out;
    for (const auto& [name, content] : tags)
        out += "<meta " + name + " content=\"" + html_escape(content) + "\">\n      ";
    return out;
}

dash_status page_registry_fn(void* self, dash_writer* out) {
    auto& state = *static_cast<PagesState*>(self);
    const std::string text = json::to_string(state.registry.to_json());
    out->write(out->context, text.data(), text.size());
    return DASH_OK;
}

void setup(Plugin& app) {
    auto state = std::make_shared<PagesState>();
    state->plugin = &app;
    state->info = app.host_info();
    state->settings.title = state->info.get("title", "Dash").asString();
    state->settings.requests_pathname_prefix = state->info["requests_pathname_prefix"].asString();
    const Json::Value& config = app.config();
    for (const std::string& key : config.getMemberNames())
        if (key != "pages_folder" && key != "include_pages_meta")
            throw InvalidConfig("pages: unknown config key '" + key + "' (known: pages_folder, include_pages_meta)");
    if (config.isMember("include_pages_meta") && !config["include_pages_meta"].isBool())
        throw InvalidConfig("pages: include_pages_meta must be true or false");
    if (config.isMember("pages_folder")) {
        if (!config["pages_folder"].isString()) throw InvalidConfig("pages: pages_folder must be a string");
        state->settings.pages_folder = config["pages_folder"].asString();
        // Python's pages folder: every page plugin in it registers its pages in its own setup.
        app.load_plugin_folder(state->settings.pages_folder);
    }
    app.register_service(dash_pages_v1{sizeof(dash_pages_v1), state.get(), &register_page_fn, &page_registry_fn},
                         state);

    // Once every plugin is initialised: no more pages, and no two on one path (Python checks at the
    // first request; here the host refuses to start).
    Hooks(app).setup([state] {
        state->initialising = false;
        state->info = state->plugin->host_info();
        state->registry.check_duplicate_paths();
    });

    // §13.6 (include_pages_meta): the page's description, twitter:* and og:* tags in front of the
    // index's own meta tags.
    const bool include_meta = !config.isMember("include_pages_meta") || config["include_pages_meta"].asBool();
    if (include_meta)
        Hooks(app).index([state](const Request& request, const std::string& html) {
            const size_t first = html.find("<meta ");
            if (first == std::string::npos) return html;
            std::string out = html;
            out.insert(first, page_meta_tags(*state, request));
            return out;
        });

    // redirect_from: written during init only, read by the filter afterwards (which costs nothing
    // more than a test when no page has one).
    Hooks(app).request_filter([state](const Request& request, Response& response) {
        if (state->redirects.empty()) return false;
        const auto found = state->redirects.find(request.path());
        if (found == state->redirects.end()) return false;
        response.set_status(301);
        response.set_header("Location", found->second);
        response.send("text/html; charset=utf-8",
                      "<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n"
                      "<h1>Redirecting...</h1>\n<p>You should be redirected automatically to "
                      "the target URL: <a href=\"" +
                          html_escape(found->second) + "\">" + html_escape(found->second) +
                          "</a>. If not, click the link.\n");
        return true;
    });

    // §13.4: the page for the location, its layout called with the path variables and the query.
    const std::string prefix = state->settings.requests_pathname_prefix;
    app.callback(Output("_pages_content", "children"), Output("_pages_store", "data"),
                 Input("_pages_location", "pathname"), Input("_pages_location", "search"),
                 CallbackOptions().prevent_initial().hide(),
                 [state, prefix](const Value& pathname, const Value& search) {
                     const std::string path = pathname.json().isString() ? pathname.json().asString() : "/";
                     const std::string path_id = paths::strip_relative_path(prefix, path).value_or("");
                     const Json::Value query =
                         pages::parse_query_string(search.json().isString() ? search.json().asString() : "");
                     const auto& entries = state->registry.entries();
                     const Json::Value* page = nullptr;
                     Json::Value arguments(Json::objectValue);
                     if (const auto match = state->registry.match(path_id)) {
                         page = &entries[match->index];
                         if (match->variables.isObject())
                             for (const std::string& key : match->variables.getMemberNames())
                                 arguments[key] = match->variables[key];
                     } else if (const auto not_found = state->registry.not_found_page()) {
                         page = &entries[*not_found];  // else Python's H1 below
                     }
                     if (page == nullptr)
                         return std::make_tuple(
                             Value(Component("dash_html_components", "H1", {{"children", "404 - Page not found"}})),
                             Value(Object{{"title", state->settings.title}}));
                     for (const std::string& key : query.getMemberNames()) arguments[key] = query[key];
                     const auto& [layout, user_data] = state->layouts.at((*page)["module"].asString());
                     const std::string text = json::to_string(arguments);
                     StringWriter out, error;
                     if (layout(user_data, view(text), &out.writer, &error.writer) != DASH_OK)
                         throw CallbackException(error.text);
                     return std::make_tuple(Value(json::parse(out.text)), Value(Object{{"title", (*page)["title"]}}));
                 });

    // §13.5: the title follows the page.
    app.clientside_callback(
        "\n                function(data) {\n                    document.title = data.title\n                }\n      "
        "          ",
        Output("_pages_dummy", "children"), Input("_pages_store", "data"));
}

}  // namespace

DASH_PLUGIN("org.dashcpp.pages", "pages", "1.0.0", "org.dashcpp.components.html org.dashcpp.components.dcc", setup)
