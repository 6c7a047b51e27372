// codecs.hpp: the three content codings compress speaks, as plain functions of bytes.
#pragma once

#include <string>
#include <string_view>

namespace dashcpp::compress {

// Each returns the compressed bytes; throws std::runtime_error if the library fails.
std::string gzip(std::string_view data, int level);
std::string brotli(std::string_view data, int quality);
std::string zstd(std::string_view data, int level);

}  // namespace dashcpp::compress
