#pragma once

// DefaultBuffer<T>: what Vector<T> uses when no buffer is named. One heap block that grows by
// powers of two when the collection grows on its own and exactly as asked by reserve,
// construction and assign (sizeof(Vector<int>) == sizeof(std::vector<int>)), and no storage at
// all for empty tag types.

#include "../base/heap_buffer.hpp"
#include "exponential_growth_buffer.hpp"
#include "zsto_buffer.hpp"

namespace buffers {

template <class T>
using DefaultBuffer = ZstoBuffer<ExponentialGrowthBuffer<HeapBuffer<T>>>;

} // namespace buffers
