// dash/exceptions.hpp: the exceptions of Python's dash.exceptions as C++ types. what() reads
// "<Name>: <message>"; the host shows it (a callback's exception becomes a 500 naming it).
#pragma once

#include <stdexcept>
#include <string>

namespace dash {

// Base of every Dash exception; name() is the Python class name.
class DashException : public std::runtime_error {
public:
    explicit DashException(const std::string& message) : DashException("DashException", message) {}
    const std::string& name() const { return name_; }
    const std::string& message() const { return message_; }

protected:
    DashException(std::string name, const std::string& message)
        : std::runtime_error(name + ": " + message), name_(std::move(name)), message_(message) {}

private:
    std::string name_;
    std::string message_;
};

#define DASH_DEFINE_EXCEPTION(NAME, BASE)                                                      \
    class NAME : public BASE {                                                                  \
    public:                                                                                     \
        explicit NAME(const std::string& message) : BASE(#NAME, message) {}                     \
                                                                                                \
    protected:                                                                                  \
        NAME(std::string name, const std::string& message) : BASE(std::move(name), message) {} \
    };

DASH_DEFINE_EXCEPTION(CallbackException, DashException)
DASH_DEFINE_EXCEPTION(IncorrectTypeException, CallbackException)
DASH_DEFINE_EXCEPTION(IDsCantContainPeriods, CallbackException)
DASH_DEFINE_EXCEPTION(InvalidComponentIdError, IDsCantContainPeriods)
DASH_DEFINE_EXCEPTION(InvalidCallbackReturnValue, CallbackException)
DASH_DEFINE_EXCEPTION(SchemaTypeValidationError, InvalidCallbackReturnValue)
DASH_DEFINE_EXCEPTION(SchemaLengthValidationError, InvalidCallbackReturnValue)
DASH_DEFINE_EXCEPTION(SchemaKeysValidationError, InvalidCallbackReturnValue)
DASH_DEFINE_EXCEPTION(DuplicateCallback, DashException)
DASH_DEFINE_EXCEPTION(MissingCallbackContextException, CallbackException)
DASH_DEFINE_EXCEPTION(NoLayoutException, DashException)
DASH_DEFINE_EXCEPTION(DuplicateIdError, DashException)
DASH_DEFINE_EXCEPTION(InvalidConfig, DashException)
DASH_DEFINE_EXCEPTION(InvalidIndexException, DashException)
DASH_DEFINE_EXCEPTION(InvalidResourceError, DashException)
DASH_DEFINE_EXCEPTION(DependencyException, DashException)
DASH_DEFINE_EXCEPTION(ResourceException, DashException)
DASH_DEFINE_EXCEPTION(UnsupportedRelativePath, DashException)
DASH_DEFINE_EXCEPTION(ProxyError, DashException)
DASH_DEFINE_EXCEPTION(HookError, DashException)
DASH_DEFINE_EXCEPTION(AppNotFoundError, DashException)
DASH_DEFINE_EXCEPTION(PageError, DashException)
DASH_DEFINE_EXCEPTION(BackgroundCallbackError, CallbackException)
DASH_DEFINE_EXCEPTION(MissingLongCallbackManagerError, CallbackException)
DASH_DEFINE_EXCEPTION(WildcardInLongCallback, CallbackException)
DASH_DEFINE_EXCEPTION(WebSocketCallbackError, CallbackException)
DASH_DEFINE_EXCEPTION(WebsocketDisconnected, CallbackException)
#undef DASH_DEFINE_EXCEPTION

}  // namespace dash
