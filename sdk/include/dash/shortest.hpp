// dash/shortest.hpp: the shortest decimal text that reads back as the same double, written the way
// Python's repr() and json.dumps write a float (header-only, no library).
//
// The digits come from the Schubfach method (R. Giulietti, "The Schubfach way to render doubles",
// 2020): the value's rounding interval is scaled by a 128-bit power of ten so that at most two
// candidates of the shortest length lie in it, and the nearer one wins (the even one on a tie).
// It gives the same digits as std::to_chars' shortest form in about half its instructions; that was
// most of the cost of writing a figure with large numeric arrays (docs/performance.md).
#pragma once

#include <dash/detail/pow10_table.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>

namespace dash::json {

// value == digits * 10^exponent, digits without trailing zeros.
struct Decimal {
    std::uint64_t digits = 0;
    int exponent = 0;
};

namespace detail {

// floor((g * cp) / 2^128), with the lowest bit set when the part cut off is not zero ("round to
// odd"; below 2 counts as zero: g is one above the true power of ten).
inline std::uint64_t round_to_odd(const std::uint64_t (&g)[2], std::uint64_t cp) {
#if defined(__SIZEOF_INT128__)
    __extension__ typedef unsigned __int128 u128;  // __extension__: no -pedantic warning
    const u128 low = static_cast<u128>(g[1]) * cp;
    const u128 high = static_cast<u128>(g[0]) * cp + (low >> 64);
    const auto y1 = static_cast<std::uint64_t>(high >> 64);
    const auto y0 = static_cast<std::uint64_t>(high);
#else
    // 64 x 64 -> 128 bits in 32-bit pieces, for compilers without a 128-bit integer.
    const auto multiply = [](std::uint64_t a, std::uint64_t b, std::uint64_t& hi) {
        const std::uint64_t a0 = a & 0xffffffffu, a1 = a >> 32, b0 = b & 0xffffffffu, b1 = b >> 32;
        const std::uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
        const std::uint64_t middle = (p00 >> 32) + (p01 & 0xffffffffu) + (p10 & 0xffffffffu);
        hi = p11 + (p01 >> 32) + (p10 >> 32) + (middle >> 32);
        return (middle << 32) | (p00 & 0xffffffffu);
    };
    std::uint64_t low_hi = 0, y1 = 0;
    multiply(g[1], cp, low_hi);
    std::uint64_t y0 = multiply(g[0], cp, y1);
    y0 += low_hi;
    y1 += y0 < low_hi;
#endif
    return y1 | (y0 > 1);
}

inline Decimal without_trailing_zeros(std::uint64_t digits, int exponent) {
    while (digits % 10 == 0) {
        digits /= 10;
        ++exponent;
    }
    return {digits, exponent};
}

}  // namespace detail

// The shortest digits that read back as value, the nearest to it among them. value finite and > 0.
inline Decimal shortest_decimal(double value) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    const std::uint64_t fraction = bits & ((std::uint64_t{1} << 52) - 1);
    const int biased = static_cast<int>((bits >> 52) & 0x7ff);
    std::uint64_t c = fraction;
    int q = -1074;
    if (biased != 0) {
        c |= std::uint64_t{1} << 52;
        q = biased - 1075;
    }
    // An integer below 2^53 is its own shortest text.
    if (q <= 0 && q >= -52 && (c & ((std::uint64_t{1} << -q) - 1)) == 0)
        return detail::without_trailing_zeros(c >> -q, 0);

    // The interval of reals that round to value, in units of 2^(q-2): [cbl, cbr] around cb. Its
    // lower half is half as wide when value is a power of two above the smallest normal.
    const bool even = (c & 1) == 0;
    const bool closer_below = fraction == 0 && biased > 1;
    const std::uint64_t cb = c << 2;
    const std::uint64_t cbl = cb - 2 + closer_below;
    const std::uint64_t cbr = cb + 2;
    // k = floor(log10 of the interval's lower gap), h makes the product's scale come out right.
    const int k = closer_below ? (q * 1262611 - 524031) >> 22 : (q * 1262611) >> 22;
    const int h = q + ((-k * 1741647) >> 19) + 1;
    const auto& g = ::dash::detail::pow10_table[-k - ::dash::detail::pow10_table_min];
    const std::uint64_t vbl = detail::round_to_odd(g, cbl << h);
    const std::uint64_t vb = detail::round_to_odd(g, cb << h);
    const std::uint64_t vbr = detail::round_to_odd(g, cbr << h);
    // vb is 4 * value / 10^k; an interval end belongs to it only when the significand is even.
    const std::uint64_t lower = vbl + !even;
    const std::uint64_t upper = vbr - !even;
    const std::uint64_t s = vb >> 2;
    if (s >= 10) {
        // One digit fewer: 10^(k+1) * floor(s / 10) or the next multiple, if exactly one is inside.
        const std::uint64_t sp = s / 10;
        const bool down_inside = lower <= 40 * sp;
        const bool up_inside = 40 * sp + 40 <= upper;
        if (down_inside != up_inside) return detail::without_trailing_zeros(sp + up_inside, k + 1);
    }
    const bool down_inside = lower <= 4 * s;
    const bool up_inside = 4 * s + 4 <= upper;
    if (down_inside != up_inside) return detail::without_trailing_zeros(s + up_inside, k);
    // Both s and s + 1 are inside: the nearer, the even one on a tie.
    const std::uint64_t middle = 4 * s + 2;
    const bool round_up = vb > middle || (vb == middle && (s & 1) != 0);
    return detail::without_trailing_zeros(s + round_up, k);
}

