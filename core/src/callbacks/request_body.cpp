// One pass over the callback body with dash::json::Scanner; output, ids and properties kept in
// plain structures (JsonCpp only for ids, which may be objects for pattern-matching callbacks).
#include "callbacks/request_body.hpp"

#include "callbacks/json_extent.hpp"
#include "errors.hpp"

#include <dash/json.hpp>
#include <dash/json_scan.hpp>

namespace dash::core {

namespace {

DashError bad_request(const std::string& message) { return DashError("InvalidCallbackRequest", message, 400); }

// An id: a string, or a shallow object (pattern-matching ids) built straight from the scanner; the
// rest (numbers, literals, deeper values) parsed by JsonCpp.
Json::Value small_value(json::Scanner& scanner, int depth = 0) {
    const char next = scanner.peek();
    if (next == '"') return Json::Value(scanner.string_value());
    if (depth < 3 && next == '{') {
        Json::Value object(Json::objectValue);
        std::string key;
        scanner.begin_object();
        while (scanner.next_key(key)) object[key] = small_value(scanner, depth + 1);
        return object;
    }
    if (depth < 3 && next == '[') {
        Json::Value list(Json::arrayValue);
        scanner.begin_array();
        while (scanner.next_element()) list.append(small_value(scanner, depth + 1));
        return list;
    }
    return json::parse(scanner.value());
}

// Where an entry sits ("state[2]", "inputs[0][3]"), spelled out only for an error message.
struct Where {
    const char* list;
    Json::ArrayIndex index;
    long item = -1;  // within a wildcard dependency's list
    std::string text() const {
        return std::string(list) + "[" + std::to_string(index) + "]" +
               (item < 0 ? "" : "[" + std::to_string(item) + "]");
    }
};

// A member kept when it is a string ("output", "property"); the last one counts, as for any
// repeated key.
void read_string_member(json::Scanner& scanner, std::optional<std::string>& target) {
    if (scanner.peek() == '"') {
        target = scanner.string_value();
    } else {
        scanner.value();
        target.reset();
    }
}

// A member of a dependency entry other than "value": "id" and "property" are kept, the rest checked.
void read_entry_member(json::Scanner& scanner, std::string_view key, SentEntry& entry) {
    if (key == "id")
        entry.id = small_value(scanner);
    else if (key == "property")
        read_string_member(scanner, entry.property);
    else
        scanner.value();
}

// Checks a value that was only delimited (an object or array; anything else was checked when
// read); throws ScanError with the offset in text.
void check_value(std::string_view text, std::string_view value, int max_depth) {
    if (value.empty() || (value.front() != '{' && value.front() != '[')) return;
    json::Scanner scanner(text, max_depth);  // over the whole body: offsets in messages are the body's
    scanner.skip_to(static_cast<size_t>(value.data() - text.data()));
    scanner.value();
}
// The same for every value of a list of arguments.
void check_values(std::string_view text, const std::vector<ArgumentSlices>& arguments, int max_depth) {
    for (const auto& argument : arguments)
        for (const std::string_view item : argument.items) check_value(text, item, max_depth);
}

// An argument's value as a slice: an object or array only delimited, anything else checked.
std::string_view argument_value(json::Scanner& scanner, int max_depth) {
    const char next = scanner.peek();
    if (next != '{' && next != '[') return scanner.value();
    const size_t start = scanner.position();
    const size_t end = container_end(scanner.text(), start, max_depth);
    scanner.skip_to(end);
    return scanner.text().substr(start, end - start);
}

// {"id": ..., "property": ..., "value": ...}: the value becomes a slice, id and property the entry.
SentNode read_entry(json::Scanner& scanner, std::string_view& value, int max_depth, const Where& where) {
    if (scanner.peek() != '{') throw bad_request(where.text() + " must be an object with id and property");
    SentNode node{SentNode::Kind::entry, {}, {}};
    std::string_view key;
    bool has_value = false;
    scanner.begin_object();
    while (scanner.next_key(key)) {
        if (key == "value") {
            // A repeated key: the last one counts, and the one before, which no plugin will see,
            // is checked now.
            if (has_value) check_value(scanner.text(), value, max_depth);
            value = argument_value(scanner, max_depth);
            has_value = true;
        } else {
            read_entry_member(scanner, key, node.entry);
        }
    }
    if (!has_value) value = "null";
    return node;
}

// "inputs" / "state": a list of entries, or of lists of entries (wildcard dependencies).
SentNode read_dependencies(json::Scanner& scanner, const char* name, std::vector<ArgumentSlices>& arguments,
                           int max_depth) {
    if (scanner.peek() != '[') throw bad_request(std::string(name) + " must be a list");
    SentNode list{SentNode::Kind::list, {}, {}};
    scanner.begin_array();
    for (Json::ArrayIndex i = 0; scanner.next_element(); ++i) {
        ArgumentSlices argument;
        std::string_view value;
        if (scanner.peek() == '[') {
            argument.is_list = true;
            SentNode items{SentNode::Kind::list, {}, {}};
            scanner.begin_array();
            for (Json::ArrayIndex k = 0; scanner.next_element(); ++k) {
                items.items.push_back(read_entry(scanner, value, max_depth, Where{name, i, static_cast<long>(k)}));
                argument.items.push_back(value);
            }
            list.items.push_back(std::move(items));
        } else {
            list.items.push_back(read_entry(scanner, value, max_depth, Where{name, i}));
            argument.items.push_back(value);
        }
        arguments.push_back(std::move(argument));
    }
    return list;
}

// "outputs": an entry, a list of entries or of lists of entries; whatever else is sent is kept as
// "absent" (null) or "other", for validation to name.
SentNode read_outputs(json::Scanner& scanner, int depth = 0) {
    SentNode node;
    const char next = scanner.peek();
    if (next == '{') {
        node.kind = SentNode::Kind::entry;
        std::string_view key;
        scanner.begin_object();
        while (scanner.next_key(key)) read_entry_member(scanner, key, node.entry);
    } else if (next == '[' && depth < 2) {
        node.kind = SentNode::Kind::list;
        scanner.begin_array();
        while (scanner.next_element()) node.items.push_back(read_outputs(scanner, depth + 1));
    } else {
        node.kind = scanner.value() == "null" ? SentNode::Kind::absent : SentNode::Kind::other;
    }
    return node;
}

// The 400 for a body that is not JSON, or too deep.
[[noreturn]] void refuse(const json::ScanError& error) {
    const std::string what = error.what();
    if (what.find("nested deeper") != std::string::npos)
        throw bad_request("the request body is " + what + "; raise server.max_json_depth to accept it");
    throw bad_request("the request body is not JSON (" + what + ")");
}

}  // namespace

void check_delimited_arguments(const CallbackBody& body, std::string_view text, int max_depth) {
    try {
        check_values(text, body.arguments, max_depth);
    } catch (const json::ScanError& error) {
        refuse(error);
    }
}

std::vector<std::string_view> argument_texts(const CallbackBody& body, std::forward_list<std::string>& joined) {
    std::vector<std::string_view> texts;
    texts.reserve(body.arguments.size());
    for (const auto& argument : body.arguments) {
        if (!argument.is_list) {
            texts.push_back(argument.items.front());
            continue;
        }
        std::string& list = joined.emplace_front("[");
        for (size_t i = 0; i < argument.items.size(); ++i) {
            if (i) list += ',';
            list.append(argument.items[i]);
        }
        list += ']';
        texts.push_back(list);
    }
    return texts;
}

CallbackBody read_callback_body(std::string_view text, int max_depth) {
    CallbackBody body;
    try {
        json::Scanner scanner(text, max_depth);
        if (scanner.peek() != '{') {
            scanner.value();  // not JSON at all (ScanError below), or JSON of the wrong shape
            scanner.expect_end();
            throw bad_request("the request body must be an object with an \"output\" string");
        }
        std::vector<ArgumentSlices> inputs, state;
        std::string_view key;
        scanner.begin_object();
        while (scanner.next_key(key)) {
            if (key == "inputs" || key == "state") {
                const bool is_inputs = key == "inputs";
                scanner.peek();  // past white space: the array starts here
                const size_t start = scanner.position();
                std::vector<ArgumentSlices>& target = is_inputs ? inputs : state;
                // A repeated key: the last one counts, as for every other member; the values of
                // the one before, which no plugin will see, are checked now.
                check_values(text, target, max_depth);
                target.clear();
                (is_inputs ? body.inputs : body.state) =
                    read_dependencies(scanner, is_inputs ? "inputs" : "state", target, max_depth);
                // The array's exact text, for error hooks.
                (is_inputs ? body.inputs_text : body.state_text) = text.substr(start, scanner.position() - start);
            } else if (key == "output") {
                read_string_member(scanner, body.output);
            } else if (key == "outputs") {
                body.outputs = read_outputs(scanner);
            } else {
                scanner.value();  // checked, not kept: the plugin reads changedPropIds and the rest from the body
            }
        }
        scanner.expect_end();
        body.arguments = std::move(inputs);
        for (auto& argument : state) body.arguments.push_back(std::move(argument));
    } catch (const json::ScanError& error) {
        refuse(error);
    } catch (const std::invalid_argument& error) {
        throw bad_request(std::string("the request body is not JSON (") + error.what() + ")");
    }
    return body;
}

}  // namespace dash::core
