/* A complete app plugin in plain C11, built from sdk.h alone: a static layout and one callback
 * that answers with the length of the input value. Proves the ABI needs no C++ on either side. */
#include <dash/sdk.h>

#include <stdio.h>
#include <string.h>

static const dash_host *host;

static const char layout[] =
    "{\"props\":{\"children\":[{\"props\":{\"id\":\"in\",\"value\":\"abc\"},\"type\":\"Input\","
    "\"namespace\":\"dash_core_components\"},{\"props\":{\"id\":\"out\",\"children\":null},\"type\":\"Div\","
    "\"namespace\":\"dash_html_components\"}]},\"type\":\"Div\",\"namespace\":\"dash_html_components\"}";

static const char deps[] =
    "{\"outputs\":[{\"id\":\"out\",\"property\":\"children\"}],\"inputs\":[{\"id\":\"in\",\"property\":\"value\"}]}";

/* Finds "value":"..." in the first input and reports its length; a missing value is PreventUpdate. */
static dash_status length_callback(void *user_data, dash_str request_json, const dash_request *request,
                                   dash_callback_result *result, dash_writer *error_message) {
    const char *key = "\"value\":\"";
    const char *start;
    const char *end;
    char text[64];
    int len;
    (void)user_data;
    (void)request;
    (void)error_message;
    start = request_json.ptr ? strstr(request_json.ptr, key) : NULL;
    if (!start || (size_t)(start - request_json.ptr) >= request_json.len) return DASH_PREVENT_UPDATE;
    start += strlen(key);
    end = strchr(start, '"');
    if (!end) return DASH_PREVENT_UPDATE;
    len = snprintf(text, sizeof text, "\"length %d\"", (int)(end - start));
    {
        dash_str value;
        value.ptr = text;
        value.len = (size_t)len;
        return host->result_set_output(result, 0, value);
    }
}

static dash_status init(const dash_host *h, dash_plugin_handle *plugin, dash_str config, void **state,
                        dash_writer *error_message) {
    dash_str text;
    dash_callback_spec spec;
    dash_status status;
    (void)config;
    (void)state;
    host = h;
    text.ptr = layout;
    text.len = sizeof layout - 1;
    status = host->set_layout_json(plugin, text, error_message);
    if (status != DASH_OK) return status;
    memset(&spec, 0, sizeof spec);
    spec.struct_size = sizeof spec;
    spec.dependencies_json.ptr = deps;
    spec.dependencies_json.len = sizeof deps - 1;
    spec.fn = length_callback;
    return host->register_callback(plugin, &spec, error_message);
}

DASH_PLUGIN_EXPORT const dash_plugin_descriptor *dash_plugin_entry(void) {
    static dash_plugin_descriptor descriptor;
    memset(&descriptor, 0, sizeof descriptor);
    descriptor.struct_size = sizeof descriptor;
    descriptor.build_fingerprint = DASH_BUILD_FINGERPRINT;
    descriptor.abi_major = DASH_ABI_MAJOR;
    descriptor.abi_minor = DASH_ABI_MINOR;
    descriptor.id = "org.dashcpp.tests.c_app";
    descriptor.name = "C app";
    descriptor.version = "1.0";
    descriptor.init = init;
    return &descriptor;
}
