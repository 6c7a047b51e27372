// negotiation.hpp: choosing a content coding from Accept-Encoding (RFC 9110 §12.5.3) and deciding
// whether a response is worth compressing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dashcpp::compress {

// The coding to use: the highest q-value among the enabled ones, ties going to the order of
// `enabled` (the server's preference); "*" stands for every enabled coding not named; q=0 excludes
// one. Empty: send identity (nothing acceptable, or no header).
std::string negotiate(std::string_view accept_encoding, const std::vector<std::string>& enabled);

// A 2xx answer that is not already encoded and whose Content-Type (parameters ignored) is listed.
bool compressible(int status, const std::optional<std::string>& content_encoding,
                  const std::optional<std::string>& content_type, const std::vector<std::string>& mime_types);

}  // namespace dashcpp::compress
