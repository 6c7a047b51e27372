// DeferredResponse: whichever of attach() and complete() comes second writes the answer.
#include "http/deferred.hpp"

namespace dash::core {

void DeferredResponse::attach(Writer writer) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (done_) {
        const std::unique_ptr<HttpResponse> response = std::move(done_);
        lock.unlock();
        writer(std::move(*response));
        return;
    }
    writer_ = std::move(writer);
}

void DeferredResponse::finalize(Finalizer finalizer) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (done_) {
        finalizer(*done_);
        return;
    }
    finalizer_ = std::move(finalizer);
}

void DeferredResponse::complete(HttpResponse response) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (finalizer_) {
        const Finalizer finalizer = std::move(finalizer_);
        finalizer_ = nullptr;
        finalizer(response);
    }
    if (!writer_) {
        done_ = std::make_unique<HttpResponse>(std::move(response));
        return;
    }
    Writer writer = std::move(writer_);
    lock.unlock();
    writer(std::move(response));
}

}  // namespace dash::core
