// A page plugin for a pages folder (tests/integration/pages_test.cpp): built twice, as folder-page.so
// (a page at /folder-page) and as _draft-page.so with DRAFT defined (a second page at "/", which
// would stop the host: the folder loader must skip names starting with "_").
#include <dash/dash.hpp>
#include <dash/pages.hpp>

namespace {

void setup(dash::App& app) {
    dash::Page page;
#ifdef DRAFT
    page.module = "pages.draft";
    page.path = "/";
#else
    page.module = "pages.folder_page";
#endif
    page.layout = [](const dash::Value&) {
        return dash::Value(dash::Component("dash_html_components", "H1", {{"children", "From the folder"}}));
    };
    dash::register_page(app, page);
}

}  // namespace

#ifdef DRAFT
DASH_PLUGIN("org.dashcpp.tests.draft_page", "draft-page", "1.0.0", "org.dashcpp.pages", setup)
#else
DASH_PLUGIN("org.dashcpp.tests.folder_page", "folder-page", "1.0.0", "org.dashcpp.pages", setup)
#endif
