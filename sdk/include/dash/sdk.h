/* dash/sdk.h: the C ABI between the dashcpp host and its plugins (ABI 1.2).
 *
 * This header is the whole contract. A plugin includes it (directly or through the C++ layer in
 * the dash C++ headers), exports exactly one symbol, dash_plugin_entry, and never links against the host.
 *
 * Rules that hold for every function below:
 * - Strings and JSON are UTF-8 (pointer, length) pairs (dash_str), borrowed for the duration of
 *   the call only. Copy what you keep.
 * - Results are written through a dash_writer owned by the caller; whoever allocates frees.
 * - Errors are dash_status codes plus a message; nothing (no C++ exception, no longjmp) crosses
 *   the boundary.
 * - Every struct that may grow starts with uint32_t struct_size. The reader zero-fills and copies
 *   the prefix it knows, so structs only grow at the end. A changed function is a new _v2 entry.
 * - Optional capabilities are looked up by versioned string id ("dash.hooks/1"), both ways, and
 *   may be NULL.
 */
#ifndef DASH_SDK_H
#define DASH_SDK_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ABI version. A host refuses a plugin of another major and accepts any minor up to its own. */
#define DASH_ABI_MAJOR 1
#define DASH_ABI_MINOR 5

/* Build fingerprint: the properties of the build that change the binary layout of this header.
 * Checked by the host before it reads anything else of a plugin. */
#if defined(__BYTE_ORDER__) && defined(__ORDER_BIG_ENDIAN__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define DASH_BUILD_BIG_ENDIAN 1u
#else
#define DASH_BUILD_BIG_ENDIAN 0u
#endif
#define DASH_BUILD_FINGERPRINT                                                                      \
    ((uint32_t)0xDA000000u | ((uint32_t)sizeof(void *) << 16) | ((uint32_t)sizeof(size_t) << 8) | \
     ((uint32_t)sizeof(int) << 1) | DASH_BUILD_BIG_ENDIAN)

/* Name of the one symbol a plugin exports. */
#define DASH_PLUGIN_ENTRY_SYMBOL "dash_plugin_entry"

#if defined(_WIN32)
#define DASH_PLUGIN_EXPORT __declspec(dllexport)
#elif defined(__GNUC__)
#define DASH_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define DASH_PLUGIN_EXPORT
#endif

/* ------------------------------------------------------------------------------------------ */
/* Basic types                                                                                 */

/* A borrowed UTF-8 string: not NUL-terminated unless said otherwise. */
typedef struct dash_str {
    const char *ptr;
    size_t len;
} dash_str;

typedef enum dash_status {
    DASH_OK = 0,
    /* The callback raised PreventUpdate: the host answers 204 and changes nothing. */
    DASH_PREVENT_UPDATE = 1,
    /* Generic failure; the message says why. */
    DASH_ERROR = 2,
    /* The caller passed something malformed (bad JSON, unknown output index, ...). */
    DASH_INVALID_ARGUMENT = 3,
    /* Something looked up by name does not exist. */
    DASH_NOT_FOUND = 4,
    /* Asked for a capability this side does not have. */
    DASH_UNSUPPORTED = 5,
    /* Registered twice (duplicate callback output, duplicate route, ...). */
    DASH_ALREADY_EXISTS = 6,
    /* Called at a moment it is not allowed (registration after start-up, ...). */
    DASH_INVALID_STATE = 7,
    /* Since ABI 1.1, from a callback: the answer comes later through result_complete; the host
     * frees the server thread meanwhile. */
    DASH_PENDING = 8,
    /* Since ABI 1.1, from a request filter hook: the filter answered; the request goes no further. */
    DASH_HANDLED = 9
} dash_status;

/* A sink owned by the caller. write() appends bytes; it may be called many times. */
typedef struct dash_writer {
    uint32_t struct_size;
    void *context;
    dash_status (*write)(void *context, const char *data, size_t len);
} dash_writer;

