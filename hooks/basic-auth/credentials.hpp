// credentials.hpp: checking an HTTP Basic Authorization header against the configured users.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace dashcpp::basic_auth {

// RFC 4648 base64; nullopt on a character outside the alphabet.
inline std::optional<std::string> base64_decode(const std::string& text) {
    static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : text) {
        if (c == '=') break;
        const size_t value = alphabet.find(c);
        if (value == std::string::npos) return std::nullopt;
        buffer = (buffer << 6) | static_cast<unsigned>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    return out;
}

// Compares without an early exit, so the time taken does not reveal how much matched.
inline bool constant_time_equal(const std::string& a, const std::string& b) {
    unsigned char difference = a.size() == b.size() ? 0 : 1;
    const size_t n = a.size() > b.size() ? a.size() : b.size();
    for (size_t i = 0; i < n; ++i)
        difference |= static_cast<unsigned char>((i < a.size() ? a[i] : 0) ^ (i < b.size() ? b[i] : 0));
    return difference == 0;
}

// True when the Authorization header value ("Basic <base64 of user:password>") names a user with
// that password. Every user is compared, whatever matched first.
inline bool admitted(const std::optional<std::string>& authorization, const std::map<std::string, std::string>& users) {
    if (!authorization || authorization->rfind("Basic ", 0) != 0) return false;
    const auto credentials = base64_decode(authorization->substr(6));
    if (!credentials) return false;
    const size_t colon = credentials->find(':');
    if (colon == std::string::npos) return false;
    const std::string name = credentials->substr(0, colon), password = credentials->substr(colon + 1);
    bool found = false;
    for (const auto& [user, secret] : users)
        found |= constant_time_equal(user, name) & constant_time_equal(secret, password);
    return found;
}

}  // namespace dashcpp::basic_auth
