// dash/services.hpp: typed access to the function tables plugins offer each other (and the host)
// under versioned ids. A table type names its id once, in a ServiceTraits specialisation:
//
//     template <> struct dash::ServiceTraits<acme_store_v1> { static constexpr const char* id = "acme.store/1"; };
//     plugin.register_service(acme_store_v1{sizeof(acme_store_v1), store.get(), &put, &get}, store);
//     if (auto store = plugin.find_service<acme_store_v1>()) store->put(store->self, ...);
//
// Tables start with uint32_t struct_size and, by convention, void* self: the provider's object,
// handed back as the first argument of every function, so a provider needs no globals.
#pragma once

#include <dash/ext/services.h>

#include <cstring>
#include <optional>

namespace dash {

template <class T>
struct ServiceTraits;  // specialise with: static constexpr const char* id = "...";

template <>
struct ServiceTraits<dash_compression_v1> {
    static constexpr const char* id = DASH_SERVICE_COMPRESSION;
};
template <>
struct ServiceTraits<dash_csp_v2> {
    static constexpr const char* id = DASH_SERVICE_CSP;
};

namespace detail {
// A provider built against an older header has a shorter table: copy the prefix it has and leave
// the rest zero (NULL functions), as the host does with every growable struct.
template <class T>
std::optional<T> read_table(const void* table) {
    if (!table) return std::nullopt;
    uint32_t size = 0;
    std::memcpy(&size, table, sizeof size);
    if (size < sizeof(uint32_t)) return std::nullopt;
    T copy{};
    std::memcpy(&copy, table, size < sizeof(T) ? size : sizeof(T));
    return copy;
}
}  // namespace detail

}  // namespace dash
