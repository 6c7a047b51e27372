// RegisteredFunction (a function a plugin registered) and the one registration path: user data is
// freed exactly once whatever happens, calls are serialised for DASH_PLUGIN_SERIALIZED plugins.
#include "app/app_state.hpp"
#include "plugins/handles.hpp"
#include "plugins/host_table.hpp"
#include "plugins/registered_function.hpp"

#include <dash/writer.hpp>

#include <boost/test/unit_test.hpp>

using namespace dash::core;

namespace {

struct Counter {
    int frees = 0;
    int calls = 0;
    bool lock_was_free = false;
    PluginInstance* owner = nullptr;
};

void count_free(void* data) { ++static_cast<Counter*>(data)->frees; }

dash_status probe_route(void* data, const dash_request*, dash_response*) {
    auto* counter = static_cast<Counter*>(data);
    ++counter->calls;
    // try_lock succeeds only when the host did not take the plugin's call mutex around the call.
    if (counter->owner && counter->owner->call_mutex.try_lock()) {
        counter->lock_was_free = true;
        counter->owner->call_mutex.unlock();
    }
    return DASH_OK;
}

std::shared_ptr<PluginInstance> plugin_in_init(AppState& app, uint32_t flags = 0) {
    auto plugin = std::make_shared<PluginInstance>();
    plugin->id = "org.dashcpp.tests.registration";
    plugin->descriptor.flags = flags;
    plugin->app = &app;
    plugin->registering = true;
    app.plugins.push_back(plugin);
    return plugin;
}

dash_route_spec route_spec(const char* path, Counter& counter) {
    dash_route_spec spec{};
    spec.struct_size = sizeof spec;
    spec.method = dash::view("GET");
    spec.path = dash::view(path);
    spec.fn = &probe_route;
    spec.user_data = &counter;
    spec.free_user_data = &count_free;
    return spec;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(registered_function)

BOOST_AUTO_TEST_CASE(frees_once_when_dropped_moved_or_reset) {
    Counter counter;
    {
        RegisteredFunction<dash_route_fn> first(&probe_route, &counter, &count_free);
        RegisteredFunction<dash_route_fn> second(std::move(first));
        BOOST_TEST(!first);
        BOOST_TEST(static_cast<bool>(second));
        RegisteredFunction<dash_route_fn> third;
        third = std::move(second);
        BOOST_TEST(counter.frees == 0);
    }
    BOOST_TEST(counter.frees == 1);
    RegisteredFunction<dash_route_fn> again(&probe_route, &counter, &count_free);
    again.reset();
    again.reset();
    BOOST_TEST(counter.frees == 2);
    RegisteredFunction<dash_route_fn> replaced(&probe_route, &counter, &count_free);
    replaced = RegisteredFunction<dash_route_fn>();  // assigning over it frees the old user data
    BOOST_TEST(counter.frees == 3);
}

BOOST_AUTO_TEST_CASE(passes_its_user_data_and_serialises_only_serialized_plugins) {
    AppState app{DeploymentConfig{}};
    for (const uint32_t flags : {0u, static_cast<unsigned>(DASH_PLUGIN_SERIALIZED)}) {
        auto plugin = plugin_in_init(app, flags);
        Counter counter;
        counter.owner = plugin.get();
        RegisteredFunction<dash_route_fn> fn(&probe_route, &counter, nullptr);
        fn.set_owner(plugin);
        BOOST_TEST(fn.owner_id() == "org.dashcpp.tests.registration");
        BOOST_TEST(fn(nullptr, nullptr) == DASH_OK);
        BOOST_TEST(counter.calls == 1);
        BOOST_TEST(counter.lock_was_free == (flags == 0));
    }
}

BOOST_AUTO_TEST_CASE(keeps_the_plugin_alive_while_it_lives) {
    auto plugin = std::make_shared<PluginInstance>();
    std::weak_ptr<PluginInstance> watch = plugin;
    Counter counter;
    RegisteredFunction<dash_route_fn> fn(&probe_route, &counter, &count_free);
    fn.set_owner(std::move(plugin));
    BOOST_TEST(!watch.expired());
    fn.reset();
    BOOST_TEST(watch.expired());
    BOOST_TEST(counter.frees == 1);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(registration_path)

BOOST_AUTO_TEST_CASE(a_registered_route_is_freed_with_the_app) {
    Counter counter;
    {
        AppState app{DeploymentConfig{}};
        auto plugin = plugin_in_init(app);
        const dash_route_spec spec = route_spec("export", counter);
        dash::StringWriter errors;
        BOOST_TEST(host_table()->register_route(&plugin->handle, &spec, &errors.writer) == DASH_OK);
        BOOST_TEST(app.routes.size() == 1u);
        BOOST_TEST(app.routes.front()->fn.owner_id() == "org.dashcpp.tests.registration");
        BOOST_TEST(counter.frees == 0);
    }
    BOOST_TEST(counter.frees == 1);
}

BOOST_AUTO_TEST_CASE(a_refused_registration_frees_the_user_data_and_says_why) {
    AppState app{DeploymentConfig{}};
    auto plugin = plugin_in_init(app);
    Counter counter;
    dash::StringWriter errors;
    // Reserved path.
    dash_route_spec spec = route_spec("_dash-layout", counter);
    BOOST_TEST(host_table()->register_route(&plugin->handle, &spec, &errors.writer) == DASH_ALREADY_EXISTS);
    BOOST_TEST(errors.text.find("reserved for Dash itself") != std::string::npos);
    BOOST_TEST(counter.frees == 1);
    // A duplicate.
    spec = route_spec("api/*", counter);
    BOOST_TEST(host_table()->register_route(&plugin->handle, &spec, nullptr) == DASH_OK);
    BOOST_TEST(host_table()->register_route(&plugin->handle, &spec, nullptr) == DASH_ALREADY_EXISTS);
    BOOST_TEST(counter.frees == 2);
    // After init.
    plugin->registering = false;
    errors.text.clear();
    spec = route_spec("late", counter);
    BOOST_TEST(host_table()->register_route(&plugin->handle, &spec, &errors.writer) == DASH_INVALID_STATE);
    BOOST_TEST(errors.text == "registration is only allowed during init");
    BOOST_TEST(counter.frees == 3);
    // A bad callback registration frees too.
    plugin->registering = true;
    dash_callback_spec callback{};
    callback.struct_size = sizeof callback;
    callback.dependencies_json = dash::view("{not json");
    callback.fn = [](void*, dash_str, const dash_request*, dash_callback_result*, dash_writer*) { return DASH_OK; };
    callback.user_data = &counter;
    callback.free_user_data = &count_free;
    errors.text.clear();
    BOOST_TEST(host_table()->register_callback(&plugin->handle, &callback, &errors.writer) == DASH_INVALID_ARGUMENT);
    BOOST_TEST(errors.text.find("IncorrectTypeException: dependencies_json") == 0u);
    BOOST_TEST(counter.frees == 4);
    BOOST_TEST(app.routes.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
