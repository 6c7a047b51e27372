// inline_scripts.hpp: finding the scripts of a page that a Content-Security-Policy must allow by hash.
#pragma once

#include <string>
#include <vector>

namespace dashcpp::csp {

// The exact texts of the executable inline <script> elements of html: not those with a src, not
// JSON data blocks (type="application/json", never executed).
std::vector<std::string> inline_scripts(const std::string& html);

}  // namespace dashcpp::csp
