#pragma once

// Nested aggregates flattened into leaf columns.
//
//     struct Vec3 { float x, y, z; };
//     template <> inline constexpr bool buffers::soa_flatten<Vec3> = true;
//     struct Body { Vec3 pos; int id; };
//
// An SoA collection of Body then stores four columns: pos.x, pos.y, pos.z, id (recursively:
// a flattened struct's own flattened fields split too). The columns of T are its *leaves*,
// each named by a path of field indices (an Mp11 list of mp_size_t), computed once per T.
// Rows keep T's top-level fields: get<0>(v[i]) is a row proxy of Vec3 over three columns.

#include "schema.hpp"

#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/integral.hpp>
#include <boost/mp11/list.hpp>

#include <cstddef>
#include <type_traits>
#include <utility>

namespace buffers {

// Specialise to true for a struct V: every field of type V in an SoA struct is then stored as
// one column per (leaf) field of V. For generated types, BUFFERS_SOA_FLATTEN does this.
template <class V>
inline constexpr bool soa_flatten = false;

template <class T, bool Const>
class SoaRow;

// What a row proxy holds for a field of type F: a reference into F's column, or for a
// flattened F, a row proxy of F over its leaf columns.
template <class F, bool Const>
using soa_member_t = std::conditional_t<soa_flatten<F>, SoaRow<F, Const>, soa_ref_t<F, Const>>;

namespace detail {
template <class F, bool Const, bool = soa_flatten<F>>
struct soa_column_member {
    using type = soa_span_t<F, Const>;
};
template <class F, bool Const>
struct soa_column_member<F, Const, true> {
    static_assert(SoaNamed<F>, "buffers: columns(v).name of a flattened field needs the generated "
                               "names of its type: annotate it BUFFERS_SOA_FLATTEN (or reach its "
                               "columns with column<&T::m, &F::leaf>(v))");
    using type = typename soa_generated<F>::template column_fields<Const>;
};
} // namespace detail

// What the generated column view holds for a field of type F: its column, or for a flattened
// F, F's generated column view (columns(v).pos.x).
template <class F, bool Const>
using soa_column_member_t = typename detail::soa_column_member<F, Const>::type;

namespace detail {

template <class F, bool = soa_flatten<F>>
struct soa_leaf_count : std::integral_constant<std::size_t, 1> {};

template <class F, class Seq = std::make_index_sequence<soa_field_count_v<F>>>
struct soa_leaf_sum;
template <class F, std::size_t... I>
struct soa_leaf_sum<F, std::index_sequence<I...>>
    : std::integral_constant<std::size_t,
                             (std::size_t{0} + ... + soa_leaf_count<soa_field_t<I, F>>::value)> {};

template <class F>
struct soa_leaf_count<F, true> : soa_leaf_sum<F> {};

// The leaf paths of a field of type F reached by Prefix.
template <class F, class Prefix, bool = soa_flatten<F>>
struct soa_leaf_paths_of {
    using type = boost::mp11::mp_list<Prefix>;
};
template <class F, class Prefix>
struct soa_leaf_paths_of<F, Prefix, true> {
    template <class J>
    using child = typename soa_leaf_paths_of<soa_field_t<J::value, F>,
                                             boost::mp11::mp_push_back<Prefix, J>>::type;
    using type = boost::mp11::mp_apply<
        boost::mp11::mp_append,
        boost::mp11::mp_transform<child, boost::mp11::mp_iota_c<soa_field_count_v<F>>>>;
};

// The type at the end of a path.
template <class T, class Path>
struct soa_path_type {
    using type = T;
};
template <class T, class I, class... Rest>
struct soa_path_type<T, boost::mp11::mp_list<I, Rest...>>
    : soa_path_type<soa_field_t<I::value, T>, boost::mp11::mp_list<Rest...>> {};

} // namespace detail

namespace detail {
template <class T>
struct soa_top_paths {
    template <class I>
    using paths_of =
        typename soa_leaf_paths_of<soa_field_t<I::value, T>, boost::mp11::mp_list<I>>::type;
    using type = boost::mp11::mp_apply<
        boost::mp11::mp_append,
        boost::mp11::mp_transform<paths_of, boost::mp11::mp_iota_c<soa_field_count_v<T>>>>;
};
} // namespace detail

// The leaf paths of T, in column order: mp_list<mp_list<mp_size_t<I>, mp_size_t<J>...>...>.
template <class T>
using soa_leaf_paths_t = typename detail::soa_top_paths<T>::type;

namespace detail {
template <class T>
struct soa_leaf_types {
    template <class Path>
    using type_at = typename soa_path_type<T, Path>::type;
    using type = boost::mp11::mp_transform<type_at, soa_leaf_paths_t<T>>;
};
// T reflected once (soa_fields_t), and its leaf list derived from that once: a T with no
// flattened field has its field list as its column list, with no paths computed at all.
template <class F>
using soa_is_flattened = std::bool_constant<soa_flatten<F>>;
template <class T, bool = boost::mp11::mp_any_of<soa_fields_t<T>, soa_is_flattened>::value>
struct soa_leaf_list {
    using type = soa_fields_t<T>;
};
template <class T>
struct soa_leaf_list<T, true> {
    using type = typename soa_leaf_types<T>::type;
};
} // namespace detail

// The column types of T, in order: an Mp11 list, computed once per T.
template <class T>
using soa_leaves_t = typename detail::soa_leaf_list<T>::type;

// Columns of T: one per leaf (fields of flattened types split, recursively).
template <class T>
inline constexpr std::size_t soa_leaf_count_v = boost::mp11::mp_size<soa_leaves_t<T>>::value;

// True when no field of T is flattened: its columns are its fields.
template <class T>
inline constexpr bool soa_is_flat_v =
    !boost::mp11::mp_any_of<soa_fields_t<T>, detail::soa_is_flattened>::value;

// The type of column K of T.
template <std::size_t K, class T>
using soa_leaf_t = boost::mp11::mp_at_c<soa_leaves_t<T>, K>;

// The first column of top-level field I of T.
template <class T, std::size_t I>
inline constexpr std::size_t soa_leaf_begin_v = [] {
    std::size_t n = 0;
    [&]<std::size_t... J>(std::index_sequence<J...>) {
        ((n += detail::soa_leaf_count<soa_field_t<J, T>>::value), ...);
    }
    (std::make_index_sequence<I>());
    return n;
}();

} // namespace buffers
