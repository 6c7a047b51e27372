// pages/registry: see registry.hpp. Each function follows the Python function of dash/_pages.py (or
// the standard library one it calls) named in its comment.
#include "registry.hpp"

#include <dash/exceptions.hpp>
#include <dash/json.hpp>
#include <dash/paths.hpp>
#include <dash/python_text.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <limits>
#include <regex>
#include <stdexcept>
#include <tuple>

namespace dash::pages {

namespace {

std::string lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string replace_all(std::string text, char from, char to) {
    std::replace(text.begin(), text.end(), from, to);
    return text;
}

std::string last_segment(const std::string& module) {
    const size_t dot = module.rfind('.');
    return dot == std::string::npos ? module : module.substr(dot + 1);
}

// re.sub("<.*?>", replacement, text): each "<" up to the next ">" replaced.
std::string replace_variables(const std::string& text, const std::string& replacement) {
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
        const size_t open = text.find('<', i);
        const size_t close = open == std::string::npos ? std::string::npos : text.find('>', open + 1);
        if (close == std::string::npos) {
            out.append(text, i, std::string::npos);
            break;
        }
        out.append(text, i, open - i);
        out += replacement;
        i = close + 1;
    }
    return out;
}

// re.findall("<(.*?)>", text)
std::vector<std::string> variable_names(const std::string& text) {
    std::vector<std::string> names;
    size_t i = 0;
    for (;;) {
        const size_t open = text.find('<', i);
        if (open == std::string::npos) break;
        const size_t close = text.find('>', open + 1);
        if (close == std::string::npos) break;
        names.push_back(text.substr(open + 1, close - open - 1));
        i = close + 1;
    }
    return names;
}

// str.isidentifier() and not keyword.iskeyword(): ASCII letters, digits and "_" (a digit not first);
// bytes of non-ASCII UTF-8 characters count as letters.
bool is_python_identifier(const std::string& name) {
    static const std::array<const char*, 35> keywords = {
        "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
        "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
        "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
        "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield"};
    if (name.empty()) return false;
    for (size_t i = 0; i < name.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(name[i]);
        const bool letter = std::isalpha(c) || c == '_' || c >= 0x80;
        if (!letter && !(i > 0 && std::isdigit(c))) return false;
    }
    return std::find(keywords.begin(), keywords.end(), name) == keywords.end();
}

// fnmatch.fnmatchcase: "*" any run, "?" one character, "[seq]"/"[!seq]" a class, the rest literal.
bool glob_match(const std::string& text, const std::string& pattern) {
    size_t t = 0, p = 0, star_p = std::string::npos, star_t = 0;
    auto class_match = [&](size_t& at, char c) -> std::optional<bool> {
        // pattern[at] == '['; returns nullopt when the bracket is not closed (then literal).
        size_t i = at + 1;
        bool negate = false;
        if (i < pattern.size() && pattern[i] == '!') {
            negate = true;
            ++i;
        }
        const size_t first = i;
        if (i < pattern.size() && pattern[i] == ']') ++i;
        while (i < pattern.size() && pattern[i] != ']') ++i;
        if (i >= pattern.size()) return std::nullopt;
        bool found = false;
        for (size_t k = first; k < i; ++k) {
            if (k + 2 < i && pattern[k + 1] == '-') {
                if (c >= pattern[k] && c <= pattern[k + 2]) found = true;
                k += 2;
            } else if (pattern[k] == c) {
                found = true;
            }
        }
        at = i + 1;
        return found != negate;
    };
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star_p = p++;
            star_t = t;
            continue;
        }
        if (p < pattern.size()) {
            size_t next = p;
            bool ok = false;
            if (pattern[p] == '?') {
                ok = true;
                next = p + 1;
            } else if (pattern[p] == '[') {
                const auto matched = class_match(next, text[t]);
                if (matched) {
                    ok = *matched;
                } else {
                    ok = text[t] == '[';
                    next = p + 1;
                }
            } else {
                ok = pattern[p] == text[t];
                next = p + 1;
            }
            if (ok) {
                p = next;
                ++t;
                continue;
            }
        }
        if (star_p == std::string::npos) return false;
        p = star_p + 1;
        t = ++star_t;
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

// urllib.parse.unquote(text.replace("+", " ")) with invalid UTF-8 replaced by U+FFFD.
std::string unquote_plus(const std::string& text) {
    std::string bytes;
    bytes.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            bytes += ' ';
        } else if (c == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
                   std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            bytes += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            bytes += c;
        }
    }
    // Replace each invalid UTF-8 sequence by U+FFFD.
    std::string out;
    out.reserve(bytes.size());
    for (size_t i = 0; i < bytes.size();) {
        const unsigned char c = static_cast<unsigned char>(bytes[i]);
        size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        bool valid = length > 0 && i + length <= bytes.size();
        for (size_t k = 1; valid && k < length; ++k) valid = (static_cast<unsigned char>(bytes[i + k]) & 0xC0) == 0x80;
        if (valid) {
            out.append(bytes, i, length);
            i += length;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

std::string strip_slashes(const std::string& text) {
    return paths::detail::trim_right(paths::detail::trim_left(text, '/'), '/');
}

// Python's str() of an order value, for the sort's third key.
std::string order_text(const Json::Value& order) {
    if (order.isString()) return order.asString();
    if (order.isBool()) return order.asBool() ? "True" : "False";
    return json::to_string(order);
}

bool is_number(const Json::Value& order) { return order.isNumeric() || order.isBool(); }

std::optional<std::string> optional_string(const Json::Value& value) {
    return value.isString() ? std::optional<std::string>(value.asString()) : std::nullopt;
}

Json::Value or_null(const std::optional<std::string>& value) { return value ? Json::Value(*value) : Json::Value(); }

}  // namespace

PageSpec PageSpec::from_json(const Json::Value& spec) {
    if (!spec["module"].isString())
        throw PageError("The first attribute of dash.register_page() must be a string or '__name__'");
    PageSpec page;
    page.module = spec["module"].asString();
    page.path = optional_string(spec["path"]);
    page.path_template = optional_string(spec["path_template"]);
    page.name = optional_string(spec["name"]);
    page.order = spec["order"];
    page.title = optional_string(spec["title"]);
    page.description = optional_string(spec["description"]);
    page.image = optional_string(spec["image"]);
    page.image_url = optional_string(spec["image_url"]);
    for (const Json::Value& from : spec["redirect_from"]) page.redirect_from.push_back(from.asString());
    if (spec["extra"].isObject()) page.extra = spec["extra"];
    return page;
}

// _infer_path
std::string infer_path(const std::string& module, const std::optional<std::string>& path_template,
                       const std::string& pages_folder) {
    std::string path;
    if (path_template) {
        path = replace_variables(*path_template, "none");
    } else {
        std::string tail = module;
        // Path(pages_folder).name: the last segment, trailing slashes ignored.
        std::string folder = pages_folder;
        while (!folder.empty() && folder.back() == '/') folder.pop_back();
        folder = folder.substr(folder.find_last_of('/') == std::string::npos ? 0 : folder.find_last_of('/') + 1);
        if (!folder.empty()) {
            const size_t at = module.rfind(folder);  // str.split(folder)[-1]: after the last occurrence
            if (at != std::string::npos) tail = module.substr(at + folder.size());
        }
        path = lower(replace_all(replace_all(tail, '_', '-'), '.', '/'));
    }
    if (path.empty() || path.front() != '/') path.insert(path.begin(), '/');
    return path;
}

// _module_name_to_page_name: the last segment, "_" as spaces, str.capitalize().
std::string module_name_to_page_name(const std::string& module) {
    std::string name = lower(replace_all(last_segment(module), '_', ' '));
    if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    return name;
}

// _infer_image
std::optional<std::string> infer_image(const std::string& module, const std::vector<std::string>& asset_files) {
    static const std::array<const char*, 8> extensions = {"apng", "avif", "gif", "jpeg", "jpg", "png", "svg", "webp"};
    const std::string page_id = last_segment(module);
    const std::string page_id_dashed = replace_all(page_id, '_', '-');
    std::optional<std::string> app_file, logo_file;
    for (const std::string& file : asset_files) {
        const size_t dot = file.find('.');
        const std::string stem = file.substr(0, dot);
        const std::string extension = dot == std::string::npos ? "" : lower(file.substr(dot + 1));
        if (std::find(extensions.begin(), extensions.end(), extension) == extensions.end()) continue;
        if (stem == page_id || stem == page_id_dashed) return file;
        if (stem == "app") app_file = file;
        if (stem == "logo") logo_file = file;
    }
    return app_file ? app_file : logo_file;
}

// _validate.validate_template
void validate_template(const std::string& path_template) {
    for (const std::string& name : variable_names(path_template))
        if (!is_python_identifier(name))
            throw std::invalid_argument("`" + name + "` is not a valid Python variable name in `path_template`: \"" +
                                        path_template + "\".");
}

// _parse_query_string: parse_qs(search[1:], keep_blank_values=True), single values unwrapped.
Json::Value parse_query_string(const std::string& search) {
    Json::Value result(Json::objectValue);
    if (search.empty() || search.front() != '?') return result;
    std::vector<std::string> order;
    Json::Value lists(Json::objectValue);
    size_t start = 1;
    while (start <= search.size()) {
        size_t end = search.find('&', start);
        if (end == std::string::npos) end = search.size();
        const std::string pair = search.substr(start, end - start);
        start = end + 1;
        if (pair.empty()) continue;
        const size_t equals = pair.find('=');
        const std::string name = unquote_plus(pair.substr(0, equals));
        const std::string value = equals == std::string::npos ? "" : unquote_plus(pair.substr(equals + 1));
        if (!lists.isMember(name)) order.push_back(name);
        lists[name].append(value);
    }
    for (const std::string& name : order) result[name] = lists[name].size() == 1 ? lists[name][0] : lists[name];
    return result;
}

// _parse_path_variables
std::optional<Json::Value> parse_path_variables(const std::string& path_id, const std::string& path_template) {
    if (!glob_match(path_id, replace_variables(path_template, "*"))) return std::nullopt;
    const std::vector<std::string> names = variable_names(path_template);
    Json::Value variables(Json::objectValue);
    try {
        const std::regex pattern(replace_variables(path_template, "(.*)"));
        std::smatch found;
        if (!std::regex_search(path_id, found, pattern)) return std::nullopt;
        for (size_t i = 0; i < names.size() && i + 1 < found.size(); ++i) variables[names[i]] = found[i + 1].str();
    } catch (const std::regex_error&) {
        return std::nullopt;  // the template's static part is not a regular expression Python would take either
    }
    return variables;
}

const Json::Value& Registry::add(const PageSpec& spec, const Settings& settings) {
    // _validate.validate_registry
    if (spec.module == "__main__")
        throw std::invalid_argument(
            "`__main__` is not a valid module name for a page: use a string such as "
            "\"pages.report\"");
    if (spec.path_template) validate_template(*spec.path_template);
    Json::Value page(Json::objectValue);
    page["module"] = spec.module;
    page["supplied_path"] = or_null(spec.path);
    page["path_template"] = or_null(spec.path_template);
    page["path"] = spec.path ? *spec.path : infer_path(spec.module, spec.path_template, settings.pages_folder);
    page["supplied_name"] = or_null(spec.name);
    page["name"] = spec.name ? *spec.name : module_name_to_page_name(spec.module);
    // A title or description given as a function is computed per request: null here.
    page["supplied_title"] = or_null(spec.title);
    if (spec.title_is_function)
        page["title"] = Json::Value();
    else
        page["title"] = spec.title ? *spec.title : settings.title != "Dash" ? settings.title : page["name"].asString();
    if (spec.description_is_function)
        page["description"] = Json::Value();
    else
        page["description"] = spec.description && !spec.description->empty() ? *spec.description : settings.description;
    page["order"] = spec.order;
    page["supplied_order"] = spec.order;
    page["supplied_layout"] = Json::Value();
    for (const std::string& key : spec.extra.getMemberNames()) page[key] = spec.extra[key];
    page["supplied_image"] = or_null(spec.image);
    page["image"] = spec.image ? Json::Value(*spec.image) : or_null(infer_image(spec.module, settings.asset_files));
    page["image_url"] = or_null(spec.image_url);
    page["redirect_from"] = Json::Value();  // Python stores what _set_redirect returns: None

    const auto same = std::find_if(entries_.begin(), entries_.end(),
                                   [&](const Json::Value& entry) { return entry["module"].asString() == spec.module; });
    if (same != entries_.end())
        *same = std::move(page);
    else
        entries_.push_back(std::move(page));

    const bool order_supplied = std::any_of(entries_.begin(), entries_.end(),
                                            [](const Json::Value& entry) { return !entry["supplied_order"].isNull(); });
    for (Json::Value& entry : entries_) {
        entry["order"] = entry["path"].asString() == "/" && !order_supplied ? Json::Value(0) : entry["supplied_order"];
        entry["relative_path"] = paths::get_relative_path(settings.requests_pathname_prefix, entry["path"].asString());
    }
    // Numbers first (ascending), then other orders by their text, then no order; ties by module.
    auto key = [](const Json::Value& entry) {
        const Json::Value& order = entry["order"];
        const double number = is_number(order) ? order.asDouble() : std::numeric_limits<double>::infinity();
        return std::make_tuple(order.isNull(), number, order.isNull() ? std::string("None") : order_text(order),
                               entry["module"].asString());
    };
    std::stable_sort(entries_.begin(), entries_.end(),
                     [&](const Json::Value& a, const Json::Value& b) { return key(a) < key(b); });
    for (const Json::Value& entry : entries_)
        if (entry["module"].asString() == spec.module) return entry;
    return entries_.back();  // unreachable
}

Json::Value Registry::to_json() const {
    // JsonCpp keeps object members sorted by name, so the order goes as a list of entries.
    Json::Value ordered(Json::arrayValue);
    for (const Json::Value& entry : entries_) ordered.append(entry);
    return ordered;
}

// _validate.check_for_duplicate_pathnames
void Registry::check_duplicate_paths() const {
    std::vector<std::pair<std::string, Json::Value>> by_path;  // path -> its modules, in registry order
    for (const Json::Value& entry : entries_) {
        const std::string path = entry["path"].asString();
        auto found = std::find_if(by_path.begin(), by_path.end(), [&](const auto& item) { return item.first == path; });
        if (found == by_path.end()) found = by_path.insert(by_path.end(), {path, Json::Value(Json::arrayValue)});
        found->second.append(entry["module"]);
    }
    for (const auto& [path, modules] : by_path)
        if (modules.size() > 1)
            throw std::invalid_argument("modules " + python::repr(modules) + " have duplicate paths");
}

// _path_to_page
std::optional<Registry::Match> Registry::match(const std::string& path_id) const {
    for (size_t i = 0; i < entries_.size(); ++i) {
        const Json::Value& entry = entries_[i];
        Json::Value variables;
        if (const auto path_template = optional_string(entry["path_template"])) {
            const auto found = parse_path_variables(path_id, strip_slashes(*path_template));
            if (found && !found->empty()) return Match{i, *found};
            if (found) variables = *found;
        }
        if (path_id == strip_slashes(entry["path"].asString())) return Match{i, variables};
    }
    return std::nullopt;
}

std::optional<size_t> Registry::not_found_page() const {
    for (size_t i = 0; i < entries_.size(); ++i)
        if (last_segment(entries_[i]["module"].asString()) == "not_found_404") return i;
    return std::nullopt;
}

}  // namespace dash::pages
