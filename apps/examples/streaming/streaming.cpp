// The streaming example: callbacks over the WebSocket transport. A long callback reports its
// progress with dash::set_props while it runs (each step reaches the page at once), and asks the
// page for a value it does not take as an input with ctx().get_prop.
#include <dash/components/dcc.hpp>
#include <dash/components/html.hpp>
#include <dash/dash.hpp>

#include <chrono>
#include <thread>

using namespace dash;

namespace {

void setup(App& app) {
    app.layout(html::Div({
        html::H1("Streaming over a WebSocket").id("title"),
        dcc::Input().id("label").value("report").type("text"),
        html::Button("Run").id("run").n_clicks(0),
        html::Div("idle").id("progress"),
        html::Div().id("result"),
    }));

    // Python: @app.callback(..., websocket=True); set_props(...) inside streams the update.
    app.callback(Output("result", "children"), Input("run", "n_clicks"),
                 CallbackOptions().prevent_initial().over_websocket(), [](long clicks) -> std::string {
                     for (int step = 1; step <= 3; ++step) {
                         dash::set_props("progress", Object{{"children", "step " + std::to_string(step) + " of 3"}});
                         std::this_thread::sleep_for(std::chrono::milliseconds(400));
                     }
                     // The page's current label, without making it an input of this callback.
                     const Json::Value label = ctx().get_prop("label", "value");
                     dash::set_props("progress", Object{{"children", "done"}});
                     return label.asString() + " #" + std::to_string(clicks);
                 });
}

}  // namespace

DASH_PLUGIN("org.dashcpp.examples.streaming", "streaming", "1.0.0",
            "org.dashcpp.components.html org.dashcpp.components.dcc", setup)
