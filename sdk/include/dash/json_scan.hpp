// dash/json_scan.hpp: reading JSON text without building a tree. A Scanner walks the text once,
// checks its syntax as it goes (with a nesting limit), and hands out each value as a slice of the
// original text, so a 1 MB value that nobody looks at costs one linear pass and no allocation.
// The host reads callback bodies with it; the C++ layer converts argument slices with it.
#pragma once

#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace dash::json {

// Malformed JSON, or nesting deeper than the scanner's limit; offset is where it was noticed.
class ScanError : public std::invalid_argument {
public:
    ScanError(const std::string& message, size_t offset)
        : std::invalid_argument(message + " at byte " + std::to_string(offset)), offset_(offset) {}
    size_t offset() const { return offset_; }

private:
    size_t offset_;
};

// The scanner's and the tape's per-token steps, inlined into their loops (GCC and Clang otherwise
// keep them as calls: a fifth of the time on a 1 MB text).
#if defined(__GNUC__) || defined(__clang__)
#define DASH_JSON_INLINE inline __attribute__((always_inline))
#define DASH_JSON_NOINLINE inline __attribute__((noinline))
#else
#define DASH_JSON_INLINE inline
#define DASH_JSON_NOINLINE inline
#endif

namespace detail {
// Characters that end a run of plain string content: the quote, the backslash, controls.
inline bool ends_plain_run(unsigned char c) {
    static constexpr auto table = [] {
        struct Table {
            bool values[256] = {};
        } t;
        for (int c = 0; c < 0x20; ++c) t.values[c] = true;
        t.values[static_cast<unsigned char>('"')] = true;
        t.values[static_cast<unsigned char>('\\')] = true;
        return t;
    }();
    return table.values[c];
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && (defined(__GNUC__) || defined(__clang__))
#define DASH_JSON_WORDS 1
#else
#define DASH_JSON_WORDS 0
#endif
constexpr std::uint64_t word_ones = 0x0101010101010101ull;

// The first byte from p on for which `ends(byte)` holds (end when none): eight bytes at a time
// where the byte order allows, `flags(word)` setting the high bit of such bytes (exact for the
// lowest one: carries and borrows may only spoil the bytes above it), then a byte at a time.
template <class Flags, class Ends>
DASH_JSON_INLINE const char* find_first(const char* p, const char* end, Flags flags, Ends ends) {
#if DASH_JSON_WORDS
    while (end - p >= 8) {
        std::uint64_t word;
        std::memcpy(&word, p, sizeof word);
        const std::uint64_t flagged = flags(word) & (word_ones * 0x80);
        if (flagged != 0) return p + (__builtin_ctzll(flagged) >> 3);
        p += 8;
    }
#else
    (void)flags;
#endif
    while (p < end && !ends(static_cast<unsigned char>(*p))) ++p;
    return p;
}

// find_first's flags for the bytes that end a run of plain string content: a quote, a backslash
// or a control character (a byte equal to c is found as a zero byte of word ^ c).
DASH_JSON_INLINE std::uint64_t plain_run_flags(std::uint64_t word) {
    const std::uint64_t quote = word ^ (word_ones * '"');
    const std::uint64_t backslash = word ^ (word_ones * '\\');
    return ((quote - word_ones) & ~quote) | ((backslash - word_ones) & ~backslash) |
           ((word - word_ones * 0x20) & ~word);
}
// The first byte from p on that ends a run of plain string content.
DASH_JSON_INLINE const char* find_run_end(const char* p, const char* end) {
    return find_first(p, end, plain_run_flags, ends_plain_run);
}
// The same, a non-ASCII byte ending the run too (the writer escapes it, or checks its UTF-8).
DASH_JSON_INLINE const char* find_ascii_run_end(const char* p, const char* end) {
    return find_first(
        p, end, [](std::uint64_t word) { return plain_run_flags(word) | word; },
        [](unsigned char c) { return c >= 0x80 || ends_plain_run(c); });
}

// skip_string_token's general case (escapes, errors), kept out of line.
DASH_JSON_NOINLINE bool skip_string_token_slow(std::string_view text, size_t& pos) {
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    const char* p = begin + pos + 1;  // past the opening quote
    bool escaped = false;
    for (;;) {
        p = find_run_end(p, end);
        pos = static_cast<size_t>(p - begin);
        if (p >= end) throw ScanError("unterminated string", pos);
        const unsigned char c = static_cast<unsigned char>(*p);
        if (c == '"') {
            ++pos;
            return escaped;
        }
        if (c < 0x20) throw ScanError("control character in a string", pos);
        escaped = true;
        if (++p >= end) throw ScanError("unterminated string", pos);
        const char e = *p++;
        if (e == 'u') {
            for (int k = 0; k < 4; ++k, ++p)
                if (p >= end || !std::isxdigit(static_cast<unsigned char>(*p)))
                    throw ScanError("bad \\u escape", static_cast<size_t>(p - begin));
        } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
            throw ScanError("bad escape", pos);
        }
    }
}
// Moves pos from the opening quote of a string token past its closing quote, checking escapes and
// control characters; returns whether the token has escapes. Throws ScanError where it stops. The
// common case (plain content up to the quote) is inlined where it is called.
DASH_JSON_INLINE bool skip_string_token(std::string_view text, size_t& pos) {
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    const char* p = find_run_end(begin + pos + 1, end);
    if (p < end && *p == '"') {
        pos = static_cast<size_t>(p - begin) + 1;
        return false;
    }
    return skip_string_token_slow(text, pos);
}

// Moves pos past JSON white space.
DASH_JSON_INLINE void skip_space(std::string_view text, size_t& pos) {
    // The usual case first: no white space at all (every byte above ' ' is not white space).
    if (pos < text.size() && static_cast<unsigned char>(text[pos]) > ' ') return;
    while (pos < text.size()) {
        const char c = text[pos];
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') break;
        ++pos;
    }
}
// A literal (true, false, null): true and pos past it when `word` is at pos, else false.
DASH_JSON_INLINE bool skip_word(std::string_view text, size_t& pos, std::string_view word) {
    if (text.size() - pos < word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i)
        if (text[pos + i] != word[i]) return false;
    pos += word.size();
    return true;
}

// The first byte from p on that is not a decimal digit: flagged when above '9' (the add sets its
// high bit), below '0' (the subtraction wraps) or above 0x7F.
DASH_JSON_INLINE const char* find_digits_end(const char* p, const char* end) {
    return find_first(
        p, end, [](std::uint64_t word) { return (word + word_ones * 0x46) | (word - word_ones * '0') | word; },
        [](unsigned char c) { return static_cast<unsigned char>(c - '0') >= 10; });
}
// One or more digits from p; where they end. Throws ScanError (its offset from begin) when none.
DASH_JSON_INLINE const char* skip_digits(const char* p, const char* end, const char* begin) {
    const char* const last = find_digits_end(p, end);
    if (last == p) throw ScanError("expected a digit", static_cast<size_t>(p - begin));
    return last;
}
// Moves pos past the number token starting there (JSON's grammar: no leading zeros, no "+", digits
// after "." and "e"); returns whether it has a fraction or an exponent. Throws ScanError.
DASH_JSON_INLINE bool skip_number_token(std::string_view text, size_t& pos) {
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    const char* p = begin + pos;  // a local cursor: the loops keep it in a register
    bool fraction = false;
    if (p < end && *p == '-') ++p;
    if (p < end && *p == '0')
        ++p;
    else
        p = skip_digits(p, end, begin);
    if (p < end && *p == '.') {
        p = skip_digits(p + 1, end, begin);
        fraction = true;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        ++p;
        if (p < end && (*p == '+' || *p == '-')) ++p;
        p = skip_digits(p, end, begin);
        fraction = true;
    }
    pos = static_cast<size_t>(p - begin);
    return fraction;
}
}  // namespace detail

