#pragma once

// InlineBuffer<T, N>: N slots inside the object itself (on the stack, or inside whatever holds
// it). No heap, no growth: asking for more than N is an error, not undefined behaviour.

#include "../core/concepts.hpp"
#include "../core/ops.hpp"
#include "../core/relocate.hpp"
#include "../core/slots.hpp"
#include "../detail/std_support.hpp"
#include "../detail/traits.hpp"

#include <cstddef>
#include <utility>

namespace buffers {

template <class T, std::size_t N>
class InlineBuffer : public detail::slot_access<InlineBuffer<T, N>, T> {
    static_assert(std::is_object_v<T> && !detail::is_const_v<T> && !detail::is_volatile_v<T>,
                  "buffers: InlineBuffer<T, N> needs a non-const, non-volatile object type");

public:
    static constexpr bool plain_construct = true;

    // The slots start empty; the union leaves them unconstructed. In constant evaluation,
    // clang constructs a value only in a union member that is active: the array is made
    // active (its values built trivially) for trivially default constructible T.
    constexpr InlineBuffer() noexcept { activate(); }
    constexpr InlineBuffer(InlineBuffer&& other, Live live) noexcept(is_nothrow_relocatable_v<T>) {
        activate();
        detail::relocate_ranges(other.data(), data(), live);
    }
    constexpr InlineBuffer(copy_config_t, const InlineBuffer&) noexcept { activate(); }
    InlineBuffer(const InlineBuffer&) = delete;
    InlineBuffer& operator=(const InlineBuffer&) = delete;
    // Ends no value (the collection does), so it cannot throw whatever T's destructor does;
    // said explicitly, as clang 14 would otherwise take T's into account.
    constexpr ~InlineBuffer() noexcept {}

    // Relocates other's live values into this buffer, which must hold none.
    constexpr void relocate_from(InlineBuffer& other,
                                 Live live) noexcept(is_nothrow_relocatable_v<T>) {
        detail::relocate_ranges(other.data(), data(), live);
    }

    static constexpr std::size_t capacity() noexcept { return N; }
    static constexpr std::size_t max_capacity() noexcept { return N; }

    constexpr T* data() noexcept { return u_.slots_; }
    constexpr const T* data() const noexcept { return u_.slots_; }

    [[nodiscard]] static constexpr Status try_grow(std::size_t n, Live) noexcept {
        return n <= N ? Status::ok : Status::exceeds_max_capacity;
    }
    [[nodiscard]] static constexpr Status try_shrink(std::size_t, Live) noexcept {
        return Status::ok;
    }

private:
    constexpr void activate() noexcept {
        if constexpr (detail::is_trivially_default_constructible_v<T>)
            if (std::is_constant_evaluated())
                std::construct_at(&u_, activate_t{});
    }

    struct activate_t {};
    union Slots {
        T slots_[N];
        constexpr Slots() noexcept {}
        constexpr explicit Slots(activate_t) noexcept : slots_{} {}
        constexpr ~Slots() noexcept {}
    } u_;
};

// No slots at all: an always-full buffer (useful as the inline part of SvoBuffer<B, 0>).
template <class T>
class InlineBuffer<T, 0> : public detail::stateless_buffer<InlineBuffer<T, 0>> {
public:
    using value_type = T;
    using reference = T&;
    using const_reference = const T&;

    using detail::stateless_buffer<InlineBuffer>::stateless_buffer;

    static constexpr std::size_t capacity() noexcept { return 0; }
    static constexpr std::size_t max_capacity() noexcept { return 0; }
    constexpr T& get(std::size_t) noexcept { return *data(); }
    constexpr const T& get(std::size_t) const noexcept { return *data(); }
    constexpr T* ptr(std::size_t) noexcept { return nullptr; }
    constexpr const T* ptr(std::size_t) const noexcept { return nullptr; }
    constexpr T* data() noexcept { return nullptr; }
    constexpr const T* data() const noexcept { return nullptr; }
    template <class... Args>
    constexpr void put(std::size_t, Args&&...) {
        detail::fail("buffers::InlineBuffer<T, 0>::put", "the buffer has no slots");
    }
    constexpr T take(std::size_t) { detail::fail("buffers::InlineBuffer<T, 0>::take", "no slots"); }
    constexpr void destroy(std::size_t) noexcept {}
    [[nodiscard]] static constexpr Status try_grow(std::size_t n, Live) noexcept {
        return n == 0 ? Status::ok : Status::exceeds_max_capacity;
    }
    [[nodiscard]] static constexpr Status try_shrink(std::size_t, Live) noexcept {
        return Status::ok;
    }
};

} // namespace buffers
