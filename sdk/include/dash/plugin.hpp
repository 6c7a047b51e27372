// dash/plugin.hpp: write a dashcpp plugin in C++. dash::Plugin (alias dash::App) is the
// registration API: layouts, callbacks, routes, component libraries and services, with lambdas;
// DASH_PLUGIN (dash/entry.hpp, included at the end) exports the one C entry symbol. Header-only: a
// plugin links only JsonCpp, never the host. Every call from the host into this layer runs through
// detail::guarded, so no exception crosses the ABI.
//
// The jobs live in their own headers: dash/detail/traits.hpp (signatures), dash/arguments.hpp
// (reading the request body), dash/detail/callback_runner.hpp (converting, on_error, reporting),
// dash/async.hpp (the pool for std::future callbacks), dash/http.hpp (Request/Response),
// dash/services.hpp (typed service tables), dash/package.hpp, dash/entry.hpp (the entry macros).
#pragma once

#include <dash/arguments.hpp>
#include <dash/async.hpp>
#include <dash/callback.hpp>
#include <dash/detail/callback_runner.hpp>
#include <dash/detail/guard.hpp>
#include <dash/detail/traits.hpp>
#include <dash/grouping.hpp>
#include <dash/http.hpp>
#include <dash/package.hpp>
#include <dash/paths.hpp>
#include <dash/services.hpp>
#include <dash/settings.hpp>
#include <dash/writer.hpp>

#include <algorithm>
#include <fstream>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace dash {

// A clientside function defined by the page's JavaScript: window.dash_clientside[namespace][name].
struct ClientsideFunction {
    std::string namespace_name;
    std::string function_name;
};

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

// One plugin's view of the host: everything it registers goes through here (during init).
class Plugin {
public:
    Plugin(const dash_host* host, dash_plugin_handle* handle, Json::Value config)
        : host_(host),
          handle_(handle),
          hooks_(static_cast<const dash_hooks_v1*>(host->get_extension(handle, DASH_EXT_HOOKS))),
          config_(std::move(config)) {}

    // The plugin's "config" object from the deployment config.
    const Json::Value& config() const { return config_; }
    // Host facts: share_dir, config_dir, debug, prefixes, plugins (see dash_host.host_info).
    Json::Value host_info() const {
        StringWriter out;
        host_->host_info(handle_, &out.writer);
        return json::parse(out.text);
    }
    const dash_host* host() const { return host_; }
    dash_plugin_handle* handle() const { return handle_; }
    // The host's dash.hooks/1 table, or nullptr.
    const dash_hooks_v1* hooks_extension() const { return hooks_; }

    // The app's layout as the renderer would get it now (a layout function is called as for a plain
    // GET of _dash-layout); nullopt while no plugin has set one. For setup hooks: Python's
    // `if not app.layout: app.layout = ...`. Throws when the host is too old or the function fails.
    std::optional<Value> app_layout() const {
        if (!hooks_ || hooks_->struct_size < offsetof(dash_hooks_v1, app_layout) + sizeof hooks_->app_layout)
            throw std::runtime_error("this host cannot tell the app's layout (" DASH_EXT_HOOKS " without app_layout)");
        StringWriter out;
        const dash_status status = hooks_->app_layout(handle_, &out.writer);
        if (status == DASH_INVALID_STATE) return std::nullopt;
        if (status != DASH_OK) throw std::runtime_error(out.text);
        return Value(json::parse(out.text));
    }

    // Where an npm package's files are: the plugin config's "bundle_dir" if set, else the host's
    // staged copy (<share_dir>/frontend/<npm_package>) if it exists, else `fallback`.
    std::string bundle_dir(const std::string& npm_package, const std::string& fallback = "") const {
        if (config_["bundle_dir"].isString()) return config_["bundle_dir"].asString();
        const std::string staged = host_info()["share_dir"].asString() + "/frontend/" + npm_package;
        if (fallback.empty() || std::ifstream(staged + "/package.json")) return staged;
        return fallback;
    }
    // The "version" of <dir>/package.json (dash::package_version); throws if it cannot be read.
    static std::string package_version(const std::string& dir) { return dash::package_version(dir); }

    void log(dash_log_level level, const std::string& message) const { host_->log(handle_, level, view(message)); }

