// Port of tests/conformance/recorded/hello.py: a dcc.Input echoed into an html.Div.
#include <dash/components/dcc.hpp>
#include <dash/components/html.hpp>
#include <dash/dash.hpp>

#include "../python_text.hpp"

using namespace dash;

namespace {

void setup(App& app) {
    app.layout(html::Div({
        html::H1("hello").id("title"),
        dcc::Input().id("in").value("hello").type("text"),
        html::Div().id("out"),
    }));
    app.callback(Output("out", "children"), Input("in", "value"), [](const Json::Value& value) {
        return "echo: " + (value.isNull() ? std::string() : conformance::python_str(value));
    });
}

}  // namespace

DASH_PLUGIN("org.dashcpp.conformance.hello", "ref-hello", "1.0.0",
            "org.dashcpp.components.html org.dashcpp.components.dcc", setup)
