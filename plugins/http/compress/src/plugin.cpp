// compress: response compression with br, zstd and gzip, negotiated from Accept-Encoding with
// q-values (protocol §17.1), as a response filter. Static files (component suites) and files with
// an ETag (assets) are compressed once per coding and kept; other answers are compressed per
// response. Offers the dash.compression/1 service, which app.compress requires. README.md lists
// the config keys.
#include "cache.hpp"
#include "codecs.hpp"
#include "negotiation.hpp"
#include "settings.hpp"

#include <dash/dash.hpp>

#include <memory>

namespace {

using namespace dashcpp::compress;

class Compressor {
public:
    explicit Compressor(Settings settings) : settings_(std::move(settings)) {}

    void filter(const dash::Request& request, dash::Response& response) {
        if (!compressible(response.status(), response.header("Content-Encoding"), response.header("Content-Type"),
                          settings_.mime_types))
            return;
        response.set_header("Vary", "Accept-Encoding");
        const std::string_view body = response.body();
        if (body.size() < settings_.min_size) return;
        const std::string coding = negotiate(request.header("Accept-Encoding").value_or(""), settings_.algorithms);
        if (coding.empty()) return;
        const auto make = [&] { return encode(body, coding); };
        const auto etag = response.header("ETag");
        std::shared_ptr<const std::string> compressed;
        std::string fresh;
        if (response.body_is_static()) {
            // Static bodies live as long as the app: their address identifies them.
            compressed = cache_.get({std::to_string(reinterpret_cast<uintptr_t>(body.data())), std::to_string(body.size()), coding}, make);
        } else if (etag && request.method() == "GET") {
            compressed = cache_.get({request.path(), *etag, coding}, make);
        } else {
            fresh = make();
        }
        response.replace_body(compressed ? std::string_view(*compressed) : std::string_view(fresh));
        response.set_header("Content-Encoding", coding);
        if (etag && etag->size() > 1 && etag->back() == '"')
            response.set_header("ETag", etag->substr(0, etag->size() - 1) + ":" + coding + "\"");
    }

private:
    std::string encode(std::string_view data, const std::string& coding) const {
        if (coding == "br") return brotli(data, settings_.brotli_quality);
        if (coding == "zstd") return zstd(data, settings_.zstd_level);
        return gzip(data, settings_.gzip_level);
    }

    const Settings settings_;
    CompressedCache cache_;
};

void setup(dash::Plugin& plugin) {
    auto compressor = std::make_shared<Compressor>(read_settings(plugin.config()));
    plugin.register_service(dash_compression_v1{sizeof(dash_compression_v1)});
    // Low priority: compress after filters that change bodies; a final hook (access-log) still runs last.
    dash::Hooks(plugin).response_filter(
        [compressor](const dash::Request& request, dash::Response& response, uint64_t) {
            compressor->filter(request, response);
        },
        {-100, false});
}

}  // namespace

DASH_PLUGIN("org.dashcpp.compress", "compress", "1.0.0", "", setup)
