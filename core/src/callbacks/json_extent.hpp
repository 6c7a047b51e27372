// callbacks/json_extent.hpp: where a JSON object or array in a callback body ends, found without
// checking its grammar. A plugin that checks its arguments itself (a registration with
// "checks_arguments", sdk.h) is handed its 1 MB dcc.Store as the slice this finds, in about a
// fifth of the time a checking scan takes; every other argument is checked by the host as before.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace dash::core {

// text[pos] is '{' or '['. Returns the offset just past the bracket that closes it. Brackets inside
// strings do not count; a string ends at a quote that no odd run of backslashes escapes. Nothing
// else is checked: what lies between may not be JSON, and whoever reads the value must check it.
// Throws dash::json::ScanError when the text ends first ("unterminated object or array") or the
// brackets nest deeper than max_depth ("JSON nested deeper than N levels", as the scanner says it).
size_t container_end(std::string_view text, size_t pos, int max_depth);

namespace detail {
// One 64-byte block's bytes of interest, bit i for byte i: quotes, backslashes, opening brackets
// ('[', '{') and closing ones (']', '}'). Exposed for the tests, which compare the vector version
// with the byte-by-byte one.
struct BlockMasks {
    uint64_t quote = 0, backslash = 0, open = 0, close = 0;
};
BlockMasks block_masks(const char* block);           // SSE2 where the target has it, else bytewise
BlockMasks block_masks_bytewise(const char* block);  // always a byte at a time
}  // namespace detail

}  // namespace dash::core
