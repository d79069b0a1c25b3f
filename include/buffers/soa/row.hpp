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
struct pfr_row_fields<T, Const, std::index_sequence<I...>> {
    std::tuple<soa_ref_t<soa_field_t<I, T>, Const>...> fields_;
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
constexpr soa_ref_t<soa_field_t<I, T>, Const> row_field(const soa_row_base_t<T, Const>& r) noexcept {
    if constexpr (SoaNamed<T>)
        return soa_generated<T>::template get<I>(r);
    else
        return std::get<I>(r.fields_);
}

struct soa_row_tag {
    explicit soa_row_tag() = default;
};

template <class T, bool Const, class... Refs>
constexpr soa_row_base_t<T, Const> make_row_base(Refs&... refs) noexcept {
    if constexpr (SoaNamed<T>)
        return soa_row_base_t<T, Const>{refs...};
    else
        return soa_row_base_t<T, Const>{{refs...}};
}

template <class T>
concept tuple_like = requires { std::tuple_size<std::remove_cvref_t<T>>::value; };

// Room for the value of a row that was moved out through its proxy (see SoaRow's move
// constructor). Unused, and never constructed, for ordinary proxies.
template <class T>
struct soa_row_owned {
    constexpr soa_row_owned() noexcept {}
    template <class V>
    constexpr soa_row_owned(std::in_place_t, V&& value)
        : buffers_owned_value_(std::forward<V>(value)), buffers_owned_(true) {}
    constexpr ~soa_row_owned() {
        if (buffers_owned_)
            std::destroy_at(&buffers_owned_value_);
    }
    soa_row_owned(const soa_row_owned&) = delete;
    soa_row_owned& operator=(const soa_row_owned&) = delete;

    union {
        T buffers_owned_value_;
    };
    bool buffers_owned_ = false;
};

} // namespace detail

template <class T, bool Const>
class SoaRow : private detail::soa_row_owned<T>, public detail::soa_row_base_t<T, Const> {
    using owned = detail::soa_row_owned<T>;
    using base = detail::soa_row_base_t<T, Const>;
    static constexpr std::size_t field_count = soa_field_count_v<T>;
    using seq = std::make_index_sequence<field_count>;

    template <std::size_t I>
    constexpr soa_ref_t<soa_field_t<I, T>, Const> f() const noexcept {
        return detail::row_field<I, T, Const>(*this);
    }

public:
    // Built by SoA buffers from one reference per field, in field order.
    template <class... Refs>
        requires(sizeof...(Refs) == soa_field_count_v<T>)
    constexpr SoaRow(detail::soa_row_tag, Refs&... refs) noexcept
        : base(detail::make_row_base<T, Const>(refs...)) {}
    // A copy refers to the same row.
    constexpr SoaRow(const SoaRow& other) noexcept : SoaRow(other, seq{}) {}
    // A row converts to a const row.
    constexpr SoaRow(const SoaRow<T, false>& other) noexcept
        requires Const
        : SoaRow(other, seq{}) {}
    // A proxy over the fields of a T object. It makes this type the common reference of rows
    // and T& (see std::basic_common_reference below), which std::indirectly_readable needs
    // when T cannot be copied (move-only fields).
    constexpr SoaRow(std::conditional_t<Const, const T&, T&> value) noexcept
        : SoaRow(value, seq{}) {}
    // A proxy built from a temporary proxy takes the row's value (moved out of the columns, as
    // `T t = std::move(*it)` would), so `auto t = std::move(*it); ...; *it2 = std::move(t);`
    // moves values, as it does for a real reference. libstdc++ 12's ranges::rotate relies on
    // exactly that for trivially copyable value types.
    constexpr SoaRow(SoaRow&& other) : SoaRow(owning_tag{}, other.release_value(), seq{}) {}

    // The row's value, copied out.
    constexpr operator T() const { return copy(seq{}); }

    // Writes through to the columns, field by field.
    constexpr const SoaRow& operator=(const T& value) const
        requires(!Const)
    {
        assign_from(value, seq{});
        return *this;
    }
    constexpr const SoaRow& operator=(T&& value) const
        requires(!Const)
    {
        assign_from(std::move(value), seq{});
        return *this;
    }
    // Copies the values of another row (possibly of the same vector).
    constexpr const SoaRow& operator=(const SoaRow& other) const
        requires(!Const)
    {
        assign_row(other, seq{});
        return *this;
    }
    template <bool C>
        requires(!Const && C)
    constexpr const SoaRow& operator=(const SoaRow<T, C>& other) const {
        assign_row(other, seq{});
        return *this;
    }
    // From a proxy that holds a moved-out value: move the value in. Any other temporary proxy
    // still refers to live row data (v[i] = v[j]) and is copied from.
    constexpr const SoaRow& operator=(SoaRow&& other) const
        requires(!Const)
    {
        if (other.buffers_owned_)
            assign_from(std::move(other.buffers_owned_value_), seq{});
        else
            assign_row(other, seq{});
        return *this;
    }

    // A T built from the moved fields: what iter_move on an SoA iterator returns.
    friend constexpr T buffers_rvalue(const SoaRow& r)
        requires(!Const)
    {
        return r.move_out(seq{});
    }

