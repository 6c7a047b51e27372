// The search page, at /search: the query string's parameters are the layout's arguments
// (/search?q=rain&tag=a&tag=b gives q = "rain" and tag = ["a", "b"]).
#include <dash/components/html.hpp>
#include <dash/dash.hpp>
#include <dash/pages.hpp>

using namespace dash;

namespace {

void setup(App& app) {
    Page page;
    page.module = "pages.search";
    page.order = 3;
    page.layout = [](const Value& arguments) {
        return html::Div({
            html::H2("Search").id("page-heading"),
            html::P("q: " + arguments["q"].str()).id("search-q"),
            html::P("tag: " + arguments["tag"].str()).id("search-tag"),
        });
    };
    register_page(app, page);
}

}  // namespace

DASH_PLUGIN("org.dashcpp.examples.pages.search", "search", "1.0.0", "org.dashcpp.pages", setup)
