// http/deferred.hpp: the answer of an asynchronous callback. It is completed later, from any
// thread; the server attaches a writer (its connection), and whichever of the two comes second
// hands the response over (moved: a big answer is not copied).
#pragma once

#include "http/http.hpp"

#include <functional>
#include <memory>
#include <mutex>

namespace dash::core {

class DeferredResponse {
public:
    using Writer = std::function<void(HttpResponse&&)>;
    using Finalizer = std::function<void(HttpResponse&)>;
    void attach(Writer writer);
    void complete(HttpResponse response);
    // Runs on the answer before it is handed to the writer (set by the router before attach();
    // applied at once when the answer came first).
    void finalize(Finalizer finalizer);

private:
    std::mutex mutex_;
    Writer writer_;
    Finalizer finalizer_;
    std::unique_ptr<HttpResponse> done_;
};

}  // namespace dash::core
