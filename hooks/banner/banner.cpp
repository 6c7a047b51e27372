// banner: a layout hook that wraps the app in an environment banner ("STAGING"). Config: {"text",
// "background" (CSS colour, default "#b00020"), "color" (default "white")}.
#include <dash/dash.hpp>

namespace {

void setup(dash::Plugin& plugin) {
    const Json::Value& config = plugin.config();
    if (!config["text"].isString()) throw dash::InvalidConfig("banner needs a \"text\"");
    dash::Object style{{"background", config.get("background", "#b00020").asString()},
                       {"color", config.get("color", "white").asString()},
                       {"padding", "4px 12px"},
                       {"fontWeight", "bold"}};
    const Json::Value banner =
        dash::Component("dash_html_components", "Div",
                        {{"id", "_dashcpp-banner"}, {"children", config["text"].asString()}, {"style", style}})
            .to_json();
    dash::Hooks(plugin).layout([banner](const dash::Request&, const std::string& layout) {
        Json::Value wrapper = dash::Component("dash_html_components", "Div").to_json();
        wrapper["props"]["children"].append(banner);
        wrapper["props"]["children"].append(dash::json::parse(layout));
        return dash::json::to_string(wrapper);
    });
}

}  // namespace

DASH_PLUGIN("org.dashcpp.hooks.banner", "banner", "1.0.0", "", setup)
