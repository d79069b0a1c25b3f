#pragma once

// The standard library's memory, iterator and range pieces the headers use: construct_at,
// destroy_at, addressof, to_address, allocator, allocator_traits, the uninitialized_*_n
// algorithms, reverse_iterator and the iterator traits, the range concepts and access
// functions, view_interface and the range algorithms, std::ref and the comparison function
// objects; and detail::invoke for std::invoke, which libstdc++ declares only in <functional>
// (it brings <unordered_map> and std::function: about 0.06 s more).
//
// The standard declares them in <memory>, <iterator> and <ranges>. With libstdc++ 12 in C++20
// those three cost about 0.4 s of every translation unit (g++ -fsyntax-only): <memory> brings
// <ostream> for unique_ptr's operator<<, <iterator> the stream iterators and <streambuf>,
// <ranges> every view. libstdc++'s <vector> and <algorithm> declare all of the above (their
// own code needs them) for a fraction of that, so with libstdc++ 12 (the release this was
// checked against) the library includes those; with any other standard library or release it
// includes the standard's headers (BUFFERS_LEAN_STD_HEADERS says which, and a program may
// define it to 0 to get the standard's headers always).
//
// Of <algorithm>, the collections need only the classic algorithms (std::rotate, std::find_if,
// std::equal, ...): with libstdc++ 12, its <bits/stl_algo.h>. The rest of <algorithm> in C++20
// is the std::ranges algorithms, which cost a Vector user's translation unit as much again as
// the classic ones (about 13% of g++'s instructions for <buffers/collections/vector.hpp>); the
// SoA headers that call them (soa/sort.hpp) include <algorithm> themselves.

#include <version>

#include "traits.hpp"

#include <tuple>
#include <type_traits>
#include <utility>
#if !defined(BUFFERS_LEAN_STD_HEADERS)
#if defined(__GLIBCXX__) && defined(_GLIBCXX_RELEASE) && _GLIBCXX_RELEASE == 12
#define BUFFERS_LEAN_STD_HEADERS 1
#else
#define BUFFERS_LEAN_STD_HEADERS 0
#endif
#endif

#if BUFFERS_LEAN_STD_HEADERS
#include <bits/stl_algo.h>
#include <vector>
#else
#include <algorithm>
#include <functional>
#include <iterator>
#include <memory>
#include <ranges>
#endif

namespace buffers::detail {

// std::invoke(f, a...): std::apply performs the same INVOKE, and <tuple> declares it. Like
// std::invoke, it is not viable when INVOKE is ill-formed (constraints ask for it).
template <class F, class... A>
constexpr std::invoke_result_t<F, A...>
invoke(F&& f, A&&... a) noexcept(std::is_nothrow_invocable_v<F, A...>) {
    return std::apply(std::forward<F>(f), std::forward_as_tuple(std::forward<A>(a)...));
}

// std::move_if_noexcept and std::exchange, over the built-in traits of detail/traits.hpp
// (libstdc++'s go through class-template traits instantiated for every element type).
template <class T>
constexpr std::conditional_t<!is_nothrow_move_constructible_v<T> && is_copy_constructible_v<T>,
                             const T&, T&&>
move_if_noexcept(T& x) noexcept {
    return static_cast<std::conditional_t<
        !is_nothrow_move_constructible_v<T> && is_copy_constructible_v<T>, const T&, T &&>>(x);
}
template <class T, class U = T>
constexpr T exchange(T& target, U&& value) noexcept(
    is_nothrow_move_constructible_v<T>&& is_nothrow_assignable_v<T&, U&&>) {
    T old = static_cast<T&&>(target);
    target = static_cast<T>(static_cast<U&&>(value)); // (exchange(size, 0): no sign warning)
    return old;
}

} // namespace buffers::detail
