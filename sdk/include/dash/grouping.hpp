// dash/grouping.hpp: flexible callback signatures (Python's keyword and nested groupings). A
// grouping is a dependency, a dict of groupings or a list of groupings, to any depth:
//
//     Python:  output=dict(sum=Output("s", "children"), pair=(Output("p", "title"), Output("q", "title")))
//              inputs=dict(a=Input("a", "value"), opts=dict(scale=State("k", "value"), tags=[Input("t", "value")]))
//     C++:     OutputGroup{{"sum", Output("s", "children")},
//                          {"pair", OutputGroup::list({Output("p", "title"), Output("q", "title")})}}
//              InputGroup{{"a", Input("a", "value")},
//                         {"opts", InputGroup{{"scale", State("k", "value")},
//                                             {"tags", InputGroup::list({Input("t", "value")})}}}}
//
// The callback receives the values arranged the same way (dicts as objects, lists as arrays) and
// returns its outputs' values arranged like the output grouping; ctx().args_grouping() and
// ctx().outputs_grouping() describe each leaf (protocol §8.11).
#pragma once

#include <dash/callback.hpp>
#include <dash/exceptions.hpp>
#include <dash/json.hpp>

#include <initializer_list>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace dash {

// An Input or a State inside an InputGroup.
struct GroupedDependency {
    GroupedDependency(const Input& input) : dependency(input), is_state(false) {}
    GroupedDependency(const State& state) : dependency(state), is_state(true) {}
    Dependency dependency;
    bool is_state;
};

template <class Leaf>
class Grouping {
public:
    enum class Kind { leaf, list, dict };

    // One dependency (Output; Input or State).
    template <class T,
              std::enable_if_t<std::is_constructible_v<Leaf, const T&> && !std::is_base_of_v<Grouping, std::decay_t<T>>,
                               int> = 0>
    Grouping(const T& leaf) : kind_(Kind::leaf), leaf_(std::make_shared<Leaf>(leaf)) {}
    // A dict grouping, in this order: {{"name", grouping}, ...} (Python's dict(name=...)).
    Grouping(std::initializer_list<std::pair<std::string, Grouping>> members) : kind_(Kind::dict) {
        for (const auto& [name, member] : members) add_member(name, member);
    }
    // A dict grouping built at run time, members in the order given.
    static Grouping dict(const std::vector<std::pair<std::string, Grouping>>& members) {
        Grouping grouping(Kind::dict);
        for (const auto& [name, member] : members) grouping.add_member(name, member);
        return grouping;
    }
    // A list grouping (Python's tuple or list of groupings).
    static Grouping list(std::vector<Grouping> items) {
        Grouping grouping(Kind::list);
        grouping.items_ = std::move(items);
        return grouping;
    }

    Kind kind() const { return kind_; }
    const Leaf& leaf() const { return *leaf_; }
    const std::vector<std::string>& keys() const { return keys_; }
    const std::vector<Grouping>& items() const { return items_; }

    // The leaves in Python's flatten_grouping order (dict members in the order given).
    template <class F>
    void for_each_leaf(F&& visit) const {
        if (kind_ == Kind::leaf) return visit(*leaf_);
        for (const auto& item : items_) item.for_each_leaf(visit);
    }
    size_t leaf_count() const {
        size_t count = 0;
        for_each_leaf([&](const Leaf&) { ++count; });
        return count;
    }

    // The same shape with the n-th leaf (flatten order) replaced by leaf_value(n): dicts become
    // JSON objects, lists arrays (Python's map_grouping over index groupings).
    template <class F>
    Json::Value map(F&& leaf_value) const {
        size_t next = 0;
        return map_from(leaf_value, next);
    }

    // The values of a grouped return, flattened in leaf order after checking its shape like
    // Python's validate_grouping: SchemaTypeValidationError (a dict or list expected),
    // SchemaKeysValidationError (other keys than the grouping's), SchemaLengthValidationError.
    std::vector<Json::Value> flatten(const Json::Value& value) const {
        std::vector<Json::Value> flat;
        flatten_into(value, "", flat);
        return flat;
    }

