// dash/json_value.hpp: dash::JsonData, the SDK's own JSON value for big data: a 1 MB dcc.Store taken as
// an argument, a figure with large numeric arrays returned. It is backed by RapidJSON (header-only,
// Debian's rapidjson-dev), which parses about 12 times and builds about 45 times faster than JsonCpp
// on these payloads (docs/performance.md), and it is written in Dash's own format (compact, shortest
// round-trip numbers, non-ASCII as \uXXXX) by the same writer as everything else.
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

public:
    // null
    JsonData() : document_(std::make_shared<Document>()), value_(document_.get()) {}
    JsonData(std::nullptr_t) : JsonData() {}
    JsonData(bool flag) : JsonData() { value_->SetBool(flag); }
    JsonData(int number) : JsonData() { value_->SetInt(number); }
    JsonData(long number) : JsonData() { value_->SetInt64(number); }
    JsonData(long long number) : JsonData() { value_->SetInt64(number); }
    JsonData(unsigned number) : JsonData() { value_->SetUint(number); }
    JsonData(unsigned long number) : JsonData() { value_->SetUint64(number); }
    JsonData(double number) : JsonData() { value_->SetDouble(number); }
    JsonData(std::string_view text) : JsonData() { value_->SetString(text.data(), static_cast<rapidjson::SizeType>(text.size()), allocator()); }
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
    // the fault and its offset.
    static JsonData parse(std::string_view text) {
        JsonData json;
        Document& document = *json.document_;
        document.Parse<rapidjson::kParseFullPrecisionFlag>(text.data(), text.size());
        if (document.HasParseError())
            throw std::invalid_argument(std::string("invalid JSON: ") + rapidjson::GetParseError_En(document.GetParseError()) +
                                        " at byte " + std::to_string(document.GetErrorOffset()));
        return json;
    }

    bool is_null() const { return value_->IsNull(); }
    bool is_bool() const { return value_->IsBool(); }
    bool is_number() const { return value_->IsNumber(); }
    bool is_integer() const { return value_->IsInt64() || value_->IsUint64(); }
    bool is_string() const { return value_->IsString(); }
    bool is_array() const { return value_->IsArray(); }
    bool is_object() const { return value_->IsObject(); }

    // Items of an array, members of an object, 0 otherwise.
    size_t size() const {
        if (value_->IsArray()) return value_->Size();
        if (value_->IsObject()) return value_->MemberCount();
        return 0;
    }
    bool contains(std::string_view key) const { return value_->IsObject() && find(key) != value_->MemberEnd(); }

    // A view of an item or member (null when absent), sharing this value's storage.
    JsonData operator[](size_t index) const {
        if (!value_->IsArray() || index >= value_->Size()) return JsonData();
        return JsonData(document_, &(*value_)[static_cast<rapidjson::SizeType>(index)]);
    }
    JsonData operator[](std::string_view key) const {
        if (!value_->IsObject()) return JsonData();
        const auto found = find(key);
        return found == value_->MemberEnd() ? JsonData() : JsonData(document_, &found->value);
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
    Iterator end() const { return Iterator(this, value_->IsArray() ? value_->Size() : 0); }

    // The member names of an object, in order.
    std::vector<std::string> keys() const {
        std::vector<std::string> names;
        if (value_->IsObject())
            for (auto it = value_->MemberBegin(); it != value_->MemberEnd(); ++it)
                names.emplace_back(it->name.GetString(), it->name.GetStringLength());
        return names;
    }

    bool as_bool() const { return value_->IsBool() && value_->GetBool(); }
    double as_double() const { return value_->IsNumber() ? value_->GetDouble() : 0.0; }
    long long as_int() const {
        if (value_->IsInt64()) return value_->GetInt64();
        return value_->IsNumber() ? static_cast<long long>(value_->GetDouble()) : 0;
    }
    std::string_view as_string() const {
        return value_->IsString() ? std::string_view(value_->GetString(), value_->GetStringLength()) : std::string_view();
    }

    // Building. A JsonData set or pushed into another is moved there (it becomes null).
    JsonData& set(std::string_view key, JsonData value) {
        if (!value_->IsObject()) value_->SetObject();
        Value copied = value.take(allocator());
        const auto found = find(key);
        if (found != value_->MemberEnd()) {
            found->value = std::move(copied);
        } else {
            Value name(key.data(), static_cast<rapidjson::SizeType>(key.size()), allocator());
            value_->AddMember(name, copied, allocator());
        }
        return *this;
    }
    JsonData& push_back(JsonData value) {
        if (!value_->IsArray()) value_->SetArray();
        Value copied = value.take(allocator());
        value_->PushBack(copied, allocator());
        return *this;
    }

    // Compact text in Dash's format (what a callback's output looks like on the wire).
    void write(std::string& out) const { write_value(out, *value_); }
    std::string dump() const {
        std::string out;
        write(out);
        return out;
    }
    // The same value as a JsonCpp tree (for code that still takes Json::Value).
    Json::Value to_jsoncpp() const { return json::parse(dump()); }

private:
    JsonData(std::shared_ptr<Document> document, Value* value)
        : document_(std::move(document)), value_(value) {}

    Allocator& allocator() { return document_->GetAllocator(); }

    // The member named key of this object (MemberEnd() when absent).
    Value::MemberIterator find(std::string_view key) const {
        for (auto it = value_->MemberBegin(); it != value_->MemberEnd(); ++it)
            if (std::string_view(it->name.GetString(), it->name.GetStringLength()) == key) return it;
        return value_->MemberEnd();
    }

    // This value, moved out (this one becomes null). Shared views of it see null afterwards.
    Value take(Allocator&) {
        Value moved;
        moved = std::move(*value_);  // RapidJSON's move: the node changes hands, nothing is copied
        return moved;
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

    static void write_value(std::string& out, const Value& value) {
        switch (value.GetType()) {
            case rapidjson::kNullType: out += "null"; break;
            case rapidjson::kFalseType: out += "false"; break;
            case rapidjson::kTrueType: out += "true"; break;
            case rapidjson::kStringType:
                json::write_string(out, std::string_view(value.GetString(), value.GetStringLength()));
                break;
            case rapidjson::kNumberType:
                if (value.IsInt64())
                    out += std::to_string(value.GetInt64());
                else if (value.IsUint64())
                    out += std::to_string(value.GetUint64());
                else
                    json::write_double(out, value.GetDouble());
                break;
            case rapidjson::kArrayType: {
                out += '[';
                bool first = true;
                for (const auto& item : value.GetArray()) {
                    if (!first) out += ',';
                    first = false;
                    write_value(out, item);
                }
                out += ']';
                break;
            }
            case rapidjson::kObjectType: {
                out += '{';
                bool first = true;
                for (const auto& member : value.GetObject()) {
                    if (!first) out += ',';
                    first = false;
                    json::write_string(out, std::string_view(member.name.GetString(), member.name.GetStringLength()));
                    out += ':';
                    write_value(out, member.value);
                }
                out += '}';
                break;
            }
        }
    }

    std::shared_ptr<Document> document_;  // the storage every view of this value shares
    Value* value_;
};

}  // namespace dash
