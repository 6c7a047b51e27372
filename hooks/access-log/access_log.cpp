// access-log: one log line per request (method, path, status, duration), written by a final
// response filter, after every other one, so it shows what the client gets. This is the host's only
// access log: list the plugin in a deployment to have one. Dash's dev_tools.silence_routes_logging
// (DASH_SILENCE_ROUTES_LOGGING) turns it off.
#include <dash/dash.hpp>

namespace {

void setup(dash::Plugin& plugin) {
    if (plugin.host_info()["silence_routes_logging"].asBool()) {
        plugin.log(DASH_LOG_INFO, "access log off: dev_tools.silence_routes_logging is set");
        return;
    }
    dash::Hooks(plugin).response_filter(
        [&plugin](const dash::Request& request, dash::Response& response, uint64_t elapsed_us) {
            const std::string query = request.query();
            plugin.log(DASH_LOG_INFO, "access " + request.method() + " /" + request.path() +
                                          (query.empty() ? "" : "?" + query) + " " + std::to_string(response.status()) +
                                          " " + std::to_string(elapsed_us) + "us");
        },
        {0, true});
}

}  // namespace

DASH_PLUGIN("org.dashcpp.hooks.access-log", "access-log", "1.0.0", "", setup)
