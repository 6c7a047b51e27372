// dash/core/errors.hpp: errors that carry the Dash exception name and the HTTP status to answer.
#pragma once

#include <stdexcept>
#include <string>

namespace dash::core {

// An error with a Dash exception name ("InvalidConfig", "CallbackException", ...). status is the
// HTTP status when it happens while serving a request.
class DashError : public std::runtime_error {
public:
    DashError(std::string name, const std::string& message, int status = 500)
        : std::runtime_error(name + ": " + message), name_(std::move(name)), detail_(message), status_(status) {}
    const std::string& name() const { return name_; }
    const std::string& detail() const { return detail_; }
    int status() const { return status_; }

private:
    std::string name_;
    std::string detail_;
    int status_;
};

inline DashError invalid_config(const std::string& message) { return DashError("InvalidConfig", message); }
inline DashError plugin_error(const std::string& message) { return DashError("PluginError", message); }

}  // namespace dash::core
