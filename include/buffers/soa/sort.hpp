#pragma once

// Sorting a struct-of-arrays vector by a key:
//
//     buffers::sort(v, std::less{}, [](const auto& r) { return buffers::get<0>(r); });
//     buffers::stable_sort(v, std::greater{}, [](const auto& r) { return r.mass; });
//     buffers::sort(v, std::less{}, &Particle::life);                 // a member pointer
//     std::ranges::sort(v, {}, buffers::field<&Particle::life>);      // any std::ranges algorithm
//
// Projections: a member pointer cannot be applied to a row proxy (`row.*m` needs an object of
// class type Particle, and a proxy is not one), so std::ranges algorithms, which call
// std::invoke(proj, *it), reject `&Particle::life` over SoA containers. buffers::field<&T::m>
// is a projection object that applies to rows (field m's reference into its column) and to
// plain T objects (std::sort holds some rows as T temporaries) alike. buffers::sort and
// stable_sort also take the member pointer itself.
//
// std::ranges::sort works on an SoA vector too, but it moves whole rows through proxies at
// every step, and every such move touches every column. These functions sort (key, row index)
// pairs instead, the key being the projection of a row, and then move each row exactly once:
// column by column, gathered in sorted order into a scratch column and moved back.
//
// * The projection receives a const row (SoaRow<T, true>), so get<I>(row) and generated names
//   (row.x) work. Its result is copied once per row when it is small and trivially copyable (a
//   number, an enum, a small struct); any other key (a std::string, the row itself) is not
//   copied: the sort then compares through the projection, by index.
// * Arithmetic keys (integers, float, double) compared with the default std::less /
//   std::ranges::less, or with std::greater / std::ranges::greater, are sorted by an LSD radix
//   sort: a few linear passes instead of N log N comparisons, most of which a branch predictor
//   gets wrong on random keys. -0.0 and +0.0 are one key, as they are for <.
// * sort is not stable; stable_sort keeps rows with equal keys in their order.
// * Exceptions: if the comparator or the projection throws, or memory runs out, v is unchanged.
//   Rows are only moved once the order is known, and only when every field moves without
//   throwing; a T with a field whose move may throw is sorted by std::ranges::sort through the
//   row proxies instead (basic guarantee).
// * Cost: O(N log N) key comparisons (radix: O(N) per key byte), N (key, index) pairs (radix:
//   twice), one column of scratch.
//
// Vectors that are not SoA are sorted with std::ranges::sort / std::ranges::stable_sort.

#include "columns.hpp"
#include "soa_buffer.hpp"

#include "../collections/vector.hpp"
#include "../core/relocate.hpp"

