// csp: Content-Security-Policy for Dash pages (protocol §15). Hashes exactly the inline scripts the
// page carries (the renderer bootstrap, inline clientside callbacks, anything index hooks add) and,
// unless "header" is false, sends a CSP header on index pages whose script-src admits only those.
// Config: {"algorithm": "sha256"|"sha384"|"sha512", "header": true, "include_hashes": true,
//          "directives": {"default-src": "'self'", ...}}   (script-src gets the hashes appended)
// Service "dash.csp/1" gives the hashes to the host (`dash-host --csp-hashes`) and other plugins.
#include <dash/dash.hpp>
#include <dash/ext/services.h>

#include <openssl/evp.h>

#include <map>
#include <memory>
#include <regex>

namespace {

// The inline, executable scripts of a page, as the exact text between the tags.
std::vector<std::string> inline_scripts(const std::string& html) {
    static const std::regex script(R"(<script([^>]*)>([\s\S]*?)</script>)", std::regex::icase);
    std::vector<std::string> texts;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), script); it != std::sregex_iterator(); ++it) {
        const std::string attributes = (*it)[1];
        if (std::regex_search(attributes, std::regex(R"(\bsrc\s*=)", std::regex::icase))) continue;
        if (attributes.find("application/json") != std::string::npos) continue;  // data, never executed
        texts.push_back((*it)[2]);
    }
    return texts;
}

// 'sha256-<base64>' (with the quotes, as CSP wants them).
std::string csp_hash(const std::string& text, const std::string& algorithm) {
    const EVP_MD* md = algorithm == "sha384" ? EVP_sha384() : algorithm == "sha512" ? EVP_sha512() : EVP_sha256();
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(text.data(), text.size(), digest, &length, md, nullptr);
    std::string encoded(4 * ((length + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()), digest, static_cast<int>(length));
    encoded.resize(static_cast<size_t>(n));
    return "'" + algorithm + "-" + encoded + "'";
}

std::vector<std::string> hashes_of(const std::string& html, const std::string& algorithm) {
    std::vector<std::string> hashes;
    for (const auto& script : inline_scripts(html)) hashes.push_back(csp_hash(script, algorithm));
    return hashes;
}

void check_algorithm(const std::string& algorithm) {
    if (algorithm != "sha256" && algorithm != "sha384" && algorithm != "sha512")
        throw std::invalid_argument("ValueError: hash algorithm must be sha256, sha384 or sha512, got '" + algorithm + "'");
}

struct Csp {
    std::string algorithm = "sha256";
    bool header = true;
    bool include_hashes = true;  // false only to show what the hashes are for
    std::map<std::string, std::string> directives = {
        {"default-src", "'self'"},       {"script-src", "'self'"},   {"style-src", "'self' 'unsafe-inline'"},
        {"img-src", "'self' data: blob:"}, {"font-src", "'self' data:"}, {"connect-src", "'self'"},
    };

    std::string policy(const std::string& html) const {
        std::string text;
        for (const auto& [name, value] : directives) {
            std::string directive = name + " " + value;
            if (name == "script-src" && include_hashes)
                for (const auto& hash : hashes_of(html, algorithm)) directive += " " + hash;
            text += (text.empty() ? "" : "; ") + directive;
        }
        return text;
    }
};

const dash_host* service_host = nullptr;
dash_plugin_handle* service_handle = nullptr;

dash_status service_hashes(const char* algorithm, dash_writer* out) {
    try {
        const std::string name = algorithm ? algorithm : "sha256";
        check_algorithm(name);
        const auto* hooks = static_cast<const dash_hooks_v1*>(service_host->get_extension(service_handle, DASH_EXT_HOOKS));
        dash::detail::StringWriter html;
        if (!hooks || hooks->index_html(service_handle, &html.writer) != DASH_OK) return DASH_INVALID_STATE;
        Json::Value list(Json::arrayValue);
        for (const auto& hash : hashes_of(html.text, name)) list.append(hash);
        const std::string text = dash::json::to_string(list);
        return out->write(out->context, text.data(), text.size());
    } catch (const std::exception&) {
        return DASH_INVALID_ARGUMENT;
    }
}

const dash_csp_v1 service{sizeof(dash_csp_v1), service_hashes};

void setup(dash::Plugin& plugin) {
    auto csp = std::make_shared<Csp>();
    const Json::Value& config = plugin.config();
    csp->algorithm = config.get("algorithm", "sha256").asString();
    check_algorithm(csp->algorithm);
    csp->header = config.get("header", true).asBool();
    csp->include_hashes = config.get("include_hashes", true).asBool();
    for (const auto& name : config["directives"].getMemberNames()) csp->directives[name] = config["directives"][name].asString();
    service_host = plugin.host();
    service_handle = plugin.handle();
    plugin.host()->register_service(plugin.handle(), DASH_SERVICE_CSP, &service);
    if (!csp->header) return;
    // Index pages only (the page carrying the _dash-config block); after index hooks changed it.
    dash::Hooks(plugin).response_filter(
        [csp](const dash::HookRequest&, dash::HookResponse& response, uint64_t) {
            const bool html_page = response.header("Content-Type").value_or("").rfind("text/html", 0) == 0;
            if (response.status() != 200 || !html_page) return;
            const std::string html(response.body());
            if (html.find("id=\"_dash-config\"") == std::string::npos) return;
            response.set_header("Content-Security-Policy", csp->policy(html));
        },
        {-50, false});
}

}  // namespace

DASH_PLUGIN("org.dashcpp.csp", "csp", "1.0.0", "", setup)
