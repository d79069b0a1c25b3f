#pragma once

// AllocatorBuffer<T, Alloc>: like HeapBuffer, through an allocator (std::allocator, stateful
// allocators, std::pmr::polymorphic_allocator). Values are built and destroyed through
// allocator_traits, so scoped and polymorphic allocators reach nested containers. Propagation
// on copy, move and swap follows the allocator's traits, as in the standard containers.

#include "../core/concepts.hpp"
#include "../core/ops.hpp"
#include "../core/relocate.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>

namespace buffers {

template <class T, class Alloc = std::allocator<T>>
class AllocatorBuffer {
    using traits = std::allocator_traits<Alloc>;
    static_assert(std::is_same_v<typename traits::value_type, T>,
                  "buffers: AllocatorBuffer<T, Alloc> needs Alloc::value_type to be T");

    // Allocators that customise construct/destroy must see every element built; others let
    // trivially relocatable values move as bytes.
    static constexpr bool custom_construct = requires(Alloc & a, T* p) {
        a.construct(p, std::declval<T&&>());
    }
    || requires(Alloc& a, T* p) { a.destroy(p); };
    static constexpr bool bytewise = is_trivially_relocatable_v<T> && !custom_construct;

public:
    using value_type = T;
    using reference = T&;
    using const_reference = const T&;
    using allocator_type = Alloc;
    using pointer = typename traits::pointer;
    static constexpr bool plain_construct = !custom_construct;

    AllocatorBuffer() noexcept(noexcept(Alloc())) requires std::default_initializable<Alloc>
    = default;
    explicit AllocatorBuffer(const Alloc& alloc) noexcept : alloc_(alloc) {}
    AllocatorBuffer(AllocatorBuffer&& other, Live) noexcept
        : alloc_(std::move(other.alloc_)), ptr_(std::exchange(other.ptr_, nullptr)),
          cap_(std::exchange(other.cap_, 0)) {}
    AllocatorBuffer(copy_config_t, const AllocatorBuffer& other)
        : alloc_(traits::select_on_container_copy_construction(other.alloc_)) {}
    AllocatorBuffer(const AllocatorBuffer&) = delete;
    AllocatorBuffer& operator=(const AllocatorBuffer&) = delete;
    ~AllocatorBuffer() { release(); }

    allocator_type get_allocator() const noexcept { return alloc_; }

    // Copy assignment of the collection: adopt other's allocator if it propagates. This buffer
    // holds no live values.
    void copy_config_from(const AllocatorBuffer& other) {
        if constexpr (traits::propagate_on_container_copy_assignment::value) {
            if (!equal_allocators(other))
                release();
            alloc_ = other.alloc_;
        }
    }
    // Move assignment of the collection: adopt other's allocator if it propagates. Copied,
    // not moved: both then compare equal, so relocate_from hands the block over without
    // throwing (a moved-from allocator need not compare equal to its copy).
    void move_config_from(AllocatorBuffer& other) noexcept {
        if constexpr (traits::propagate_on_container_move_assignment::value) {
            if (!equal_allocators(other))
                release();
            alloc_ = other.alloc_;
        }
    }
    // Takes other's live values, keeping this buffer's allocator: the block is stolen when the
    // allocators are equal, the values are moved one by one otherwise. This buffer holds no
    // live values.
    void relocate_from(AllocatorBuffer& other, Live live) noexcept(traits::is_always_equal::value) {
        if (equal_allocators(other)) {
            release();
            ptr_ = std::exchange(other.ptr_, nullptr);
            cap_ = std::exchange(other.cap_, 0);
            return;
        }
        if constexpr (!traits::is_always_equal::value) {
            if (cap_ < live.end()) {
                pointer p = traits::allocate(alloc_, live.end());
                release();
                ptr_ = p;
                cap_ = live.end();
            }
            relocate(other.data(), data(), live);
        }
    }
    void swap_with(AllocatorBuffer& other, Live, Live) noexcept {
        if constexpr (traits::propagate_on_container_swap::value) {
            using std::swap;
            swap(alloc_, other.alloc_);
        } else {
            BUFFERS_ASSERT(equal_allocators(other), "buffers::AllocatorBuffer::swap_with",
                           "allocators differ and do not propagate on swap");
        }
        std::swap(ptr_, other.ptr_);
        std::swap(cap_, other.cap_);
    }

