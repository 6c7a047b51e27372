// dash/json_value.hpp: dash::JsonData, the SDK's own JSON value for big data: a 1 MB dcc.Store taken as
// an argument, a figure with large numeric arrays returned. A parsed value is a read-only tape
// (dash/json_tape.hpp: one pass over the text, no allocation per value, about twice as fast as
// building a tree); the first write to it builds a mutable tree backed by RapidJSON (header-only,
// Debian's rapidjson-dev), which values built in code use from the start. Either way it is written
// in Dash's own format (compact, shortest round-trip numbers as Python prints them, non-ASCII as
// \uXXXX) by the same writer as everything else.
//
// Views (operator[], range-for) share the value's storage: a write through one is seen by all. As
// with std::vector, push_back on an array or set of a new key may move that container's items, so
// views of its items taken before such a write must be taken again.
//
//     app.callback(Output("size", "children"), Input("go", "n_clicks"), State("store", "data"),
//                  [](std::optional<long>, const JsonData& data) { return std::to_string(data.size()); });
//
//     JsonData figure = JsonData::object();
//     JsonData trace = JsonData::object();
//     trace.set("x", JsonData::array(xs));      // std::vector<double>: one allocation, no per-item tree
//     figure.set("data", JsonData::array());
//     figure["data"].push_back(std::move(trace));
//
//     long total = 0;
//     for (const JsonData& row : data) total += row["value"].as_int();   // range-for over an array
//
// RapidJSON never appears in its interface: app code sees dash::JsonData only.
#pragma once

#include <dash/json.hpp>
#include <dash/json_tape.hpp>

#include <rapidjson/allocators.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace dash {

class JsonData {
    // Every node allocated with malloc (RapidJSON's CrtAllocator): values move between JsonData
    // objects in O(1), with no pool whose lifetime they depend on.
    using Value = rapidjson::GenericValue<rapidjson::UTF8<>, rapidjson::CrtAllocator>;
    using Document = rapidjson::GenericDocument<rapidjson::UTF8<>, rapidjson::CrtAllocator>;
    using Allocator = rapidjson::CrtAllocator;
    using Tape = json::Tape;

    // What every view of one value shares. A parsed value starts as a read-only tape (one pass over
    // the text, no allocation per value); the first write anywhere in it builds the mutable tree
    // once, and views made before then find their node through `nodes`.
    struct Storage {
        Document document;
        std::unique_ptr<Tape> tape;  // until the first write
        std::vector<Value*> nodes;   // after it: the tree node of each tape node
        bool deep = false;           // built from a tape nested deeper than recursion is safe for

        Storage() = default;
        Storage(const Storage&) = delete;
        Storage& operator=(const Storage&) = delete;
        ~Storage() {
            if (deep) dismantle(document);
        }
    };
    static constexpr size_t deep_nesting = 256;

public:
    // null
    JsonData() : storage_(std::make_shared<Storage>()), value_(&storage_->document) {}
    JsonData(std::nullptr_t) : JsonData() {}
    JsonData(bool flag) : JsonData() { value_->SetBool(flag); }
    JsonData(int number) : JsonData() { value_->SetInt(number); }
    JsonData(long number) : JsonData() { value_->SetInt64(number); }
    JsonData(long long number) : JsonData() { value_->SetInt64(number); }
    JsonData(unsigned number) : JsonData() { value_->SetUint(number); }
    JsonData(unsigned long number) : JsonData() { value_->SetUint64(number); }
    JsonData(double number) : JsonData() { value_->SetDouble(number); }
    JsonData(std::string_view text) : JsonData() {
        value_->SetString(text.data(), static_cast<rapidjson::SizeType>(text.size()), allocator());
    }
    JsonData(const char* text) : JsonData(std::string_view(text)) {}
    JsonData(const std::string& text) : JsonData(std::string_view(text)) {}

