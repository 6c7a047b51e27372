// dash/callback.hpp: dependencies, typed argument/return conversion, no_update, PreventUpdate and
// the callback context, for plugins written in C++ over the C ABI.
#pragma once

#include <dash/sdk.h>
#include <dash/arguments.hpp>
#include <dash/component.hpp>
#include <dash/detail/traits.hpp>
#include <dash/exceptions.hpp>
#include <dash/http.hpp>
#include <dash/json_scan.hpp>
#include <dash/json_value.hpp>
#include <dash/patch.hpp>
#include <dash/writer.hpp>

#include <cctype>
#include <charconv>
#include <chrono>
#include <cstddef>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <string_view>

#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

namespace dash {

// Wildcards of pattern-matching ids (protocol §9.2).
inline Value wildcard(const char* name) {
    Json::Value marker(Json::arrayValue);
    marker.append(name);
    return Value(marker);
}
inline const Value MATCH = wildcard("MATCH");
inline const Value ALL = wildcard("ALL");
inline const Value ALLSMALLER = wildcard("ALLSMALLER");

// The dict id of Dash's pattern-matching idiom, {"type": type, "index": index}:
// Input(pattern_id("todo", MATCH), "n_clicks"), html::Li().id(pattern_id("todo", 3)).
inline Object pattern_id(const std::string& type, const Value& index) {
    return Object{{"type", type}, {"index", index}};
}

struct Dependency {
    Json::Value id;
    std::string property;
    bool flag = false;  // allow_duplicate for outputs, allow_optional for inputs/states
};
struct Output : Dependency {
    Output(Value id, std::string property, bool allow_duplicate = false)
        : Dependency{std::move(id).json(), std::move(property), allow_duplicate} {}
};
struct Input : Dependency {
    Input(Value id, std::string property, bool allow_optional = false)
        : Dependency{std::move(id).json(), std::move(property), allow_optional} {}
};
struct State : Dependency {
    State(Value id, std::string property, bool allow_optional = false)
        : Dependency{std::move(id).json(), std::move(property), allow_optional} {}
};

// Raise from a callback to answer 204: nothing changes in the browser.
struct PreventUpdate : std::exception {
    const char* what() const noexcept override { return "PreventUpdate"; }
};

// Return (or put in a tuple / Update<T>) to leave an output unchanged.
struct NoUpdate {
    // A callback declared to return a plain T (std::string, long, ...) cannot return no_update on
    // some path: this says so in one sentence instead of a conversion error.
    template <class T, std::enable_if_t<!std::is_same_v<T, Value> && !std::is_same_v<T, Json::Value>, int> = 0>
    operator T() const {
        static_assert(detail::AlwaysFalse<T>::value,
                      "dash: no_update cannot become the callback's declared return type; declare it as "
                      "dash::Update<T> (or dash::Value) to return a value on one path and no_update on another");
        return T();
    }
};
inline constexpr NoUpdate no_update{};

// The JSON marker Python uses for no_update; a Json::Value equal to it also means "no update".
inline Json::Value no_update_json() {
    Json::Value marker(Json::objectValue);
    marker["_dash_no_update"] = "_dash_no_update";
    return marker;
}
inline bool is_no_update(const Json::Value& value) {
    return value.isObject() && value.size() == 1 && value["_dash_no_update"] == "_dash_no_update";
}
// A Value (or Json::Value) may be no_update: `[](...) -> Value { ...; return no_update; }`.
inline Value::Value(NoUpdate) : json_(no_update_json()) {}

// Either a value of T or no_update: the return type of an output that may stay unchanged.
template <class T>
class Update {
public:
    Update(NoUpdate) {}
    template <class U, class = std::enable_if_t<std::is_constructible_v<T, U&&>>>
    Update(U&& value) : value_(std::forward<U>(value)) {}
    bool has_value() const { return value_.has_value(); }
    const T& value() const { return *value_; }

private:
    std::optional<T> value_;
};

// A prop set while the callback runs and restored when it finishes (`running=[(Output, on, off)]`).
struct Running {
    Output output;
    Value on;
    Value off;
};

// Turns an exception of the callback into its result (Python's on_error): the returned value is
// used as the output value(s), null means no_update everywhere; throwing PreventUpdate gives 204.
using ErrorHandler = std::function<Value(const std::exception&)>;

struct CallbackOptions {
    // std::nullopt: the app-wide prevent_initial_callbacks setting.
    std::optional<bool> prevent_initial_call;
    // Python's prevent_initial_call="initial_duplicate": fires initially although an output has
    // allow_duplicate.
    bool initial_duplicate = false;
    bool hidden = false;
    bool optional = false;
    bool persistent = false;
    // Python's websocket=True: the renderer sends this callback over the WebSocket transport when
    // the host offers it (app.websocket_callbacks sends every callback that way).
    bool websocket = false;
    std::vector<Running> running;
    ErrorHandler on_error;