    friend constexpr void swap(const SoaRow& a, const SoaRow& b)
        requires(!Const)
    {
        a.swap_fields(b, seq{});
    }

    friend constexpr bool operator==(const SoaRow& a, const T& b)
        requires std::equality_comparable<T>
    {
        return static_cast<T>(a) == b;
    }
    template <bool C>
    friend constexpr bool operator==(const SoaRow& a, const SoaRow<T, C>& b)
        requires std::equality_comparable<T>
    {
        return a.fields_equal(b, seq{});
    }

private:
    template <class, bool>
    friend class SoaRow;
    template <std::size_t I, class U, bool C>
    friend constexpr soa_ref_t<soa_field_t<I, U>, C> get(const SoaRow<U, C>& r) noexcept;

    template <bool C, std::size_t... I>
    constexpr SoaRow(const SoaRow<T, C>& other, std::index_sequence<I...>) noexcept
        : base(detail::make_row_base<T, Const>(other.template f<I>()...)) {}
    template <class V, std::size_t... I>
        requires std::is_same_v<std::remove_cvref_t<V>, T>
    constexpr SoaRow(V& value, std::index_sequence<I...>) noexcept
        : base(detail::make_row_base<T, Const>(boost::pfr::get<I>(value)...)) {}

    struct owning_tag {};
    template <std::size_t... I>
    constexpr SoaRow(owning_tag, T&& value, std::index_sequence<I...>)
        : owned(std::in_place, std::move(value)),
          base(detail::make_row_base<T, Const>(boost::pfr::get<I>(this->buffers_owned_value_)...)) {}

    // The row's value: moved out of the columns (copied, for const rows), or out of the value
    // this proxy already holds.
    constexpr T release_value() {
        if (this->buffers_owned_)
            return std::move(this->buffers_owned_value_);
        if constexpr (Const)
            return copy(seq{});
        else
            return move_out(seq{});
    }

    template <std::size_t... I>
    constexpr T copy(std::index_sequence<I...>) const {
        return T{f<I>()...};
    }
    template <std::size_t... I>
    constexpr T move_out(std::index_sequence<I...>) const {
        return T{std::move(f<I>())...};
    }
    template <class V, std::size_t... I>
    constexpr void assign_from(V&& value, std::index_sequence<I...>) const {
        if constexpr (std::is_lvalue_reference_v<V>)
            ((f<I>() = boost::pfr::get<I>(value)), ...);
        else
            ((f<I>() = std::move(boost::pfr::get<I>(value))), ...);
    }
    template <bool C, std::size_t... I>
    constexpr void assign_row(const SoaRow<T, C>& other, std::index_sequence<I...>) const {
        ((f<I>() = other.template f<I>()), ...);
    }
    template <std::size_t... I>
    constexpr void swap_fields(const SoaRow& other, std::index_sequence<I...>) const {
        using std::swap;
        (swap(f<I>(), other.template f<I>()), ...);
    }
    template <bool C, std::size_t... I>
    constexpr bool fields_equal(const SoaRow<T, C>& other, std::index_sequence<I...>) const {
        return static_cast<T>(*this) == static_cast<T>(other);
    }
};

// Field I of a row: a reference into column I.
template <std::size_t I, class T, bool C>
constexpr soa_ref_t<soa_field_t<I, T>, C> get(const SoaRow<T, C>& r) noexcept {
    return r.template f<I>();
}

// Field I of a plain aggregate, so that comparators and projections written with get<I> also
// accept the T temporaries that std::sort holds.
template <std::size_t I, class T>
    requires(SoaElement<std::remove_cvref_t<T>> && !detail::is_soa_row<std::remove_cvref_t<T>> &&
             !detail::tuple_like<T>)
constexpr decltype(auto) get(T&& value) noexcept {
    return boost::pfr::get<I>(std::forward<T>(value));
}

} // namespace buffers

// Structured bindings: auto [a, b] = v[i]; binds a and b to the columns.
template <class T, bool C>
struct std::tuple_size<buffers::SoaRow<T, C>>
    : std::integral_constant<std::size_t, buffers::soa_field_count_v<T>> {};

template <std::size_t I, class T, bool C>
struct std::tuple_element<I, buffers::SoaRow<T, C>> {
    using type = buffers::soa_ref_t<buffers::soa_field_t<I, T>, C>;
};

// The common reference of a row and a T&: a row (over T's fields); of a row and a T rvalue:
// T. This is what lets SoA iterators model std::indirectly_readable for every T, move-only
// ones included (T itself would need a copy from T&).
namespace buffers::detail {
template <class T, bool C, class UQ>
using row_common_reference_t =
    std::conditional_t<std::is_lvalue_reference_v<UQ>,
                       SoaRow<T, C || std::is_const_v<std::remove_reference_t<UQ>>>, T>;
} // namespace buffers::detail

template <class T, bool C, template <class> class TQual, template <class> class UQual>
struct std::basic_common_reference<buffers::SoaRow<T, C>, T, TQual, UQual> {
    using type = buffers::detail::row_common_reference_t<T, C, UQual<T>>;
};
template <class T, bool C, template <class> class TQual, template <class> class UQual>
struct std::basic_common_reference<T, buffers::SoaRow<T, C>, TQual, UQual> {
    using type = buffers::detail::row_common_reference_t<T, C, TQual<T>>;
};
