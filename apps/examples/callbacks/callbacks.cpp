// The callbacks example: a todo list built with pattern matching (MATCH per item, an ALL summary,
// an ALLSMALLER running count) whose items are appended with a Patch, set_props, clientside
// callbacks (inline and from an asset), a no-output callback, a null result clearing an output,
// `running`, errors and on_error.
#include <dash/components/dcc.hpp>
#include <dash/components/html.hpp>
#include <dash/dash.hpp>

#include <chrono>
#include <thread>

using namespace dash;

namespace {

Object item_id(const char* type, Value index) { return Object{{"type", type}, {"index", std::move(index)}}; }

size_t count_done(const Json::Value& values) {
    size_t done = 0;
    for (const auto& value : values) done += value.isArray() && !value.empty();
    return done;
}

Component todo_item(long index, const std::string& text) {
    return html::Li({
                        dcc::Checklist().id(item_id("done", index)).options({"done"}).value(List{}),
                        html::Span(text).id(item_id("label", index)),
                        html::Span(" — open").id(item_id("status", index)),
                        html::Span().id(item_id("so-far", index)),
                    })
        .id(item_id("item", index));
}

void todo_list(App& app) {
    app.callback(Output("list", "children"), Input("add", "n_clicks"), State("new-item", "value"),
                 CallbackOptions().prevent_initial(), [](long clicks, const std::optional<std::string>& text) {
                     if (!text || text->empty()) throw PreventUpdate();
                     ctx().set_props("new-item", Object{{"value", ""}});
                     Patch patch;
                     patch.append(todo_item(clicks, *text));
                     return patch;
                 });
    app.callback(Output(item_id("status", MATCH), "children"), Input(item_id("done", MATCH), "value"),
                 [](const Json::Value& value) {
                     return std::string(value.isArray() && !value.empty() ? " — done" : " — open");
                 });
    app.callback(Output("summary", "children"), Input(item_id("done", ALL), "value"), [](const Json::Value& all) {
        return std::to_string(all.size()) + " items, " + std::to_string(count_done(all)) + " done";
    });
    app.callback(Output(item_id("so-far", MATCH), "children"), Input(item_id("done", MATCH), "value"),
                 Input(item_id("done", ALLSMALLER), "value"), [](const Json::Value& mine, const Json::Value& before) {
                     const size_t done = count_done(before) + (mine.isArray() && !mine.empty());
                     return " (" + std::to_string(done) + " done so far)";
                 });
}

void other_features(App& app) {
    // Clientside: inline JavaScript, and a function an asset file defines.
    app.clientside_callback("function(value) { return value == null ? '' : 'doubled: ' + value * 2; }",
                            Output("cs-out", "children"), Input("cs-in", "value"));
    app.clientside_callback(ClientsideFunction{"ui", "shout"}, Output("asset-out", "children"),
                            Input("asset-in", "value"));
    // No outputs: only side effects through set_props.
    app.callback(Input("log", "n_clicks"), CallbackOptions().prevent_initial(), [](long clicks) {
        ctx().set_props("log-out", Object{{"children", "logged " + std::to_string(clicks)}});
    });
    // Returning null clears the output (Python: return None).
    app.callback(Output("log-out", "children"), Input("clear-log", "n_clicks"), CallbackOptions().prevent_initial(),
                 [](long) -> std::optional<std::string> { return std::nullopt; });
    // running: the button is disabled while the slow callback runs.
    app.callback(Output("slow-out", "children"), Input("slow", "n_clicks"),
                 CallbackOptions().prevent_initial().running_while(Output("slow", "disabled"), true, false),
                 [](long clicks) {
                     std::this_thread::sleep_for(std::chrono::milliseconds(1500));
                     return "slow done " + std::to_string(clicks);
                 });
    app.callback(Output("fail-out", "children"), Input("fail", "n_clicks"), CallbackOptions().prevent_initial(),
                 [](long) -> std::string { throw std::runtime_error("boom from C++"); });
    app.callback(Output("handled-out", "children"), Input("fail-handled", "n_clicks"),
                 CallbackOptions().prevent_initial().handle_errors(
                     [](const std::exception& error) { return Value(std::string("recovered: ") + error.what()); }),
                 [](long) -> std::string { throw std::invalid_argument("bad input"); });
}

// Python's dynamic values: a dash::Value argument read with str() and len(), two outputs in the
// list form, no_update on one of them while the input is empty; and a nested keyword grouping.
void values(App& app) {
    app.callback({Output("any-str", "children"), Output("any-len", "children")}, Input("any-in", "value"),
                 [](const Value& text) -> std::tuple<Value, Value> {
                     if (!text) return {Value("(empty)"), no_update};  // the length stays as it was
                     return {Value("str: " + text.str()), Value("len: " + std::to_string(text.len()))};
                 });
    app.callback(OutputGroup{{"sum", Output("group-sum", "children")},
                             {"words", OutputGroup::list({Output("group-words", "children")})}},
                 InputGroup{{"text", Input("any-in", "value")}}, [](const Json::Value& args) -> Value {
                     const Value text(args["text"]);
                     const std::string words = text ? text.str() : "";
                     return Object{{"sum", "chars: " + std::to_string(text ? text.len() : 0)},
                                   {"words", List{"words: " + words}}};
                 });
}

void setup(App& app) {
    app.layout(html::Div({
        html::H2("Todo"),
        dcc::Input().id("new-item").value("").type("text"),
        html::Button("Add").id("add").n_clicks(0),
        html::Ul({}).id("list"),
        html::Div("0 items, 0 done").id("summary"),
        html::H2("More"),
        dcc::Input().id("cs-in").type("number"),
        html::Div().id("cs-out"),
        dcc::Input().id("asset-in").type("text"),
        html::Div().id("asset-out"),
        html::Button("Log").id("log").n_clicks(0),
        html::Div().id("log-out"),
        html::Button("Clear log").id("clear-log").n_clicks(0),
        html::Button("Slow").id("slow").n_clicks(0),
        html::Div().id("slow-out"),
        html::Button("Fail").id("fail").n_clicks(0),
        html::Div().id("fail-out"),
        html::Button("Fail, handled").id("fail-handled").n_clicks(0),
        html::Div().id("handled-out"),
        html::H2("Values"),
        dcc::Input().id("any-in").value("héllo").type("text"),
        html::Div().id("any-str"),
        html::Div().id("any-len"),
        html::Div().id("group-sum"),
        html::Div().id("group-words"),
    }));
    todo_list(app);
    other_features(app);
    values(app);
}

}  // namespace

DASH_PLUGIN("org.dashcpp.examples.callbacks", "callbacks", "1.0.0",
            "org.dashcpp.components.html org.dashcpp.components.dcc", setup)
