// dash/core/plugin_instance.hpp: one loaded plugin, and the C handles the ABI passes around.
#pragma once

#include "dash/core/http.hpp"

#include <dash/sdk.h>

#include <boost/dll/shared_library.hpp>

#include <mutex>
#include <string>
#include <vector>

namespace dash::core {

class AppState;
struct PluginInstance;

}  // namespace dash::core

struct dash_plugin_handle {
    dash::core::PluginInstance* instance;
};
struct dash_request {
    const dash::core::HttpRequest* http;
    std::string path_below_prefix;
};
struct dash_response {
    dash::core::HttpResponse* http;
};

namespace dash::core {

struct PluginInstance {
    // Declared first so it is destroyed last: the code stays mapped until everything else is gone.
    boost::dll::shared_library library;
    std::string file_path;  // empty for a plugin hosted in-process
    dash_plugin_descriptor descriptor{};
    std::string id, name, version;
    std::vector<std::string> dependencies;
    void* state = nullptr;
    bool initialised = false;
    std::mutex call_mutex;  // held around calls when the plugin is DASH_PLUGIN_SERIALIZED
    dash_plugin_handle handle{this};
    // Set while the plugin's init runs (registration is allowed) and while the app lives.
    AppState* app = nullptr;
    bool registering = false;

    PluginInstance() = default;
    PluginInstance(const PluginInstance&) = delete;
    PluginInstance& operator=(const PluginInstance&) = delete;
    ~PluginInstance();

    bool serialized() const { return descriptor.flags & DASH_PLUGIN_SERIALIZED; }
    std::string describe() const;  // "id (file)" for messages
};

// Validates a descriptor returned by an entry point and wraps it; throws PluginError naming the
// problem (fingerprint, ABI major, newer minor, missing fields).
std::shared_ptr<PluginInstance> adopt_descriptor(const dash_plugin_descriptor* descriptor, const std::string& origin);
// Opens a plugin file with Boost.DLL and finds its one entry symbol.
std::shared_ptr<PluginInstance> open_plugin_file(const std::string& path);

// The host table handed to every plugin's init.
const dash_host* host_table();

}  // namespace dash::core
