// A page plugin for a pages folder (tests/integration/pages_test.cpp), built four times: folder-page.so
// (a page at /folder-page); archive/nested-page.so with NESTED (a subfolder: /archive/nested); and
// with DRAFT (a second page at "/", which would stop the host) as _draft-page.so and as
// _drafts/draft-in-folder.so: the folder loader must skip files and subfolders starting with "_".
#include <dash/dash.hpp>
#include <dash/pages.hpp>

namespace {

void setup(dash::App& app) {
    dash::Page page;
#if defined(DRAFT)
    page.module = "pages.draft";
    page.path = "/";
#elif defined(NESTED)
    page.module = "pages.archive.nested";
#else
    page.module = "pages.folder_page";
#endif
    page.layout = [](const dash::Value&) {
        return dash::Value(dash::Component("dash_html_components", "H1", {{"children", "From the folder"}}));
    };
    dash::register_page(app, page);
}

}  // namespace

#if defined(DRAFT)
DASH_PLUGIN("org.dashcpp.tests.draft_page", "draft-page", "1.0.0", "org.dashcpp.pages", setup)
#elif defined(NESTED)
DASH_PLUGIN("org.dashcpp.tests.nested_page", "nested-page", "1.0.0", "org.dashcpp.pages", setup)
#else
DASH_PLUGIN("org.dashcpp.tests.folder_page", "folder-page", "1.0.0", "org.dashcpp.pages", setup)
#endif
