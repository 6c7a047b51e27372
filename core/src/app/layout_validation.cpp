// Layout checks: unknown component types, unknown props and missing required props (against the
// libraries' metadata, as Python's TypeError), and duplicate ids (DuplicateIdError).
#include "app/layout_validation.hpp"

#include "app/app_state.hpp"
#include "errors.hpp"

#include <dash/json.hpp>

#include <set>

namespace dash::core {

namespace {

bool is_component(const Json::Value& node) {
    return node.isObject() && node.size() == 3 && node["type"].isString() && node["namespace"].isString() &&
           node["props"].isObject();
}

std::string describe(const Json::Value& node) {
    std::string text = "`" + node["namespace"].asString() + "." + node["type"].asString() + "`";
    if (node["props"].isMember("id")) text += " (id " + json::to_string(node["props"]["id"]) + ")";
    return text;
}

bool known_prop(const Json::Value& spec, const std::string& prop) {
    for (const auto& name : spec["props"])
        if (name.asString() == prop) return true;
    for (const auto& prefix : spec["wildcards"])
        if (prop.rfind(prefix.asString(), 0) == 0) return true;
    return false;
}

void check_component(const std::map<std::string, const Json::Value*>& libraries, const Json::Value& node) {
    const auto library = libraries.find(node["namespace"].asString());
    if (library == libraries.end()) return;  // a namespace no plugin describes: nothing to check
    const Json::Value& spec = (*library->second)[node["type"].asString()];
    if (spec.isNull())
        throw DashError("TypeError", "component library " + node["namespace"].asString() + " has no component `" +
                                         node["type"].asString() + "`");
    for (const auto& prop : node["props"].getMemberNames())
        if (!known_prop(spec, prop))
            throw DashError("TypeError", "the " + describe(node) + " component received an unexpected prop `" + prop +
                                             "`");
    for (const auto& required : spec["required"])
        if (!node["props"].isMember(required.asString()))
            throw DashError("TypeError",
                            "the " + describe(node) + " component is missing the required prop `" + required.asString() +
                                "`");
}

void walk(const std::map<std::string, const Json::Value*>& libraries, const Json::Value& value,
          std::set<std::string>& ids) {
    if (is_component(value)) {
        check_component(libraries, value);
        const Json::Value& id = value["props"]["id"];
        if ((id.isString() || id.isObject()) && !ids.insert(json::stringify_id(id)).second)
            throw DashError("DuplicateIdError",
                            "Duplicate component id found in the initial layout: `" + json::stringify_id(id) + "`");
    }
    if (value.isObject() || value.isArray())
        for (const auto& child : value) walk(libraries, child, ids);
}

}  // namespace

void validate_layout(const AppState& app, const Json::Value& layout) {
    std::map<std::string, const Json::Value*> libraries;
    for (const auto& library : app.libraries)
        if (library.components.isObject()) libraries[library.package_name] = &library.components;
    std::set<std::string> ids;
    walk(libraries, layout, ids);
}

}  // namespace dash::core
