// A JSON syntax check that builds nothing: plugin results are spliced into responses as text, so
// each one is checked once (linear, no allocation) instead of being parsed and re-serialised.
#include "callbacks/json_syntax.hpp"

#include <string>

namespace dash::core {

namespace {

class SyntaxChecker {
public:
    explicit SyntaxChecker(std::string_view text) : text_(text) {}

    bool check() {
        skip_space();
        if (!value(0)) return false;
        skip_space();
        return pos_ == text_.size();
    }

private:
    static constexpr int max_depth = 512;

    bool at_end() const { return pos_ >= text_.size(); }
    char peek() const { return text_[pos_]; }
    void skip_space() {
        while (!at_end() && (peek() == ' ' || peek() == '\n' || peek() == '\r' || peek() == '\t')) ++pos_;
    }
    bool literal(std::string_view word) {
        if (text_.substr(pos_, word.size()) != word) return false;
        pos_ += word.size();
        return true;
    }
    bool digits() {
        size_t start = pos_;
        while (!at_end() && peek() >= '0' && peek() <= '9') ++pos_;
        return pos_ > start;
    }
    bool number() {
        if (peek() == '-') ++pos_;
        if (at_end()) return false;
        if (peek() == '0')
            ++pos_;
        else if (!digits())
            return false;
        if (!at_end() && peek() == '.') {
            ++pos_;
            if (!digits()) return false;
        }
        if (!at_end() && (peek() == 'e' || peek() == 'E')) {
            ++pos_;
            if (!at_end() && (peek() == '+' || peek() == '-')) ++pos_;
            if (!digits()) return false;
        }
        return true;
    }
    bool string() {
        ++pos_;  // opening quote
        while (!at_end()) {
            const unsigned char c = static_cast<unsigned char>(text_[pos_++]);
            if (c == '"') return true;
            if (c < 0x20) return false;
            if (c == '\\') {
                if (at_end()) return false;
                const char escaped = text_[pos_++];
                if (escaped == 'u') {
                    for (int i = 0; i < 4; ++i, ++pos_)
                        if (at_end() || !std::isxdigit(static_cast<unsigned char>(peek()))) return false;
                } else if (std::string_view("\"\\/bfnrt").find(escaped) == std::string_view::npos) {
                    return false;
                }
            }
        }
        return false;
    }
    bool sequence(char close, int depth, bool object) {
        ++pos_;
        skip_space();
        if (!at_end() && peek() == close) {
            ++pos_;
            return true;
        }
        while (true) {
            skip_space();
            if (object) {
                if (at_end() || peek() != '"' || !string()) return false;
                skip_space();
                if (at_end() || peek() != ':') return false;
                ++pos_;
                skip_space();
            }
            if (!value(depth + 1)) return false;
            skip_space();
            if (at_end()) return false;
            if (peek() == ',') {
                ++pos_;
                continue;
            }
            if (peek() == close) {
                ++pos_;
                return true;
            }
            return false;
        }
    }
    bool value(int depth) {
        if (at_end() || depth > max_depth) return false;
        switch (peek()) {
            case '{': return sequence('}', depth, true);
            case '[': return sequence(']', depth, false);
            case '"': return string();
            case 't': return literal("true");
            case 'f': return literal("false");
            case 'n': return literal("null");
            default: return number();
        }
    }

    std::string_view text_;
    size_t pos_ = 0;
};

}  // namespace

bool is_valid_json(std::string_view text) { return SyntaxChecker(text).check(); }

}  // namespace dash::core
