#pragma once

// SoaVector<T>: a Vector whose elements are stored field by field, grown by powers of two.
// Rows are proxies (soa/row.hpp), columns are spans (soa/columns.hpp). Everything of Vector
// works except data(), which needs contiguous T.

#include "columns.hpp"
#include "row.hpp"
#include "soa_buffer.hpp"

#include "../collections/vector.hpp"
#include "../composite/exponential_growth_buffer.hpp"

namespace buffers {

template <class T>
using SoaVector = Vector<T, ExponentialGrowthBuffer<SoaBuffer<T>>>;

// A fixed-capacity SoA vector: N rows inside the object, no heap.
template <class T, std::size_t N>
using InlineSoaVector = Vector<T, InlineSoaBuffer<T, N>>;

} // namespace buffers