    static JsonData object() {
        JsonData json;
        json.value_->SetObject();
        return json;
    }
    static JsonData array() {
        JsonData json;
        json.value_->SetArray();
        return json;
    }
    // A list of numbers or strings in one go (reserved once; no tree per item beyond RapidJSON's).
    template <class T>
    static JsonData array(const std::vector<T>& items) {
        JsonData json = array();
        json.value_->Reserve(static_cast<rapidjson::SizeType>(items.size()), json.allocator());
        for (const auto& item : items) json.value_->PushBack(JsonData::make(item, json.allocator()), json.allocator());
        return json;
    }

    // Parses JSON text (numbers exactly, as Python reads them); throws std::invalid_argument naming
    // the fault and its offset. The text is copied: the value does not depend on it afterwards.
    static JsonData parse(std::string_view text) {
        JsonData json;
        try {
            json.storage_->tape = std::make_unique<Tape>(text);
        } catch (const json::ScanError& error) {
            throw std::invalid_argument(std::string("invalid JSON: ") + error.what());
        }
        json.value_ = nullptr;
        json.node_ = 0;
        return json;
    }

    bool is_null() const { return tree() ? value_->IsNull() : kind() == Tape::Kind::null; }
    bool is_bool() const {
        return tree() ? value_->IsBool() : kind() == Tape::Kind::boolean_true || kind() == Tape::Kind::boolean_false;
    }
    bool is_number() const { return tree() ? value_->IsNumber() : is_integer() || kind() == Tape::Kind::real; }
    bool is_integer() const {
        return tree() ? value_->IsInt64() || value_->IsUint64()
                      : kind() == Tape::Kind::integer || kind() == Tape::Kind::unsigned_integer;
    }
    bool is_string() const { return tree() ? value_->IsString() : kind() == Tape::Kind::string; }
    bool is_array() const { return tree() ? value_->IsArray() : kind() == Tape::Kind::array; }
    bool is_object() const { return tree() ? value_->IsObject() : kind() == Tape::Kind::object; }

    // Items of an array, members of an object, 0 otherwise.
    size_t size() const {
        if (!tree()) return is_array() || is_object() ? tape_node().length : 0;
        if (value_->IsArray()) return value_->Size();
        if (value_->IsObject()) return value_->MemberCount();
        return 0;
    }
    bool contains(std::string_view key) const {
        if (!tree()) return is_object() && find_member(key) != 0;
        return value_->IsObject() && find(key) != value_->MemberEnd();
    }

    // A view of an item or member (null when absent), sharing this value's storage.
    JsonData operator[](size_t index) const {
        if (!tree()) {
            if (!is_array() || index >= tape_node().length) return JsonData();
            return JsonData(storage_, storage_->tape->item(node_, static_cast<uint32_t>(index)));
        }
        if (!value_->IsArray() || index >= value_->Size()) return JsonData();
        return JsonData(storage_, &(*value_)[static_cast<rapidjson::SizeType>(index)]);
    }
    JsonData operator[](std::string_view key) const {
        if (!tree()) {
            const uint32_t member = is_object() ? find_member(key) : 0;
            return member == 0 ? JsonData() : JsonData(storage_, member);
        }
        if (!value_->IsObject()) return JsonData();
        const auto found = find(key);
        return found == value_->MemberEnd() ? JsonData() : JsonData(storage_, &found->value);
    }
    JsonData operator[](const char* key) const { return (*this)[std::string_view(key)]; }
    JsonData operator[](int index) const { return index < 0 ? JsonData() : (*this)[static_cast<size_t>(index)]; }
    // Range-for over an array's items (views sharing this value's storage); nothing for other types.
    class Iterator {
    public:
        Iterator(const JsonData* owner, size_t index) : owner_(owner), index_(index) {}
        JsonData operator*() const { return (*owner_)[index_]; }
        Iterator& operator++() {
            ++index_;
            return *this;
        }
        bool operator!=(const Iterator& other) const { return index_ != other.index_; }

    private:
        const JsonData* owner_;
        size_t index_;
    };
    Iterator begin() const { return Iterator(this, 0); }
    Iterator end() const { return Iterator(this, is_array() ? size() : 0); }

