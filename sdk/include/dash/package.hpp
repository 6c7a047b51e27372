// dash/package.hpp: facts read from an npm package's package.json (component libraries, the host's
// own front-end files).
#pragma once

#include <dash/json.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace dash {

// The "version" of <dir>/package.json; throws std::runtime_error naming the file if it cannot be read.
inline std::string package_version(const std::string& dir) {
    const std::string path = dir + "/package.json";
    std::ifstream file(path);
    if (!file) throw std::runtime_error("cannot read " + path);
    std::stringstream text;
    text << file.rdbuf();
    const Json::Value version = json::parse(text.str())["version"];
    if (!version.isString()) throw std::runtime_error(path + " has no \"version\" string");
    return version.asString();
}

}  // namespace dash
