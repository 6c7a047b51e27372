// app/router.hpp: maps a request below routes_pathname_prefix to its handler (§2.2).
#pragma once

#include "app/app_state.hpp"
#include "http/http.hpp"

#include <memory>

namespace dash::core {

class Router {
public:
    explicit Router(std::shared_ptr<const AppState> app) : app_(std::move(app)) {}

    // Serves one request against the current snapshot. Never throws: every failure becomes an
    // error response naming the problem.
    void handle(const HttpRequest& request, HttpResponse& response) const;

    // Swaps the live app; requests in flight finish on the snapshot they started with.
    void replace(std::shared_ptr<const AppState> app) { std::atomic_store(&app_, std::move(app)); }
    std::shared_ptr<const AppState> current() const { return std::atomic_load(&app_); }

private:
    void serve(const AppState& app, const std::shared_ptr<const AppState>& app_owner, const HttpRequest& request,
               HttpResponse& response) const;
    std::shared_ptr<const AppState> app_;
};

}  // namespace dash::core
