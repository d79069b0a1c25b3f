#pragma once

// AllocatorSoaBuffer<T, Alloc>: a struct-of-arrays buffer whose one block (all columns, each on
// a 64-byte boundary, as SoaBuffer<T>) comes from an allocator: std::allocator, a stateful
// allocator, std::pmr::polymorphic_allocator. A table can then live on an arena:
//
//     std::pmr::monotonic_buffer_resource arena(1 << 20);
//     buffers::AllocatorSoaVector<Trade, std::pmr::polymorphic_allocator<Trade>> v(&arena);
//     v.get_allocator().resource() == &arena
//
// Alloc is rebound to a block type of the columns' alignment, so any allocator of any value
// type will do (polymorphic_allocator<Trade> asks its resource for 64-byte aligned blocks).
// Vector and Deque over this buffer are allocator-aware: allocator_type, get_allocator() and
// the allocator-extended constructors. Propagation on copy, move and swap follows the
// allocator's traits, as for AllocatorBuffer: a move between unequal allocators that do not
// propagate moves the values one by one into the destination's memory (each field through the
// destination's allocator when it builds fields, so it takes the destination's resource).
//
// Fields are built and destroyed through the allocator (rebound to each field's type) when it
// customises construct or destroy, as std::pmr::polymorphic_allocator does: a std::pmr::string
// field then takes its characters from the table's resource too. Relocation (growth, a sort,
// erase_if) moves fields, which keeps the allocator a field was built with. Emplacing from
// constructor arguments builds a T first (with its fields' default allocators), then moves
// its fields in through the allocator: push rows whose fields already use a resource.

#include "../detail/traits.hpp"
#include "soa_buffer.hpp"

#include "../collections/vector.hpp"
#include "../composite/exponential_growth_buffer.hpp"
#include "../core/config.hpp"
#include "../core/guard.hpp"
#include "../core/live.hpp"
#include "../core/memory_source.hpp"
#include "../core/status.hpp"
#include "../detail/std_support.hpp"

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

namespace buffers {

template <class T, class Alloc = std::allocator<T>>
class AllocatorSoaBuffer : public detail::soa_block_columns<AllocatorSoaBuffer<T, Alloc>, T> {
    using base = detail::soa_block_columns<AllocatorSoaBuffer, T>;
    using info = detail::soa_info<T>;
    using pointers = typename info::pointers;
    friend class detail::soa_columns<AllocatorSoaBuffer, T>;
    friend base;
    using base::block;
    using base::cap_;
    using base::cols_;
    using base::release;
    using traits = std::allocator_traits<Alloc>;

    // The unit the allocator hands out: one alignment's worth of bytes, so aligned like a
    // column start.
    struct alignas(info::alignment) chunk {
        std::byte bytes[info::alignment];
    };
    using chunk_alloc = typename traits::template rebind_alloc<chunk>;
    using chunk_traits = std::allocator_traits<chunk_alloc>;
    static_assert(detail::is_pointer_v<typename chunk_traits::pointer>,
                  "buffers: AllocatorSoaBuffer needs an allocator with plain pointers");

public:
    using allocator_type = Alloc;
    template <std::size_t N>
    using inline_buffer = InlineSoaBuffer<T, N>;

    // Allocators that customise construct or destroy (std::pmr::polymorphic_allocator, scoped
    // allocators) build and destroy every field, each through the allocator rebound to the
    // field's type: uses-allocator construction then gives a std::pmr::string field this
    // buffer's resource. Others let the fields be built in place.
    static constexpr bool soa_builds_fields = requires(Alloc & a, T* p) {
        a.construct(p, std::declval<T&&>());
    }
    || requires(Alloc& a, T* p) { a.destroy(p); };
    template <class F, class... A>
    void build_field(F* p, A&&... args) {
        typename traits::template rebind_alloc<F> a(alloc_);
        std::allocator_traits<decltype(a)>::construct(a, p, std::forward<A>(args)...);
    }
    template <class F>
    void destroy_field(F* p) noexcept {
        typename traits::template rebind_alloc<F> a(alloc_);
        std::allocator_traits<decltype(a)>::destroy(a, p);
    }

    AllocatorSoaBuffer() noexcept(noexcept(Alloc())) requires detail::default_initializable<Alloc>
    = default;
    explicit AllocatorSoaBuffer(const Alloc& alloc) noexcept : alloc_(alloc) {}
    AllocatorSoaBuffer(AllocatorSoaBuffer&& other, Live) noexcept : alloc_(other.alloc_) {
        this->take_block(other);
    }
    AllocatorSoaBuffer(copy_config_t, const AllocatorSoaBuffer& other)
        : alloc_(traits::select_on_container_copy_construction(other.alloc_)) {}
    AllocatorSoaBuffer(const AllocatorSoaBuffer&) = delete;
    AllocatorSoaBuffer& operator=(const AllocatorSoaBuffer&) = delete;
    ~AllocatorSoaBuffer() { release(); }

    allocator_type get_allocator() const noexcept { return alloc_; }

