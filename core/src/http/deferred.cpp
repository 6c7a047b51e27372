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

void DeferredResponse::complete(HttpResponse response) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!writer_) {
        done_ = std::make_unique<HttpResponse>(std::move(response));
        return;
    }
    Writer writer = std::move(writer_);
    lock.unlock();
    writer(std::move(response));
}

}  // namespace dash::core