#include <boost/mp11/algorithm.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace buffers {
namespace detail {

// Keys cheap enough to copy into the pairs.
template <class K>
inline constexpr bool sort_key_by_value = std::is_trivially_copyable_v<K>&& std::movable<K> &&
                                          sizeof(K) <= 16 && !is_soa_row<K>;

template <class T>
inline constexpr bool soa_nothrow_moves = [] {
    bool all = true;
    boost::mp11::mp_for_each<typename soa_info<T>::indices>([&](auto k) {
        using F = typename soa_info<T>::template field<k>;
        all = all && std::is_nothrow_move_constructible_v<F> &&
              std::is_nothrow_move_assignable_v<F> && std::is_nothrow_destructible_v<F>;
    });
    return all;
}();

struct aligned_delete {
    std::align_val_t align;
    void operator()(std::byte* p) const noexcept { ::operator delete(p, align); }
};
using aligned_block = std::unique_ptr<std::byte, aligned_delete>;

inline aligned_block allocate_block(std::size_t bytes, std::size_t align) {
    return aligned_block(static_cast<std::byte*>(::operator new (bytes, std::align_val_t{align})),
                         aligned_delete{std::align_val_t{align}});
}

template <class T>
struct soa_sort_info {
    static constexpr std::size_t widest = [] {
        std::size_t w = 0;
        boost::mp11::mp_for_each<typename soa_info<T>::indices>(
            [&](auto k) { w = std::max(w, sizeof(typename soa_info<T>::template field<k>)); });
        return w;
    }();
    static constexpr std::size_t align = [] {
        std::size_t a = alignof(std::max_align_t);
        boost::mp11::mp_for_each<typename soa_info<T>::indices>(
            [&](auto k) { a = std::max(a, alignof(typename soa_info<T>::template field<k>)); });
        return a;
    }();
};

// Moves every row to its sorted place: afterwards row i holds what row source(i) held.
// Precondition: source is a permutation of [0, v.size()). scratch, when not null, has room
// for v.size() values of the widest field, suitably aligned; otherwise one is allocated here
// (the only thing that may throw: every field moves without throwing, see soa_nothrow_moves).
template <class T, class B, class Source>
void apply_order(Vector<T, B>& v, Source source, std::byte* scratch) {
    using info = soa_info<T>;
    const std::size_t n = v.size();
    aligned_block owned;
    if (scratch == nullptr) {
        owned = allocate_block(soa_sort_info<T>::widest * n, soa_sort_info<T>::align);
        scratch = owned.get();
    }
    boost::mp11::mp_for_each<typename info::indices>([&](auto k) {
        using F = typename info::template field<k>;
        F* col = v.buffer().template column_data<k>();
        F* tmp = reinterpret_cast<F*>(scratch);
        if constexpr (std::is_trivially_copyable_v<F>) {
            for (std::size_t i = 0; i < n; ++i)
                std::memcpy(static_cast<void*>(tmp + i), static_cast<const void*>(col + source(i)),
                            sizeof(F));
            std::memcpy(static_cast<void*>(col), static_cast<const void*>(tmp), n * sizeof(F));
        } else {
            for (std::size_t i = 0; i < n; ++i)
                detail::construct_at(tmp + i, std::move(col[source(i)]));
            for (std::size_t i = 0; i < n; ++i)
                col[i] = std::move(tmp[i]);
            detail::destroy_n(tmp, n);
        }
    });
}

// --- radix sort of arithmetic keys ---------------------------------------------------------

template <class K>
concept radix_key = (std::is_integral_v<K> || std::is_same_v<K, float> ||
                     std::is_same_v<K, double>)&&sizeof(K) <= 8;

// The unsigned integer whose order is K's order under <.
template <radix_key K>
constexpr auto radix_bits(K k) noexcept {
    if constexpr (std::is_same_v<K, bool>) {
        return static_cast<std::uint8_t>(k);
    } else if constexpr (std::is_integral_v<K>) {
        using U = std::make_unsigned_t<K>;
        if constexpr (std::is_signed_v<K>)
            return static_cast<U>(static_cast<U>(k) ^ static_cast<U>(U{1} << (sizeof(U) * 8 - 1)));
        else
            return static_cast<U>(k);
    } else {
        using U = std::conditional_t<sizeof(K) == 4, std::uint32_t, std::uint64_t>;
        if (k == K(0))
            k = K(0); // -0.0 == +0.0 under <: give both the same key
        const U u = std::bit_cast<U>(k);
        constexpr U sign = U{1} << (sizeof(U) * 8 - 1);
        return (u & sign) != 0 ? static_cast<U>(~u) : static_cast<U>(u | sign);
    }
}

// +1: the comparator is < on K (ascending), -1: > (descending), 0: something else.
template <class C, class K>
inline constexpr int radix_order = 0;
template <class K>
inline constexpr int radix_order<std::ranges::less, K> = 1;
template <class K>
inline constexpr int radix_order<std::less<>, K> = 1;
template <class K>
inline constexpr int radix_order<std::less<K>, K> = 1;
template <class K>
inline constexpr int radix_order<std::ranges::greater, K> = -1;
template <class K>
inline constexpr int radix_order<std::greater<>, K> = -1;
template <class K>
inline constexpr int radix_order<std::greater<K>, K> = -1;

// Below this, a comparison sort beats the fixed costs of the radix passes.
inline constexpr std::size_t radix_min_rows = 256;

template <class U, class Index>
struct radix_item {
    U key;
    Index index;
};

// LSD radix sort by key, one byte per pass (stable). Sorts [a, a + n) using b as the other
// buffer; returns whichever of the two holds the result. Skips the passes over bytes that all
// keys share.
template <class U, class Index>
radix_item<U, Index>* radix_sort(radix_item<U, Index>* a, radix_item<U, Index>* b, std::size_t n) {
    constexpr std::size_t digits = sizeof(U);
    std::array<std::array<std::size_t, 256>, digits> count{};
    for (std::size_t i = 0; i < n; ++i) {
        const U k = a[i].key;
        for (std::size_t d = 0; d < digits; ++d)
            ++count[d][static_cast<std::size_t>(k >> (8 * d)) & 255];
    }
    for (std::size_t d = 0; d < digits; ++d) {
        auto& c = count[d];
        if (c[static_cast<std::size_t>(a[0].key >> (8 * d)) & 255] == n)
            continue; // every key has this byte: the pass would not move anything
        std::size_t sum = 0;
        for (std::size_t& x : c)
            sum += std::exchange(x, sum);
        for (std::size_t i = 0; i < n; ++i)
            b[c[static_cast<std::size_t>(a[i].key >> (8 * d)) & 255]++] = a[i];
        std::swap(a, b);
    }
    return a;
}

template <class Index, class T, class B, class Proj, int Order>
void soa_radix_sort(Vector<T, B>& v, Proj& proj, std::integral_constant<int, Order>) {
    const auto& cv = v;
    const std::size_t n = v.size();
    using Row = typename Vector<T, B>::const_reference;
    using Key = std::remove_cvref_t<std::invoke_result_t<Proj&, Row>>;
    using U = decltype(radix_bits(std::declval<Key>()));
    using Item = radix_item<U, Index>;
    constexpr std::size_t align = std::max(alignof(Item), soa_sort_info<T>::align);
    const std::size_t half = (n * sizeof(Item) + align - 1) / align * align;
    aligned_block block = allocate_block(2 * half, align);
    auto* a = reinterpret_cast<Item*>(block.get());
    auto* b = reinterpret_cast<Item*>(block.get() + half);
    for (std::size_t i = 0; i < n; ++i) {
        U k = radix_bits(static_cast<Key>(std::invoke(proj, cv[i])));
        if constexpr (Order < 0)
            k = static_cast<U>(~k);
        ::new (static_cast<void*>(a + i)) Item{k, static_cast<Index>(i)};
    }
    const Item* sorted = radix_sort(a, b, n);
    // The other half is free now: it serves as the scratch column when a field fits.
    std::byte* spare = reinterpret_cast<std::byte*>(sorted == a ? b : a);
    if constexpr (soa_sort_info<T>::widest > sizeof(Item))
        spare = nullptr;
    apply_order(
        v, [sorted](std::size_t i) { return sorted[i].index; }, spare);
}

// --- comparison sorts ----------------------------------------------------------------------

template <class Key, class Index>
struct sort_pair {
    Key key;
    Index index;
};

template <bool Stable, class It, class Less>
void sort_range(It first, It last, Less less) {
    if constexpr (Stable)
        std::stable_sort(first, last, less);
    else
        std::sort(first, last, less);
}

template <bool Stable, class Index, class T, class B, class Comp, class Proj>
void soa_sort_with(Vector<T, B>& v, Comp& comp, Proj& proj) {
    const auto& cv = v;
    const std::size_t n = v.size();
    using Row = typename Vector<T, B>::const_reference;
    using Key = std::remove_cvref_t<std::invoke_result_t<Proj&, Row>>;
    if constexpr (radix_key<Key> && radix_order<Comp, Key> != 0) {
        if (n >= radix_min_rows)
            return soa_radix_sort<Index>(v, proj,
                                         std::integral_constant<int, radix_order<Comp, Key>>{});
    }
    if constexpr (sort_key_by_value<Key>) {
        using Pair = sort_pair<Key, Index>;
        std::vector<Pair> pairs;
        pairs.reserve(n);
        for (std::size_t i = 0; i < n; ++i)
            pairs.push_back(Pair{std::invoke(proj, cv[i]), static_cast<Index>(i)});
        sort_range<Stable>(pairs.begin(), pairs.end(), [&](const Pair& a, const Pair& b) {
            return std::invoke(comp, a.key, b.key);
        });
        apply_order(
            v, [&pairs](std::size_t i) { return pairs[i].index; }, nullptr);
    } else {
        std::vector<Index> order(n);
        for (std::size_t i = 0; i < n; ++i)
            order[i] = static_cast<Index>(i);
        sort_range<Stable>(order.begin(), order.end(), [&](Index a, Index b) {
            return std::invoke(comp, std::invoke(proj, cv[a]), std::invoke(proj, cv[b]));
        });
        apply_order(
            v, [&order](std::size_t i) { return order[i]; }, nullptr);
    }
}

template <bool Stable, class T, class B, class Comp, class Proj>
void sort_vector(Vector<T, B>& v, Comp& comp, Proj& proj) {
    if constexpr (soa_column_buffer<B>) {
        if constexpr (soa_nothrow_moves<T>) {
            if (v.size() < 2)
                return;
            // 32-bit row indices halve the pairs' memory for the usual sizes.
            if (v.size() <= UINT32_MAX)
                soa_sort_with<Stable, std::uint32_t>(v, comp, proj);
            else
                soa_sort_with<Stable, std::size_t>(v, comp, proj);
            return;
        }
    }
    if constexpr (Stable)
        std::ranges::stable_sort(v, std::ref(comp), std::ref(proj));
    else
        std::ranges::sort(v, std::ref(comp), std::ref(proj));
}

template <class V, class Comp, class Proj>
concept sortable_by = requires(Comp& comp, Proj& proj, typename V::const_reference row) {
    std::invoke(proj, row);
    {
        std::invoke(comp, std::invoke(proj, row), std::invoke(proj, row))
        } -> std::convertible_to<bool>;
};

} // namespace detail

