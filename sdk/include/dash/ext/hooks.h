/* dash/ext/hooks.h: the hooks extension, "dash.hooks/1". Plugins change how the host serves
 * requests, pages and layouts, and observe callback errors, without touching core:
 *
 *     const dash_hooks_v1 *hooks = host->get_extension(plugin, DASH_EXT_HOOKS);
 *     hooks->register_hook(plugin, &spec, error_message);   (during init)
 *
 * Hooks of one kind run by descending priority, then registration order; a `final` hook runs last
 * and there is at most one per kind (a second is refused: HookError). Hooks are called concurrently
 * from server threads unless their plugin is DASH_PLUGIN_SERIALIZED. */
#ifndef DASH_EXT_HOOKS_H
#define DASH_EXT_HOOKS_H

#include <dash/sdk.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DASH_EXT_HOOKS "dash.hooks/1"

typedef enum dash_hook_kind {
    /* Once, after every plugin's init, before the first request, in priority order. Like Python's
     * hooks.setup(app), the hook's plugin may still register (layout, callbacks, hooks, ...) while it
     * runs; only load_plugin_folder is refused there, and a SETUP hook registered then never runs. */
    DASH_HOOK_SETUP = 0,
    /* Before routing. Answer through `response` and return DASH_HANDLED to stop the request
     * (e.g. 401); return DASH_OK to let it through. */
    DASH_HOOK_REQUEST_FILTER = 1,
    /* After the answer is built (also for answers of request filters); may change status, headers
     * and body with the functions of dash_hooks_v1. Not run for asynchronous callbacks' answers. */
    DASH_HOOK_RESPONSE_FILTER = 2,
    /* Per _dash-layout request: `input` is the layout JSON; write a replacement to `output`
     * (nothing written: unchanged). */
    DASH_HOOK_LAYOUT = 3,
    /* Per index request: `input` is the page's HTML; write a replacement to `output`. */
    DASH_HOOK_INDEX = 4,
    /* A server callback failed: `input` is {"output", "message", "inputs", "state"}. Observes only. */
    DASH_HOOK_CALLBACK_ERROR = 5,
    /* No function: data_json is a URL string or an attribute object ({"src": ...}) added as a
     * <script> (SCRIPT) or <link rel="stylesheet"> (STYLESHEET, {"href": ...}) to the index. */
    DASH_HOOK_SCRIPT = 6,
    DASH_HOOK_STYLESHEET = 7,
    /* Before each server callback: write a JSON value to `output`; callbacks see it in the request
     * body as "custom_data": {<data_json: the namespace string>: value} (Python's ctx.custom_data). */
    DASH_HOOK_CUSTOM_DATA = 8,
    /* No function: data_json is a component {"namespace", "type", "props", "position"} added to the
     * renderer's debug menu (config dev_tools) when the dev tools UI is on. */
    DASH_HOOK_DEV_TOOLS = 9,
    /* Added within dash.hooks/1 (a host that lacks them refuses the registration with
     * DASH_INVALID_ARGUMENT). Python's hooks.websocket_connect: before a WebSocket of the callback
     * transport is accepted; `request` is the upgrade request. Return DASH_OK to accept, or
     * DASH_HANDLED to reject: the socket is closed with {"code": N, "reason": "..."} written to
     * `output` (nothing written: 4001 "Connection rejected"). A failing hook closes it with 4001
     * "Authentication error". */
    DASH_HOOK_WEBSOCKET_CONNECT = 10,
    /* Python's hooks.websocket_message: each message received on such a socket, as `input`, before
     * it is handled; the same answers (a rejection closes the socket; default 4001 "Message
     * rejected"). May run on the host's event loop: keep it quick. */
    DASH_HOOK_WEBSOCKET_MESSAGE = 11
} dash_hook_kind;

typedef struct dash_hook_call {
    uint32_t struct_size;
    dash_hook_kind kind;
    const dash_request *request; /* NULL for SETUP */
    dash_response *response;     /* filters only */
    dash_str input;              /* LAYOUT, INDEX, CALLBACK_ERROR, WEBSOCKET_MESSAGE */
    dash_writer *output;         /* LAYOUT, INDEX, CUSTOM_DATA, WEBSOCKET_CONNECT/_MESSAGE */
    uint64_t elapsed_us;         /* RESPONSE_FILTER: time spent serving so far */
    /* Added within dash.hooks/1 (check struct_size before reading): where a failing hook writes
     * why; the host puts the message into its HookError. */
    dash_writer *error_message;
} dash_hook_call;

typedef dash_status (*dash_hook_fn)(void *user_data, const dash_hook_call *call);

typedef struct dash_hook_spec {
    uint32_t struct_size;
    dash_hook_kind kind;
    int32_t priority;     /* higher runs first */
    uint32_t final_hook;  /* nonzero: runs after every other hook of its kind */
    dash_hook_fn fn;      /* NULL for SCRIPT and STYLESHEET */
    void *user_data;
    void (*free_user_data)(void *user_data);
    dash_str data_json;   /* SCRIPT and STYLESHEET */
} dash_hook_spec;

/* The host's side of the extension. */
typedef struct dash_hooks_v1 {
    uint32_t struct_size;
    /* During init only. */
    dash_status (*register_hook)(dash_plugin_handle *plugin, const dash_hook_spec *spec, dash_writer *error_message);
    /* Reading and rewriting the answer in response filters. Strings live until the next change. */
    int (*response_status)(const dash_response *response);
    dash_str (*response_header)(const dash_response *response, dash_str name); /* ptr NULL if absent */
    dash_str (*response_body)(const dash_response *response);
    /* Nonzero when the body is an immutable host buffer that lives as long as the app (static
     * files): its address identifies it, so a filter may cache what it derives from it. */
    int (*response_body_is_static)(const dash_response *response);
    void (*response_replace_body)(dash_response *response, dash_str body);
    void (*response_remove_header)(dash_response *response, dash_str name);
    /* The index page as built at start-up (before per-request index hooks), e.g. to hash its
     * inline scripts. Callable after init. */
    dash_status (*index_html)(dash_plugin_handle *plugin, dash_writer *out);
    /* Later members: check struct_size before calling. */
    /* The app's layout as the renderer would get it now: the static layout's JSON, or the layout
     * function's answer to a plain GET of _dash-layout. DASH_INVALID_STATE (nothing written) while
     * no plugin has set a layout; DASH_ERROR with the message in out when the function fails.
     * For setup hooks (Python's `if not app.layout: ...`, the pages plugin's validation layout). */
    dash_status (*app_layout)(dash_plugin_handle *plugin, dash_writer *out);
} dash_hooks_v1;

#ifdef __cplusplus
}
#endif

#endif /* DASH_EXT_HOOKS_H */
