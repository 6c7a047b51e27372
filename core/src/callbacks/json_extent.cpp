// A 64-byte block at a time: bit masks of the quotes, backslashes and brackets (16 bytes per SSE2
// compare), the escaped bytes worked out from the backslashes (only in blocks that have one), the
// bytes inside strings from a running parity of the unescaped quotes, and the nesting depth from
// the brackets outside strings, taken in order.
#include "callbacks/json_extent.hpp"

#include <dash/json_scan.hpp>

#include <cstring>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dash::core {

namespace detail {

BlockMasks block_masks_bytewise(const char* block) {
    BlockMasks masks;
    for (unsigned i = 0; i < 64; ++i) {
        const uint64_t bit = uint64_t{1} << i;
        switch (block[i]) {
            case '"': masks.quote |= bit; break;
            case '\\': masks.backslash |= bit; break;
            case '[':
            case '{': masks.open |= bit; break;
            case ']':
            case '}': masks.close |= bit; break;
            default: break;
        }
    }
    return masks;
}

namespace {
DASH_JSON_INLINE BlockMasks masks_of(const char* block) {
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i lower = _mm_set1_epi8(0x20);  // '[' | 0x20 is '{', ']' | 0x20 is '}', and nothing else is
    const __m128i open = _mm_set1_epi8('{');
    const __m128i close = _mm_set1_epi8('}');
    BlockMasks masks;
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC unroll 4
#endif
    for (unsigned k = 0; k < 4; ++k) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * k));
        const __m128i folded = _mm_or_si128(bytes, lower);
        const auto bits = [&](__m128i equal) {
            return static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(equal))) << (16 * k);
        };
        masks.quote |= bits(_mm_cmpeq_epi8(bytes, quote));
        masks.backslash |= bits(_mm_cmpeq_epi8(bytes, backslash));
        masks.open |= bits(_mm_cmpeq_epi8(folded, open));
        masks.close |= bits(_mm_cmpeq_epi8(folded, close));
    }
    return masks;
#else
    return block_masks_bytewise(block);
#endif
}

// Bit i set when an odd number of bits 0..i are set in x.
DASH_JSON_INLINE uint64_t prefix_parity(uint64_t x) {
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    return x;
}
}  // namespace

BlockMasks block_masks(const char* block) { return masks_of(block); }

}  // namespace detail

size_t container_end(std::string_view text, size_t pos, int max_depth) {
    const char* const begin = text.data();
    const size_t size = text.size();
    long depth = 0;
    uint64_t in_string = 0;    // all ones when the block before ended inside a string
    bool escape_next = false;  // the block before ended with a backslash that escapes this one's first byte
    char last[64];             // the text's last, partial block, padded with spaces
    for (size_t start = pos; start < size; start += 64) {
        const char* block = begin + start;
        if (size - start < 64) {
            std::memset(last, ' ', sizeof last);
            std::memcpy(last, block, size - start);
            block = last;
        }
        const detail::BlockMasks masks = detail::masks_of(block);
        uint64_t escaped = 0;
        if (masks.backslash != 0 || escape_next) {
            // In order, each backslash not itself escaped escapes the byte after it.
            escaped = escape_next ? 1 : 0;
            escape_next = false;
            for (uint64_t rest = masks.backslash; rest != 0; rest &= rest - 1) {
                const int i = __builtin_ctzll(rest);
                if ((escaped >> i) & 1) continue;
                if (i == 63)
                    escape_next = true;
                else
                    escaped |= uint64_t{2} << i;
            }
        }
        // The bytes from an opening quote up to (not including) its closing one.
        const uint64_t inside = detail::prefix_parity(masks.quote & ~escaped) ^ in_string;
        in_string = static_cast<uint64_t>(static_cast<int64_t>(inside) >> 63);
        const uint64_t opens = masks.open & ~inside;
        const uint64_t closes = masks.close & ~inside;
        // The brackets in order: a few a block in the usual document, so this beats counting
        // them (no population count without a call on the baseline x86-64 target).
        for (uint64_t rest = opens | closes; rest != 0; rest &= rest - 1) {
            const int i = __builtin_ctzll(rest);
            if ((opens >> i) & 1) {
                if (++depth > max_depth)
                    throw json::ScanError("JSON nested deeper than " + std::to_string(max_depth) + " levels",
                                          start + static_cast<size_t>(i));
            } else if (--depth == 0) {
                return start + static_cast<size_t>(i) + 1;
            }
        }
    }
    throw json::ScanError("unterminated object or array", size);
}

}  // namespace dash::core
