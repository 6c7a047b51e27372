// app/layout_validation.hpp: layouts checked against the prop names component libraries registered.
#pragma once

#include <json/json.h>

namespace dash::core {

class AppState;

// Checks every component in a layout; throws DashError("TypeError", ...) naming the component, its
// id and the prop (Python raises TypeError there), DuplicateIdError for a reused id.
void validate_layout(const AppState& app, const Json::Value& layout);

}  // namespace dash::core