    std::size_t capacity() const noexcept { return cap_; }
    std::size_t max_capacity() const noexcept {
        return std::min<std::size_t>(traits::max_size(alloc_),
                                     static_cast<std::size_t>(PTRDIFF_MAX) / sizeof(T));
    }

    T& get(std::size_t i) noexcept { return data()[i]; }
    const T& get(std::size_t i) const noexcept { return data()[i]; }
    T* ptr(std::size_t i) noexcept { return data() + i; }
    const T* ptr(std::size_t i) const noexcept { return data() + i; }
    T* data() noexcept { return ptr_ ? std::to_address(ptr_) : nullptr; }
    const T* data() const noexcept { return ptr_ ? std::to_address(ptr_) : nullptr; }

    template <class... Args>
    void put(std::size_t i, Args&&... args) {
        construct_element(data() + i, std::forward<Args>(args)...);
    }
    T take(std::size_t i) noexcept(std::is_nothrow_move_constructible_v<T>) {
        T value(std::move(data()[i]));
        destroy_element(data() + i);
        return value;
    }
    // May throw only if T's destructor may: the collection keeps count when it does.
    void destroy(std::size_t i) noexcept(std::is_nothrow_destructible_v<T>) {
        destroy_element(data() + i);
    }
    void destroy_range(std::size_t first, std::size_t last) noexcept {
        if constexpr (custom_construct || !std::is_trivially_destructible_v<T>)
            for (std::size_t i = first; i < last; ++i)
                destroy_element(data() + i);
    }
    void shift_right(std::size_t first, std::size_t last, std::size_t k) noexcept {
        shift(first, last, first + k);
    }
    void shift_left(std::size_t first, std::size_t last, std::size_t k) noexcept {
        shift(first, last, first - k);
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
            release();
            return Status::ok;
        }
        return reallocate(n, live);
    }

private:
    bool equal_allocators(const AllocatorBuffer& other) const noexcept {
        if constexpr (traits::is_always_equal::value)
            return true;
        else
            return alloc_ == other.alloc_;
    }

    template <class... Args>
    void construct_element(T* p, Args&&... args) {
        if constexpr (custom_construct)
            traits::construct(alloc_, p, std::forward<Args>(args)...);
        else
            detail::construct_at(p, std::forward<Args>(args)...);
    }
    void destroy_element(T* p) noexcept(std::is_nothrow_destructible_v<T>) {
        if constexpr (custom_construct)
            traits::destroy(alloc_, p);
        else
            std::destroy_at(p);
    }

    void relocate(T* src, T* dst, Live live) {
        if constexpr (bytewise)
            detail::relocate_ranges(src, dst, live);
        else
            detail::relocate_ranges_with(
                src, dst, live,
                [this](T* p, auto&& v) { this->construct_element(p, static_cast<decltype(v)>(v)); },
                [this](T* p) { this->destroy_element(p); });
    }

    void shift(std::size_t first, std::size_t last, std::size_t to) noexcept {
        if constexpr (bytewise) {
            detail::move_bytes(data() + to, data() + first, last - first);
        } else {
            static_assert(is_nothrow_relocatable_v<T>,
                          "buffers: shifting elements in place needs a nothrow move constructor");
            T* base = data();
            const std::size_t n = last - first;
            if (to < first) {
                for (std::size_t i = 0; i < n; ++i) {
                    construct_element(base + to + i, std::move(base[first + i]));
                    destroy_element(base + first + i);
                }
            } else {
                for (std::size_t i = n; i-- > 0;) {
                    construct_element(base + to + i, std::move(base[first + i]));
                    destroy_element(base + first + i);
                }
            }
        }
    }

    Status reallocate(std::size_t n, Live live) {
        pointer p{};
#if BUFFERS_HAS_EXCEPTIONS
        try {
            p = traits::allocate(alloc_, n);
        } catch (const std::bad_alloc&) {
            return Status::out_of_memory;
        }
        try {
            relocate(data(), std::to_address(p), live);
        } catch (...) {
            traits::deallocate(alloc_, p, n);
            throw;
        }
#else
        p = traits::allocate(alloc_, n);
        relocate(data(), std::to_address(p), live);
#endif
        release();
        ptr_ = p;
        cap_ = n;
        return Status::ok;
    }

    void release() noexcept {
        if (ptr_) {
            traits::deallocate(alloc_, ptr_, cap_);
            ptr_ = nullptr;
            cap_ = 0;
        }
    }

    [[no_unique_address]] Alloc alloc_{};
    pointer ptr_{};
    std::size_t cap_ = 0;
};

} // namespace buffers