class Scanner {
public:
    static constexpr int default_max_depth = 512;

    explicit Scanner(std::string_view text, int max_depth = default_max_depth) : text_(text), max_depth_(max_depth) {}

    size_t position() const { return pos_; }
    std::string_view text() const { return text_; }
    bool at_end() {
        skip_space();
        return pos_ >= text_.size();
    }
    // The next non-space character ('\0' at the end).
    char peek() {
        skip_space();
        return pos_ < text_.size() ? text_[pos_] : '\0';
    }
    // Moves on to `position` (from the current position up to the text's end), for a reader that
    // found where a value ends by other means.
    void skip_to(size_t position) { pos_ = position < text_.size() ? position : text_.size(); }
    // Throws unless only white space is left.
    void expect_end() {
        if (!at_end()) fail("unexpected text after the JSON value");
    }

    // Skips one value of any type and returns its exact text.
    std::string_view value() {
        skip_space();
        const size_t start = pos_;
        skip_value(0);
        return text_.substr(start, pos_ - start);
    }

    // Objects: begin_object(); while (next_key(key)) { ... read or skip the member's value ... }
    void begin_object() { open('{'); }
    // The next member's key (decoded), positioned at its value; false at the closing brace.
    bool next_key(std::string& key) {
        return next_in('}', [&] {
            key = string_value();
            expect(':');
        });
    }
    // The same with the key as a view: of the text itself when the key has no escapes (the common
    // case: no copy), else of the decoded key kept in the scanner until the next call.
    bool next_key(std::string_view& key) {
        return next_in('}', [&] {
            key = string_view_value(key_);
            expect(':');
        });
    }
    // Arrays: begin_array(); while (next_element()) { ... read or skip the element ... }
    void begin_array() { open('['); }
    bool next_element() {
        return next_in(']', [] {});
    }

