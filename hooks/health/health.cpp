// health: GET <prefix><path> (config "path", default "health") answers JSON with the loaded
// plugins and their versions, for load balancers and operators.
#include <dash/dash.hpp>

#include <memory>

namespace {

void setup(dash::Plugin& plugin) {
    auto body = std::make_shared<std::string>();
    // The list is complete only once every plugin is initialised: take it in a setup hook.
    dash::Hooks(plugin).setup([&plugin, body] {
        Json::Value health(Json::objectValue);
        health["status"] = "ok";
        health["plugins"] = plugin.host_info()["plugins"];
        *body = dash::json::to_string(health);
    });
    plugin.route("GET", plugin.config().get("path", "health").asString(),
                 [&plugin, body](const dash_request*, dash_response* response) {
                     const std::string type = "Content-Type", json = "application/json";
                     plugin.host()->response_set_header(response, {type.data(), type.size()}, {json.data(), json.size()});
                     plugin.host()->response_write(response, {body->data(), body->size()});
                 });
}

}  // namespace

DASH_PLUGIN("org.dashcpp.hooks.health", "health", "1.0.0", "", setup)
