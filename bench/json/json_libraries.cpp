// bench/json/json_libraries: a benchmark, not a test. JsonCpp (what the SDK uses today), RapidJSON and
// simdjson (both in Debian) on the big-payload cases of bench/payloads.sh:
//   parse     the ~1 MB dcc.Store body into each library's tree (and walking it: the record count)
//   scan      dashcpp's own json::Scanner over the same text (syntax check and slicing, no tree)
//   JsonData  the SDK's value over the same text: parse (a read-only tape), walk (every record's
//             fields read), mutate (one write, which builds the mutable tree)
//   build     a 40,000-point scatter figure built as a tree (x and y appended point by point)
//   write     that tree serialised (JsonCpp through dashcpp's writer: shortest round-trip numbers)
// Prints the median of 15 runs of each, in milliseconds.
//
// Usage: json_libraries STORE_BODY.json   (bench/payloads/make_bodies.py writes one)
#include <dash/json.hpp>
#include <dash/json_scan.hpp>
#include <dash/json_value.hpp>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <vector>

namespace {

double median_ms(const std::function<size_t()>& run) {
    std::vector<double> times;
    size_t sink = 0;
    for (int i = 0; i < 15; ++i) {
        const auto start = std::chrono::steady_clock::now();
        sink += run();
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    if (sink == 42) std::cerr << "";  // keep the work observable
    return times[times.size() / 2];
}

void row(const char* what, const char* library, double ms) { std::printf("%-8s %-10s %9.2f ms\n", what, library, ms); }

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: json_libraries STORE_BODY.json\n";
        return 2;
    }
    std::ifstream file(argv[1], std::ios::binary);
    std::stringstream buffer;
    buffer << file.rdbuf();
    const std::string body = buffer.str();
    std::printf("store body: %zu bytes\n", body.size());

    // The store's records, as a callback that counts them would see them.
    row("parse", "jsoncpp", median_ms([&] { return dash::json::parse(body)["state"][0]["value"].size(); }));
    row("parse", "rapidjson", median_ms([&] {
            rapidjson::Document document;
            document.Parse(body.data(), body.size());
            return static_cast<size_t>(document["state"][0]["value"].Size());
        }));
    simdjson::dom::parser parser;
    row("parse", "simdjson", median_ms([&] {
            simdjson::dom::element document = parser.parse(body.data(), body.size());
            return static_cast<size_t>(simdjson::dom::array(document["state"].at(0)["value"]).size());
        }));
    row("scan", "dashcpp", median_ms([&] {
            dash::json::Scanner scanner(body);
            return scanner.value().size();
        }));
    row("parse", "JsonData", median_ms([&] {  // the SDK's value: a read-only tape until written
            return dash::JsonData::parse(body)["state"][0]["value"].size();
        }));
    row("walk", "JsonData", median_ms([&] {  // parse, then read every record's fields
            const dash::JsonData rows = dash::JsonData::parse(body)["state"][0]["value"];
            size_t sum = 0;
            for (const dash::JsonData& row : rows)
                for (const std::string& key : row.keys()) sum += row[key].is_number() ? 1 : row[key].as_string().size();
            return sum;
        }));
    row("mutate", "JsonData", median_ms([&] {  // parse, then one write: the mutable tree is built
            dash::JsonData data = dash::JsonData::parse(body);
            data.set("touched", true);
            return data.size();
        }));

    const size_t points = 40000;
    auto x_of = [](size_t i) { return i / 7.0; };
    auto y_of = [](size_t i) { return std::sin(i / 100.0) * 1000.0 / 3.0; };
    auto build_jsoncpp = [&] {
        Json::Value x(Json::arrayValue), y(Json::arrayValue);
        for (size_t i = 0; i < points; ++i) {
            x.append(x_of(i));
            y.append(y_of(i));
        }
        Json::Value trace(Json::objectValue);
        trace["type"] = "scatter";
        trace["x"] = std::move(x);
        trace["y"] = std::move(y);
        Json::Value figure(Json::objectValue);
        figure["data"].append(std::move(trace));
        return figure;
    };
    row("build", "jsoncpp", median_ms([&] { return build_jsoncpp().size(); }));
    auto build_rapidjson = [&](rapidjson::Document& figure) {
        auto& allocator = figure.GetAllocator();
        rapidjson::Value x(rapidjson::kArrayType), y(rapidjson::kArrayType);
        x.Reserve(points, allocator);
        y.Reserve(points, allocator);
        for (size_t i = 0; i < points; ++i) {
            x.PushBack(x_of(i), allocator);
            y.PushBack(y_of(i), allocator);
        }
        rapidjson::Value trace(rapidjson::kObjectType);
        trace.AddMember("type", "scatter", allocator);
        trace.AddMember("x", x, allocator);
        trace.AddMember("y", y, allocator);
        rapidjson::Value data(rapidjson::kArrayType);
        data.PushBack(trace, allocator);
        figure.SetObject();
        figure.AddMember("data", data, allocator);
    };
    row("build", "rapidjson", median_ms([&] {
            rapidjson::Document figure;
            build_rapidjson(figure);
            return static_cast<size_t>(figure.MemberCount());
        }));

    const Json::Value figure = build_jsoncpp();
    size_t bytes = 0;
    row("write", "jsoncpp", median_ms([&] {
            bytes = dash::json::to_string(figure).size();
            return bytes;
        }));
    std::printf("         (%zu bytes)\n", bytes);
    rapidjson::Document rapid;
    build_rapidjson(rapid);
    row("write", "rapidjson", median_ms([&] {
            rapidjson::StringBuffer out;
            rapidjson::Writer<rapidjson::StringBuffer> writer(out);
            rapid.Accept(writer);
            bytes = out.GetSize();
            return bytes;
        }));
    std::printf("         (%zu bytes)\n", bytes);
    return 0;
}
