#pragma once

// A stateful allocator that fails on demand. Allocators with different ids compare unequal;
// copies (and rebinds) share the AllocState they were made with, which counts allocations and
// arms failures.

#include <cstddef>
#include <new>

namespace support {

struct AllocState {
    long allocations = 0;
    long deallocations = 0;
    long fail_countdown = 0; // the nth allocation from now throws std::bad_alloc; 0: never
    bool fail_all = false;   // every allocation throws

    long live_blocks() const noexcept { return allocations - deallocations; }
    void fail_nth(long n) noexcept { fail_countdown = n; }
    void reset_failures() noexcept {
        fail_countdown = 0;
        fail_all = false;
    }
};

inline AllocState& default_alloc_state() noexcept {
    static AllocState s;
    return s;
}

template <class T>
class FailingAllocator {
public:
    using value_type = T;

    FailingAllocator() noexcept = default;
    explicit FailingAllocator(int id, AllocState& state) noexcept : id_(id), state_(&state) {}
    template <class U>
    FailingAllocator(const FailingAllocator<U>& other) noexcept
        : id_(other.id_), state_(other.state_) {}

    T* allocate(std::size_t n) {
        if (state_->fail_all || (state_->fail_countdown > 0 && --state_->fail_countdown == 0))
            throw std::bad_alloc();
        T* p = static_cast<T*>(::operator new (n * sizeof(T), std::align_val_t{alignof(T)}));
        ++state_->allocations;
        return p;
    }
    void deallocate(T* p, std::size_t n) noexcept {
        ++state_->deallocations;
        ::operator delete (p, std::align_val_t{alignof(T)});
        (void)n;
    }

    int id() const noexcept { return id_; }
    AllocState& state() const noexcept { return *state_; }

    template <class U>
    friend bool operator==(const FailingAllocator& a, const FailingAllocator<U>& b) noexcept {
        return a.id_ == b.id_;
    }

private:
    template <class>
    friend class FailingAllocator;
    int id_ = 0;
    AllocState* state_ = &default_alloc_state();
};

} // namespace support
