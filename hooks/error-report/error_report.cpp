// error-report: logs every failed server callback with its id, inputs and message.
#include <dash/dash.hpp>

namespace {

void setup(dash::Plugin& plugin) {
    dash::Hooks(plugin).callback_error([&plugin](const Json::Value& info) {
        plugin.log(DASH_LOG_ERROR, "callback " + info["output"].asString() + " failed: " + info["message"].asString() +
                                       "; inputs " + dash::json::to_string(info["inputs"]) + ", state " +
                                       dash::json::to_string(info["state"]));
    });
}

}  // namespace

DASH_PLUGIN("org.dashcpp.hooks.error-report", "error-report", "1.0.0", "", setup)
