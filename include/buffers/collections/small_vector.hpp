#pragma once

// The names people reach for first, for the two compositions they reach for first. Each is an
// alias, not a new type: everything about Vector and the buffers underneath applies.

#include "../base/heap_buffer.hpp"
#include "../base/inline_buffer.hpp"
#include "../composite/exponential_growth_buffer.hpp"
#include "../composite/svo_buffer.hpp"
#include "vector.hpp"

#include <cstddef>

namespace buffers {

// N elements inside the object, then one heap block that grows by powers of two, so push_back
// is amortised O(1) on both sides of N (llvm::SmallVector, boost::container::small_vector).
template <class T, std::size_t N>
using SmallVector = Vector<T, ExponentialGrowthBuffer<SvoBuffer<HeapBuffer<T>, N>>>;

// At most N elements, all inside the object; never touches the heap (C++26 std::inplace_vector,
// boost::container::static_vector). A full push_back throws std::length_error (inplace_vector
// throws std::bad_alloc); try_push_back returns null instead.
template <class T, std::size_t N>
using StaticVector = Vector<T, InlineBuffer<T, N>>;

} // namespace buffers