    // Fluent setters: CallbackOptions().prevent_initial().running_while(Output("b", "disabled"), true, false).
    CallbackOptions& prevent_initial(bool prevent = true) {
        prevent_initial_call = prevent;
        return *this;
    }
    CallbackOptions& allow_initial_duplicate() {
        initial_duplicate = true;
        return *this;
    }
    CallbackOptions& running_while(Output output, Value on, Value off) {
        running.push_back(Running{std::move(output), std::move(on), std::move(off)});
        return *this;
    }
    CallbackOptions& handle_errors(ErrorHandler handler) {
        on_error = std::move(handler);
        return *this;
    }
    CallbackOptions& hide(bool value = true) {
        hidden = value;
        return *this;
    }
    CallbackOptions& optional_ids(bool value = true) {
        optional = value;
        return *this;
    }
    CallbackOptions& persist(bool value = true) {
        persistent = value;
        return *this;
    }
    CallbackOptions& over_websocket(bool value = true) {
        websocket = value;
        return *this;
    }
};

// ---------------------------------------------------------------------------------------------
// JSON <-> C++ conversion of callback arguments and results.

class ConversionError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
    ConversionError(const std::string& message, size_t argument) : std::runtime_error(message), argument_(argument) {}
    // The 0-based index of the callback argument that failed, when known.
    std::optional<size_t> argument() const { return argument_; }

private:
    std::optional<size_t> argument_;
};

// An argument whose text is not JSON. The host leaves the checking of arguments to the C++ layer
// for the callbacks it registers with typed parameters ("checks_arguments" in sdk.h), and
// answers this (DASH_INVALID_ARGUMENT) 400 InvalidCallbackRequest, as when it finds the fault
// itself; the callback's on_error handler never sees it.
class MalformedArgument : public ConversionError {
public:
    using ConversionError::ConversionError;
};

// Convert<T>::from(Json::Value) converts a parsed value; from_text(text), where a type has it,
// converts straight from the value's JSON text (how callbacks get their arguments: no tree is built
// for a string, a number or a list of them). from_json_text<T> picks whichever T has.
template <class T>
struct Convert;

namespace detail {
template <class C, class = void>
struct HasFromText : std::false_type {};
template <class C>
struct HasFromText<C, std::void_t<decltype(C::from_text(std::string_view()))>> : std::true_type {};

// "got <at most 200 bytes of the value>" for conversion errors, whatever the value's size.
inline std::string got(std::string_view text) { return "got " + json::excerpt(text); }
inline std::string got(const Json::Value& value) { return "got " + json::excerpt(json::to_string(value)); }
// For a null where a plain type was declared: how to accept it.
inline std::string null_hint(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    return text.substr(0, 4) == "null"
               ? " (the renderer sends null before a prop is set: take std::optional<T> or dash::Value)"
               : "";
}
inline std::string null_hint(const Json::Value& value) {
    return value.isNull() ? null_hint(std::string_view("null")) : "";
}
inline std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return text;
}
}  // namespace detail

template <class T>
T from_json_text(std::string_view text) {
    if constexpr (detail::HasFromText<Convert<T>>::value)
        return Convert<T>::from_text(text);
    else
        return Convert<T>::from(json::parse(text));
}

