#pragma once

// An empty, trivially copyable tag: the element type ZstBuffer (and ZstoBuffer's empty branch)
// holds.

#include <compare>

namespace support {

struct Tag {
    friend bool operator==(Tag, Tag) noexcept { return true; }
    friend std::strong_ordering operator<=>(Tag, Tag) noexcept {
        return std::strong_ordering::equal;
    }
};

} // namespace support
