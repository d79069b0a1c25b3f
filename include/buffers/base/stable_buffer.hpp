#pragma once

// StableBuffer<T, MaxBytes>: elements that never move. The buffer reserves MaxBytes of address
// space up front (PROT_NONE, MAP_NORESERVE: reserving costs no memory) and commits pages at the
// end as the collection grows, so growth never relocates anything: pointers, references and
// iterators to elements stay valid across push_back, insert at the end and reserve, for the
// collection's whole life. Shrinking (shrink_to_fit) gives the pages past the size back
// (MADV_DONTNEED, then PROT_NONE again); the reservation itself lasts as long as the buffer.
// The buffer declares `stable` (core/hooks.hpp), so collections always grow it in place:
// where Vector would otherwise build new values in new storage and relocate the elements
// around them (an insert in the middle that grows, appends with throwing constructors,
// assign), it grows the reservation and shifts within it instead.
//
// * MaxBytes defaults to 16 GiB (stable_buffer_default_bytes). A full reservation behaves like
//   a full InlineBuffer: try_grow returns Status::exceeds_max_capacity, try_push_back
//   returns null, push_back and reserve throw std::length_error. 16 GiB ranges leave room for
//   thousands of them in a 47-bit address space; pick a smaller MaxBytes for many small
//   collections.
// * The first 256 KiB are committed in pages, the rest in whole 2 MiB, asked for transparent
//   huge pages. The block starts 256 KiB before a 2 MiB boundary, so everything past its first
//   256 KiB is faulted in as huge pages: 64 small faults and one per 2 MiB after that.
// * Moving or swapping the collection hands the reservation over: the elements keep their
//   addresses there too.
//
// Linux and other POSIX systems; without mmap (Windows) StableBuffer does not instantiate
// (ReservedSource in core/os_memory.hpp).

#include "../core/os_memory.hpp"
#include "../detail/traits.hpp"

#include <cstddef>
#include <type_traits>

namespace buffers {

inline constexpr std::size_t stable_buffer_default_bytes = std::size_t{16} << 30;

template <class T, std::size_t MaxBytes = stable_buffer_default_bytes>
class StableBuffer
    : public detail::source_buffer<StableBuffer<T, MaxBytes>, ReservedSource<T, MaxBytes>> {
    static_assert(std::is_object_v<T> && !detail::is_const_v<T> && !detail::is_volatile_v<T>,
                  "buffers: StableBuffer<T> needs a non-const, non-volatile object type");
    using base = detail::source_buffer<StableBuffer<T, MaxBytes>, ReservedSource<T, MaxBytes>>;

public:
    using base::base;

    // The elements never move: collections grow this buffer only in place (core/hooks.hpp).
    static constexpr bool stable = true;

    static constexpr std::size_t max_capacity() noexcept {
        return ReservedSource<T, MaxBytes>::max_capacity();
    }
};

} // namespace buffers