template <>
struct Convert<Json::Value> {
    static Json::Value from(const Json::Value& value) { return value; }
    static Json::Value from_text(std::string_view text) { return json::parse(text); }
    static Json::Value to(const Json::Value& value) { return value; }
};
template <>
struct Convert<std::string> {
    static std::string from(const Json::Value& value) {
        if (!value.isString())
            throw ConversionError("expected a string, " + detail::got(value) +
                                  " (take std::optional<std::string> or Json::Value to accept it)");
        return value.asString();
    }
    static std::string from_text(std::string_view text) {
        const std::string_view trimmed = detail::trim(text);
        if (trimmed.empty() || trimmed.front() != '"')
            throw ConversionError("expected a string, " + detail::got(trimmed) +
                                  " (take std::optional<std::string> or Json::Value to accept it)");
        json::Scanner scanner(trimmed);
        std::string value = scanner.string_value();
        scanner.expect_end();
        return value;
    }
    static Json::Value to(const std::string& value) { return Json::Value(value); }
};
template <>
struct Convert<bool> {
    static bool from(const Json::Value& value) {
        if (!value.isBool()) throw ConversionError("expected a bool, " + detail::got(value) + detail::null_hint(value));
        return value.asBool();
    }
    static bool from_text(std::string_view text) {
        const std::string_view trimmed = detail::trim(text);
        if (trimmed == "true") return true;
        if (trimmed == "false") return false;
        throw ConversionError("expected a bool, " + detail::got(trimmed) + detail::null_hint(trimmed));
    }
    static Json::Value to(bool value) { return Json::Value(value); }
};
template <class T>
struct ConvertNumber {
    static T from(const Json::Value& value) {
        if (!value.isNumeric() || value.isBool())
            throw ConversionError("expected a number, " + detail::got(value) + detail::null_hint(value));
        if constexpr (std::is_floating_point_v<T>) {
            return static_cast<T>(value.asDouble());
        } else {
            if (!value.isIntegral()) throw ConversionError("expected an integer, " + detail::got(value));
            return checked(value.isUInt64() && !value.isInt64() ? static_cast<long double>(value.asUInt64())
                                                                : static_cast<long double>(value.asInt64()),
                           value);
        }
    }
    static T from_text(std::string_view text) {
        const std::string_view trimmed = detail::trim(text);
        const char* begin = trimmed.data();
        const char* end = begin + trimmed.size();
        if (trimmed.empty() || !(trimmed.front() == '-' || (trimmed.front() >= '0' && trimmed.front() <= '9')) ||
            !json::is_valid(trimmed))
            throw ConversionError("expected a number, " + detail::got(trimmed) + detail::null_hint(trimmed));
        if constexpr (std::is_floating_point_v<T>) {
            double number = 0;
            std::from_chars(begin, end, number);  // shortest round trip, like Python's float()
            return static_cast<T>(number);
        } else {
            T number{};
            const auto [ptr, error] = std::from_chars(begin, end, number);
            if (error == std::errc() && ptr == end) return number;
            // 1.0, 1e3, or out of range: as JsonCpp would read it.
            return from(json::parse(trimmed));
        }
    }
    static Json::Value to(T value) {
        if constexpr (std::is_floating_point_v<T>)
            return Json::Value(static_cast<double>(value));
        else if constexpr (std::is_signed_v<T>)
            return Json::Value(static_cast<Json::Int64>(value));
        else
            return Json::Value(static_cast<Json::UInt64>(value));
    }

private:
    static T checked(long double number, const Json::Value& value) {
        if (number < static_cast<long double>(std::numeric_limits<T>::min()) ||
            number > static_cast<long double>(std::numeric_limits<T>::max()))
            throw ConversionError("expected an integer that fits the parameter's type, " + detail::got(value));
        return static_cast<T>(number);
    }
};
template <>
struct Convert<int> : ConvertNumber<int> {};
template <>
struct Convert<long> : ConvertNumber<long> {};
template <>
struct Convert<long long> : ConvertNumber<long long> {};
template <>
struct Convert<unsigned> : ConvertNumber<unsigned> {};
template <>
struct Convert<unsigned long> : ConvertNumber<unsigned long> {};
template <>
struct Convert<double> : ConvertNumber<double> {};
template <>
struct Convert<float> : ConvertNumber<float> {};
template <>
struct Convert<JsonData> {
    static JsonData from(const Json::Value& value) { return JsonData::parse(json::to_string(value)); }
    static JsonData from_text(std::string_view text) { return JsonData::parse(text); }
    static Json::Value to(const JsonData& value) { return value.to_jsoncpp(); }
};
template <>
struct Convert<Component> {
    static Json::Value to(const Component& value) { return value.to_json(); }
};
template <>
struct Convert<Value> {
    // Any JSON the renderer sends: the argument type that never fails (Python's dynamic values).
    static Value from(const Json::Value& value) { return Value(value); }
    static Value from_text(std::string_view text) { return Value(json::parse(text)); }
    static Json::Value to(const Value& value) { return value.json(); }
};
template <>
struct Convert<Object> {
    static Json::Value to(const Object& value) { return value.json(); }
};
template <>
struct Convert<NoUpdate> {
    static Json::Value to(NoUpdate) { return no_update_json(); }
};
template <>
struct Convert<Patch> {
    static Json::Value to(const Patch& value) { return value.to_json(); }
};
template <class T>
struct Convert<std::optional<T>> {
    static std::optional<T> from(const Json::Value& value) {
        if (value.isNull()) return std::nullopt;
        return Convert<T>::from(value);
    }
    static std::optional<T> from_text(std::string_view text) {
        if (detail::trim(text) == "null") return std::nullopt;
        return from_json_text<T>(text);
    }
    static Json::Value to(const std::optional<T>& value) {
        return value ? Convert<T>::to(*value) : Json::Value(Json::nullValue);
    }
};
template <class T>
struct Convert<Update<T>> {
    static Json::Value to(const Update<T>& value) {
        return value.has_value() ? Convert<T>::to(value.value()) : no_update_json();
    }
};
template <class T>
struct Convert<std::vector<T>> {
    static std::vector<T> from(const Json::Value& value) {
        if (!value.isArray()) throw ConversionError("expected a list, " + detail::got(value));
        std::vector<T> items;
        items.reserve(value.size());
        for (const auto& item : value) items.push_back(Convert<T>::from(item));
        return items;
    }
    static std::vector<T> from_text(std::string_view text) {
        json::Scanner scanner(text);
        if (scanner.peek() != '[') throw ConversionError("expected a list, " + detail::got(detail::trim(text)));
        std::vector<T> items;
        scanner.begin_array();
        while (scanner.next_element()) items.push_back(from_json_text<T>(scanner.value()));
        scanner.expect_end();
        return items;
    }
    static Json::Value to(const std::vector<T>& items) {
        Json::Value list(Json::arrayValue);
        for (const auto& item : items) list.append(Convert<T>::to(item));
        return list;
    }
};

