#pragma once

// Sorting struct-of-arrays ranges by a key, and the permutation tools behind it:
//
//     buffers::sort(v, std::less{}, [](const auto& r) { return buffers::get<0>(r); });
//     buffers::sort(v, buffers::by(&Trade::symbol_id, &Trade::ts_ns));   // two keys
//     buffers::stable_sort(v, std::greater{}, &Particle::life);           // a member pointer
//     std::ranges::sort(v, {}, buffers::field<&Particle::life>);    // any std::ranges algorithm
//     auto perm = buffers::argsort(v, std::less{}, buffers::field<&Trade::ts_ns>);
//     buffers::apply_permutation(v, perm);      // row i now holds what row perm[i] held
//     auto some = buffers::gather(v, idx);      // a new SoaVector<T>: rows idx[0], idx[1], ...
//
// Every function takes any random-access range of SoA rows: a Vector or a Deque over an SoA
// buffer, a std::ranges::subrange of their iterators (one block of a sorted table), or any
// other range whose reference is a row proxy. Vectors that are not SoA are sorted with
// std::ranges::sort / std::ranges::stable_sort.
//
// Projections: a member pointer cannot be applied to a row proxy (`row.*m` needs an object of
// class type Particle, and a proxy is not one), so std::ranges algorithms, which call
// detail::invoke(proj, *it), reject `&Particle::life` over SoA containers. buffers::field<&T::m>
// is a projection object that applies to rows (field m's reference into its column) and to
// plain T objects (std::sort holds some rows as T temporaries) alike. buffers::sort and
// stable_sort also take the member pointer itself, and by(&T::a, &T::b, ...) (keys.hpp).
//
// std::ranges::sort works on an SoA vector too, but it moves whole rows through proxies at
// every step, and every such move touches every column. These functions sort (key, row index)
// pairs instead, the key being the projection of a row, and then move each row exactly once:
// column by column, gathered in sorted order into a scratch column and moved back (through the
// row proxies, for ranges that do not expose their columns).
//
// * The projection receives a const row (SoaRow<T, true>), so get<I>(row), get<&T::m>(row) and
//   generated names (row.x) work. Its result is copied once per row when it is small and
//   trivially copyable (a number, an enum, a small struct); any other key (a std::string, the
//   row itself) is not copied: the sort then compares through the projection, by index.
// * Arithmetic keys (integers, float, double) compared with the default std::less /
//   std::ranges::less, or with std::greater / std::ranges::greater, are sorted by an LSD radix
//   sort: a few linear passes instead of N log N comparisons, most of which a branch predictor
//   gets wrong on random keys. -0.0 and +0.0 are one key, as they are for <.
// * So are lexicographic keys: a std::pair or std::tuple of arithmetic values (or references
//   to them, as by(...) gives), and aggregates of arithmetic members ordered memberwise, as a
//   defaulted operator<=> orders them (see radix_aggregate_key for how that is checked; other
//   aggregates are compared with the comparator). A first pass finds the range of each component;
//   when the ranges fit in 64 bits together, the components are packed into one integer key (one
//   radix sort, its passes over bytes that every key shares skipped); otherwise the rows are sorted
//   by one stable radix sort per component, from the last to the first.
// * sort is not stable; stable_sort keeps rows with equal keys in their order. argsort is
//   stable.
// * Exceptions: if the comparator or the projection throws, or memory runs out, the range is
//   unchanged. Rows are only moved once the order is known, and only when every field moves
//   without throwing; a T with a field whose move may throw is sorted by std::ranges::sort
//   through the row proxies instead (basic guarantee).
// * Cost: O(N log N) key comparisons (radix: O(N) per key byte), N (key, index) pairs (radix:
//   twice), one column of scratch.

#include "../detail/traits.hpp"
#include "columns.hpp"
#include "keys.hpp"
#include "soa_buffer.hpp"
#include "soa_deque.hpp"
#include "soa_vector.hpp"

#include "../collections/deque.hpp"
#include "../collections/vector.hpp"
#include "../core/relocate.hpp"
#include "../detail/index_iterator.hpp"
#include "../detail/std_support.hpp"