    // A string value, decoded (escapes resolved, \u surrogate pairs to UTF-8).
    std::string string_value() {
        bool escaped = false;
        const std::string_view token = string_token(escaped);
        return escaped ? unescape(token) : std::string(token.substr(1, token.size() - 2));
    }
    // A string value as a view: of the text itself when it has no escapes, else of the value
    // decoded into `decoded`.
    std::string_view string_view_value(std::string& decoded) {
        bool escaped = false;
        const std::string_view token = string_token(escaped);
        if (!escaped) return token.substr(1, token.size() - 2);
        decoded = unescape(token);
        return decoded;
    }

    // The text of a JSON string token (with its quotes) decoded.
    static std::string unescape(std::string_view token) {
        std::string out;
        if (token.size() < 2) return out;
        out.reserve(token.size());
        const size_t last = token.size() - 1;  // the closing quote
        for (size_t i = 1; i < last; ++i) {
            // The plain run up to the next escape, in one piece.
            size_t plain = token.find('\\', i);
            if (plain == std::string_view::npos || plain > last) plain = last;
            out.append(token.data() + i, plain - i);
            i = plain;
            if (i >= last) break;
            const char e = token[++i];
            switch (e) {
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    unsigned code = hex4(token.substr(i + 1, 4));
                    i += 4;
                    if (code >= 0xD800 && code < 0xDC00 && i + 6 < token.size() && token[i + 1] == '\\' &&
                        token[i + 2] == 'u') {
                        const unsigned low = hex4(token.substr(i + 3, 4));
                        if (low >= 0xDC00 && low < 0xE000) {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                            i += 6;
                        }
                    }
                    append_utf8(out, code);
                    break;
                }
                default: out += e;  // " \ /
            }
        }
        return out;
    }

