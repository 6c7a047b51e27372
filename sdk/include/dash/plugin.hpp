// dash/plugin.hpp: write a dashcpp plugin in C++: register layouts, callbacks, routes and component
// libraries with lambdas; DASH_PLUGIN exports the one C entry symbol. Header-only: a plugin links
// only JsonCpp, never the host. No exception leaves this layer: each one becomes a dash_status.
#pragma once

#include <dash/callback.hpp>
#include <dash/paths.hpp>
#include <dash/writer.hpp>

#include <algorithm>
#include <fstream>
#include <functional>
#include <future>
#include <thread>
#include <sstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace dash {

namespace detail {

inline dash_str view(const std::string& text) { return dash_str{text.data(), text.size()}; }

using dash::StringWriter;

inline void write_message(dash_writer* out, const std::string& message) {
    if (out && out->write) out->write(out->context, message.data(), message.size());
}

// Runs fn, turning every exception into a status and a message.
template <class F>
dash_status guarded(dash_writer* error_message, F&& fn) {
    try {
        if constexpr (std::is_same_v<decltype(fn()), dash_status>)
            return fn();
        else
            fn();
        return DASH_OK;
    } catch (const PreventUpdate&) {
        return DASH_PREVENT_UPDATE;
    } catch (const std::exception& error) {
        write_message(error_message, error.what());
    } catch (...) {
        write_message(error_message, "unknown C++ exception");
    }
    return DASH_ERROR;
}

template <class F>
struct FunctionTraits : FunctionTraits<decltype(&F::operator())> {};
template <class R, class C, class... A>
struct FunctionTraits<R (C::*)(A...) const> {
    using Result = R;
    using Arguments = std::tuple<A...>;
};
template <class R, class C, class... A>
struct FunctionTraits<R (C::*)(A...)> : FunctionTraits<R (C::*)(A...) const> {};
template <class R, class... A>
struct FunctionTraits<R (*)(A...)> {
    using Result = R;
    using Arguments = std::tuple<A...>;
};
template <class R, class... A>
struct FunctionTraits<R(A...)> : FunctionTraits<R (*)(A...)> {};

template <class T>
struct IsFuture : std::false_type {};
template <class T>
struct IsFuture<std::future<T>> : std::true_type {};

template <class T>
struct IsTuple : std::false_type {};
template <class... T>
struct IsTuple<std::tuple<T...>> : std::true_type {};

// The flattened values of inputs then states, in registration order (protocol §8.3).
inline std::vector<Json::Value> argument_values(const Json::Value& body) {
    std::vector<Json::Value> values;
    for (const char* key : {"inputs", "state"}) {
        for (const auto& entry : body[key]) {
            if (entry.isArray()) {
                Json::Value list(Json::arrayValue);
                for (const auto& item : entry) list.append(item["value"]);
                values.push_back(list);
            } else {
                values.push_back(entry["value"]);
            }
        }
    }
    return values;
}

// The raw entries of inputs then states (a list for wildcard dependencies), in the same order.
inline std::vector<Json::Value> argument_entries(const Json::Value& body) {
    std::vector<Json::Value> entries;
    for (const char* key : {"inputs", "state"})
        for (const auto& entry : body[key]) entries.push_back(entry);
    return entries;
}

// One args_grouping leaf: the entry plus str_id and triggered (lists for wildcard dependencies).
inline Json::Value grouping_entry(const Json::Value& entry, const Json::Value& changed) {
    if (entry.isArray()) {
        Json::Value list(Json::arrayValue);
        for (const auto& item : entry) list.append(grouping_entry(item, changed));
        return list;
    }
    Json::Value leaf = entry;
    leaf["str_id"] = json::stringify_id(entry["id"]);
    const std::string prop_id = leaf["str_id"].asString() + "." + entry["property"].asString();
    bool triggered = false;
    for (const auto& id : changed) triggered = triggered || id.asString() == prop_id;
    leaf["triggered"] = triggered;
    if (!leaf.isMember("value")) leaf["value"] = Json::Value();
    return leaf;
}

}  // namespace detail

