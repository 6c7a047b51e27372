// Callback registry: parsing registrations, output keys (§7.3) and the _dash-dependencies list.
#include "callbacks/registry.hpp"

#include "errors.hpp"
#include "util/digest.hpp"

#include <dash/json.hpp>

#include <algorithm>
#include <atomic>

namespace dash::core {

namespace {

void check_id(const Json::Value& id, const std::string& where) {
    if (id.isString()) {
        const std::string text = id.asString();
        if (text.empty()) throw DashError("InvalidComponentIdError", where + ": the component id is empty");
        if (text.find('.') != std::string::npos)
            throw DashError("InvalidComponentIdError",
                            where + ": the id '" + text + "' contains '.', which is used to separate id and property");
        if (text.front() == '{')
            throw DashError("InvalidComponentIdError", where + ": a string id may not start with '{'");
        return;
    }
    if (!id.isObject() || id.empty())
        throw DashError("InvalidComponentIdError", where + ": an id must be a non-empty string or a dict");
    for (const auto& key : id.getMemberNames()) {
        const Json::Value& value = id[key];
        if (key.empty()) throw DashError("InvalidComponentIdError", where + ": dict id keys must be non-empty");
        if (!(value.isString() || value.isNumeric() || value.isBool() || is_wildcard(value)))
            throw DashError("InvalidComponentIdError",
                            where + ": dict id values must be strings, numbers, booleans or wildcards");
        // Dots inside a dict id are escaped by Python as "\." which the renderer cannot parse back.
        if (key.find('.') != std::string::npos || (value.isString() && value.asString().find('.') != std::string::npos))
            throw DashError("InvalidComponentIdError", where + ": dict ids may not contain '.'");
    }
}

std::vector<DependencySpec> parse_list(const Json::Value& list, const char* name, const char* flag_name) {
    std::vector<DependencySpec> specs;
    if (list.isNull()) return specs;
    if (!list.isArray()) throw DashError("IncorrectTypeException", std::string(name) + " must be a list");
    for (Json::ArrayIndex i = 0; i < list.size(); ++i) {
        const std::string where = std::string(name) + "[" + std::to_string(i) + "]";
        const Json::Value& item = list[i];
        if (!item.isObject() || !item["property"].isString() || item["property"].asString().empty())
            throw DashError("IncorrectTypeException", where + " needs an id and a non-empty property");
        check_id(item["id"], where);
        DependencySpec spec{item["id"], item["property"].asString(), item[flag_name].asBool()};
        if (spec.property.find('.') != std::string::npos || spec.property.find('@') != std::string::npos)
            throw DashError("IncorrectTypeException", where + ": property '" + spec.property + "' is not a prop name");
        specs.push_back(std::move(spec));
    }
    return specs;
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

bool DependencySpec::has_wildcard(const char* name) const {
    if (!id.isObject()) return false;
    for (const auto& key : id.getMemberNames())
        if (is_wildcard(id[key], name)) return true;
    return false;
}

std::unique_ptr<CallbackEntry> parse_callback_dependencies(const std::string& dependencies_json) {
    Json::Value deps;
    try {
        deps = json::parse(dependencies_json);
    } catch (const std::invalid_argument& error) {
        throw DashError("IncorrectTypeException", std::string("dependencies_json: ") + error.what());
    }
    if (!deps.isObject()) throw DashError("IncorrectTypeException", "dependencies_json must be an object");
    auto entry = std::make_unique<CallbackEntry>();
    entry->outputs = parse_list(deps["outputs"], "outputs", "allow_duplicate");
    entry->inputs = parse_list(deps["inputs"], "inputs", "allow_optional");
    entry->state = parse_list(deps["state"], "state", "allow_optional");
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
    if (deps.isMember("running") && !deps["running"].isNull()) entry->running = deps["running"];
    for (const auto& output : entry->outputs)
        if (output.has_wildcard("ALLSMALLER"))
            throw DashError("InvalidCallbackException", "ALLSMALLER is not allowed in outputs");
    if (entry->outputs.size() > 1) entry->multi_output = true;
    entry->output = output_key(*entry);
    return entry;
}

void CallbackRegistry::add(std::unique_ptr<CallbackEntry> entry) {
    if (by_output_.count(entry->output))
        throw ConflictError("DuplicateCallback", "a callback for output '" + entry->output + "' is already registered");
    std::vector<std::string> claimed;
    for (const auto& output : entry->outputs) {
        if (output.flag) continue;  // allow_duplicate
        const std::string key = output.id_string() + "." + output.property;
        auto found = claimed_outputs_.find(key);
        if (found != claimed_outputs_.end() || std::find(claimed.begin(), claimed.end(), key) != claimed.end())
            throw ConflictError(
                "DuplicateCallback",
                "output '" + key + "' is already used by another callback; pass allow_duplicate to share it");
        claimed.push_back(key);
    }
    for (const auto& key : claimed) claimed_outputs_[key] = entry->output;
    std::shared_ptr<CallbackEntry> shared(std::move(entry));
    by_output_[shared->output] = shared.get();
    entries_.push_back(std::move(shared));
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
