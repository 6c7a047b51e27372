// The report page: a path template whose variable reaches the layout and the title
// (Python: dash.register_page(__name__, path_template="/report/<quarter>", title=lambda quarter=None: ...)).
#include <dash/components/html.hpp>
#include <dash/dash.hpp>
#include <dash/pages.hpp>

using namespace dash;

namespace {

void setup(App& app) {
    Page page;
    page.module = "pages.report";
    page.path_template = "/report/<quarter>";
    page.name = "Report";
    page.order = 2;
    page.title_fn = [](const Value& variables) { return "Report " + variables["quarter"].as_string(); };
    page.description_fn = [](const Value& variables) {
        return "Sales figures for " + variables["quarter"].as_string();
    };
    page.layout = [](const Value& arguments) {
        const Value quarter = arguments["quarter"];  // null when called for the validation layout
        return html::Div({
            html::H2("Report " + (quarter.is_string() ? quarter.as_string() : "(no quarter)")).id("page-heading"),
            html::P("The quarter comes from the path: /report/<quarter>."),
        });
    };
    register_page(app, page);
}

}  // namespace

DASH_PLUGIN("org.dashcpp.examples.pages.report", "report", "1.0.0", "org.dashcpp.pages", setup)