// A clientside function defined by the page's JavaScript: window.dash_clientside[namespace][name].
struct ClientsideFunction {
    std::string namespace_name;
    std::string function_name;
};

// Keyword groupings of a callback's dependencies (flexible signatures).
struct GroupedDependency {
    GroupedDependency(const Input& input) : dependency(input), is_state(false) {}
    GroupedDependency(const State& state) : dependency(state), is_state(true) {}
    Dependency dependency;
    bool is_state;
};
using OutputGroup = std::vector<std::pair<std::string, Output>>;
using InputGroup = std::vector<std::pair<std::string, GroupedDependency>>;
using GroupedFunction = std::function<Value(const Json::Value& arguments)>;

class Plugin;
namespace detail {
inline Plugin*& current_app() {
    static Plugin* app = nullptr;
    return app;
}
}  // namespace detail

// The app this plugin registers (Python's dash.get_app()); throws AppNotFoundError before init.
inline Plugin& get_app() {
    if (!detail::current_app()) throw AppNotFoundError("get_app() called before the plugin's init");
    return *detail::current_app();
}

// One plugin's view of the host during init: everything it registers goes through here.
class Plugin {
public:
    Plugin(const dash_host* host, dash_plugin_handle* handle, Json::Value config)
        : host_(host), handle_(handle), config_(std::move(config)) {}

    // The plugin's "config" object from the deployment config.
    const Json::Value& config() const { return config_; }
    // Host facts: share_dir, config_dir, debug, prefixes (see dash_host.host_info).
    Json::Value host_info() const {
        detail::StringWriter out;
        host_->host_info(handle_, &out.writer);
        return json::parse(out.text);
    }
    const dash_host* host() const { return host_; }
    dash_plugin_handle* handle() const { return handle_; }

    // Where an npm package's files are: the plugin config's "bundle_dir" if set, else the host's
    // staged copy (<share_dir>/frontend/<npm_package>) if it exists, else `fallback`.
    std::string bundle_dir(const std::string& npm_package, const std::string& fallback = "") const {
        if (config_["bundle_dir"].isString()) return config_["bundle_dir"].asString();
        const std::string staged = host_info()["share_dir"].asString() + "/frontend/" + npm_package;
        if (fallback.empty() || std::ifstream(staged + "/package.json")) return staged;
        return fallback;
    }
    // The "version" of <dir>/package.json; throws if it cannot be read.
    static std::string package_version(const std::string& dir) {
        std::ifstream file(dir + "/package.json");
        if (!file) throw std::runtime_error("cannot read " + dir + "/package.json");
        std::stringstream text;
        text << file.rdbuf();
        return json::parse(text.str())["version"].asString();
    }

    void log(dash_log_level level, const std::string& message) const {
        host_->log(handle_, level, detail::view(message));
    }

    // A static layout, serialised once.
    void layout(const Value& tree) {
        const std::string text = json::to_string(tree.json());
        check(host_->set_layout_json(handle_, detail::view(text), &errors_.writer), "layout");
    }
    // A layout function, called on every page load.
    void layout(std::function<Value()> provider) {
        auto* holder = new std::function<Value()>(std::move(provider));
        check(host_->set_layout_provider(handle_, &Plugin::call_layout, holder, &Plugin::free<std::function<Value()>>,
                                         &errors_.writer),
              "layout");
    }

    // Registers a server-side callback. Arguments: any number of Output / std::vector<Output>,
    // Input, State and an optional CallbackOptions, then the function. Several Outputs (or a
    // vector) make a multi-output callback whose function returns a std::tuple (or a JSON list).
    template <class First, class... Args,
              std::enable_if_t<!std::is_same_v<std::decay_t<First>, OutputGroup>, int> = 0>
    void callback(First&& first, Args&&... args) {
        CallbackDefinition definition;
        add_all(definition, std::forward<First>(first), std::forward<Args>(args)...);
    }

