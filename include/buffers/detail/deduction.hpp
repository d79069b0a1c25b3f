#pragma once

// The deduction guides Vector and Deque share: std::vector's and std::deque's, over buffers.
//
//   Name v(first, last);           Name<value of It>            (the default buffer)
//   Name v(n, value);              Name<T>
//   Name v{a, b, c};               Name<T>
//   Name v(first, last, alloc);    Name<T, AllocatorBuffer-based> (as n, value, alloc and il,
//   alloc) Name v(other, alloc);          other's type (P1518: alloc only needs to convert) Name
//   v(buffer);                Name<B::value_type, B>
//
// With an allocator the buffer is ExponentialGrowthBuffer<AllocatorBuffer<T, Alloc>>: the
// buffer that takes an allocator, with std::vector's amortised growth.
//
// Each guide without an allocator has a twin that deduces the same arguments as
// Name<T, ExponentialGrowthBuffer<AllocatorBuffer<T, std::allocator<T>>>>. Used directly, the
// twin always loses (its trailing empty pack makes it less specialised), so `Vector v(f, l)`
// is Vector<T>; through an alias template of that form (`template <class T, class A =
// std::allocator<T>> using vec = Vector<T, ExponentialGrowthBuffer<AllocatorBuffer<T, A>>>`),
// whose type the plain guides cannot produce, the twin is the one that deduces `vec v(f, l)`,
// as it would for std::vector.

#include "../base/allocator_buffer.hpp"
#include "../composite/exponential_growth_buffer.hpp"
#include "../core/concepts.hpp"
#include "std_support.hpp"

#include <cstddef>
#include <initializer_list>

namespace buffers::detail {

template <class It>
using iter_value = typename std::iterator_traits<It>::value_type;

// What the standard containers' deduction guides take for an allocator.
template <class A>
concept deduced_allocator = requires(A& a) {
    typename A::value_type;
    a.allocate(std::size_t{});
};

template <class T, class Alloc>
using allocator_buffer_for = ExponentialGrowthBuffer<AllocatorBuffer<T, Alloc>>;

} // namespace buffers::detail

// The guides of collection template Name (Vector, Deque), expanded in namespace buffers after
// the class (and so after collections/core.hpp); It is constrained as the iterator-pair
// constructors are (detail::legacy_input_iterator).
#define BUFFERS_DETAIL_SEQUENCE_GUIDES(Name)                                                       \
    template <detail::legacy_input_iterator It>                                                    \
    Name(It, It) -> Name<detail::iter_value<It>>;                                                  \
    template <detail::legacy_input_iterator It, class V = detail::iter_value<It>,                  \
              class Alloc = std::allocator<V>, class... None>                                      \
    requires(sizeof...(None) == 0) Name(It, It, None...)                                           \
    ->Name<V, detail::allocator_buffer_for<V, Alloc>>;                                             \
    template <detail::legacy_input_iterator It, detail::deduced_allocator Alloc,                   \
              class V = detail::iter_value<It>>                                                    \
    Name(It, It, Alloc) -> Name<V, detail::allocator_buffer_for<V, Alloc>>;                        \
                                                                                                   \
    template <class T>                                                                             \
    Name(std::size_t, T) -> Name<T>;                                                               \
    template <class T, class Alloc = std::allocator<T>, class... None>                             \
    requires(sizeof...(None) == 0) Name(std::size_t, T, None...)                                   \
    ->Name<T, detail::allocator_buffer_for<T, Alloc>>;                                             \
    template <class T, detail::deduced_allocator Alloc>                                            \
    Name(std::size_t, T, Alloc) -> Name<T, detail::allocator_buffer_for<T, Alloc>>;                \
                                                                                                   \
    template <class T>                                                                             \
    Name(std::initializer_list<T>) -> Name<T>;                                                     \
    template <class T, class Alloc = std::allocator<T>, class... None>                             \
    requires(sizeof...(None) == 0) Name(std::initializer_list<T>, None...)                         \
    ->Name<T, detail::allocator_buffer_for<T, Alloc>>;                                             \
    template <class T, detail::deduced_allocator Alloc>                                            \
    Name(std::initializer_list<T>, Alloc) -> Name<T, detail::allocator_buffer_for<T, Alloc>>;      \
                                                                                                   \
    template <class T, class B>                                                                    \
    Name(const Name<T, B>&, typename B::allocator_type) -> Name<T, B>;                             \
                                                                                                   \
    template <Buffer B>                                                                            \
    Name(B) -> Name<typename B::value_type, B>;
