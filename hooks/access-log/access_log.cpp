// access-log: one log line per request (method, path, status, duration), written after every other
// response filter so it shows what the client gets.
#include <dash/dash.hpp>

namespace {

void setup(dash::Plugin& plugin) {
    dash::Hooks(plugin).response_filter(
        [&plugin](const dash::HookRequest& request, dash::HookResponse& response, uint64_t elapsed_us) {
            plugin.log(DASH_LOG_INFO, "access " + request.method() + " /" + request.path() + " " +
                                          std::to_string(response.status()) + " " + std::to_string(elapsed_us) + "us");
        },
        {0, true});
}

}  // namespace

DASH_PLUGIN("org.dashcpp.hooks.access-log", "access-log", "1.0.0", "", setup)