    // A static layout, serialised once.
    void layout(const Value& tree) {
        const std::string text = json::to_string(tree.json());
        check(host_->set_layout_json(handle_, view(text), &errors_.writer), "layout");
    }
    // A layout function, called on every page load.
    void layout(std::function<Value()> provider) {
        using Provider = std::function<Value()>;
        auto* holder = new Provider(std::move(provider));
        check(host_->set_layout_provider(handle_, &Plugin::call_layout, holder, &detail::free_holder<Provider>,
                                         &errors_.writer),
              "layout");
    }

    // Registers a server-side callback. Arguments: any number of Output / std::vector<Output>,
    // Input, State and an optional CallbackOptions, then the function. Several Outputs (or a
    // vector) make a multi-output callback whose function returns a std::tuple (or a JSON list).
    // A function returning std::future<T> is asynchronous: the server thread is released at once.
    template <class First, class... Args, std::enable_if_t<!std::is_same_v<std::decay_t<First>, OutputGroup>, int> = 0>
    void callback(First&& first, Args&&... args) {
        static_assert(sizeof...(Args) > 0, "dash: a callback needs its dependencies and then a function");
        if constexpr (sizeof...(Args) > 0) {
            if constexpr (checked_signature<First, Args...>()) {
                detail::CallbackDefinition definition;
                add_all(definition, std::forward<First>(first), std::forward<Args>(args)...);
            }
        }
    }
    // Python's list form: app.callback({Output("a", "children"), Output("b", "children")}, Input(...), fn).
    template <class... Args>
    void callback(std::initializer_list<Output> outputs, Args&&... args) {
        static_assert(sizeof...(Args) > 0, "dash: a callback needs its dependencies and then a function");
        if constexpr (sizeof...(Args) > 0) {
            if constexpr (checked_signature<std::vector<Output>, Args...>()) {
                detail::CallbackDefinition definition;
                definition.add(std::vector<Output>(outputs));
                add_all(definition, std::forward<Args>(args)...);
            }
        }
    }

    // A clientside callback: the function runs in the browser, never on the server. The first
    // argument is ClientsideFunction{namespace, name} (a function an asset defines as
    // window.dash_clientside[namespace][name]) or the JavaScript source of the function; then
    // Outputs, Inputs, States and CallbackOptions as for callback().
    template <class... Args>
    void clientside_callback(const ClientsideFunction& function, Args&&... args) {
        detail::CallbackDefinition definition;
        (definition.add(std::forward<Args>(args)), ...);
        register_clientside(definition, function.namespace_name, function.function_name, "");
    }
    template <class... Args>
    void clientside_callback(const std::string& javascript_source, Args&&... args) {
        detail::CallbackDefinition definition;
        (definition.add(std::forward<Args>(args)), ...);
        register_clientside(definition, "", "", javascript_source);
    }

