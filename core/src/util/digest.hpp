// util/digest.hpp: content digests core needs (clientside function names, output keys, ETags).
#pragma once

#include <string>
#include <string_view>

namespace dash::core {

// Lower-case hex SHA-256 of text.
std::string sha256_hex(std::string_view text);
// Lower-case hex SHA-1 of text.
std::string sha1_hex(std::string_view text);

}  // namespace dash::core
