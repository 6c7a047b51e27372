// Reading and checking the compress plugin's config.
#include "settings.hpp"

#include <dash/exceptions.hpp>

#include <set>

namespace dashcpp::compress {

namespace {

int read_int(const Json::Value& config, const char* key, int fallback, int min, int max) {
    if (!config.isMember(key)) return fallback;
    const Json::Value& value = config[key];
    if (!value.isInt() || value.asInt() < min || value.asInt() > max)
        throw dash::InvalidConfig(std::string("compress: \"") + key + "\" must be an integer from " +
                                  std::to_string(min) + " to " + std::to_string(max));
    return value.asInt();
}

std::vector<std::string> read_strings(const Json::Value& config, const char* key, std::vector<std::string> fallback) {
    if (!config.isMember(key)) return fallback;
    const Json::Value& list = config[key];
    if (!list.isArray()) throw dash::InvalidConfig(std::string("compress: \"") + key + "\" must be a list of strings");
    std::vector<std::string> values;
    for (const auto& item : list) {
        if (!item.isString()) throw dash::InvalidConfig(std::string("compress: \"") + key + "\" must be a list of strings");
        values.push_back(item.asString());
    }
    return values;
}

}  // namespace

Settings read_settings(const Json::Value& config) {
    if (!config.isObject()) throw dash::InvalidConfig("compress: the plugin config must be an object");
    static const std::set<std::string> known = {"algorithms", "min_size",       "mime_types",
                                                "gzip_level", "brotli_quality", "zstd_level"};
    for (const auto& key : config.getMemberNames())
        if (!known.count(key)) throw dash::InvalidConfig("compress: unknown config key \"" + key + "\"");
    Settings settings;
    settings.algorithms = read_strings(config, "algorithms", settings.algorithms);
    for (const auto& algorithm : settings.algorithms)
        if (algorithm != "br" && algorithm != "zstd" && algorithm != "gzip")
            throw dash::InvalidConfig("compress: unknown algorithm '" + algorithm + "' (br, zstd, gzip)");
    settings.mime_types = read_strings(config, "mime_types", settings.mime_types);
    settings.min_size = static_cast<size_t>(read_int(config, "min_size", 500, 0, 1 << 30));
    settings.gzip_level = read_int(config, "gzip_level", settings.gzip_level, 1, 9);
    settings.brotli_quality = read_int(config, "brotli_quality", settings.brotli_quality, 0, 11);
    settings.zstd_level = read_int(config, "zstd_level", settings.zstd_level, 1, 22);
    return settings;
}

}  // namespace dashcpp::compress
