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

#include "live.hpp"

#include <concepts>
#include <cstddef>
#include <type_traits>
#include <utility>

namespace buffers {

// --- the hooks ----------------------------------------------------------------------------

// void relocate_from(B& other, Live live): takes other's live values (same indices) into this
// buffer, which holds none; keeps this buffer's configuration (allocator).
template <class B>
concept has_relocate_from = requires(B& b, Live live) {
    b.relocate_from(b, live);
};
template <class B>
inline constexpr bool nothrow_relocate_from_v = [] {
    if constexpr (has_relocate_from<B>)
        return noexcept(std::declval<B&>().relocate_from(std::declval<B&>(), Live{}));
    else
        return false;
}();

// void swap_with(B& other, Live mine, Live theirs): exchanges the storage of two buffers.
template <class B>
concept has_swap_with = requires(B& b, Live live) {
    b.swap_with(b, live, live);
};
template <class B>
inline constexpr bool nothrow_swap_with_v = [] {
    if constexpr (has_swap_with<B>)
        return noexcept(std::declval<B&>().swap_with(std::declval<B&>(), Live{}, Live{}));
    else
        return false;
}();

// void copy_config_from(const B&), void move_config_from(B&): adopt other's configuration
// (an allocator that propagates) before a copy or move assignment.
template <class B>
concept has_copy_config_from = requires(B& b, const B& other) {
    b.copy_config_from(other);
};
template <class B>
concept has_move_config_from = requires(B& b) {
    b.move_config_from(b);
};

// get_allocator() and allocator_type: the collection is allocator-aware.
template <class B>
concept has_allocator_type = requires {
    typename B::allocator_type;
};
template <class B>
concept has_get_allocator = requires(const B& b) {
    b.get_allocator();
};

// Bulk operations with generic fallbacks (ops.hpp): destroy_range(first, last),
// shift_right(first, last, k), shift_left(first, last, k), relocate_slot(from, to).
template <class B>
concept has_destroy_range = requires(B& b, std::size_t i) {
    b.destroy_range(i, i);
};
template <class B>
concept has_shift_right = requires(B& b, std::size_t i) {
    b.shift_right(i, i, i);
};
template <class B>
concept has_shift_left = requires(B& b, std::size_t i) {
    b.shift_left(i, i, i);
};
template <class B>
concept has_relocate_slot = requires(B& b, std::size_t i) {
    b.relocate_slot(i, i);
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

// bool is_inline() const: true while an SVO buffer's values are inside the object.
template <class B>
concept has_is_inline = requires(const B& b) {
    { b.is_inline() }
    noexcept->std::same_as<bool>;
};

// std::size_t next_capacity(std::size_t n) const noexcept: the capacity a growth policy
// (ExponentialGrowthBuffer, AtLeastBuffer) wants when the collection grows on its own (push_back,
// emplace, insert, resize) and needs n > capacity() slots; at least n, at most max_capacity().
// Without it the collection doubles (buffers::next_capacity in ops.hpp). try_grow itself is an
// exact request: reserve(n) gets n slots, whatever the policy.
template <class B>
concept has_next_capacity = requires(const B& b, std::size_t n) {
    { b.next_capacity(n) }
    noexcept->std::same_as<std::size_t>;
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

// Whether B declares a member of a given name, whatever its signature: B and a class with a
// member of that name are both bases of a probe, which makes the name ambiguous exactly when B
// has it.
#define BUFFERS_DETAIL_HOOK_NAME(hook)                                                             \
    struct hook##_name_probe {                                                                     \
        void hook();                                                                               \
    };                                                                                             \
    template <class B>                                                                             \
    struct hook##_name_mix : B, hook##_name_probe {};                                              \
    template <class B>                                                                             \
    concept names_##hook = std::is_class_v<B> && !std::is_final_v<B> && !requires {                \
        &hook##_name_mix<B>::hook;                                                                 \
    };
BUFFERS_DETAIL_HOOK_NAME(relocate_from)
BUFFERS_DETAIL_HOOK_NAME(swap_with)
BUFFERS_DETAIL_HOOK_NAME(copy_config_from)
BUFFERS_DETAIL_HOOK_NAME(move_config_from)
BUFFERS_DETAIL_HOOK_NAME(destroy_range)
BUFFERS_DETAIL_HOOK_NAME(shift_right)
BUFFERS_DETAIL_HOOK_NAME(shift_left)
BUFFERS_DETAIL_HOOK_NAME(relocate_slot)
BUFFERS_DETAIL_HOOK_NAME(is_inline)
BUFFERS_DETAIL_HOOK_NAME(next_capacity)
#undef BUFFERS_DETAIL_HOOK_NAME

// --- what composites offer: a hook declared only when the wrapped buffer has it ---------

// Each offer_X<Self, bool> declares hook X when the bool is true and forwards it to
// hook_access::X(self, ...), which calls Self's private implementation (Self befriends
// hook_access). Self derives from detail::offer_hooks<Self, Offered...>.
struct hook_access {
    template <class S, class... A>
    static constexpr decltype(auto) relocate_from(S& s, A&&... a) {
        return s.relocate_from_impl(std::forward<A>(a)...);
    }
    template <class S, class... A>
    static constexpr decltype(auto) swap_with(S& s, A&&... a) {
        return s.swap_with_impl(std::forward<A>(a)...);
    }
    template <class S, class... A>
    static constexpr decltype(auto) copy_config_from(S& s, A&&... a) {
        return s.copy_config_from_impl(std::forward<A>(a)...);
    }
    template <class S, class... A>
    static constexpr decltype(auto) move_config_from(S& s, A&&... a) {
        return s.move_config_from_impl(std::forward<A>(a)...);
    }
    template <class S>
    static constexpr bool is_inline(const S& s) noexcept {
        return s.is_inline_impl();
    }
    template <class S>
    static constexpr std::size_t next_capacity(const S& s, std::size_t n) noexcept {
        return s.next_capacity_impl(n);
    }
    template <class S>
    static constexpr bool nothrow_relocate_from =
        noexcept(std::declval<S&>().relocate_from_impl(std::declval<S&>(), Live{}));
    template <class S>
    static constexpr bool nothrow_swap_with =
        noexcept(std::declval<S&>().swap_with_impl(std::declval<S&>(), Live{}, Live{}));
};

template <class Self, bool>
struct offer_relocate_from {};
template <class Self>
struct offer_relocate_from<Self, true> {
    constexpr void relocate_from(Self& other,
                                 Live live) noexcept(hook_access::nothrow_relocate_from<Self>) {
        hook_access::relocate_from(static_cast<Self&>(*this), other, live);
    }
};
template <class Self, bool>
struct offer_swap_with {};
template <class Self>
struct offer_swap_with<Self, true> {
    constexpr void swap_with(Self& other, Live mine,
                             Live theirs) noexcept(hook_access::nothrow_swap_with<Self>) {
        hook_access::swap_with(static_cast<Self&>(*this), other, mine, theirs);
    }
};
template <class Self, bool>
struct offer_copy_config_from {};
template <class Self>
struct offer_copy_config_from<Self, true> {
    constexpr void copy_config_from(const Self& other) {
        hook_access::copy_config_from(static_cast<Self&>(*this), other);
    }
};
template <class Self, bool>
struct offer_move_config_from {};
template <class Self>
struct offer_move_config_from<Self, true> {
    constexpr void move_config_from(Self& other) {
        hook_access::move_config_from(static_cast<Self&>(*this), other);
    }
};
template <class Self, bool>
struct offer_is_inline {};
template <class Self>
struct offer_is_inline<Self, true> {
    // True while the values live inside the object (an SVO buffer's inline slots).
    constexpr bool is_inline() const noexcept {
        return hook_access::is_inline(static_cast<const Self&>(*this));
    }
};

template <class Self, bool>
struct offer_next_capacity {};
template <class Self>
struct offer_next_capacity<Self, true> {
    // The growth policy of the buffer inside (see has_next_capacity).
    constexpr std::size_t next_capacity(std::size_t n) const noexcept {
        return hook_access::next_capacity(static_cast<const Self&>(*this), n);
    }
};

// Which hooks a composite offers.
struct offered {
    bool relocate_from = false;
    bool swap_with = false;
    bool copy_config_from = false;
    bool move_config_from = false;
    bool is_inline = false;
    bool next_capacity = false;
};
template <class Self, offered O>
struct offer_hooks : offer_relocate_from<Self, O.relocate_from>,
                     offer_swap_with<Self, O.swap_with>,
                     offer_copy_config_from<Self, O.copy_config_from>,
                     offer_move_config_from<Self, O.move_config_from>,
                     offer_is_inline<Self, O.is_inline>,
                     offer_next_capacity<Self, O.next_capacity> {};

// The hooks of B, as a composite wrapping B offers them.
template <class B>
inline constexpr offered hooks_of{has_relocate_from<B>,    has_swap_with<B>,
                                  has_copy_config_from<B>, has_move_config_from<B>,
                                  has_is_inline<B>,        has_next_capacity<B>};

// The hooks of a composite that keeps B's configuration and growth policy as they are and
// decides itself whether it hands its storage over (relocate_from) and swaps it (swap_with).
template <class B>
constexpr offered config_hooks_of(bool relocate_from, bool swap_with) {
    return offered{relocate_from,           swap_with, has_copy_config_from<B>,
                   has_move_config_from<B>, false,     has_next_capacity<B>};
}

} // namespace detail

