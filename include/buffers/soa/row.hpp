#pragma once

// SoaRow<T, Const>: a reference to one row of a struct-of-arrays collection, one reference per
// field. It behaves like a T& where that matters to code and to the standard algorithms:
//
//     T t = v[i];             copy the row out          v[i] = t;            write the row
//     get<1>(v[i]) = 2.0;     write one field           auto [a, b] = v[i];  bind to the columns
//     v[i].x                  a field by name (for generated types, see schema.hpp)
//
// Assignment is const-qualified and writes through (the proxy is never reseated), which is
// what std::indirectly_writable asks of proxy references. Swapping two rows swaps their fields.

#include "../detail/traits.hpp"
#include "flatten.hpp"
#include "schema.hpp"

#include "../core/relocate.hpp"

#include <boost/pfr/core.hpp>

#include <concepts>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

namespace buffers {

template <class T, bool Const>
class SoaRow;

namespace detail {

template <class R>
inline constexpr bool is_soa_row = false;
template <class T, bool C>
inline constexpr bool is_soa_row<SoaRow<T, C>> = true;

// Row storage for types without generated names: a tuple of references.
template <class T, bool Const, class Seq = std::make_index_sequence<soa_field_count_v<T>>>
struct pfr_row_fields;
template <class T, bool Const, std::size_t... I>
struct pfr_row_fields<T, Const, std::index_sequence<I...>> : soa_row_state<T> {
    std::tuple<soa_member_t<soa_field_t<I, T>, Const>...> fields_;
};

template <class T, bool Const>
struct soa_row_base {
    using type = pfr_row_fields<T, Const>;
};
template <SoaNamed T, bool Const>
struct soa_row_base<T, Const> {
    using type = typename soa_generated<T>::template row_fields<Const>;
};
template <class T, bool Const>
using soa_row_base_t = typename soa_row_base<T, Const>::type;

// Field I of a row base (generated names or the tuple).
template <std::size_t I, class T, bool Const>
constexpr soa_member_t<soa_field_t<I, T>, Const>
row_field(const soa_row_base_t<T, Const>& r) noexcept {
    if constexpr (SoaNamed<T>)
        return soa_generated<T>::template get<I>(r);
    else
        return std::get<I>(r.fields_);
}

struct soa_row_tag {
    explicit soa_row_tag() = default;
};
struct soa_row_owning_tag {
    explicit soa_row_owning_tag() = default;
};

struct soa_row_members_tag {
    explicit soa_row_members_tag() = default;
};
struct soa_row_leaves_tag {
    explicit soa_row_leaves_tag() = default;
};

// How a row proxy's base receives a field: references as they are, nested rows (flattened
// fields) as const lvalues, so that they are copied (refer to the same columns) and never
// moved (moving a row proxy moves its value out of the columns).
template <class X>
constexpr decltype(auto) as_member(X&& x) noexcept {
    if constexpr (is_soa_row<std::remove_cvref_t<X>>)
        return static_cast<const std::remove_cvref_t<X>&>(x);
    else
        return static_cast<X&&>(x);
}

// A field's value moved out of a row: a nested row gives its value (moved out of its columns).
template <class X>
constexpr decltype(auto) take_member(X&& x) {
    if constexpr (is_soa_row<std::remove_cvref_t<X>>)
        return buffers_rvalue(x);
    else
        return std::move(x);
}

// Member I of a row of T built from the references to all of T's leaves (in a tuple): the
// reference itself, or for a flattened field, a row of that field over its leaves.
template <class T, bool Const, std::size_t I, class Leaves, std::size_t... J>
constexpr SoaRow<soa_field_t<I, T>, Const> nested_from_leaves(const Leaves& leaves,
                                                              std::index_sequence<J...>) noexcept {
    return SoaRow<soa_field_t<I, T>, Const>(soa_row_leaves_tag{},
                                            std::get<soa_leaf_begin_v<T, I> + J>(leaves)...);
}
template <class T, bool Const, std::size_t I, class Leaves>
constexpr decltype(auto) member_from_leaves(const Leaves& leaves) noexcept {
    using F = soa_field_t<I, T>;
    if constexpr (soa_flatten<F>)
        return nested_from_leaves<T, Const, I>(leaves,
                                               std::make_index_sequence<soa_leaf_count_v<F>>());
    else
        return std::get<soa_leaf_begin_v<T, I>>(leaves);
}

template <class T>
concept tuple_like = requires {
    std::tuple_size<std::remove_cvref_t<T>>::value;
};

// Everything a row does besides being a set of named references. It lives outside SoaRow so
// that SoaRow declares no member a field name could meet: member lookup on a row finds the
// fields (its generated base) and nothing else of the library's.
struct row_access {
    template <std::size_t I, class T, bool C>
    static constexpr soa_member_t<soa_field_t<I, T>, C> field(const SoaRow<T, C>& r) noexcept {
        return row_field<I, T, C>(r);
    }
    // The value a row moved out of the columns holds (see SoaRow's move constructor).
    template <class T, bool C>
    static constexpr bool owns(const SoaRow<T, C>& r) noexcept {
        return static_cast<const soa_row_state<T>&>(r).soa_row_state_owned_;
    }
    template <class T, bool C>
    static constexpr T& held(SoaRow<T, C>& r) noexcept {
        return static_cast<soa_row_state<T>&>(r).soa_row_state_value_;
    }
    template <class T, bool C, std::size_t... I>
    static constexpr T copy(const SoaRow<T, C>& r, std::index_sequence<I...>) {
        return T{field<I>(r)...};
    }
    template <class T, bool C, std::size_t... I>
    static constexpr T move_out(const SoaRow<T, C>& r, std::index_sequence<I...>) {
        return T{take_member(field<I>(r))...};
    }
    // The row's value: moved out of the columns (copied, for const rows), or out of the value
    // the proxy already holds.
    template <class T, bool C>
    static constexpr T release_value(SoaRow<T, C>& r) {
        if (owns(r))
            return std::move(held(r));
        if constexpr (C)
            return copy(r, std::make_index_sequence<soa_field_count_v<T>>());
        else
            return move_out(r, std::make_index_sequence<soa_field_count_v<T>>());
    }
    template <class T, class V, std::size_t... I>
    static constexpr void assign_from(const SoaRow<T, false>& r, V&& value,
                                      std::index_sequence<I...>) {
        if constexpr (detail::is_lvalue_reference_v<V>)
            ((field<I>(r) = soa_get<I>(value)), ...);
        else
            ((field<I>(r) = std::move(soa_get<I>(value))), ...);
    }
    template <class T, bool C, std::size_t... I>
    static constexpr void assign_row(const SoaRow<T, false>& r, const SoaRow<T, C>& other,
                                     std::index_sequence<I...>) {
        ((field<I>(r) = field<I>(other)), ...);
    }
    template <class T, std::size_t... I>
    static constexpr void swap_fields(const SoaRow<T, false>& a, const SoaRow<T, false>& b,
                                      std::index_sequence<I...>) {
        using std::swap;
        (swap(field<I>(a), field<I>(b)), ...);
    }
};

} // namespace detail

template <class T, bool Const>
class SoaRow : public detail::soa_row_base_t<T, Const> {
    // No named members here, not even private ones: a field of T may have any name (see
    // detail::row_access and soa_row_state for where the machinery lives).
public:
    // Built by SoA buffers from one reference per column (leaf), in column order.
    template <class... Refs>
    requires(sizeof...(Refs) == soa_leaf_count_v<T>) constexpr SoaRow(detail::soa_row_tag,
                                                                      Refs&... refs) noexcept
        : SoaRow(detail::soa_row_leaves_tag{}, refs...) {}
    // With no flattened field, the leaves are the fields: nothing to regroup.
    template <class... Refs>
    requires(soa_is_flat_v<T> &&
             sizeof...(Refs) == soa_field_count_v<T>) constexpr SoaRow(detail::soa_row_leaves_tag,
                                                                       Refs&... refs) noexcept
        : SoaRow(detail::soa_row_members_tag{}, refs...) {}
    template <class... Refs>
    requires(!soa_is_flat_v<T> &&
             sizeof...(Refs) == soa_leaf_count_v<T>) constexpr SoaRow(detail::soa_row_leaves_tag,
                                                                      Refs&... refs) noexcept
        : SoaRow(detail::soa_row_leaves_tag{}, std::make_index_sequence<soa_field_count_v<T>>(),
                 refs...) {}
    // A copy refers to the same row.
    constexpr SoaRow(const SoaRow& other) noexcept
        : SoaRow(other, std::make_index_sequence<soa_field_count_v<T>>()) {}
    // A row converts to a const row.
    constexpr SoaRow(const SoaRow<T, false>& other) noexcept requires Const
        : SoaRow(other, std::make_index_sequence<soa_field_count_v<T>>()) {}
    // A proxy over the fields of a T object. It makes this type the common reference of rows
    // and T& (see std::basic_common_reference below), which std::indirectly_readable needs
    // when T cannot be copied (move-only fields).
    constexpr SoaRow(std::conditional_t<Const, const T&, T&> value) noexcept
        : SoaRow(value, std::make_index_sequence<soa_field_count_v<T>>()) {}
    // A proxy built from a temporary proxy takes the row's value (moved out of the columns, as
    // `T t = std::move(*it)` would), so `auto t = std::move(*it); ...; *it2 = std::move(t);`
    // moves values, as it does for a real reference. libstdc++ 12's ranges::rotate relies on
    // exactly that for trivially copyable value types.
    constexpr SoaRow(SoaRow&& other)
        : SoaRow(detail::soa_row_owning_tag{}, detail::row_access::release_value(other),
                 std::make_index_sequence<soa_field_count_v<T>>()) {}

