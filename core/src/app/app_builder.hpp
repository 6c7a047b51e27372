// app/app_builder.hpp: building the app snapshot at start-up: core's own front-end files, the
// plugins in dependency order (each init registers into the snapshot), the assets folder, caches.
#pragma once

#include "app/app_state.hpp"
#include "app/config.hpp"
#include "plugins/loader.hpp"

#include <memory>
#include <vector>

namespace dash::core {

// Builds the app. Throws DashError with a message naming the problem. static_plugins are hosted
// in-process (the main() helper).
std::shared_ptr<AppState> build_app(const DeploymentConfig& config,
                                    std::vector<std::shared_ptr<PluginInstance>> static_plugins = {});

}  // namespace dash::core