typedef enum dash_log_level {
    DASH_LOG_TRACE = 0,
    DASH_LOG_DEBUG = 1,
    DASH_LOG_INFO = 2,
    DASH_LOG_WARN = 3,
    DASH_LOG_ERROR = 4
} dash_log_level;

/* Opaque handles. Their layout is the host's business. */
typedef struct dash_plugin_handle dash_plugin_handle; /* one per loaded plugin */
typedef struct dash_request dash_request;             /* an HTTP request being served */
typedef struct dash_response dash_response;           /* the HTTP response being built */
typedef struct dash_callback_result dash_callback_result; /* results of one callback call */

/* ------------------------------------------------------------------------------------------ */
/* What a plugin registers                                                                      */

/* One file of a component library. */
typedef enum dash_resource_kind { DASH_RESOURCE_JS = 0, DASH_RESOURCE_CSS = 1 } dash_resource_kind;

/* Resource flags. */
#define DASH_RESOURCE_DYNAMIC 0x1u  /* never gets a tag, only served (source maps, workers) */
#define DASH_RESOURCE_ASYNC 0x2u    /* lazily loaded chunk: a tag only with eager_loading */
#define DASH_RESOURCE_DEV_ONLY 0x4u /* only when dev bundles are served */
#define DASH_RESOURCE_PROD_ONLY 0x8u /* only when dev bundles are not served */

typedef struct dash_resource {
    uint32_t struct_size;
    dash_resource_kind kind;
    uint32_t flags;
    /* Path below _dash-component-suites/<url_namespace>/, e.g. "dcc/async-graph.js". */
    dash_str relative_path;
    /* Absolute path of the file on disk. The host reads it once at registration. */
    dash_str file_path;
} dash_resource;

typedef struct dash_component_library {
    uint32_t struct_size;
    /* The JS global holding the components, as in the layout JSON ("dash_core_components"). */
    dash_str package_name;
    /* First URL segment after _dash-component-suites/ ("dash" for the Dash-shipped packages). */
    dash_str url_namespace;
    /* Version put into the fingerprint of every resource ("4.5.0"). */
    dash_str version;
    /* JSON object {ComponentType: [prop paths]} for config children_props (protocol §6.4). */
    dash_str children_props_json;
    const dash_resource *resources;
    size_t resource_count;
    /* Since ABI 1.1. JSON object {ComponentType: {"props": [names], "wildcards": ["data-", ...],
     * "required": [names]}}: the host refuses layouts that use a type or prop the library does not
     * have, or leave out a required prop (Python raises TypeError there). Empty: no checks. */
    dash_str components_json;
} dash_component_library;

/* Called per request to build the layout; writes component JSON to out. */
typedef dash_status (*dash_layout_fn)(void *user_data, const dash_request *request,
                                      dash_writer *out, dash_writer *error_message);

/* A server-side callback. Called concurrently on server threads unless the plugin declared
 * DASH_PLUGIN_SERIALIZED. request_json is the body the renderer posted (protocol §8.1), already
 * checked against the registration. The function reports each output through the host's
 * callback-result functions and returns DASH_OK, DASH_PREVENT_UPDATE, or an error with a message
 * written to error_message. */
typedef dash_status (*dash_callback_fn)(void *user_data, dash_str request_json,
                                        const dash_request *request, dash_callback_result *result,
                                        dash_writer *error_message);

/* Since ABI 1.2: a callback call the host has prepared. The body was read once and checked against
 * the registration; each argument's JSON is a slice of it, so the plugin converts only what it
 * uses, straight from text, and never parses the body again. */
typedef struct dash_callback_call {
    uint32_t struct_size;
    /* The request body as the renderer posted it (protocol §8.1), for what the arguments do not
     * carry (changedPropIds, ids of wildcard items, outputs). */
    dash_str body;
    /* The values of the inputs, then the states, in registration order. A wildcard (ALL,
     * ALLSMALLER) dependency's values come as one JSON list. A value the renderer left out is
     * "null". The slices live for the duration of the call. When the registration says
     * "checks_arguments", a value that is an object or an array (a wildcard's list included) may
     * not be JSON inside: only its brackets balance, outside strings, within the nesting limit. */
    const dash_str *arguments;
    size_t argument_count;
    /* {"<namespace>": value, ...} from the custom_data hooks, or empty when there are none. */
    dash_str custom_data_json;
} dash_callback_call;

