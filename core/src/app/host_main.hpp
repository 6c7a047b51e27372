// app/host_main.hpp: the host's main(): `dash-host --config FILE [--host H] [--port N] [--debug]`.
#pragma once

#include <dash/sdk.h>

#include <vector>

namespace dash::core {

// Parses the command line, reads the config, builds the app and serves it until SIGINT/SIGTERM.
// static_entries are app plugins compiled into the executable (the in-process helper); they
// register exactly like loaded ones.
int run_host(int argc, char** argv, const std::vector<dash_plugin_entry_fn>& static_entries = {});

}  // namespace dash::core