// A projection by member: buffers::field<&T::m>(x) is x.m for a T object and the reference to
// field m for a row proxy of T (const for const rows).
template <auto M>
requires std::is_member_object_pointer_v<decltype(M)>
struct field_projection {
    using class_type = typename detail::member_pointer_traits<decltype(M)>::class_type;
    static constexpr std::size_t index = detail::member_index<M>();
    static_assert(index < soa_field_count_v<class_type>,
                  "buffers::field<&T::m>: m is not a field of T (Boost.PFR sees T's fields)");

    template <bool C>
    constexpr soa_member_t<soa_field_t<index, class_type>, C>
    operator()(const SoaRow<class_type, C>& row) const noexcept {
        return get<index>(row);
    }
    template <class U>
    requires std::same_as<std::remove_cvref_t<U>, class_type>
    constexpr decltype(auto) operator()(U&& value) const noexcept {
        return (std::forward<U>(value).*M);
    }
};
template <auto M>
inline constexpr field_projection<M> field{};

namespace detail {

// A member pointer known only at run time, as a projection: the field's index is found once.
template <class T, class F>
class member_projection {
    static_assert(!soa_flatten<F>, "buffers::sort by a member pointer to a flattened field: "
                                   "sort by one of its leaves, or by buffers::field<&T::m>");

public:
    explicit member_projection(F T::*member) : member_(member), index_(find(member)) {}

