#pragma once

// SliceBuffer<T>: slots in storage the caller provides and keeps alive (a stack array, an
// arena, a memory-mapped region). Cannot grow; moving the collection moves the storage.

#include "../core/concepts.hpp"
#include "../core/ops.hpp"
#include "../core/relocate.hpp"
#include "../core/slots.hpp"
#include "../detail/std_support.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>

namespace buffers {

// Raw, uninitialised storage for one T: declare `RawSlot<T> storage[64];` and hand it to a
// SliceBuffer.
template <class T>
struct RawSlot {
    alignas(T) std::byte bytes[sizeof(T)];
};

template <class T>
class SliceBuffer : public detail::slot_access<SliceBuffer<T>, T> {
public:
    static constexpr bool plain_construct = true;

    constexpr SliceBuffer() noexcept = default;
    explicit SliceBuffer(std::span<RawSlot<T>> slots) noexcept
        : ptr_(reinterpret_cast<T*>(slots.data())), cap_(slots.size()) {}
    // Uses the suitably aligned part of raw bytes.
    explicit SliceBuffer(std::span<std::byte> bytes) noexcept {
        const auto at = reinterpret_cast<std::uintptr_t>(bytes.data());
        const std::size_t skip = (alignof(T) - at % alignof(T)) % alignof(T);
        if (skip + sizeof(T) <= bytes.size()) {
            ptr_ = reinterpret_cast<T*>(bytes.data() + skip);
            cap_ = (bytes.size() - skip) / sizeof(T);
        }
    }
    SliceBuffer(SliceBuffer&& other, Live) noexcept
        : ptr_(detail::exchange(other.ptr_, nullptr)), cap_(detail::exchange(other.cap_, 0)) {}
    SliceBuffer(const SliceBuffer&) = delete;
    SliceBuffer& operator=(const SliceBuffer&) = delete;
    ~SliceBuffer() = default;

    // Takes other's storage (this buffer's own storage is forgotten; it must hold no values).
    void relocate_from(SliceBuffer& other, Live) noexcept {
        ptr_ = detail::exchange(other.ptr_, nullptr);
        cap_ = detail::exchange(other.cap_, 0);
    }
    void swap_with(SliceBuffer& other, Live, Live) noexcept {
        std::swap(ptr_, other.ptr_);
        std::swap(cap_, other.cap_);
    }

    std::size_t capacity() const noexcept { return cap_; }
    std::size_t max_capacity() const noexcept { return cap_; }

    T* data() noexcept { return ptr_; }
    const T* data() const noexcept { return ptr_; }

    [[nodiscard]] Status try_grow(std::size_t n, Live) const noexcept {
        return n <= cap_ ? Status::ok : Status::exceeds_max_capacity;
    }
    [[nodiscard]] static constexpr Status try_shrink(std::size_t, Live) noexcept {
        return Status::ok;
    }

private:
    T* ptr_ = nullptr;
    std::size_t cap_ = 0;
};

} // namespace buffers
