#pragma once

// The optional members a buffer may provide (hooks), each declared once, by name. Collections,
// the generic operations (ops.hpp) and the composites ask for a hook only through these names,
// never with a requires-expression of their own, so a hook's signature is written here and
// nowhere else.
//
// A buffer that declares a member named like a hook but with another signature would silently
// get the slow generic path; check_hooks<B>() (run by every collection over B) turns that into
// a compile error naming the hook.
//
// Composites (IndirectBuffer and everything over it, SvoBuffer) offer a hook exactly when the
// buffer they wrap has it: forwarding goes through the offer_* mixins below, which declare the
// member only then.

#include "../detail/traits.hpp"
#include "live.hpp"

#include <concepts>
#include <cstddef>
#include <type_traits>
#include <utility>

namespace buffers {

// --- the hooks with a fixed signature -----------------------------------------------------

// Each is one row of BUFFERS_DETAIL_HOOKS: its name, the signature a buffer declares, and a
// use of it. A row declares has_<name><B> (B has the hook), detail::names_<name><B> (B has a
// member of that name, whatever its signature) and the check in check_hooks<B>().
//
//   relocate_from     takes other's live values (same indices) into this buffer, which holds
//                     none; keeps this buffer's configuration (allocator).
//   swap_with         exchanges the storage of two buffers.
//   copy_config_from, move_config_from
//                     adopt other's configuration (an allocator that propagates) before a copy
//                     or move assignment.
//   destroy_range, shift_right, shift_left, relocate_slot
//                     bulk operations with generic fallbacks (ops.hpp).
//   is_inline         true while an SVO buffer's values are inside the object.
//   next_capacity     the capacity a growth policy (ExponentialGrowthBuffer, AtLeastBuffer)
//                     wants when the collection grows on its own (push_back, emplace, insert,
//                     resize) and needs n > capacity() slots; at least n, at most
//                     max_capacity(). Without it the collection doubles (buffers::next_capacity
//                     in ops.hpp). try_grow itself is an exact request: reserve(n) gets n slots,
//                     whatever the policy.
#define BUFFERS_DETAIL_HOOKS(X)                                                                    \
    X(relocate_from, "void relocate_from(B& other, Live live)", (B & b, Live live),                \
      b.relocate_from(b, live))                                                                    \
    X(swap_with, "void swap_with(B& other, Live mine, Live theirs)", (B & b, Live live),           \
      b.swap_with(b, live, live))                                                                  \
    X(copy_config_from, "void copy_config_from(const B& other)", (B & b, const B& other),          \
      b.copy_config_from(other))                                                                   \
    X(move_config_from, "void move_config_from(B& other)", (B & b), b.move_config_from(b))         \
    X(destroy_range, "void destroy_range(std::size_t first, std::size_t last) noexcept",           \
      (B & b, std::size_t i), b.destroy_range(i, i))                                               \
    X(shift_right, "void shift_right(std::size_t first, std::size_t last, std::size_t k)",         \
      (B & b, std::size_t i), b.shift_right(i, i, i))                                              \
    X(shift_left, "void shift_left(std::size_t first, std::size_t last, std::size_t k)",           \
      (B & b, std::size_t i), b.shift_left(i, i, i))                                               \
    X(relocate_slot, "void relocate_slot(std::size_t from, std::size_t to)",                       \
      (B & b, std::size_t i), b.relocate_slot(i, i))                                               \
    X(is_inline, "bool is_inline() const noexcept", (const B& b),                                  \
      { b.is_inline() } noexcept->std::same_as<bool>)                                              \
    X(next_capacity, "std::size_t next_capacity(std::size_t n) const noexcept",                    \
      (const B& b, std::size_t n), { b.next_capacity(n) } noexcept->std::same_as<std::size_t>)

// Whether B declares a member of a given name, whatever its signature: B and a class with a
// member of each hook's name are both bases of a probe, which makes a name ambiguous exactly
// when B has it. (One probe class per B for all the hooks: each class derived from B costs
// compile time per element type.)
namespace detail {
#define BUFFERS_DETAIL_HOOK_NAME(hook, ...) void hook();
struct hook_names {
    BUFFERS_DETAIL_HOOKS(BUFFERS_DETAIL_HOOK_NAME)
};
#undef BUFFERS_DETAIL_HOOK_NAME
template <class B>
struct hook_names_mix : B, hook_names {};
} // namespace detail
#define BUFFERS_DETAIL_DECLARE_HOOK(hook, signature, params, ...)                                  \
    template <class B>                                                                             \
    concept has_##hook = requires params {                                                         \
        __VA_ARGS__;                                                                               \
    };                                                                                             \
    namespace detail {                                                                             \
    template <class B>                                                                             \
    concept names_##hook = is_class_v<B> && !is_final_v<B> && !requires {                          \
        &hook_names_mix<B>::hook;                                                                  \
    };                                                                                             \
    }
