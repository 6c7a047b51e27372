// dash/arguments.hpp: reading a callback's request body (protocol §8.1): the values of its inputs
// and states in registration order, and the args_grouping leaves of keyword callbacks.
#pragma once

#include <dash/json.hpp>

#include <string>
#include <vector>

namespace dash::detail {

// The flattened values of inputs then states, in registration order (protocol §8.3); a wildcard
// dependency gives the list of its items' values.
inline std::vector<Json::Value> argument_values(const Json::Value& body) {
    std::vector<Json::Value> values;
    for (const char* key : {"inputs", "state"}) {
        for (const auto& entry : body[key]) {
            if (entry.isArray()) {
                Json::Value list(Json::arrayValue);
                for (const auto& item : entry) list.append(item["value"]);
                values.push_back(std::move(list));
            } else {
                values.push_back(entry["value"]);
            }
        }
    }
    return values;
}

// The raw entries of inputs then states (a list for wildcard dependencies), in the same order.
inline std::vector<Json::Value> argument_entries(const Json::Value& body) {
    std::vector<Json::Value> entries;
    for (const char* key : {"inputs", "state"})
        for (const auto& entry : body[key]) entries.push_back(entry);
    return entries;
}

// One args_grouping leaf: the entry plus str_id and triggered (lists for wildcard dependencies).
inline Json::Value grouping_entry(const Json::Value& entry, const Json::Value& changed) {
    if (entry.isArray()) {
        Json::Value list(Json::arrayValue);
        for (const auto& item : entry) list.append(grouping_entry(item, changed));
        return list;
    }
    Json::Value leaf = entry;
    leaf["str_id"] = json::stringify_id(entry["id"]);
    const std::string prop_id = leaf["str_id"].asString() + "." + entry["property"].asString();
    bool triggered = false;
    for (const auto& id : changed) triggered = triggered || id.asString() == prop_id;
    leaf["triggered"] = triggered;
    if (!leaf.isMember("value")) leaf["value"] = Json::Value();
    return leaf;
}

}  // namespace dash::detail
