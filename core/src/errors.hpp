// errors.hpp: core's errors are dash::DashException (one family with the SDK's): each carries the
// Dash exception name and, here, the HTTP status to answer when it happens while serving.
#pragma once

#include <dash/exceptions.hpp>

#include <string>

namespace dash::core {

// A Dash exception by name ("InvalidConfig", "CallbackException", ...) with an HTTP status.
class DashError : public dash::DashException {
public:
    DashError(std::string name, const std::string& message, int status = 500)
        : dash::DashException(std::move(name), message), status_(status) {}
    // The message without the "<Name>: " prefix.
    const std::string& detail() const { return message(); }
    int status() const { return status_; }

private:
    int status_;
};

// A registration that clashes with one already made (a second layout, an output, route, service,
// library file or final hook already taken): the host table answers DASH_ALREADY_EXISTS.
class ConflictError : public DashError {
public:
    using DashError::DashError;
};

// The HTTP status for any Dash exception: DashError's own, 500 for the SDK's types.
inline int http_status(const dash::DashException& error) {
    const auto* with_status = dynamic_cast<const DashError*>(&error);
    return with_status ? with_status->status() : 500;
}

inline DashError invalid_config(const std::string& message) { return DashError("InvalidConfig", message); }
inline DashError plugin_error(const std::string& message) { return DashError("PluginError", message); }

}  // namespace dash::core
