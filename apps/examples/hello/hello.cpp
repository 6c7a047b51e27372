// The hello example app: an input echoed into a div, and a dropdown that redraws a graph.
#include <dash/components/dcc.hpp>
#include <dash/components/html.hpp>
#include <dash/dash.hpp>

#include <cmath>

using namespace dash;

namespace {

Json::Value figure(const std::string& function) {
    Json::Value x(Json::arrayValue), y(Json::arrayValue);
    for (int i = 0; i <= 40; ++i) {
        const double t = i / 4.0;
        x.append(t);
        y.append(function == "cos" ? std::cos(t) : function == "square" ? t * t / 100.0 : std::sin(t));
    }
    Json::Value trace(Json::objectValue);
    trace["type"] = "scatter";
    trace["mode"] = "lines";
    trace["name"] = function;
    trace["x"] = x;
    trace["y"] = y;
    Json::Value fig(Json::objectValue);
    fig["data"].append(trace);
    fig["layout"]["title"]["text"] = function;
    return fig;
}

void setup(App& app) {
    app.layout(html::Div({
        html::H1("Hello from dashcpp").id("title"),
        dcc::Input().id("in").value("hello").type("text"),
        html::Div().id("out"),
        dcc::Dropdown().id("dd").options({"sin", "cos", "square"}).value("sin").clearable(false),
        dcc::Graph().id("graph"),
    }));

    app.callback(Output("out", "children"), Input("in", "value"),
                 [](const std::optional<std::string>& value) { return "echo: " + value.value_or(""); });

    app.callback(Output("graph", "figure"), Input("dd", "value"), [](const std::optional<std::string>& function) {
        if (!function) throw PreventUpdate();
        return figure(*function);
    });
}

}  // namespace

// The html and dcc plugins are dependencies because CMakeLists.txt links DashCpp::html and DashCpp::dcc.
DASH_PLUGIN("org.dashcpp.examples.hello", "hello", "1.0.0", "", setup)