    // The row's value, copied out.
    constexpr operator T() const {
        return detail::row_access::copy(*this, std::make_index_sequence<soa_field_count_v<T>>());
    }

    // Writes through to the columns, field by field.
    constexpr const SoaRow& operator=(const T& value) const requires(!Const) {
        detail::row_access::assign_from(*this, value,
                                        std::make_index_sequence<soa_field_count_v<T>>());
        return *this;
    }
    constexpr const SoaRow& operator=(T&& value) const requires(!Const) {
        detail::row_access::assign_from(*this, std::move(value),
                                        std::make_index_sequence<soa_field_count_v<T>>());
        return *this;
    }
    // Copies the values of another row (possibly of the same vector).
    constexpr const SoaRow& operator=(const SoaRow& other) const requires(!Const) {
        detail::row_access::assign_row(*this, other,
                                       std::make_index_sequence<soa_field_count_v<T>>());
        return *this;
    }
    template <bool C>
    requires(!Const && C) constexpr const SoaRow& operator=(const SoaRow<T, C>& other) const {
        detail::row_access::assign_row(*this, other,
                                       std::make_index_sequence<soa_field_count_v<T>>());
        return *this;
    }
    // From a proxy that holds a moved-out value: move the value in. Any other temporary proxy
    // still refers to live row data (v[i] = v[j]) and is copied from.
    constexpr const SoaRow& operator=(SoaRow&& other) const requires(!Const) {
        if (detail::row_access::owns(other))
            detail::row_access::assign_from(*this, std::move(detail::row_access::held(other)),
                                            std::make_index_sequence<soa_field_count_v<T>>());
        else
            detail::row_access::assign_row(*this, other,
                                           std::make_index_sequence<soa_field_count_v<T>>());
        return *this;
    }

