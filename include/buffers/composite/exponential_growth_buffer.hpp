#pragma once

// ExponentialGrowthBuffer<B>: rounds every growth target up to a power of two, so a collection
// that asks for size + 1 on each push gets amortised O(1) pushes. Target 2 gives 2, 17 gives
// 32; a target above the largest power of two the inner buffer allows is clamped to its max.

#include "indirect_buffer.hpp"

#include <bit>
#include <cstddef>

namespace buffers {

template <class B>
class ExponentialGrowthBuffer : public IndirectBuffer<B> {
    using base = IndirectBuffer<B>;

public:
    using base::base;

    // The capacity a growth to n asks the inner buffer for.
    static constexpr std::size_t growth_target(std::size_t n, std::size_t max) noexcept {
        constexpr std::size_t top = std::size_t{1} << (sizeof(std::size_t) * 8 - 1);
        if (n > top)
            return n;
        const std::size_t rounded = std::bit_ceil(n);
        return rounded > max && n <= max ? max : rounded;
    }

    [[nodiscard]] constexpr Status try_grow(std::size_t n, Live live) {
        return this->grow_to_target(n, live, growth_target);
    }
};

} // namespace buffers