// The room write_shortest() needs at out: its text is at most 25 bytes ("-1.2345678901234567e-308"),
// but it copies digits in fixed-size blocks, which is cheaper than copying their exact length.
inline constexpr int shortest_buffer_size = 48;

namespace detail {

inline constexpr char digit_pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

// The number of decimal digits of value (1 .. 20).
inline int decimal_digit_count(std::uint64_t value) {
    static constexpr std::uint64_t powers[] = {1u,
                                               10u,
                                               100u,
                                               1000u,
                                               10000u,
                                               100000u,
                                               1000000u,
                                               10000000u,
                                               100000000u,
                                               1000000000u,
                                               10000000000u,
                                               100000000000u,
                                               1000000000000u,
                                               10000000000000u,
                                               100000000000000u,
                                               1000000000000000u,
                                               10000000000000000u,
                                               100000000000000000u,
                                               1000000000000000000u,
                                               10000000000000000000u};
#if defined(__GNUC__) || defined(__clang__)
    const int bits = 64 - __builtin_clzll(value | 1);
#else
    int bits = 64;
    for (std::uint64_t v = value | 1; (v & (std::uint64_t{1} << 63)) == 0; v <<= 1) --bits;
#endif
    const int guess = (bits * 1233) >> 12;  // floor(log10(2^bits)), one too low at most
    return guess + (value >= powers[guess]);
}

// Writes the eight decimal digits of value < 10^8, leading zeros included, at out.
inline void write_eight_digits(char* out, std::uint32_t value) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    // All eight at once in one 64-bit word: split into two 4-digit lanes of 32 bits, each into
    // two 2-digit lanes of 16 bits, each into two digits of 8 bits (multiplying by a scaled
    // reciprocal divides every lane at once; no lane's product reaches the next lane).
    const std::uint64_t fours = (value / 10000) | (static_cast<std::uint64_t>(value % 10000) << 32);
    const std::uint64_t hundreds = ((fours * 5243) >> 19) & 0x0000007f0000007fu;  // x / 100, x < 10^4
    const std::uint64_t twos = hundreds | ((fours - hundreds * 100) << 16);
    const std::uint64_t tens = ((twos * 103) >> 10) & 0x000f000f000f000fu;  // x / 10, x < 100
    const std::uint64_t text = (tens | ((twos - tens * 10) << 8)) + 0x3030303030303030u;
    std::memcpy(out, &text, 8);
#else
    for (int i = 7; i >= 0; --i) {
        out[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
#endif
}

}  // namespace detail

// Writes value as Python's repr(float) does: the shortest digits, positional when the decimal
// exponent is in [-4, 16) ("0.0001", "3.0", "123.25"), otherwise d.ddde+XX ("1e-05", "1e+16").
// value must be finite; out must have room for shortest_buffer_size bytes. Returns the text's end.
inline char* write_shortest(char* out, double value) {
    if (std::signbit(value)) {
        *out++ = '-';
        value = -value;
    }
    if (value == 0) {
        std::memcpy(out, "0.0", 3);
        return out + 3;
    }
    const Decimal decimal = shortest_decimal(value);
    const int count = detail::decimal_digit_count(decimal.digits);  // at most 17
    const int exponent = decimal.exponent + count - 1;              // of the first digit

    // The digits (at most 17) as text, zero-padded to 17 in a scratch buffer; they start at digits.
    char text[48] = {};
    const std::uint64_t high = decimal.digits / 100000000;
    detail::write_eight_digits(text + 9, static_cast<std::uint32_t>(decimal.digits % 100000000));
    detail::write_eight_digits(text + 1, static_cast<std::uint32_t>(high % 100000000));
    text[0] = static_cast<char>('0' + high / 100000000);
    const char* digits = text + 17 - count;

    if (exponent >= -4 && exponent < 16) {
        if (exponent >= count - 1) {  // an integer: the digits, zeros, ".0"
            std::memcpy(out, digits, 24);
            std::memset(out + count, '0', 16);
            std::memcpy(out + exponent + 1, ".0", 2);
            return out + exponent + 3;
        }
        if (exponent >= 0) {  // digits.digits
            std::memcpy(out, digits, 24);
            out[exponent + 1] = '.';
            std::memcpy(out + exponent + 2, digits + exponent + 1, 16);
            return out + count + 1;
        }
        // 0.000digits
        std::memcpy(out, "0.000000", 8);
        std::memcpy(out + 1 - exponent, digits, 24);
        return out + 1 - exponent + count;
    }
    out[0] = digits[0];
    if (count > 1) {
        out[1] = '.';
        std::memcpy(out + 2, digits + 1, 16);
        out += count + 1;
    } else {
        out += 1;
    }
    *out++ = 'e';
    *out++ = exponent < 0 ? '-' : '+';
    const int magnitude = exponent < 0 ? -exponent : exponent;
    if (magnitude >= 100) {
        *out++ = static_cast<char>('0' + magnitude / 100);
        std::memcpy(out, detail::digit_pairs + 2 * (magnitude % 100), 2);
    } else {
        std::memcpy(out, detail::digit_pairs + 2 * magnitude, 2);
    }
    return out + 2;
}

}  // namespace dash::json
