// callbacks/json_syntax.hpp: a syntax check of JSON text that builds no DOM, for the values plugins
// report (they are spliced into answers as text).
#pragma once

#include <string_view>

namespace dash::core {

// True when text is exactly one well-formed JSON value (surrounding whitespace allowed).
bool is_valid_json(std::string_view text);

}  // namespace dash::core
