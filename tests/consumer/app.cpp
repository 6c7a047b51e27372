// An app made of Bootstrap components: clicking the button updates the alert.
#include <dash/components/dbc.hpp>
#include <dash/components/html.hpp>
#include <dash/dash.hpp>

using namespace dash;

namespace {

void setup(App& app) {
    app.layout(html::Div({
        dbc::Button("Click me").id("button").color("primary").n_clicks(0),
        dbc::Alert("Not clicked yet").id("alert").color("info"),
    }));
    app.callback(Output("alert", "children"), Input("button", "n_clicks"),
                 [](std::optional<long> clicks) -> std::string {
                     if (!clicks || *clicks == 0) throw PreventUpdate();
                     return "Clicked " + std::to_string(*clicks) + (*clicks == 1 ? " time" : " times");
                 });
}

}  // namespace

DASH_PLUGIN("com.example.dbc-app", "dbc app", "1.0.0",
            "com.example.dash-bootstrap-components org.dashcpp.components.html", setup)
