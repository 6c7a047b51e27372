// The page for paths no page has: a module whose last segment is not_found_404 (Python's
// pages/not_found_404.py).
#include <dash/components/dcc.hpp>
#include <dash/components/html.hpp>
#include <dash/dash.hpp>
#include <dash/pages.hpp>

using namespace dash;

namespace {

void setup(App& app) {
    Page page;
    page.module = "pages.not_found_404";
    page.title = "Not found";
    page.layout = [&app](const Value&) {
        return html::Div({
            html::H2("This page does not exist").id("page-heading"),
            dcc::Link("Back home").href(app.get_relative_path("/")).id("not-found-home"),
        });
    };
    register_page(app, page);
}

}  // namespace

DASH_PLUGIN("org.dashcpp.examples.pages.not_found_404", "not_found_404", "1.0.0", "org.dashcpp.pages", setup)