    // The member names of an object, in order.
    std::vector<std::string> keys() const {
        std::vector<std::string> names;
        if (!tree()) {
            if (!is_object()) return names;
            names.reserve(tape_node().length);
            const Tape& tape = *storage_->tape;
            for (uint32_t key = node_ + 1; key < tape_node().next; key = tape.node(key + 1).next)
                names.emplace_back(tape.string(key));
            return names;
        }
        if (value_->IsObject())
            for (auto it = value_->MemberBegin(); it != value_->MemberEnd(); ++it)
                names.emplace_back(it->name.GetString(), it->name.GetStringLength());
        return names;
    }

    bool as_bool() const { return tree() ? value_->IsBool() && value_->GetBool() : kind() == Tape::Kind::boolean_true; }
    double as_double() const {
        if (!tree()) return is_number() ? storage_->tape->real(node_) : 0.0;
        return value_->IsNumber() ? value_->GetDouble() : 0.0;
    }
    long long as_int() const {
        if (!tree()) {
            if (kind() == Tape::Kind::integer) return storage_->tape->integer(node_);
            return is_number() ? static_cast<long long>(storage_->tape->real(node_)) : 0;
        }
        if (value_->IsInt64()) return value_->GetInt64();
        return value_->IsNumber() ? static_cast<long long>(value_->GetDouble()) : 0;
    }
    std::string_view as_string() const {
        if (!tree()) return is_string() ? storage_->tape->string(node_) : std::string_view();
        return value_->IsString() ? std::string_view(value_->GetString(), value_->GetStringLength())
                                  : std::string_view();
    }

    // Building. A JsonData set or pushed into another is moved there (it becomes null). The first
    // write to a parsed value builds its mutable tree (views of it made earlier stay valid).
    JsonData& set(std::string_view key, JsonData value) {
        Value& self = mutable_tree();
        if (!self.IsObject()) self.SetObject();
        Value copied = value.take();
        const auto found = find(key);
        if (found != self.MemberEnd()) {
            found->value = std::move(copied);
        } else {
            Value name(key.data(), static_cast<rapidjson::SizeType>(key.size()), allocator());
            self.AddMember(name, copied, allocator());
        }
        return *this;
    }
    JsonData& push_back(JsonData value) {
        Value& self = mutable_tree();
        if (!self.IsArray()) self.SetArray();
        Value copied = value.take();
        self.PushBack(copied, allocator());
        return *this;
    }

    // Compact text in Dash's format (what a callback's output looks like on the wire).
    void write(std::string& out) const {
        if (tree())
            write_value(out, *value_);
        else
            write_tape(out, *storage_->tape, node_);
    }
    std::string dump() const {
        std::string out;
        write(out);
        return out;
    }
    // The same value as a JsonCpp tree (for code that still takes Json::Value).
    Json::Value to_jsoncpp() const { return json::parse(dump()); }

private:
    JsonData(std::shared_ptr<Storage> storage, Value* value) : storage_(std::move(storage)), value_(value) {}
    JsonData(std::shared_ptr<Storage> storage, uint32_t node)
        : storage_(std::move(storage)), value_(nullptr), node_(node) {
        if (!storage_->tape) value_ = storage_->nodes[node_];
    }

    Allocator& allocator() { return storage_->document.GetAllocator(); }

    // This value's tree node, or nullptr while its storage is still a read-only tape.
    const Value* tree() const {
        if (value_ == nullptr && !storage_->tape) value_ = storage_->nodes[node_];
        return value_;
    }
    const Tape::Node& tape_node() const { return storage_->tape->node(node_); }
    Tape::Kind kind() const { return tape_node().kind; }
    Value& mutable_tree() {
        if (!tree()) {
            materialize(*storage_);
            value_ = storage_->nodes[node_];
        }
        return *value_;
    }

    // The tape node of the value of this object's member named key (0 when absent: never a member).
    uint32_t find_member(std::string_view key) const {
        const Tape& tape = *storage_->tape;
        for (uint32_t name = node_ + 1; name < tape_node().next; name = tape.node(name + 1).next)
            if (tape.string(name) == key) return name + 1;
        return 0;
    }
    // The member named key of this object (MemberEnd() when absent).
    Value::MemberIterator find(std::string_view key) const {
        for (auto it = value_->MemberBegin(); it != value_->MemberEnd(); ++it)
            if (std::string_view(it->name.GetString(), it->name.GetStringLength()) == key) return it;
        return value_->MemberEnd();
    }