typedef dash_status (*dash_prepared_callback_fn)(void *user_data, const dash_callback_call *call,
                                                 const dash_request *request, dash_callback_result *result,
                                                 dash_writer *error_message);

typedef struct dash_callback_spec {
    uint32_t struct_size;
    /* JSON describing the dependencies:
     *   {"outputs": [{"id": ID, "property": P, "allow_duplicate": bool?}...],
     *    "multi_output": bool,        // outputs given as a list (protocol §7.3)
     *    "inputs": [{"id": ID, "property": P, "allow_optional": bool?}...],
     *    "state": [...],
     *    "prevent_initial_call": bool | null (null: the app default),
     *    "hidden": bool?, "optional": bool?, "persistent": bool?, "running": {...}?,
     *    "websocket": bool? (prefer the WebSocket transport; read by hosts of ABI >= 1.2),
     *    "checks_arguments": bool? (with prepared_fn: the plugin checks that each argument is JSON
     *        and returns DASH_INVALID_ARGUMENT, with a message, when one is not; the host, which
     *        answers that 400, may then hand over objects and arrays it only delimited. A host that
     *        does not know the key checks everything itself, so declaring it is safe with any host)}
     * ID is a string or an object (pattern-matching ids, wildcards as ["MATCH"]).
     * Unknown keys are kept and ignored, so the description grows without an ABI change. */
    dash_str dependencies_json;
    dash_callback_fn fn;
    void *user_data;
    /* Called by the host when the callback is dropped (may be NULL). */
    void (*free_user_data)(void *user_data);
    /* Since ABI 1.2. When set, the host calls it (with the same user_data) instead of fn, which
     * may then be NULL. */
    dash_prepared_callback_fn prepared_fn;
} dash_callback_spec;

typedef struct dash_clientside_callback_spec {
    uint32_t struct_size;
    /* Same shape as dash_callback_spec.dependencies_json. */
    dash_str dependencies_json;
    /* Either a namespace + function name defined by the page's JavaScript ... */
    dash_str namespace_name;
    dash_str function_name;
    /* ... or the JavaScript source of the function (namespace/function_name then empty). */
    dash_str inline_source;
} dash_clientside_callback_spec;

/* An HTTP route handler. */
typedef dash_status (*dash_route_fn)(void *user_data, const dash_request *request,
                                     dash_response *response);

typedef struct dash_route_spec {
    uint32_t struct_size;
    /* "GET", "POST", ... or "*" for any method. */
    dash_str method;
    /* Path below routes_pathname_prefix, without a leading slash ("health"). A trailing "*"
     * matches any rest of the path ("api/" followed by "*"). */
    dash_str path;
    dash_route_fn fn;
    void *user_data;
    void (*free_user_data)(void *user_data);
} dash_route_spec;

/* ------------------------------------------------------------------------------------------ */
/* The host table, handed to init                                                               */

/* Thread-safety: registration functions may be called only during init (they return
 * DASH_INVALID_STATE later). Request, response and callback-result functions may be called from
 * any thread but only for the object handed to the current call. log and get_extension are
 * callable at any time from any thread. */
