// bench-payloads: the app of the big-payload benchmark (bench/payloads.sh), written as an app
// author would. The payload callbacks come twice: with dash::JsonData (the SDK's value for big
// data) and with the JsonCpp tree (Json::Value / dash::Value), so the two can be compared:
//   - "points" -> graph.figure / graph-tree.figure: a scatter of N points (40,000: about 1.4 MB of
//     JSON), x and y as doubles with full precision, as numpy would give them;
//   - measure.n_clicks + State(store.data) -> store-size.children / store-size-tree.children: the
//     length of a list of records posted in the request (the 1 MB dcc.Store case);
//   - in.value -> out.children: the small echo callback, as in apps/examples/hello.
#include <dash/components/dcc.hpp>
#include <dash/components/html.hpp>
#include <dash/dash.hpp>

#include <cmath>
#include <vector>

using namespace dash;

namespace {

std::pair<std::vector<double>, std::vector<double>> points_of(long points) {
    std::vector<double> xs(static_cast<size_t>(points)), ys(static_cast<size_t>(points));
    for (long i = 0; i < points; ++i) {
        xs[static_cast<size_t>(i)] = i / 7.0;
        ys[static_cast<size_t>(i)] = std::sin(i / 100.0) * 1000.0 / 3.0;
    }
    return {std::move(xs), std::move(ys)};
}

JsonData scatter(long points) {
    const auto [xs, ys] = points_of(points);
    JsonData trace = JsonData::object();
    trace.set("type", "scatter").set("mode", "markers").set("x", JsonData::array(xs)).set("y", JsonData::array(ys));
    JsonData title = JsonData::object();
    title.set("text", "40,000 points");
    JsonData layout = JsonData::object();
    layout.set("title", std::move(title));
    JsonData figure = JsonData::object();
    figure.set("data", JsonData::array().push_back(std::move(trace)));
    figure.set("layout", std::move(layout));
    return figure;
}

Value scatter_tree(long points) {
    const auto [xs, ys] = points_of(points);
    return Object{{"data", {Object{{"type", "scatter"}, {"mode", "markers"}, {"x", xs}, {"y", ys}}}},
                  {"layout", Object{{"title", Object{{"text", "40,000 points"}}}}}};
}

void setup(App& app) {
    app.layout(html::Div({
        dcc::Input().id("points").type("number").value(40000),
        dcc::Graph().id("graph"),
        dcc::Graph().id("graph-tree"),
        dcc::Store().id("store").data(Json::Value(Json::arrayValue)),
        html::Button("measure").id("measure"),
        html::Div().id("store-size"),
        html::Div().id("store-size-tree"),
        dcc::Input().id("in").value("hello"),
        html::Div().id("out"),
    }));
    app.callback(Output("graph", "figure"), Input("points", "value"), [](long points) { return scatter(points); });
    app.callback(Output("graph-tree", "figure"), Input("points", "value"),
                 [](long points) { return scatter_tree(points); });
    app.callback(Output("store-size", "children"), Input("measure", "n_clicks"), State("store", "data"),
                 [](std::optional<long>, const JsonData& data) { return std::to_string(data.size()); });
    app.callback(Output("store-size-tree", "children"), Input("measure", "n_clicks"), State("store", "data"),
                 [](std::optional<long>, const Json::Value& data) { return std::to_string(data.size()); });
    app.callback(Output("out", "children"), Input("in", "value"),
                 [](std::optional<std::string> value) { return "echo: " + value.value_or(""); });
}

}  // namespace

DASH_PLUGIN("org.dashcpp.bench.payloads", "bench payloads", "1.0.0",
            "org.dashcpp.components.html org.dashcpp.components.dcc", setup)
