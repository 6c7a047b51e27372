// dash/component.hpp: building layouts in C++: values, objects and component trees (protocol §6).
#pragma once

#include <dash/json.hpp>
#include <dash/python_text.hpp>

#include <initializer_list>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace dash {

class Component;
class Number;
struct NoUpdate;

// Any JSON value a prop can hold, built from C++ literals: strings, numbers, bools, nullptr,
// components, nested lists ({a, b, c}) and Object{...} for dicts.
class Value {
public:
    // null. Explicit, so that `return {};` does not silently mean null (write Value() for null,
    // List{} for an empty list).
    explicit Value() = default;
    Value(std::nullptr_t) {}
    Value(const char* text) : json_(text) {}
    Value(std::string text) : json_(std::move(text)) {}
    Value(std::string_view text) : json_(std::string(text)) {}
    Value(bool flag) : json_(flag) {}
    Value(int number) : json_(number) {}
    Value(unsigned number) : json_(number) {}
    Value(long number) : json_(static_cast<Json::Int64>(number)) {}
    Value(long long number) : json_(static_cast<Json::Int64>(number)) {}
    Value(unsigned long number) : json_(static_cast<Json::UInt64>(number)) {}
    Value(unsigned long long number) : json_(static_cast<Json::UInt64>(number)) {}
    Value(double number) : json_(number) {}
    Value(float number) : json_(static_cast<double>(number)) {}
    Value(Json::Value json) : json_(std::move(json)) {}
    Value(const Component& component);
    Value(const Number& number);
    Value(NoUpdate);  // the no_update marker (dash/callback.hpp)
    // A list: {"a", 1, Div(...)}.
    Value(std::initializer_list<Value> items) : json_(Json::arrayValue) {
        for (const auto& item : items) json_.append(item.json_);
    }
    template <class T>
    Value(const std::vector<T>& items) : json_(Json::arrayValue) {
        for (const auto& item : items) json_.append(Value(item).json_);
    }

    const Json::Value& json() const& { return json_; }
    Json::Value&& json() && { return std::move(json_); }

    // Reading a value the renderer sent (a callback argument of type Value), as Python sees it.
    bool is_null() const { return json_.isNull(); }
    bool is_bool() const { return json_.isBool(); }
    bool is_number() const { return json_.isNumeric() && !json_.isBool(); }
    bool is_string() const { return json_.isString(); }
    bool is_list() const { return json_.isArray(); }
    bool is_dict() const { return json_.isObject(); }
    // Python's str(value): "None", "True", "42", "2.0", "1e+16", "[1, 'a']", "{'a': 1}", or the string itself.
    std::string str() const { return python::str(json_); }
    // Python's repr(value) (strings quoted).
    std::string repr() const { return python::repr(json_); }
    // Python's truthiness: None, False, 0, 0.0, "", [] and {} are false.
    explicit operator bool() const { return python::truthy(json_); }
    // Python's len(): code points of a string, items of a list or dict (std::invalid_argument,
    // "TypeError: ...", for other kinds).
    size_t len() const { return python::len(json_); }
    // An item of a list or a member of a dict (null when absent), as a Value.
    Value operator[](size_t index) const {
        return json_.isArray() && index < json_.size() ? Value(json_[static_cast<Json::ArrayIndex>(index)]) : Value();
    }
    Value operator[](int index) const { return index < 0 ? Value() : (*this)[static_cast<size_t>(index)]; }
    Value operator[](const std::string& key) const {
        return json_.isObject() && json_.isMember(key) ? Value(json_[key]) : Value();
    }
    Value operator[](const char* key) const { return (*this)[std::string(key)]; }
    // The text of a string ("" otherwise), a number as a double (0 otherwise), a bool.
    std::string as_string() const { return json_.isString() ? json_.asString() : std::string(); }
    double as_double() const { return is_number() ? json_.asDouble() : 0.0; }
    long long as_int() const { return is_number() ? static_cast<long long>(json_.asDouble()) : 0; }
    bool as_bool() const { return json_.isBool() && json_.asBool(); }

private:
    Json::Value json_;
};