    // A T built from the moved fields: what iter_move on an SoA iterator returns.
    friend constexpr T buffers_rvalue(const SoaRow& r) requires(!Const) {
        return detail::row_access::move_out(r, std::make_index_sequence<soa_field_count_v<T>>());
    }

    friend constexpr void swap(const SoaRow& a, const SoaRow& b) requires(!Const) {
        detail::row_access::swap_fields(a, b, std::make_index_sequence<soa_field_count_v<T>>());
    }

    friend constexpr bool operator==(const SoaRow& a,
                                     const T& b) requires std::equality_comparable<T> {
        return static_cast<T>(a) == b;
    }
    template <bool C>
    friend constexpr bool operator==(const SoaRow& a,
                                     const SoaRow<T, C>& b) requires std::equality_comparable<T> {
        return static_cast<T>(a) == static_cast<T>(b);
    }

private:
    // The one place the base is built from its members (see detail::as_member).
    template <class... M>
    requires SoaNamed<T>
    constexpr SoaRow(detail::soa_row_members_tag, M&&... m) noexcept
        : detail::soa_row_base_t<T, Const>{{}, detail::as_member(std::forward<M>(m))...} {}
    template <class... M>
    requires(!SoaNamed<T>) constexpr SoaRow(detail::soa_row_members_tag, M&&... m) noexcept
        : detail::soa_row_base_t<T, Const>{{}, {detail::as_member(std::forward<M>(m))...}} {}
    template <std::size_t... I, class... Refs>
    constexpr SoaRow(detail::soa_row_leaves_tag, std::index_sequence<I...>, Refs&... refs) noexcept
        : SoaRow(detail::soa_row_members_tag{},
                 detail::member_from_leaves<T, Const, I>(std::tuple<Refs&...>(refs...))...) {}
    template <bool C, std::size_t... I>
    constexpr SoaRow(const SoaRow<T, C>& other, std::index_sequence<I...>) noexcept
        : SoaRow(detail::soa_row_members_tag{}, detail::row_access::field<I>(other)...) {}
    template <class V, std::size_t... I>
    requires std::is_same_v<std::remove_cvref_t<V>, T>
    constexpr SoaRow(V& value, std::index_sequence<I...>) noexcept
        : SoaRow(detail::soa_row_members_tag{}, soa_get<I>(value)...) {}
    // The state base is built first, holding the value; the references then point into it.
    template <std::size_t... I>
    requires SoaNamed<T>
    constexpr SoaRow(detail::soa_row_owning_tag, T&& value, std::index_sequence<I...>)
        : detail::soa_row_base_t<T, Const>{{soa_row_state_tag{}, std::move(value)},
                                           soa_get<I>(detail::row_access::held(*this))...} {}
    template <std::size_t... I>
    requires(!SoaNamed<T>) constexpr SoaRow(detail::soa_row_owning_tag, T&& value,
                                            std::index_sequence<I...>)
        : detail::soa_row_base_t<T, Const>{{soa_row_state_tag{}, std::move(value)},
                                           {soa_get<I>(detail::row_access::held(*this))...}} {}
};

// Field I of a row: a reference into column I.
template <std::size_t I, class T, bool C>
constexpr soa_member_t<soa_field_t<I, T>, C> get(const SoaRow<T, C>& r) noexcept {
    return detail::row_field<I, T, C>(r);
}

// Field I of a plain aggregate, so that comparators and projections written with get<I> also
// accept the T temporaries that std::sort holds.
template <std::size_t I, class T>
requires(SoaElement<std::remove_cvref_t<T>> && !detail::is_soa_row<std::remove_cvref_t<T>> &&
         !detail::tuple_like<T>) constexpr decltype(auto) get(T&& value) noexcept {
    return soa_get<I>(std::forward<T>(value));
}

namespace detail {
// Leaf Path (an mp_list of mp_size_t) of a value of T or of a row of T: the reference into
// the value or into the leaf's column.
template <class Path>
struct leaf_get;
template <>
struct leaf_get<boost::mp11::mp_list<>> {
    template <class X>
    static constexpr X& apply(X& x) noexcept {
        return x;
    }
};
template <class I, class... Rest>
struct leaf_get<boost::mp11::mp_list<I, Rest...>> {
    template <class X>
    static constexpr decltype(auto) apply(const X& x) noexcept requires is_soa_row<X> {
        if constexpr (sizeof...(Rest) == 0)
            return buffers::get<I::value>(x);
        else
            return leaf_get<boost::mp11::mp_list<Rest...>>::apply(buffers::get<I::value>(x));
    }
    template <class X>
    static constexpr auto& apply(X& x) noexcept requires(!is_soa_row<std::remove_const_t<X>>) {
        return leaf_get<boost::mp11::mp_list<Rest...>>::apply(soa_get<I::value>(x));
    }
};
} // namespace detail

} // namespace buffers

