// The policy text and the config it comes from.
#include "policy.hpp"

#include "hashing.hpp"

#include <dash/exceptions.hpp>

#include <set>
#include <stdexcept>

namespace dashcpp::csp {

std::string Policy::header_value(const std::string& html) const {
    std::string text;
    for (const auto& [name, value] : directives) {
        std::string directive = name + " " + value;
        if (name == "script-src" && include_hashes)
            for (const auto& hash : page_hashes(html, algorithm)) directive += " " + hash;
        text += (text.empty() ? "" : "; ") + directive;
    }
    return text;
}

Policy read_policy(const Json::Value& config) {
    if (!config.isObject()) throw dash::InvalidConfig("csp: the plugin config must be an object");
    static const std::set<std::string> known = {"algorithm", "header", "include_hashes", "directives"};
    for (const auto& key : config.getMemberNames())
        if (!known.count(key)) throw dash::InvalidConfig("csp: unknown config key \"" + key + "\"");
    Policy policy;
    const Json::Value algorithm = config.get("algorithm", policy.algorithm);
    if (!algorithm.isString()) throw dash::InvalidConfig("csp: \"algorithm\" must be a string");
    policy.algorithm = algorithm.asString();
    try {
        check_algorithm(policy.algorithm);
    } catch (const std::invalid_argument& error) {
        throw dash::InvalidConfig(std::string("csp: ") + error.what());
    }
    for (const char* key : {"header", "include_hashes"})
        if (config.isMember(key) && !config[key].isBool())
            throw dash::InvalidConfig(std::string("csp: \"") + key + "\" must be true or false");
    policy.header = config.get("header", true).asBool();
    policy.include_hashes = config.get("include_hashes", true).asBool();
    const Json::Value& directives = config["directives"];
    if (!directives.isNull() && !directives.isObject())
        throw dash::InvalidConfig("csp: \"directives\" must be an object of strings");
    for (const auto& name : directives.getMemberNames()) {
        if (!directives[name].isString())
            throw dash::InvalidConfig("csp: directive \"" + name + "\" must be a string");
        policy.directives[name] = directives[name].asString();
    }
    return policy;
}

}  // namespace dashcpp::csp
