#pragma once

// SoaVector<T>: a Vector whose elements are stored field by field, grown by powers of two.
// Rows are proxies (soa/row.hpp), columns are spans (soa/columns.hpp). Everything of Vector
// works except data(), which needs contiguous T.

#include "columns.hpp"
#include "keys.hpp"
#include "row.hpp"
#include "soa_buffer.hpp"

#include "../collections/vector.hpp"
#include "../composite/exponential_growth_buffer.hpp"

namespace buffers {

template <class T>
using SoaVector = Vector<T, ExponentialGrowthBuffer<SoaBuffer<T>>>;

// Each column a block of pages of its own, grown with mremap: growth copies no bytes.
template <class T>
using PageSoaVector = Vector<T, ExponentialGrowthBuffer<SoaBuffer<T, SoaPageColumns>>>;
// Each column a reserved range of its own: rows never move (see StableBuffer).
template <class T, std::size_t MaxBytes = stable_buffer_default_bytes>
using StableSoaVector =
    Vector<T, ExponentialGrowthBuffer<SoaBuffer<T, SoaStableColumns<MaxBytes>>>>;

// A fixed-capacity SoA vector: N rows inside the object, no heap.
template <class T, std::size_t N>
using InlineSoaVector = Vector<T, InlineSoaBuffer<T, N>>;

} // namespace buffers
