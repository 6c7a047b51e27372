// Callback registry: parsing registrations, output keys (§7.3) and the _dash-dependencies list.
#include "callbacks/registry.hpp"

#include "errors.hpp"
#include "util/digest.hpp"

#include <dash/json.hpp>

#include <algorithm>
#include <atomic>

namespace dash::core {

namespace {

// What Python 4.3.0 refuses when a callback is declared (dash/_validate.py validate_callback_arg):
// an id that is neither a string nor a dict, a string id with '.' or '{', a property that is not a
// string. Everything else is registered and left to the renderer, which reports it in the dev
// tools, unless `strict` (app.strict_callbacks) asks for the renderer's checks at start.
void check_id(const Json::Value& id, const std::string& where, const char* list, bool strict) {
    if (id.isString()) {
        const std::string text = id.asString();
        for (const char bad : {'.', '{'})
            if (text.find(bad) != std::string::npos)
                throw DashError("InvalidComponentIdError", where + ": the id '" + text + "' contains '" +
                                                               std::string(1, bad) +
                                                               "'; the characters '.' and '{' are not allowed in ids");
        if (strict && text.empty())
            throw DashError("InvalidComponentIdError",
                            where + ": the id is empty (the renderer: \"Callback item missing ID\")");
        return;
    }
    if (!id.isObject())
        throw DashError("IncorrectTypeException",
                        where + ": component_id must be a string or dict, found " + json::to_string(id));
    if (!strict) return;
    if (id.empty())
        throw DashError("InvalidComponentIdError",
                        where + ": the dict id is empty (the renderer: \"Callback item missing ID\")");
    for (const auto& key : id.getMemberNames()) {
        const Json::Value& value = id[key];
        const std::string renderer = " (the renderer: \"Callback wildcard ID error\")";
        if (key.empty()) throw DashError("InvalidComponentIdError", where + ": a dict id key is empty" + renderer);
        if (is_wildcard(value)) {
            if (std::string(list) == "outputs" && is_wildcard(value, "ALLSMALLER"))
                throw DashError("InvalidComponentIdError",
                                where + ": ALLSMALLER is not allowed in outputs (only MATCH and ALL)" + renderer);
        } else if (!(value.isString() || value.isNumeric() || value.isBool())) {
            throw DashError("InvalidComponentIdError",
                            where + ": dict id values must be strings, numbers, booleans or wildcards" + renderer);
        }
        // The renderer splits "id.prop" at the last '.' it does not find inside the id's JSON:
        // dots there are fragile (strict only: Python and the renderer accept them).
        if (key.find('.') != std::string::npos || (value.isString() && value.asString().find('.') != std::string::npos))
            throw DashError("InvalidComponentIdError", where + ": dict ids may not contain '.' (strict_callbacks)");
    }
}

// Whether a dict id has a value that is the wildcard `name`.
bool has_wildcard(const Json::Value& id, const char* name) {
    if (!id.isObject()) return false;
    for (const auto& key : id.getMemberNames())
        if (is_wildcard(id[key], name)) return true;
    return false;
}

std::vector<DependencySpec> parse_list(const Json::Value& list, const char* name, const char* flag_name, bool strict) {
    std::vector<DependencySpec> specs;
    if (list.isNull()) return specs;
    if (!list.isArray()) throw DashError("IncorrectTypeException", std::string(name) + " must be a list");
    for (Json::ArrayIndex i = 0; i < list.size(); ++i) {
        const std::string where = std::string(name) + "[" + std::to_string(i) + "]";
        const Json::Value& item = list[i];
        if (!item.isObject())
            throw DashError("IncorrectTypeException", where + " must be an object with id and property");
        if (!item["property"].isString())
            throw DashError("IncorrectTypeException", where + ": component_property must be a string, found " +
                                                          json::to_string(item["property"]));
        check_id(item["id"], where, name, strict);
        DependencySpec spec{item["id"], item["property"].asString(), item[flag_name].asBool()};
        spec.all = has_wildcard(spec.id, "ALL");
        spec.all_smaller = has_wildcard(spec.id, "ALLSMALLER");
        if (strict && (spec.property.empty() || spec.property.find('.') != std::string::npos ||
                       spec.property.find('@') != std::string::npos))
            throw DashError("IncorrectTypeException", where + ": property '" + spec.property +
                                                          "' is not a prop name (the renderer: \"Callback property "
                                                          "error\")");
        specs.push_back(std::move(spec));
    }
    return specs;
}

// Whether two outputs can name the same component property: the same string id, or dict ids with
// the same keys whose values are equal or wildcards (the renderer's wildcardOverlap).
bool outputs_overlap(const DependencySpec& a, const DependencySpec& b) {
    if (a.property != b.property) return false;
    if (a.id.isString() || b.id.isString()) return a.id == b.id;
    if (!a.id.isObject() || !b.id.isObject() || a.id.getMemberNames() != b.id.getMemberNames()) return false;
    for (const auto& key : a.id.getMemberNames())
        if (!(is_wildcard(a.id[key]) || is_wildcard(b.id[key]) || a.id[key] == b.id[key])) return false;
    return true;
}

std::string inputs_key(const std::vector<DependencySpec>& inputs) {
    std::string joined;
    for (const auto& input : inputs) {
        if (!joined.empty()) joined += '.';
        joined += input.id_string() + "." + input.property;
    }
    return joined;
}

std::string output_key(const CallbackEntry& entry) {
    if (entry.outputs.empty()) {
        // Python 4.3.0's create_callback_id: the hash of the inputs only (not the state), so two
        // no-output callbacks on the same inputs collide as they do there. With no inputs either,
        // Python hashes the decorator's call site; here each registration is its own site.
        if (!entry.inputs.empty()) return sha256_hex(inputs_key(entry.inputs));
        static std::atomic<unsigned long> site{0};
        return sha256_hex("registration " + std::to_string(++site));
    }
    std::string duplicate_hash;
    auto part = [&](const DependencySpec& output) {
        std::string text = output.id_string() + "." + output.property;
        if (output.flag) {
            if (duplicate_hash.empty()) duplicate_hash = sha256_hex(inputs_key(entry.inputs));
            text += "@" + duplicate_hash;
        }
        return text;
    };
    if (!entry.multi_output) return part(entry.outputs.front());
    std::string key = "..";
    for (size_t i = 0; i < entry.outputs.size(); ++i) key += (i ? "..." : "") + part(entry.outputs[i]);
    return key + "..";
}

Json::Value dependency_list_json(const std::vector<DependencySpec>& specs) {
    Json::Value list(Json::arrayValue);
    for (const auto& spec : specs) {
        Json::Value item(Json::objectValue);
        item["id"] = spec.id_string();
        item["property"] = spec.property;
        if (spec.flag) item["allow_optional"] = true;
        list.append(item);
    }
    return list;
}

}  // namespace

bool is_wildcard(const Json::Value& value, const char* name) {
    if (!value.isArray() || value.size() != 1 || !value[0].isString()) return false;
    const std::string text = value[0].asString();
    if (name) return text == name;
    return text == "MATCH" || text == "ALL" || text == "ALLSMALLER";
}

std::string DependencySpec::id_string() const { return json::stringify_id(id); }


std::unique_ptr<CallbackEntry> parse_callback_dependencies(const std::string& dependencies_json, bool strict) {
    Json::Value deps;
    try {
        deps = json::parse(dependencies_json);
    } catch (const std::invalid_argument& error) {
        throw DashError("IncorrectTypeException", std::string("dependencies_json: ") + error.what());
    }
    if (!deps.isObject()) throw DashError("IncorrectTypeException", "dependencies_json must be an object");
    auto entry = std::make_unique<CallbackEntry>();
    entry->outputs = parse_list(deps["outputs"], "outputs", "allow_duplicate", strict);
    entry->inputs = parse_list(deps["inputs"], "inputs", "allow_optional", strict);
    entry->state = parse_list(deps["state"], "state", "allow_optional", strict);
    entry->multi_output = deps["multi_output"].asBool();
    if (deps["prevent_initial_call"].isBool()) entry->prevent_initial_call = deps["prevent_initial_call"].asBool();
    if (deps["prevent_initial_call"] == "initial_duplicate") {
        entry->prevent_initial_call = false;
        entry->initial_duplicate = true;
    }
    entry->hidden = deps["hidden"].asBool();
    entry->optional = deps["optional"].asBool();
    entry->persistent = deps["persistent"].asBool();
    entry->websocket = deps["websocket"].asBool();
    const Json::Value& checks = deps["checks_arguments"];
    if (!checks.isNull() && !checks.isBool())
        throw DashError("IncorrectTypeException", "dependencies_json: checks_arguments must be true or false");
    entry->checks_arguments = checks.asBool();
    if (deps.isMember("running") && !deps["running"].isNull()) entry->running = deps["running"];
    if (entry->outputs.size() > 1) entry->multi_output = true;
    entry->output = output_key(*entry);
    return entry;
}

std::vector<std::string> CallbackRegistry::add(std::unique_ptr<CallbackEntry> entry, bool strict) {
    // What the renderer will report ("Duplicate callback outputs", "Overlapping wildcard callback
    // outputs"); Python registers such callbacks, and so does this, unless strict.
    std::vector<std::string> conflicts;
    if (by_output_.count(entry->output))
        conflicts.push_back("the output '" + entry->output +
                            "' already has a callback (the renderer: \"Duplicate callback outputs\"); this later "
                            "registration answers it, as in Python");
    for (size_t i = 0; i < entry->outputs.size(); ++i) {
        const DependencySpec& output = entry->outputs[i];
        if (output.flag) continue;  // allow_duplicate
        const std::string key = output.id_string() + "." + output.property;
        for (size_t k = 0; k < i; ++k)
            if (!entry->outputs[k].flag && outputs_overlap(entry->outputs[k], output))
                conflicts.push_back("output " + std::to_string(i) + " (" + key +
                                    ") is already used by this callback (the renderer: \"Duplicate callback "
                                    "Outputs\")");
        if (const CallbackEntry* other = first_other_user(output, entry->output))  // once per output, as the renderer
            conflicts.push_back(
                "output " + std::to_string(i) + " (" + key + ") is already used by the callback for '" + other->output +
                "' (the renderer: \"" +
                (output.id.isObject() ? "Overlapping wildcard callback outputs" : "Duplicate callback outputs") +
                "\"); pass allow_duplicate to share it");
    }
    if (strict && !conflicts.empty())
        throw ConflictError("DuplicateCallback", conflicts.front() + " (app.strict_callbacks is on)");
    std::shared_ptr<CallbackEntry> shared(std::move(entry));
    by_output_[shared->output] = shared.get();  // the last registration answers, as Python's callback_map
    entries_.push_back(std::move(shared));
    return conflicts;
}

const CallbackEntry* CallbackRegistry::first_other_user(const DependencySpec& output, const std::string& key) const {
    for (const auto& other : entries_) {
        if (other->output == key) continue;  // the same output key: reported as such
        for (const auto& used : other->outputs)
            if (!used.flag && outputs_overlap(used, output)) return other.get();
    }
    return nullptr;
}

const CallbackEntry* CallbackRegistry::find_by_output(const std::string& output) const {
    auto found = by_output_.find(output);
    return found == by_output_.end() ? nullptr : found->second;
}

bool CallbackRegistry::any_websocket() const {
    for (const auto& entry : entries_)
        if (entry->websocket) return true;
    return false;
}

std::string CallbackRegistry::dependencies_json(bool prevent_initial_callbacks, bool hide_all_callbacks) const {
    Json::Value list(Json::arrayValue);
    for (const auto& entry : entries_) {
        Json::Value item(Json::objectValue);
        item["output"] = entry->output;
        item["inputs"] = dependency_list_json(entry->inputs);
        item["state"] = dependency_list_json(entry->state);
        item["clientside_function"] = entry->clientside_function;
        item["prevent_initial_call"] = entry->prevent_initial_call.value_or(prevent_initial_callbacks);
        item["background"] = Json::Value();
        item["dynamic_creator"] = entry->is_clientside() ? Json::Value(false) : Json::Value();
        item["no_output"] = entry->no_output();
        item["optional"] = entry->optional;
        item["hidden"] = entry->hidden || hide_all_callbacks;
        item["websocket"] = entry->websocket;
        item["persistent"] = entry->persistent;
        if (!entry->running.isNull()) item["running"] = entry->running;
        list.append(item);
    }
    return json::to_string(list);
}

}  // namespace dash::core
