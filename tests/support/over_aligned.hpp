#pragma once

// An over-aligned, trivially copyable element: buffers must hand out 64-byte aligned slots
// (HeapBuffer cannot use realloc for it, which only guarantees max_align_t).

#include <compare>
#include <cstddef>

namespace support {

struct alignas(64) OverAligned {
    int value = 0;

    OverAligned() = default;
    explicit OverAligned(int v) noexcept : value(v) {}
    int id() const noexcept { return value; }

    friend bool operator==(const OverAligned&, const OverAligned&) = default;
    friend auto operator<=>(const OverAligned&, const OverAligned&) = default;
};

static_assert(alignof(OverAligned) == 64 && sizeof(OverAligned) == 64);

} // namespace support