    // A callback with flexible signatures (Python's callback(output=dict(...), inputs=dict(...)),
    // nested dicts and tuples of any depth; dash/grouping.hpp): the function receives the values
    // arranged like `inputs` and returns the outputs' values arranged like `outputs` (exactly its
    // keys and lengths, else SchemaKeys/Length/TypeValidationError; no_update for all of them, or
    // for any leaf). ctx().args_grouping() and outputs_grouping() describe each leaf.
    void callback(const OutputGroup& outputs, const InputGroup& inputs, GroupedFunction function,
                  CallbackOptions options = {}) {
        detail::CallbackDefinition definition;
        definition.options = std::move(options);
        // A single Output is a plain output; any dict or list makes a list of outputs (Python).
        definition.multi_output = outputs.kind() != OutputGroup::Kind::leaf;
        outputs.for_each_leaf([&](const Output& output) { definition.outputs.push_back(output); });
        // Inputs come first in the request, then states: the flat index of each leaf's value.
        inputs.for_each_leaf([&](const GroupedDependency& leaf) {
            if (!leaf.is_state) definition.inputs.push_back(leaf.dependency);
        });
        std::vector<size_t> positions;
        size_t next_input = 0, next_state = definition.inputs.size();
        inputs.for_each_leaf([&](const GroupedDependency& leaf) {
            if (leaf.is_state) definition.state.push_back(leaf.dependency);
            positions.push_back(leaf.is_state ? next_state++ : next_input++);
        });
        auto call = [function = std::move(function), outputs, inputs,
                     positions](const detail::CallInput& input) -> detail::Reported {
            if (input.arguments.size() != positions.size())
                throw CallbackException("Inputs do not match callback definition");
            const Json::Value arguments =
                inputs.map([&](size_t leaf) { return json::parse(input.arguments[positions[leaf]]); });
            // ctx()'s groupings: arranged from the flat leaves only if the callback asks for them.
            ctx().set_groupings(
                [&inputs, &positions](const Json::Value& flat) {
                    return inputs.map(
                        [&](size_t leaf) { return flat[static_cast<Json::ArrayIndex>(positions[leaf])]; });
                },
                inputs.is_grouped(),
                [&outputs](const Json::Value& sent) {
                    return outputs.map(
                        [&](size_t leaf) { return sent.isArray() ? sent[static_cast<Json::ArrayIndex>(leaf)] : sent; });
                },
                outputs.is_grouped());
            return detail::Reported::from_tree(function(arguments).json());
        };
        // The returned grouping (the function's or an on_error handler's) becomes the list of values.
        auto reshape = [outputs](detail::Reported returned) {
            if (outputs.kind() == OutputGroup::Kind::leaf || is_no_update(returned.tree) ||
                (returned.null_is_no_update && returned.tree.isNull()))
                return returned;
            Json::Value list(Json::arrayValue);
            for (auto& value : outputs.flatten(returned.tree)) list.append(std::move(value));
            returned.tree = std::move(list);
            return returned;
        };
        register_json_callback(definition, std::move(call), std::move(reshape));
    }

    // The error handler of every callback of this app that has none of its own (Python's
    // Dash(on_error=...)).
    void on_error(ErrorHandler handler) { app_error_handler_ = std::move(handler); }

    // How many threads finish asynchronous (std::future) callbacks of this plugin; more pending
    // calls wait in a queue. Default: the plugin config's "async_threads", else 8. Set it before
    // the first asynchronous call.
    void async_threads(size_t count) { async_threads_ = count ? count : 1; }

    // The app's own settings (Python's Dash(title=..., ...); dash/settings.hpp), during setup():
    // they beat DASH_* variables; the deployment config's "app" section beats them (logged).
    void settings(const Settings& settings) {
        if (host_->struct_size < offsetof(dash_host, set_app_options) + sizeof(host_->set_app_options))
            throw std::runtime_error("app settings from code need a host of ABI 1.4 or later; this one is " +
                                     std::to_string(host_->abi_major) + "." + std::to_string(host_->abi_minor) +
                                     ": set them in the deployment config's \"app\" section");
        const std::string text = json::to_string(settings.json());
        check(host_->set_app_options(handle_, view(text), &errors_.writer), "app settings");
    }

    // Loads every plugin file directly in `folder` (relative to the deployment config; names starting
    // with "_" or "." skipped) once the plugins being set up now are, and sets them up after them:
    // a folder of page plugins, say. During setup().
    void load_plugin_folder(const std::string& folder) {
        if (host_->struct_size < offsetof(dash_host, load_plugin_folder) + sizeof(host_->load_plugin_folder))
            throw std::runtime_error("a folder of plugins needs a host of ABI 1.5 or later; this one is " +
                                     std::to_string(host_->abi_major) + "." + std::to_string(host_->abi_minor) +
                                     ": list the plugins in the deployment config");
        check(host_->load_plugin_folder(handle_, view(folder), &errors_.writer), "plugin folder");
    }

    // validation_layout: a layout holding every component callbacks may refer to, for the renderer's
    // checks of ids that are not in the initial layout (sent unless suppress_callback_exceptions).
    void validation_layout(const Value& tree) {
        const std::string text = json::to_string(tree.json());
        check(host_->set_validation_layout_json(handle_, view(text), &errors_.writer), "validation_layout");
    }

