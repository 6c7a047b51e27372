// Port of tests/conformance/recorded/multi.py: multi-output with State, PreventUpdate, no_update.
#include <dash/components/dcc.hpp>
#include <dash/components/html.hpp>
#include <dash/dash.hpp>

#include "../python_text.hpp"

using namespace dash;

namespace {

void setup(App& app) {
    app.layout(html::Div({
        dcc::Input().id("name").value("Ada").type("text"),
        html::Button("Submit").id("btn").n_clicks(0),
        html::Div("(none yet)").id("greeting"),
        html::Div("clicks: 0").id("count"),
        html::Div("length: ?").id("length"),
        dcc::Input().id("num").value(3).type("number"),
        html::Div().id("square"),
    }));

    using Text = Update<std::string>;
    app.callback(Output("greeting", "children"), Output("count", "children"), Output("length", "children"),
                 Input("btn", "n_clicks"), State("name", "value"),
                 [](std::optional<long> n_clicks, std::optional<std::string> name) -> std::tuple<Text, Text, Text> {
                     // Initial call (n_clicks == 0): nothing to do.
                     if (!n_clicks || *n_clicks == 0) throw PreventUpdate();
                     if (!name || name->empty()) return {"please type a name", no_update, no_update};
                     return {"Hello, " + *name + "!", "clicks: " + std::to_string(*n_clicks),
                             "length: " + std::to_string(conformance::python_len(*name))};
                 });

    app.callback(std::vector<Output>{Output("square", "children"), Output("square", "title")},
                 std::vector<Input>{Input("num", "value")}, [](const Json::Value& value) -> std::tuple<Text, Text> {
                     if (value.isNull()) throw PreventUpdate();
                     return {conformance::python_str(value) + "^2 = " +
                                 conformance::python_str(conformance::python_square(value)),
                             no_update};
                 });
}

}  // namespace

DASH_PLUGIN("org.dashcpp.conformance.multi", "ref-multi", "1.0.0",
            "org.dashcpp.components.html org.dashcpp.components.dcc", setup)
