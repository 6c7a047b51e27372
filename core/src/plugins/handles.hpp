// plugins/handles.hpp: the request and response handles of the C ABI: thin views of core's
// HttpRequest/HttpResponse, made on the stack for the duration of one call into a plugin.
#pragma once

#include "http/http.hpp"

#include <string_view>

struct dash_request {
    const dash::core::HttpRequest* http;
    std::string_view path_below_prefix;  // below routes_pathname_prefix, borrowed from the caller
};
struct dash_response {
    dash::core::HttpResponse* http;
};