template <class T>
using Decayed = std::remove_cv_t<std::remove_reference_t<T>>;

template <class T>
Json::Value to_json(const T& value) {
    if constexpr (std::is_same_v<Decayed<T>, const char*> || std::is_same_v<Decayed<T>, char*> ||
                  std::is_array_v<Decayed<T>>)
        return Json::Value(std::string(value));
    else
        return Convert<Decayed<T>>::to(value);
}
// A value the callback returned is moved, not copied (a 40,000-point figure is one tree, once).
inline Json::Value to_json(Value&& value) { return std::move(value).json(); }
inline Json::Value to_json(Json::Value&& value) { return std::move(value); }

// ---------------------------------------------------------------------------------------------
// The callback context (Python's dash.ctx), valid inside a callback on the calling thread.

class CallbackContext {
public:
    struct Triggered {
        std::string prop_id;
        Json::Value value;
    };
    // Python's ctx.triggered: the props that fired this call. On the initial call it holds one
    // entry, {".", null}, and tests false (Python's falsy list): `if (!ctx().triggered())` and
    // `ctx().triggered()[0].prop_id` both behave as they do in Python.
    class TriggeredList : public std::vector<Triggered> {
    public:
        explicit operator bool() const { return fired_; }
        // True when some prop fired this call (false on the initial call).
        bool fired() const { return fired_; }

