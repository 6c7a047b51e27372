// HttpRequest / HttpResponse helpers: headers, JSON/HTML bodies and error pages.
#include "http/http.hpp"

#include <strings.h>

namespace dash::core {

bool same_header_name(std::string_view a, std::string_view b) {
    return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

const std::string* HttpRequest::header(std::string_view name) const {
    for (const auto& [key, value] : headers)
        if (same_header_name(key, name)) return &value;
    return nullptr;
}

const std::string* HttpResponse::header(std::string_view name) const {
    for (const auto& [key, value] : headers)
        if (same_header_name(key, name)) return &value;
    return nullptr;
}

void HttpResponse::set_header(std::string name, std::string value) {
    for (auto& [key, existing] : headers) {
        if (same_header_name(key, name)) {
            existing = std::move(value);
            return;
        }
    }
    headers.emplace_back(std::move(name), std::move(value));
}

void HttpResponse::clear() {
    status = 200;
    headers.clear();
    std::string().swap(body);
    shared_body.reset();
    error_message.clear();
    deferred.reset();
}

void HttpResponse::json(std::string text, int code) {
    status = code;
    set_header("Content-Type", "application/json");
    body = std::move(text);
}

void HttpResponse::html(std::string text, int code) {
    status = code;
    set_header("Content-Type", "text/html; charset=utf-8");
    body = std::move(text);
}

void HttpResponse::error(int code, const std::string& exception_name, const std::string& message) {
    error_message = message;
    const std::string title = std::to_string(code) + " " + reason_phrase(code);
    html("<!doctype html>\n<html lang=en>\n<title>" + html_escape(title) + "</title>\n<h1>" +
             html_escape(exception_name) + "</h1>\n<p>" + html_escape(message) + "</p>\n",
         code);
}

std::string reason_phrase(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 204:
            return "No Content";
        case 301:
            return "Moved Permanently";
        case 304:
            return "Not Modified";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 413:
            return "Payload Too Large";
        case 415:
            return "Unsupported Media Type";
        case 500:
            return "Internal Server Error";
        case 503:
            return "Service Unavailable";
        default:
            return "Status";
    }
}

}  // namespace dash::core
