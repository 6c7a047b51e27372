// plugins/loader.hpp: one loaded plugin (PluginInstance) and how it is loaded: Boost.DLL opens the
// file, the descriptor is checked before anything else of the plugin is trusted.
#pragma once

#include <dash/sdk.h>

#include <boost/dll/shared_library.hpp>

#include <cstring>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace dash::core {

class AppState;
struct PluginInstance;

}  // namespace dash::core

// The opaque plugin handle of the C ABI.
struct dash_plugin_handle {
    dash::core::PluginInstance* instance;
};

namespace dash::core {

struct PluginInstance : std::enable_shared_from_this<PluginInstance> {
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

// The first struct_size bytes of a plugin's struct, the rest zero: how the host reads every
// growable struct, whatever header version the plugin was built with.
template <class T>
T read_prefix(const T& given) {
    T copy{};
    const uint32_t size = given.struct_size;
    std::memcpy(&copy, &given, size < sizeof(T) ? size : sizeof(T));
    return copy;
}

// Validates a descriptor returned by an entry point and wraps it; throws PluginError naming the
// problem (fingerprint, ABI major, newer minor, missing fields).
std::shared_ptr<PluginInstance> adopt_descriptor(const dash_plugin_descriptor* descriptor, const std::string& origin);
// Opens a plugin file with Boost.DLL and finds its one entry symbol.
std::shared_ptr<PluginInstance> open_plugin_file(const std::string& path);

}  // namespace dash::core