    private:
        friend class CallbackContext;
        bool fired_ = false;
    };

    // body_text: the request body (valid during the call); custom_data_text: the custom_data hooks'
    // values ({"ns": value}), or empty to read them from the body. Nothing is parsed until asked.
    CallbackContext(const dash_host* host, const dash_request* request, dash_callback_result* result,
                    std::string_view body_text, std::string_view custom_data_text = {})
        : host_(host), request_(request), result_(result), body_text_(body_text), custom_data_text_(custom_data_text) {}

    // The request body as a tree, parsed on first use (a callback that never asks pays nothing).
    const Json::Value& body() const {
        if (!body_) body_ = json::parse(body_text_);
        return *body_;
    }
    // Inputs and states by "<stringified id>.<prop>", wildcard lists flattened.
    const Json::Value& inputs() const { return index().inputs; }
    const Json::Value& states() const { return index().states; }
    const Json::Value& inputs_list() const { return body()["inputs"]; }
    const Json::Value& states_list() const { return body()["state"]; }
    const Json::Value& outputs_list() const { return body()["outputs"]; }
    // The props that fired this call ({".", null} and false on the initial call, as in Python).
    const TriggeredList& triggered() const { return index().triggered; }
    // The id of the first triggering component (a string or a parsed dict id), or null (the
    // initial call).
    Json::Value triggered_id() const {
        const TriggeredList& fired = triggered();
        if (!fired) return Json::Value();
        const std::string& prop_id = fired.front().prop_id;
        std::string id = prop_id.substr(0, prop_id.rfind('.'));
        if (!id.empty() && id.front() == '{') return json::parse(id);
        return Json::Value(id);
    }
    // triggered_prop_ids: "<id>.<prop>" -> the component id (dict ids parsed).
    Json::Value triggered_prop_ids() const {
        Json::Value ids(Json::objectValue);
        if (!triggered()) return ids;
        for (const auto& t : triggered()) {
            const std::string id = t.prop_id.substr(0, t.prop_id.rfind('.'));
            ids[t.prop_id] = !id.empty() && id.front() == '{' ? json::parse(id) : Json::Value(id);
        }
        return ids;
    }
    // Python's args_grouping: the inputs and states arranged like the callback's signature, each
    // leaf {id, property, value, str_id, triggered} (a list of them for a wildcard dependency): a
    // list in registration order for positional callbacks, the InputGroup's shape for grouped ones.
    const Json::Value& args_grouping() const {
        if (!args_grouping_) {
            Json::Value leaves(Json::arrayValue);
            for (const char* key : {"inputs", "state"})
                for (const auto& entry : body()[key])
                    leaves.append(detail::grouping_entry(entry, body()["changedPropIds"]));
            args_grouping_ = arrange_args_ ? arrange_args_(leaves) : std::move(leaves);
        }
        return *args_grouping_;
    }
    // Python's outputs_grouping: the outputs ({id, property}; lists for wildcard outputs) arranged
    // like the OutputGroup; for other callbacks the outputs as sent (a list for a list of outputs,
    // one entry for a single output, [] for no outputs).
    const Json::Value& outputs_grouping() const {
        if (!outputs_grouping_) {
            const Json::Value& sent = body().isMember("outputs") ? body()["outputs"] : Json::Value(Json::arrayValue);
            outputs_grouping_ = arrange_outputs_ ? arrange_outputs_(sent) : sent;
        }
        return *outputs_grouping_;
    }
    // Python's using_args_grouping / using_outputs_grouping: the signature is a dict or a nested
    // grouping, not a single dependency or a flat list.
    bool using_args_grouping() const { return using_args_grouping_; }
    bool using_outputs_grouping() const { return using_outputs_grouping_; }
    // For grouped callbacks (dash/grouping.hpp): how the flat leaves (inputs then states; the
    // outputs as sent) are arranged. Applied only when the callback asks for a grouping.
    using Arrange = std::function<Json::Value(const Json::Value& flat)>;
    void set_groupings(Arrange args, bool args_grouped, Arrange outputs, bool outputs_grouped) {
        arrange_args_ = std::move(args);
        arrange_outputs_ = std::move(outputs);
        using_args_grouping_ = args_grouped;
        using_outputs_grouping_ = outputs_grouped;
    }
    // A header of the HTTP request, empty if absent.
    std::string header(const std::string& name) const { return request().header(name).value_or(""); }
    // The request's cookies, name -> value.
    std::map<std::string, std::string> cookies() const { return split_pairs(header("Cookie"), ';'); }
    // The query string's arguments (the renderer adds some for background callbacks).
    std::map<std::string, std::string> args() const { return split_pairs(request().query(), '&'); }
    // The request path as received, below routes_pathname_prefix.
    std::string path() const { return request().path(); }
    // The HTTP request of this call (valid until the callback returns).
    Request request() const { return Request(host_, request_); }
    std::string origin() const { return header("Origin"); }
    // Values of the custom_data hooks, by namespace (an empty object when there are none).
    Json::Value custom_data() const {
        if (!custom_data_text_.empty()) return json::parse(custom_data_text_);
        return body().isMember("custom_data") ? body()["custom_data"] : Json::Value(Json::objectValue);
    }
    // set_props: update a component that is not an output of this callback (Python's
    // callback_context.set_props): the update travels with the callback's answer.
    void set_props(const Value& id, const Object& props) const {
        const std::string id_text = json::to_string(id.json());
        const std::string props_text = json::to_string(props.json());
        host_->result_set_props(result_, view(id_text), view(props_text));
    }
    // Python's dash.set_props (the free function dash::set_props calls this): over the WebSocket
    // transport the update reaches the browser at once, while the callback goes on (progress,
    // streaming); over HTTP, or with a host older than ABI 1.3, it travels with the answer.
    void stream_props(const Value& id, const Object& props) const {
        const std::string id_text = json::to_string(id.json());
        const std::string props_text = json::to_string(props.json());
        if (host_has_1_3() && host_->result_stream_props(result_, view(id_text), view(props_text)) == DASH_OK) return;
        host_->result_set_props(result_, view(id_text), view(props_text));
    }
    // Whether this call came over the WebSocket transport (Python: ctx.websocket is not None).
    bool over_websocket() const { return host_has_1_3() && host_->result_over_websocket(result_) != 0; }
    // Over the WebSocket transport: the current values of `properties` of the component `id` in the
    // browser (an object; {} when the page has no such component). Blocks this thread until the
    // browser answers; throws std::runtime_error on timeout, when the socket closed, or over HTTP.
    Json::Value get_props(const Value& id, const std::vector<std::string>& properties,
                          std::chrono::milliseconds timeout = std::chrono::seconds(30)) const {
        if (!host_has_1_3()) throw std::runtime_error("get_props needs a host of ABI 1.3 or later");
        Json::Value names(Json::arrayValue);
        for (const auto& name : properties) names.append(name);
        const std::string id_text = json::to_string(id.json());
        const std::string names_text = json::to_string(names);
        StringWriter out;
        const dash_status status = host_->result_get_props(result_, view(id_text), view(names_text),
                                                           static_cast<uint32_t>(timeout.count()), &out.writer);
        if (status == DASH_UNSUPPORTED)
            throw std::runtime_error(
                "get_props needs the WebSocket transport (app.websocket_callbacks or over_websocket())");
        if (status != DASH_OK) throw std::runtime_error("get_props: " + out.text);
        return json::parse(out.text);
    }
    Json::Value get_prop(const Value& id, const std::string& property,
                         std::chrono::milliseconds timeout = std::chrono::seconds(30)) const {
        const Json::Value values = get_props(id, {property}, timeout);
        return values.isMember(property) ? values[property] : Json::Value();
    }
    // Adds a header (or a Set-Cookie) to this callback's HTTP response.
    void add_response_header(const std::string& name, const std::string& value) const {
        host_->result_add_header(result_, view(name), view(value));
    }
    // Sets a cookie on this callback's response; attributes like "Path=/; HttpOnly".
    void set_cookie(const std::string& name, const std::string& value, const std::string& attributes = "") const {
        add_response_header("Set-Cookie", name + "=" + value + (attributes.empty() ? "" : "; " + attributes));
    }
    // record_timing: a Server-Timing entry the renderer shows in the callback graph (dev tools).
    void record_timing(const std::string& name, double seconds, const std::string& description = "") {
        if (!timing_names_.insert(name).second)
            throw std::invalid_argument("KeyError: Duplicate resource name " + name + " found.");
        std::string entry = name;
        if (!description.empty()) entry += ";desc=\"" + description + "\"";
        entry += ";dur=" + std::to_string(static_cast<long long>(seconds * 1000 + 0.5));
        add_response_header("Server-Timing", entry);
    }

private:
    // "a=1; b=2" or "a=1&b=2" -> {a: 1, b: 2} (names trimmed of spaces).
    static std::map<std::string, std::string> split_pairs(const std::string& text, char separator) {
        std::map<std::string, std::string> result;
        size_t start = 0;
        while (start < text.size()) {
            size_t end = text.find(separator, start);
            if (end == std::string::npos) end = text.size();
            const std::string pair = text.substr(start, end - start);
            const size_t equals = pair.find('=');
            const size_t first = pair.find_first_not_of(' ');
            if (first != std::string::npos && first < equals)
                result[pair.substr(first, equals == std::string::npos ? std::string::npos : equals - first)] =
                    equals == std::string::npos ? "" : pair.substr(equals + 1);
            start = end + 1;
        }
        return result;
    }

