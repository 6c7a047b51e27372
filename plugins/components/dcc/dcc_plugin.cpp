// dash-dcc: the dash_core_components library (npm dash-core-components) as a plugin: its main and
// shared bundles, the lazily loaded chunks (served fingerprinted or plain, §5.4) and source maps.
#include <dash/dash.hpp>

#include <filesystem>

namespace {

// Components whose props other than `children` hold components (protocol §6.4).
Json::Value children_props() {
    const std::pair<const char*, const char*> special[] = {
        {"Clipboard", "copied_children"}, {"Loading", "custom_spinner"}, {"Tab", "label"}};
    const char* const plain[] = {"ConfirmDialog", "ConfirmDialogProvider", "Download", "Geolocation", "Graph",
                                 "Interval",      "Link",                  "Location", "Markdown",    "Store",
                                 "Upload",        "Button",                "Checklist", "DatePickerRange",
                                 "DatePickerSingle", "Dropdown",           "Input",    "RadioItems",  "RangeSlider",
                                 "Slider",        "Tabs",                  "Textarea", "Tooltip"};
    Json::Value props(Json::objectValue);
    for (const char* name : plain) props[name] = Json::Value(Json::arrayValue);
    for (const auto& [name, prop] : special) {
        props[name] = Json::Value(Json::arrayValue);
        props[name].append(prop);
    }
    return props;
}

void setup(dash::Plugin& plugin) {
    const std::string dir = plugin.bundle_dir("dash-core-components");
    const std::string files = dir + "/dash_core_components/";
    std::vector<dash::Plugin::Resource> resources = {
        {"dcc/dash_core_components.js", files + "dash_core_components.js"},
        {"dcc/dash_core_components-shared.js", files + "dash_core_components-shared.js"},
        {"dcc/proptypes.js", files + "proptypes.js", DASH_RESOURCE_JS, DASH_RESOURCE_DEV_ONLY},
    };
    // Every async chunk and source map the package ships (the set differs between releases).
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(files)) names.push_back(entry.path().filename());
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
        if (name.rfind("async-", 0) == 0 && name.size() > 3 && name.substr(name.size() - 3) == ".js")
            resources.push_back({"dcc/" + name, files + name, DASH_RESOURCE_JS, DASH_RESOURCE_ASYNC});
        else if (name.size() > 4 && name.substr(name.size() - 4) == ".map")
            resources.push_back({"dcc/" + name, files + name, DASH_RESOURCE_JS, DASH_RESOURCE_DYNAMIC});
    }
    plugin.component_library("dash_core_components", "dash", dash::Plugin::package_version(dir), children_props(),
                             resources);
}

}  // namespace

DASH_PLUGIN("org.dashcpp.components.dcc", "dash_core_components", "4.5.0", "", setup)