    // A clientside callback: the function runs in the browser, never on the server. The first
    // argument is ClientsideFunction{namespace, name} (a function an asset defines as
    // window.dash_clientside[namespace][name]) or the JavaScript source of the function; then
    // Outputs, Inputs, States and CallbackOptions as for callback().
    template <class... Args>
    void clientside_callback(const ClientsideFunction& function, Args&&... args) {
        CallbackDefinition definition;
        (add(definition, std::forward<Args>(args)), ...);
        register_clientside(definition, function.namespace_name, function.function_name, "");
    }
    template <class... Args>
    void clientside_callback(const std::string& javascript_source, Args&&... args) {
        CallbackDefinition definition;
        (add(definition, std::forward<Args>(args)), ...);
        register_clientside(definition, "", "", javascript_source);
    }

    // A callback with keyword groupings (Python's callback(output=dict(...), inputs=dict(...))):
    // the function receives {name: value} for every input and state and returns {name: value}
    // for the outputs it updates (a missing name is no_update). ctx().args_grouping() describes
    // each argument.
    void callback(const OutputGroup& outputs, const InputGroup& inputs, GroupedFunction function,
                  CallbackOptions options = {}) {
        CallbackDefinition definition;
        definition.options = std::move(options);
        definition.multi_output = true;
        std::vector<std::string> output_names, argument_names;
        for (const auto& [name, output] : outputs) {
            output_names.push_back(name);
            definition.outputs.push_back(output);
        }
        for (const auto& [name, dependency] : inputs) {
            argument_names.push_back(name);
            (dependency.is_state ? definition.state : definition.inputs).push_back(dependency.dependency);
        }
        // Inputs come first in the request, then states: remember where each name's value sits.
        std::vector<size_t> positions;
        size_t next_input = 0, next_state = definition.inputs.size();
        for (const auto& [name, dependency] : inputs) positions.push_back(dependency.is_state ? next_state++ : next_input++);
        auto call = [function = std::move(function), output_names, argument_names, positions](
                        const Json::Value& body, const std::vector<Json::Value>& values) -> Json::Value {
            Json::Value arguments(Json::objectValue), grouping(Json::objectValue);
            const std::vector<Json::Value> entries = detail::argument_entries(body);
            for (size_t i = 0; i < argument_names.size(); ++i) {
                arguments[argument_names[i]] = values[positions[i]];
                grouping[argument_names[i]] = detail::grouping_entry(entries[positions[i]], body["changedPropIds"]);
            }
            ctx().set_args_grouping(grouping);
            const Json::Value returned = function(arguments).json();
            if (!returned.isObject())
                throw SchemaTypeValidationError("a grouped callback must return a dict keyed by its output names");
            Json::Value list(Json::arrayValue);
            for (const auto& key : returned.getMemberNames())
                if (std::find(output_names.begin(), output_names.end(), key) == output_names.end())
                    throw SchemaKeysValidationError("returned key '" + key + "' is not an output of the callback");
            for (const auto& name : output_names)
                list.append(returned.isMember(name) ? returned[name] : no_update_json());
            return list;
        };
        register_json_callback(definition, std::move(call));
    }

    // The error handler of every callback of this app that has none of its own (Python's
    // Dash(on_error=...)).
    void on_error(ErrorHandler handler) { app_error_handler_ = std::move(handler); }

    // validation_layout: a layout holding every component callbacks may refer to, for the renderer's
    // checks of ids that are not in the initial layout (sent unless suppress_callback_exceptions).
    void validation_layout(const Value& tree) {
        const std::string text = json::to_string(tree.json());
        check(host_->set_validation_layout_json(handle_, detail::view(text), &errors_.writer), "validation_layout");
    }

