#pragma once

// A memory resource whose n-th allocation from now fails (fail_in = n - 1; -1: never), for
// pmr arenas that run out part way through an operation. Two resources never compare equal.

#include <cstddef>
#include <memory_resource>
#include <new>

namespace support {

class FailingResource : public std::pmr::memory_resource {
public:
    int fail_in = -1;

private:
    void* do_allocate(std::size_t bytes, std::size_t align) override {
        if (fail_in >= 0 && fail_in-- == 0)
            throw std::bad_alloc();
        return std::pmr::new_delete_resource()->allocate(bytes, align);
    }
    void do_deallocate(void* p, std::size_t bytes, std::size_t align) override {
        std::pmr::new_delete_resource()->deallocate(p, bytes, align);
    }
    bool do_is_equal(const std::pmr::memory_resource& o) const noexcept override {
        return this == &o;
    }
};

} // namespace support
