#pragma once

// Relocation: moving a live value to a new slot and ending the old one. Rust does this with
// memcpy for every type; in C++ that is only valid for some types, so the choice is made here,
// once, and every buffer uses these helpers.

#include "../detail/std_support.hpp"
#include "../detail/traits.hpp"
#include "config.hpp"
#include "guard.hpp"

#include <cstddef>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace buffers {

// True when a value may be relocated by copying its bytes (memcpy/memmove/realloc) and
// forgetting the source. Trivially copyable types qualify. Specialise for your own types only
// if copying their bytes and never destroying the source is correct for them.
template <class T>
struct is_trivially_relocatable : std::bool_constant<detail::is_trivially_copyable_v<T>> {};

template <class T>
inline constexpr bool is_trivially_relocatable_v = is_trivially_relocatable<T>::value;

// True when relocating a T cannot throw: bytes are copied, or a noexcept move plus destroy.
// Collections shift elements by relocation only for these; others use move assignment so that
// an exception never leaves a hole.
template <class T>
inline constexpr bool is_nothrow_relocatable_v = is_trivially_relocatable_v<T> ||
                                                 (detail::is_nothrow_move_constructible_v<T> &&
                                                  detail::is_nothrow_destructible_v<T>);

namespace detail {

// Constructs T from args, falling back to braces for aggregates (clang 14 lacks C++20's
// parenthesised aggregate initialisation).
template <class T, class... Args>
constexpr T* construct_at(T* p, Args&&... args) {
    if (std::is_constant_evaluated())
        if constexpr (detail::is_constructible_v<T, Args...>)
            return std::construct_at(p, std::forward<Args>(args)...);
    if constexpr (detail::is_constructible_v<T, Args...>)
        return ::new (static_cast<void*>(p)) T(std::forward<Args>(args)...);
    else
        return ::new (static_cast<void*>(p)) T{std::forward<Args>(args)...};
}

// A T built from args, with the same brace fallback.
template <class T, class... Args>
constexpr T make_value(Args&&... args) {
    if constexpr (detail::is_constructible_v<T, Args...>)
        return T(std::forward<Args>(args)...);
    else
        return T{std::forward<Args>(args)...};
}

template <class T>
constexpr void destroy_n(T* p, std::size_t n) noexcept {
    if constexpr (!detail::is_trivially_destructible_v<T>)
        for (std::size_t i = 0; i < n; ++i)
            std::destroy_at(p + i);
}

// Constant evaluation has no memcpy: the byte copies below (every one of them a relocation)
// move and destroy value by value there, backward when the ranges overlap that way.
template <class T>
constexpr void relocate_each(T* dst, T* src, std::size_t n, bool backward) noexcept {
    if constexpr (detail::is_move_constructible_v<T>) {
        for (std::size_t k = 0; k < n; ++k) {
            const std::size_t i = backward ? n - 1 - k : k;
            std::construct_at(dst + i, std::move(src[i]));
            std::destroy_at(src + i);
        }
    }
}

template <class T>
constexpr void copy_bytes(T* dst, T* src, std::size_t n) noexcept {
    if (std::is_constant_evaluated())
        return relocate_each(dst, src, n, false);
    if (n != 0)
        std::memcpy(static_cast<void*>(dst), static_cast<const void*>(src), n * sizeof(T));
}

template <class T>
constexpr void move_bytes(T* dst, T* src, std::size_t n) noexcept {
    if (std::is_constant_evaluated())
        return relocate_each(dst, src, n, src < dst);
    if (n != 0)
        std::memmove(static_cast<void*>(dst), static_cast<const void*>(src), n * sizeof(T));
}

// Relocates n values from src to the empty, non-overlapping slots at dst. Strong guarantee:
// if a copy throws, the values built at dst are destroyed and src is untouched.
template <class T>
constexpr void relocate_n(T* src, std::size_t n, T* dst) noexcept(is_nothrow_relocatable_v<T>) {
    if constexpr (is_trivially_relocatable_v<T>) {
        copy_bytes(dst, src, n);
    } else if constexpr (is_nothrow_relocatable_v<T>) {
        for (std::size_t i = 0; i < n; ++i) {
            detail::construct_at(dst + i, std::move(src[i]));
            std::destroy_at(src + i);
        }
    } else {
        std::size_t i = 0;
        on_failure(
            [&] {
                for (; i < n; ++i)
                    detail::construct_at(dst + i, detail::move_if_noexcept(src[i]));
            },
            [&] { destroy_n(dst, i); });
        destroy_n(src, n);
    }
}

// Relocates n values from src to dst within one array, in either direction (the ranges may
// overlap). Slots of the source not covered by the destination end up empty. Requires
// nothrow relocation: a throw half way would leave a hole.
template <class T>
constexpr void relocate_within(T* src, std::size_t n, T* dst) noexcept {
    static_assert(is_nothrow_relocatable_v<T>,
                  "buffers: shifting elements in place needs a nothrow move constructor");
    if (src == dst || n == 0)
        return;
    if constexpr (is_trivially_relocatable_v<T>) {
        move_bytes(dst, src, n);
    } else if (dst < src) {
        for (std::size_t i = 0; i < n; ++i) {
            detail::construct_at(dst + i, std::move(src[i]));
            std::destroy_at(src + i);
        }
    } else {
        for (std::size_t i = n; i-- > 0;) {
            detail::construct_at(dst + i, std::move(src[i]));
            std::destroy_at(src + i);
        }
    }
}

} // namespace detail
} // namespace buffers
