// The home page, at "/" (Python: dash.register_page(__name__, path="/")).
#include <dash/components/dcc.hpp>
#include <dash/components/html.hpp>
#include <dash/dash.hpp>
#include <dash/pages.hpp>

using namespace dash;

namespace {

void setup(App& app) {
    Page page;
    page.module = "pages.home";
    page.path = "/";
    page.name = "Home";
    page.order = 0;
    page.description = "A multi-page Dash app in C++, each page a plugin";
    page.layout = [&app](const Value&) {
        return html::Div({
            html::H2("Home").id("page-heading"),
            html::P("Each page of this app is a plugin in the pages folder. Try the quarterly report "
                    "(a path variable), the search page (a query string) or a path that does not exist."),
            dcc::Link("Report for 2026-Q3").href(app.get_relative_path("/report/2026-Q3")).id("home-to-report"),
        });
    };
    register_page(app, page);
}

}  // namespace

DASH_PLUGIN("org.dashcpp.examples.pages.home", "home", "1.0.0", "org.dashcpp.pages", setup)