private:
    [[noreturn]] void fail(const std::string& message) const { throw ScanError(message, pos_); }

    DASH_JSON_INLINE void skip_space() { detail::skip_space(text_, pos_); }
    // The next string token, quotes included; escaped: whether it has escapes.
    DASH_JSON_INLINE std::string_view string_token(bool& escaped) {
        skip_space();
        if (pos_ >= text_.size() || text_[pos_] != '"') fail("expected a string");
        const size_t start = pos_;
        escaped = detail::skip_string_token(text_, pos_);
        return text_.substr(start, pos_ - start);
    }
    DASH_JSON_INLINE void expect(char c) {
        skip_space();
        if (pos_ >= text_.size() || text_[pos_] != c) fail(std::string("expected '") + c + "'");
        ++pos_;
    }
    void open(char c) {
        expect(c);
        first_ = true;
    }
    // Shared by objects and arrays: a comma between items, the closing bracket at the end.
    template <class BeforeValue>
    bool next_in(char close, BeforeValue before_value) {
        skip_space();
        if (pos_ >= text_.size()) fail("unterminated object or array");
        if (text_[pos_] == close) {
            ++pos_;
            first_ = false;
            return false;
        }
        if (!first_) expect(',');
        first_ = false;
        before_value();
        return true;
    }

    // One value of any type, containers without recursion (an explicit stack of their closing
    // brackets); depth counts the containers around it.
    void skip_value(int depth) {
        Closers closers;  // of the open containers, innermost last
        for (;;) {
            skip_space();
            if (pos_ >= text_.size()) fail("expected a value");
            const char c = text_[pos_];
            if (c == '{' || c == '[') {
                if (depth + static_cast<int>(closers.size()) >= max_depth_)
                    fail("JSON nested deeper than " + std::to_string(max_depth_) + " levels");
                const char close = c == '{' ? '}' : ']';
                ++pos_;
                skip_space();
                if (pos_ < text_.size() && text_[pos_] == close) {
                    ++pos_;  // empty: complete at once
                } else {
                    closers.push_back(close);
                    if (close == '}') skip_key();
                    continue;  // its first item
                }
            } else if (c == '"') {
                skip_string();
            } else if (c == 't') {
                skip_literal("true");
            } else if (c == 'f') {
                skip_literal("false");
            } else if (c == 'n') {
                skip_literal("null");
            } else {
                skip_number();
            }
            // The value is complete: then a comma or its container's end.
            for (;;) {
                if (closers.empty()) return;
                skip_space();
                if (pos_ >= text_.size()) fail("unterminated object or array");
                if (text_[pos_] == ',') {
                    ++pos_;
                    if (closers.back() == '}') skip_key();
                    break;
                }
                if (text_[pos_] != closers.back()) fail("expected ',' or a closing bracket");
                ++pos_;
                closers.pop_back();
            }
        }
    }
    // A stack of closing brackets: the first 32 in place (no allocation for the usual nesting),
    // deeper ones in a vector.
    class Closers {
    public:
        size_t size() const { return size_; }
        bool empty() const { return size_ == 0; }
        char back() const { return size_ <= inline_.size() ? inline_[size_ - 1] : deeper_.back(); }
        void push_back(char c) {
            if (size_ < inline_.size())
                inline_[size_] = c;
            else
                deeper_.push_back(c);
            ++size_;
        }
        void pop_back() {
            if (size_-- > inline_.size()) deeper_.pop_back();
        }

    private:
        std::array<char, 32> inline_{};
        std::vector<char> deeper_;
        size_t size_ = 0;
    };

    // An object member's key and its colon.
    DASH_JSON_INLINE void skip_key() {
        skip_space();
        if (pos_ >= text_.size() || text_[pos_] != '"') fail("expected a key");
        skip_string();
        expect(':');
    }
    DASH_JSON_INLINE void skip_string() { detail::skip_string_token(text_, pos_); }
    DASH_JSON_INLINE void skip_literal(std::string_view word) {
        if (!detail::skip_word(text_, pos_, word)) fail("unexpected character");
    }
    DASH_JSON_INLINE void skip_number() { detail::skip_number_token(text_, pos_); }

    static unsigned hex4(std::string_view digits) {
        unsigned code = 0;
        std::from_chars(digits.data(), digits.data() + digits.size(), code, 16);
        return code;
    }
    static void append_utf8(std::string& out, unsigned code) {
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            out += static_cast<char>(0xE0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (code >> 18));
            out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        }
    }

    std::string_view text_;
    int max_depth_;
    size_t pos_ = 0;
    bool first_ = false;
    std::string key_;  // an escaped key, decoded, for next_key(std::string_view&)
};

// True when text is exactly one well-formed JSON value (white space around allowed).
// Throws ScanError naming the fault unless text is exactly one well-formed JSON value.
inline void check(std::string_view text, int max_depth = Scanner::default_max_depth) {
    Scanner scanner(text, max_depth);
    scanner.value();
    scanner.expect_end();
}
inline bool is_valid(std::string_view text, int max_depth = Scanner::default_max_depth) {
    try {
        check(text, max_depth);
        return true;
    } catch (const ScanError&) {
        return false;
    }
}

// At most max_bytes of a value's text for messages and logs: the text itself when short, else its
// beginning and "... (N bytes)".
inline std::string excerpt(std::string_view text, size_t max_bytes = 200) {
    if (text.size() <= max_bytes) return std::string(text);
    size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 sequence
    return std::string(text.substr(0, cut)) + "... (" + std::to_string(text.size()) + " bytes)";
}

}  // namespace dash::json
