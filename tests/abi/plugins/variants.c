/* Plugins that are wrong on purpose, one per VARIANT macro, for the loader's error messages. */
#include <dash/sdk.h>

#include <stddef.h>
#include <string.h>

#ifndef VARIANT_NO_ENTRY
static dash_status init(const dash_host *host, dash_plugin_handle *plugin, dash_str config, void **state,
                        dash_writer *error_message) {
    (void)host;
    (void)plugin;
    (void)config;
    (void)state;
#if VARIANT_INIT_FAILS
    error_message->write(error_message->context, "database is unreachable", 23);
    return DASH_ERROR;
#else
    (void)error_message;
    return DASH_OK;
#endif
}

DASH_PLUGIN_EXPORT const dash_plugin_descriptor *dash_plugin_entry(void) {
    static dash_plugin_descriptor descriptor;
    static const char *const dependencies[] = {VARIANT_DEPENDENCY, NULL};
    memset(&descriptor, 0, sizeof descriptor);
    /* An "old" plugin: its descriptor stops before get_extension; the host must zero-fill. */
    descriptor.struct_size = (uint32_t)offsetof(dash_plugin_descriptor, get_extension);
    descriptor.build_fingerprint = VARIANT_FINGERPRINT;
    descriptor.abi_major = VARIANT_ABI_MAJOR;
    descriptor.abi_minor = DASH_ABI_MINOR;
    descriptor.id = VARIANT_ID;
    descriptor.name = VARIANT_ID;
    descriptor.version = "0.0.1";
    descriptor.dependencies = dependencies[0] ? dependencies : NULL;
    descriptor.init = init;
    return &descriptor;
}
#else
DASH_PLUGIN_EXPORT int some_other_symbol(void) { return 42; }
#endif
