#pragma once

// SoaDeque<T>: a Deque whose elements are stored field by field, grown by powers of two.
// Rows are proxies (soa/row.hpp), as in SoaVector. A column of a ring is not one span: the
// elements run from the head slot to the end of the slots, then wrap to slot 0. So a column is
// handed out as its two halves:
//
//     auto [a, b] = buffers::column_halves<0>(d);           // two std::span<float>
//     for (float& x : a) x *= 2;  for (float& x : b) x *= 2;
//     auto xs = buffers::column_halves<&Particle::x>(d);    // by member pointer
//     xs[i], xs.size(), xs.for_each(f)                      // element i of the column
//
// Each half is a plain array, so loops over it vectorise like loops over float*. The second
// half is empty unless the ring wraps, which pushes at either end make happen at any time
// (growth may leave the ring wrapped too), so code must visit both.

#include "columns.hpp"
#include "keys.hpp"
#include "row.hpp"
#include "schema.hpp"
#include "soa_buffer.hpp"

#include "../collections/deque.hpp"
#include "../composite/exponential_growth_buffer.hpp"

#include <cstddef>
#include <span>
#include <type_traits>

namespace buffers {

template <class T>
using SoaDeque = Deque<T, ExponentialGrowthBuffer<SoaBuffer<T>>>;

// A fixed-capacity SoA ring: N rows inside the object, no heap.
template <class T, std::size_t N>
using InlineSoaDeque = Deque<T, InlineSoaBuffer<T, N>>;

// One column of a deque as two spans, in element order: first from the front element to the
// end of the slots, second from slot 0 (empty unless the ring wraps). An aggregate, so
// `auto [a, b] = column_halves<I>(d);` works.
template <class F>
struct ColumnHalves {
    std::span<F> first;
    std::span<F> second;

    constexpr std::size_t size() const noexcept { return first.size() + second.size(); }
    [[nodiscard]] constexpr bool empty() const noexcept { return size() == 0; }
    // Field of element i of the deque.
    constexpr F& operator[](std::size_t i) const noexcept {
        return i < first.size() ? first[i] : second[i - first.size()];
    }
    // Calls f on each field value, in element order.
    template <class Fn>
    constexpr void for_each(Fn&& f) const {
        for (F& x : first)
            f(x);
        for (F& x : second)
            f(x);
    }
};

namespace detail {
template <class F>
ColumnHalves<F> column_halves_of(F* col, Live live) noexcept {
    const auto r = live.ranges();
    ColumnHalves<F> h;
    if (!r.empty())
        h.first = std::span<F>(col + r[0].first, r[0].size());
    if (r.size() > 1)
        h.second = std::span<F>(col + r[1].first, r[1].size());
    return h;
}
} // namespace detail

// Column I of an SoA deque, as two spans; or the column of member M (a pointer to a field of
// T, e.g. &Particle::x).
template <auto I, auto... Ms, class D>
requires detail::soa_collection_of<Deque, std::remove_cvref_t<D>> && detail::column_id<I, Ms...>
auto column_halves(D&& d) noexcept {
    return detail::column_halves_of(detail::column_pointer<I, Ms...>(std::forward<D>(d)), d.live());
}

} // namespace buffers
