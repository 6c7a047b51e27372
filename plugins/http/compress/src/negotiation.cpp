// Accept-Encoding parsing: "br;q=1.0, gzip;q=0.5, *;q=0".
#include "negotiation.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>

namespace dashcpp::compress {

namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

// The q parameter of one item ("gzip;q=0.5"): 1 when absent, clamped to [0, 1]; 0 when malformed.
double quality(std::string_view parameters) {
    while (!parameters.empty()) {
        const size_t semicolon = parameters.find(';');
        const std::string_view parameter = trim(parameters.substr(0, semicolon));
        parameters = semicolon == std::string_view::npos ? std::string_view() : parameters.substr(semicolon + 1);
        if (parameter.size() < 2 || std::tolower(static_cast<unsigned char>(parameter[0])) != 'q' || parameter[1] != '=')
            continue;
        const std::string value(trim(parameter.substr(2)));
        char* end = nullptr;
        const double q = std::strtod(value.c_str(), &end);
        if (value.empty() || *end) return 0;
        return std::clamp(q, 0.0, 1.0);
    }
    return 1;
}

}  // namespace

std::string negotiate(std::string_view accept_encoding, const std::vector<std::string>& enabled) {
    std::map<std::string, double> weights;
    while (!accept_encoding.empty()) {
        const size_t comma = accept_encoding.find(',');
        const std::string_view item = accept_encoding.substr(0, comma);
        accept_encoding = comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
        const size_t semicolon = item.find(';');
        const std::string name = lower(trim(item.substr(0, semicolon)));
        if (name.empty()) continue;
        weights[name] = semicolon == std::string_view::npos ? 1.0 : quality(item.substr(semicolon + 1));
    }
    const auto wildcard = weights.find("*");
    std::string best;
    double best_q = 0;
    for (const auto& coding : enabled) {
        const auto named = weights.find(coding);
        const double q = named != weights.end() ? named->second : wildcard != weights.end() ? wildcard->second : 0;
        if (q > best_q) {
            best = coding;
            best_q = q;
        }
    }
    return best;
}

bool compressible(int status, const std::optional<std::string>& content_encoding,
                  const std::optional<std::string>& content_type, const std::vector<std::string>& mime_types) {
    if (status < 200 || status >= 300 || content_encoding) return false;
    const std::string full = content_type.value_or("");
    const std::string type = lower(trim(std::string_view(full).substr(0, full.find(';'))));
    return std::find(mime_types.begin(), mime_types.end(), type) != mime_types.end();
}

}  // namespace dashcpp::compress
