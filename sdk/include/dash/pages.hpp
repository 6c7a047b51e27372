// dash/pages.hpp: Python's dash.register_page and dash.page_registry for C++ plugins, through the
// pages plugin's service (dash/ext/pages.h, plugins/pages). Pages are registered in setup:
//
//     void setup(App& app) {
//         Page report;
//         report.module = "pages.report";
//         report.path_template = "/reports/<quarter>";
//         report.layout = [](const Value& arguments) { return html::H1("Report " + arguments["quarter"].str()); };
//         register_page(app, report);
//     }
//
// The page's arguments are its path variables, the query-string parameters and the routing
// inputs, by name, as the keyword arguments of Python's layout function. At start, when callbacks
// are not suppressed, each layout is also called with {} for the validation layout (Python calls
// page["layout"]() then): a layout must cope with absent arguments.
#pragma once

#include <dash/ext/pages.h>
#include <dash/plugin.hpp>
#include <dash/services.hpp>

#include <cstddef>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dash {

template <>
struct ServiceTraits<dash_pages_v1> {
    static constexpr const char* id = DASH_SERVICE_PAGES;
};

// register_page's arguments; an absent optional (or a null order) is Python's None.
struct Page {
    std::string module;  // Python's __name__: "pages.report" gives the path /report
    std::optional<std::string> path;
    std::optional<std::string> path_template;
    std::optional<std::string> name;
    Value order = Value();
    std::optional<std::string> title;
    std::optional<std::string> description;
    // Python's title=callable / description=callable: computed from the path variables ({} for a
    // page without variables) for the browser's title and the meta tags. Win over title/description.
    std::function<std::string(const Value& variables)> title_fn;
    std::function<std::string(const Value& variables)> description_fn;
    std::optional<std::string> image;
    std::optional<std::string> image_url;
    std::vector<std::string> redirect_from;
    Object extra;                               // **kwargs, kept in the registry entry
    std::function<Value(const Value&)> layout;  // required (NoLayoutException)
};

namespace detail {
struct PageFunctions {
    std::function<Value(const Value&)> layout;
    std::function<std::string(const Value&)> title, description;
};

inline dash_status call_page_layout(void* user_data, dash_str arguments_json, dash_writer* out,
                                    dash_writer* error_message) {
    const auto& page = *static_cast<const PageFunctions*>(user_data);
    return guarded(error_message, [&] {
        const Value arguments(json::parse(text_view(arguments_json)));
        const std::string text = json::to_string(page.layout(arguments).json());
        out->write(out->context, text.data(), text.size());
    });
}

template <std::function<std::string(const Value&)> PageFunctions::*member>
dash_status call_page_text(void* user_data, dash_str variables_json, dash_writer* out, dash_writer* error_message) {
    const auto& page = *static_cast<const PageFunctions*>(user_data);
    return guarded(error_message, [&] {
        const std::string text = (page.*member)(Value(json::parse(text_view(variables_json))));
        out->write(out->context, text.data(), text.size());
    });
}

inline dash_pages_v1 pages_service(const App& app) {
    const auto service = app.find_service<dash_pages_v1>();
    if (!service || !service->register_page)
        throw PageError(
            "register_page needs the pages plugin: name org.dashcpp.pages among the plugin's dependencies "
            "(the last argument of DASH_PLUGIN)");
    return *service;
}
}  // namespace detail

// Registers a page (during setup). Throws PageError without the pages plugin or after setup,
// NoLayoutException without a layout, and std::invalid_argument with Python's message for a bad
// path template or path.
inline void register_page(App& app, Page page) {
    if (!page.layout) throw NoLayoutException("No layout in module `" + page.module + "` in dash.page_registry");
    const dash_pages_v1 service = detail::pages_service(app);
    Json::Value spec(Json::objectValue);
    spec["module"] = page.module;
    auto optional = [&](const char* key, const std::optional<std::string>& value) {
        if (value) spec[key] = *value;
    };
    optional("path", page.path);
    optional("path_template", page.path_template);
    optional("name", page.name);
    optional("title", page.title);
    optional("description", page.description);
    optional("image", page.image);
    optional("image_url", page.image_url);
    if (!page.order.json().isNull()) spec["order"] = page.order.json();
    for (const std::string& from : page.redirect_from) spec["redirect_from"].append(from);
    if (!page.extra.json().empty()) spec["extra"] = page.extra.json();
    auto functions = std::make_shared<const detail::PageFunctions>(
        detail::PageFunctions{std::move(page.layout), std::move(page.title_fn), std::move(page.description_fn)});
    const std::string text = json::to_string(spec);
    dash_page_spec c_spec{};
    c_spec.struct_size = sizeof c_spec;
    c_spec.spec_json = view(text);
    c_spec.layout = &detail::call_page_layout;
    c_spec.user_data = const_cast<void*>(static_cast<const void*>(functions.get()));
    if (functions->title) c_spec.title = &detail::call_page_text<&detail::PageFunctions::title>;
    if (functions->description) c_spec.description = &detail::call_page_text<&detail::PageFunctions::description>;
    StringWriter errors;
    const dash_status status = service.register_page(service.self, &c_spec, &errors.writer);
    if (status == DASH_INVALID_STATE) throw PageError(errors.text);
    if (status != DASH_OK) throw std::invalid_argument(errors.text);
    app.keep(std::move(functions));
}

// Python's Dash(routing_callback_inputs={"language": Input("language", "value")}): extra inputs
// and states of the routing callback, passed to every page's layout by name. Once, during setup.
inline void routing_callback_inputs(App& app, const std::vector<std::pair<std::string, GroupedDependency>>& inputs) {
    const dash_pages_v1 service = detail::pages_service(app);
    if (service.struct_size < offsetof(dash_pages_v1, set_routing_inputs) + sizeof service.set_routing_inputs)
        throw PageError("this pages plugin does not take routing_callback_inputs");
    Json::Value spec(Json::objectValue);
    for (const auto& [name, input] : inputs) {
        Json::Value& entry = spec[name];
        entry["id"] = input.dependency.id;
        entry["property"] = input.dependency.property;
        entry["state"] = input.is_state;
    }
    const std::string text = json::to_string(spec);
    StringWriter errors;
    const dash_status status = service.set_routing_inputs(service.self, view(text), &errors.writer);
    if (status == DASH_INVALID_STATE) throw PageError(errors.text);
    if (status != DASH_OK) throw std::invalid_argument(errors.text);
}

// dash.page_container: where the pages plugin puts the page for the location (fixed ids, §13.2).
inline Value page_container() {
    return Component(
        "dash_html_components", "Div",
        {{"children",
          List{Component("dash_core_components", "Location", {{"id", "_pages_location"}, {"refresh", "callback-nav"}}),
               Component("dash_html_components", "Div",
                         {{"children", Value()}, {"id", "_pages_content"}, {"disable_n_clicks", true}}),
               Component("dash_core_components", "Store", {{"id", "_pages_store"}}),
               Component("dash_html_components", "Div",
                         {{"children", Value()}, {"id", "_pages_dummy"}, {"disable_n_clicks", true}})}}});
}

// dash.page_registry: the entries in registry order, with Python's keys.
inline Json::Value page_registry(const App& app) {
    const dash_pages_v1 service = detail::pages_service(app);
    StringWriter out;
    if (service.page_registry(service.self, &out.writer) != DASH_OK)
        throw PageError("the page registry is not readable");
    return json::parse(out.text);
}

}  // namespace dash