    // Python's app.get_asset_url / get_relative_path / strip_relative_path, with the deployment's prefixes.
    std::string get_asset_url(const std::string& path) const {
        const Json::Value info = host_info();
        const std::optional<std::string> external =
            info["assets_external_path"].isString()
                ? std::optional<std::string>(info["assets_external_path"].asString())
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

    // An HTTP route below routes_pathname_prefix: method "GET", "POST", ... or "*"; a path ending
    // in "*" matches every path that starts with the rest. An exception answers 500 and is logged.
    using RouteHandler = std::function<void(const Request&, Response&)>;
    void route(const std::string& method, const std::string& path, RouteHandler handler) {
        auto* holder = new RouteHolder{this, path, std::move(handler)};
        dash_route_spec spec{};
        spec.struct_size = sizeof spec;
        spec.method = view(method);
        spec.path = view(path);
        spec.fn = &Plugin::call_route;
        spec.user_data = holder;
        spec.free_user_data = &detail::free_holder<RouteHolder>;
        check(host_->register_route(handle_, &spec, &errors_.writer), "route " + path);
    }

    // Python's Dash.add_startup_route: a route at <prefix>_dash_startup_route/<name>.
    void startup_route(const std::string& name, const std::string& method, RouteHandler handler) {
        route(method, "_dash_startup_route/" + name, std::move(handler));
    }

    // Offers a service table to other plugins and the host under ServiceTraits<T>::id. The table is
    // copied and kept (with `owner`, typically the object its `self` points to) until the plugin
    // is de-initialised.
    template <class T>
    void register_service(const T& table, std::shared_ptr<void> owner = nullptr) {
        register_service(ServiceTraits<T>::id, table, std::move(owner));
    }
    template <class T>
    void register_service(const char* id, const T& table, std::shared_ptr<void> owner = nullptr) {
        auto copy = std::make_shared<const T>(table);
        const dash_status status = host_->register_service(handle_, id, copy.get());
        if (status != DASH_OK)
            throw DashException("registering service '" + std::string(id) + "' failed (status " +
                                std::to_string(status) + "): another plugin provides it, or init is over");
        kept_.push_back(std::move(copy));
        if (owner) kept_.push_back(std::move(owner));
    }
    // Keeps an object alive until this plugin is de-initialised: the state behind a function this
    // plugin hands to another one's service (a page's layout, say).
    void keep(std::shared_ptr<const void> object) { kept_.push_back(std::move(object)); }
    // The table another plugin offers under ServiceTraits<T>::id (a copy; fields a provider built
    // against an older header lacks are zero), or nullopt.
    template <class T>
    std::optional<T> find_service() const {
        return find_service<T>(ServiceTraits<T>::id);
    }
    template <class T>
    std::optional<T> find_service(const char* id) const {
        return detail::read_table<T>(host_->find_service(handle_, id));
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
            entry.relative_path = view(resource.relative_path);
            entry.file_path = view(resource.file_path);
            entries.push_back(entry);
        }
        const std::string children = json::to_string(children_props);
        const std::string component_props = components.empty() ? std::string() : json::to_string(components);
        dash_component_library library{};
        library.struct_size = sizeof library;
        library.package_name = view(package_name);
        library.url_namespace = view(url_namespace);
        library.version = view(version);
        library.children_props_json = view(children);
        library.resources = entries.data();
        library.resource_count = entries.size();
        library.components_json = view(component_props);
        check(host_->register_component_library(handle_, &library, &errors_.writer), "component library");
    }

private:
    struct RouteHolder {
        Plugin* plugin;
        std::string path;
        RouteHandler handler;
    };

    void check(dash_status status, const std::string& what) {
        if (status != DASH_OK) {
            std::string message = "registering " + what + " failed: " + errors_.text;
            errors_.text.clear();
            throw std::runtime_error(message);
        }
    }

    // Compile-time checks of a callback(...) call, each failing with one sentence: the function
    // (last argument) must have readable parameter types, and as many parameters as there are
    // Inputs and States (when their number is known at compile time: no vectors of them).
    template <class T>
    static constexpr int dependency_weight() {
        using D = std::decay_t<T>;
        if constexpr (std::is_same_v<D, Input> || std::is_same_v<D, State>)
            return 1;
        else if constexpr (std::is_same_v<D, std::vector<Input>> || std::is_same_v<D, std::vector<State>>)
            return -1000;  // counted at run time
        else
            return 0;
    }
    template <class... Args>
    static constexpr bool checked_signature() {
        using Function = std::decay_t<std::tuple_element_t<sizeof...(Args) - 1, std::tuple<Args...>>>;
        constexpr bool readable = detail::HasCallSignature<Function>::value;
        static_assert(readable,
                      "dash: the callback function needs explicit parameter types (a generic lambda's auto "
                      "parameters cannot be converted from JSON): take const dash::Value& or the type you expect");
        if constexpr (readable) {
            constexpr int dependencies = (0 + ... + dependency_weight<Args>());
            constexpr int arity =
                static_cast<int>(std::tuple_size_v<typename detail::FunctionTraits<Function>::Arguments>);
            static_assert(dependencies < 0 || arity == dependencies,
                          "dash: the callback function must take one parameter per Input and then per State, in "
                          "the order they are registered");
            return dependencies < 0 || arity == dependencies;
        }
        return false;
    }

