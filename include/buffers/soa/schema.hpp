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
//         static constexpr auto member_pointers =
//             std::make_tuple(&game::Particle::x, &game::Particle::name);
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

#include <boost/pfr/core.hpp>
#include <boost/pfr/tuple_size.hpp>

#include <array>
#include <cstddef>
#include <memory>
#include <span>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace buffers {

template <class T>
inline constexpr bool soa_dependent_false = false;

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
concept SoaElement =
    std::is_aggregate_v<T> && !std::is_array_v<T> && std::is_class_v<T> && !std::is_union_v<T>;

template <class T>
inline constexpr std::size_t soa_field_count_v = boost::pfr::tuple_size_v<T>;

template <std::size_t I, class T>
using soa_field_t = boost::pfr::tuple_element_t<I, T>;

} // namespace buffers
