// basic-auth: HTTP Basic authentication for the whole app. Config: {"users": {"name": "password"},
// "realm": "dashcpp"}. Requests without valid credentials get 401 with WWW-Authenticate.
#include "credentials.hpp"

#include <dash/dash.hpp>

namespace {

void setup(dash::Plugin& plugin) {
    const Json::Value& config = plugin.config();
    if (!config["users"].isObject()) throw dash::InvalidConfig("basic-auth needs \"users\": {\"name\": \"password\"}");
    std::map<std::string, std::string> users;
    for (const auto& name : config["users"].getMemberNames()) {
        if (!config["users"][name].isString()) throw dash::InvalidConfig("basic-auth: the password of '" + name + "' must be a string");
        users[name] = config["users"][name].asString();
    }
    if (users.empty()) throw dash::InvalidConfig("basic-auth needs at least one entry in \"users\"");
    const std::string realm = config.get("realm", "dashcpp").asString();
    dash::Hooks(plugin).request_filter(
        [users, realm](const dash::Request& request, dash::Response& response) {
            if (dashcpp::basic_auth::admitted(request.header("Authorization"), users)) return false;
            response.set_status(401);
            response.set_header("WWW-Authenticate", "Basic realm=\"" + realm + "\", charset=\"UTF-8\"");
            response.set_header("Content-Type", "text/plain; charset=utf-8");
            response.replace_body("401 Unauthorized: valid credentials are required");
            return true;
        },
        {1000, false});
}

}  // namespace

DASH_PLUGIN("org.dashcpp.hooks.basic-auth", "basic-auth", "1.0.0", "", setup)