#include <boost/mp11/algorithm.hpp>
#include <boost/pfr/core.hpp>
#include <boost/pfr/tuple_size.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace buffers {
namespace detail {

// Keys cheap enough to copy into the pairs.
template <class K>
inline constexpr bool sort_key_by_value = detail::is_trivially_copyable_v<K>&& std::movable<K> &&
                                          sizeof(K) <= 16 && !is_soa_row<K>;

template <class T>
inline constexpr bool soa_nothrow_moves = [] {
    bool all = true;
    boost::mp11::mp_for_each<typename soa_info<T>::indices>([&](auto k) {
        using F = typename soa_info<T>::template field<k>;
        all = all && detail::is_nothrow_move_constructible_v<F> &&
              detail::is_nothrow_move_assignable_v<F> && detail::is_nothrow_destructible_v<F>;
    });
    return all;
}();

// An owned, aligned block of bytes (std::unique_ptr would need <memory>, which libstdc++ makes
// cost far more than this).
class aligned_block {
public:
    aligned_block() noexcept = default;
    aligned_block(std::byte* p, std::align_val_t align) noexcept : p_(p), align_(align) {}
    aligned_block(aligned_block&& other) noexcept
        : p_(detail::exchange(other.p_, nullptr)), align_(other.align_) {}
    aligned_block& operator=(aligned_block&& other) noexcept {
        aligned_block taken(std::move(other));
        swap(taken);
        return *this;
    }
    ~aligned_block() {
        if (p_ != nullptr)
            ::operator delete(p_, align_);
    }
    std::byte* get() const noexcept { return p_; }
    void swap(aligned_block& other) noexcept {
        std::swap(p_, other.p_);
        std::swap(align_, other.align_);
    }

private:
    std::byte* p_ = nullptr;
    std::align_val_t align_{};
};

inline aligned_block allocate_block(std::size_t bytes, std::size_t align) {
    return aligned_block(static_cast<std::byte*>(::operator new (bytes, std::align_val_t{align})),
                         std::align_val_t{align});
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

// --- access to the rows and columns of an SoA range ----------------------------------------

// Field k of rows off, off + 1, ... of a deque's column (the column wraps around the slots).
template <class F>
struct offset_halves {
    ColumnHalves<F> halves;
    std::size_t offset;
    F& operator[](std::size_t i) const noexcept { return halves[offset + i]; }
};

// A range that exposes only its row proxies.
struct no_columns {};

// n rows from first; cols(k) is column k as something indexable from the first row (a pointer
// or offset_halves), or no_columns.
template <class T, class It, class Cols>
struct soa_access {
    using value_type = T;
    It first;
    std::size_t n;
    Cols cols;
    static constexpr bool has_columns = !std::is_same_v<Cols, no_columns>;

    std::size_t size() const noexcept { return n; }
    SoaRow<T, true> row(std::size_t i) const {
        return SoaRow<T, true>(*(first + static_cast<std::ptrdiff_t>(i)));
    }
    It at(std::size_t i) const noexcept { return first + static_cast<std::ptrdiff_t>(i); }
};
template <class T, class It, class Cols>
soa_access<T, It, Cols> make_soa_access(It first, std::size_t n, Cols cols) {
    return {first, n, cols};
}

template <class R>
struct soa_rows_of {
    using type = void;
};
template <class R>
requires is_soa_row<std::ranges::range_reference_t<R>>
struct soa_rows_of<R> {
    using type = std::ranges::range_value_t<R>;
};

template <class B>
struct is_deque : std::false_type {};
template <class T, class B>
struct is_deque<Deque<T, B>> : std::true_type {};

// A Vector or Deque over an SoA buffer, iterated from its begin().
template <class R, class It>
concept whole_soa_collection = requires(R& r) {
    r.buffer().template column_data<0>();
    typename std::remove_cvref_t<R>::iterator;
}
&&std::is_same_v<It, typename std::remove_cvref_t<R>::iterator>;

// The access object of a range, by what it is.
template <class R>
auto soa_access_of(R& r) {
    using T = typename soa_rows_of<R>::type;
    const std::size_t n = static_cast<std::size_t>(std::ranges::size(r));
    auto first = std::ranges::begin(r);
    using It = decltype(first);
    if constexpr (whole_soa_collection<R, It>) {
        if constexpr (is_deque<std::remove_cvref_t<R>>::value) {
            return make_soa_access<T>(
                first, n, [&r]<std::size_t k>(std::integral_constant<std::size_t, k>) {
                    return offset_halves<soa_leaf_t<k, T>>{column_halves<k>(r), 0};
                });
        } else {
            return make_soa_access<T>(first, n,
                                      [&r]<std::size_t k>(std::integral_constant<std::size_t, k>) {
                                          return r.buffer().template column_data<k>();
                                      });
        }
    } else if constexpr (requires {
                             first.buffer();
                             first.index();
                         }) {
        using Owner = std::remove_cvref_t<decltype(*first.buffer())>;
        auto* owner = const_cast<Owner*>(first.buffer()); // a non-const iterator's own buffer
        const auto off = static_cast<std::size_t>(first.index());
        if constexpr (is_deque<Owner>::value) {
            if constexpr (requires { owner->buffer().template column_data<0>(); })
                return make_soa_access<T>(
                    first, n, [owner, off]<std::size_t k>(std::integral_constant<std::size_t, k>) {
                        return offset_halves<soa_leaf_t<k, T>>{column_halves<k>(*owner), off};
                    });
            else
                return make_soa_access<T>(first, n, no_columns{});
        } else if constexpr (requires { owner->template column_data<0>(); }) {
            return make_soa_access<T>(
                first, n, [owner, off]<std::size_t k>(std::integral_constant<std::size_t, k>) {
                    return owner->template column_data<k>() + off;
                });
        } else {
            return make_soa_access<T>(first, n, no_columns{});
        }
    } else {
        return make_soa_access<T>(first, n, no_columns{});
    }
}

// A random-access range of SoA rows (const rows too).
template <class R>
concept soa_readable_range = std::ranges::random_access_range<R> && std::ranges::sized_range<R> &&
    is_soa_row<std::ranges::range_reference_t<R>>;

// A random-access range of mutable SoA rows.
template <class R>
concept soa_range = std::ranges::random_access_range<R> && std::ranges::sized_range<R> &&
    is_soa_row<std::ranges::range_reference_t<R>> &&
    !detail::is_const_v<std::remove_reference_t<R>>;

inline void prefetch(const void* p) noexcept {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(p);
#else
    (void)p;
#endif
}

// Moves every row to its place: afterwards row i holds what row source(i) held.
// Precondition: source is a permutation of [0, n). scratch, when not null, has room for n
// values of the widest field, suitably aligned; otherwise one is allocated here (the only
// thing that may throw: every field moves without throwing, see soa_nothrow_moves).
template <class Acc, class Source>
void apply_order(const Acc& acc, Source source, std::byte* scratch) {
    using T = typename Acc::value_type;
    using info = soa_info<T>;
    const std::size_t n = acc.size();
    if constexpr (Acc::has_columns && soa_nothrow_moves<T>) {
        aligned_block owned;
        if (scratch == nullptr) {
            owned = allocate_block(soa_sort_info<T>::widest * n, soa_sort_info<T>::align);
            scratch = owned.get();
        }
        boost::mp11::mp_for_each<typename info::indices>([&](auto k) {
            using F = typename info::template field<k>;
            auto col = acc.cols(std::integral_constant<std::size_t, k>{});
            F* tmp = reinterpret_cast<F*>(scratch);
            if constexpr (detail::is_trivially_copyable_v<F> &&
                          detail::is_pointer_v<decltype(col)>) {
                // The reads are random: asking for the row a few steps ahead overlaps the
                // cache and TLB misses instead of waiting for each in turn.
                constexpr std::size_t ahead = 16;
                const std::size_t prefetched = n > ahead ? n - ahead : 0;
                for (std::size_t i = 0; i < prefetched; ++i) {
                    prefetch(col + source(i + ahead));
                    std::memcpy(static_cast<void*>(tmp + i),
                                static_cast<const void*>(col + source(i)), sizeof(F));
                }
                for (std::size_t i = prefetched; i < n; ++i)
                    std::memcpy(static_cast<void*>(tmp + i),
                                static_cast<const void*>(col + source(i)), sizeof(F));
                std::memcpy(static_cast<void*>(col), static_cast<const void*>(tmp), n * sizeof(F));
            } else {
                for (std::size_t i = 0; i < n; ++i)
                    detail::construct_at(tmp + i, std::move(col[source(i)]));
                for (std::size_t i = 0; i < n; ++i)
                    col[i] = std::move(tmp[i]);
                detail::destroy_n(tmp, n);
            }
        });
    } else {
        // Through the row proxies: each row moved out once, then moved back in order.
        std::vector<T> held;
        held.reserve(n);
        for (std::size_t i = 0; i < n; ++i)
            held.push_back(std::ranges::iter_move(acc.at(static_cast<std::size_t>(source(i)))));
        for (std::size_t i = 0; i < n; ++i)
            *acc.at(i) = std::move(held[i]);
    }
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

// Lexicographic keys of arithmetic values: std::pair and std::tuple (of values or references).
template <class K>
struct radix_tuple_key : std::false_type {};
template <class... K>
struct radix_tuple_key<std::tuple<K...>>
    : std::bool_constant<(sizeof...(K) > 0) && (radix_key<std::remove_cvref_t<K>> && ...)> {};
template <class A, class B>
struct radix_tuple_key<std::pair<A, B>>
    : std::bool_constant<radix_key<std::remove_cvref_t<A>> && radix_key<std::remove_cvref_t<B>>> {};

// Aggregates of arithmetic members (Boost.PFR) ordered memberwise, as a defaulted operator<=>
// orders them: struct Key { std::uint32_t sym; std::int64_t ts; auto operator<=>(const Key&)
// const = default; }. C++20 cannot ask whether an operator is defaulted, so the order is
// checked at compile time instead: `<` must be usable in constant expressions (a defaulted
// <=> is; a hand-written one that is not constexpr fails here) and, for each member j, put a
// key whose member j is 1 and the later ones 0 after one whose member j is 0 and the later ones
// 1, and no key before itself. An order that ignores a member, reverses one, or ranks a later
// one first fails one of these probes; such keys are compared with the comparator instead.
template <class K, std::size_t I>
using radix_member_t = boost::pfr::tuple_element_t<I, K>;

template <class K, std::size_t... I>
constexpr K memberwise_probe(std::size_t j, bool at_j, bool later,
                             std::index_sequence<I...>) noexcept {
    return K{static_cast<radix_member_t<K, I>>(I == j ? at_j : (I > j && later))...};
}
template <class K>
constexpr bool memberwise_order() noexcept {
    constexpr auto seq = std::make_index_sequence<boost::pfr::tuple_size_v<K>>();
    const K zero = memberwise_probe<K>(0, false, false, seq);
    if (zero < zero)
        return false;
    for (std::size_t j = 0; j < boost::pfr::tuple_size_v<K>; ++j) {
        const K low = memberwise_probe<K>(j, false, true, seq);
        const K high = memberwise_probe<K>(j, true, false, seq);
        if (!(low < high) || high < low)
            return false;
    }
    return true;
}
template <class K, std::size_t... I>
constexpr bool radix_members(std::index_sequence<I...>) noexcept {
    return (radix_key<radix_member_t<K, I>> && ...);
}
template <class K>
concept radix_aggregate_key =
    detail::is_class_v<K> && detail::is_aggregate_v<K> && !detail::is_union_v<K> &&
    detail::is_trivially_copyable_v<K> && (boost::pfr::tuple_size_v<K> > 0) &&
    radix_members<K>(std::make_index_sequence<boost::pfr::tuple_size_v<K>>()) &&
    requires(const K& k) {
    { k < k } -> std::convertible_to<bool>;
    typename std::bool_constant<memberwise_order<K>()>;
}
&&memberwise_order<K>();

// Lexicographic keys of any of these kinds: the number of components and component j.
template <class K>
struct radix_components;
template <class K>
requires radix_tuple_key<K>::value struct radix_components<K> {
    static constexpr std::size_t size = std::tuple_size_v<K>;
    template <std::size_t J>
    static decltype(auto) get(const K& k) noexcept {
        return std::get<J>(k);
    }
};
template <radix_aggregate_key K>
struct radix_components<K> {
    static constexpr std::size_t size = boost::pfr::tuple_size_v<K>;
    template <std::size_t J>
    static decltype(auto) get(const K& k) noexcept {
        return boost::pfr::get<J>(k);
    }
};
template <class K>
inline constexpr bool radix_lexicographic_key = radix_tuple_key<K>::value || radix_aggregate_key<K>;

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

// LSD radix sort by key, Bits bits per pass (stable). Sorts [a, a + n) using b as the other
// buffer; returns whichever of the two holds the result. Skips the passes over digits that all
// keys share.
template <std::size_t Bits, class U, class Index>
radix_item<U, Index>* radix_sort_digits(radix_item<U, Index>* a, radix_item<U, Index>* b,
                                        std::size_t n) {
    constexpr std::size_t radix = std::size_t{1} << Bits;
    constexpr std::size_t digits = (sizeof(U) * 8 + Bits - 1) / Bits;
    constexpr U mask = static_cast<U>(radix - 1);
    std::vector<std::size_t> counts(digits * radix);
    for (std::size_t i = 0; i < n; ++i) {
        const U k = a[i].key;
        for (std::size_t d = 0; d < digits; ++d)
            ++counts[d * radix + static_cast<std::size_t>((k >> (Bits * d)) & mask)];
    }
    for (std::size_t d = 0; d < digits; ++d) {
        std::size_t* c = counts.data() + d * radix;
        if (c[static_cast<std::size_t>((a[0].key >> (Bits * d)) & mask)] == n)
            continue; // every key has this digit: the pass would not move anything
        std::size_t sum = 0;
        for (std::size_t j = 0; j < radix; ++j)
            sum += detail::exchange(c[j], sum);
        for (std::size_t i = 0; i < n; ++i)
            b[c[static_cast<std::size_t>((a[i].key >> (Bits * d)) & mask)]++] = a[i];
        std::swap(a, b);
    }
    return a;
}

// Stable insertion sort by key, for the small buckets of radix_sort.
template <class U, class Index>
void insertion_sort_items(radix_item<U, Index>* a, std::size_t n) noexcept {
    for (std::size_t i = 1; i < n; ++i) {
        const radix_item<U, Index> x = a[i];
        std::size_t j = i;
        for (; j > 0 && x.key < a[j - 1].key; --j)
            a[j] = a[j - 1];
        a[j] = x;
    }
}

// Stable MSD radix sort of the items of [a, a + n), whose keys differ only in their low
// `bits` bits, by bytes from the top, tmp as scratch; the small buckets by insertion.
template <class U, class Index>
void msd_sort_items(radix_item<U, Index>* a, radix_item<U, Index>* tmp, std::size_t n,
                    int bits) noexcept {
    if (n <= 32 || bits <= 0) {
        insertion_sort_items(a, n);
        return;
    }
    const int shift = bits > 8 ? bits - 8 : 0;
    auto digit = [shift](U k) { return static_cast<std::size_t>(k >> shift) & 255; };
    std::array<std::size_t, 257> start{};
    for (std::size_t i = 0; i < n; ++i)
        ++start[digit(a[i].key) + 1];
    for (std::size_t j = 0; j < 256; ++j)
        start[j + 1] += start[j];
    std::array<std::size_t, 256> next;
    std::copy(start.begin(), start.end() - 1, next.begin());
    for (std::size_t i = 0; i < n; ++i)
        tmp[next[digit(a[i].key)]++] = a[i];
    std::memcpy(static_cast<void*>(a), static_cast<const void*>(tmp),
                n * sizeof(radix_item<U, Index>));
    if (shift == 0)
        return;
    for (std::size_t j = 0; j < 256; ++j)
        msd_sort_items(a + start[j], tmp + start[j], start[j + 1] - start[j], shift);
}

// Stable radix sort of [a, a + n) with b as the other buffer; returns the buffer that holds the
// result. Small inputs: LSD by bytes. Large ones: one MSD pass on the top 11 varying bits
// scatters the items into 2048 buckets, each then small enough to be sorted by LSD passes
// inside the cache; only the first pass pays the cache and TLB misses of a scatter over the
// whole input, where a plain LSD sort pays them on every pass.
template <class U, class Index>
radix_item<U, Index>* radix_sort(radix_item<U, Index>* a, radix_item<U, Index>* b, std::size_t n) {
    if constexpr (sizeof(U) < 4) {
        return radix_sort_digits<8>(a, b, n);
    } else {
        if (n < (std::size_t{1} << 16))
            return radix_sort_digits<8>(a, b, n);
        U diff = 0;
        for (std::size_t i = 0; i < n; ++i)
            diff |= static_cast<U>(a[i].key ^ a[0].key);
        const int top = static_cast<int>(std::bit_width(diff));
        if (top <= 22)
            return radix_sort_digits<11>(a, b, n);
        constexpr std::size_t buckets = 2048;
        const int shift = top - 11;
        auto bucket = [shift](U k) { return static_cast<std::size_t>(k >> shift) & (buckets - 1); };
        std::vector<std::size_t> start(buckets + 1);
        for (std::size_t i = 0; i < n; ++i)
            ++start[bucket(a[i].key) + 1];
        for (std::size_t j = 0; j < buckets; ++j)
            start[j + 1] += start[j];
        std::vector<std::size_t> next(start.begin(), start.end() - 1);
        for (std::size_t i = 0; i < n; ++i)
            b[next[bucket(a[i].key)]++] = a[i];
        for (std::size_t j = 0; j < buckets; ++j) {
            const std::size_t first = start[j];
            const std::size_t m = start[j + 1] - first;
            msd_sort_items(b + first, a + first, m, shift);
        }
        return b;
    }
}

// Two buffers of n radix items, and the half that is free once they are sorted.
template <class U, class Index, class T>
struct radix_buffers {
    using Item = radix_item<U, Index>;
    static constexpr std::size_t align = std::max(alignof(Item), soa_sort_info<T>::align);
    aligned_block block;
    Item* a;
    Item* b;
    std::size_t n_;
    explicit radix_buffers(std::size_t n) : n_(n) {
        const std::size_t half = (n * sizeof(Item) + align - 1) / align * align;
        block = allocate_block(2 * half, align);
        a = reinterpret_cast<Item*>(block.get());
        b = reinterpret_cast<Item*>(block.get() + half);
    }
    // Calls done(source, spare) for the sorted items: source(i) is the row for place i, spare
    // the scratch column apply_order may use (the half that does not hold `sorted`). The
    // indices are first packed to the front of their half: each pass of apply_order then reads
    // sizeof(Index) bytes per row instead of a whole item.
    template <class Done>
    void finish(Item* sorted, Done& done) const {
        auto* order = reinterpret_cast<std::byte*>(sorted);
        for (std::size_t i = 0; i < n_; ++i) {
            const Index x = sorted[i].index;
            std::memcpy(order + i * sizeof(Index), &x, sizeof(Index));
        }
        done(
            [order](std::size_t i) {
                Index x;
                std::memcpy(&x, order + i * sizeof(Index), sizeof(Index));
                return x;
            },
            spare(sorted));
    }
    // The scratch column apply_order may use: the half that does not hold `sorted`.
    std::byte* spare(const Item* sorted) const noexcept {
        if constexpr (soa_sort_info<T>::widest > sizeof(Item))
            return nullptr;
        else
            return reinterpret_cast<std::byte*>(sorted == a ? b : a);
    }
};

template <class P>
inline constexpr bool is_field_key = false;
template <class T, class... F>
inline constexpr bool is_field_key<FieldKey<T, F...>> = true;
template <class P>
inline constexpr bool is_field_projection = false;
// field<&T::m> of a field stored as one column (not flattened): read from that column.
template <class P, class T>
constexpr bool is_plain_field_projection() {
    if constexpr (is_field_projection<P>)
        return !soa_flatten<soa_field_t<P::index, T>>;
    else
        return false;
}

// reader(i) is the key of row i: read straight from the columns for by(...) and field<&T::m>
// over ranges whose columns are arrays, through the const row proxy otherwise.
template <class Acc, class Proj>
auto key_reader(const Acc& acc, Proj& proj) {
    using Result = std::invoke_result_t<Proj&, SoaRow<typename Acc::value_type, true>>;
    if constexpr (Acc::has_columns) {
        if constexpr (detail::is_pointer_v<decltype(acc.cols(
                          std::integral_constant<std::size_t, 0>{}))>) {
            if constexpr (is_field_key<Proj>) {
                return [cols = proj.columns(acc.cols)](std::size_t i) -> Result {
                    return std::apply([i](const auto*... c) { return Result(c[i]...); }, cols);
                };
            } else if constexpr (is_plain_field_projection<Proj, typename Acc::value_type>()) {
                constexpr std::size_t k = soa_leaf_begin_v<typename Acc::value_type, Proj::index>;
                return [col = acc.cols(std::integral_constant<std::size_t, k>{})](
                           std::size_t i) -> Result { return col[i]; };
            } else {
                return [&acc, &proj](std::size_t i) -> Result {
                    return detail::invoke(proj, acc.row(i));
                };
            }
        } else {
            return
                [&acc, &proj](std::size_t i) -> Result { return detail::invoke(proj, acc.row(i)); };
        }
    } else {
        return [&acc, &proj](std::size_t i) -> Result { return detail::invoke(proj, acc.row(i)); };
    }
}

// The radix bits of a key component, complemented for a descending order.
template <int Order, class K>
auto ordered_bits(const K& k) noexcept {
    auto u = radix_bits(static_cast<std::remove_cvref_t<K>>(k));
    if constexpr (Order < 0)
        u = static_cast<decltype(u)>(~u);
    return u;
}

// Calls done(source, spare) with the sorted order of the single arithmetic key.
template <class Index, int Order, class Acc, class Proj, class Done>
void radix_order_single(const Acc& acc, Proj& proj, Done& done) {
    const std::size_t n = acc.size();
    using Key =
        std::remove_cvref_t<std::invoke_result_t<Proj&, SoaRow<typename Acc::value_type, true>>>;
    using U = decltype(radix_bits(std::declval<Key>()));
    radix_buffers<U, Index, typename Acc::value_type> bufs(n);
    const auto key = key_reader(acc, proj);
    for (std::size_t i = 0; i < n; ++i)
        ::new (static_cast<void*>(bufs.a + i))
            radix_item<U, Index>{ordered_bits<Order>(key(i)), static_cast<Index>(i)};
    auto* sorted = radix_sort(bufs.a, bufs.b, n);
    bufs.finish(sorted, done);
}

// Calls done(source, spare) with the sorted order of a lexicographic key (pair, tuple or
// aggregate).
template <class Index, int Order, class Acc, class Proj, class Done>
void radix_order_tuple(const Acc& acc, Proj& proj, Done& done) {
    using T = typename Acc::value_type;
    using Key = std::remove_cvref_t<std::invoke_result_t<Proj&, SoaRow<T, true>>>;
    using parts = radix_components<Key>;
    constexpr std::size_t m = parts::size;
    const std::size_t n = acc.size();
    // Component j of a key as an unsigned 64-bit number in its order.
    auto bits = [](const Key& key, auto j) -> std::uint64_t {
        return static_cast<std::uint64_t>(
            ordered_bits<Order>(parts::template get<decltype(j)::value>(key)));
    };
    std::array<std::uint64_t, m> lo;
    std::array<std::uint64_t, m> hi;
    const auto key_of = key_reader(acc, proj);
    lo.fill(UINT64_MAX);
    hi.fill(0);
    for (std::size_t i = 0; i < n; ++i) {
        const Key key = key_of(i);
        [&]<std::size_t... J>(std::index_sequence<J...>) {
            ((void)(lo[J] = std::min(lo[J], bits(key, std::integral_constant<std::size_t, J>{})),
                    hi[J] = std::max(hi[J], bits(key, std::integral_constant<std::size_t, J>{}))),
             ...);
        }
        (std::make_index_sequence<m>());
    }
    std::array<std::size_t, m> width;
    std::size_t total = 0;
    for (std::size_t j = 0; j < m; ++j)
        total += width[j] = static_cast<std::size_t>(std::bit_width(hi[j] - lo[j]));
    using Item = radix_item<std::uint64_t, Index>;
    radix_buffers<std::uint64_t, Index, T> bufs(n);
    if (total <= 64) {
        // One key: the components' offsets from their minimum, side by side.
        for (std::size_t i = 0; i < n; ++i) {
            const Key key = key_of(i);
            std::uint64_t packed = 0;
            [&]<std::size_t... J>(std::index_sequence<J...>) {
                ((void)(packed = (width[J] == 64 ? 0 : packed << width[J]) |
                                 (bits(key, std::integral_constant<std::size_t, J>{}) - lo[J])),
                 ...);
            }
            (std::make_index_sequence<m>());
            ::new (static_cast<void*>(bufs.a + i)) Item{packed, static_cast<Index>(i)};
        }
        Item* sorted = radix_sort(bufs.a, bufs.b, n);
        bufs.finish(sorted, done);
        return;
    }
    // One stable pass per component, from the last: rows equal in the earlier components stay
    // in the order of the later ones.
    Item* sorted = nullptr;
    auto pass = [&](auto j) {
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t row =
                sorted == nullptr ? i : static_cast<std::size_t>(sorted[i].index);
            const Key key = key_of(row);
            Item* out = sorted == bufs.a ? bufs.b : bufs.a;
            ::new (static_cast<void*>(out + i)) Item{bits(key, j) - lo[j], static_cast<Index>(row)};
        }
        Item* in = sorted == bufs.a ? bufs.b : bufs.a;
        sorted = radix_sort(in, in == bufs.a ? bufs.b : bufs.a, n);
    };
    [&]<std::size_t... J>(std::index_sequence<J...>) {
        (pass(std::integral_constant<std::size_t, m - 1 - J>{}), ...);
    }
    (std::make_index_sequence<m>());
    bufs.finish(sorted, done);
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

// Finds the sorted order of acc's rows and calls done(source, spare): source(i) is the row that
// goes to place i, spare scratch memory for apply_order (or null).
template <bool Stable, class Index, class Acc, class Comp, class Proj, class Done>
void sorted_order(const Acc& acc, Comp& comp, Proj& proj, Done done) {
    using T = typename Acc::value_type;
    const std::size_t n = acc.size();
    using Key = std::remove_cvref_t<std::invoke_result_t<Proj&, SoaRow<T, true>>>;
    if constexpr (radix_key<Key> && radix_order<Comp, Key> != 0) {
        if (n >= radix_min_rows)
            return radix_order_single<Index, radix_order<Comp, Key>>(acc, proj, done);
    } else if constexpr (radix_lexicographic_key<Key> && radix_order<Comp, Key> != 0) {
        if (n >= radix_min_rows)
            return radix_order_tuple<Index, radix_order<Comp, Key>>(acc, proj, done);
    }
    if constexpr (sort_key_by_value<Key>) {
        using Pair = sort_pair<Key, Index>;
        std::vector<Pair> pairs;
        pairs.reserve(n);
        const auto key = key_reader(acc, proj);
        for (std::size_t i = 0; i < n; ++i)
            pairs.push_back(Pair{key(i), static_cast<Index>(i)});
        sort_range<Stable>(pairs.begin(), pairs.end(), [&](const Pair& a, const Pair& b) {
            return detail::invoke(comp, a.key, b.key);
        });
        done([&pairs](std::size_t i) { return pairs[i].index; }, nullptr);
    } else {
        std::vector<Index> order(n);
        for (std::size_t i = 0; i < n; ++i)
            order[i] = static_cast<Index>(i);
        sort_range<Stable>(order.begin(), order.end(), [&](Index a, Index b) {
            return detail::invoke(comp, detail::invoke(proj, acc.row(a)),
                                  detail::invoke(proj, acc.row(b)));
        });
        done([&order](std::size_t i) { return order[i]; }, nullptr);
    }
}

// Calls f with the index type for n rows: 32-bit indices halve the pairs' memory.
template <class F>
void with_index_type(std::size_t n, F&& f) {
    if (n <= UINT32_MAX)
        f(std::type_identity<std::uint32_t>{});
    else
        f(std::type_identity<std::size_t>{});
}

template <bool Stable, class R, class Comp, class Proj>
void sort_rows(R& r, Comp& comp, Proj& proj) {
    if constexpr (soa_range<R>) {
        using T = std::ranges::range_value_t<R>;
        if constexpr (soa_nothrow_moves<T>) {
            const auto acc = soa_access_of(r);
            if (acc.size() < 2)
                return;
            with_index_type(acc.size(), [&]<class Index>(std::type_identity<Index>) {
                sorted_order<Stable, Index>(acc, comp, proj, [&](auto source, std::byte* spare) {
                    apply_order(acc, source, spare);
                });
            });
            return;
        }
    }
    if constexpr (Stable)
        std::ranges::stable_sort(r, std::ref(comp), std::ref(proj));
    else
        std::ranges::sort(r, std::ref(comp), std::ref(proj));
}

template <class R, class Comp, class Proj>
concept sortable_by = std::ranges::random_access_range<R> &&
    requires(Comp& comp, Proj& proj, std::ranges::range_reference_t<R> row) {
    detail::invoke(proj, row);
    {
        detail::invoke(comp, detail::invoke(proj, row), detail::invoke(proj, row))
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
template <auto M>
inline constexpr bool is_field_projection<field_projection<M>> = true;

// sort (Stable = false) and stable_sort: one set of overloads for both.
template <bool Stable>
struct sort_fn {
    template <std::ranges::random_access_range R, class Comp = std::ranges::less,
              class Proj = std::identity>
    requires sortable_by<R, Comp, Proj>
    void operator()(R&& r, Comp comp = {}, Proj proj = {}) const {
        sort_rows<Stable>(r, comp, proj);
    }
    // By a member pointer: buffers::sort(v, std::less{}, &Particle::life).
    template <soa_range R, class Comp, class F, class T>
    requires std::same_as<std::ranges::range_value_t<R>, T> &&
        std::predicate<Comp&, const F&, const F&>
    void operator()(R&& r, Comp comp, F T::*member) const {
        member_projection<T, F> proj(member);
        sort_rows<Stable>(r, comp, proj);
    }
    // By several fields: buffers::sort(v, buffers::by(&Trade::symbol_id, &Trade::ts_ns)).
    template <soa_range R, class T, class... F, class Comp = std::ranges::less>
    void operator()(R&& r, FieldKey<T, F...> key, Comp comp = {}) const {
        sort_rows<Stable>(r, comp, key);
    }
};
} // namespace detail

// Sorts r by comp applied to proj(row); not stable. See the top of this header.
inline constexpr detail::sort_fn<false> sort{};
// Like sort, but rows with equal keys keep their order.
inline constexpr detail::sort_fn<true> stable_sort{};

// The stable sorted order of r's rows: row perm[i] goes to place i. r is not changed.
template <detail::soa_readable_range R, class Comp = std::ranges::less, class Proj = std::identity>
requires detail::sortable_by<R, Comp, Proj> std::vector<std::size_t> argsort(R&& r, Comp comp = {},
                                                                             Proj proj = {}) {
    const auto acc = detail::soa_access_of(r);
    std::vector<std::size_t> perm(acc.size());
    detail::with_index_type(acc.size(), [&]<class Index>(std::type_identity<Index>) {
        detail::sorted_order<true, Index>(acc, comp, proj, [&](auto source, std::byte*) {
            for (std::size_t i = 0; i < perm.size(); ++i)
                perm[i] = static_cast<std::size_t>(source(i));
        });
    });
    return perm;
}
template <detail::soa_readable_range R, class T, class... F, class Comp = std::ranges::less>
std::vector<std::size_t> argsort(R&& r, FieldKey<T, F...> key, Comp comp = {}) {
    return argsort(r, comp, key);
}

// Moves the rows of r so that row i holds what row perm[i] held; perm is a permutation of
// [0, size) (an argsort result). Each row moves once, column by column where r exposes its
// columns.
template <detail::soa_range R, std::ranges::random_access_range P>
requires std::integral<std::ranges::range_value_t<P>>
void apply_permutation(R&& r, const P& perm) {
    const auto acc = detail::soa_access_of(r);
    BUFFERS_ASSERT(static_cast<std::size_t>(std::ranges::size(perm)) == acc.size(),
                   "buffers::apply_permutation", "the permutation has one index per row");
    apply_order(
        acc,
        [&perm](std::size_t i) {
            return static_cast<std::size_t>(
                std::ranges::begin(perm)[static_cast<std::ptrdiff_t>(i)]);
        },
        nullptr);
}

namespace detail {
// The rows idx[0], idx[1], ... of an access object's columns, for insert_columns.
template <class Acc, class I>
struct gathered_columns {
    const Acc* acc;
    const I* indices;
    template <std::size_t K>
    auto column() const noexcept {
        return acc->cols(std::integral_constant<std::size_t, K>{});
    }
    std::size_t at(std::size_t j) const noexcept {
        const auto i =
            static_cast<std::size_t>(std::ranges::begin(*indices)[static_cast<std::ptrdiff_t>(j)]);
        BUFFERS_ASSERT(i < acc->size(), "buffers::gather", "an index is below the range's size");
        return i;
    }
    static constexpr bool aliases(const void*) noexcept { return false; }
};
} // namespace detail

// A new SoaVector<T> with copies of the rows indices[0], indices[1], ... of r (repeats
// allowed). Ranges that expose their columns (vectors, deques and their subranges) are copied
// a column at a time, each field copy-constructed once in place; others row by row through the
// proxies. If a copy throws, nothing leaks and r is unchanged.
template <std::ranges::random_access_range R, std::ranges::input_range I>
requires detail::is_soa_row<std::ranges::range_reference_t<R>> &&
    std::integral<std::ranges::range_value_t<I>>
        SoaVector<std::ranges::range_value_t<R>> gather(R&& r, const I& indices) {
    using T = std::ranges::range_value_t<R>;
    SoaVector<T> out;
    if constexpr (std::ranges::random_access_range<const I> && std::ranges::sized_range<const I> &&
                  detail::soa_readable_range<R> && detail::is_copy_constructible_v<T>) {
        const auto acc = detail::soa_access_of(r);
        using Acc = std::remove_cvref_t<decltype(acc)>;
        if constexpr (Acc::has_columns) {
            const detail::gathered_columns<Acc, I> src{&acc, &indices};
            detail::insert_columns(out, 0, static_cast<std::size_t>(std::ranges::size(indices)),
                                   [&src] { return src; });
            return out;
        }
    }
    if constexpr (std::ranges::sized_range<I>)
        out.reserve(static_cast<std::size_t>(std::ranges::size(indices)));
    auto first = std::ranges::begin(r);
    for (auto i : indices)
        out.push_back(static_cast<T>(first[static_cast<std::ptrdiff_t>(i)]));
    return out;
}

} // namespace buffers
