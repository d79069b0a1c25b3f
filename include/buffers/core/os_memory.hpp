#pragma once

// Memory sources that take pages straight from the operating system (see memory_source.hpp
// for what a source is):
//
//   PageSource<T>               mmap'ed blocks in whole pages, grown with mremap (the pages move,
//                               their bytes are not copied), shrunk by unmapping the tail.
//   ReservedSource<T, MaxBytes> one range of address space reserved up front (PROT_NONE,
//                               MAP_NORESERVE: no memory), committed page by page as it grows
//                               (mprotect) and decommitted as it shrinks (MADV_DONTNEED): the
//                               block never moves.
//
//   HeapThenPageSource<T, B>    blocks under B bytes from the heap, larger ones as PageSource.
//
// Blocks of 256 KiB and more are rounded up to whole 2 MiB, aligned to 2 MiB and asked for
// transparent huge pages (MADV_HUGEPAGE); where the kernel has none, or refuses, they are
// ordinary pages and nothing else changes.
//
// Platforms: Linux has everything. Other POSIX systems (macOS, the BSDs) have no mremap: a
// PageSource block grows by relocation into a new mapping; there is no
// MADV_HUGEPAGE there either. Without POSIX mmap (Windows) both sources refuse to instantiate
// with a static_assert naming the platform (BUFFERS_HAS_MMAP is 0); the headers still compile.

#include "../detail/std_support.hpp"
#include "memory_source.hpp"

#include <cstddef>
#include <cstdint>
#include <type_traits>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/mman.h>
#include <unistd.h>
#define BUFFERS_HAS_MMAP 1
#else
#define BUFFERS_HAS_MMAP 0
#endif

#if BUFFERS_HAS_MMAP && defined(__linux__) && defined(MREMAP_MAYMOVE)
#define BUFFERS_HAS_MREMAP 1
#else
#define BUFFERS_HAS_MREMAP 0
#endif

namespace buffers {

namespace detail::os {

inline constexpr std::size_t huge_page = std::size_t{2} << 20;
// Blocks from this size on are made of whole huge pages. Below a whole huge page, because a
// 2 MiB range that already holds small pages never gets a huge one: a block that reaches 2 MiB
// in small pages pays 512 faults for its first 2 MiB. At most 8 times the bytes asked for, and
// only the pages written become resident.
#ifndef BUFFERS_HUGE_FROM
#define BUFFERS_HUGE_FROM (std::size_t{256} << 10)
#endif
inline constexpr std::size_t huge_from = BUFFERS_HUGE_FROM;

#if BUFFERS_HAS_MMAP
inline std::size_t page_size() noexcept {
    static const std::size_t size = [] {
        const long s = ::sysconf(_SC_PAGESIZE);
        return s > 0 ? static_cast<std::size_t>(s) : std::size_t{4096};
    }();
    return size;
}

constexpr std::size_t round_up(std::size_t n, std::size_t to) noexcept {
    return (n + to - 1) / to * to;
}

// The bytes a block of `bytes` occupies: whole pages, whole huge pages from huge_from on.
inline std::size_t block_bytes(std::size_t bytes) noexcept {
    return bytes >= huge_from ? round_up(bytes, huge_page) : round_up(bytes, page_size());
}

inline void advise_huge(void* p, std::size_t bytes) noexcept {
#ifdef MADV_HUGEPAGE
    if (bytes >= huge_page)
        (void)::madvise(p, bytes, MADV_HUGEPAGE); // refused or unavailable: ordinary pages
#else
    (void)p, (void)bytes;
#endif
}

// Maps `bytes` (a block_bytes result) with protection prot, aligned to 2 MiB when that large.
// Null on failure.
inline void* map(std::size_t bytes, int prot, int extra_flags = 0) noexcept {
    const int flags = MAP_PRIVATE | MAP_ANONYMOUS | extra_flags;
    if (bytes < huge_page) {
        void* p = ::mmap(nullptr, bytes, prot, flags, -1, 0);
        return p == MAP_FAILED ? nullptr : p;
    }
    // Over-map by one huge page, then give back what lies outside the aligned range.
    const std::size_t span = bytes + huge_page;
    void* raw = ::mmap(nullptr, span, prot, flags, -1, 0);
    if (raw == MAP_FAILED)
        return nullptr;
    const auto start = reinterpret_cast<std::uintptr_t>(raw);
    const std::uintptr_t aligned = round_up(start, huge_page);
    if (aligned > start)
        ::munmap(raw, aligned - start);
    const std::uintptr_t end = aligned + bytes;
    if (start + span > end)
        ::munmap(reinterpret_cast<void*>(end), start + span - end);
    return reinterpret_cast<void*>(aligned);
}

inline void unmap(void* p, std::size_t bytes) noexcept {
    if (p != nullptr && bytes != 0)
        ::munmap(p, bytes);
}
#endif

} // namespace detail::os

#if BUFFERS_HAS_MMAP

// Pages from mmap. A block of n slots takes block_bytes(n * sizeof(T)) and holds every slot
// those pages fit. Growth first tries to extend the mapping where it is; then, for trivially
// relocatable T, moves the pages to a new address with mremap (no byte is copied); otherwise
// (and on systems without mremap) the buffer relocates the values into a new block.
template <class T>
struct PageSource : detail::plain_source<T, false> {
    static_assert(alignof(T) <= 4096, "buffers: PageSource<T> aligns blocks to pages at most");

