// callbacks/registry.hpp: registered callbacks: parsing a registration, output keys (§7.3) and the
// _dash-dependencies list.
#pragma once

#include "plugins/registered_function.hpp"

#include <dash/sdk.h>
#include <json/json.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace dash::core {

// A dict-id value that is a wildcard: ["MATCH"], ["ALL"], ["ALLSMALLER"] (name: that one only).
bool is_wildcard(const Json::Value& value, const char* name = nullptr);

struct DependencySpec {
    Json::Value id;  // string or dict (wildcards as ["MATCH"], ["ALL"], ["ALLSMALLER"])
    std::string property;
    bool flag = false;  // allow_duplicate (outputs) / allow_optional (inputs, state)
    // Whether the id holds an ALL / an ALLSMALLER wildcard (it then names a list of components):
    // found once at registration, read on every request.
    bool all = false;
    bool all_smaller = false;

    std::string id_string() const;  // stringified id (§9.1)
};

struct CallbackEntry {
    std::string output;  // the dispatch key sent in _dash-dependencies
    std::vector<DependencySpec> outputs, inputs, state;
    bool multi_output = false;
    std::optional<bool> prevent_initial_call;  // nullopt: the app default
    bool initial_duplicate = false;            // prevent_initial_call="initial_duplicate"
    bool hidden = false;
    bool optional = false;
    bool persistent = false;
    bool websocket = false;  // prefers the WebSocket transport (§12)
    Json::Value running;     // null or {"running": {...}, "runningOff": {...}}

    // Server-side callbacks: the plugin's function(s). prepared (ABI 1.2) wins over fn when set; it
    // is called with fn's user data.
    RegisteredFunction<dash_callback_fn> fn;
    dash_prepared_callback_fn prepared = nullptr;
    // The plugin checks each argument's JSON itself ("checks_arguments" in the registration): the
    // host may hand a prepared call objects and arrays it only delimited, and a DASH_INVALID_ARGUMENT
    // from the call is the client's malformed body (400). Honoured only with `prepared`.
    bool checks_arguments = false;
    // Clientside callbacks: {"namespace", "function_name"}; inline_source for JS given as text.
    Json::Value clientside_function;
    std::string inline_source;

    bool is_clientside() const { return !clientside_function.isNull(); }
    bool no_output() const { return outputs.empty(); }
};

// Parses the dependencies JSON of a registration (dash_callback_spec.dependencies_json) and
// computes the output key; throws DashError naming what is wrong: what Python refuses at
// registration (an id neither string nor dict, '.' or '{' in a string id, a property that is not a
// string), and with `strict` (app.strict_callbacks) also what the renderer would report (empty ids
// and properties, bad dict ids, ALLSMALLER in an output).
std::unique_ptr<CallbackEntry> parse_callback_dependencies(const std::string& dependencies_json, bool strict = false);

class CallbackRegistry {
public:
    // Adds a callback. An output key registered before is answered by the later callback (both are
    // listed, as Python lists them); outputs another callback (or this one) already uses are
    // accepted. Returns those conflicts, which the renderer reports; with `strict` the first is
    // thrown instead as DashError("DuplicateCallback", ...).
    std::vector<std::string> add(std::unique_ptr<CallbackEntry> entry, bool strict = false);
    const CallbackEntry* find_by_output(const std::string& output) const;
    const std::vector<std::shared_ptr<CallbackEntry>>& entries() const { return entries_; }
    // The _dash-dependencies body.
    std::string dependencies_json(bool prevent_initial_callbacks, bool hide_all_callbacks) const;
    // Whether some callback asked for the WebSocket transport.
    bool any_websocket() const;
    void clear() {
        by_output_.clear();
        entries_.clear();
    }

private:
    // The first callback registered under another key than `key` with an output (not
    // allow_duplicate) that can name the same component property as `output`.
    const CallbackEntry* first_other_user(const DependencySpec& output, const std::string& key) const;

    std::vector<std::shared_ptr<CallbackEntry>> entries_;
    std::unordered_map<std::string, CallbackEntry*> by_output_;  // the last registration of each key
};

}  // namespace dash::core