typedef struct dash_host {
    uint32_t struct_size;
    uint32_t abi_major;
    uint32_t abi_minor;

    void (*log)(dash_plugin_handle *plugin, dash_log_level level, dash_str message);

    /* Writes the host facts as JSON: {"share_dir", "config_dir", "debug", "dash_version",
     * "requests_pathname_prefix", "routes_pathname_prefix", "title" (the app's, as set so far), "assets_folder" (absolute), ...}. */
    dash_status (*host_info)(dash_plugin_handle *plugin, dash_writer *out);

    /* Registration (init only). */
    dash_status (*register_component_library)(dash_plugin_handle *plugin,
                                              const dash_component_library *library,
                                              dash_writer *error_message);
    dash_status (*set_layout_json)(dash_plugin_handle *plugin, dash_str layout_json,
                                   dash_writer *error_message);
    dash_status (*set_layout_provider)(dash_plugin_handle *plugin, dash_layout_fn fn,
                                       void *user_data, void (*free_user_data)(void *),
                                       dash_writer *error_message);
    dash_status (*register_callback)(dash_plugin_handle *plugin, const dash_callback_spec *spec,
                                     dash_writer *error_message);
    dash_status (*register_clientside_callback)(dash_plugin_handle *plugin,
                                                const dash_clientside_callback_spec *spec,
                                                dash_writer *error_message);
    dash_status (*register_route)(dash_plugin_handle *plugin, const dash_route_spec *spec,
                                  dash_writer *error_message);

    /* Named services: a plugin offers a function table under a versioned id; others find it.
     * The table must outlive the plugin's registration (static storage is typical). */
    dash_status (*register_service)(dash_plugin_handle *plugin, const char *service_id,
                                    const void *table);
    const void *(*find_service)(dash_plugin_handle *plugin, const char *service_id);

    /* Optional host capabilities by versioned id ("dash.hooks/1", ...). NULL if absent. */
    const void *(*get_extension)(dash_plugin_handle *plugin, const char *extension_id);

    /* Request accessors. The returned strings live as long as the request. */
    dash_str (*request_method)(const dash_request *request);
    dash_str (*request_path)(const dash_request *request); /* below routes prefix, no query */
    dash_str (*request_query)(const dash_request *request);
    /* Case-insensitive; ptr is NULL when the header is absent. */
    dash_str (*request_header)(const dash_request *request, dash_str name);
    dash_str (*request_body)(const dash_request *request);

    /* Response builders (routes). */
    void (*response_set_status)(dash_response *response, int status);
    void (*response_set_header)(dash_response *response, dash_str name, dash_str value);
    void (*response_write)(dash_response *response, dash_str data);

    /* Callback results. index is the position of the output in the registration. value_json is
     * the JSON of the new value; an output that is never set is left unchanged (no_update). */
    dash_status (*result_set_output)(dash_callback_result *result, uint32_t index,
                                     dash_str value_json);
    /* For an output whose id holds an ALL wildcard: the value of the item-th matched component. */
    dash_status (*result_set_output_item)(dash_callback_result *result, uint32_t index,
                                          uint32_t item, dash_str value_json);
    /* set_props: a side update of a component that is not an output. id_json is the JSON of the
     * id (a string or an object); props_json an object of props. Later calls merge. */
    dash_status (*result_set_props)(dash_callback_result *result, dash_str id_json,
                                    dash_str props_json);
    /* Adds a header to the HTTP response of this callback (Set-Cookie included). */
    dash_status (*result_add_header)(dash_callback_result *result, dash_str name, dash_str value);

    /* Since ABI 1.1. */
    /* The layout the renderer validates callback ids against instead of the live one (init only). */
    dash_status (*set_validation_layout_json)(dash_plugin_handle *plugin, dash_str layout_json,
                                              dash_writer *error_message);
    /* The client's address ("127.0.0.1:51234"). */
    dash_str (*request_remote_address)(const dash_request *request);
    /* Completes a callback that returned DASH_PENDING, exactly once, from any thread: status as a
     * callback would return it, message for errors. The result handle (outputs, set_props,
     * headers) stays valid until this call; the request handle only until the callback returned. */
    dash_status (*result_complete)(dash_callback_result *result, dash_status status, dash_str message);

    /* Since ABI 1.3, from a callback (while it runs, or until result_complete). */
    /* Python's dash.set_props: over the WebSocket transport the update reaches the browser now, as
     * a set_props message; over HTTP it is DASH_UNSUPPORTED and the caller uses result_set_props
     * (the update travels with the answer). */
    dash_status (*result_stream_props)(dash_callback_result *result, dash_str id_json, dash_str props_json);
    /* Over the WebSocket transport: asks the browser for the current values of `properties_json`
     * (a JSON list of prop names) of the component `id_json`, waits for the answer up to timeout_ms
     * and writes it (a JSON object of prop values; {} for a component the page does not have).
     * DASH_UNSUPPORTED over HTTP, DASH_ERROR on timeout or when the socket closed (message in
     * out). Blocks the calling thread. */
    dash_status (*result_get_props)(dash_callback_result *result, dash_str id_json, dash_str properties_json,
                                    uint32_t timeout_ms, dash_writer *out);
    /* Nonzero when the call came over the WebSocket transport (Python: ctx.websocket is not None). */
    int (*result_over_websocket)(const dash_callback_result *result);

    /* Since ABI 1.4 (check struct_size before calling). The app's own settings, Python's
     * Dash(title=..., update_title=..., suppress_callback_exceptions=..., ...): a JSON object with
     * keys of the deployment config's "app" section that belong to the app (title, update_title,
     * suppress_callback_exceptions, prevent_initial_callbacks, show_undo_redo, hide_all_callbacks,
     * assets_folder, assets_ignore, assets_path_ignore, include_assets_files, meta_tags,
     * external_stylesheets, external_scripts, index_string, eager_loading, strict_callbacks,
     * compress, health_endpoint). During init only. They beat DASH_* environment variables and
     * defaults; a key the deployment config also sets keeps the config's value (logged). An unknown
     * key, a deployment-only one (the URL prefixes, websocket_*) or a wrong type: DASH_INVALID_ARGUMENT
     * naming it. */
    dash_status (*set_app_options)(dash_plugin_handle *plugin, dash_str options_json, dash_writer *error_message);

    /* Since ABI 1.5 (check struct_size before calling). During init: every plugin file in `folder`
     * or its subfolders (a directory; relative paths are relative to the deployment config's
     * directory) whose name, and whose subfolder's name, does not start with "_" or "." is loaded once the plugins being initialised now are, and
     * initialised after them in dependency order, each with an empty config (Python's pages folder:
     * plugins/pages passes its pages_folder). A folder that is not a directory, or a file that is
     * not a plugin: DASH_INVALID_ARGUMENT naming it. */
    dash_status (*load_plugin_folder)(dash_plugin_handle *plugin, dash_str folder, dash_writer *error_message);
} dash_host;

