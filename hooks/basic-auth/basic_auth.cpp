// basic-auth: HTTP Basic authentication for the whole app. Config: {"users": {"name": "password"},
// "realm": "dashcpp"}. Requests without valid credentials get 401 with WWW-Authenticate.
#include <dash/dash.hpp>

#include <map>

namespace {

std::string base64_decode(const std::string& text) {
    static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : text) {
        if (c == '=') break;
        const size_t value = alphabet.find(c);
        if (value == std::string::npos) return "";
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
bool constant_time_equal(const std::string& a, const std::string& b) {
    unsigned char difference = a.size() == b.size() ? 0 : 1;
    const size_t n = std::max(a.size(), b.size());
    for (size_t i = 0; i < n; ++i)
        difference |= static_cast<unsigned char>((i < a.size() ? a[i] : 0) ^ (i < b.size() ? b[i] : 0));
    return difference == 0;
}

void setup(dash::Plugin& plugin) {
    std::map<std::string, std::string> users;
    for (const auto& name : plugin.config()["users"].getMemberNames())
        users[name] = plugin.config()["users"][name].asString();
    if (users.empty()) throw dash::InvalidConfig("basic-auth needs at least one entry in \"users\"");
    const std::string realm = plugin.config().get("realm", "dashcpp").asString();
    dash::Hooks(plugin).request_filter(
        [users, realm](const dash::HookRequest& request, dash::HookResponse& response) {
            const auto header = request.header("Authorization");
            if (header && header->rfind("Basic ", 0) == 0) {
                const std::string credentials = base64_decode(header->substr(6));
                const size_t colon = credentials.find(':');
                if (colon != std::string::npos) {
                    bool admitted = false;
                    for (const auto& [name, password] : users)
                        admitted |= constant_time_equal(name, credentials.substr(0, colon)) &
                                    constant_time_equal(password, credentials.substr(colon + 1));
                    if (admitted) return false;
                }
            }
            response.set_status(401);
            response.set_header("WWW-Authenticate", "Basic realm=\"" + realm + "\", charset=\"UTF-8\"");
            response.set_header("Content-Type", "text/plain; charset=utf-8");
            response.replace_body("401 Unauthorized: valid credentials are required");
            return true;
        },
        {1000, false});
}

}  // namespace

DASH_PLUGIN("org.dashcpp.hooks.basic-auth", "basic-auth", "1.0.0", "", setup)
