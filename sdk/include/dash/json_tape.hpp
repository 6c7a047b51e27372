// dash/json_tape.hpp: JSON text read once into a flat, read-only "tape": one 16-byte node per value
// (and per object key), in document order, each container knowing its item count and where its
// subtree ends. Strings without escapes and numbers stay in the text (decoded or converted only
// when read); arrays get an index of their items, so item i is one lookup. Building it is one pass
// with no allocation per value, which is what makes a 1 MB dcc.Store argument cheap to take as a
// dash::JsonData (docs/performance.md): the mutable tree is built only if the callback writes to it.
// Nesting has no limit here (no recursion); the host bounds it before a body reaches a plugin.
#pragma once

#include <dash/json_scan.hpp>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace dash::json {

class Tape {
public:
    enum class Kind : uint8_t {
        null,
        boolean_false,
        boolean_true,
        integer,
        unsigned_integer,
        real,
        string,
        array,
        object
    };

    // Trivial (no constructor): the node array is allocated uninitialised, so the pages of its
    // unused tail are never touched.
    struct Node {
        uint32_t offset;  // string: start of its text (in text() or, when escaped, in decoded());
                          // number: start of its text; array: start of its items in items()
        uint32_t length;  // string, number: bytes of text; array: items; object: members
        uint32_t next;    // the node after this value's subtree
        Kind kind;
        bool escaped;  // string: its decoded text lives in decoded()
    };

    // Throws ScanError (std::invalid_argument) naming the fault and its byte offset.
    explicit Tape(std::string_view text) : text_(text) { build(); }
    Tape(const Tape&) = delete;
    Tape& operator=(const Tape&) = delete;

    const Node& node(uint32_t index) const { return nodes_[index]; }
    uint32_t root() const { return 0; }
    size_t node_count() const { return count_; }
    // The deepest nesting of containers (0 for a scalar).
    size_t depth() const { return depth_; }

    std::string_view string(uint32_t index) const {
        const Node& n = nodes_[index];
        return std::string_view(n.escaped ? decoded_ : text_).substr(n.offset, n.length);
    }
    std::string_view number_text(uint32_t index) const {
        return std::string_view(text_).substr(nodes_[index].offset, nodes_[index].length);
    }
    int64_t integer(uint32_t index) const { return convert<int64_t>(index); }
    uint64_t unsigned_integer(uint32_t index) const { return convert<uint64_t>(index); }
    double real(uint32_t index) const {
        const Node& n = nodes_[index];
        if (n.kind == Kind::integer) return static_cast<double>(integer(index));
        if (n.kind == Kind::unsigned_integer) return static_cast<double>(unsigned_integer(index));
        return convert<double>(index);
    }
    // Item i of an array node (its node index).
    uint32_t item(uint32_t array, uint32_t i) const { return items_[nodes_[array].offset + i]; }

private:
    template <class T>
    T convert(uint32_t index) const {
        const std::string_view digits = number_text(index);
        T value{};
        std::from_chars(digits.data(), digits.data() + digits.size(), value);
        return value;
    }

    DASH_JSON_INLINE uint32_t push(Kind kind, size_t offset, size_t length) {
        if (count_ == capacity_) grow();  // only for text that is not JSON ("[[[[" has a node a byte)
        const uint32_t index = count_++;
        nodes_[index] = Node{static_cast<uint32_t>(offset), static_cast<uint32_t>(length), index + 1, kind, false};
        return index;
    }

    [[noreturn]] void fail(const char* message) const { throw ScanError(message, pos_); }

    void grow() {
        const size_t capacity = capacity_ * 2 + 16;
        std::unique_ptr<Node[]> nodes(new Node[capacity]);
        std::copy(nodes_.get(), nodes_.get() + count_, nodes.get());
        nodes_ = std::move(nodes);
        capacity_ = static_cast<uint32_t>(std::min<size_t>(capacity, std::numeric_limits<uint32_t>::max()));
    }

    DASH_JSON_INLINE void skip_space() { detail::skip_space(text_, pos_); }

    DASH_JSON_INLINE void string_node() {
        const size_t start = pos_;  // at the opening quote
        const bool escaped = detail::skip_string_token(text_, pos_);
        if (!escaped) {
            push(Kind::string, start + 1, pos_ - start - 2);
            return;
        }
        const std::string text = Scanner::unescape(text_.substr(start, pos_ - start));
        const uint32_t index = push(Kind::string, decoded_.size(), text.size());
        nodes_[index].escaped = true;
        decoded_ += text;
    }

