// Test plugin: response filters of several priorities and a final one each append their name to
// X-Order; with config {"second_final": true} it registers a second final hook, which must fail.
#include <dash/dash.hpp>

namespace {

void mark(dash::Hooks& hooks, const std::string& name, dash::HookOptions options) {
    hooks.response_filter(
        [name](const dash::HookRequest&, dash::HookResponse& response, uint64_t) {
            const std::string order = response.header("X-Order").value_or("");
            response.set_header("X-Order", order.empty() ? name : order + "," + name);
        },
        options);
}

void setup(dash::Plugin& plugin) {
    dash::Hooks hooks(plugin);
    mark(hooks, "p1", {1, false});
    mark(hooks, "final", {0, true});
    mark(hooks, "p10", {10, false});
    mark(hooks, "p5", {5, false});
    if (plugin.config()["second_final"].asBool()) mark(hooks, "final2", {0, true});
    hooks.custom_data("tenant", [](const dash::HookRequest& request) {
        return dash::Value(request.header("X-Tenant").value_or("none"));
    });
    hooks.dev_tool(dash::Component("dash_html_components", "Div", {{"children", "custom tool"}}), "left");
}

}  // namespace

DASH_PLUGIN("org.dashcpp.tests.hook-order", "hook order", "1.0.0", "", setup)
