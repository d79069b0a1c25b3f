#pragma once

// The capacity an exact growth request (try_grow(n) from a smaller capacity) gives: n, or n
// rounded up to the buffer's natural unit. Whole pages (whole 2 MiB from 256 KiB on) for the
// OS-memory buffers; composites pass requests through unchanged, so they give what the buffer
// inside gives. A buffer with another natural unit specialises exact_capacity_of.

#include <buffers/base/page_buffer.hpp>
#include <buffers/base/stable_buffer.hpp>
#include <buffers/composite/array_buffer.hpp>
#include <buffers/composite/at_least_buffer.hpp>
#include <buffers/composite/exponential_growth_buffer.hpp>
#include <buffers/composite/indirect_buffer.hpp>
#include <buffers/composite/svo_buffer.hpp>
#include <buffers/composite/zsto_buffer.hpp>

#include <algorithm>
#include <cstddef>

namespace support {

template <class B>
struct exact_capacity_of {
    static std::size_t of(std::size_t n) { return n; }
};
template <class B>
std::size_t exact_capacity(std::size_t n) {
    return exact_capacity_of<B>::of(n);
}

template <class T, std::size_t HeapBelow>
struct exact_capacity_of<buffers::PageBuffer<T, HeapBelow>> {
    static std::size_t of(std::size_t n) {
        using pages = buffers::PageSource<T>;
        return n * sizeof(T) < HeapBelow ? n : pages::slots_in(pages::bytes_for(n));
    }
};
template <class T, std::size_t MaxBytes>
struct exact_capacity_of<buffers::StableBuffer<T, MaxBytes>> {
    static std::size_t of(std::size_t n) {
        using source = buffers::ReservedSource<T, MaxBytes>;
        return source::slots_in(source::committed_bytes(n));
    }
};
template <class Inner>
struct exact_capacity_of<buffers::IndirectBuffer<Inner>> {
    static std::size_t of(std::size_t n) {
        return exact_capacity<typename buffers::IndirectBuffer<Inner>::inner_type>(n);
    }
};
template <class B>
struct exact_capacity_of<buffers::ExponentialGrowthBuffer<B>>
    : exact_capacity_of<buffers::IndirectBuffer<B>> {};
template <class B, std::size_t N>
struct exact_capacity_of<buffers::AtLeastBuffer<B, N>>
    : exact_capacity_of<buffers::IndirectBuffer<B>> {};
template <class B>
struct exact_capacity_of<buffers::ZstoBuffer<B>> : exact_capacity_of<B> {};
template <class B, std::size_t N>
struct exact_capacity_of<buffers::SvoBuffer<B, N>> {
    static std::size_t of(std::size_t n) { return n <= N ? N : exact_capacity<B>(n); }
};
template <class B, std::size_t N>
struct exact_capacity_of<buffers::ArrayBuffer<B, N>> : exact_capacity_of<B> {};

} // namespace support