    // Python's app.get_asset_url / get_relative_path / strip_relative_path, with the deployment's prefixes.
    std::string get_asset_url(const std::string& path) const {
        const Json::Value info = host_info();
        const std::optional<std::string> external =
            info["assets_external_path"].isString() ? std::optional<std::string>(info["assets_external_path"].asString())
                                                    : std::nullopt;
        return paths::get_asset_url(info["requests_pathname_prefix"].asString(), info["assets_url_path"].asString(),
                                    external, path);
    }
    std::string get_relative_path(const std::string& path) const {
        return paths::get_relative_path(host_info()["requests_pathname_prefix"].asString(), path);
    }
    std::optional<std::string> strip_relative_path(const std::optional<std::string>& path) const {
        return paths::strip_relative_path(host_info()["requests_pathname_prefix"].asString(), path);
    }

    // An HTTP route below routes_pathname_prefix.
    using RouteHandler = std::function<void(const dash_request*, dash_response*)>;
    void route(const std::string& method, const std::string& path, RouteHandler handler) {
        auto* holder = new RouteHandler(std::move(handler));
        dash_route_spec spec{};
        spec.struct_size = sizeof spec;
        spec.method = detail::view(method);
        spec.path = detail::view(path);
        spec.fn = &Plugin::call_route;
        spec.user_data = holder;
        spec.free_user_data = &Plugin::free<RouteHandler>;
        check(host_->register_route(handle_, &spec, &errors_.writer), "route " + path);
    }

    // Python's Dash.add_startup_route: a route at <prefix>_dash_startup_route/<name>.
    void startup_route(const std::string& name, const std::string& method, RouteHandler handler) {
        route(method, "_dash_startup_route/" + name, std::move(handler));
    }

    // A component library: files to serve, the children_props of its components and, optionally,
    // their prop names ({Type: {"props": [...], "wildcards": [...], "required": [...]}}).
    struct Resource {
        std::string relative_path;
        std::string file_path;
        dash_resource_kind kind = DASH_RESOURCE_JS;
        uint32_t flags = 0;
    };
    void component_library(const std::string& package_name, const std::string& url_namespace,
                           const std::string& version, const Json::Value& children_props,
                           const std::vector<Resource>& resources,
                           const Json::Value& components = Json::Value(Json::objectValue)) {
        std::vector<dash_resource> entries;
        for (const auto& resource : resources) {
            dash_resource entry{};
            entry.struct_size = sizeof entry;
            entry.kind = resource.kind;
            entry.flags = resource.flags;
            entry.relative_path = detail::view(resource.relative_path);
            entry.file_path = detail::view(resource.file_path);
            entries.push_back(entry);
        }
        const std::string children = json::to_string(children_props);
        const std::string component_props = components.empty() ? std::string() : json::to_string(components);
        dash_component_library library{};
        library.struct_size = sizeof library;
        library.package_name = detail::view(package_name);
        library.url_namespace = detail::view(url_namespace);
        library.version = detail::view(version);
        library.children_props_json = detail::view(children);
        library.resources = entries.data();
        library.resource_count = entries.size();
        library.components_json = detail::view(component_props);
        check(host_->register_component_library(handle_, &library, &errors_.writer), "component library");
    }

private:
    struct CallbackDefinition {
        std::vector<Dependency> outputs, inputs, state;
        bool multi_output = false;
        CallbackOptions options;
    };
    using CallbackFunction =
        std::function<dash_status(const Json::Value& body, const dash_host*, dash_callback_result*)>;
    struct CallbackHolder {
        const dash_host* host;
        CallbackFunction function;
    };

    void check(dash_status status, const std::string& what) {
        if (status != DASH_OK) {
            std::string message = "registering " + what + " failed: " + errors_.text;
            errors_.text.clear();
            throw std::runtime_error(message);
        }
    }

