// Component-suite files and user assets: loading, fingerprints, content types, caching headers.
#include "app/resources.hpp"

#include "errors.hpp"
#include "util/digest.hpp"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;

namespace dash::core {

namespace {

std::string read_file(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw plugin_error("cannot read file '" + path + "'");
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

double file_mtime(const fs::path& path) {
    auto time = fs::last_write_time(path);
    auto since = std::chrono::duration_cast<std::chrono::microseconds>(
        time - fs::file_time_type::clock::now() + std::chrono::system_clock::now().time_since_epoch());
    return static_cast<double>(since.count()) / 1e6;
}

bool if_none_match(const HttpRequest& request, const std::string& etag) {
    const std::string* header = request.header("If-None-Match");
    if (!header) return false;
    if (*header == "*") return true;
    std::stringstream tags(*header);
    std::string tag;
    while (std::getline(tags, tag, ',')) {
        tag.erase(0, tag.find_first_not_of(' '));
        tag.erase(tag.find_last_not_of(' ') + 1);
        if (tag.rfind("W/", 0) == 0) tag.erase(0, 2);
        if (tag == etag) return true;
    }
    return false;
}

}  // namespace

std::string content_type_for(const std::string& path) {
    static const std::pair<const char*, const char*> types[] = {
        {".js", "text/javascript; charset=utf-8"},  {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},        {".map", "application/json"},
        {".json", "application/json"},              {".html", "text/html; charset=utf-8"},
        {".txt", "text/plain; charset=utf-8"},      {".svg", "image/svg+xml"},
        {".png", "image/png"},                      {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},                    {".gif", "image/gif"},
        {".webp", "image/webp"},                    {".ico", "image/x-icon"},
        {".woff", "font/woff"},                     {".woff2", "font/woff2"},
        {".ttf", "font/ttf"},                       {".otf", "font/otf"},
        {".wasm", "application/wasm"},              {".csv", "text/csv; charset=utf-8"},
        {".xml", "application/xml"},                {".pdf", "application/pdf"},
    };
    std::string extension = fs::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(), ::tolower);
    for (const auto& [ext, type] : types)
        if (extension == ext) return type;
    return "application/octet-stream";
}

std::shared_ptr<const StaticFile> StaticFile::load(const std::string& disk_path) {
    auto file = std::make_shared<StaticFile>();
    file->disk_path = disk_path;
    auto content = std::make_shared<std::string>(read_file(disk_path));
    const std::string digest = sha1_hex(*content);
    file->content = std::move(content);
    file->content_type = content_type_for(disk_path);
    file->etag = "\"" + digest + "\"";
    file->stamp = digest.substr(0, 12);
    file->mtime = static_cast<long long>(file_mtime(disk_path));
    return file;
}

std::string fingerprint(const std::string& relative_path, const std::string& version, const std::string& stamp) {
    const size_t slash = relative_path.rfind('/');
    const std::string dir = slash == std::string::npos ? "" : relative_path.substr(0, slash + 1);
    const std::string name = relative_path.substr(dir.size());
    const size_t dot = name.find('.');
    std::string version_text = version;
    for (char& c : version_text)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') c = '_';
    if (dot == std::string::npos) return dir + name + ".v" + version_text + "m" + stamp;
    return dir + name.substr(0, dot) + ".v" + version_text + "m" + stamp + name.substr(dot);
}

std::pair<std::string, bool> strip_fingerprint(const std::string& path) {
    static const std::regex pattern("^v[A-Za-z0-9_-]+m[0-9a-fA-F]+$");
    const size_t slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
    const std::string name = path.substr(dir.size());
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
        size_t dot = name.find('.', start);
        parts.push_back(name.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    if (parts.size() < 3 || !std::regex_match(parts[1], pattern)) return {path, false};
    std::string plain = parts[0];
    for (size_t i = 2; i < parts.size(); ++i) plain += "." + parts[i];
    return {dir + plain, true};
}

void serve_static(const StaticFile& file, bool fingerprinted, const HttpRequest& request, HttpResponse& response) {
    if (fingerprinted) {
        response.set_header("Cache-Control", "public, max-age=31536000, immutable");
    } else {
        response.set_header("ETag", file.etag);
        response.set_header("Cache-Control", "no-cache");
        if (if_none_match(request, file.etag)) {
            response.status = 304;
            return;
        }
    }
    response.status = 200;
    response.set_header("Content-Type", file.content_type);
    response.shared_body = file.content;
}

std::string format_mtime(double mtime) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.6f", mtime);
    std::string text(buffer);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text += '0';
    return text;
}

AssetScan scan_assets(const std::string& folder, const std::string& ignore_pattern,
                      const std::vector<std::string>& path_ignore_patterns) {
    AssetScan scan;
    std::error_code error;
    if (!fs::is_directory(folder, error)) return scan;
    std::optional<std::regex> ignore;
    std::vector<std::regex> path_ignores;
    try {
        if (!ignore_pattern.empty()) ignore.emplace(ignore_pattern);
        for (const auto& pattern : path_ignore_patterns) path_ignores.emplace_back(pattern);
    } catch (const std::regex_error& bad) {
        throw invalid_config(std::string("assets_ignore / assets_path_ignore is not a valid regex: ") + bad.what());
    }
    // Directories in lexicographic order of their paths, files sorted within each (protocol §16.1).
    std::vector<fs::path> directories{fs::path(folder)};
    for (auto it = fs::recursive_directory_iterator(folder, error); it != fs::recursive_directory_iterator();
         it.increment(error))
        if (it->is_directory()) directories.push_back(it->path());
    std::sort(directories.begin(), directories.end(),
              [](const fs::path& a, const fs::path& b) { return a.string() < b.string(); });
    for (const auto& directory : directories) {
        const fs::path relative_dir = fs::relative(directory, folder);
        bool skipped = false;
        if (relative_dir != ".") {
            for (const auto& component : relative_dir)
                for (const auto& pattern : path_ignores)
                    if (std::regex_search(component.string(), pattern)) skipped = true;
        }
        if (skipped) continue;
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(directory, error))
            if (entry.is_regular_file()) files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        for (const auto& file : files) {
            const std::string name = file.filename().string();
            if (ignore && std::regex_search(name, *ignore)) continue;
            AssetFile asset{fs::relative(file, folder).generic_string(), file.string(), file_mtime(file)};
            auto ends = [&](const char* suffix) {
                const std::string s(suffix);
                return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
            };
            if (ends("js"))
                scan.scripts.push_back(asset);
            else if (ends("css"))
                scan.stylesheets.push_back(asset);
            else if (name == "favicon.ico")
                scan.favicon = asset;
        }
    }
    return scan;
}

void serve_asset(const std::string& folder, const std::string& relative_path, const HttpRequest& request,
                 HttpResponse& response) {
    std::error_code error;
    const fs::path root = fs::weakly_canonical(folder, error);
    const fs::path target = fs::weakly_canonical(root / relative_path, error);
    auto [end, _] = std::mismatch(root.begin(), root.end(), target.begin(), target.end());
    if (error || end != root.end() || !fs::is_regular_file(target, error)) {
        response.error(404, "NotFound", "no asset '" + relative_path + "'");
        return;
    }
    const auto size = fs::file_size(target, error);
    const double mtime = file_mtime(target);
    const std::string etag = "\"" + std::to_string(static_cast<long long>(mtime * 1e6)) + "-" + std::to_string(size) +
                             "\"";
    response.set_header("ETag", etag);
    response.set_header("Cache-Control", "no-cache");
    response.set_header("Last-Modified",
                        Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(static_cast<time_t>(mtime)),
                                                        Poco::DateTimeFormat::HTTP_FORMAT));
    if (if_none_match(request, etag)) {
        response.status = 304;
        return;
    }
    response.status = 200;
    response.set_header("Content-Type", content_type_for(target.string()));
    response.body = read_file(target.string());
}

}  // namespace dash::core