    template <class F>
    void add_all(detail::CallbackDefinition& definition, F&& function) {
        register_callback(definition, std::forward<F>(function));
    }
    template <class First, class Second, class... Rest>
    void add_all(detail::CallbackDefinition& definition, First&& first, Second&& second, Rest&&... rest) {
        definition.add(std::forward<First>(first));
        add_all(definition, std::forward<Second>(second), std::forward<Rest>(rest)...);
    }

    template <class F>
    void register_callback(const detail::CallbackDefinition& definition, F&& function) {
        using Traits = detail::FunctionTraits<std::decay_t<F>>;
        using Arguments = typename Traits::Arguments;
        using Result = typename Traits::Result;
        constexpr size_t arity = std::tuple_size_v<Arguments>;
        const size_t expected = definition.inputs.size() + definition.state.size();
        if (arity != expected)
            throw IncorrectTypeException("callback function takes " + std::to_string(arity) + " arguments but " +
                                         std::to_string(expected) + " inputs and states are registered");
        // Every argument is converted, and its JSON checked, before the function runs.
        detail::CallbackDefinition checked = definition;
        checked.checks_arguments = true;
        if constexpr (detail::IsFuture<Decayed<Result>>::value) {
            register_async_callback<Arguments, Decayed<Result>>(checked, std::forward<F>(function));
        } else {
            auto call = [function = std::forward<F>(function), names = definition.argument_names(),
                         outputs = definition.output_names()](const detail::CallInput& input) mutable {
                try {
                    return detail::invoke<Arguments, Result>(function, input.arguments);
                } catch (const ConversionError& error) {
                    detail::throw_named(error, names, outputs);
                }
            };
            register_json_callback(checked, std::move(call));
        }
    }

    // A callback returning std::future<T>: the server thread is released at once (DASH_PENDING);
    // a thread of the plugin's bounded pool waits for the future and completes the call. ctx() is
    // only valid in the synchronous part, before the future is returned.
    template <class Arguments, class Future, class F>
    void register_async_callback(const detail::CallbackDefinition& definition, F&& function) {
        constexpr size_t arity = std::tuple_size_v<Arguments>;
        const detail::OutputShape shape{definition.outputs.size(), definition.multi_output};
        ErrorHandler handler = definition.options.on_error;
        auto call = [this, function = std::forward<F>(function), shape, handler, names = definition.argument_names(),
                     outputs = definition.output_names()](const detail::CallInput& input, const dash_host* host,
                                                          dash_callback_result* result) mutable {
            const std::vector<std::string_view>& values = input.arguments;
            if (values.size() != arity) throw CallbackException("Inputs do not match callback definition");
            std::shared_ptr<Future> future;
            try {
                future = std::make_shared<Future>(
                    detail::call_with<Arguments>(function, values, std::make_index_sequence<arity>{}));
            } catch (const ConversionError& error) {
                detail::throw_named(error, names, outputs);
            }
            pool().submit([this, future, host, result, shape, handler] {
                StringWriter message;
                const dash_status status = detail::guarded(&message.writer, [&] {
                    const detail::Reported returned = detail::handle_errors(
                        handler, app_error_handler_, [&] { return detail::reported_from(future->get()); });
                    detail::report(host, result, returned, shape);
                });
                host->result_complete(result, status, view(message.text));
            });
            return DASH_PENDING;
        };
        register_holder(definition, std::move(call));
    }