BUFFERS_DETAIL_HOOKS(BUFFERS_DETAIL_DECLARE_HOOK)
#undef BUFFERS_DETAIL_DECLARE_HOOK

template <class B>
inline constexpr bool nothrow_relocate_from_v = [] {
    if constexpr (has_relocate_from<B>)
        return noexcept(std::declval<B&>().relocate_from(std::declval<B&>(), Live{}));
    else
        return false;
}();
template <class B>
inline constexpr bool nothrow_swap_with_v = [] {
    if constexpr (has_swap_with<B>)
        return noexcept(std::declval<B&>().swap_with(std::declval<B&>(), Live{}, Live{}));
    else
        return false;
}();

// Fails to compile, naming the hook, when B declares a member named like a hook with another
// signature (which would otherwise be ignored in favour of the generic path).
namespace detail {
template <class B>
consteval bool check_hook_signatures() {
#define BUFFERS_DETAIL_CHECK_HOOK(hook, signature, ...)                                            \
    static_assert(!detail::names_##hook<B> || has_##hook<B>,                                       \
                  "buffers: hook " #hook " has the wrong signature; it must be '" signature "'");
    BUFFERS_DETAIL_HOOKS(BUFFERS_DETAIL_CHECK_HOOK)
#undef BUFFERS_DETAIL_CHECK_HOOK
    return true;
}
} // namespace detail
// The library's own buffers pass without being checked again (detail::library_buffer).
template <class B>
consteval bool check_hooks() {
    if constexpr (detail::library_buffer<B>)
        return true;
    else
        return detail::check_hook_signatures<B>();
}
#undef BUFFERS_DETAIL_HOOKS

// --- other optional members -----------------------------------------------------------------

// get_allocator() and allocator_type: the collection is allocator-aware.
template <class B>
concept has_allocator_type = requires {
    typename B::allocator_type;
};
template <class B>
concept has_get_allocator = requires(const B& b) {
    b.get_allocator();
};

// src.relocate_to(dst, live): relocates src's live values into dst, another buffer layout of
// the same element type (SoA columns between an inline and a heap layout).
template <class S, class D>
concept has_relocate_to = requires(S& s, D& d, Live live) {
    s.relocate_to(d, live);
};

// column_data<K>(): the array of field K (struct-of-arrays buffers).
template <class B>
concept has_column_data = requires(const B& b) {
    b.template column_data<0>();
};

// static constexpr capacity() and max_capacity(): the capacity is a constant (InlineBuffer).
template <class B>
concept has_constant_capacity = requires {
    std::integral_constant<std::size_t, B::capacity()>{};
    std::integral_constant<std::size_t, B::max_capacity()>{};
};

// static constexpr bool plain_construct: put is a plain placement-new (see ops.hpp).
template <class B>
concept declares_plain_construct = requires {
    B::plain_construct;
};

// static constexpr bool stable = true: the buffer's slots never move (StableBuffer, SoA
// columns in reserved ranges). Collections then grow it only in place: they never build new
// storage and relocate the elements into it.
template <class B>
concept declares_stable = requires {
    B::stable;
};

namespace detail {

template <class B>
inline constexpr bool stable_v = [] {
    if constexpr (declares_stable<B>)
        return static_cast<bool>(B::stable);
    else
        return false;
}();

// allocator_type, when B has one: a collection or composite over B is allocator-aware.
template <class B>
struct allocator_type_of {};
template <has_allocator_type B>
struct allocator_type_of<B> {
    using allocator_type = typename B::allocator_type;
};

struct no_allocator {
    explicit no_allocator() = default;
};
// B's allocator_type, or a type no argument converts to (for constructors that take one).
template <class B>
struct allocator_or_none {
    using type = no_allocator;
};
template <has_allocator_type B>
struct allocator_or_none<B> {
    using type = typename B::allocator_type;
};

// --- what composites offer: a hook declared only when the wrapped buffer has it ---------

// The hooks a composite may offer, one row each: name, result, const or nothing, the
// parameters and the arguments to pass on. Self implements hook X as a private X_impl with
// the same parameters and befriends hook_access; offer_X<Self, true> declares X, with X_impl's
// noexcept, and forwards to it. Self derives from offer_hooks<Self, offered{...}>.
#define BUFFERS_DETAIL_OFFERED_HOOKS(X)                                                            \
    X(relocate_from, void, , (Self & other, Live live), other, live)                               \
    X(swap_with, void, , (Self & other, Live mine, Live theirs), other, mine, theirs)              \
    X(copy_config_from, void, , (const Self& other), other)                                        \
    X(move_config_from, void, , (Self & other), other)                                             \
    X(is_inline, bool, const, ())                                                                  \
    X(next_capacity, std::size_t, const, (std::size_t n), n)

struct hook_access {
#define BUFFERS_DETAIL_ACCESS_HOOK(hook, ...)                                                      \
    template <class S, class... A>                                                                 \
    static constexpr decltype(auto) hook(S& s, A&&... a) noexcept(                                 \
        noexcept(s.hook##_impl(std::forward<A>(a)...))) {                                          \
        return s.hook##_impl(std::forward<A>(a)...);                                               \
    }
    BUFFERS_DETAIL_OFFERED_HOOKS(BUFFERS_DETAIL_ACCESS_HOOK)
#undef BUFFERS_DETAIL_ACCESS_HOOK
};

#define BUFFERS_DETAIL_OFFER_HOOK(hook, result, cv, params, ...)                                   \
    template <class Self, bool>                                                                    \
    struct offer_##hook {};                                                                        \
    template <class Self>                                                                          \
    struct offer_##hook<Self, true> {                                                              \
        constexpr result hook params cv noexcept(noexcept(                                         \
            hook_access::hook(static_cast<cv Self&>(*this) __VA_OPT__(, ) __VA_ARGS__))) {         \
            return hook_access::hook(static_cast<cv Self&>(*this) __VA_OPT__(, ) __VA_ARGS__);     \
        }                                                                                          \
    };
BUFFERS_DETAIL_OFFERED_HOOKS(BUFFERS_DETAIL_OFFER_HOOK)
#undef BUFFERS_DETAIL_OFFER_HOOK

// Which hooks a composite offers.
struct offered {
#define BUFFERS_DETAIL_OFFERED_FIELD(hook, ...) bool hook = false;
    BUFFERS_DETAIL_OFFERED_HOOKS(BUFFERS_DETAIL_OFFERED_FIELD)
#undef BUFFERS_DETAIL_OFFERED_FIELD
};
template <class Self>
struct offer_end {};
template <class Self, offered O>
struct offer_hooks :
#define BUFFERS_DETAIL_OFFER_BASE(hook, ...) offer_##hook<Self, O.hook>,
    BUFFERS_DETAIL_OFFERED_HOOKS(BUFFERS_DETAIL_OFFER_BASE)
#undef BUFFERS_DETAIL_OFFER_BASE
        offer_end<Self> {
};
#undef BUFFERS_DETAIL_OFFERED_HOOKS

// The hooks of a composite that keeps B's configuration and growth policy as they are and
// decides itself whether it hands its storage over (relocate_from) and swaps it (swap_with).
template <class B>
constexpr offered config_hooks_of(bool relocate_from, bool swap_with) {
    return offered{relocate_from,           swap_with, has_copy_config_from<B>,
                   has_move_config_from<B>, false,     has_next_capacity<B>};
}

} // namespace detail

} // namespace buffers