// Structured bindings: auto [a, b] = v[i]; binds a and b to the columns.
template <class T, bool C>
struct std::tuple_size<buffers::SoaRow<T, C>>
    : std::integral_constant<std::size_t, buffers::soa_field_count_v<T>> {};

template <std::size_t I, class T, bool C>
struct std::tuple_element<I, buffers::SoaRow<T, C>> {
    using type = buffers::soa_member_t<buffers::soa_field_t<I, T>, C>;
};

// The common reference of a row and a T&: a row (over T's fields); of a row and a T rvalue:
// T. This is what lets SoA iterators model std::indirectly_readable for every T, move-only
// ones included (T itself would need a copy from T&).
namespace buffers::detail {
template <class T, bool C, class UQ>
using row_common_reference_t =
    std::conditional_t<detail::is_lvalue_reference_v<UQ>,
                       SoaRow<T, C || detail::is_const_v<std::remove_reference_t<UQ>>>, T>;
} // namespace buffers::detail

template <class T, bool C, template <class> class TQual, template <class> class UQual>
struct std::basic_common_reference<buffers::SoaRow<T, C>, T, TQual, UQual> {
    using type = buffers::detail::row_common_reference_t<T, C, UQual<T>>;
};
template <class T, bool C, template <class> class TQual, template <class> class UQual>
struct std::basic_common_reference<T, buffers::SoaRow<T, C>, TQual, UQual> {
    using type = buffers::detail::row_common_reference_t<T, C, TQual<T>>;
};
