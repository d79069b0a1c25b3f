#pragma once

// HeapBuffer<T>: one heap block that grows to exactly the requested capacity. Two words.
// Trivially relocatable T of ordinary alignment grows with realloc, which can extend the block
// in place or remap its pages instead of copying them.

#include "../core/concepts.hpp"
#include "../core/ops.hpp"
#include "../core/relocate.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <utility>

namespace buffers {

template <class T>
class HeapBuffer {
    static_assert(std::is_object_v<T> && !std::is_const_v<T> && !std::is_volatile_v<T>,
                  "buffers: HeapBuffer<T> needs a non-const, non-volatile object type");

    static constexpr bool over_aligned = alignof(T) > __STDCPP_DEFAULT_NEW_ALIGNMENT__;
    // realloc keeps bytes, so it relocates only types whose bytes are the value.
    static constexpr bool use_realloc = is_trivially_relocatable_v<T> && !over_aligned;

public:
    using value_type = T;
    using reference = T&;
    using const_reference = const T&;
    static constexpr bool plain_construct = true;

    HeapBuffer() noexcept = default;
    HeapBuffer(HeapBuffer&& other, Live) noexcept
        : ptr_(std::exchange(other.ptr_, nullptr)), cap_(std::exchange(other.cap_, 0)) {}
    HeapBuffer(copy_config_t, const HeapBuffer&) noexcept {}
    HeapBuffer(const HeapBuffer&) = delete;
    HeapBuffer& operator=(const HeapBuffer&) = delete;
    ~HeapBuffer() { deallocate(ptr_); }

    // Takes other's block; this buffer must hold no live values.
    void relocate_from(HeapBuffer& other, Live) noexcept {
        deallocate(ptr_);
        ptr_ = std::exchange(other.ptr_, nullptr);
        cap_ = std::exchange(other.cap_, 0);
    }
    void swap_with(HeapBuffer& other, Live, Live) noexcept {
        std::swap(ptr_, other.ptr_);
        std::swap(cap_, other.cap_);
    }

    std::size_t capacity() const noexcept { return cap_; }
    static constexpr std::size_t max_capacity() noexcept {
        return static_cast<std::size_t>(PTRDIFF_MAX) / sizeof(T);
    }

    T& get(std::size_t i) noexcept { return ptr_[i]; }
    const T& get(std::size_t i) const noexcept { return ptr_[i]; }
    T* ptr(std::size_t i) noexcept { return ptr_ + i; }
    const T* ptr(std::size_t i) const noexcept { return ptr_ + i; }
    T* data() noexcept { return ptr_; }
    const T* data() const noexcept { return ptr_; }

    template <class... Args>
    void put(std::size_t i, Args&&... args) {
        detail::construct_at(ptr_ + i, std::forward<Args>(args)...);
    }
    T take(std::size_t i) noexcept(std::is_nothrow_move_constructible_v<T>) {
        T value(std::move(ptr_[i]));
        std::destroy_at(ptr_ + i);
        return value;
    }
    // May throw only if T's destructor may: the collection keeps count when it does.
    void destroy(std::size_t i) noexcept(std::is_nothrow_destructible_v<T>) {
        std::destroy_at(ptr_ + i);
    }
    void destroy_range(std::size_t first, std::size_t last) noexcept {
        detail::destroy_n(ptr_ + first, last - first);
    }

    [[nodiscard]] Status try_grow(std::size_t n, Live live) {
        if (n <= cap_)
            return Status::ok;
        if (n > max_capacity())
            return Status::exceeds_max_capacity;
        return reallocate(n, live);
    }
    [[nodiscard]] Status try_shrink(std::size_t n, Live live) {
        n = std::max(n, live.end());
        if (n >= cap_)
            return Status::ok;
        if (n == 0) {
            deallocate(std::exchange(ptr_, nullptr));
            cap_ = 0;
            return Status::ok;
        }
        return reallocate(n, live);
    }

private:
    static T* allocate(std::size_t n) noexcept {
        const std::size_t bytes = n * sizeof(T);
        if constexpr (use_realloc)
            return static_cast<T*>(std::malloc(bytes));
        else if constexpr (over_aligned)
            return static_cast<T*>(
                ::operator new(bytes, std::align_val_t{alignof(T)}, std::nothrow));
        else
            return static_cast<T*>(::operator new(bytes, std::nothrow));
    }
    static void deallocate(T* p) noexcept {
        if (p == nullptr)
            return;
        if constexpr (use_realloc)
            std::free(p);
        else if constexpr (over_aligned)
            ::operator delete(p, std::align_val_t{alignof(T)});
        else
            ::operator delete(p);
    }

    Status reallocate(std::size_t n, Live live) {
        if constexpr (use_realloc) {
            if (!live.empty()) {
                void* p = std::realloc(ptr_, n * sizeof(T));
                if (p == nullptr)
                    return Status::out_of_memory;
                ptr_ = static_cast<T*>(p);
                cap_ = n;
                return Status::ok;
            }
        }
        T* p = allocate(n);
        if (p == nullptr)
            return Status::out_of_memory;
#if BUFFERS_HAS_EXCEPTIONS
        try {
#endif
            detail::relocate_ranges(ptr_, p, live);
#if BUFFERS_HAS_EXCEPTIONS
        } catch (...) {
            deallocate(p);
            throw;
        }
#endif
        deallocate(ptr_);
        ptr_ = p;
        cap_ = n;
        return Status::ok;
    }

    T* ptr_ = nullptr;
    std::size_t cap_ = 0;
};

} // namespace buffers
