// Plugin loading: Boost.DLL opens the file, finds the one entry symbol; the descriptor is checked
// (fingerprint, ABI version, fields) before anything else of the plugin is trusted.
#include "plugins/loader.hpp"

#include "errors.hpp"

#include <boost/dll/shared_library.hpp>

#include <cstring>
#include <filesystem>

namespace dash::core {

PluginInstance::~PluginInstance() {
    if (initialised && descriptor.deinit) descriptor.deinit(state);
}

std::string PluginInstance::describe() const {
    return file_path.empty() ? "'" + id + "' (in-process)" : "'" + id + "' (" + file_path + ")";
}

std::shared_ptr<PluginInstance> adopt_descriptor(const dash_plugin_descriptor* descriptor, const std::string& origin) {
    if (!descriptor) throw plugin_error(origin + ": dash_plugin_entry returned no descriptor");
    const uint32_t minimum = offsetof(dash_plugin_descriptor, abi_minor) + sizeof(uint32_t);
    if (descriptor->struct_size < minimum)
        throw plugin_error(origin + ": the plugin descriptor is too small (" + std::to_string(descriptor->struct_size) +
                           " bytes); this is not a dashcpp plugin");
    if (descriptor->build_fingerprint != DASH_BUILD_FINGERPRINT)
        throw plugin_error(origin + ": build fingerprint mismatch (plugin 0x" +
                           [](uint32_t v) {
                               char b[16];
                               std::snprintf(b, sizeof b, "%08x", v);
                               return std::string(b);
                           }(descriptor->build_fingerprint) +
                           "): it was built for another platform or pointer size");
    if (descriptor->abi_major != DASH_ABI_MAJOR)
        throw plugin_error(origin + ": the plugin was built for dashcpp ABI major " +
                           std::to_string(descriptor->abi_major) + " but this host speaks ABI major " +
                           std::to_string(DASH_ABI_MAJOR) + "; rebuild the plugin against this SDK");
    if (descriptor->abi_minor > DASH_ABI_MINOR)
        throw plugin_error(origin + ": the plugin needs ABI 1." + std::to_string(descriptor->abi_minor) +
                           " but this host provides 1." + std::to_string(DASH_ABI_MINOR) + "; upgrade the host");
    auto instance = std::make_shared<PluginInstance>();
    // Copy the prefix the plugin knows; fields it does not know stay zero.
    instance->descriptor = read_prefix(*descriptor);
    const dash_plugin_descriptor& d = instance->descriptor;
    if (!d.id || !*d.id) throw plugin_error(origin + ": the plugin has no id");
    if (!d.init) throw plugin_error(origin + ": plugin '" + std::string(d.id) + "' has no init function");
    instance->id = d.id;
    instance->name = d.name ? d.name : d.id;
    instance->version = d.version ? d.version : "";
    if (d.dependencies)
        for (const char* const* dep = d.dependencies; *dep; ++dep) instance->dependencies.emplace_back(*dep);
    return instance;
}

std::shared_ptr<PluginInstance> open_plugin_file(const std::string& path) {
    std::error_code exists_error;
    if (!std::filesystem::exists(path, exists_error)) throw plugin_error("plugin file '" + path + "' does not exist");
    boost::dll::shared_library library;
    boost::dll::fs::error_code error;
    library.load(path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, error);
    if (error)
        throw plugin_error("'" + path + "' is not a loadable shared library (" + error.message() +
                           "); a dashcpp plugin is a .so built with dashcpp_add_plugin");
    if (!library.has(DASH_PLUGIN_ENTRY_SYMBOL))
        throw plugin_error("'" + path + "' is not a dashcpp plugin: it does not export " DASH_PLUGIN_ENTRY_SYMBOL);
    auto entry = library.get<const dash_plugin_descriptor*()>(DASH_PLUGIN_ENTRY_SYMBOL);
    auto instance = adopt_descriptor(entry(), "'" + path + "'");
    instance->library = std::move(library);
    instance->file_path = path;
    return instance;
}

}  // namespace dash::core
