// The components example: a DataTable whose edits drive a callback, and the dcc inputs that most
// apps use (Slider, Checklist, DatePickerSingle, Tabs), each driving a div — all typed components.
#include <dash/components/dash_table.hpp>
#include <dash/components/dcc.hpp>
#include <dash/components/html.hpp>
#include <dash/dash.hpp>

using namespace dash;

namespace {

std::string join(const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
    return text;
}

void setup(App& app) {
    app.layout(html::Div({
        html::H1("Components"),
        dash_table::DataTable()
            .id("table")
            .columns({Object{{"name", "City"}, {"id", "city"}}, Object{{"name", "Temperature"}, {"id", "temp"}, {"type", "numeric"}}})
            .data({Object{{"city", "Oslo"}, {"temp", 4}}, Object{{"city", "Lima"}, {"temp", 19}},
                   Object{{"city", "Pune"}, {"temp", 27}}})
            .editable(true),
        html::Div().id("table-out"),
        dcc::Slider().id("slider").min(0).max(10).step(1).value(3),
        html::Div().id("slider-out"),
        dcc::Checklist().id("checklist").options({"a", "b", "c"}).value({"a"}),
        html::Div().id("checklist-out"),
        dcc::DatePickerSingle().id("date").date("2026-11-25"),
        html::Div().id("date-out"),
        dcc::Tabs({dcc::Tab().label("One").value("t1"), dcc::Tab().label("Two").value("t2")}).id("tabs").value("t1"),
        html::Div().id("tabs-out"),
    }));

    app.callback(Output("table-out", "children"), Input("table", "data"), [](const Json::Value& rows) {
        std::vector<std::string> cells;
        for (const auto& row : rows) cells.push_back(row["city"].asString() + "=" + json::to_string(row["temp"]));
        return "table: " + join(cells);
    });
    app.callback(Output("slider-out", "children"), Input("slider", "value"),
                 [](std::optional<double> value) { return "slider: " + json::to_string(Json::Value(value.value_or(0))); });
    app.callback(Output("checklist-out", "children"), Input("checklist", "value"),
                 [](const std::vector<std::string>& checked) { return "checked: " + join(checked); });
    app.callback(Output("date-out", "children"), Input("date", "date"),
                 [](const std::optional<std::string>& date) { return "date: " + date.value_or("none"); });
    app.callback(Output("tabs-out", "children"), Input("tabs", "value"),
                 [](const std::string& tab) { return "tab: " + tab; });
}

}  // namespace

DASH_PLUGIN("org.dashcpp.examples.components", "components", "1.0.0",
            "org.dashcpp.components.html org.dashcpp.components.dcc org.dashcpp.components.table", setup)
