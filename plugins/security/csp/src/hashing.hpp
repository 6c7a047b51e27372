// hashing.hpp: CSP source expressions for script texts ('sha256-<base64>').
#pragma once

#include <string>
#include <vector>

namespace dashcpp::csp {

// Throws std::invalid_argument ("ValueError: ...") unless algorithm is sha256, sha384 or sha512.
void check_algorithm(const std::string& algorithm);
// 'sha256-<base64 of the digest>', with the quotes CSP wants.
std::string csp_hash(const std::string& text, const std::string& algorithm);
// The hashes of the page's inline scripts, in page order.
std::vector<std::string> page_hashes(const std::string& html, const std::string& algorithm);

}  // namespace dashcpp::csp