    // Python's using_args_grouping / using_outputs_grouping: not a single leaf, and not a flat list
    // of leaves in order.
    bool is_grouped() const {
        if (kind_ == Kind::leaf) return false;
        if (kind_ == Kind::dict) return true;
        for (const auto& item : items_)
            if (item.kind_ != Kind::leaf) return true;
        return false;
    }

private:
    explicit Grouping(Kind kind) : kind_(kind) {}

    void add_member(const std::string& name, const Grouping& member) {
        for (const auto& key : keys_)
            if (key == name) throw IncorrectTypeException("the grouping has the key '" + name + "' twice");
        keys_.push_back(name);
        items_.push_back(member);
    }

    template <class F>
    Json::Value map_from(F& leaf_value, size_t& next) const {
        if (kind_ == Kind::leaf) return leaf_value(next++);
        Json::Value out(kind_ == Kind::dict ? Json::objectValue : Json::arrayValue);
        for (size_t i = 0; i < items_.size(); ++i) {
            Json::Value member = items_[i].map_from(leaf_value, next);
            if (kind_ == Kind::dict)
                out[keys_[i]] = std::move(member);
            else
                out.append(std::move(member));
        }
        return out;
    }

    std::string shape() const {
        if (kind_ == Kind::leaf) return "value";
        std::string text = kind_ == Kind::dict ? "{" : "[";
        for (size_t i = 0; i < items_.size(); ++i) {
            if (i) text += ", ";
            if (kind_ == Kind::dict) text += json::to_string(Json::Value(keys_[i])) + ": ";
            text += items_[i].shape();
        }
        return text + (kind_ == Kind::dict ? "}" : "]");
    }

    static std::string excerpt(const Json::Value& value) {
        std::string text = json::to_string(value);
        return text.size() > 200 ? text.substr(0, 200) + "..." : text;
    }

    void flatten_into(const Json::Value& value, const std::string& path, std::vector<Json::Value>& flat) const {
        if (kind_ == Kind::leaf) {
            flat.push_back(value);
            return;
        }
        const std::string where =
            "at " + (path.empty() ? std::string("the top") : path) + " of the output grouping " + shape() + ": ";
        if (kind_ == Kind::list) {
            if (!value.isArray())
                throw SchemaTypeValidationError(where + "expected a list, received " + excerpt(value));
            if (value.size() != items_.size())
                throw SchemaLengthValidationError(where + "expected a list of length " + std::to_string(items_.size()) +
                                                  ", received one of length " + std::to_string(value.size()) + ": " +
                                                  excerpt(value));
            for (Json::ArrayIndex i = 0; i < value.size(); ++i)
                items_[i].flatten_into(value[i], path + "[" + std::to_string(i) + "]", flat);
            return;
        }
        if (!value.isObject()) throw SchemaTypeValidationError(where + "expected a dict, received " + excerpt(value));
        bool same = value.size() == keys_.size();
        for (const auto& key : keys_) same = same && value.isMember(key);
        if (!same) {
            std::string expected, received;
            for (const auto& key : keys_) expected += (expected.empty() ? "" : ", ") + key;
            for (const auto& key : value.getMemberNames()) received += (received.empty() ? "" : ", ") + key;
            throw SchemaKeysValidationError(where + "expected the keys {" + expected + "}, received {" + received +
                                            "}");
        }
        for (size_t i = 0; i < keys_.size(); ++i)
            items_[i].flatten_into(value[keys_[i]], path + "[" + json::to_string(Json::Value(keys_[i])) + "]", flat);
    }

    Kind kind_;
    std::shared_ptr<const Leaf> leaf_;
    std::vector<std::string> keys_;  // dict members' names, in order
    std::vector<Grouping> items_;    // list items or dict members
};

using OutputGroup = Grouping<Output>;
using InputGroup = Grouping<GroupedDependency>;
// The function of a grouped callback: the arguments arranged like its InputGroup, the outputs'
// values arranged like its OutputGroup (or no_update for all of them).
using GroupedFunction = std::function<Value(const Json::Value& arguments)>;

}  // namespace dash
