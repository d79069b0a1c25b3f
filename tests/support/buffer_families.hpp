#pragma once

// Buffer families for the type-list tests: a family F is a quoted metafunction, F::fn<T> is
// that kind of buffer for element T. buffer_product<Families, Elements> is the std::tuple of
// every F::fn<T>, for TEMPLATE_LIST_TEST_CASE.

#include "failing_allocator.hpp"
#include "over_aligned.hpp"
#include "tracked.hpp"

#include <buffers/base/allocator_buffer.hpp>
#include <buffers/base/heap_buffer.hpp>
#include <buffers/base/inline_buffer.hpp>
#include <buffers/base/page_buffer.hpp>
#include <buffers/base/slice_buffer.hpp>
#include <buffers/base/stable_buffer.hpp>
#include <buffers/base/zst_buffer.hpp>
#include <buffers/composite/array_buffer.hpp>
#include <buffers/composite/at_least_buffer.hpp>
#include <buffers/composite/default_buffer.hpp>
#include <buffers/composite/exponential_growth_buffer.hpp>
#include <buffers/composite/indirect_buffer.hpp>
#include <buffers/composite/svo_buffer.hpp>
#include <buffers/composite/zsto_buffer.hpp>

#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/list.hpp>
#include <boost/mp11/utility.hpp>

#include <memory>
#include <memory_resource>
#include <string>
#include <tuple>

namespace support {

template <class Families, class Elements>
using buffer_product =
    boost::mp11::mp_rename<boost::mp11::mp_product<boost::mp11::mp_invoke_q, Families, Elements>,
                           std::tuple>;

// The element types every buffer is tested with.
using standard_elements =
    boost::mp11::mp_list<int, std::string, MoveOnly, OverAligned, Counted, Throwing>;

template <class T>
using pmr_allocator = std::pmr::polymorphic_allocator<T>;

namespace family {
using namespace buffers;

// Base buffers.
struct Heap {
    template <class T>
    using fn = HeapBuffer<T>;
};
struct Inline8 {
    template <class T>
    using fn = InlineBuffer<T, 8>;
};
struct Inline64 {
    template <class T>
    using fn = InlineBuffer<T, 64>;
};
struct Inline0 {
    template <class T>
    using fn = InlineBuffer<T, 0>;
};
struct Slice {
    template <class T>
    using fn = SliceBuffer<T>;
};
struct StdAllocator {
    template <class T>
    using fn = AllocatorBuffer<T>;
};
struct PmrAllocator {
    template <class T>
    using fn = AllocatorBuffer<T, pmr_allocator<T>>;
};
struct FailingAlloc {
    template <class T>
    using fn = AllocatorBuffer<T, FailingAllocator<T>>;
};
struct Page {
    template <class T>
    using fn = PageBuffer<T>;
};
struct PageHeapFirst {
    template <class T>
    using fn = PageBuffer<T, 256>; // heap below 256 bytes: the contract crosses the switch
};
struct Stable {
    template <class T>
    using fn = StableBuffer<T>;
};
// A reservation of 64 KiB: small enough to fill in a test.
struct StableSmall {
    template <class T>
    using fn = StableBuffer<T, std::size_t{64} << 10>;
};

// Composites over one base buffer.
struct Indirect {
    template <class T>
    using fn = IndirectBuffer<HeapBuffer<T>>;
};
struct IndirectUnique {
    template <class T>
    using fn = IndirectBuffer<std::unique_ptr<HeapBuffer<T>>>;
};
struct Zsto {
    template <class T>
    using fn = ZstoBuffer<HeapBuffer<T>>;
};
struct Svo4 {
    template <class T>
    using fn = SvoBuffer<HeapBuffer<T>, 4>;
};
struct Svo0 {
    template <class T>
    using fn = SvoBuffer<HeapBuffer<T>, 0>;
};
struct Exponential {
    template <class T>
    using fn = ExponentialGrowthBuffer<HeapBuffer<T>>;
};
struct AtLeast10 {
    template <class T>
    using fn = AtLeastBuffer<HeapBuffer<T>, 10>;
};
struct Array3 {
    template <class T>
    using fn = ArrayBuffer<HeapBuffer<T>, 3>;
};
struct Default {
    template <class T>
    using fn = DefaultBuffer<T>;
};

// Stacked compositions.
struct ExponentialSvo16 {
    template <class T>
    using fn = ExponentialGrowthBuffer<SvoBuffer<HeapBuffer<T>, 16>>;
};
struct AtLeast64ExponentialPmr {
    template <class T>
    using fn = AtLeastBuffer<ExponentialGrowthBuffer<AllocatorBuffer<T, pmr_allocator<T>>>, 64>;
};
struct ExponentialSvo4 {
    template <class T>
    using fn = ExponentialGrowthBuffer<SvoBuffer<HeapBuffer<T>, 4>>;
};
struct ZstoSvo8 {
    template <class T>
    using fn = ZstoBuffer<SvoBuffer<HeapBuffer<T>, 8>>;
};
struct SvoPmr4 {
    template <class T>
    using fn = SvoBuffer<AllocatorBuffer<T, pmr_allocator<T>>, 4>;
};
struct SvoFailing4 {
    template <class T>
    using fn = SvoBuffer<AllocatorBuffer<T, FailingAllocator<T>>, 4>;
};
struct ExponentialAtLeastSvo {
    template <class T>
    using fn = ExponentialGrowthBuffer<AtLeastBuffer<SvoBuffer<HeapBuffer<T>, 2>, 5>>;
};
struct SvoIndirectUnique3 {
    template <class T>
    using fn = SvoBuffer<IndirectBuffer<std::unique_ptr<HeapBuffer<T>>>, 3>;
};
struct ArrayOfSvo {
    template <class T>
    using fn = ArrayBuffer<SvoBuffer<HeapBuffer<T>, 2>, 2>;
};
struct ExponentialPage {
    template <class T>
    using fn = ExponentialGrowthBuffer<PageBuffer<T>>;
};
struct ExponentialStable {
    template <class T>
    using fn = ExponentialGrowthBuffer<StableBuffer<T>>;
};
struct ExponentialPageHeapFirst {
    template <class T>
    using fn = ExponentialGrowthBuffer<PageBuffer<T, page_buffer_huge>>;
};
struct SvoPage4 {
    template <class T>
    using fn = SvoBuffer<PageBuffer<T>, 4>;
};
struct SvoStable4 {
    template <class T>
    using fn = SvoBuffer<StableBuffer<T>, 4>;
};
struct ExponentialFailing {
    template <class T>
    using fn = ExponentialGrowthBuffer<AllocatorBuffer<T, FailingAllocator<T>>>;
};

} // namespace family
} // namespace support
