// dash/patch.hpp: Patch, partial updates applied by the renderer to a prop's current value
// (protocol §8.9), built fluently: patch["layout"]["title"]["text"] = "New"; patch["data"].append(trace).
#pragma once

#include <dash/component.hpp>

#include <string>
#include <utility>

namespace dash {

class Patch {
public:
    // A location inside the prop's value: a path of keys and list indices (negative from the end).
    class Location {
    public:
        Location operator[](const std::string& key) const { return child(Json::Value(key)); }
        Location operator[](const char* key) const { return child(Json::Value(key)); }
        Location operator[](int index) const { return child(Json::Value(index)); }

        // Assign: replace the value here.
        Location& operator=(Value value) {
            patch_->add("Assign", path_, params(std::move(value)));
            return *this;
        }
        // Delete the value here (the key or list element).
        void remove_here() const { patch_->add("Delete", path_, Json::Value(Json::objectValue)); }
        // Delete `key` of the object here.
        void erase(const std::string& key) const { child(Json::Value(key)).remove_here(); }
        void append(Value value) const { patch_->add("Append", path_, params(std::move(value))); }
        void prepend(Value value) const { patch_->add("Prepend", path_, params(std::move(value))); }
        void insert(int index, Value value) const {
            Json::Value p = params(std::move(value));
            p["index"] = index;
            patch_->add("Insert", path_, p);
        }
        void extend(Value list) const { patch_->add("Extend", path_, params(std::move(list))); }
        void merge(Value object) const { patch_->add("Merge", path_, params(std::move(object))); }
        void update(Value object) const { merge(std::move(object)); }
        void clear() const { patch_->add("Clear", path_, Json::Value(Json::objectValue)); }
        void reverse() const { patch_->add("Reverse", path_, Json::Value(Json::objectValue)); }
        // Remove every element equal to value from the list here.
        void remove(Value value) const { patch_->add("Remove", path_, params(std::move(value))); }
        // += with a list extends it, otherwise adds (numbers add, strings concatenate), as Python.
        Location& operator+=(Value value) {
            const bool list = value.json().isArray();
            patch_->add(list ? "Extend" : "Add", path_, params(std::move(value)));
            return *this;
        }
        Location& operator-=(Value value) { return arithmetic("Sub", std::move(value)); }
        Location& operator*=(Value value) { return arithmetic("Mul", std::move(value)); }
        Location& operator/=(Value value) { return arithmetic("Div", std::move(value)); }

    private:
        friend class Patch;
        Location(Patch* patch, Json::Value path) : patch_(patch), path_(std::move(path)) {}
        Location child(Json::Value step) const {
            Json::Value path = path_;
            path.append(std::move(step));
            return Location(patch_, std::move(path));
        }
        static Json::Value params(Value value) {
            Json::Value p(Json::objectValue);
            p["value"] = std::move(value).json();
            return p;
        }
        Location& arithmetic(const char* operation, Value value) {
            patch_->add(operation, path_, params(std::move(value)));
            return *this;
        }
        Patch* patch_;
        Json::Value path_;
    };

    Patch() : operations_(Json::arrayValue) {}

    Location operator[](const std::string& key) { return root()[key]; }
    Location operator[](const char* key) { return root()[key]; }
    Location operator[](int index) { return root()[index]; }
    // Operations on the prop's value itself.
    Location root() { return Location(this, Json::Value(Json::arrayValue)); }
    void append(Value value) { root().append(std::move(value)); }
    void prepend(Value value) { root().prepend(std::move(value)); }
    void insert(int index, Value value) { root().insert(index, std::move(value)); }
    void extend(Value list) { root().extend(std::move(list)); }
    void merge(Value object) { root().merge(std::move(object)); }
    void update(Value object) { root().merge(std::move(object)); }
    void clear() { root().clear(); }
    void reverse() { root().reverse(); }
    void remove(Value value) { root().remove(std::move(value)); }
    void erase(const std::string& key) { root().erase(key); }

    const Json::Value& operations() const { return operations_; }
    Json::Value to_json() const {
        Json::Value patch(Json::objectValue);
        patch["__dash_patch_update"] = "__dash_patch_update";
        patch["operations"] = operations_;
        return patch;
    }
    operator Value() const { return Value(to_json()); }

private:
    void add(const char* operation, const Json::Value& location, Json::Value params) {
        Json::Value entry(Json::objectValue);
        entry["operation"] = operation;
        entry["location"] = location;
        entry["params"] = std::move(params);
        operations_.append(std::move(entry));
    }
    Json::Value operations_;
};

}  // namespace dash
