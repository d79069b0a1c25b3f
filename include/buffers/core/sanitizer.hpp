#pragma once

// AddressSanitizer container annotations, as libstdc++'s std::vector makes them with
// _GLIBCXX_SANITIZE_VECTOR: the slots of a contiguous collection past its size are marked
// unaddressable, so reading v.data()[v.size()] inside the capacity is reported as a
// container-overflow. Built only under AddressSanitizer (g++ -fsanitize=address defines
// __SANITIZE_ADDRESS__, clang says so through __has_feature); otherwise
// BUFFERS_ANNOTATE_CONTAINERS is 0 and nothing here is compiled into a collection.
//
// The shadow memory of ASan covers 8-byte granules. Only whole granules inside the slots are
// annotated ([first, first + capacity) rounded inwards): the partial granules at either end may
// hold other objects' bytes (inline storage next to other members), which must stay
// addressable. A read past the size that lands in such a partial granule is not reported.
//
// The collection core (collections/core.hpp) calls these:
//   open_slots    every slot addressable: before a member that may touch slots past the size,
//                 and before the storage is given back or reused by anything else.
//   close_slots   the slots past `used` bytes unaddressable: after such a member.
//   move_boundary the boundary moves from one size to another (a push or a pop), O(1).
// and keeps a per-thread list of the collections whose slots are open (annotation_scope), so
// that a member called from another member of the same collection leaves the slots open.

#include <cstddef>
#include <cstdint>

#if defined(__SANITIZE_ADDRESS__)
#define BUFFERS_ANNOTATE_CONTAINERS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BUFFERS_ANNOTATE_CONTAINERS 1
#endif
#endif
#ifndef BUFFERS_ANNOTATE_CONTAINERS
#define BUFFERS_ANNOTATE_CONTAINERS 0
#endif

#if BUFFERS_ANNOTATE_CONTAINERS
#include <sanitizer/common_interface_defs.h>

namespace buffers::detail {

struct annotated_region {
    std::uintptr_t first = 0, last = 0; // whole granules: [first, last)
    std::uintptr_t mid(std::uintptr_t p) const noexcept {
        return p < first ? first : (p > last ? last : p);
    }
};
inline annotated_region granules_of(const void* slots, std::size_t bytes) noexcept {
    constexpr std::uintptr_t g = 8;
    const auto p = reinterpret_cast<std::uintptr_t>(slots);
    const std::uintptr_t first = (p + g - 1) & ~(g - 1);
    const std::uintptr_t last = (p + bytes) & ~(g - 1);
    if (slots == nullptr || last <= first)
        return {};
    return {first, last};
}
inline void annotate(const annotated_region& r, std::uintptr_t old_mid,
                     std::uintptr_t new_mid) noexcept {
    __sanitizer_annotate_contiguous_container(
        reinterpret_cast<const void*>(r.first), reinterpret_cast<const void*>(r.last),
        reinterpret_cast<const void*>(old_mid), reinterpret_cast<const void*>(new_mid));
}

// Whatever the slots' state, all of them addressable.
inline void open_slots(const void* slots, std::size_t bytes) noexcept {
    const annotated_region r = granules_of(slots, bytes);
    if (r.first != r.last)
        annotate(r, r.first, r.last);
}
// Whatever the slots' state, the bytes from `used` on unaddressable.
inline void close_slots(const void* slots, std::size_t bytes, std::size_t used) noexcept {
    const annotated_region r = granules_of(slots, bytes);
    if (r.first == r.last)
        return;
    annotate(r, r.first, r.last);
    annotate(r, r.last, r.mid(reinterpret_cast<std::uintptr_t>(slots) + used));
}
// The slots are closed at `from` bytes; closes them at `to` bytes instead.
inline void move_boundary(const void* slots, std::size_t bytes, std::size_t from,
                          std::size_t to) noexcept {
    const annotated_region r = granules_of(slots, bytes);
    if (r.first == r.last)
        return;
    const auto p = reinterpret_cast<std::uintptr_t>(slots);
    annotate(r, r.mid(p + from), r.mid(p + to));
}

// The collections whose slots are open on this thread, innermost first.
struct annotation_scope {
    const void* owner;
    annotation_scope* outer;

    static annotation_scope*& innermost() noexcept {
        static thread_local annotation_scope* head = nullptr;
        return head;
    }
    static bool is_open(const void* owner) noexcept {
        for (const annotation_scope* s = innermost(); s != nullptr; s = s->outer)
            if (s->owner == owner)
                return true;
        return false;
    }
};

} // namespace buffers::detail
#endif