    // This value, moved out (this one becomes null). Shared views of it see null afterwards.
    Value take() {
        Value moved;
        moved = std::move(mutable_tree());  // RapidJSON's move: the node changes hands, nothing is copied
        return moved;
    }

    // Builds the mutable tree of a tape, recording each tape node's tree node. Each container gets all
    // its items (as nulls) before any is filled, so the recorded addresses never move. No recursion.
    static void materialize(Storage& storage) {
        const Tape& tape = *storage.tape;
        Allocator& allocator = storage.document.GetAllocator();
        storage.nodes.assign(tape.node_count(), nullptr);
        std::vector<std::pair<Value*, uint32_t>> work{{&storage.document, tape.root()}};
        while (!work.empty()) {
            const auto [target, index] = work.back();
            work.pop_back();
            storage.nodes[index] = target;
            const Tape::Node& node = tape.node(index);
            switch (node.kind) {
                case Tape::Kind::null: target->SetNull(); break;
                case Tape::Kind::boolean_false: target->SetBool(false); break;
                case Tape::Kind::boolean_true: target->SetBool(true); break;
                case Tape::Kind::integer: target->SetInt64(tape.integer(index)); break;
                case Tape::Kind::unsigned_integer: target->SetUint64(tape.unsigned_integer(index)); break;
                case Tape::Kind::real: target->SetDouble(tape.real(index)); break;
                case Tape::Kind::string: {
                    const std::string_view text = tape.string(index);
                    target->SetString(text.data(), static_cast<rapidjson::SizeType>(text.size()), allocator);
                    break;
                }
                case Tape::Kind::array:
                    target->SetArray();
                    target->Reserve(node.length, allocator);
                    for (uint32_t i = 0; i < node.length; ++i) target->PushBack(Value(), allocator);
                    for (uint32_t i = 0; i < node.length; ++i) work.emplace_back(&(*target)[i], tape.item(index, i));
                    break;
                case Tape::Kind::object: {
                    target->SetObject();
                    for (uint32_t name = index + 1; name < node.next; name = tape.node(name + 1).next) {
                        const std::string_view key = tape.string(name);
                        target->AddMember(Value(key.data(), static_cast<rapidjson::SizeType>(key.size()), allocator),
                                          Value(), allocator);
                    }
                    uint32_t name = index + 1;
                    for (auto it = target->MemberBegin(); it != target->MemberEnd();
                         ++it, name = tape.node(name + 1).next)
                        work.emplace_back(&it->value, name + 1);
                    break;
                }
            }
        }
        storage.deep = tape.depth() > deep_nesting;
        storage.tape.reset();
    }

    template <class T>
    static Value make(const T& item, Allocator& allocator) {
        if constexpr (std::is_same_v<T, std::string>)
            return Value(item.data(), static_cast<rapidjson::SizeType>(item.size()), allocator);
        else if constexpr (std::is_same_v<T, bool>)
            return Value(item);
        else if constexpr (std::is_floating_point_v<T>)
            return Value(static_cast<double>(item));
        else if constexpr (std::is_signed_v<T>)
            return Value(static_cast<int64_t>(item));
        else
            return Value(static_cast<uint64_t>(item));
    }

