// bench-payloads: the app of the big-payload benchmark (bench/payloads.sh), written as an app
// author would with today's SDK. Two callbacks with real payloads, one small:
//   - "points" -> graph.figure: a scatter of N points (40,000: about 1.2 MB of JSON), x and y as
//     doubles with full precision, as numpy would give them;
//   - measure.n_clicks + State(store.data) -> store-size.children: the length of a list of records
//     posted in the request (the 1 MB dcc.Store case);
//   - in.value -> out.children: the small echo callback, as in apps/examples/hello.
#include <dash/components/dcc.hpp>
#include <dash/components/html.hpp>
#include <dash/dash.hpp>

#include <cmath>
#include <vector>

using namespace dash;

namespace {

Value scatter(long points) {
    std::vector<double> xs(static_cast<size_t>(points)), ys(static_cast<size_t>(points));
    for (long i = 0; i < points; ++i) {
        xs[static_cast<size_t>(i)] = i / 7.0;
        ys[static_cast<size_t>(i)] = std::sin(i / 100.0) * 1000.0 / 3.0;
    }
    return Object{{"data", {Object{{"type", "scatter"}, {"mode", "markers"}, {"x", xs}, {"y", ys}}}},
                  {"layout", Object{{"title", Object{{"text", "40,000 points"}}}}}};
}

void setup(App& app) {
    app.layout(html::Div({
        dcc::Input().id("points").type("number").value(40000),
        dcc::Graph().id("graph"),
        dcc::Store().id("store").data(Json::Value(Json::arrayValue)),
        html::Button("measure").id("measure"),
        html::Div().id("store-size"),
        dcc::Input().id("in").value("hello"),
        html::Div().id("out"),
    }));
    app.callback(Output("graph", "figure"), Input("points", "value"), [](long points) { return scatter(points); });
    app.callback(Output("store-size", "children"), Input("measure", "n_clicks"), State("store", "data"),
                 [](std::optional<long>, const Json::Value& data) { return std::to_string(data.size()); });
    app.callback(Output("out", "children"), Input("in", "value"),
                 [](std::optional<std::string> value) { return "echo: " + value.value_or(""); });
}

}  // namespace

DASH_PLUGIN("org.dashcpp.bench.payloads", "bench payloads", "1.0.0",
            "org.dashcpp.components.html org.dashcpp.components.dcc", setup)