    DASH_JSON_INLINE void number_node() {
        const size_t start = pos_;
        const bool negative = text_[pos_] == '-';
        const bool fraction = detail::skip_number_token(text_, pos_);
        Kind kind = Kind::real;
        if (!fraction) {
            // An integer as Python reads it, while it fits 64 bits (larger ones are read as doubles).
            const size_t count = pos_ - start - (negative ? 1 : 0);
            if (count <= 18) {
                kind = Kind::integer;
            } else {
                const char* first = text_.data() + start;
                const char* last = text_.data() + pos_;
                int64_t signed_value;
                uint64_t unsigned_value;
                if (std::from_chars(first, last, signed_value).ec == std::errc())
                    kind = Kind::integer;
                else if (!negative && std::from_chars(first, last, unsigned_value).ec == std::errc())
                    kind = Kind::unsigned_integer;
            }
        }
        push(kind, start, pos_ - start);
    }

    // An object member's key and its colon.
    DASH_JSON_INLINE void key() {
        skip_space();
        if (pos_ >= text_.size() || text_[pos_] != '"') fail("expected a key");
        string_node();
        skip_space();
        if (pos_ >= text_.size() || text_[pos_] != ':') fail("expected ':'");
        ++pos_;
    }

    DASH_JSON_INLINE void literal_node(std::string_view word, Kind kind) {
        const size_t start = pos_;
        if (!detail::skip_word(text_, pos_, word)) fail("unexpected character");
        push(kind, start, word.size());
    }

    void build() {
        if (text_.size() >= std::numeric_limits<uint32_t>::max()) fail("JSON text over 4 GiB");
        // JSON has at most one node per two bytes ("1," is the densest), plus the last value's:
        // allocated once, uninitialised (the pages of the unused part are never touched).
        capacity_ = static_cast<uint32_t>(text_.size() / 2 + 2);
        nodes_.reset(new Node[capacity_]);
        std::vector<uint32_t> open;     // containers not closed yet, innermost last
        std::vector<uint32_t> pending;  // item node indices of the open arrays, innermost last
        std::vector<size_t> firsts;     // where each open array's items start in pending
        auto close = [&] {
            Node& container = nodes_[open.back()];
            container.next = count_;
            if (container.kind == Kind::array) {
                container.offset = static_cast<uint32_t>(items_.size());
                items_.insert(items_.end(), pending.begin() + static_cast<std::ptrdiff_t>(firsts.back()),
                              pending.end());
                pending.resize(firsts.back());
                firsts.pop_back();
            }
            open.pop_back();
        };
        for (;;) {
            // One value (an object's key and colon are behind us).
            skip_space();
            if (pos_ >= text_.size()) fail("expected a value");
            if (!open.empty() && nodes_[open.back()].kind == Kind::array) pending.push_back(count_);
            const char c = text_[pos_];
            if (c == '{' || c == '[') {
                open.push_back(push(c == '{' ? Kind::object : Kind::array, 0, 0));
                depth_ = std::max(depth_, open.size());
                if (c == '[') firsts.push_back(pending.size());
                ++pos_;
                skip_space();
                if (pos_ < text_.size() && text_[pos_] == (c == '{' ? '}' : ']')) {
                    ++pos_;
                    close();  // empty: complete at once
                } else {
                    if (c == '{') key();
                    continue;  // its first item
                }
            } else if (c == '"') {
                string_node();
            } else if (c == 't') {
                literal_node("true", Kind::boolean_true);
            } else if (c == 'f') {
                literal_node("false", Kind::boolean_false);
            } else if (c == 'n') {
                literal_node("null", Kind::null);
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                number_node();
            } else {
                fail("unexpected character");
            }
            // The value is complete: it counts in its container; then a comma or the container's end.
            for (;;) {
                if (open.empty()) {
                    skip_space();
                    if (pos_ < text_.size()) fail("unexpected text after the JSON value");
                    return;
                }
                const bool object = nodes_[open.back()].kind == Kind::object;
                ++nodes_[open.back()].length;
                skip_space();
                if (pos_ >= text_.size()) fail("unterminated object or array");
                if (text_[pos_] == ',') {
                    ++pos_;
                    if (object) key();
                    break;
                }
                if (text_[pos_] != (object ? '}' : ']')) fail("expected ',' or a closing bracket");
                ++pos_;
                close();
            }
        }
    }

    std::string text_;     // a copy: the tape outlives the request body it was read from
    std::string decoded_;  // strings that had escapes, decoded
    std::unique_ptr<Node[]> nodes_;
    uint32_t count_ = 0;
    uint32_t capacity_ = 0;
    std::vector<uint32_t> items_;  // array items, array by array
    size_t pos_ = 0;
    size_t depth_ = 0;
};

}  // namespace dash::json