    static constexpr std::size_t max_capacity() noexcept {
        return (static_cast<std::size_t>(PTRDIFF_MAX) - detail::os::huge_page) / sizeof(T);
    }
    static std::size_t bytes_for(std::size_t n) noexcept {
        return detail::os::block_bytes(n * sizeof(T));
    }
    static std::size_t slots_in(std::size_t bytes) noexcept {
        return std::min(bytes / sizeof(T), max_capacity());
    }

    static Block<T*> allocate(std::size_t n) noexcept {
        const std::size_t bytes = bytes_for(n);
        void* p = detail::os::map(bytes, PROT_READ | PROT_WRITE);
        if (p == nullptr)
            return Block<T*>{};
        detail::os::advise_huge(p, bytes);
        return Block<T*>{static_cast<T*>(p), slots_in(bytes)};
    }
    static void deallocate(Block<T*> b) noexcept {
        if (b.ptr != nullptr)
            detail::os::unmap(b.ptr, bytes_for(b.cap));
    }
    static Status resize(Block<T*>& b, std::size_t n, Live live) noexcept {
        const std::size_t old_bytes = bytes_for(b.cap);
        const std::size_t new_bytes = bytes_for(n);
        if (new_bytes == old_bytes)
            return Status::ok;
        // From small pages into huge ones: copied, not remapped, so that the new block is faulted
        // in as huge pages rather than keeping the small pages it had.
        if (old_bytes < detail::os::huge_page && new_bytes >= detail::os::huge_page)
            return Status::unsupported;
        if (new_bytes < old_bytes) {
            detail::os::unmap(reinterpret_cast<std::byte*>(b.ptr) + new_bytes,
                              old_bytes - new_bytes);
            b.cap = slots_in(new_bytes);
            return Status::ok;
        }
#if BUFFERS_HAS_MREMAP
        const bool may_move = is_trivially_relocatable_v<T> || live.empty();
        void* p;
        if (may_move && new_bytes < detail::os::huge_page) {
            // In place if the address space after the block is free, elsewhere otherwise: one
            // call (the kernel tries in place first; mappings are placed top-down, so the
            // space after a block is seldom free).
            p = ::mremap(b.ptr, old_bytes, new_bytes, MREMAP_MAYMOVE);
            if (p == MAP_FAILED)
                return Status::out_of_memory;
        } else {
            // Where it is, if the address space after the block is free.
            p = ::mremap(b.ptr, old_bytes, new_bytes, 0);
            if (p == MAP_FAILED && !may_move)
                return Status::unsupported;
            if (p == MAP_FAILED) {
                // Elsewhere: onto a 2 MiB-aligned range mapped for the purpose, so that the
                // huge pages move whole.
                void* dst = detail::os::map(new_bytes, PROT_NONE, MAP_NORESERVE);
                if (dst == nullptr)
                    return Status::out_of_memory;
                p = ::mremap(b.ptr, old_bytes, new_bytes, MREMAP_MAYMOVE | MREMAP_FIXED, dst);
                if (p == MAP_FAILED) {
                    detail::os::unmap(dst, new_bytes);
                    return Status::out_of_memory;
                }
            }
        }
        // No madvise: a mapping that mremap extends or moves keeps its MADV_HUGEPAGE.
        b = Block<T*>{static_cast<T*>(p), slots_in(new_bytes)};
        return Status::ok;
#else
        (void)live;
        return Status::unsupported;
#endif
    }
};

// Heap blocks while small, pages once large: blocks of fewer than HeapBelow bytes come from
// HeapSource (no system call for a small collection), larger ones from PageSource. A block's
// capacity tells which source it came from; growth across the threshold relocates once.
template <class T, std::size_t HeapBelow>
struct HeapThenPageSource : detail::plain_source<T, false> {
    using heap = HeapSource<T>;
    using pages = PageSource<T>;

    static constexpr std::size_t max_capacity() noexcept { return pages::max_capacity(); }
    static constexpr bool on_heap(std::size_t n) noexcept { return n * sizeof(T) < HeapBelow; }