    static void index_values(const Json::Value& entries, Json::Value& into) {
        into = Json::Value(Json::objectValue);
        for (const auto& entry : entries) {
            if (entry.isArray()) {
                for (const auto& item : entry)
                    into[json::stringify_id(item["id"]) + "." + item["property"].asString()] = item["value"];
            } else {
                into[json::stringify_id(entry["id"]) + "." + entry["property"].asString()] = entry["value"];
            }
        }
    }

    const dash_host* host_;
    const dash_request* request_;
    dash_callback_result* result_;
    struct Index {
        Json::Value inputs, states;
        TriggeredList triggered;
    };
    const Index& index() const {
        if (!index_) {
            Index built;
            index_values(body()["inputs"], built.inputs);
            index_values(body()["state"], built.states);
            for (const auto& changed : body()["changedPropIds"]) {
                Triggered item{changed.asString(), Json::Value()};
                if (built.inputs.isMember(item.prop_id)) item.value = built.inputs[item.prop_id];
                built.triggered.push_back(std::move(item));
            }
            built.triggered.fired_ = !built.triggered.empty();
            if (!built.triggered.fired_) built.triggered.push_back(Triggered{".", Json::Value()});
            index_ = std::move(built);
        }
        return *index_;
    }

    std::string_view body_text_;
    std::string_view custom_data_text_;
    // The host table reaches the functions of ABI 1.3 (a plugin may run in an older host).
    bool host_has_1_3() const {
        return host_->struct_size >= offsetof(dash_host, result_over_websocket) + sizeof(host_->result_over_websocket);
    }
    mutable std::optional<Json::Value> body_;
    mutable std::optional<Index> index_;
    mutable std::optional<Json::Value> args_grouping_, outputs_grouping_;
    Arrange arrange_args_, arrange_outputs_;
    bool using_args_grouping_ = false, using_outputs_grouping_ = false;
    std::set<std::string> timing_names_;
};

namespace detail {
inline CallbackContext*& current_context() {
    static thread_local CallbackContext* context = nullptr;
    return context;
}
}  // namespace detail

// The context of the callback running on this thread; throws MissingCallbackContextException
// outside a callback.
inline CallbackContext& ctx() {
    CallbackContext* context = detail::current_context();
    if (!context) throw MissingCallbackContextException("ctx() used outside a callback");
    return *context;
}

// Python's dash.set_props: from a callback (on its own thread), an update of any component that
// reaches the browser at once over the WebSocket transport, or with the answer over HTTP.
inline void set_props(const Value& id, const Object& props) { ctx().stream_props(id, props); }

}  // namespace dash
