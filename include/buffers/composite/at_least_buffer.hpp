#pragma once

// AtLeastBuffer<B, N>: the first growth reserves at least N slots, and shrinking never goes
// below N: for collections that are known to reach a size soon, without the inline storage
// of SvoBuffer.

#include "indirect_buffer.hpp"

#include <algorithm>
#include <cstddef>

namespace buffers {

template <class B, std::size_t N>
class AtLeastBuffer : public IndirectBuffer<B> {
    using base = IndirectBuffer<B>;

public:
    using base::base;

    [[nodiscard]] constexpr Status try_grow(std::size_t n, Live live) {
        return this->grow_to_target(
            n, live, [](std::size_t k, std::size_t max) { return std::min(std::max(k, N), max); });
    }
    [[nodiscard]] constexpr Status try_shrink(std::size_t n, Live live) {
        return base::try_shrink(std::max(n, N), live);
    }
};

} // namespace buffers