// A list value, Python's [...]: List{} is the empty list (a Value(), or `return {};`, would be
// null), List{1, "a", html::Div()} a list of values.
class List : public Value {
public:
    List(std::initializer_list<Value> items = {}) : Value(Json::Value(Json::arrayValue)) {
        for (const auto& item : items) append(item);
    }
    List& append(const Value& item) {
        Json::Value list = json();
        list.append(item.json());
        static_cast<Value&>(*this) = Value(std::move(list));
        return *this;
    }
};

// A dict value: Object{{"type", "item"}, {"index", 0}}.
class Object {
public:
    Object(std::initializer_list<std::pair<std::string, Value>> entries = {}) : json_(Json::objectValue) {
        for (const auto& [key, value] : entries) json_[key] = value.json();
    }
    Object& set(const std::string& key, Value value) {
        json_[key] = std::move(value).json();
        return *this;
    }
    operator Value() const { return Value(json_); }
    const Json::Value& json() const { return json_; }

private:
    Json::Value json_;
};

// Any C++ number (not bool): the parameter type of numeric props in generated components, so that
// 3, 3L and 2.5 all fit one setter without ambiguity.
class Number {
public:
    template <class T, std::enable_if_t<std::is_arithmetic_v<T> && !std::is_same_v<T, bool>, int> = 0>
    Number(T number) : json_(convert(number)) {}
    const Json::Value& json() const { return json_; }

private:
    template <class T>
    static Json::Value convert(T number) {
        if constexpr (std::is_floating_point_v<T>)
            return Json::Value(static_cast<double>(number));
        else if constexpr (std::is_signed_v<T>)
            return Json::Value(static_cast<Json::Int64>(number));
        else
            return Json::Value(static_cast<Json::UInt64>(number));
    }
    Json::Value json_;
};

inline Value::Value(const Number& number) : json_(number.json()) {}

using Props = std::initializer_list<std::pair<std::string, Value>>;

// One node of the layout: {"props": {...}, "type": T, "namespace": NS}. Only props that were set
// are serialised, so the renderer applies the component's own defaults to the rest.
class Component {
public:
    Component(std::string namespace_name, std::string type, Props props = {})
        : namespace_(std::move(namespace_name)), type_(std::move(type)), props_(Json::objectValue) {
        for (const auto& [key, value] : props) props_[key] = value.json();
    }

    Component& set(const std::string& prop, Value value) {
        props_[prop] = std::move(value).json();
        return *this;
    }
    const Json::Value& get(const std::string& prop) const { return props_[prop]; }
    bool has_prop(const std::string& prop) const { return props_.isMember(prop); }
    const std::string& type_name() const { return type_; }
    const std::string& namespace_name() const { return namespace_; }

    Json::Value to_json() const {
        Json::Value node(Json::objectValue);
        node["props"] = props_;
        node["type"] = type_;
        node["namespace"] = namespace_;
        return node;
    }
    std::string to_string() const { return json::to_string(to_json()); }

protected:
    // What generated setters call: one exact overload per C++ type of a prop, so that the thousands
    // of setters of html.hpp cost the compiler no overload resolution over Value's constructors and
    // no temporary key string (a tenth of a one-file app's compile time, docs/performance.md).
    void put(const char* prop, std::string&& value) { props_[prop] = Json::Value(std::move(value)); }
    void put(const char* prop, bool value) { props_[prop] = value; }
    void put(const char* prop, const Number& value) { props_[prop] = value.json(); }
    void put(const char* prop, Value&& value) { props_[prop] = std::move(value).json(); }

    // Enum props of generated components: refuses a value outside the allowed ones.
    void check_choice(const char* prop, const Value& value, std::initializer_list<Value> choices) const {
        std::string allowed;
        for (const auto& choice : choices) {
            if (choice.json() == value.json()) return;
            allowed += (allowed.empty() ? "" : ", ") + json::to_string(choice.json());
        }
        throw std::invalid_argument(namespace_ + "." + type_ + ": invalid value " + json::to_string(value.json()) +
                                    " for prop '" + prop + "'; expected one of " + allowed);
    }

private:
    std::string namespace_;
    std::string type_;
    Json::Value props_;
};

inline Value::Value(const Component& component) : json_(component.to_json()) {}

}  // namespace dash
