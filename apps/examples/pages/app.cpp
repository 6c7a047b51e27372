// The pages example's app: a navigation bar built from the page registry, a units switch that every
// page receives (routing_callback_inputs), and the page container where the pages plugin puts the
// page for the location. The pages themselves are plugins in the pages folder (pages/*.cpp).
#include <dash/components/dcc.hpp>
#include <dash/components/html.hpp>
#include <dash/dash.hpp>
#include <dash/pages.hpp>

using namespace dash;

namespace {

void setup(App& app) {
    // Python's Dash(routing_callback_inputs={"units": Input("units", "value")}): each page's layout
    // gets the switch's value as arguments["units"], and is drawn again when it changes.
    routing_callback_inputs(app, {{"units", Input("units", "value")}});

    // A layout function: the page plugins of the folder register after this app's setup, so the
    // registry is read when the page is served.
    app.layout([&app] {
        List links;
        // A link per page, in the registry's order; a page with path variables (/report/<quarter>)
        // and the 404 page are reached otherwise.
        for (const Json::Value& page : page_registry(app))
            if (page["path_template"].isNull() && page["module"].asString() != "pages.not_found_404")
                links.append(dcc::Link(page["name"].asString())
                                 .href(page["relative_path"].asString())
                                 .id("nav-" + page["module"].asString().substr(6))
                                 .style(Object{{"marginRight", "1em"}}));
        return html::Div({
            html::H1("dashcpp pages"),
            html::Nav(links),
            dcc::RadioItems().id("units").options({"metric", "imperial"}).value("metric").inline_(true),
            html::Hr(),
            page_container(),
        });
    });
}

}  // namespace

DASH_PLUGIN("org.dashcpp.examples.pages", "pages-example", "1.0.0", "org.dashcpp.pages", setup)