    // Outputs first, then Inputs, then States, as Python requires (IncorrectTypeException).
    static void expect_order(const CallbackDefinition& d, bool is_output, bool is_input) {
        if ((is_output && (!d.inputs.empty() || !d.state.empty())) || (is_input && !d.state.empty()))
            throw IncorrectTypeException(
                "callback arguments must be all Outputs first, then Inputs, then States, then CallbackOptions");
    }
    static void add(CallbackDefinition& d, const Output& output) {
        expect_order(d, true, false);
        if (!d.outputs.empty()) d.multi_output = true;
        d.outputs.push_back(output);
    }
    static void add(CallbackDefinition& d, const std::vector<Output>& outputs) {
        expect_order(d, true, false);
        d.multi_output = true;
        d.outputs.insert(d.outputs.end(), outputs.begin(), outputs.end());
    }
    static void add(CallbackDefinition& d, const Input& input) {
        expect_order(d, false, true);
        d.inputs.push_back(input);
    }
    static void add(CallbackDefinition& d, const std::vector<Input>& inputs) {
        expect_order(d, false, true);
        d.inputs.insert(d.inputs.end(), inputs.begin(), inputs.end());
    }
    static void add(CallbackDefinition& d, const State& state) { d.state.push_back(state); }
    static void add(CallbackDefinition& d, const std::vector<State>& states) {
        d.state.insert(d.state.end(), states.begin(), states.end());
    }
    static void add(CallbackDefinition& d, const CallbackOptions& options) { d.options = options; }