    static Block<T*> allocate(std::size_t n) noexcept {
        return on_heap(n) ? heap::allocate(n) : pages::allocate(n);
    }
    static void deallocate(Block<T*> b) noexcept {
        if (on_heap(b.cap))
            heap::deallocate(b);
        else
            pages::deallocate(b);
    }
    static Status resize(Block<T*>& b, std::size_t n, Live live) noexcept {
        if (on_heap(b.cap) != on_heap(n))
            return Status::unsupported;
        return on_heap(n) ? heap::resize(b, n, live) : pages::resize(b, n, live);
    }
};

// One reserved range of MaxBytes, committed as it grows: the block never moves, so its
// addresses stay valid for the whole life of the source. The range is reserved on the first
// allocation and released with the block.
//
// Layout: the range is 2 MiB-aligned and the block starts `lead` bytes into it, so that its
// first huge_from bytes (committed page by page, held in small pages) end exactly at a huge
// page boundary. Everything past them lies in whole 2 MiB ranges that nothing has touched,
// which the kernel faults in as huge pages. Starting at the boundary instead leaves the first
// 2 MiB in the small pages it began with (a 2 MiB range that holds small pages never gets a
// huge one on a fault): 512 faults where this layout takes 64 and one huge-page fault.
template <class T, std::size_t MaxBytes>
struct ReservedSource : detail::plain_source<T, true> {
    static_assert(alignof(T) <= 4096, "buffers: ReservedSource<T> aligns blocks to pages at most");
    static_assert(MaxBytes >= sizeof(T), "buffers: the reservation must hold one element");

    // Whether the block ever reaches huge pages, and where in the range it starts.
    static constexpr bool huge = MaxBytes > detail::os::huge_from;
    static constexpr std::size_t lead =
        huge ? (detail::os::huge_page - detail::os::huge_from % detail::os::huge_page) %
                   detail::os::huge_page
             : 0;

    static constexpr std::size_t max_capacity() noexcept { return MaxBytes / sizeof(T); }
    // The bytes reserved (lead included).
    static std::size_t reserved_bytes() noexcept {
        return huge ? detail::os::round_up(lead + MaxBytes, detail::os::huge_page)
                    : detail::os::round_up(MaxBytes, detail::os::page_size());
    }
    // The bytes committed for n slots: whole pages up to huge_from, whole huge pages after.
    static std::size_t committed_bytes(std::size_t n) noexcept {
        using namespace detail::os;
        const std::size_t bytes = n * sizeof(T);
        if (!huge || bytes <= huge_from)
            return round_up(bytes, page_size());
        return huge_from + round_up(bytes - huge_from, huge_page);
    }
    static std::size_t slots_in(std::size_t bytes) noexcept {
        return std::min(bytes / sizeof(T), max_capacity());
    }

    static Block<T*> allocate(std::size_t n) noexcept {
        if (n > max_capacity())
            return Block<T*>{};
        const std::size_t reserved = reserved_bytes();
        void* p = detail::os::map(reserved, PROT_NONE, MAP_NORESERVE);
        if (p == nullptr)
            return Block<T*>{};
        if constexpr (huge)
            detail::os::advise_huge(p, reserved);
        Block<T*> b{reinterpret_cast<T*>(static_cast<std::byte*>(p) + lead), 0};
        if (resize(b, n, Live{}) != Status::ok) {
            detail::os::unmap(p, reserved);
            return Block<T*>{};
        }
        return b;
    }
    static void deallocate(Block<T*> b) noexcept {
        if (b.ptr != nullptr)
            detail::os::unmap(reinterpret_cast<std::byte*>(b.ptr) - lead, reserved_bytes());
    }
    // Commits or decommits pages at the end of the committed part; never moves.
    static Status resize(Block<T*>& b, std::size_t n, Live) noexcept {
        if (n > max_capacity())
            return Status::exceeds_max_capacity;
        const std::size_t old_bytes = b.cap == 0 ? 0 : committed_bytes(b.cap);
        const std::size_t new_bytes = n == 0 ? 0 : committed_bytes(n);
        auto* base = reinterpret_cast<std::byte*>(b.ptr);
        if (new_bytes > old_bytes) {
            if (::mprotect(base + old_bytes, new_bytes - old_bytes, PROT_READ | PROT_WRITE) != 0)
                return Status::out_of_memory;
        } else if (new_bytes < old_bytes) {
            // The pages go back to the system now, and the range is reserved again.
#ifdef MADV_DONTNEED
            (void)::madvise(base + new_bytes, old_bytes - new_bytes, MADV_DONTNEED);
#endif
            (void)::mprotect(base + new_bytes, old_bytes - new_bytes, PROT_NONE);
        }
        b.cap = slots_in(new_bytes);
        return Status::ok;
    }
};

#else // no mmap: the sources exist, but refuse to be used.

template <class T>
struct PageSource {
    static_assert(sizeof(T) == 0, "buffers: PageBuffer needs POSIX mmap, which this platform "
                                  "lacks; use HeapBuffer (see docs/buffers.md)");
};
template <class T, std::size_t HeapBelow>
struct HeapThenPageSource {
    static_assert(sizeof(T) == 0, "buffers: PageBuffer needs POSIX mmap, which this platform "
                                  "lacks; use HeapBuffer (see docs/buffers.md)");
};
template <class T, std::size_t MaxBytes>
struct ReservedSource {
    static_assert(sizeof(T) == 0, "buffers: StableBuffer needs POSIX mmap, which this platform "
                                  "lacks (see docs/buffers.md)");
};

#endif

} // namespace buffers
