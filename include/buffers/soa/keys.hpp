#pragma once

// Fields named by member pointer, and sort keys made of several fields:
//
//     double p = buffers::get<&Trade::price>(v[i]);   // on rows, const rows and plain Trade
//     buffers::sort(v, buffers::by(&Trade::symbol_id, &Trade::ts_ns));   // lexicographic key
//
// get<&T::m> is get<I> with I the index of m among T's fields (found at compile time), so
// reordering T's fields does not change what code means. by(&T::a, &T::b, ...) is a
// projection: applied to a row (or to a T) it gives std::tuple<const A&, const B&, ...>, so any
// comparator over tuples works with it (std::less, std::greater, a lambda), and std::ranges
// algorithms accept it as a projection.

#include "columns.hpp"
#include "row.hpp"
#include "schema.hpp"

#include "../core/config.hpp"

#include <boost/pfr/core.hpp>

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

namespace buffers {

// Field m of a row: a reference into m's column.
template <auto M, class T, bool C>
requires std::is_member_object_pointer_v<decltype(M)> &&
    std::is_same_v<typename detail::member_pointer_traits<decltype(M)>::class_type, T>
constexpr decltype(auto) get(const SoaRow<T, C>& r) noexcept {
    constexpr std::size_t i = detail::member_index<M>();
    static_assert(i < soa_field_count_v<T>, "buffers::get<&T::m>: m is not a field of T");
    return get<i>(r);
}
// Field m of a plain T (x.*m), so that code written with get<&T::m> also takes T objects.
template <auto M, class U>
requires std::is_member_object_pointer_v<decltype(M)> &&
    std::is_same_v<typename detail::member_pointer_traits<decltype(M)>::class_type,
                   std::remove_cvref_t<U>>
constexpr decltype(auto) get(U&& value) noexcept {
    return (std::forward<U>(value).*M);
}

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

    // The field's column, given cols(std::integral_constant<std::size_t, k>) giving column k as
    // a pointer: for readers that skip the row proxies (a field's column is its first leaf's).
    template <class Cols>
    const F* column(const Cols& cols) const noexcept {
        const F* result = nullptr;
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            ((void)(I == index_ ? (void)(result = pick_column<I>(cols)) : void()), ...);
        }
        (std::make_index_sequence<soa_field_count_v<T>>());
        return result;
    }

private:
    template <std::size_t I, class Cols>
    static const F* pick_column(const Cols& cols) noexcept {
        if constexpr (std::is_same_v<soa_field_t<I, T>, F>)
            return cols(std::integral_constant<std::size_t, soa_leaf_begin_v<T, I>>{});
        else
            return nullptr;
    }
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
                     constexpr auto m = soa_generated<T>::member_pointers.template get<I>();
                     if constexpr (std::is_same_v<std::remove_cvref_t<decltype(m)>, F T::*>)
                         if (m == member)
                             found = I;
                 }()),
                 ...);
            }
            (std::make_index_sequence<soa_field_count_v<T>>());
        } else {
            static_assert(std::is_default_constructible_v<T>,
                          "buffers: a member pointer given at run time needs a "
                          "default-constructible T to find its field; use buffers::field<&T::m> "
                          "instead");
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
        BUFFERS_ASSERT(found < soa_field_count_v<T>, "buffers: member pointer",
                       "the member pointer names a field");
        return found;
    }

    F T::*member_;
    std::size_t index_;
};

} // namespace detail

// The projection by(&T::a, &T::b, ...) returns: a tuple of references to those fields.
template <class T, class... F>
class FieldKey {
public:
    explicit FieldKey(F T::*... members) : fields_(detail::member_projection<T, F>(members)...) {}

    template <bool C>
    std::tuple<const F&...> operator()(const SoaRow<T, C>& row) const noexcept {
        return apply(row);
    }
    std::tuple<const F&...> operator()(const T& value) const noexcept { return apply(value); }

    // The fields' columns (see member_projection::column).
    template <class Cols>
    std::tuple<const F*...> columns(const Cols& cols) const noexcept {
        return std::apply(
            [&](const auto&... p) { return std::tuple<const F*...>(p.column(cols)...); }, fields_);
    }

private:
    template <class X>
    std::tuple<const F&...> apply(const X& x) const noexcept {
        return std::apply([&](const auto&... p) { return std::tuple<const F&...>(p(x)...); },
                          fields_);
    }
    std::tuple<detail::member_projection<T, F>...> fields_;
};

// A lexicographic key over fields of T: by(&Trade::symbol_id, &Trade::ts_ns).
template <class T, class F0, class... F>
FieldKey<T, F0, F...> by(F0 T::*first, F T::*... rest) {
    return FieldKey<T, F0, F...>(first, rest...);
}

} // namespace buffers