// Fails to compile, naming the hook, when B declares a member named like a hook with another
// signature (which would otherwise be ignored in favour of the generic path).
template <class B>
consteval bool check_hooks() {
    using namespace detail;
    static_assert(!names_relocate_from<B> || has_relocate_from<B>,
                  "buffers: hook relocate_from has the wrong signature; it must be "
                  "'void relocate_from(B& other, Live live)'");
    static_assert(!names_swap_with<B> || has_swap_with<B>,
                  "buffers: hook swap_with has the wrong signature; it must be "
                  "'void swap_with(B& other, Live mine, Live theirs)'");
    static_assert(!names_copy_config_from<B> || has_copy_config_from<B>,
                  "buffers: hook copy_config_from has the wrong signature; it must be "
                  "'void copy_config_from(const B& other)'");
    static_assert(!names_move_config_from<B> || has_move_config_from<B>,
                  "buffers: hook move_config_from has the wrong signature; it must be "
                  "'void move_config_from(B& other)'");
    static_assert(!names_destroy_range<B> || has_destroy_range<B>,
                  "buffers: hook destroy_range has the wrong signature; it must be "
                  "'void destroy_range(std::size_t first, std::size_t last) noexcept'");
    static_assert(!names_shift_right<B> || has_shift_right<B>,
                  "buffers: hook shift_right has the wrong signature; it must be "
                  "'void shift_right(std::size_t first, std::size_t last, std::size_t k)'");
    static_assert(!names_shift_left<B> || has_shift_left<B>,
                  "buffers: hook shift_left has the wrong signature; it must be "
                  "'void shift_left(std::size_t first, std::size_t last, std::size_t k)'");
    static_assert(!names_relocate_slot<B> || has_relocate_slot<B>,
                  "buffers: hook relocate_slot has the wrong signature; it must be "
                  "'void relocate_slot(std::size_t from, std::size_t to)'");
    static_assert(!names_is_inline<B> || has_is_inline<B>,
                  "buffers: hook is_inline has the wrong signature; it must be "
                  "'bool is_inline() const noexcept'");
    static_assert(!names_next_capacity<B> || has_next_capacity<B>,
                  "buffers: hook next_capacity has the wrong signature; it must be "
                  "'std::size_t next_capacity(std::size_t n) const noexcept'");
    return true;
}

} // namespace buffers
