// compress: response compression with br, zstd and gzip, negotiated from Accept-Encoding with
// q-values (protocol §17.1). Static files (component suites) and files with an ETag (assets) are
// compressed once per algorithm and kept; other answers are compressed per response. Config (all optional):
//   {"algorithms": ["br", "zstd", "gzip"], "min_size": 500, "mime_types": [...],
//    "gzip_level": 6, "brotli_quality": 4, "zstd_level": 3}
// "algorithms" is both the enabled set and the server's preference when q-values tie.
#include <dash/dash.hpp>
#include <dash/ext/services.h>

#include <brotli/encode.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <tuple>

namespace {

struct Settings {
    std::vector<std::string> algorithms = {"br", "zstd", "gzip"};
    size_t min_size = 500;
    std::vector<std::string> mime_types = {"text/html",        "text/css",        "text/plain",
                                           "text/xml",         "text/javascript", "application/javascript",
                                           "application/json", "application/xml", "image/svg+xml",
                                           "image/x-icon"};
    int gzip_level = 6;
    int brotli_quality = 4;
    int zstd_level = 3;
};

std::string gzip(std::string_view data, int level) {
    z_stream stream{};
    if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("deflateInit2 failed");
    std::string out(deflateBound(&stream, data.size()), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int result = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    if (result != Z_STREAM_END) throw std::runtime_error("gzip compression failed");
    return out;
}

std::string brotli(std::string_view data, int quality) {
    size_t size = BrotliEncoderMaxCompressedSize(data.size());
    std::string out(size, '\0');
    if (!BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, data.size(),
                               reinterpret_cast<const uint8_t*>(data.data()), &size,
                               reinterpret_cast<uint8_t*>(out.data())))
        throw std::runtime_error("brotli compression failed");
    out.resize(size);
    return out;
}

std::string zstd(std::string_view data, int level) {
    std::string out(ZSTD_compressBound(data.size()), '\0');
    const size_t size = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), level);
    if (ZSTD_isError(size)) throw std::runtime_error(ZSTD_getErrorName(size));
    out.resize(size);
    return out;
}

// The encoding to use for an Accept-Encoding header: highest q wins, ties go to the server's
// order, "*" stands for any enabled algorithm, q=0 excludes; empty: send identity.
std::string negotiate(const std::string& accept, const std::vector<std::string>& enabled) {
    std::map<std::string, double> q;
    std::stringstream items(accept);
    std::string item;
    while (std::getline(items, item, ',')) {
        std::string name = item.substr(0, item.find(';'));
        name.erase(0, name.find_first_not_of(' '));
        name.erase(name.find_last_not_of(' ') + 1);
        std::transform(name.begin(), name.end(), name.begin(), ::tolower);
        double weight = 1.0;
        const size_t at = item.find("q=");
        if (at != std::string::npos) weight = std::atof(item.c_str() + at + 2);
        q[name] = weight;
    }
    std::string best;
    double best_q = 0;
    for (const auto& algorithm : enabled) {
        double weight = q.count(algorithm) ? q[algorithm] : q.count("*") ? q["*"] : 0;
        if (weight > best_q) {
            best = algorithm;
            best_q = weight;
        }
    }
    return best;
}

struct Compressor {
    Settings settings;
    std::mutex cache_mutex;
    // Static bodies live as long as the app: their address identifies them. Other files are
    // identified by path and ETag (which changes with their content).
    std::map<std::tuple<std::string, std::string, std::string>, std::shared_ptr<const std::string>> cache;

    std::string compress(std::string_view data, const std::string& algorithm) const {
        if (algorithm == "br") return brotli(data, settings.brotli_quality);
        if (algorithm == "zstd") return zstd(data, settings.zstd_level);
        return gzip(data, settings.gzip_level);
    }

    std::shared_ptr<const std::string> cached(const std::string& identity, const std::string& version,
                                              std::string_view data, const std::string& algorithm) {
        const auto key = std::make_tuple(identity, version, algorithm);
        {
            std::lock_guard<std::mutex> lock(cache_mutex);
            auto found = cache.find(key);
            if (found != cache.end()) return found->second;
        }
        auto compressed = std::make_shared<const std::string>(compress(data, algorithm));
        std::lock_guard<std::mutex> lock(cache_mutex);
        return cache.emplace(key, compressed).first->second;
    }

    bool compressible(const dash::HookResponse& response) const {
        if (response.status() < 200 || response.status() >= 300 || response.header("Content-Encoding")) return false;
        const std::string type = response.header("Content-Type").value_or("");
        const std::string mime = type.substr(0, type.find(';'));
        return std::find(settings.mime_types.begin(), settings.mime_types.end(), mime) != settings.mime_types.end();
    }

    void filter(const dash::HookRequest& request, dash::HookResponse& response) {
        if (!compressible(response)) return;
        response.set_header("Vary", "Accept-Encoding");
        const std::string_view body = response.body();
        if (body.size() < settings.min_size) return;
        const std::string algorithm = negotiate(request.header("Accept-Encoding").value_or(""), settings.algorithms);
        if (algorithm.empty()) return;
        std::shared_ptr<const std::string> compressed;
        std::string fresh;
        const auto etag = response.header("ETag");
        if (response.body_is_static()) {
            const std::string address = std::to_string(reinterpret_cast<uintptr_t>(body.data()));
            compressed = cached(address, std::to_string(body.size()), body, algorithm);
        } else if (etag && request.method() == "GET") {
            compressed = cached(request.path(), *etag, body, algorithm);
        } else {
            fresh = compress(body, algorithm);
        }
        response.replace_body(compressed ? std::string_view(*compressed) : std::string_view(fresh));
        response.set_header("Content-Encoding", algorithm);
        if (etag && etag->size() > 1 && etag->back() == '"')
            response.set_header("ETag", etag->substr(0, etag->size() - 1) + ":" + algorithm + "\"");
    }
};

// The service the host looks for when app.compress is set.
const dash_compression_v1 service{sizeof(dash_compression_v1)};

Settings read_settings(const Json::Value& config) {
    Settings settings;
    if (config.isMember("algorithms")) {
        settings.algorithms.clear();
        for (const auto& name : config["algorithms"]) {
            const std::string algorithm = name.asString();
            if (algorithm != "br" && algorithm != "zstd" && algorithm != "gzip")
                throw dash::InvalidConfig("compress: unknown algorithm '" + algorithm + "' (br, zstd, gzip)");
            settings.algorithms.push_back(algorithm);
        }
    }
    if (config.isMember("mime_types")) {
        settings.mime_types.clear();
        for (const auto& type : config["mime_types"]) settings.mime_types.push_back(type.asString());
    }
    settings.min_size = config.get("min_size", 500).asUInt();
    settings.gzip_level = config.get("gzip_level", 6).asInt();
    settings.brotli_quality = config.get("brotli_quality", 4).asInt();
    settings.zstd_level = config.get("zstd_level", 3).asInt();
    return settings;
}

void setup(dash::Plugin& plugin) {
    auto compressor = std::make_shared<Compressor>();
    compressor->settings = read_settings(plugin.config());
    plugin.host()->register_service(plugin.handle(), DASH_SERVICE_COMPRESSION, &service);
    // Low priority: compress after filters that change bodies; access logs (final) still run last.
    dash::Hooks(plugin).response_filter(
        [compressor](const dash::HookRequest& request, dash::HookResponse& response, uint64_t) {
            compressor->filter(request, response);
        },
        {-100, false});
}

}  // namespace

DASH_PLUGIN("org.dashcpp.compress", "compress", "1.0.0", "", setup)
