// dash/detail/traits.hpp: the type traits the C++ layer uses to read a callback's signature.
#pragma once

#include <future>
#include <tuple>
#include <type_traits>

namespace dash::detail {

// Result and argument types of a lambda, function object or function pointer.
template <class F>
struct FunctionTraits : FunctionTraits<decltype(&F::operator())> {};
template <class R, class C, class... A>
struct FunctionTraits<R (C::*)(A...) const> {
    using Result = R;
    using Arguments = std::tuple<A...>;
};
template <class R, class C, class... A>
struct FunctionTraits<R (C::*)(A...)> : FunctionTraits<R (C::*)(A...) const> {};
template <class R, class... A>
struct FunctionTraits<R (*)(A...)> {
    using Result = R;
    using Arguments = std::tuple<A...>;
};
template <class R, class... A>
struct FunctionTraits<R(A...)> : FunctionTraits<R (*)(A...)> {};

// Whether F's parameter types can be read: a function, a function pointer, or an object with one
// non-template operator() (a generic lambda, with auto parameters, has none).
template <class F, class = void>
struct HasCallSignature : std::is_function<std::remove_pointer_t<F>> {};
template <class F>
struct HasCallSignature<F, std::void_t<decltype(&F::operator())>> : std::true_type {};

template <class>
struct AlwaysFalse : std::false_type {};

template <class T>
struct IsFuture : std::false_type {};
template <class T>
struct IsFuture<std::future<T>> : std::true_type {};

template <class T>
struct IsTuple : std::false_type {};
template <class... T>
struct IsTuple<std::tuple<T...>> : std::true_type {};

}  // namespace dash::detail
