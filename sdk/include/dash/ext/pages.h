/* dash/ext/pages.h: the pages service, "dash.pages/1" (Python's dash.register_page and
 * dash.page_registry), offered by the pages plugin (plugins/pages) to the plugins that register
 * pages during their init. The C++ layer is dash/pages.hpp. */
#ifndef DASH_EXT_PAGES_H
#define DASH_EXT_PAGES_H

#include <dash/sdk.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DASH_SERVICE_PAGES "dash.pages/1"

/* A page's layout: arguments_json is an object of the path variables, the query-string parameters
 * and the routing inputs ({"quarter": "q1", "sort": "desc"}); writes the layout's JSON to out. */
typedef dash_status (*dash_page_layout_fn)(void *user_data, dash_str arguments_json, dash_writer *out,
                                           dash_writer *error_message);

/* A page's title or description computed from its path variables (Python's title=callable):
 * variables_json is an object ({"quarter": "q1"}, {} for a page without variables); writes the text
 * (not JSON) to out. */
typedef dash_status (*dash_page_text_fn)(void *user_data, dash_str variables_json, dash_writer *out,
                                         dash_writer *error_message);

typedef struct dash_page_spec {
    uint32_t struct_size;
    /* Python's register_page arguments: {"module": string, "path"?, "path_template"?, "name"?,
     * "order"?, "title"?, "description"?, "image"?, "image_url"?, "redirect_from"?: [paths],
     * "extra"?: {key: value}}; absent or null is Python's None. */
    dash_str spec_json;
    dash_page_layout_fn layout;
    /* Kept by the registering plugin, which outlives the calls: never freed by the provider. Passed
     * to layout, title and description alike. */
    void *user_data;
    /* Later members (the provider reads them when struct_size covers them). NULL: the title or
     * description of spec_json (or its inference). */
    dash_page_text_fn title;
    dash_page_text_fn description;
} dash_page_spec;

typedef struct dash_pages_v1 {
    uint32_t struct_size;
    void *self;
    /* During init only (DASH_INVALID_STATE after: Python's PageError). DASH_INVALID_ARGUMENT with
     * a message for a bad spec (a template variable that is not an identifier, a path without a
     * leading /, no layout: NoLayoutException). */
    dash_status (*register_page)(void *self, const dash_page_spec *spec, dash_writer *error_message);
    /* The registry in its order, as a JSON list of entries with Python's keys. */
    dash_status (*page_registry)(void *self, dash_writer *out);
    /* Later members: check struct_size before calling. */
    /* Python's Dash(routing_callback_inputs=...): extra inputs and states of the routing callback,
     * passed to every layout by name. inputs_json: {"name": {"id": id, "property": "value",
     * "state": true|false}, ...}. During init only (DASH_INVALID_STATE after); once per app
     * (DASH_ALREADY_EXISTS); a name the layouts get anyway ("pathname_", "search_") or a malformed
     * entry: DASH_INVALID_ARGUMENT naming it. */
    dash_status (*set_routing_inputs)(void *self, dash_str inputs_json, dash_writer *error_message);
} dash_pages_v1;

#ifdef __cplusplus
}
#endif

#endif /* DASH_EXT_PAGES_H */
