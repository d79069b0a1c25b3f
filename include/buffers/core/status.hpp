#pragma once

// The result of a buffer's try_grow / try_shrink and of a collection's try_reserve. Failure
// leaves the buffer (and the collection) unchanged.

#include <string_view>

namespace buffers {

enum class Status : unsigned char {
    ok = 0,
    out_of_memory,        // the allocator refused
    exceeds_max_capacity, // the request is over max_capacity() (a buffer's try_grow says so for
                          // a full fixed buffer too; a collection's try_reserve: unsupported)
    unsupported,          // this buffer cannot do that at all (grow, for a fixed capacity)
};

constexpr std::string_view to_string(Status s) noexcept {
    switch (s) {
    case Status::ok:
        return "ok";
    case Status::out_of_memory:
        return "out of memory";
    case Status::exceeds_max_capacity:
        return "exceeds max capacity";
    case Status::unsupported:
        return "unsupported";
    }
    return "unknown status";
}

} // namespace buffers
