// plugins/host_table.hpp: the dash_host table handed to every plugin's init: what a plugin may ask
// of the host (registration, request/response access, callback results, services, extensions).
#pragma once

#include <dash/sdk.h>

namespace dash::core {

const dash_host* host_table();

}  // namespace dash::core
