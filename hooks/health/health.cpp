// health: the app's health endpoint. Serves Dash's `app.health_endpoint` (the host refuses to start
// when that option is set and no plugin serves it) or the plugin's own "path". By default it
// answers "OK" (text/plain), as Python Dash does; with "detail": true, JSON naming the loaded
// plugins and their versions, for operators.
#include <dash/dash.hpp>

#include <memory>

namespace {

void setup(dash::Plugin& plugin) {
    const Json::Value& config = plugin.config();
    const Json::Value app_endpoint = plugin.host_info()["health_endpoint"];
    if (config.isMember("path") && !config["path"].isString()) throw dash::InvalidConfig("health: \"path\" must be a string");
    if (config.isMember("detail") && !config["detail"].isBool())
        throw dash::InvalidConfig("health: \"detail\" must be true or false");
    const std::string path = config.isMember("path")        ? config["path"].asString()
                             : app_endpoint.isString() ? app_endpoint.asString()
                                                       : std::string("health");
    const bool detail = config.get("detail", false).asBool();
    auto body = std::make_shared<std::string>("OK");
    if (detail) {
        // The plugin list is complete only once every plugin is initialised: take it in a setup hook.
        dash::Hooks(plugin).setup([&plugin, body] {
            Json::Value health(Json::objectValue);
            health["status"] = "ok";
            health["plugins"] = plugin.host_info()["plugins"];
            *body = dash::json::to_string(health);
        });
    }
    const std::string type = detail ? "application/json" : "text/plain; charset=utf-8";
    plugin.route("GET", path, [body, type](const dash::Request&, dash::Response& response) {
        response.set_header("Cache-Control", "no-store");
        response.send(type, *body);
    });
}

}  // namespace

DASH_PLUGIN("org.dashcpp.hooks.health", "health", "1.0.0", "", setup)
