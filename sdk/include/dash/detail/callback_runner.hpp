// dash/detail/callback_runner.hpp: what happens between the host calling a C++ callback and the
// outputs it reports: the registration's dependency JSON, converting arguments to the declared
// types, on_error handlers, and reporting the returned value(s) through the result handle.
#pragma once

#include <dash/arguments.hpp>
#include <dash/callback.hpp>
#include <dash/detail/guard.hpp>
#include <dash/detail/traits.hpp>
#include <dash/json_value.hpp>
#include <dash/writer.hpp>

#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace dash::detail {

// A callback being declared: its dependencies and options, in the order Python requires.
struct CallbackDefinition {
    std::vector<Dependency> outputs, inputs, state;
    bool multi_output = false;
    CallbackOptions options;
    // Every argument's JSON is checked here (convert_argument), so the host need not check it.
    bool checks_arguments = false;

    // Outputs first, then Inputs, then States (IncorrectTypeException otherwise, as in Python).
    void add(const Output& output) {
        expect_order(true, false);
        if (!outputs.empty()) multi_output = true;
        outputs.push_back(output);
    }
    void add(const std::vector<Output>& list) {
        expect_order(true, false);
        multi_output = true;
        outputs.insert(outputs.end(), list.begin(), list.end());
    }
    void add(const Input& input) {
        expect_order(false, true);
        inputs.push_back(input);
    }
    void add(const std::vector<Input>& list) {
        expect_order(false, true);
        inputs.insert(inputs.end(), list.begin(), list.end());
    }
    void add(const State& item) { state.push_back(item); }
    void add(const std::vector<State>& list) { state.insert(state.end(), list.begin(), list.end()); }
    void add(const CallbackOptions& value) { options = value; }

    // dash_callback_spec.dependencies_json.
    // "id.prop" of each argument (inputs then states), for error messages.
    std::vector<std::string> argument_names() const {
        std::vector<std::string> names;
        for (const auto* list : {&inputs, &state})
            for (const auto& dependency : *list)
                names.push_back(json::stringify_id(dependency.id) + "." + dependency.property);
        return names;
    }
    // The outputs, "out.children" or "a.children, b.title" ("no output" when none).
    std::string output_names() const {
        std::string names;
        for (const auto& output : outputs)
            names += (names.empty() ? "" : ", ") + json::stringify_id(output.id) + "." + output.property;
        return names.empty() ? "no output" : names;
    }

    std::string dependencies_json() const {
        Json::Value deps(Json::objectValue);
        deps["outputs"] = dependency_list(outputs, "allow_duplicate");
        deps["multi_output"] = multi_output;
        deps["inputs"] = dependency_list(inputs, "allow_optional");
        deps["state"] = dependency_list(state, "allow_optional");
        deps["prevent_initial_call"] = options.initial_duplicate      ? Json::Value("initial_duplicate")
                                       : options.prevent_initial_call ? Json::Value(*options.prevent_initial_call)
                                                                      : Json::Value();
        if (!options.running.empty()) {
            Json::Value on(Json::objectValue), off(Json::objectValue);
            for (const auto& running : options.running) {
                const std::string key = json::stringify_id(running.output.id) + "." + running.output.property;
                on[key] = running.on.json();
                off[key] = running.off.json();
            }
            deps["running"]["running"] = on;
            deps["running"]["runningOff"] = off;
        }
        deps["hidden"] = options.hidden;
        deps["optional"] = options.optional;
        deps["persistent"] = options.persistent;
        if (options.websocket) deps["websocket"] = true;
        if (checks_arguments) deps["checks_arguments"] = true;
        return json::to_string(deps);
    }

private:
    void expect_order(bool is_output, bool is_input) const {
        if ((is_output && (!inputs.empty() || !state.empty())) || (is_input && !state.empty()))
            throw IncorrectTypeException(
                "callback arguments must be all Outputs first, then Inputs, then States, then CallbackOptions");
    }
    static Json::Value dependency_list(const std::vector<Dependency>& dependencies, const char* flag_name) {
        Json::Value list(Json::arrayValue);
        for (const auto& dependency : dependencies) {
            Json::Value entry(Json::objectValue);
            entry["id"] = dependency.id;
            entry["property"] = dependency.property;
            if (dependency.flag) entry[flag_name] = true;
            list.append(entry);
        }
        return list;
    }
};

// Types whose conversion from text reads all of it with a checking parser (dash::JsonData's tape),
// so that a text that is not JSON fails the conversion: their arguments are not checked twice.
template <class T>
struct ConversionChecksJson : std::false_type {};
template <>
struct ConversionChecksJson<JsonData> : std::true_type {};
template <class T>
struct ConversionChecksJson<std::optional<T>> : ConversionChecksJson<T> {};

// Throws MalformedArgument (for argument `index`) unless text is exactly one JSON value. Only an
// object or an array may reach a plugin unchecked (sdk.h, dash_callback_call): other texts were
// checked by the host. Nesting is not limited here: the host bounded it (server.max_json_depth),
// and the scanner does not recurse.
inline void check_argument_json(std::string_view text, size_t index) {
    const size_t first = text.find_first_not_of(" \t\n\r");
    if (first == std::string_view::npos || (text[first] != '{' && text[first] != '[')) return;
    try {
        json::check(text, std::numeric_limits<int>::max());
    } catch (const json::ScanError& error) {
        throw MalformedArgument(error.what(), index);
    }
}

