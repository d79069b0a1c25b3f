#pragma once

// AllocatorBuffer<T, Alloc>: like HeapBuffer, through an allocator (std::allocator, stateful
// allocators, std::pmr::polymorphic_allocator). Values are built and destroyed through
// allocator_traits, so scoped and polymorphic allocators reach nested containers. Propagation
// on copy, move and swap follows the allocator's traits, as in the standard containers
// (AllocatorSource in core/memory_source.hpp).

#include "../core/memory_source.hpp"
#include "../detail/std_support.hpp"
#include "../detail/traits.hpp"

#include <cstddef>
#include <type_traits>
#include <utility>

namespace buffers {

template <class T, class Alloc = std::allocator<T>>
class AllocatorBuffer
    : public detail::source_buffer<AllocatorBuffer<T, Alloc>, AllocatorSource<T, Alloc>> {
    using source = AllocatorSource<T, Alloc>;
    using base = detail::source_buffer<AllocatorBuffer<T, Alloc>, source>;
    using traits = std::allocator_traits<Alloc>;

public:
    using allocator_type = Alloc;
    using pointer = typename traits::pointer;

    using base::base;
    AllocatorBuffer() noexcept(noexcept(Alloc())) requires detail::default_initializable<Alloc>
    = default;
    constexpr explicit AllocatorBuffer(const Alloc& alloc) noexcept : base(source(alloc)) {}

    constexpr allocator_type get_allocator() const noexcept { return this->src_.allocator(); }

    // Copy assignment of the collection: adopt other's allocator if it propagates. This buffer
    // holds no live values.
    constexpr void copy_config_from(const AllocatorBuffer& other) {
        if constexpr (traits::propagate_on_container_copy_assignment::value) {
            if (!this->equal_sources(other))
                this->release();
            this->src_.allocator() = other.src_.allocator();
        }
    }
    // Move assignment of the collection: adopt other's allocator if it propagates. Copied,
    // not moved: both then compare equal, so relocate_from hands the block over without
    // throwing (a moved-from allocator need not compare equal to its copy).
    // An allocator need only be move-assignable when it propagates on move: such a one is moved.
    constexpr void move_config_from(AllocatorBuffer& other) noexcept {
        if constexpr (traits::propagate_on_container_move_assignment::value) {
            if (!this->equal_sources(other))
                this->release();
            if constexpr (detail::is_copy_assignable_v<Alloc>)
                this->src_.allocator() = other.src_.allocator();
            else
                this->src_.allocator() = std::move(other.src_.allocator());
        }
    }

    constexpr void shift_right(std::size_t first, std::size_t last, std::size_t k) noexcept {
        shift(first, last, first + k);
    }
    constexpr void shift_left(std::size_t first, std::size_t last, std::size_t k) noexcept {
        shift(first, last, first - k);
    }

private:
    constexpr void shift(std::size_t first, std::size_t last, std::size_t to) noexcept {
        if constexpr (source::bytewise) {
            detail::move_bytes(this->data() + to, this->data() + first, last - first);
        } else {
            static_assert(is_nothrow_relocatable_v<T>,
                          "buffers: shifting elements in place needs a nothrow move constructor");
            T* base_ptr = this->data();
            const std::size_t n = last - first;
            auto move_one = [&](std::size_t i) {
                this->src_.construct(base_ptr + to + i, std::move(base_ptr[first + i]));
                this->src_.destroy(base_ptr + first + i);
            };
            if (to < first) {
                for (std::size_t i = 0; i < n; ++i)
                    move_one(i);
            } else {
                for (std::size_t i = n; i-- > 0;)
                    move_one(i);
            }
        }
    }
};

} // namespace buffers
