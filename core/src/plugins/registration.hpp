// plugins/registration.hpp: the one path every registration takes, from the host table and from
// extensions (hooks): the plugin must be in its init, and any DashException becomes a status plus a
// message (a ConflictError: DASH_ALREADY_EXISTS; any other: DASH_INVALID_ARGUMENT). Functions the plugin hands over are adopted as RegisteredFunction before anything can
// fail, so they are freed exactly once whatever happens.
#pragma once

#include "app/app_state.hpp"
#include "errors.hpp"
#include "plugins/loader.hpp"

#include <dash/writer.hpp>

#include <exception>
#include <string>

namespace dash::core {

// Runs body(plugin, app) for the plugin behind handle, during its init only.
template <class Body>
dash_status register_during_init(dash_plugin_handle* handle, dash_writer* error_message, Body&& body) noexcept {
    if (!handle || !handle->instance) {
        write_message(error_message, "the plugin handle is NULL");
        return DASH_INVALID_ARGUMENT;
    }
    PluginInstance& plugin = *handle->instance;
    if (!plugin.registering || !plugin.app) {
        write_message(error_message, "registration is only allowed during init");
        return DASH_INVALID_STATE;
    }
    try {
        body(plugin, *plugin.app);
        return DASH_OK;
    } catch (const ConflictError& error) {
        write_message(error_message, error.what());
        return DASH_ALREADY_EXISTS;
    } catch (const dash::DashException& error) {
        write_message(error_message, error.what());
        return DASH_INVALID_ARGUMENT;
    } catch (const std::exception& error) {
        write_message(error_message, error.what());
        return DASH_ERROR;
    }
}

}  // namespace dash::core
