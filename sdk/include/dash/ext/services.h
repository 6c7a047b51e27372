/* dash/ext/services.h: the function tables of the services the host itself may look up. One
 * definition, shared by the plugins that offer them and the host: neither names the other.
 * Convention for tables: uint32_t struct_size first, then void *self (the provider's object, the
 * first argument of every function), then the functions; tables grow at the end only. */
#ifndef DASH_EXT_SERVICES_H
#define DASH_EXT_SERVICES_H

#include <dash/sdk.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Response compression is available. The Dash option app.compress requires a provider. */
#define DASH_SERVICE_COMPRESSION "dash.compression/1"
typedef struct dash_compression_v1 {
    uint32_t struct_size;
} dash_compression_v1;

/* CSP hashes of the page's inline scripts (Python's app.csp_hashes); `dash-host --csp-hashes`.
 * hashes() writes a JSON list of "'sha256-...'" source expressions; DASH_INVALID_ARGUMENT for an
 * algorithm other than sha256, sha384, sha512. `self` is the provider's object, handed back to
 * hashes(). Version 1 (below) had no self pointer; the host still accepts a provider of it. */
#define DASH_SERVICE_CSP "dash.csp/2"
typedef struct dash_csp_v2 {
    uint32_t struct_size;
    void *self;
    dash_status (*hashes)(void *self, const char *algorithm, dash_writer *out);
} dash_csp_v2;

#define DASH_SERVICE_CSP_V1 "dash.csp/1"
typedef struct dash_csp_v1 {
    uint32_t struct_size;
    dash_status (*hashes)(const char *algorithm, dash_writer *out);
} dash_csp_v1;

#ifdef __cplusplus
}
#endif

#endif /* DASH_EXT_SERVICES_H */
