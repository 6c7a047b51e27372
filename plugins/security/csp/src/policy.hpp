// policy.hpp: the plugin's settings and the Content-Security-Policy header they produce for a page.
#pragma once

#include <json/json.h>

#include <map>
#include <string>

namespace dashcpp::csp {

struct Policy {
    std::string algorithm = "sha256";
    bool header = true;          // send the header on index pages
    bool include_hashes = true;  // false only to show what the hashes are for
    std::map<std::string, std::string> directives = {
        {"default-src", "'self'"},         {"script-src", "'self'"},     {"style-src", "'self' 'unsafe-inline'"},
        {"img-src", "'self' data: blob:"}, {"font-src", "'self' data:"}, {"connect-src", "'self'"},
    };

    // The header value for a page: the directives in name order, script-src with the hashes of
    // the page's inline scripts appended.
    std::string header_value(const std::string& html) const;
};

// Reads the plugin's config over the defaults; throws dash::InvalidConfig naming the key.
Policy read_policy(const Json::Value& config);

}  // namespace dashcpp::csp
