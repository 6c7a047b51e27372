// pages/registry: Dash's page registry (protocol §13.3) and page matching (§13.4), as Python's
// dash/_pages.py computes them: the inference of path, name, title, description, image and order
// from what register_page was given, the sort after every registration, duplicate paths, path
// templates and query strings. Pure logic over JSON values, so every rule is testable without a
// host; the plugin around it registers the routes, callbacks and meta tags.
#pragma once

#include <json/json.h>

#include <optional>
#include <string>
#include <vector>

namespace dash::pages {

// The app settings inference reads (Python's CONFIG of dash._pages).
struct Settings {
    std::string title = "Dash";
    std::string description;
    std::string pages_folder = "pages";          // its last path segment is what path inference strips
    std::string requests_pathname_prefix = "/";  // for relative_path
    std::vector<std::string> asset_files;        // names of the files directly in the assets folder
};

// What register_page(module, ...) was given. Absent optionals are Python's None.
struct PageSpec {
    std::string module;
    std::optional<std::string> path;
    std::optional<std::string> path_template;
    std::optional<std::string> name;
    Json::Value order;  // null: none; a number; anything else sorts by its text (Python's str())
    std::optional<std::string> title;
    bool title_is_function = false;  // the title is computed per request (stored as null here)
    std::optional<std::string> description;
    bool description_is_function = false;
    std::optional<std::string> image;
    std::optional<std::string> image_url;
    std::vector<std::string> redirect_from;
    Json::Value extra = Json::Value(Json::objectValue);  // **kwargs, stored as given

    // From the JSON of dash_page_spec.spec_json (dash/ext/pages.h); PageError without a module.
    static PageSpec from_json(const Json::Value& spec);
};

// Python's rules, one function each.
std::string infer_path(const std::string& module, const std::optional<std::string>& path_template,
                       const std::string& pages_folder);
std::string module_name_to_page_name(const std::string& module);
std::optional<std::string> infer_image(const std::string& module, const std::vector<std::string>& asset_files);
// Throws std::invalid_argument with Python's message for a variable that is not an identifier.
void validate_template(const std::string& path_template);

// `?a=1&b=2&b=3` -> {"a": "1", "b": ["2", "3"]} (urllib's parse_qs with blank values kept); a search
// that does not start with "?" gives {}.
Json::Value parse_query_string(const std::string& search);

// The variables of a path template matched against a path (both without surrounding slashes):
// {"id": "a100"} for ("asset/a100", "asset/<id>"); nullopt when the static parts do not match.
std::optional<Json::Value> parse_path_variables(const std::string& path_id, const std::string& path_template);

class Registry {
public:
    // One page, as dash.register_page: the entry (Python's dict, same keys) replaces one of the same
    // module; orders are re-derived and the registry re-sorted. Throws std::invalid_argument for a
    // bad path template, and UnsupportedRelativePath (dash/paths.hpp) for a path without a leading /.
    const Json::Value& add(const PageSpec& spec, const Settings& settings);

    // The entries in registry order.
    const std::vector<Json::Value>& entries() const { return entries_; }
    // The entries as a JSON list, in registry order (Python's ordered dict by module).
    Json::Value to_json() const;

    // Throws std::invalid_argument("modules ['a', 'b'] have duplicate paths") as Python does.
    void check_duplicate_paths() const;

    // The page a path belongs to (path_id: the path without the prefix and surrounding slashes):
    // its index in entries() and its path variables (null when it matched by path, not template).
    struct Match {
        size_t index;
        Json::Value variables;
    };
    std::optional<Match> match(const std::string& path_id) const;
    // The page answering unknown paths: the first whose module's last segment is "not_found_404".
    std::optional<size_t> not_found_page() const;

private:
    std::vector<Json::Value> entries_;
};


}  // namespace dash::pages
