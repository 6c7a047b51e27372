// dash/entry.hpp: the plugin's entry point. DASH_PLUGIN(...) defines dash_plugin_entry, which
// returns the descriptor (id, version, ABI, dependencies) and an init that builds a dash::Plugin
// and runs the author's setup function on it.
#pragma once

#include <dash/detail/guard.hpp>
#include <dash/plugin.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace dash::detail {

using SetupFunction = void (*)(Plugin&);

struct PluginState {
    std::unique_ptr<Plugin> plugin;
};

template <SetupFunction Setup>
dash_status init_plugin(const dash_host* host, dash_plugin_handle* handle, dash_str config_json, void** state,
                        dash_writer* error_message) {
    if (!host || host->struct_size < sizeof(dash_host)) {
        write_message(error_message, "the host's table is older than this plugin's SDK");
        return DASH_UNSUPPORTED;
    }
    return guarded(error_message, [&] {
        Json::Value config = config_json.len ? json::parse(text_view(config_json)) : Json::Value(Json::objectValue);
        auto plugin_state = std::make_unique<PluginState>();
        plugin_state->plugin = std::make_unique<Plugin>(host, handle, std::move(config));
        current_app() = plugin_state->plugin.get();
        Setup(*plugin_state->plugin);
        *state = plugin_state.release();
    });
}

inline void deinit_plugin(void* state) {
    current_app() = nullptr;
    delete static_cast<PluginState*>(state);
}

// The ids of the component libraries the plugin links, which dashcpp_add_plugin passes as
// DASH_PLUGIN_LINKED_DEPENDENCIES ("" when built another way).
#ifdef DASH_PLUGIN_LINKED_DEPENDENCIES
inline constexpr const char* linked_dependencies = DASH_PLUGIN_LINKED_DEPENDENCIES;
#else
inline constexpr const char* linked_dependencies = "";
#endif

// Splits "a b c" (the declared ids, then the linked ones) into a static NULL-terminated array of
// ids, each once.
inline const char* const* dependency_array(const char* ids, const char* linked = linked_dependencies) {
    static std::vector<std::string> storage;
    static std::vector<const char*> pointers;
    if (pointers.empty()) {
        std::string text = std::string(ids ? ids : "") + " " + (linked ? linked : "");
        size_t start = 0;
        while (start < text.size()) {
            size_t end = text.find_first_of(" ,", start);
            if (end == std::string::npos) end = text.size();
            const std::string id = text.substr(start, end - start);
            if (!id.empty() && std::find(storage.begin(), storage.end(), id) == storage.end()) storage.push_back(id);
            start = end + 1;
        }
        for (const auto& id : storage) pointers.push_back(id.c_str());
        pointers.push_back(nullptr);
    }
    return pointers.data();
}

template <SetupFunction Setup>
const dash_plugin_descriptor* make_descriptor(const char* id, const char* name, const char* version,
                                              const char* dependencies, uint32_t flags) {
    static dash_plugin_descriptor descriptor = [&] {
        dash_plugin_descriptor d{};
        d.struct_size = sizeof d;
        d.build_fingerprint = DASH_BUILD_FINGERPRINT;
        d.abi_major = DASH_ABI_MAJOR;
        d.abi_minor = DASH_ABI_MINOR;
        d.flags = flags;
        d.id = id;
        d.name = name;
        d.version = version;
        d.dependencies = dependency_array(dependencies);
        d.init = &init_plugin<Setup>;
        d.deinit = &deinit_plugin;
        d.get_extension = nullptr;
        return d;
    }();
    return &descriptor;
}

}  // namespace dash::detail

// Exports the plugin's entry symbol. ID is reverse-DNS ("com.example.sales"), DEPENDENCIES a string
// of plugin ids separated by spaces ("" for none), SETUP a function void(dash::Plugin&). The
// component libraries the plugin links with dashcpp_add_plugin(... LIBRARIES DashCpp::html ...) are
// dependencies without being listed: the host loads them first, by id, from its plugin directories.
//
// Built with DASH_PLUGIN_IN_PROCESS defined, the same source instead defines the non-exported
// dash_in_process_entry(), which core's in-process main() hands to the host: the app is then
// compiled into the executable but still registers through the plugin path.
#ifdef DASH_PLUGIN_IN_PROCESS
#define DASH_PLUGIN_ENTRY_DECLARATION const dash_plugin_descriptor* dash_in_process_entry(void)
#else
#define DASH_PLUGIN_ENTRY_DECLARATION extern "C" DASH_PLUGIN_EXPORT const dash_plugin_descriptor* dash_plugin_entry(void)
#endif

#define DASH_PLUGIN(ID, NAME, VERSION, DEPENDENCIES, SETUP)                                       \
    DASH_PLUGIN_ENTRY_DECLARATION {                                                               \
        return ::dash::detail::make_descriptor<&SETUP>(ID, NAME, VERSION, DEPENDENCIES, 0u);      \
    }

// Same, for a plugin whose callbacks must never run concurrently.
#define DASH_PLUGIN_SERIALIZED_ENTRY(ID, NAME, VERSION, DEPENDENCIES, SETUP)                      \
    DASH_PLUGIN_ENTRY_DECLARATION {                                                               \
        return ::dash::detail::make_descriptor<&SETUP>(ID, NAME, VERSION, DEPENDENCIES,           \
                                                       DASH_PLUGIN_SERIALIZED);                   \
    }