// The argument at `index` converted to T, from a parsed value (Values of Json::Value) or straight
// from its JSON text (ABI 1.2 slices, Values of std::string_view); a failure names the argument.
// A text is checked to be JSON first (MalformedArgument), by the conversion itself where it does
// that (ConversionChecksJson): the registration says so to the host ("checks_arguments").
template <class T, class Values>
Decayed<T> convert_argument(const Values& values, size_t index) {
    using Target = Decayed<T>;
    constexpr bool from_text = !std::is_same_v<typename Values::value_type, Json::Value>;
    try {
        if constexpr (!from_text) {
            return Convert<Target>::from(values[index]);
        } else {
            if constexpr (!ConversionChecksJson<Target>::value) check_argument_json(values[index], index);
            return from_json_text<Target>(values[index]);
        }
    } catch (const MalformedArgument&) {
        throw;
    } catch (const ConversionError& error) {
        throw ConversionError(error.what(), index);
    } catch (const std::invalid_argument& error) {  // malformed text (the tape, JsonCpp, the scanner)
        if constexpr (from_text && ConversionChecksJson<Target>::value) throw MalformedArgument(error.what(), index);
        throw ConversionError(error.what(), index);
    }
}

// A conversion error of argument i, named for the dev tools: "argument 2 (in.value) of the callback
// for out.children: expected a string, got 5 (...)".
inline ConversionError name_argument(const ConversionError& error, const std::vector<std::string>& names,
                                     const std::string& callback) {
    if (!error.argument()) return error;
    const size_t index = *error.argument();
    return ConversionError("argument " + std::to_string(index + 1) +
                               (index < names.size() ? " (" + names[index] + ")" : std::string()) +
                               " of the callback for " + callback + ": " + error.what(),
                           index);
}
// Throws the error named, a MalformedArgument as one.
[[noreturn]] inline void throw_named(const ConversionError& error, const std::vector<std::string>& names,
                                     const std::string& callback) {
    ConversionError named = name_argument(error, names, callback);
    if (dynamic_cast<const MalformedArgument*>(&error)) throw MalformedArgument(named.what(), *error.argument());
    throw named;
}

// Calls function with the values converted to its parameter types. A value of the wrong type is
// reported only once every argument is known to be JSON: a body that is not JSON is the client's
// fault before anything else (400), whichever argument the compiler happened to convert first.
template <class Arguments, class F, class Values, size_t... I>
auto call_with(F& function, const Values& values, std::index_sequence<I...>) {
    try {
        return function(convert_argument<std::tuple_element_t<I, Arguments>>(values, I)...);
    } catch (const MalformedArgument&) {
        throw;
    } catch (const ConversionError&) {
        if constexpr (!std::is_same_v<typename Values::value_type, Json::Value>)
            for (size_t i = 0; i < values.size(); ++i) check_argument_json(values[i], i);
        throw;
    }
}

// What a callback returned, ready to report: a tree (JsonCpp values, what on_error and keyword
// callbacks give), or one JSON text per output written straight from the C++ values (tuples,
// dash::JsonData), with nullopt for no_update.
struct Reported {
    Json::Value tree;
    bool has_texts = false;
    std::vector<std::optional<std::string>> texts;
    // Set for an on_error handler's value: there (only there) null means no_update everywhere.
    bool null_is_no_update = false;

    static Reported from_tree(Json::Value value) {
        Reported reported;
        reported.tree = std::move(value);
        return reported;
    }
};

// One output's JSON text (nullopt: no_update). dash::JsonData is written directly, without a tree.
template <class T>
std::optional<std::string> output_text(T&& value) {
    if constexpr (std::is_same_v<Decayed<T>, JsonData>) {
        return value.dump();
    } else if constexpr (std::is_same_v<Decayed<T>, NoUpdate>) {
        return std::nullopt;
    } else {
        Json::Value tree = to_json(std::forward<T>(value));
        if (is_no_update(tree)) return std::nullopt;
        return json::to_string(tree);
    }
}

// What a callback's returned value becomes.
template <class Result>
Reported reported_from(Result&& returned) {
    using R = Decayed<Result>;
    Reported reported;
    if constexpr (IsTuple<R>::value) {
        reported.has_texts = true;
        std::apply([&](auto&&... items) { (reported.texts.push_back(output_text(std::move(items))), ...); }, returned);
    } else if constexpr (std::is_same_v<R, JsonData>) {
        reported.has_texts = true;
        reported.texts.push_back(returned.dump());  // null included: it sets the output to null
    } else {
        reported.tree = to_json(std::forward<Result>(returned));
    }
    return reported;
}

