// pages: the pages service (dash/ext/pages.h, "dash.pages/1") and the routing of protocol §13.4:
// plugins register pages during their init; the routing callback answers the page container's
// location with the matching page's layout (its path variables, query parameters and routing inputs
// as the layout's arguments) and its title, which a clientside callback puts into document.title.
// Checked once every plugin is initialised: duplicate paths refuse to start.
#include "registry.hpp"

#include <dash/dash.hpp>
#include <dash/pages.hpp>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <limits>
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
    // What a registering plugin handed over, by module.
    struct Functions {
        dash_page_layout_fn layout = nullptr;
        dash_page_text_fn title = nullptr;  // null: the registry's title
        dash_page_text_fn description = nullptr;
        void* user_data = nullptr;
    };
    std::map<std::string, Functions> functions;
    Json::Value routing_inputs;  // routing_callback_inputs: {"name": {id, property, state}}, null if none
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
        pages::PageSpec page = pages::PageSpec::from_json(json::parse(text_view(c_spec->spec_json)));
        PagesState::Functions functions{c_spec->layout, nullptr, nullptr, c_spec->user_data};
        if (c_spec->struct_size >= offsetof(dash_page_spec, description) + sizeof c_spec->description) {
            functions.title = c_spec->title;
            functions.description = c_spec->description;
        }
        page.title_is_function = functions.title != nullptr;
        page.description_is_function = functions.description != nullptr;
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
        state.functions[page.module] = functions;
        // Python's _set_redirect: a 301 from each redirect_from path to get_relative_path(path).
        for (const std::string& from : page.redirect_from) {
            paths::get_relative_path(state.settings.requests_pathname_prefix, from);  // a leading / (as Python)
            state.redirects[paths::detail::trim_left(from, '/')] = entry["relative_path"].asString();
        }
    });
}

// A page's title or description (`key`, with its function `fn` of the registered functions): the
// function's answer for the path variables, else the registry's.
std::string page_text(const PagesState& state, const Json::Value& page, const char* key,
                      dash_page_text_fn PagesState::Functions::*fn_of, const Json::Value& variables) {
    const auto& functions = state.functions.at(page["module"].asString());
    const dash_page_text_fn fn = functions.*fn_of;
    if (!fn) return page[key].isString() ? page[key].asString() : "";
    const std::string text = json::to_string(variables.isObject() ? variables : Json::Value(Json::objectValue));
    StringWriter out, error;
    if (fn(functions.user_data, view(text), &out.writer, &error.writer) != DASH_OK)
        throw CallbackException("the " + std::string(key) + " function of page `" + page["module"].asString() +
                                "` failed: " + error.text);
    return out.text;
}

// A page's layout for its arguments (path variables, query parameters, routing inputs).
Value page_layout(const PagesState& state, const Json::Value& page, const Json::Value& arguments) {
    const auto& functions = state.functions.at(page["module"].asString());
    const std::string text = json::to_string(arguments);
    StringWriter out, error;
    if (functions.layout(functions.user_data, view(text), &out.writer, &error.writer) != DASH_OK)
        throw CallbackException("the layout of page `" + page["module"].asString() + "` failed: " + error.text);
    return Value(json::parse(out.text));
}

