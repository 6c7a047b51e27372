// dash/detail/guard.hpp: the one place where C++ exceptions become C statuses. Every function the
// host calls into a C++ plugin (init, layout, callbacks, routes, hooks, services) runs through
// guarded(), so no exception crosses the ABI and no message is lost.
#pragma once

#include <dash/callback.hpp>
#include <dash/writer.hpp>

#include <exception>
#include <functional>
#include <string>
#include <type_traits>

namespace dash::detail {

// Where a failure's message goes: the caller's error writer when the ABI function has one,
// otherwise a fallback (the host's log, for routes).
struct ErrorSink {
    dash_writer* writer = nullptr;
    std::function<void(const std::string&)> fallback;

    void report(const std::string& message) const {
        if (writer && writer->write)
            write_message(writer, message);
        else if (fallback)
            fallback(message);
    }
};

// Runs fn: its dash_status (or DASH_OK when it returns something else or nothing);
// PreventUpdate -> DASH_PREVENT_UPDATE; MalformedArgument -> DASH_INVALID_ARGUMENT and any other
// exception -> DASH_ERROR, the message to the sink.
template <class F>
dash_status guarded(const ErrorSink& sink, F&& fn) noexcept {
    try {
        if constexpr (std::is_same_v<std::invoke_result_t<F&>, dash_status>) {
            return fn();
        } else {
            fn();
            return DASH_OK;
        }
    } catch (const PreventUpdate&) {
        return DASH_PREVENT_UPDATE;
    } catch (const MalformedArgument& error) {
        sink.report(error.what());
        return DASH_INVALID_ARGUMENT;
    } catch (const std::exception& error) {
        sink.report(error.what());
    } catch (...) {
        sink.report("unknown C++ exception");
    }
    return DASH_ERROR;
}

template <class F>
dash_status guarded(dash_writer* error_message, F&& fn) noexcept {
    return guarded(ErrorSink{error_message, {}}, std::forward<F>(fn));
}

}  // namespace dash::detail
