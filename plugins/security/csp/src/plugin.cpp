// csp: Content-Security-Policy for Dash pages (protocol §15). Hashes exactly the inline scripts the
// page carries (the renderer bootstrap, inline clientside callbacks, anything index hooks add) and,
// unless "header" is false, sends a CSP header on index pages whose script-src admits only those.
// Offers the service dash.csp/2 (`dash-host --csp-hashes`, other plugins). README.md lists the keys.
#include "hashing.hpp"
#include "policy.hpp"

#include <dash/dash.hpp>

#include <memory>

namespace {

using namespace dashcpp::csp;

// What the service's self pointer points to.
struct CspService {
    const dash_host* host;
    dash_plugin_handle* handle;
    const dash_hooks_v1* hooks;

    static dash_status hashes(void* self, const char* algorithm, dash_writer* out) {
        const auto& service = *static_cast<const CspService*>(self);
        // The table has no error writer: a failure's message goes to the host's log.
        const dash::detail::ErrorSink sink{nullptr, [&](const std::string& message) {
                                               service.host->log(service.handle, DASH_LOG_ERROR,
                                                                 dash::view("csp hashes: " + message));
                                           }};
        return dash::detail::guarded(sink, [&] {
            const std::string name = algorithm ? algorithm : "sha256";
            try {
                check_algorithm(name);
            } catch (const std::invalid_argument&) {
                return DASH_INVALID_ARGUMENT;
            }
            dash::StringWriter html;
            if (!service.hooks || service.hooks->index_html(service.handle, &html.writer) != DASH_OK)
                return DASH_INVALID_STATE;
            Json::Value list(Json::arrayValue);
            for (const auto& hash : page_hashes(html.text, name)) list.append(hash);
            dash::write_message(out, dash::json::to_string(list));
            return DASH_OK;
        });
    }
};

void setup(dash::Plugin& plugin) {
    auto policy = std::make_shared<const Policy>(read_policy(plugin.config()));
    auto service = std::make_shared<CspService>(CspService{plugin.host(), plugin.handle(), plugin.hooks_extension()});
    plugin.register_service(dash_csp_v2{sizeof(dash_csp_v2), service.get(), &CspService::hashes}, service);
    if (!policy->header) return;
    // Index pages only (the page carrying the _dash-config block), after index hooks changed it.
    dash::Hooks(plugin).response_filter(
        [policy](const dash::Request&, dash::Response& response, uint64_t) {
            const bool html_page = response.header("Content-Type").value_or("").rfind("text/html", 0) == 0;
            if (response.status() != 200 || !html_page) return;
            const std::string html(response.body());
            if (html.find("id=\"_dash-config\"") == std::string::npos) return;
            response.set_header("Content-Security-Policy", policy->header_value(html));
        },
        {-50, false});
}

}  // namespace

DASH_PLUGIN("org.dashcpp.csp", "csp", "1.0.0", "", setup)