    template <class F>
    void add_all(CallbackDefinition& definition, F&& function) {
        register_callback(definition, std::forward<F>(function));
    }
    template <class First, class Second, class... Rest>
    void add_all(CallbackDefinition& definition, First&& first, Second&& second, Rest&&... rest) {
        add(definition, std::forward<First>(first));
        add_all(definition, std::forward<Second>(second), std::forward<Rest>(rest)...);
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
    static std::string dependencies_json(const std::vector<Dependency>& outputs, bool multi_output,
                                         const std::vector<Dependency>& inputs,
                                         const std::vector<Dependency>& state, const CallbackOptions& options) {
        Json::Value deps(Json::objectValue);
        deps["outputs"] = dependency_list(outputs, "allow_duplicate");
        deps["multi_output"] = multi_output;
        deps["inputs"] = dependency_list(inputs, "allow_optional");
        deps["state"] = dependency_list(state, "allow_optional");
        deps["prevent_initial_call"] = options.initial_duplicate ? Json::Value("initial_duplicate")
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
        return json::to_string(deps);
    }

    template <class F>
    void register_callback(const CallbackDefinition& definition, F&& function) {
        using Traits = detail::FunctionTraits<std::decay_t<F>>;
        using Arguments = typename Traits::Arguments;
        using Result = typename Traits::Result;
        constexpr size_t arity = std::tuple_size_v<Arguments>;
        const size_t expected = definition.inputs.size() + definition.state.size();
        if (arity != expected)
            throw IncorrectTypeException("callback function takes " + std::to_string(arity) + " arguments but " +
                                         std::to_string(expected) + " inputs and states are registered");
        if constexpr (detail::IsFuture<Decayed<Result>>::value) {
            register_async_callback<Arguments, Result>(definition, std::forward<F>(function));
        } else {
            auto call = [function = std::forward<F>(function)](const Json::Value&,
                                                                const std::vector<Json::Value>& values) mutable {
                if (values.size() != arity) throw CallbackException("Inputs do not match callback definition");
                return invoke<Arguments, Result>(function, values, std::make_index_sequence<arity>{});
            };
            register_json_callback(definition, std::move(call));
        }
    }

    // Runs produce(); an exception (not PreventUpdate) goes to the callback's on_error, else the
    // app's, when there is one. A null result means no_update everywhere.
    template <class F>
    static Json::Value handle_errors(const ErrorHandler& handler, const ErrorHandler& app_handler, F&& produce) {
        try {
            return produce();
        } catch (const PreventUpdate&) {
            throw;
        } catch (const std::exception& error) {
            const ErrorHandler& on_error = handler ? handler : app_handler;
            if (!on_error) throw;
            return on_error(error).json();
        }
    }

    // A callback returning std::future<T>: the server thread is released at once (DASH_PENDING);
    // a plugin thread waits for the future and completes the call. ctx() is only valid in the
    // synchronous part, before the future is returned.
    template <class Arguments, class Result, class F>
    void register_async_callback(const CallbackDefinition& definition, F&& function) {
        constexpr size_t arity = std::tuple_size_v<Arguments>;
        const size_t output_count = definition.outputs.size();
        const bool multi = definition.multi_output;
        ErrorHandler handler = definition.options.on_error;
        const ErrorHandler* app_handler = &app_error_handler_;
        auto call = [function = std::forward<F>(function), output_count, multi, handler, app_handler](
                        const Json::Value& body, const dash_host* host, dash_callback_result* result) mutable {
            const std::vector<Json::Value> values = detail::argument_values(body);
            if (values.size() != arity) throw CallbackException("Inputs do not match callback definition");
            Result future = call_with<Arguments>(function, values, std::make_index_sequence<arity>{});
            std::thread([future = std::move(future), host, result, output_count, multi, handler, app_handler]() mutable {
                dash_status status = DASH_OK;
                std::string message;
                try {
                    const Json::Value returned =
                        handle_errors(handler, *app_handler, [&] { return to_json(future.get()); });
                    if (!returned.isNull()) report(host, result, returned, output_count, multi);
                } catch (const PreventUpdate&) {
                    status = DASH_PREVENT_UPDATE;
                } catch (const std::exception& error) {
                    status = DASH_ERROR;
                    message = error.what();
                }
                host->result_complete(result, status, detail::view(message));
            }).detach();
            return DASH_PENDING;
        };
        register_holder(definition, std::move(call));
    }

    // Registers a callback given as a function of the request body and the argument values that
    // returns the output value(s) as JSON (a list for multi-output callbacks).
    using JsonFunction = std::function<Json::Value(const Json::Value& body, const std::vector<Json::Value>& values)>;
    void register_json_callback(const CallbackDefinition& definition, JsonFunction function) {
        const size_t output_count = definition.outputs.size();
        const bool multi = definition.multi_output;
        ErrorHandler handler = definition.options.on_error;
        const ErrorHandler* app_handler = &app_error_handler_;
        auto call = [function = std::move(function), output_count, multi, handler, app_handler](
                        const Json::Value& body, const dash_host* host, dash_callback_result* result) -> dash_status {
            const Json::Value returned =
                handle_errors(handler, *app_handler, [&] { return function(body, detail::argument_values(body)); });
            if (!returned.isNull()) report(host, result, returned, output_count, multi);
            return DASH_OK;
        };
        register_holder(definition, std::move(call));
    }

    void register_holder(const CallbackDefinition& definition, CallbackFunction call) {
        auto* holder = new CallbackHolder{host_, std::move(call)};
        const std::string deps = dependencies_json(definition.outputs, definition.multi_output, definition.inputs,
                                                   definition.state, definition.options);
        dash_callback_spec spec{};
        spec.struct_size = sizeof spec;
        spec.dependencies_json = detail::view(deps);
        spec.fn = &Plugin::call_callback;
        spec.user_data = holder;
        spec.free_user_data = &Plugin::free<CallbackHolder>;
        check(host_->register_callback(handle_, &spec, &errors_.writer), "callback");
    }

    void register_clientside(const CallbackDefinition& definition, const std::string& namespace_name,
                             const std::string& function_name, const std::string& source) {
        const std::string deps = dependencies_json(definition.outputs, definition.multi_output, definition.inputs,
                                                   definition.state, definition.options);
        dash_clientside_callback_spec spec{};
        spec.struct_size = sizeof spec;
        spec.dependencies_json = detail::view(deps);
        spec.namespace_name = detail::view(namespace_name);
        spec.function_name = detail::view(function_name);
        spec.inline_source = detail::view(source);
        check(host_->register_clientside_callback(handle_, &spec, &errors_.writer), "clientside callback");
    }

    template <class Arguments, class F, size_t... I>
    static auto call_with(F& function, const std::vector<Json::Value>& values, std::index_sequence<I...>) {
        return function(Convert<Decayed<std::tuple_element_t<I, Arguments>>>::from(values[I])...);
    }

    template <class Arguments, class Result, class F, size_t... I>
    static Json::Value invoke(F& function, const std::vector<Json::Value>& values, std::index_sequence<I...>) {
        auto convert = [&](auto tag, size_t index) {
            using T = typename decltype(tag)::type;
            try {
                return Convert<Decayed<T>>::from(values[index]);
            } catch (const ConversionError& error) {
                throw ConversionError("argument " + std::to_string(index + 1) + ": " + error.what());
            }
        };
        if constexpr (std::is_void_v<Result>) {
            function(convert(std::common_type<std::tuple_element_t<I, Arguments>>{}, I)...);
            return no_update_json();
        } else {
            Result returned = function(convert(std::common_type<std::tuple_element_t<I, Arguments>>{}, I)...);
            if constexpr (detail::IsTuple<Decayed<Result>>::value) {
                Json::Value list(Json::arrayValue);
                std::apply([&](const auto&... items) { (list.append(to_json(items)), ...); }, returned);
                return list;
            } else {
                return to_json(returned);
            }
        }
    }

    static void set_output(const dash_host* host, dash_callback_result* result, uint32_t index,
                           const Json::Value& value) {
        if (is_no_update(value)) return;
        const std::string text = json::to_string(value);
        if (host->result_set_output(result, index, detail::view(text)) != DASH_OK)
            throw InvalidCallbackReturnValue("the host refused the value of output " + std::to_string(index));
    }

    static void report(const dash_host* host, dash_callback_result* result, const Json::Value& returned,
                       size_t output_count, bool multi) {
        if (output_count == 0 || is_no_update(returned)) return;
        if (!multi) return set_output(host, result, 0, returned);
        if (!returned.isArray() || returned.size() != output_count)
            throw InvalidCallbackReturnValue("the callback has " + std::to_string(output_count) +
                                             " outputs and must return as many values (a std::tuple or a list), got " +
                                             json::to_string(returned));
        for (uint32_t i = 0; i < output_count; ++i) set_output(host, result, i, returned[i]);
    }

    static dash_status call_callback(void* user_data, dash_str request_json, const dash_request* request,
                                     dash_callback_result* result, dash_writer* error_message) {
        auto* holder = static_cast<CallbackHolder*>(user_data);
        return detail::guarded(error_message, [&] {
            Json::Value body = json::parse(std::string_view(request_json.ptr, request_json.len));
            CallbackContext context(holder->host, request, result, body);
            struct Scope {
                explicit Scope(CallbackContext* c) { detail::current_context() = c; }
                ~Scope() { detail::current_context() = nullptr; }
            } scope(&context);
            return holder->function(body, holder->host, result);
        });
    }

    static dash_status call_layout(void* user_data, const dash_request*, dash_writer* out, dash_writer* error_message) {
        auto* provider = static_cast<std::function<Value()>*>(user_data);
        return detail::guarded(error_message, [&] {
            const std::string text = json::to_string((*provider)().json());
            out->write(out->context, text.data(), text.size());
        });
    }

    static dash_status call_route(void* user_data, const dash_request* request, dash_response* response) {
        auto* handler = static_cast<RouteHandler*>(user_data);
        return detail::guarded(nullptr, [&] { (*handler)(request, response); });
    }

    template <class T>
    static void free(void* pointer) {
        delete static_cast<T*>(pointer);
    }

    const dash_host* host_;
    dash_plugin_handle* handle_;
    Json::Value config_;
    detail::StringWriter errors_;
    ErrorHandler app_error_handler_;
};

// The user's app is a plugin: same class, friendlier name.
using App = Plugin;

namespace detail {

using SetupFunction = void (*)(Plugin&);

struct PluginState {
    std::unique_ptr<Plugin> plugin;
};

template <SetupFunction Setup>
dash_status init_plugin(const dash_host* host, dash_plugin_handle* handle, dash_str config_json, void** state,
                        dash_writer* error_message) {
    if (!host || host->struct_size < sizeof(dash_host)) {
        write_message(error_message, "the host's table is older than this plugin's SDK");
        return DASH_UNSUPPORTED;
    }
    return guarded(error_message, [&] {
        Json::Value config = config_json.len ? json::parse(std::string_view(config_json.ptr, config_json.len))
                                             : Json::Value(Json::objectValue);
        auto plugin_state = std::make_unique<PluginState>();
        plugin_state->plugin = std::make_unique<Plugin>(host, handle, std::move(config));
        current_app() = plugin_state->plugin.get();
        Setup(*plugin_state->plugin);
        *state = plugin_state.release();
    });
}

inline void deinit_plugin(void* state) {
    current_app() = nullptr;
    delete static_cast<PluginState*>(state);
}

// Splits "a b c" into a static NULL-terminated array of ids.
inline const char* const* dependency_array(const char* ids) {
    static std::vector<std::string> storage;
    static std::vector<const char*> pointers;
    if (pointers.empty()) {
        std::string text(ids ? ids : "");
        size_t start = 0;
        while (start < text.size()) {
            size_t end = text.find_first_of(" ,", start);
            if (end == std::string::npos) end = text.size();
            if (end > start) storage.push_back(text.substr(start, end - start));
            start = end + 1;
        }
        for (const auto& id : storage) pointers.push_back(id.c_str());
        pointers.push_back(nullptr);
    }
    return pointers.data();
}

template <SetupFunction Setup>
const dash_plugin_descriptor* make_descriptor(const char* id, const char* name, const char* version,
                                              const char* dependencies, uint32_t flags) {
    static dash_plugin_descriptor descriptor = [&] {
        dash_plugin_descriptor d{};
        d.struct_size = sizeof d;
        d.build_fingerprint = DASH_BUILD_FINGERPRINT;
        d.abi_major = DASH_ABI_MAJOR;
        d.abi_minor = DASH_ABI_MINOR;
        d.flags = flags;
        d.id = id;
        d.name = name;
        d.version = version;
        d.dependencies = dependency_array(dependencies);
        d.init = &init_plugin<Setup>;
        d.deinit = &deinit_plugin;
        d.get_extension = nullptr;
        return d;
    }();
    return &descriptor;
}

}  // namespace detail
}  // namespace dash