    template <bool C>
    const F& operator()(const SoaRow<T, C>& row) const noexcept {
        const F* result = nullptr;
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            ((void)(I == index_ ? (void)(result = pick<I>(row)) : void()), ...);
        }
        (std::make_index_sequence<soa_field_count_v<T>>());
        return *result;
    }
    const F& operator()(const T& value) const noexcept { return value.*member_; }

private:
    template <std::size_t I, bool C>
    static const F* pick(const SoaRow<T, C>& row) noexcept {
        if constexpr (std::is_same_v<soa_field_t<I, T>, F>)
            return &get<I>(row);
        else
            return nullptr;
    }
    // Generated types list their member pointers; for others one value-initialised T shows
    // which field the pointer names (by address, as Boost.PFR orders the fields).
    static std::size_t find(F T::*member) {
        std::size_t found = soa_field_count_v<T>;
        if constexpr (SoaNamed<T>) {
            [&]<std::size_t... I>(std::index_sequence<I...>) {
                ((void)([&] {
                     if constexpr (std::is_same_v<std::remove_cvref_t<decltype(std::get<I>(
                                                      soa_generated<T>::member_pointers))>,
                                                  F T::*>)
                         if (std::get<I>(soa_generated<T>::member_pointers) == member)
                             found = I;
                 }()),
                 ...);
            }
            (std::make_index_sequence<soa_field_count_v<T>>());
        } else {
            static_assert(std::is_default_constructible_v<T>,
                          "buffers::sort by member pointer: T is not default-constructible, so the "
                          "field cannot be found at run time; use buffers::field<&T::m> instead");
            const T probe{};
            [&]<std::size_t... I>(std::index_sequence<I...>) {
                ((void)(static_cast<const void*>(&boost::pfr::get<I>(probe)) ==
                                static_cast<const void*>(&(probe.*member))
                            ? (void)(found = I)
                            : void()),
                 ...);
            }
            (std::make_index_sequence<soa_field_count_v<T>>());
        }
        BUFFERS_ASSERT(found < soa_field_count_v<T>, "buffers::sort",
                       "the member pointer names a field");
        return found;
    }

    F T::*member_;
    std::size_t index_;
};

} // namespace detail

// Sorts v by comp applied to proj(row); not stable. See the top of this header.
template <class T, class B, class Comp = std::ranges::less, class Proj = std::identity>
requires detail::sortable_by<Vector<T, B>, Comp, Proj>
void sort(Vector<T, B>& v, Comp comp = {}, Proj proj = {}) {
    detail::sort_vector<false>(v, comp, proj);
}
// By a member pointer: buffers::sort(v, std::less{}, &Particle::life).
template <class T, class B, class Comp, class F>
requires detail::soa_column_buffer<B> && std::predicate<Comp&, const F&, const F&>
void sort(Vector<T, B>& v, Comp comp, F T::*member) {
    detail::member_projection<T, F> proj(member);
    detail::sort_vector<false>(v, comp, proj);
}

// Like sort, but rows with equal keys keep their order.
template <class T, class B, class Comp = std::ranges::less, class Proj = std::identity>
requires detail::sortable_by<Vector<T, B>, Comp, Proj>
void stable_sort(Vector<T, B>& v, Comp comp = {}, Proj proj = {}) {
    detail::sort_vector<true>(v, comp, proj);
}
template <class T, class B, class Comp, class F>
requires detail::soa_column_buffer<B> && std::predicate<Comp&, const F&, const F&>
void stable_sort(Vector<T, B>& v, Comp comp, F T::*member) {
    detail::member_projection<T, F> proj(member);
    detail::sort_vector<true>(v, comp, proj);
}

} // namespace buffers
