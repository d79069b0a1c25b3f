#pragma once

// PageBuffer<T>: one block of pages straight from the OS (mmap). Two words, like HeapBuffer.
//
// * Exact capacity in whole pages: capacity() counts every slot the mapped pages hold.
// * Growth extends the mapping in place when the address space after it is free, and otherwise
//   moves the pages with mremap: trivially relocatable T are never copied, even when the block
//   moves. Other T stay put when the mapping extends in place and are relocated otherwise.
// * Shrinking unmaps the pages past the new capacity: resident memory follows.
// * Blocks of 256 KiB and more are whole 2 MiB, 2 MiB-aligned, and asked for transparent huge
//   pages: one page fault per 2 MiB instead of 512 when they are first written. The block that
//   first crosses into huge pages is copied, not remapped, so that it is made of huge pages.
//
// Every growth is a system call, so a small collection is better off on the heap first:
// PageBuffer<T, HeapBelow> takes blocks of fewer than HeapBelow bytes from the heap (malloc and
// realloc, as HeapBuffer) and only larger ones from the OS; PageBuffer<T, page_buffer_huge>
// switches where huge pages start (256 KiB). See docs/buffers.md. Linux is the target;
// without mremap (macOS) the pages are copied on growth; without mmap (Windows) PageBuffer does
// not instantiate (PageSource in core/os_memory.hpp).

#include "../core/os_memory.hpp"
#include "../detail/traits.hpp"

#include <cstddef>
#include <type_traits>

namespace buffers {

// The size from which PageBuffer's blocks are whole 2 MiB huge pages (256 KiB).
inline constexpr std::size_t page_buffer_huge = detail::os::huge_from;

namespace detail {
template <class T, std::size_t HeapBelow>
using page_buffer_source =
    std::conditional_t<HeapBelow == 0, PageSource<T>, HeapThenPageSource<T, HeapBelow>>;
}

template <class T, std::size_t HeapBelow = 0>
class PageBuffer : public detail::source_buffer<PageBuffer<T, HeapBelow>,
                                                detail::page_buffer_source<T, HeapBelow>> {
    static_assert(std::is_object_v<T> && !detail::is_const_v<T> && !detail::is_volatile_v<T>,
                  "buffers: PageBuffer<T> needs a non-const, non-volatile object type");
    using base =
        detail::source_buffer<PageBuffer<T, HeapBelow>, detail::page_buffer_source<T, HeapBelow>>;

public:
    using base::base;
};

} // namespace buffers
