#pragma once

// What SoaBuffer knows about an aggregate T: its fields (types and order, from Boost.PFR), and,
// when the generator has run over T, their names.
//
// Generated headers (buffers-soa-gen) set soa_has_generated_names<T> and specialise
// buffers::soa_generated<T>:
//
//     template <> inline constexpr bool soa_has_generated_names<game::Particle> = true;
//     template <> struct soa_generated<game::Particle> {
//         using type = game::Particle;
//         static constexpr std::size_t field_count = 2;
//         static constexpr std::array<std::string_view, 2> field_names{{"x", "name"}};
//         static constexpr soa_members<&game::Particle::x, &game::Particle::name>
//             member_pointers{};
//         template <bool Const>                               // base of the row proxy
//         struct row_fields : soa_row_state<game::Particle> {
//             soa_member_t<float, Const> x;               // float& (see flatten.hpp)
//             soa_member_t<std::string, Const> name;
//         };
//         template <bool Const> struct column_fields {       // what columns(v) returns
//             soa_column_member_t<float, Const> x;        // std::span<float>
//             soa_column_member_t<std::string, Const> name;
//         };
//         template <std::size_t I, class Fields>             // field I of either struct
//         static constexpr auto& get(const Fields& f) noexcept { ... }
//     };
//
// The nested structs declare nothing but the user's names, so no library member can hide one:
// row_fields derives from soa_row_state (the one piece of state a row proxy keeps), whose
// members any field of the same name hides, and SoaRow (derived from row_fields) declares no
// named member at all.

#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/list.hpp>
#include <boost/pfr/core.hpp>
#include <boost/pfr/tuple_size.hpp>

#include "../detail/std_support.hpp"
#include "../detail/traits.hpp"
#include <array>
#include <cstddef>
#include <span>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace buffers {

template <class T>
inline constexpr bool soa_dependent_false = false;

// Used by the self-checks of generated headers: specialised for each generated T to the index
// of the first field that is not where the generator saw it (the field count when none is).
namespace soa_check {
template <class T>
inline constexpr std::size_t misplaced = 0;
} // namespace soa_check

// True for the structs a generated header (visible here) names; set by that header.
template <class T>
inline constexpr bool soa_has_generated_names = false;

// Specialised by generated code; see above. Naming it for a type without generated names is
// almost always a missing include, which the message says.
template <class T>
struct soa_generated {
    static_assert(soa_dependent_false<T>,
                  "buffers::soa_generated<T>: T has no generated names in this translation unit: "
                  "include the .soa.hpp that buffers_generate_soa generates from T's header (for "
                  "include/game/fx/particle.hpp: #include \"game/fx/particle.soa.hpp\"); see "
                  "docs/generator.md, Troubleshooting");
};

namespace detail {
struct row_access;
} // namespace detail

struct soa_row_state_tag {
    explicit soa_row_state_tag() = default;
};

// The base of every row proxy's fields: room for the value of a row moved out through its
// proxy (see SoaRow's move constructor), unused and empty for ordinary proxies. Copies start
// empty: a copied row refers to the same columns and owns nothing.
template <class T>
class soa_row_state {
public:
    constexpr soa_row_state() noexcept {}
    constexpr soa_row_state(const soa_row_state&) noexcept {}
    soa_row_state& operator=(const soa_row_state&) = delete;
    template <class V>
    constexpr soa_row_state(soa_row_state_tag, V&& value)
        : soa_row_state_value_(std::forward<V>(value)), soa_row_state_owned_(true) {}
    constexpr ~soa_row_state() {
        if (soa_row_state_owned_)
            std::destroy_at(&soa_row_state_value_);
    }

private:
    friend struct detail::row_access;
    union {
        T soa_row_state_value_;
    };
    bool soa_row_state_owned_ = false;
};

// A reference to a field of type F in a row proxy (const for const rows).
template <class F, bool Const>
using soa_ref_t = std::conditional_t<Const, const F&, F&>;

// A column of fields of type F (const for const vectors).
template <class F, bool Const>
using soa_span_t = std::span<std::conditional_t<Const, const F, F>>;

// The generated row and column structs of T (T must be SoaNamed).
template <class T, bool Const>
using soa_row_fields_t = typename soa_generated<T>::template row_fields<Const>;
template <class T, bool Const>
using soa_column_fields_t = typename soa_generated<T>::template column_fields<Const>;

