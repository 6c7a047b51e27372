// dash/paths.hpp: Python's get_relative_path, strip_relative_path and get_asset_url (protocol
// §16.4), exactly. Used by plugins (through dash::get_app()) and by the host itself.
#pragma once

#include <dash/exceptions.hpp>

#include <optional>
#include <string>

namespace dash::paths {

namespace detail {
inline std::string trim_right(std::string text, char c) {
    while (!text.empty() && text.back() == c) text.pop_back();
    return text;
}
inline std::string trim_left(const std::string& text, char c) {
    const size_t first = text.find_first_not_of(c);
    return first == std::string::npos ? std::string() : text.substr(first);
}
}  // namespace detail

// requests_pathname_prefix + path: "/page-1" -> "/my-app/page-1"; "" -> the prefix itself.
inline std::string get_relative_path(const std::string& requests_pathname_prefix, const std::string& path) {
    if (path.empty()) return requests_pathname_prefix;
    if (path.front() != '/')
        throw UnsupportedRelativePath("Paths that aren't prefixed with a leading / are not supported. You supplied: " +
                                      path);
    return detail::trim_right(requests_pathname_prefix, '/') + "/" + detail::trim_left(path, '/');
}

// The reverse: "/my-app/page-1/" -> "page-1"; nullopt stays nullopt.
inline std::optional<std::string> strip_relative_path(const std::string& requests_pathname_prefix,
                                                      const std::optional<std::string>& path) {
    if (!path) return std::nullopt;
    std::string result = *path;
    if (requests_pathname_prefix != "/") {
        const std::string bare = detail::trim_right(requests_pathname_prefix, '/');
        if (result.rfind(bare, 0) != 0)
            throw UnsupportedRelativePath(
                "Paths that aren't prefixed with requests_pathname_prefix are not supported. You supplied: " + result +
                " and requests_pathname_prefix was " + requests_pathname_prefix);
        result.erase(0, bare.size());
    } else if (result.empty() || result.front() != '/') {
        throw UnsupportedRelativePath("Paths that aren't prefixed with a leading / are not supported. You supplied: " +
                                      result);
    }
    return detail::trim_right(detail::trim_left(result, '/'), '/');
}

// (assets_external_path or requests prefix) + assets_url_path + path.
inline std::string get_asset_url(const std::string& requests_pathname_prefix, const std::string& assets_url_path,
                                 const std::optional<std::string>& assets_external_path, const std::string& path) {
    const std::string prefix = assets_external_path ? *assets_external_path : requests_pathname_prefix;
    return detail::trim_right(prefix, '/') + "/" + detail::trim_left(assets_url_path, '/') + "/" + path;
}

}  // namespace dash::paths
