// AppState: its lifetime (registrations released before plugins are de-initialised), the suites
// component libraries serve, and the texts cached after start-up.
#include "app/app_state.hpp"

#include "app/index_page.hpp"
#include "app/layout_validation.hpp"
#include "errors.hpp"

#include <dash/json.hpp>

namespace dash::core {

AppState::~AppState() {
    // Registrations hold plugin data: release them while the plugins are still initialised, then
    // deinit the plugins in reverse order of init.
    callbacks.clear();
    routes.clear();
    for (auto& list : hooks_by_kind) list.clear();
    hooks.clear();
    layout.reset();
    services.clear();
    for (auto it = plugins.rbegin(); it != plugins.rend(); ++it) (*it)->app = nullptr;
    while (!plugins.empty()) plugins.pop_back();
}

void AppState::add_library(ComponentLibrary library) {
    for (const auto& existing : libraries)
        if (existing.package_name == library.package_name)
            throw ConflictError("DuplicateComponentLibrary", "component library '" + library.package_name +
                                                             "' is already registered by '" + existing.plugin_id + "'");
    auto& suite = suites[library.url_namespace];
    for (const auto& resource : library.resources) {
        if (suite.count(resource.relative_path))
            throw ConflictError("DuplicateResource", "'" + library.url_namespace + "/" + resource.relative_path +
                                                     "' is already served by another library");
        suite[resource.relative_path] = SuiteFile{resource.file, library.version};
    }
    libraries.push_back(std::move(library));
}

std::string AppState::suite_url(const std::string& url_namespace, const std::string& relative_path) const {
    const auto& suite = suites.at(url_namespace);
    const SuiteFile& file = suite.at(relative_path);
    return config.app.paths.requests_pathname_prefix + "_dash-component-suites/" + url_namespace + "/" +
           fingerprint(relative_path, file.version, file.file->stamp);
}

void AppState::finalize() {
    if (layout && !layout->fn) validate_layout(*this, json::parse(layout->static_json));
    dependencies_json = callbacks.dependencies_json(config.app.prevent_initial_callbacks, config.app.hide_all_callbacks);
    config_json = render_config(*this);
    index_html = render_index(*this);
}

}  // namespace dash::core
