// dash/core/resources.hpp: component-suite files, their fingerprinted URLs and the assets folder.
#pragma once

#include "app/config.hpp"
#include "http/http.hpp"

#include <json/json.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dash::core {

// A file served from memory: read once, hashed once.
struct StaticFile {
    std::string disk_path;
    std::shared_ptr<const std::string> content;
    std::string content_type;
    std::string etag;   // quoted SHA-1 of the content
    std::string stamp;  // hex content hash used in fingerprints
    long long mtime = 0;

    static std::shared_ptr<const StaticFile> load(const std::string& disk_path);
};

std::string content_type_for(const std::string& path);

// Protocol §5.1: "dir/name.ext" -> "dir/name.v<version>m<stamp>.ext" (split at the first dot).
std::string fingerprint(const std::string& relative_path, const std::string& version, const std::string& stamp);
// The reverse: strips a fingerprint if the second dot-part matches ^v[\w-]+m[0-9a-fA-F]+$.
// Returns the plain path and whether a fingerprint was present.
std::pair<std::string, bool> strip_fingerprint(const std::string& path);

// One file of a component library, as registered.
struct Resource {
    std::string relative_path;
    int kind = 0;  // dash_resource_kind
    unsigned flags = 0;
    std::shared_ptr<const StaticFile> file;
};

struct ComponentLibrary {
    std::string package_name;
    std::string url_namespace;
    std::string version;
    Json::Value children_props;
    Json::Value components;  // {Type: {"props", "wildcards", "required"}}, or null: not checked
    std::vector<Resource> resources;
    std::string plugin_id;
};

// Serves a StaticFile: long cache when fingerprinted, ETag/304 otherwise (protocol §5.1).
void serve_static(const StaticFile& file, bool fingerprinted, const HttpRequest& request, HttpResponse& response);

// The assets folder, scanned at start-up (protocol §16.1).
struct AssetFile {
    std::string relative_path;  // with '/' separators
    std::string disk_path;
    double mtime = 0;
};
struct AssetScan {
    std::vector<AssetFile> scripts;
    std::vector<AssetFile> stylesheets;
    std::optional<AssetFile> favicon;
};
AssetScan scan_assets(const std::string& folder, const std::string& ignore_pattern,
                      const std::vector<std::string>& path_ignore_patterns);
// "1700000000.123456": the mtime as Python prints a float, for ?m= cache busting.
std::string format_mtime(double mtime);

// Serves a file below the assets folder: no-cache, ETag + Last-Modified, 304, 404, no traversal.
void serve_asset(const std::string& folder, const std::string& relative_path, const HttpRequest& request,
                 HttpResponse& response);

}  // namespace dash::core
