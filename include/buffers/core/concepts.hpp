#pragma once

// The buffer contract. A buffer owns slots 0 .. capacity(); each slot is either empty or holds
// a live value. The buffer does not know which: the collection does, and tells the buffer
// whenever it must relocate (try_grow, try_shrink, the relocating constructor). The caller of
// every operation below guarantees its precondition; the buffer never checks liveness.

#include "../detail/traits.hpp"
#include "live.hpp"
#include "status.hpp"

#include <concepts>
#include <cstddef>
#include <type_traits>
#include <utility>

namespace buffers {

// Tag for the configuration-copying constructor B(copy_config, other): an empty buffer set up
// the way a copy of other's collection should be (an allocator's
// select_on_container_copy_construction, for instance).
struct copy_config_t {
    explicit copy_config_t() = default;
};
inline constexpr copy_config_t copy_config{};

namespace detail {

// The constructors and relocate_from of a buffer without state (ZstBuffer, InlineBuffer<T, 0>):
// nothing to take, configure or hand over. Not copyable, as no buffer is.
template <class Self>
struct stateless_buffer {
    using library_buffer_type = Self; // see detail::library_buffer
    constexpr stateless_buffer() noexcept = default;
    constexpr stateless_buffer(Self&&, Live) noexcept {}
    constexpr stateless_buffer(copy_config_t, const Self&) noexcept {}
    stateless_buffer(const stateless_buffer&) = delete;
    stateless_buffer& operator=(const stateless_buffer&) = delete;
    constexpr void relocate_from(Self&, Live) noexcept {}
};

template <class B>
concept buffer_has_types = requires {
    typename B::value_type;      // the element type T
    typename B::reference;       // what get(i) returns: T&, a proxy, or T by value
    typename B::const_reference; // what get(i) const returns
};

template <class B>
concept buffer_has_capacity = requires(const B& cb) {
    // Number of slots. Every slot index i used below satisfies i < capacity().
    { cb.capacity() }
    noexcept->std::same_as<std::size_t>;
    // The largest capacity try_grow can ever reach.
    { cb.max_capacity() }
    noexcept->std::same_as<std::size_t>;
};

template <class B>
concept buffer_has_access = requires(B& b, const B& cb, std::size_t i) {
    // get(i): the live value in slot i (precondition: slot i is live).
    { b.get(i) } -> std::same_as<typename B::reference>;
    { cb.get(i) } -> std::same_as<typename B::const_reference>;
};

template <class B>
concept buffer_has_lifetime = requires(B& b, std::size_t i) {
    // take(i): moves the live value out of slot i and leaves the slot empty.
    { b.take(i) } -> std::same_as<typename B::value_type>;
    // destroy(i): ends the live value in slot i; the slot becomes empty.
    b.destroy(i);
}
&&(!std::move_constructible<typename B::value_type> ||
   // put(i, args...): constructs a value in empty slot i (emplacement); shown with T&&.
   requires(B & b, std::size_t i, typename B::value_type&& v) { b.put(i, std::move(v)); });

template <class B>
concept buffer_has_resize = requires(B& b, std::size_t n, Live live) {
    // try_grow(n, live): afterwards capacity() >= n, and every slot in live still holds its
    // value at the same index. On failure: an error Status, nothing changed. An exact request:
    // the capacity is n, or n rounded up to the buffer's natural unit (whole pages, whole
    // blocks); growth policies apply to the collection's own growth (hook next_capacity).
    { b.try_grow(n, live) } -> std::same_as<Status>;
    // try_shrink(n, live): may release slots at or above max(n, live.end()); never a live one.
    { b.try_shrink(n, live) } -> std::same_as<Status>;
};

} // namespace detail

// The core concept. See docs/concepts.md for the whole contract.
template <class B>
concept Buffer =
    std::is_object_v<B> && detail::buffer_has_types<B> && detail::buffer_has_capacity<B> &&
    detail::buffer_has_access<B> && detail::buffer_has_lifetime<B> && detail::buffer_has_resize<B>;

namespace detail {
// The layout parts of RefBuffer and ContiguousBuffer, without Buffer's checks of T's
// operations: they can be asked while T is incomplete (a collection's class names its
// reference and iterator types before a recursive T is complete).
template <class B>
concept ref_layout = std::same_as<typename B::reference, typename B::value_type&> &&
    std::same_as<typename B::const_reference, const typename B::value_type&>;
template <class B>
concept ptr_layout = ref_layout<B> && requires(B& b, const B& cb, std::size_t i) {
    { b.ptr(i) }
    noexcept->std::same_as<typename B::value_type*>;
    { cb.ptr(i) }
    noexcept->std::same_as<const typename B::value_type*>;
};
template <class B>
concept contiguous_layout = ptr_layout<B> && requires(B& b, const B& cb) {
    { b.data() }
    noexcept->std::same_as<typename B::value_type*>;
    { cb.data() }
    noexcept->std::same_as<const typename B::value_type*>;
};
} // namespace detail

// get(i) gives real references: T& and const T&.
template <class B>
concept RefBuffer = Buffer<B> && detail::ref_layout<B>;

// ptr(i) gives the address of slot i, empty or live (precondition: i <= capacity()).
template <class B>
concept PtrBuffer = RefBuffer<B> && detail::ptr_layout<B>;

// All slots form one array: ptr(i) == data() + i. data() is valid (possibly null) when
// capacity() is 0.
template <class B>
concept ContiguousBuffer = PtrBuffer<B> && detail::contiguous_layout<B>;

// get(i) gives values, not references (C++ objects need distinct addresses, so a buffer that
// stores nothing, such as ZstBuffer, cannot hand out references).
template <class B>
concept CopyValueBuffer =
    Buffer<B> && std::same_as<typename B::reference, typename B::value_type> &&
    std::same_as<typename B::const_reference, typename B::value_type> &&
    std::copy_constructible<typename B::value_type>;

// Optional ownership transfers a collection uses for its own moves.
// B(B&& other, Live live): takes other's live values (same indices); other keeps none.
template <class B>
concept RelocatableBuffer = Buffer<B> && detail::constructible_from<B, B&&, Live>;

// B(copy_config, other): an empty buffer configured for a copy of other's collection.
template <class B>
concept CopyConfigurableBuffer =
    Buffer<B> && detail::constructible_from<B, copy_config_t, const B&>;

// Checks B against the contract one requirement at a time, so that the compiler names the
// requirement that is missing instead of printing the whole concept.
#define BUFFERS_BUFFER_NEEDS(part, what)                                                           \
    static_assert(detail::buffer_has_##part<B>, "buffers: B does not model Buffer: it "            \
                                                "needs " what)
namespace detail {
template <class B>
consteval bool check_buffer_contract() {
    static_assert(std::is_object_v<B>, "buffers: a buffer must be an object type");
    BUFFERS_BUFFER_NEEDS(types, "member types value_type, reference and const_reference");
    BUFFERS_BUFFER_NEEDS(capacity, "'std::size_t capacity() const noexcept' and "
                                   "'std::size_t max_capacity() const noexcept'");
    BUFFERS_BUFFER_NEEDS(access, "'reference get(std::size_t)' and "
                                 "'const_reference get(std::size_t) const'");
    BUFFERS_BUFFER_NEEDS(lifetime, "put(i, args...), 'value_type take(std::size_t)' and "
                                   "destroy(std::size_t)");
    BUFFERS_BUFFER_NEEDS(resize, "'Status try_grow(std::size_t, Live)' and "
                                 "'Status try_shrink(std::size_t, Live)'");
    return Buffer<B>;
}
} // namespace detail
// The library's own buffers pass without being checked again (detail::library_buffer).
template <class B>
consteval bool check_buffer() {
    if constexpr (detail::library_buffer<B>)
        return true;
    else
        return detail::check_buffer_contract<B>();
}
#undef BUFFERS_BUFFER_NEEDS

// The element type of a buffer.
template <Buffer B>
using buffer_value_t = typename B::value_type;

} // namespace buffers
