#pragma once

// AtLeastBuffer<B, N>: when the collection grows on its own (push_back, emplace, insert,
// resize), it grows to at least N slots: a collection known to reach a size soon allocates
// once, without the inline storage of SvoBuffer. Past N, B's own policy applies (doubling when
// B has none). Exact requests (reserve, construction, assign, shrink_to_fit) pass through.

#include "../core/ops.hpp"
#include "../detail/std_support.hpp"
#include "indirect_buffer.hpp"

#include <cstddef>

namespace buffers {

template <class B, std::size_t N>
class AtLeastBuffer : public IndirectBuffer<B> {
    using base = IndirectBuffer<B>;

public:
    using library_buffer_type = AtLeastBuffer;
    using base::base;

    // The growth policy (hook next_capacity, core/hooks.hpp).
    constexpr std::size_t next_capacity(std::size_t n) const noexcept {
        const std::size_t inner = buffers::next_capacity(static_cast<const base&>(*this), n);
        return std::max(std::min(std::max(inner, N), this->max_capacity()), n);
    }
};

} // namespace buffers
