// Port of tests/conformance/derived/semantics.py: the callback semantics of issue 11 (null results,
// ctx.triggered on the initial call, no-output ids, duplicate outputs, nested groupings), for the
// cases in tests/conformance/derived/semantics/ written from the protocol's rules.
#include <dash/components/dcc.hpp>
#include <dash/components/html.hpp>
#include <dash/dash.hpp>

#include "../python_text.hpp"

using namespace dash;

namespace {

// json.dumps with Python's default separators (", " and ": ").
std::string python_dumps(const Json::Value& value) {
    if (value.isArray()) {
        std::string text = "[";
        for (Json::ArrayIndex i = 0; i < value.size(); ++i) text += (i ? ", " : "") + python_dumps(value[i]);
        return text + "]";
    }
    if (value.isObject()) {
        std::string text = "{";
        bool first = true;
        for (const auto& key : value.getMemberNames()) {
            text += (first ? "" : ", ") + json::to_string(Json::Value(key)) + ": " + python_dumps(value[key]);
            first = false;
        }
        return text + "}";
    }
    return json::to_string(value);
}

void setup(App& app) {
    app.layout(html::Div({
        dcc::Input().id("in"),  html::Div().id("out"),  dcc::Input().id("in2"),   html::Div().id("a"),
        html::Div().id("b"),    dcc::Input().id("in3"), html::Div().id("c"),      html::Div().id("d"),
        html::Button().id("t"), html::Div().id("trig"), html::Button().id("log"), dcc::Store().id("s"),
        html::Div().id("note"), dcc::Input().id("x"),   dcc::Input().id("y"),     html::Div().id("dup"),
        dcc::Input().id("ga"),  dcc::Input().id("gk"),  dcc::Input().id("gt"),    html::Div().id("total"),
        html::Div().id("lo"),   html::Div().id("hi"),
    }));

    app.callback(Output("out", "children"), Input("in", "value"), [](const Json::Value&) { return Value(); });
    app.callback(Output("a", "children"), Output("b", "children"), Input("in2", "value"), [](const Json::Value&) {
        return Value{Value(), "b"};
    });
    app.callback(Output("c", "children"), Output("d", "children"), Input("in3", "value"),
                 [](const Json::Value&) { return Value(); });
    app.callback(Output("trig", "children"), Input("t", "n_clicks"), [](const Json::Value&) {
        Json::Value triggered(Json::arrayValue);
        for (const auto& entry : ctx().triggered()) {
            Json::Value item(Json::objectValue);
            item["prop_id"] = entry.prop_id;
            item["value"] = entry.value;
            triggered.append(item);
        }
        return python_dumps(triggered) + " " + (ctx().triggered() ? "True" : "False") + " " +
               python_dumps(ctx().triggered_id());
    });
    app.callback(Input("log", "n_clicks"), State("s", "data"), [](const Json::Value&, const Json::Value&) {
        ctx().set_props("note", Object{{"children", "logged"}});
    });
    app.callback(Output("dup", "children"), Input("x", "value"), [](const Json::Value&) { return "first"; });
    app.callback(Output("dup", "children"), Input("y", "value"), [](const Json::Value&) { return "second"; });
    app.callback(
        OutputGroup{
            {"total", Output("total", "children")},
            {"pair", OutputGroup::list({Output("lo", "children"), OutputGroup{{"deep", Output("hi", "children")}}})}},
        InputGroup{
            {"a", Input("ga", "value")},
            {"opts", InputGroup{{"scale", State("gk", "value")}, {"tags", InputGroup::list({Input("gt", "value")})}}}},
        [](const Json::Value& args) -> Value {
            return Object{{"total", conformance::python_product(args["a"], args["opts"]["scale"])},
                          {"pair", Value{args["opts"]["tags"][0], Object{{"deep", no_update_json()}}}}};
        });
}

}  // namespace

DASH_PLUGIN("org.dashcpp.conformance.semantics", "ref-semantics", "1.0.0",
            "org.dashcpp.components.html org.dashcpp.components.dcc", setup)
