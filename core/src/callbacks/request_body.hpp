// callbacks/request_body.hpp: reading a _dash-update-component body once (protocol §8.1). The body
// is scanned in one pass (syntax and nesting checked, but for argument objects and arrays, which
// are only delimited); the output, and the ids and properties of outputs, inputs and state, are
// kept in plain structures for validation, and each argument value as a slice of the original
// text, so a 1 MB dcc.Store posted as State is never turned into a tree by the host.
#pragma once

#include <json/json.h>

#include <forward_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dash::core {

// One dependency's value(s) as sent: a single slice, or one per item of a wildcard list.
struct ArgumentSlices {
    bool is_list = false;
    std::vector<std::string_view> items;  // slices of the body ("null" for an item sent without value)
};

// A dependency entry as sent: {"id": ..., "property": ...} (its other members are not kept).
struct SentEntry {
    Json::Value id;                       // null when absent; a string, or a (small) object for pattern-matching ids
    std::optional<std::string> property;  // when "property" is a string
};

// "outputs", "inputs" or "state" as sent, as far as validation looks: absent (or null), an entry
// object, a list (of entries, or of lists of entries for wildcard dependencies), or anything else.
struct SentNode {
    enum class Kind { absent, entry, list, other } kind = Kind::absent;
    SentEntry entry;              // Kind::entry
    std::vector<SentNode> items;  // Kind::list
};

struct CallbackBody {
    std::optional<std::string> output;  // when "output" is a string
    SentNode outputs, inputs, state;    // ids and properties, without the argument values
    // Inputs then state, in the order sent.
    std::vector<ArgumentSlices> arguments;
    // The exact text of the "inputs" and "state" arrays ("[]" when absent), for error hooks.
    std::string_view inputs_text = "[]", state_text = "[]";
};

// Throws DashError("InvalidCallbackRequest", ..., 400) naming the fault: not JSON, nested deeper
// than max_depth, not an object, inputs/state not lists of dependency objects. Slices point into
// text, which must outlive the result. Argument values that are objects or arrays are only
// delimited (their nesting bounded by max_depth): check_delimited_arguments checks them, unless
// the callback's plugin checks them itself.
CallbackBody read_callback_body(std::string_view text, int max_depth);

// Checks the argument values read_callback_body only delimited; throws as it does, offsets in the
// message counted from the start of text (the body the arguments are slices of).
void check_delimited_arguments(const CallbackBody& body, std::string_view text, int max_depth);

// The arguments as a prepared call (ABI 1.2) hands them over: one JSON text each, inputs then
// state, a wildcard dependency's items joined into one list, kept in `joined` (which must outlive
// the result, as must the body's text; a forward_list, as it costs nothing while empty).
std::vector<std::string_view> argument_texts(const CallbackBody& body, std::forward_list<std::string>& joined);

}  // namespace dash::core
