#pragma once

// Bulk operations on buffers. Each has a generic fallback written with the core contract
// (put/take/destroy); a buffer that can do better (memmove on contiguous trivially relocatable
// slots, column by column for SoA) provides a member of the same name and is used instead.

#include "../detail/std_support.hpp"
#include "../detail/traits.hpp"
#include "concepts.hpp"
#include "guard.hpp"
#include "hooks.hpp"
#include "relocate.hpp"

#include <cstddef>
#include <type_traits>
#include <utility>

namespace buffers {
namespace detail {

// Runs destroy(i) on the first n slots of live, in order: the values built before a throw.
template <class Destroy>
constexpr void destroy_first(Live live, std::size_t n, Destroy destroy) {
    live.for_each([&](std::size_t i) {
        if (n > 0) {
            destroy(i);
            --n;
        }
    });
}

// Copies (or moves, when that cannot throw) the live ranges from src_base to the same indices at
// dst_base, leaving the sources alive. Strong: if a copy throws, the copies made are destroyed.
template <class T, class Construct, class Destroy>
constexpr void copy_ranges_with(T* src_base, T* dst_base, Live live, Construct construct,
                                Destroy destroy) {
    std::size_t done = 0;
    on_failure(
        [&] {
            live.for_each([&](std::size_t i) {
                construct(dst_base + i, detail::move_if_noexcept(src_base[i]));
                ++done;
            });
        },
        [&] { destroy_first(live, done, [&](std::size_t i) { destroy(dst_base + i); }); });
}

// Relocates the live ranges from src_base to the same indices at dst_base (distinct arrays),
// constructing with construct(dst, T&&-or-const T&) and destroying with destroy(p).
// Strong guarantee across all ranges: if a copy throws, dst holds nothing and src is intact.
template <class T, class Construct, class Destroy>
constexpr void relocate_ranges_with(T* src_base, T* dst_base, Live live, Construct construct,
                                    Destroy destroy) {
    if constexpr (is_nothrow_relocatable_v<T>) {
        live.for_each([&](std::size_t i) {
            construct(dst_base + i, std::move(src_base[i]));
            destroy(src_base + i);
        });
    } else {
        // Copy every value first; destroy the sources only once all copies exist.
        copy_ranges_with(src_base, dst_base, live, construct, destroy);
        live.for_each([&](std::size_t i) { destroy(src_base + i); });
    }
}

// Relocates the live ranges from src_base to the same indices at dst_base (distinct arrays):
// memcpy for trivially relocatable T, otherwise move (or copy, if the move may throw) and
// destroy. Strong guarantee.
template <class T>
constexpr void relocate_ranges(T* src_base, T* dst_base,
                               Live live) noexcept(is_nothrow_relocatable_v<T>) {
    if constexpr (is_trivially_relocatable_v<T>) {
        for (auto r : live.ranges())
            copy_bytes(dst_base + r.first, src_base + r.first, r.size());
    } else {
        relocate_ranges_with(
            src_base, dst_base, live,
            [](T* p, auto&& v) { detail::construct_at(p, static_cast<decltype(v)>(v)); },
            [](T* p) { std::destroy_at(p); });
    }
}

} // namespace detail

namespace detail {
// A buffer declares `static constexpr bool plain_construct = true;` when put(i, args...) is a
// plain placement-new into ptr(i) (no allocator construct): bulk construction may then use the
// standard uninitialized_* algorithms (memcpy for trivially copyable T).
template <class B>
inline constexpr bool plain_construct_v = [] {
    if constexpr (declares_plain_construct<B>)
        return ContiguousBuffer<B> && static_cast<bool>(B::plain_construct);
    else
        return false;
}();

// A buffer that declares `plain_construct = false` builds and destroys its values some other
// way (an allocator's construct/destroy): relocation must go through its put/take too.
template <class B>
inline constexpr bool custom_construct_v = [] {
    if constexpr (declares_plain_construct<B>)
        return !static_cast<bool>(B::plain_construct);
    else
        return false;
}();

// Runs put_one(i) for i in [first, first + n); if one throws, destroys those built, rethrows.
template <Buffer B, class F>
constexpr void put_each(B& b, std::size_t first, std::size_t n, F&& put_one) {
    std::size_t k = 0;
    on_failure(
        [&] {
            for (; k < n; ++k)
                put_one(first + k);
        },
        [&] {
            while (k-- > 0)
                b.destroy(first + k);
        });
}
} // namespace detail

// Constructs n copies of value in the empty slots [first, first + n). Strong guarantee: if a
// copy throws, the slots are empty again.
template <Buffer B, class V>
constexpr void put_copies(B& b, std::size_t first, std::size_t n, const V& value) {
    if constexpr (detail::plain_construct_v<B>)
        if (!std::is_constant_evaluated())
            return (void)std::uninitialized_fill_n(b.ptr(first), n, value);
    detail::put_each(b, first, n, [&](std::size_t i) { b.put(i, value); });
}

// Constructs n values from the iterator it in the empty slots [first, first + n). Strong.
template <Buffer B, class It>
constexpr void put_range(B& b, std::size_t first, It it, std::size_t n) {
    if constexpr (detail::plain_construct_v<B> &&
                  detail::is_constructible_v<typename B::value_type, decltype(*it)>)
        if (!std::is_constant_evaluated())
            return (void)std::uninitialized_copy_n(it, n, b.ptr(first));
    detail::put_each(b, first, n, [&](std::size_t i) {
        b.put(i, *it);
        ++it;
    });
}

// Value-initialises n values in the empty slots [first, first + n). Strong.
template <Buffer B>
constexpr void put_default(B& b, std::size_t first, std::size_t n) {
    if constexpr (detail::plain_construct_v<B>)
        if (!std::is_constant_evaluated())
            return (void)std::uninitialized_value_construct_n(b.ptr(first), n);
    detail::put_each(b, first, n, [&](std::size_t i) { b.put(i); });
}

// The capacity a collection asks for when it grows on its own (push_back, emplace, insert,
// resize) and needs n > capacity() slots: the buffer's growth policy (hook next_capacity), or
// twice the capacity, so that pushes are amortised O(1) over any buffer that can grow. At least
// n; at most max_capacity() unless n is above it.
template <Buffer B>
constexpr std::size_t next_capacity(const B& b, std::size_t n) noexcept {
    if constexpr (has_next_capacity<B>) {
        return b.next_capacity(n);
    } else {
        const std::size_t max = b.max_capacity();
        const std::size_t cap = b.capacity();
        return std::max(n, cap > max / 2 ? max : 2 * cap);
    }
}

// Destroys the live values in slots [first, last).
template <Buffer B>
constexpr void destroy_range(B& b, std::size_t first, std::size_t last) noexcept {
    if constexpr (has_destroy_range<B>)
        b.destroy_range(first, last);
    else
        for (std::size_t i = first; i < last; ++i)
            b.destroy(i);
}

namespace detail {
// shift_right (Right) or shift_left: the buffer's own member when it has one; otherwise one
// relocate_within on a contiguous buffer, put(take) one slot at a time otherwise (in the order
// that never overwrites a value not yet moved).
template <bool Right, Buffer B>
constexpr void shift_slots(B& b, std::size_t first, std::size_t last, std::size_t k) noexcept {
    if (k == 0 || first == last)
        return;
    if constexpr (Right && has_shift_right<B>) {
        b.shift_right(first, last, k);
    } else if constexpr (!Right && has_shift_left<B>) {
        b.shift_left(first, last, k);
    } else if constexpr (ContiguousBuffer<B>) {
        relocate_within(b.ptr(first), last - first, Right ? b.ptr(first + k) : b.ptr(first - k));
    } else {
        static_assert(is_nothrow_relocatable_v<typename B::value_type>,
                      "buffers: shift_right/shift_left need a nothrow move constructor");
        if constexpr (Right) {
            for (std::size_t i = last; i-- > first;)
                b.put(i + k, b.take(i));
        } else {
            for (std::size_t i = first; i < last; ++i)
                b.put(i - k, b.take(i));
        }
    }
}
} // namespace detail

// Relocates the live values in [first, last) to [first + k, last + k).
// Precondition: the destination slots outside [first, last) are empty ([last, last + k) when
// the ranges overlap); no other slot is touched, so a ring buffer may move a run past live
// values. Afterwards the slots of [first, first + k) that are not part of the destination are
// empty. Requires nothrow relocation of the element type.
template <Buffer B>
constexpr void shift_right(B& b, std::size_t first, std::size_t last, std::size_t k) noexcept {
    detail::shift_slots<true>(b, first, last, k);
}

// Relocates the live values in [first, last) to [first - k, last - k).
// Precondition: the destination slots outside [first, last) are empty ([first - k, first)
// when the ranges overlap); no other slot is touched. Afterwards the slots of [last - k, last)
// that are not part of the destination are empty. Requires nothrow relocation of the element
// type.
template <Buffer B>
constexpr void shift_left(B& b, std::size_t first, std::size_t last, std::size_t k) noexcept {
    detail::shift_slots<false>(b, first, last, k);
}

// Relocates one live value from slot from to the empty slot to (same buffer).
template <Buffer B>
constexpr void relocate_slot(B& b, std::size_t from, std::size_t to) {
    if constexpr (has_relocate_slot<B>)
        b.relocate_slot(from, to);
    else if constexpr (PtrBuffer<B>)
        detail::relocate_n(b.ptr(from), 1, b.ptr(to));
    else
        b.put(to, b.take(from));
}

// Relocates the live values of src into the empty slots of dst at the same indices (two
// different buffers of the same element type, such as the inline and heap parts of an
// SvoBuffer). Strong guarantee: if a copy throws, dst holds nothing new and src is intact.
template <Buffer S, Buffer D>
constexpr void relocate_live(S& src, D& dst, Live live) {
    using T = typename S::value_type;
    static_assert(std::is_same_v<T, typename D::value_type>,
                  "buffers: relocate_live needs two buffers of the same element type");
    if constexpr (has_relocate_to<S, D>) {
        src.relocate_to(dst, live);
    } else if constexpr (ContiguousBuffer<S> && ContiguousBuffer<D> &&
                         !detail::custom_construct_v<S> && !detail::custom_construct_v<D>) {
        detail::relocate_ranges(src.data(), dst.data(), live);
    } else if constexpr (is_nothrow_relocatable_v<T> && RefBuffer<S>) {
        // One move per value (take then put would make two).
        live.for_each([&](std::size_t i) {
            dst.put(i, std::move(src.get(i)));
            src.destroy(i);
        });
    } else if constexpr (is_nothrow_relocatable_v<T>) {
        live.for_each([&](std::size_t i) { dst.put(i, src.take(i)); });
    } else {
        static_assert(RefBuffer<S>,
                      "buffers: relocating a type whose move may throw needs references");
        std::size_t done = 0;
        detail::on_failure(
            [&] {
                live.for_each([&](std::size_t i) {
                    dst.put(i, detail::move_if_noexcept(src.get(i)));
                    ++done;
                });
            },
            [&] { detail::destroy_first(live, done, [&](std::size_t i) { dst.destroy(i); }); });
        for (auto r : live.ranges())
            destroy_range(src, r.first, r.last);
    }
}

// Relocates the live values in slots [first, last) of src into the empty slots
// [to, to + (last - first)) of dst, a different buffer of the same element type: relocate_live
// with an offset, for a collection that moves into new storage with a gap for new values.
// Strong guarantee: if a copy throws, dst holds nothing new and src is intact.
template <Buffer S, Buffer D>
constexpr void relocate_range(S& src, std::size_t first, std::size_t last, D& dst, std::size_t to) {
    using T = typename S::value_type;
    static_assert(std::is_same_v<T, typename D::value_type>,
                  "buffers: relocate_range needs two buffers of the same element type");
    const std::size_t n = last - first;
    if (n == 0)
        return;
    if constexpr (ContiguousBuffer<S> && ContiguousBuffer<D> && !detail::custom_construct_v<S> &&
                  !detail::custom_construct_v<D>) {
        detail::relocate_n(src.ptr(first), n, dst.ptr(to));
    } else if constexpr (is_nothrow_relocatable_v<T> && RefBuffer<S>) {
        for (std::size_t k = 0; k < n; ++k) {
            dst.put(to + k, std::move(src.get(first + k)));
            src.destroy(first + k);
        }
    } else if constexpr (is_nothrow_relocatable_v<T>) {
        for (std::size_t k = 0; k < n; ++k)
            dst.put(to + k, src.take(first + k));
    } else if constexpr (!RefBuffer<S>) {
        // Proxy references (SoA rows): copy when T can be copied, so that src stays intact if
        // a copy throws; a move-only T is moved out, which keeps only the basic guarantee, as
        // std::move_if_noexcept does.
        detail::put_each(dst, to, n, [&](std::size_t i) {
            auto&& row = src.get(first + (i - to));
            if constexpr (detail::is_copy_constructible_v<T>)
                dst.put(i, static_cast<T>(std::as_const(row)));
            else
                dst.put(i, buffers_rvalue(row));
        });
        destroy_range(src, first, last);
    } else {
        detail::put_each(dst, to, n, [&](std::size_t i) {
            dst.put(i, detail::move_if_noexcept(src.get(first + (i - to))));
        });
        destroy_range(src, first, last);
    }
}

} // namespace buffers