    // The tree's text, in a loop with a stack of the open containers (no recursion: a tree built
    // from a deeply nested argument is written like any other).
    static void write_value(std::string& text, const Value& root) {
        json::TextOut out(text);
        struct Open {
            const Value* container;
            rapidjson::SizeType next;
        };
        std::vector<Open> open;
        const Value* value = &root;
        for (;;) {
            switch (value->GetType()) {
                case rapidjson::kNullType: out += "null"; break;
                case rapidjson::kFalseType: out += "false"; break;
                case rapidjson::kTrueType: out += "true"; break;
                case rapidjson::kStringType:
                    json::write_string(out, std::string_view(value->GetString(), value->GetStringLength()));
                    break;
                case rapidjson::kNumberType:
                    if (value->IsInt64())
                        out += std::to_string(value->GetInt64());
                    else if (value->IsUint64())
                        out += std::to_string(value->GetUint64());
                    else
                        json::write_double(out, value->GetDouble());
                    break;
                case rapidjson::kArrayType:
                    out += '[';
                    open.push_back(Open{value, 0});
                    break;
                case rapidjson::kObjectType:
                    out += '{';
                    open.push_back(Open{value, 0});
                    break;
            }
            // The next item of the innermost open container, closing those that are done.
            value = nullptr;
            while (!open.empty() && value == nullptr) {
                Open& top = open.back();
                const bool object = top.container->IsObject();
                const rapidjson::SizeType size = object ? top.container->MemberCount() : top.container->Size();
                if (top.next == size) {
                    out += object ? '}' : ']';
                    open.pop_back();
                    continue;
                }
                if (top.next > 0) out += ',';
                if (object) {
                    const auto member = top.container->MemberBegin() + top.next;
                    json::write_string(out, std::string_view(member->name.GetString(), member->name.GetStringLength()));
                    out += ':';
                    value = &member->value;
                } else {
                    value = &(*top.container)[top.next];
                }
                ++top.next;
            }
            if (value == nullptr) return;
        }
    }

    // Takes a tree apart without recursion (RapidJSON's destructor recurses once per level): each
    // container's nested containers are moved out before it goes, so every destruction is shallow.
    static void dismantle(Value& root) {
        std::vector<Value> pending;
        auto move_nested = [&pending](Value& container) {
            auto keep = [&pending](Value& item) {
                if (!item.IsArray() && !item.IsObject()) return;
                pending.emplace_back();
                pending.back() = std::move(item);  // RapidJSON's move: item becomes null
            };
            if (container.IsArray())
                for (auto& item : container.GetArray()) keep(item);
            else if (container.IsObject())
                for (auto& member : container.GetObject()) keep(member.value);
        };
        move_nested(root);
        while (!pending.empty()) {
            Value current = std::move(pending.back());
            pending.pop_back();
            move_nested(current);
        }  // current goes here, with no nested containers left
    }

    // The same text from the tape: its nodes are in document order, so one loop with a stack of the
    // open containers writes it (no recursion, whatever the nesting).
    static void write_tape(std::string& text, const Tape& tape, uint32_t start) {
        json::TextOut out(text);
        struct Open {
            uint32_t end;
            bool object;
            bool started;
        };
        std::vector<Open> open;
        uint32_t index = start;
        for (;;) {
            const Tape::Node& node = tape.node(index);
            switch (node.kind) {
                case Tape::Kind::null: out += "null"; break;
                case Tape::Kind::boolean_false: out += "false"; break;
                case Tape::Kind::boolean_true: out += "true"; break;
                case Tape::Kind::integer: out += std::to_string(tape.integer(index)); break;
                case Tape::Kind::unsigned_integer: out += std::to_string(tape.unsigned_integer(index)); break;
                case Tape::Kind::real: json::write_double(out, tape.real(index)); break;
                case Tape::Kind::string: json::write_string(out, tape.string(index)); break;
                case Tape::Kind::array:
                case Tape::Kind::object: {
                    const bool object = node.kind == Tape::Kind::object;
                    out += object ? '{' : '[';
                    open.push_back(Open{node.next, object, false});
                    break;
                }
            }
            ++index;
            // Close what ends here; then the separator (and key) of the next item.
            while (!open.empty() && index == open.back().end) {
                out += open.back().object ? '}' : ']';
                open.pop_back();
            }
            if (open.empty()) return;
            Open& container = open.back();
            if (container.started) out += ',';
            container.started = true;
            if (container.object) {
                json::write_string(out, tape.string(index));
                out += ':';
                ++index;
            }
        }
    }

    std::shared_ptr<Storage> storage_;  // what every view of this value shares
    mutable Value* value_;              // its tree node (nullptr: tape node node_, until a write)
    uint32_t node_ = 0;
};

}  // namespace dash
