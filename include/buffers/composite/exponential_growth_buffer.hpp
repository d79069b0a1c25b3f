#pragma once

// ExponentialGrowthBuffer<B>: when the collection grows on its own (push_back, emplace, insert,
// resize), it grows to the next power of two: target 2 gives 2, 17 gives 32; a target above
// the largest power of two B allows is clamped to B's maximum. Exact requests (reserve,
// construction, assign) pass through: reserve(1'100'000) gets 1'100'000 slots, not 2^21.
// Over a buffer with a policy of its own (AtLeastBuffer), the power of two is taken over what
// that policy asks for.

#include "../core/ops.hpp"
#include "indirect_buffer.hpp"

#include <bit>
#include <cstddef>

namespace buffers {

template <class B>
class ExponentialGrowthBuffer : public IndirectBuffer<B> {
    using base = IndirectBuffer<B>;

public:
    using library_buffer_type = ExponentialGrowthBuffer;
    using base::base;

    // The capacity a growth to n asks the inner buffer for.
    static constexpr std::size_t growth_target(std::size_t n, std::size_t max) noexcept {
        constexpr std::size_t top = std::size_t{1} << (sizeof(std::size_t) * 8 - 1);
        if (n > top)
            return n;
        const std::size_t rounded = std::bit_ceil(n);
        return rounded > max && n <= max ? max : rounded;
    }

    // The growth policy (hook next_capacity, core/hooks.hpp).
    constexpr std::size_t next_capacity(std::size_t n) const noexcept {
        if constexpr (has_next_capacity<base>)
            n = base::next_capacity(n);
        return growth_target(n, this->max_capacity());
    }
};

} // namespace buffers
