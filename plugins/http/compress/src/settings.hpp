// settings.hpp: the plugin's config keys, their defaults and their checks.
#pragma once

#include <json/json.h>

#include <cstddef>
#include <string>
#include <vector>

namespace dashcpp::compress {

struct Settings {
    // Both the enabled codings and the server's preference when q-values tie.
    std::vector<std::string> algorithms = {"br", "zstd", "gzip"};
    size_t min_size = 500;  // bodies below this many bytes are sent as they are
    std::vector<std::string> mime_types = {"text/html",        "text/css",        "text/plain",
                                           "text/xml",         "text/javascript", "application/javascript",
                                           "application/json", "application/xml", "image/svg+xml",
                                           "image/x-icon"};
    int gzip_level = 6;      // 1-9
    int brotli_quality = 4;  // 0-11
    int zstd_level = 3;      // 1-22
};

// Reads the plugin's "config" object; throws dash::InvalidConfig naming the key.
Settings read_settings(const Json::Value& config);

}  // namespace dashcpp::compress
