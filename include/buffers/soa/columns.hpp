#pragma once

// Columns of a struct-of-arrays vector as spans:
//
//     std::span<float> xs = buffers::column<0>(v);          // by index
//     std::span<float> ys = buffers::column<&Particle::y>(v); // by member pointer
//     auto cols = buffers::columns(v);   // generated types: cols.x, cols.y; others: a tuple
//
// A span over a column is a plain array: loops over it vectorise like loops over float*.

#include "../detail/traits.hpp"
#include "row.hpp"
#include "schema.hpp"

#include "../collections/vector.hpp"

#include <boost/pfr/core.hpp>

#include <cstddef>
#include <span>
#include <tuple>
#include <type_traits>
#include <utility>

namespace buffers {
namespace detail {

// Never defined: only the addresses of its fields are compared, at compile time. clang warns
// (-Wundefined-var-template) wherever a never-defined variable template is named; here that is
// the point, so the warning is silenced for these declarations only.
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wundefined-var-template"
#endif
template <class T>
extern const T soa_fake_object;

// The field index of a member pointer, found by comparing field addresses in a constant
// expression (Boost.PFR gives the fields in order; the member pointer names one of them).
template <auto M>
consteval std::size_t member_index() {
    using T = typename member_pointer_traits<decltype(M)>::class_type;
    std::size_t result = soa_field_count_v<T>;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        ((static_cast<const void*>(&boost::pfr::get<I>(soa_fake_object<T>)) ==
                  static_cast<const void*>(&(soa_fake_object<T>.*M))
              ? void(result = I)
              : void()),
         ...);
    }
    (std::make_index_sequence<soa_field_count_v<T>>());
    return result;
}
#if defined(__clang__)
#pragma clang diagnostic pop
#endif

// The column (leaf index) that member pointers M0, M1, ... name: M0 a field of T, each next
// one a field of the (flattened) type the previous one names. soa_leaf_count_v<T> when they
// name no column (not fields, or stopping at a flattened field).
template <class T, auto M0, auto... Ms>
consteval std::size_t leaf_index() {
    using C = typename member_pointer_traits<decltype(M0)>::class_type;
    using F = typename member_pointer_traits<decltype(M0)>::field_type;
    constexpr std::size_t none = soa_leaf_count_v<T>;
    if constexpr (!std::is_same_v<C, T>) {
        return none;
    } else {
        constexpr std::size_t i = member_index<M0>();
        if constexpr (i >= soa_field_count_v<T>) {
            return none;
        } else if constexpr (sizeof...(Ms) == 0) {
            return soa_flatten<F> ? none : soa_leaf_begin_v<T, i>;
        } else if constexpr (!soa_flatten<F>) {
            return none;
        } else {
            constexpr std::size_t j = leaf_index<F, Ms...>();
            return j >= soa_leaf_count_v<F> ? none : soa_leaf_begin_v<T, i> + j;
        }
    }
}

template <class B>
concept soa_column_buffer = has_column_data<B>;

// The column that member pointers M, Ms... name (see leaf_index), for the accessors that take
// member pointers; a compile error that says so when they name none.
template <class T, auto M, auto... Ms>
consteval std::size_t named_column() {
    constexpr std::size_t i = leaf_index<T, M, Ms...>();
    static_assert(i < soa_leaf_count_v<T>, "buffers: the member pointers (&T::m, ...) do not "
                                           "name a column of T (a field, or a leaf of a "
                                           "flattened field)");
    return i;
}

// The index of the field that member pointer M (&T::m) designates, for the column accessors
// that take a member pointer.
template <auto M, class T>
consteval std::size_t field_index() {
    constexpr std::size_t i = member_index<M>();
    static_assert(i < soa_field_count_v<T>, "buffers: column of &T::m: m is not a field of T");
    return i;
}

} // namespace detail

namespace detail {
// The column that an accessor's template arguments name: a leaf index I, or member pointers
// (see named_column).
template <auto I, auto... Ms>
concept column_id = (std::integral<decltype(I)> && sizeof...(Ms) == 0) ||
                    std::is_member_object_pointer_v<decltype(I)>;
template <class T, auto I, auto... Ms>
consteval std::size_t column_index() {
    if constexpr (std::is_member_object_pointer_v<decltype(I)>)
        return named_column<T, I, Ms...>();
    else
        return static_cast<std::size_t>(I);
}

// V is a C<T, B> (Vector or Deque) over a buffer with columns.
template <template <class, class> class C, class V>
inline constexpr bool soa_collection_of = false;
template <template <class, class> class C, class T, class B>
inline constexpr bool soa_collection_of<C, C<T, B>> = soa_column_buffer<B>;

// The column of collection c that the template arguments name: const for a const collection
// and for an rvalue (as when it bound to a const reference).
template <auto I, auto... Ms, class C>
constexpr auto* column_pointer(C&& c) noexcept {
    using V = std::remove_cvref_t<C>;
    constexpr std::size_t k = column_index<typename V::value_type, I, Ms...>();
    using F = soa_leaf_t<k, typename V::value_type>;
    constexpr bool read_only =
        detail::is_const_v<std::remove_reference_t<C>> || !detail::is_lvalue_reference_v<C>;
    if constexpr (read_only)
        return static_cast<const F*>(std::as_const(c).buffer().template column_data<k>());
    else
        return static_cast<F*>(c.buffer().template column_data<k>());
}
} // namespace detail

// Column I of an SoA vector (with flattened fields, I counts leaf columns), or the column of
// member M (a pointer to a field of T, e.g. &Particle::x); for a flattened field, the member
// pointers down to a leaf: column<&Body::pos, &Vec3::x>(v).
template <auto I, auto... Ms, class V>
requires detail::soa_collection_of<Vector, std::remove_cvref_t<V>> && detail::column_id<I, Ms...>
auto column(V&& v) noexcept {
    return std::span(detail::column_pointer<I, Ms...>(std::forward<V>(v)), v.size());
}

namespace detail {
template <class V, class Seq = std::make_index_sequence<
                       soa_leaf_count_v<typename std::remove_cvref_t<V>::value_type>>>
struct all_columns;
template <class V, std::size_t... I>
struct all_columns<V, std::index_sequence<I...>> {
    using T = typename std::remove_cvref_t<V>::value_type;
    static constexpr bool is_const = detail::is_const_v<std::remove_reference_t<V>>;
    static auto make(V& v) noexcept {
        if constexpr (SoaNamed<T>)
            return typename soa_generated<T>::template column_fields<is_const>{column<I>(v)...};
        else
            return std::tuple<soa_span_t<soa_leaf_t<I, T>, is_const>...>{column<I>(v)...};
    }
};
} // namespace detail

// Every column: a struct of named spans for generated types (columns(v).x), a std::tuple of
// spans otherwise.
template <class T, class B>
requires detail::soa_column_buffer<B>
auto columns(Vector<T, B>& v) noexcept {
    return detail::all_columns<Vector<T, B>>::make(v);
}
template <class T, class B>
requires detail::soa_column_buffer<B>
auto columns(const Vector<T, B>& v) noexcept {
    return detail::all_columns<const Vector<T, B>>::make(v);
}

} // namespace buffers