// Calls function and turns what it returns into what is reported. Values: parsed values
// (std::vector<Json::Value>) or their JSON texts (std::vector<std::string_view>).
template <class Arguments, class Result, class F, class Values>
Reported invoke(F& function, const Values& values) {
    constexpr size_t arity = std::tuple_size_v<Arguments>;
    if (values.size() != arity) throw CallbackException("Inputs do not match callback definition");
    if constexpr (std::is_void_v<Result>) {
        call_with<Arguments>(function, values, std::make_index_sequence<arity>{});
        return Reported::from_tree(no_update_json());
    } else {
        return reported_from(call_with<Arguments>(function, values, std::make_index_sequence<arity>{}));
    }
}

// Runs produce(); an exception (not PreventUpdate) goes to the callback's on_error, else the app's,
// when there is one. A null from the handler means no_update everywhere (as in Python); a null the
// callback itself returns sets its output to null.
template <class F>
Reported handle_errors(const ErrorHandler& handler, const ErrorHandler& app_handler, F&& produce) {
    try {
        return produce();
    } catch (const PreventUpdate&) {
        throw;
    } catch (const MalformedArgument&) {
        throw;  // the request's fault, answered 400 before the callback ran
    } catch (const std::exception& error) {
        const ErrorHandler& on_error = handler ? handler : app_handler;
        if (!on_error) throw;
        Reported handled = Reported::from_tree(on_error(error).json());
        handled.null_is_no_update = true;
        return handled;
    }
}

// The output layout of a registered callback: how many outputs, and whether they form a list.
struct OutputShape {
    size_t count = 0;
    bool multi = false;
};

inline void set_output_text(const dash_host* host, dash_callback_result* result, uint32_t index,
                            const std::string& text) {
    if (host->result_set_output(result, index, view(text)) != DASH_OK)
        throw InvalidCallbackReturnValue("the host refused the value of output " + std::to_string(index));
}
inline void set_output(const dash_host* host, dash_callback_result* result, uint32_t index, const Json::Value& value) {
    if (!is_no_update(value)) set_output_text(host, result, index, json::to_string(value));
}

// Reports what a callback returned through the result handle.
inline void report(const dash_host* host, dash_callback_result* result, const Reported& returned, OutputShape shape) {
    if (shape.count == 0) return;
    if (returned.has_texts) {
        if (returned.texts.size() != (shape.multi ? shape.count : 1))
            throw InvalidCallbackReturnValue("the callback has " + std::to_string(shape.count) +
                                             " outputs and must return as many values, got " +
                                             std::to_string(returned.texts.size()));
        for (uint32_t i = 0; i < returned.texts.size(); ++i)
            if (returned.texts[i]) set_output_text(host, result, i, *returned.texts[i]);
        return;
    }
    const Json::Value& tree = returned.tree;
    if (is_no_update(tree) || (tree.isNull() && returned.null_is_no_update)) return;
    if (!shape.multi) return set_output_text(host, result, 0, json::to_string(tree));  // null too
    // Python's flatten_grouping over the list of outputs: SchemaTypeValidationError for a value that
    // is not a list, SchemaLengthValidationError for a list of another length (both are
    // InvalidCallbackReturnValue).
    if (!tree.isArray())
        throw SchemaTypeValidationError("the callback has " + std::to_string(shape.count) +
                                        " outputs and must return as many values (a std::tuple or a list), got " +
                                        json::excerpt(json::to_string(tree)));
    if (tree.size() != shape.count)
        throw SchemaLengthValidationError("the callback has " + std::to_string(shape.count) +
                                          " outputs and must return as many values (a std::tuple or a list), got " +
                                          json::excerpt(json::to_string(tree)));
    for (uint32_t i = 0; i < shape.count; ++i) set_output(host, result, i, tree[i]);
}

// One call as the host prepared it (ABI 1.2): the body text and each argument's JSON text.
struct CallInput {
    std::string_view body;
    std::vector<std::string_view> arguments;  // inputs then states; a wildcard's values as one list
};

// What a registered C++ callback runs per call: the call in, a status out.
using CallbackFunction = std::function<dash_status(const CallInput&, const dash_host*, dash_callback_result*)>;
struct CallbackHolder {
    const dash_host* host;
    CallbackFunction function;
};

// The dash_prepared_callback_fn of every C++ callback: sets up ctx() (which parses nothing unless
// asked) and runs the holder.
inline dash_status call_prepared(void* user_data, const dash_callback_call* call, const dash_request* request,
                                 dash_callback_result* result, dash_writer* error_message) {
    auto* holder = static_cast<CallbackHolder*>(user_data);
    return guarded(error_message, [&] {
        CallInput input;
        input.body = text_view(call->body);
        input.arguments.reserve(call->argument_count);
        for (size_t i = 0; i < call->argument_count; ++i) input.arguments.push_back(text_view(call->arguments[i]));
        CallbackContext context(holder->host, request, result, input.body, text_view(call->custom_data_json));
        struct Scope {
            explicit Scope(CallbackContext* c) { current_context() = c; }
            ~Scope() { current_context() = nullptr; }
        } scope(&context);
        return holder->function(input, holder->host, result);
    });
}

template <class T>
void free_holder(void* pointer) {
    delete static_cast<T*>(pointer);
}

}  // namespace dash::detail
