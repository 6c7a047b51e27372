// An app with pages, for tests/integration/pages_test.cpp: the page container in its layout, a home
// page, a page with a path template that echoes its arguments, one whose path comes from its module,
// a page with title and description functions, and (config "not_found": true) a custom 404; config
// "duplicate": true registers two pages on one path, and "no_page_layout": true a page without a
// layout, which must both refuse to start.
#include <dash/dash.hpp>
#include <dash/pages.hpp>

#include <stdexcept>

namespace {

using namespace dash;

Value heading(const std::string& text) { return Component("dash_html_components", "H1", {{"children", text}}); }

void setup(App& app) {
    const Json::Value& config = app.config();
    // A navigation bar of dcc.Links beside the page container, as Dash apps have; config
    // "no_layout": none at all (the pages plugin's page_container becomes the layout), "no_container":
    // no page container in it (which must stop the host unless callbacks are suppressed).
    auto link = [](const std::string& id, const std::string& href) {
        return Value(Component("dash_core_components", "Link", {{"id", id}, {"href", href}, {"children", id}}));
    };
    if (config["layout_throws"].asBool())  // a layout function that fails when the pages plugin asks
        app.layout([]() -> Value { throw std::runtime_error("no database at start"); });
    else if (!config["no_layout"].asBool())
        app.layout(Component(
            "dash_html_components", "Div",
            {{"children",
              List{Component(
                       "dash_html_components", "Div",
                       {{"children", List{link("to-home", "/"), link("to-report", "/reports/q1?sort=desc"),
                                          link("to-analytics", "/weekly-analytics"), link("to-missing", "/nowhere")}}}),
                   Component("dash_core_components", "Input", {{"id", "lang"}, {"value", "en"}}),
                   config["no_container"].asBool() ? Value() : page_container(),
                   Component("dash_html_components", "Div", {{"id", "late"}, {"children", Value()}})}}}));
    // Python's routing_callback_inputs: the language reaches every layout as "lang".
    if (config["routing_inputs"].asBool()) routing_callback_inputs(app, {{"lang", State("lang", "value")}});
    // Python's PageError: no registration once the app runs (here from a callback).
    app.callback(Output("late", "children"), Input("late", "n_clicks"), [&app](const Value&) {
        Page late;
        late.module = "pages.late";
        late.layout = [](const Value&) { return Value(); };
        try {
            register_page(app, late);
        } catch (const PageError& error) {
            return std::string("PageError: ") + error.what();
        }
        return std::string("registered");
    });

    Page home;
    home.module = "pages.home";
    home.path = "/";
    home.layout = [](const Value&) { return heading("Home"); };
    register_page(app, home);

    Page report;
    report.module = "pages.report";
    report.path_template = "/reports/<quarter>";
    report.title = "Quarterly report";
    report.description = "Sales <by> quarter & \"region\"";
    report.layout = [](const Value& arguments) { return heading("arguments " + arguments.repr()); };
    register_page(app, report);

    // Title and description functions of the path variables.
    Page product;
    product.module = "pages.product";
    product.path_template = "/product/<sku>";
    product.title_fn = [](const Value& variables) { return "Product " + variables["sku"].str(); };
    product.description_fn = [](const Value& variables) { return "All about " + variables["sku"].str(); };
    product.layout = [](const Value& arguments) { return heading("product " + arguments.repr()); };
    register_page(app, product);

    Page analytics;
    analytics.module = "pages.weekly_analytics";
    analytics.order = 3;
    analytics.image = "analytics.png";
    analytics.redirect_from = {"/old-analytics", "/v1/analytics"};
    analytics.layout = [](const Value&) { return heading("Analytics"); };
    register_page(app, analytics);

    if (config["not_found"].asBool()) {
        Page missing;
        missing.module = "pages.not_found_404";
        missing.layout = [](const Value& arguments) { return heading("Nothing here " + arguments.repr()); };
        register_page(app, missing);
    }
    if (config["no_page_layout"].asBool()) {  // NoLayoutException stops the host
        Page broken;
        broken.module = "pages.broken";
        register_page(app, broken);
    }
    if (config["duplicate"].asBool()) {
        Page again;
        again.module = "pages.home_again";
        again.path = "/";
        again.layout = [](const Value&) { return heading("Again"); };
        register_page(app, again);
    }
}

}  // namespace

DASH_PLUGIN("org.dashcpp.tests.pages_app", "pages-app", "1.0.0", "org.dashcpp.pages", setup)