// True when T has a generated specialisation (named fields): the flag first, so that the
// primary template (an error) is never instantiated for others. The requirements go through the
// aliases: g++ 12 rejects `typename X::template Y<...>` written directly in a requirement.
template <class T>
concept SoaNamed = soa_has_generated_names<T> && requires {
    { soa_generated<T>::field_count } -> std::convertible_to<std::size_t>;
    typename soa_row_fields_t<T, false>;
    typename soa_column_fields_t<T, false>;
};

// Aggregates SoaBuffer can split into columns.
template <class T>
concept SoaElement = detail::is_aggregate_v<T> && !std::is_array_v<T> && detail::is_class_v<T> &&
                     !detail::is_union_v<T>;

namespace detail {
template <class M>
struct member_pointer_traits;
template <class C, class F>
struct member_pointer_traits<F C::*> {
    using class_type = C;
    using field_type = F;
};
} // namespace detail

// The member pointers of a generated specialisation, as template arguments: naming them costs
// no std::tuple (fifteen member pointers in a std::tuple cost more to compile than everything
// else a generated specialisation declares).
template <auto... M>
struct soa_members {
    static constexpr std::size_t size = sizeof...(M);
    // The field types, in order.
    using types =
        boost::mp11::mp_list<typename detail::member_pointer_traits<decltype(M)>::field_type...>;
    // fn(value.*M...): every field of value, in order.
    template <class V, class Fn>
    static constexpr decltype(auto) apply(V& value, Fn&& fn) {
        return static_cast<Fn&&>(fn)(value.*M...);
    }
    // Member pointer I.
    template <std::size_t I>
    static constexpr auto get() noexcept {
        return boost::mp11::mp_at_c<boost::mp11::mp_list<std::integral_constant<decltype(M), M>...>,
                                    I>::value;
    }
};

namespace detail {

// T reflected once: its field types as an Mp11 list, which every column, row and operation
// then indexes (mp_at_c) instead of asking Boost.PFR again. With generated names the list comes
// from the generated member pointers and Boost.PFR is not used at all.
template <class T>
struct soa_reflect {
    using fields = boost::mp11::mp_transform<
        std::remove_reference_t,
        boost::mp11::mp_rename<decltype(boost::pfr::detail::tie_as_tuple(std::declval<T&>())),
                               boost::mp11::mp_list>>;
};
template <SoaNamed T>
struct soa_reflect<T> {
    using fields = typename std::remove_cvref_t<decltype(soa_generated<T>::member_pointers)>::types;
};

} // namespace detail

// The field types of T, in order: an Mp11 list, computed once per T.
template <class T>
using soa_fields_t = typename detail::soa_reflect<T>::fields;

template <class T>
inline constexpr std::size_t soa_field_count_v = boost::mp11::mp_size<soa_fields_t<T>>::value;

template <std::size_t I, class T>
using soa_field_t = boost::mp11::mp_at_c<soa_fields_t<T>, I>;

// Field I of a value of an SoA element type (boost::pfr::get's result, for any value category):
// through the generated member pointers when there are any.
template <std::size_t I, class V>
constexpr decltype(auto) soa_get(V&& value) noexcept {
    using T = std::remove_cvref_t<V>;
    if constexpr (SoaNamed<T>) {
        using members = std::remove_cvref_t<decltype(soa_generated<T>::member_pointers)>;
        return (static_cast<V&&>(value).*members::template get<I>());
    } else {
        return boost::pfr::get<I>(static_cast<V&&>(value));
    }
}

// fn(field 0, field 1, ...) for an lvalue value of an SoA element type: one reflection of the
// whole struct (the generated member pointers, or Boost.PFR), not one per field.
template <class V, class Fn>
constexpr decltype(auto) soa_apply_fields(V& value, Fn&& fn) {
    using T = std::remove_const_t<V>;
    if constexpr (SoaNamed<T>) {
        using members = std::remove_cvref_t<decltype(soa_generated<T>::member_pointers)>;
        return members::apply(value, static_cast<Fn&&>(fn));
    } else {
        return [&]<std::size_t... K>(std::index_sequence<K...>)->decltype(auto) {
            return static_cast<Fn&&>(fn)(boost::pfr::get<K>(value)...);
        }
        (std::make_index_sequence<soa_field_count_v<T>>());
    }
}

} // namespace buffers