/* ------------------------------------------------------------------------------------------ */
/* The plugin descriptor, returned by dash_plugin_entry                                        */

/* Plugin flags. */
#define DASH_PLUGIN_SERIALIZED 0x1u /* not thread-safe: the host never calls it concurrently */

typedef struct dash_plugin_descriptor {
    /* Fixed-width first fields: read before anything else, whatever the build. */
    uint32_t struct_size;
    uint32_t build_fingerprint; /* DASH_BUILD_FINGERPRINT of the plugin's build */
    uint32_t abi_major;         /* DASH_ABI_MAJOR the plugin was built against */
    uint32_t abi_minor;
    uint32_t flags;

    const char *id;      /* reverse-DNS, NUL-terminated: "org.dashcpp.components.html" */
    const char *name;    /* human-readable */
    const char *version; /* the plugin's own version */
    /* Ids of plugins that must be initialised first; NULL-terminated array, or NULL. */
    const char *const *dependencies;

    /* Called once, on the host's main thread, in dependency order. config_json is the plugin's
     * "config" object from the deployment config ({} if absent). *state is handed back to every
     * later call of the plugin. On failure write a message and return non-DASH_OK. */
    dash_status (*init)(const dash_host *host, dash_plugin_handle *plugin, dash_str config_json,
                        void **state, dash_writer *error_message);
    /* Called once at shutdown or unload, in reverse order. May be NULL. */
    void (*deinit)(void *state);
    /* Optional plugin-side capabilities by versioned id. May be NULL. */
    const void *(*get_extension)(void *state, const char *extension_id);
} dash_plugin_descriptor;

typedef const dash_plugin_descriptor *(*dash_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* DASH_SDK_H */
