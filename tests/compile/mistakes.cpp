// Mistakes an app author makes, each compiled alone (-DMISTAKE_<NAME>) and expected to fail with
// one sentence from the SDK (tests/compile/CMakeLists.txt checks the text); without a MISTAKE_
// define, the corrected forms, which must compile.
#include <dash/dash.hpp>

using namespace dash;

void setup(App& app) {
#if defined(MISTAKE_GENERIC_LAMBDA)
    app.callback(Output("out", "children"), Input("in", "value"), [](auto value) { return value; });
#elif defined(MISTAKE_ARITY)
    app.callback(Output("out", "children"), Input("in", "value"), State("store", "data"),
                 [](const Value& value) { return value.str(); });
#elif defined(MISTAKE_NO_UPDATE_AS_PLAIN_TYPE)
    app.callback(Output("out", "children"), Input("in", "value"), [](const Value& value) -> std::string {
        if (value) return value.str();
        return no_update;
    });
#else
    app.callback(Output("out", "children"), Input("in", "value"), [](const Value& value) { return value.str(); });
    app.callback(Output("out2", "children"), Input("in", "value"), State("store", "data"),
                 [](const Value& value, const Value& data) { return value.str() + data.str(); });
    app.callback(Output("out3", "children"), Input("in", "value"), [](const Value& value) -> Update<std::string> {
        if (value) return value.str();
        return no_update;
    });
    app.callback(Output("out4", "children"), Input("in", "value"), [](const Value& value) -> Value {
        if (value) return value.str();
        return no_update;
    });
    // Python's list form of outputs.
    app.callback({Output("a", "children"), Output("b", "children")}, Input("in", "value"),
                 [](const Value& value) { return std::make_tuple(value.str(), no_update); });
#endif
}

DASH_PLUGIN("com.example.mistakes", "mistakes", "1.0.0", "", setup)
