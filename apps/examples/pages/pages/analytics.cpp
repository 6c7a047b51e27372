// The analytics page, at /analytics (inferred from the module name): a dcc.Graph driven by a
// callback of this page, drawn in the units the app's switch passes to every page.
#include <dash/components/dcc.hpp>
#include <dash/components/html.hpp>
#include <dash/dash.hpp>
#include <dash/pages.hpp>

#include <cmath>

using namespace dash;

namespace {

Value figure(int points, bool imperial) {
    Json::Value x(Json::arrayValue), y(Json::arrayValue);
    for (int i = 0; i < points; ++i) {
        const double celsius = 12 + 8 * std::sin(i / 4.0);
        x.append(i);
        y.append(imperial ? celsius * 9 / 5 + 32 : celsius);
    }
    return Object{{"data", List{Object{{"type", "scatter"}, {"x", Value(x)}, {"y", Value(y)}}}},
                  {"layout", Object{{"title", Object{{"text", "Temperature"}}},
                                    {"yaxis", Object{{"title", Object{{"text", imperial ? "°F" : "°C"}}}}}}}};
}

void setup(App& app) {
    Page page;
    page.module = "pages.analytics";
    page.order = 1;
    page.title = "Analytics";
    page.description = "Temperatures over time";
    page.redirect_from = {"/charts"};  // old links answer 301 to /analytics
    page.layout = [](const Value& arguments) {
        const std::string units = arguments["units"].is_string() ? arguments["units"].as_string() : "metric";
        return html::Div({
            html::H2("Analytics").id("page-heading"),
            html::Div("units: " + units).id("analytics-units"),
            dcc::Slider().id("analytics-points").min(10).max(100).step(10).value(40),
            dcc::Store().id("analytics-units-store").data(units),
            dcc::Graph().id("analytics-graph"),
            html::Div().id("analytics-summary"),
        });
    };
    register_page(app, page);

    // A callback of this page: its components exist only while the page is shown.
    app.callback(Output("analytics-graph", "figure"), Output("analytics-summary", "children"),
                 Input("analytics-points", "value"), State("analytics-units-store", "data"),
                 [](int points, const std::string& units) {
                     return std::make_tuple(figure(points, units == "imperial"),
                                            std::to_string(points) + " points in " + units + " units");
                 });
}

}  // namespace

DASH_PLUGIN("org.dashcpp.examples.pages.analytics", "analytics", "1.0.0", "org.dashcpp.pages", setup)