    // Registers a callback given as a function of the prepared call (body and argument texts) that
    // returns the output value(s) as JSON (a list for multi-output callbacks).
    using JsonFunction = std::function<detail::Reported(const detail::CallInput& input)>;
    // reshape, when set, turns what the function (or an error handler) returned into the outputs'
    // values, outside the error handling (as Python checks a grouped return after on_error ran).
    void register_json_callback(const detail::CallbackDefinition& definition, JsonFunction function,
                                std::function<detail::Reported(detail::Reported)> reshape = nullptr) {
        const detail::OutputShape shape{definition.outputs.size(), definition.multi_output};
        ErrorHandler handler = definition.options.on_error;
        auto call = [this, function = std::move(function), shape, handler, reshape = std::move(reshape)](
                        const detail::CallInput& input, const dash_host* host,
                        dash_callback_result* result) -> dash_status {
            detail::Reported returned =
                detail::handle_errors(handler, app_error_handler_, [&] { return function(input); });
            if (reshape) returned = reshape(std::move(returned));
            detail::report(host, result, returned, shape);
            return DASH_OK;
        };
        register_holder(definition, std::move(call));
    }

    void register_holder(const detail::CallbackDefinition& definition, detail::CallbackFunction call) {
        auto* holder = new detail::CallbackHolder{host_, std::move(call)};
        const std::string deps = definition.dependencies_json();
        dash_callback_spec spec{};
        spec.struct_size = sizeof spec;
        spec.dependencies_json = view(deps);
        spec.fn = nullptr;  // this SDK needs a host of ABI 1.2, which calls prepared_fn
        spec.prepared_fn = &detail::call_prepared;
        spec.user_data = holder;
        spec.free_user_data = &detail::free_holder<detail::CallbackHolder>;
        check(host_->register_callback(handle_, &spec, &errors_.writer), "callback");
    }

    void register_clientside(const detail::CallbackDefinition& definition, const std::string& namespace_name,
                             const std::string& function_name, const std::string& source) {
        const std::string deps = definition.dependencies_json();
        dash_clientside_callback_spec spec{};
        spec.struct_size = sizeof spec;
        spec.dependencies_json = view(deps);
        spec.namespace_name = view(namespace_name);
        spec.function_name = view(function_name);
        spec.inline_source = view(source);
        check(host_->register_clientside_callback(handle_, &spec, &errors_.writer), "clientside callback");
    }

    detail::WaitPool& pool() {
        std::call_once(pool_once_, [this] {
            size_t threads = async_threads_;
            if (!threads) threads = config_["async_threads"].isUInt() ? config_["async_threads"].asUInt() : 8;
            pool_ = std::make_unique<detail::WaitPool>(threads);
        });
        return *pool_;
    }

    static dash_status call_layout(void* user_data, const dash_request*, dash_writer* out, dash_writer* error_message) {
        auto* provider = static_cast<std::function<Value()>*>(user_data);
        return detail::guarded(error_message, [&] {
            const std::string text = json::to_string((*provider)().json());
            out->write(out->context, text.data(), text.size());
        });
    }

    static dash_status call_route(void* user_data, const dash_request* request, dash_response* response) {
        auto* holder = static_cast<RouteHolder*>(user_data);
        const Plugin& plugin = *holder->plugin;
        // Routes have no error writer in the ABI: the message goes to the host's log.
        const detail::ErrorSink sink{nullptr, [&](const std::string& message) {
                                         plugin.log(DASH_LOG_ERROR, "route '" + holder->path + "': " + message);
                                     }};
        return detail::guarded(sink, [&] {
            const Request req(plugin.host_, request);
            Response res(plugin.host_, response, plugin.hooks_);
            holder->handler(req, res);
        });
    }

    const dash_host* host_;
    dash_plugin_handle* handle_;
    const dash_hooks_v1* hooks_;
    Json::Value config_;
    StringWriter errors_;
    ErrorHandler app_error_handler_;
    std::vector<std::shared_ptr<const void>> kept_;  // service tables and their owners
    size_t async_threads_ = 0;
    std::once_flag pool_once_;
    // Declared last, destroyed first: pending asynchronous calls finish while the rest is alive.
    std::unique_ptr<detail::WaitPool> pool_;
};

// The user's app is a plugin: same class, friendlier name.
using App = Plugin;

}  // namespace dash

#include <dash/entry.hpp>