    // Copy assignment of the collection: adopt other's allocator if it propagates. This buffer
    // holds no live values.
    void copy_config_from(const AllocatorSoaBuffer& other) {
        if constexpr (traits::propagate_on_container_copy_assignment::value) {
            if (!equal(other))
                release();
            alloc_ = other.alloc_;
        }
    }
    // Move assignment: adopt other's allocator if it propagates (copied, so that both compare
    // equal and relocate_from hands the block over).
    void move_config_from(AllocatorSoaBuffer& other) noexcept {
        if constexpr (traits::propagate_on_container_move_assignment::value) {
            if (!equal(other))
                release();
            alloc_ = other.alloc_;
        }
    }

    // Takes other's live rows, keeping this buffer's allocator: the block is handed over when
    // the allocators are equal, the rows relocated into this buffer's memory otherwise. This
    // buffer holds no live values.
    void relocate_from(AllocatorSoaBuffer& other,
                       Live live) noexcept(traits::is_always_equal::value) {
        if (equal(other)) {
            this->take_block(other);
            return;
        }
        if constexpr (!traits::is_always_equal::value) {
            if (cap_ < live.end()) {
                std::byte* p = allocate(live.end());
                if (p == nullptr)
                    detail::raise<std::bad_alloc>("buffers::AllocatorSoaBuffer::relocate_from",
                                                  "out of memory");
                release();
                cols_ = info::columns_of(p, live.end());
                cap_ = live.end();
            }
            if constexpr (soa_builds_fields)
                rebuild_fields_from(other, live, std::make_index_sequence<info::fields>());
            else
                detail::relocate_columns<T>(other.cols_, cols_, live);
        }
    }
    void swap_with(AllocatorSoaBuffer& other, Live, Live) noexcept {
        detail::swap_allocators(alloc_, other.alloc_, "buffers::AllocatorSoaBuffer::swap_with");
        this->swap_block(other);
    }

private:
    static constexpr bool grows_in_place = false;

    // Rows from a buffer on an unequal allocator that builds fields: each field is moved in
    // through this buffer's allocator (uses-allocator construction: a std::pmr::string field
    // takes this buffer's resource, not the one it was built with), then other's are destroyed
    // through other's allocator. If a move throws, what was built here is destroyed and other
    // keeps every row.
    template <std::size_t... K>
    void rebuild_fields_from(AllocatorSoaBuffer& other, Live live, std::index_sequence<K...>) {
        std::size_t columns_built = 0;
        detail::on_failure([&] { (move_column_in<K>(other, live, columns_built), ...); },
                           [&] { (destroy_column<K>(live, K < columns_built), ...); });
        (other.template destroy_column<K>(live, true), ...);
    }
    template <std::size_t K>
    void move_column_in(AllocatorSoaBuffer& other, Live live, std::size_t& columns_built) {
        using F = typename info::template field<K>;
        F* dst = static_cast<F*>(cols_.at[K]);
        F* src = static_cast<F*>(other.cols_.at[K]);
        std::size_t built = 0; // in live's order
        detail::on_failure(
            [&] {
                for (IndexRange r : live.ranges())
                    for (std::size_t i = r.first; i < r.last; ++i, ++built)
                        build_field(dst + i, std::move(src[i]));
            },
            [&] {
                for (IndexRange r : live.ranges())
                    for (std::size_t i = r.first; i < r.last && built > 0; ++i, --built)
                        destroy_field(dst + i);
            });
        ++columns_built;
    }
    template <std::size_t K>
    void destroy_column(Live live, bool built) noexcept {
        if (!built)
            return;
        using F = typename info::template field<K>;
        F* col = static_cast<F*>(cols_.at[K]);
        for (IndexRange r : live.ranges())
            for (std::size_t i = r.first; i < r.last; ++i)
                destroy_field(col + i);
    }

    bool equal(const AllocatorSoaBuffer& other) const noexcept {
        return detail::allocators_equal(alloc_, other.alloc_);
    }
    static std::size_t chunks(std::size_t n) noexcept {
        return info::block_bytes(n) / info::alignment;
    }
    // A block for n rows, or null when the allocator has no memory.
    std::byte* allocate(std::size_t n) {
        chunk_alloc a(alloc_);
#if BUFFERS_HAS_EXCEPTIONS
        try {
#endif
            return reinterpret_cast<std::byte*>(chunk_traits::allocate(a, chunks(n)));
#if BUFFERS_HAS_EXCEPTIONS
        } catch (const std::bad_alloc&) {
            return nullptr;
        }
#endif
    }
    void deallocate(std::byte* p, std::size_t n) noexcept {
        if (p == nullptr)
            return;
        chunk_alloc a(alloc_);
        chunk_traits::deallocate(a, reinterpret_cast<chunk*>(p), chunks(n));
    }
    [[no_unique_address]] Alloc alloc_{};
};

// A SoaVector whose columns come from an allocator (grown by powers of two).
template <class T, class Alloc = std::allocator<T>>
using AllocatorSoaVector = Vector<T, ExponentialGrowthBuffer<AllocatorSoaBuffer<T, Alloc>>>;

} // namespace buffers