// True when the tree holds a component with this id (Python's `id in component`).
bool has_component_id(const Json::Value& tree, const std::string& id) {
    if (tree.isArray()) {
        for (const Json::Value& item : tree)
            if (has_component_id(item, id)) return true;
        return false;
    }
    if (!tree.isObject() || !tree["props"].isObject()) return false;
    const Json::Value& props = tree["props"];
    if (props["id"].isString() && props["id"].asString() == id) return true;
    for (const std::string& key : props.getMemberNames())
        if (key != "id" && has_component_id(props[key], id)) return true;
    return false;
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
    const Json::Value variables = match ? match->variables : Json::Value();
    const std::string title =
        match ? page_text(state, page, "title", &PagesState::Functions::title, variables) : state.settings.title;
    const std::string description =
        match ? page_text(state, page, "description", &PagesState::Functions::description, variables) : "";
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

dash_status set_routing_inputs_fn(void* self, dash_str inputs_json, dash_writer* error_message) {
    auto& state = *static_cast<PagesState*>(self);
    if (!state.initialising) {
        const std::string message = "routing_callback_inputs must be set during setup, not once the app is running";
        error_message->write(error_message->context, message.data(), message.size());
        return DASH_INVALID_STATE;
    }
    if (!state.routing_inputs.isNull()) {
        const std::string message = "routing_callback_inputs is already set (once per app)";
        error_message->write(error_message->context, message.data(), message.size());
        return DASH_ALREADY_EXISTS;
    }
    return detail::guarded(error_message, [&] {
        const Json::Value inputs = json::parse(text_view(inputs_json));
        if (!inputs.isObject())
            throw IncorrectTypeException("routing_callback_inputs must be an object of dependencies");
        for (const std::string& name : inputs.getMemberNames()) {
            const Json::Value& entry = inputs[name];
            if (name == "pathname_" || name == "search_")
                throw IncorrectTypeException("routing_callback_inputs: '" + name +
                                             "' is the routing callback's own argument; pick another name");
            if (!entry.isObject() || !(entry["id"].isString() || entry["id"].isObject()) ||
                !entry["property"].isString() || !entry["state"].isBool())
                throw IncorrectTypeException("routing_callback_inputs: '" + name +
                                             "' is not an Input or a State ({id, property, state})");
        }
        state.routing_inputs = inputs;
    });
}

dash_status page_registry_fn(void* self, dash_writer* out) {
    auto& state = *static_cast<PagesState*>(self);
    const std::string text = json::to_string(state.registry.to_json());
    out->write(out->context, text.data(), text.size());
    return DASH_OK;
}

// §13.4: the page for the location, its layout called with the path variables, the query and the
// routing inputs; §13.5: the title follows the page.
void register_routing(Plugin& app, const std::shared_ptr<PagesState>& state) {
    std::vector<std::pair<std::string, InputGroup>> inputs = {{"pathname_", Input("_pages_location", "pathname")},
                                                              {"search_", Input("_pages_location", "search")}};
    if (state->routing_inputs.isObject())
        for (const std::string& name : state->routing_inputs.getMemberNames()) {
            const Json::Value& entry = state->routing_inputs[name];
            const Value id(entry["id"]);
            const std::string property = entry["property"].asString();
            if (entry["state"].asBool())
                inputs.emplace_back(name, State(id, property));
            else
                inputs.emplace_back(name, Input(id, property));
        }
    const std::string prefix = state->settings.requests_pathname_prefix;
    app.callback(
        OutputGroup::list({Output("_pages_content", "children"), Output("_pages_store", "data")}),
        InputGroup::dict(inputs),
        [state, prefix](const Json::Value& arguments) -> Value {
            const Json::Value& pathname = arguments["pathname_"];
            const Json::Value& search = arguments["search_"];
            const std::string path = pathname.isString() ? pathname.asString() : "/";
            const std::string path_id = paths::strip_relative_path(prefix, path).value_or("");
            const Json::Value query = pages::parse_query_string(search.isString() ? search.asString() : "");
            const auto& entries = state->registry.entries();
            const Json::Value* page = nullptr;
            Json::Value variables(Json::objectValue);
            if (const auto match = state->registry.match(path_id)) {
                page = &entries[match->index];
                if (match->variables.isObject()) variables = match->variables;
            } else if (const auto not_found = state->registry.not_found_page()) {
                page = &entries[*not_found];  // else Python's H1 below
            }
            if (page == nullptr)
                return List{Component("dash_html_components", "H1", {{"children", "404 - Page not found"}}),
                            Object{{"title", state->settings.title}}};
            // Python: layout(**{**path_variables, **query_parameters, **states}); title(**path_variables).
            Json::Value layout_arguments = variables;
            for (const std::string& key : query.getMemberNames()) layout_arguments[key] = query[key];
            for (const std::string& key : arguments.getMemberNames())
                if (key != "pathname_" && key != "search_") layout_arguments[key] = arguments[key];
            return List{page_layout(*state, *page, layout_arguments),
                        Object{{"title", page_text(*state, *page, "title", &PagesState::Functions::title, variables)}}};
        },
        CallbackOptions().prevent_initial().hide());

    app.clientside_callback(
        "\n                function(data) {\n                    document.title = data.title\n                }\n      "
        "          ",
        Output("_pages_dummy", "children"), Input("_pages_store", "data"));
}

void finish_setup(Plugin& app, const std::shared_ptr<PagesState>& state) {
    state->initialising = false;
    state->info = app.host_info();
    state->settings.title = state->info.get("title", "Dash").asString();
    state->registry.check_duplicate_paths();
    // Python's `if not self.layout and self.use_pages: self.layout = page_container`.
    std::optional<Value> layout = app.app_layout();
    if (!layout) {
        app.layout(page_container());
        layout = page_container();
    }
    register_routing(app, state);
    if (state->info["suppress_callback_exceptions"].asBool()) return;
    // Every page's layout (called with no arguments, as Python does) and the app's: what the
    // renderer checks callback ids against, since the pages' components are not in the layout.
    Json::Value layouts(Json::arrayValue);
    for (const Json::Value& page : state->registry.entries())
        layouts.append(page_layout(*state, page, Json::Value(Json::objectValue)).json());
    layouts.append(layout->json());
    const Value validation = Component("dash_html_components", "Div", {{"children", Value(std::move(layouts))}});
    if (!has_component_id(validation.json(), "_pages_content"))
        throw std::invalid_argument("`dash.page_container` not found in the layout");
    const std::string text = json::to_string(validation.json());
    StringWriter errors;
    const dash_status status = app.host()->set_validation_layout_json(app.handle(), view(text), &errors.writer);
    if (status == DASH_ALREADY_EXISTS)
        app.log(DASH_LOG_INFO, "the app's own validation_layout is kept (the pages' one is not set)");
    else if (status != DASH_OK)
        throw std::runtime_error("setting the pages' validation layout failed: " + errors.text);
}

void setup(Plugin& app) {
    auto state = std::make_shared<PagesState>();
    state->plugin = &app;
    state->info = app.host_info();
    state->settings.title = state->info.get("title", "Dash").asString();
    state->settings.requests_pathname_prefix = state->info["requests_pathname_prefix"].asString();
    const Json::Value& config = app.config();
    for (const std::string& key : config.getMemberNames())
        if (key != "pages_folder" && key != "include_pages_meta" && key != "description")
            throw InvalidConfig("pages: unknown config key '" + key +
                                "' (known: pages_folder, include_pages_meta, description)");
    if (config.isMember("include_pages_meta") && !config["include_pages_meta"].isBool())
        throw InvalidConfig("pages: include_pages_meta must be true or false");
    // Python's Dash(description=...): the meta description of pages that have none.
    if (config.isMember("description")) {
        if (!config["description"].isString()) throw InvalidConfig("pages: description must be a string");
        state->settings.description = config["description"].asString();
    }
    // Python's pages folder ("pages" unless set; "" for none): every page plugin in it (and in its
    // subfolders) registers its pages in its own setup. Relative to the deployment config.
    if (config.isMember("pages_folder") && !config["pages_folder"].isString())
        throw InvalidConfig("pages: pages_folder must be a string");
    state->settings.pages_folder = config.get("pages_folder", "pages").asString();
    if (!state->settings.pages_folder.empty()) {
        std::filesystem::path folder(state->settings.pages_folder);
        if (folder.is_relative()) folder = std::filesystem::path(state->info["config_dir"].asString()) / folder;
        std::error_code error;
        if (!std::filesystem::is_directory(folder, error))
            throw InvalidConfig("pages: a folder called `" + state->settings.pages_folder + "` does not exist (" +
                                folder.lexically_normal().string() +
                                "). If the app needs no pages folder, set \"pages_folder\": \"\" in the pages "
                                "plugin's config");
        app.load_plugin_folder(state->settings.pages_folder);
    }
    app.register_service(
        dash_pages_v1{sizeof(dash_pages_v1), state.get(), &register_page_fn, &page_registry_fn, &set_routing_inputs_fn},
        state);

    // Once every plugin is initialised (and after the other setup hooks: the lowest priority): no
    // more pages, no two on one path, page_container as the layout when the app set none, the
    // routing callback with the routing inputs, and the validation layout (Python's enable_pages
    // and the use_pages part of _setup_server).
    Hooks(app).setup([state, &app] { finish_setup(app, state); }, HookOptions{std::numeric_limits<int>::min()});

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
}

}  // namespace

DASH_PLUGIN("org.dashcpp.pages", "pages", "1.0.0", "org.dashcpp.components.html org.dashcpp.components.dcc", setup)
