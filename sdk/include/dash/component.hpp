// dash/component.hpp: building layouts in C++: values, objects and component trees (protocol §6).
#pragma once

#include <dash/json.hpp>

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace dash {

class Component;

// Any JSON value a prop can hold, built from C++ literals: strings, numbers, bools, nullptr,
// components, nested lists ({a, b, c}) and Object{...} for dicts.
class Value {
public:
    Value() = default;  // null
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

private:
    Json::Value json_;
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
    const Json::Value& prop(const std::string& name) const { return props_[name]; }
    bool has(const std::string& name) const { return props_.isMember(name); }
    const std::string& type() const { return type_; }
    const std::string& namespace_name() const { return namespace_; }

    Json::Value to_json() const {
        Json::Value node(Json::objectValue);
        node["props"] = props_;
        node["type"] = type_;
        node["namespace"] = namespace_;
        return node;
    }
    std::string to_string() const { return json::to_string(to_json()); }

private:
    std::string namespace_;
    std::string type_;
    Json::Value props_;
};

inline Value::Value(const Component& component) : json_(component.to_json()) {}

// Components of dash_html_components: Div({{"id", "x"}}) or Div(children, {{"id", "x"}}).
// Every one has a children prop, which Python always
// serialises (null when not given); we do the same so layouts compare equal.
namespace html {
inline Component make(const std::string& type, Props props = {}) {
    Component component("dash_html_components", type, props);
    if (!component.has("children")) component.set("children", nullptr);
    return component;
}
inline Component make(const std::string& type, Value children, Props props) {
    Component component("dash_html_components", type, props);
    component.set("children", std::move(children));
    return component;
}

#define DASH_HTML_COMPONENT(NAME)                                                            \
    inline Component NAME(Props props = {}) { return make(#NAME, props); }                    \
    inline Component NAME(Value children, Props props) {                                      \
        return make(#NAME, std::move(children), props);                                       \
    }
DASH_HTML_COMPONENT(A)
DASH_HTML_COMPONENT(B)
DASH_HTML_COMPONENT(Br)
DASH_HTML_COMPONENT(Button)
DASH_HTML_COMPONENT(Code)
DASH_HTML_COMPONENT(Div)
DASH_HTML_COMPONENT(Em)
DASH_HTML_COMPONENT(Footer)
DASH_HTML_COMPONENT(Form)
DASH_HTML_COMPONENT(H1)
DASH_HTML_COMPONENT(H2)
DASH_HTML_COMPONENT(H3)
DASH_HTML_COMPONENT(H4)
DASH_HTML_COMPONENT(Header)
DASH_HTML_COMPONENT(Hr)
DASH_HTML_COMPONENT(I)
DASH_HTML_COMPONENT(Img)
DASH_HTML_COMPONENT(Label)
DASH_HTML_COMPONENT(Li)
DASH_HTML_COMPONENT(Main)
DASH_HTML_COMPONENT(Nav)
DASH_HTML_COMPONENT(Ol)
DASH_HTML_COMPONENT(P)
DASH_HTML_COMPONENT(Pre)
DASH_HTML_COMPONENT(Section)
DASH_HTML_COMPONENT(Span)
DASH_HTML_COMPONENT(Strong)
DASH_HTML_COMPONENT(Table)
DASH_HTML_COMPONENT(Tbody)
DASH_HTML_COMPONENT(Td)
DASH_HTML_COMPONENT(Th)
DASH_HTML_COMPONENT(Thead)
DASH_HTML_COMPONENT(Tr)
DASH_HTML_COMPONENT(Ul)
#undef DASH_HTML_COMPONENT
}  // namespace html

// Components of dash_core_components, generically: dcc::make("Input", {{"id", "in"}}).
namespace dcc {
inline Component make(const std::string& type, Props props = {}) {
    return Component("dash_core_components", type, props);
}
#define DASH_DCC_COMPONENT(NAME) \
    inline Component NAME(Props props = {}) { return make(#NAME, props); }
DASH_DCC_COMPONENT(Checklist)
DASH_DCC_COMPONENT(Dropdown)
DASH_DCC_COMPONENT(Graph)
DASH_DCC_COMPONENT(Input)
DASH_DCC_COMPONENT(Interval)
DASH_DCC_COMPONENT(Markdown)
DASH_DCC_COMPONENT(RadioItems)
DASH_DCC_COMPONENT(Slider)
DASH_DCC_COMPONENT(Store)
DASH_DCC_COMPONENT(Textarea)
#undef DASH_DCC_COMPONENT
}  // namespace dcc

}  // namespace dash
