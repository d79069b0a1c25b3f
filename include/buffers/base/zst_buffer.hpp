#pragma once

// ZstBuffer<T>: for empty, trivially copyable, trivially default constructible T. Stores
// nothing and never allocates. C++ objects need distinct addresses, so get(i) returns a value,
// not a reference (the buffer models CopyValueBuffer, not RefBuffer).

#include "../core/concepts.hpp"
#include "../core/relocate.hpp"
#include "../detail/traits.hpp"

#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace buffers {

template <class T>
inline constexpr bool is_zst_element_v = detail::is_empty_v<T>&&
    detail::is_trivially_copyable_v<T>&& detail::is_trivially_default_constructible_v<T>;

template <class T>
class ZstBuffer : public detail::stateless_buffer<ZstBuffer<T>> {
    static_assert(is_zst_element_v<T>,
                  "buffers: ZstBuffer<T> needs an empty, trivially copyable, trivially default "
                  "constructible T; ZstoBuffer<B> picks ZstBuffer only for such types");

public:
    using value_type = T;
    using reference = T;
    using const_reference = T;

    using detail::stateless_buffer<ZstBuffer>::stateless_buffer;
    constexpr void swap_with(ZstBuffer&, Live, Live) noexcept {}

    // As many slots as a collection can count; they cost nothing.
    static constexpr std::size_t capacity() noexcept {
        return static_cast<std::size_t>(PTRDIFF_MAX);
    }
    static constexpr std::size_t max_capacity() noexcept { return capacity(); }

    constexpr T get(std::size_t) const noexcept { return T{}; }

    // The value is built (its constructor may have effects) and forgotten: all T are alike.
    template <class... Args>
    constexpr void put(std::size_t, Args&&... args) {
        [[maybe_unused]] T value = detail::make_value<T>(std::forward<Args>(args)...);
    }
    constexpr T take(std::size_t) noexcept { return T{}; }
    constexpr void destroy(std::size_t) noexcept {}
    constexpr void destroy_range(std::size_t, std::size_t) noexcept {}
    constexpr void shift_right(std::size_t, std::size_t, std::size_t) noexcept {}
    constexpr void shift_left(std::size_t, std::size_t, std::size_t) noexcept {}

    [[nodiscard]] static constexpr Status try_grow(std::size_t n, Live) noexcept {
        return n <= max_capacity() ? Status::ok : Status::exceeds_max_capacity;
    }
    [[nodiscard]] static constexpr Status try_shrink(std::size_t, Live) noexcept {
        return Status::ok;
    }
};

} // namespace buffers
