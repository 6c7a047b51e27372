/* Prints the layout of every ABI 1.0 struct field and constant. Built against the frozen 1.0 header
 * and against the current one: the outputs must be identical, so fields were only ever appended. */
#include <dash/sdk.h>

#include <stddef.h>
#include <stdio.h>

#define FIELD(type, field) \
    printf("%s.%s offset=%zu size=%zu\n", #type, #field, offsetof(type, field), sizeof(((type *)0)->field))
#define CONSTANT(name) printf("%s=%ld\n", #name, (long)(name))

int main(void) {
    FIELD(dash_str, ptr); FIELD(dash_str, len);
    FIELD(dash_writer, struct_size); FIELD(dash_writer, context); FIELD(dash_writer, write);
    FIELD(dash_resource, struct_size); FIELD(dash_resource, kind); FIELD(dash_resource, flags);
    FIELD(dash_resource, relative_path); FIELD(dash_resource, file_path);
    FIELD(dash_component_library, struct_size); FIELD(dash_component_library, package_name);
    FIELD(dash_component_library, url_namespace); FIELD(dash_component_library, version);
    FIELD(dash_component_library, children_props_json); FIELD(dash_component_library, resources);
    FIELD(dash_component_library, resource_count);
    FIELD(dash_callback_spec, struct_size); FIELD(dash_callback_spec, dependencies_json); FIELD(dash_callback_spec, fn);
    FIELD(dash_callback_spec, user_data); FIELD(dash_callback_spec, free_user_data);
    FIELD(dash_clientside_callback_spec, struct_size); FIELD(dash_clientside_callback_spec, dependencies_json);
    FIELD(dash_clientside_callback_spec, namespace_name); FIELD(dash_clientside_callback_spec, function_name);
    FIELD(dash_clientside_callback_spec, inline_source);
    FIELD(dash_route_spec, struct_size); FIELD(dash_route_spec, method); FIELD(dash_route_spec, path);
    FIELD(dash_route_spec, fn); FIELD(dash_route_spec, user_data); FIELD(dash_route_spec, free_user_data);
    FIELD(dash_host, struct_size); FIELD(dash_host, abi_major); FIELD(dash_host, abi_minor); FIELD(dash_host, log);
    FIELD(dash_host, host_info); FIELD(dash_host, register_component_library); FIELD(dash_host, set_layout_json);
    FIELD(dash_host, set_layout_provider); FIELD(dash_host, register_callback);
    FIELD(dash_host, register_clientside_callback); FIELD(dash_host, register_route); FIELD(dash_host, register_service);
    FIELD(dash_host, find_service); FIELD(dash_host, get_extension); FIELD(dash_host, request_method);
    FIELD(dash_host, request_path); FIELD(dash_host, request_query); FIELD(dash_host, request_header);
    FIELD(dash_host, request_body); FIELD(dash_host, response_set_status); FIELD(dash_host, response_set_header);
    FIELD(dash_host, response_write); FIELD(dash_host, result_set_output); FIELD(dash_host, result_set_output_item);
    FIELD(dash_host, result_set_props); FIELD(dash_host, result_add_header);
    FIELD(dash_plugin_descriptor, struct_size); FIELD(dash_plugin_descriptor, build_fingerprint);
    FIELD(dash_plugin_descriptor, abi_major); FIELD(dash_plugin_descriptor, abi_minor);
    FIELD(dash_plugin_descriptor, flags); FIELD(dash_plugin_descriptor, id); FIELD(dash_plugin_descriptor, name);
    FIELD(dash_plugin_descriptor, version); FIELD(dash_plugin_descriptor, dependencies);
    FIELD(dash_plugin_descriptor, init); FIELD(dash_plugin_descriptor, deinit);
    FIELD(dash_plugin_descriptor, get_extension);
    CONSTANT(DASH_ABI_MAJOR); CONSTANT(DASH_BUILD_FINGERPRINT);
    CONSTANT(DASH_OK); CONSTANT(DASH_PREVENT_UPDATE); CONSTANT(DASH_ERROR); CONSTANT(DASH_INVALID_ARGUMENT);
    CONSTANT(DASH_NOT_FOUND); CONSTANT(DASH_UNSUPPORTED); CONSTANT(DASH_ALREADY_EXISTS); CONSTANT(DASH_INVALID_STATE);
    CONSTANT(DASH_LOG_TRACE); CONSTANT(DASH_LOG_ERROR); CONSTANT(DASH_RESOURCE_JS); CONSTANT(DASH_RESOURCE_CSS);
    CONSTANT(DASH_RESOURCE_DYNAMIC); CONSTANT(DASH_RESOURCE_ASYNC); CONSTANT(DASH_RESOURCE_DEV_ONLY);
    CONSTANT(DASH_RESOURCE_PROD_ONLY); CONSTANT(DASH_PLUGIN_SERIALIZED);
    return 0;
}