// Exports the plugin's entry symbol. ID is reverse-DNS ("com.example.sales"), DEPENDENCIES a string
// of plugin ids separated by spaces ("" for none), SETUP a function void(dash::Plugin&).
//
// Built with DASH_PLUGIN_IN_PROCESS defined, the same source instead defines the non-exported
// dash_in_process_entry(), which core's in-process main() hands to the host: the app is then
// compiled into the executable but still registers through the plugin path.
#ifdef DASH_PLUGIN_IN_PROCESS
#define DASH_PLUGIN_ENTRY_DECLARATION const dash_plugin_descriptor* dash_in_process_entry(void)
#else
#define DASH_PLUGIN_ENTRY_DECLARATION extern "C" DASH_PLUGIN_EXPORT const dash_plugin_descriptor* dash_plugin_entry(void)
#endif

#define DASH_PLUGIN(ID, NAME, VERSION, DEPENDENCIES, SETUP)                                       \
    DASH_PLUGIN_ENTRY_DECLARATION {                                                               \
        return ::dash::detail::make_descriptor<&SETUP>(ID, NAME, VERSION, DEPENDENCIES, 0u);      \
    }

// Same, for a plugin whose callbacks must never run concurrently.
#define DASH_PLUGIN_SERIALIZED_ENTRY(ID, NAME, VERSION, DEPENDENCIES, SETUP)                      \
    DASH_PLUGIN_ENTRY_DECLARATION {                                                               \
        return ::dash::detail::make_descriptor<&SETUP>(ID, NAME, VERSION, DEPENDENCIES,           \
                                                       DASH_PLUGIN_SERIALIZED);                   \
    }
