#pragma once

// Where a base buffer's memory comes from, chosen in one place.
//
// A memory source hands out blocks of slots for elements T and takes them back:
//
//   allocate(n)            a Block of at least n slots (its cap says how many: a page source
//                          rounds up to whole pages), or a null block when memory is refused.
//   deallocate(block)      gives a block back (a null block is fine).
//   resize(block, n, live) makes the block hold n slots without going through a second block
//                          (realloc, mremap, committing reserved pages), the live values keeping
//                          their indices. Status::unsupported when this source cannot do it for
//                          this block: the buffer then allocates a new block and relocates the
//                          live ranges (core/relocate.hpp), see detail::resize_block.
//   max_capacity()         the most slots a block can have.
//
// and says how it behaves as part of a collection: always_equal (blocks of one source may be
// freed by another), stable (blocks never move), select_on_copy() for a copy's source,
// equal(other) and swap_config(other). A source that builds elements itself (an allocator
// customising construct/destroy) says custom_construct and provides construct, destroy and
// relocate.
//
// The sources here: HeapSource (malloc/realloc for trivially relocatable T, aligned new
// otherwise) and AllocatorSource (any allocator, std::pmr included). core/os_memory.hpp adds
// pages from the OS (PageSource) and reserved address space (ReservedSource).
// detail::source_buffer puts a source under the shared slot access: HeapBuffer,
// AllocatorBuffer, PageBuffer and StableBuffer are each that skeleton plus their source.

#include "../detail/std_support.hpp"
#include "../detail/traits.hpp"
#include "config.hpp"
#include "guard.hpp"
#include "live.hpp"
#include "ops.hpp"
#include "relocate.hpp"
#include "slots.hpp"
#include "status.hpp"

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <type_traits>
#include <utility>

namespace buffers {

// A block of slots: where it starts and how many slots it holds.
template <class Pointer>
struct Block {
    Pointer ptr{};
    std::size_t cap = 0;
};

template <class S>
concept MemorySource = requires(S& s, const S& cs, Block<typename S::pointer>& b, std::size_t n,
                                Live live) {
    typename S::value_type;
    typename S::pointer;
    { s.allocate(n) } -> std::same_as<Block<typename S::pointer>>;
    s.deallocate(b); // never throws (copying a fancy pointer need not say noexcept)
    { s.resize(b, n, live) } -> std::same_as<Status>;
    { cs.max_capacity() }
    noexcept->std::same_as<std::size_t>;
    { S::always_equal } -> std::convertible_to<bool>;
    { S::stable } -> std::convertible_to<bool>;
};

namespace detail {
// What the sources of plain T* blocks, interchangeable between buffers, have in common.
template <class T, bool Stable>
struct plain_source {
    using value_type = T;
    using pointer = T*;
    static constexpr bool always_equal = true;
    static constexpr bool stable = Stable;
};
} // namespace detail

// Memory from the global heap. Trivially relocatable T of ordinary alignment comes from malloc
// and grows with realloc, which can extend the block in place or remap its pages instead of
// copying them; other T come from (aligned) operator new and are relocated one by one.
template <class T>
struct HeapSource : detail::plain_source<T, false> {

    static constexpr bool over_aligned = alignof(T) > __STDCPP_DEFAULT_NEW_ALIGNMENT__;
    // realloc keeps bytes, so it relocates only types whose bytes are the value.
    static constexpr bool use_realloc = is_trivially_relocatable_v<T> && !over_aligned;

    static constexpr std::size_t max_capacity() noexcept {
        return static_cast<std::size_t>(PTRDIFF_MAX) / sizeof(T);
    }

    // Constant evaluation has neither malloc nor operator new: std::allocator<T> there.
    static constexpr Block<T*> allocate(std::size_t n) noexcept {
        if (std::is_constant_evaluated())
            return Block<T*>{std::allocator<T>().allocate(n), n};
        const std::size_t bytes = n * sizeof(T);
        void* p;
        if constexpr (use_realloc)
            p = std::malloc(bytes);
        else if constexpr (over_aligned)
            p = ::operator new (bytes, std::align_val_t{alignof(T)}, std::nothrow);
        else
            p = ::operator new(bytes, std::nothrow);
        return p ? Block<T*>{static_cast<T*>(p), n} : Block<T*>{};
    }
    static constexpr void deallocate(Block<T*> b) noexcept {
        if (b.ptr == nullptr)
            return;
        if (std::is_constant_evaluated())
            return std::allocator<T>().deallocate(b.ptr, b.cap);
        if constexpr (use_realloc)
            std::free(b.ptr);
        else if constexpr (over_aligned)
            ::operator delete (b.ptr, std::align_val_t{alignof(T)});
        else
            ::operator delete(b.ptr);
    }
    // realloc, when it may move the bytes and there are live bytes worth keeping (an empty
    // block is replaced, not copied).
    static constexpr Status resize(Block<T*>& b, std::size_t n, Live live) noexcept {
        if constexpr (use_realloc) {
            if (!live.empty() && !std::is_constant_evaluated()) {
                void* p = std::realloc(b.ptr, n * sizeof(T));
                if (p == nullptr)
                    return Status::out_of_memory;
                b = Block<T*>{static_cast<T*>(p), n};
                return Status::ok;
            }
        }
        (void)b, (void)n, (void)live;
        return Status::unsupported;
    }
};

namespace detail {
// Whether blocks from one allocator may be freed by the other (always, when the traits say so).
template <class A>
constexpr bool allocators_equal(const A& a, const A& b) noexcept {
    if constexpr (std::allocator_traits<A>::is_always_equal::value)
        return true;
    else
        return a == b;
}
// The allocators of two buffers that swap their storage (the swap_with hook): exchanged when
// they propagate on swap, otherwise they must compare equal (checked, naming at).
template <class A>
constexpr void swap_allocators(A& a, A& b, [[maybe_unused]] const char* at) noexcept {
    if constexpr (std::allocator_traits<A>::propagate_on_container_swap::value) {
        using std::swap;
        swap(a, b);
    } else {
        BUFFERS_ASSERT(allocators_equal(a, b), at,
                       "allocators differ and do not propagate on swap");
    }
}
} // namespace detail

// Memory from an allocator (std::allocator, stateful allocators, std::pmr). Values are built
// and destroyed through allocator_traits when the allocator customises that, so scoped and
// polymorphic allocators reach nested containers. Propagation on copy, move and swap follows
// the allocator's traits, as in the standard containers.
template <class T, class Alloc>
class AllocatorSource {
    using traits = std::allocator_traits<Alloc>;
    static_assert(std::is_same_v<typename traits::value_type, T>,
                  "buffers: AllocatorBuffer<T, Alloc> needs Alloc::value_type to be T");

public:
    using value_type = T;
    using pointer = typename traits::pointer;
    using allocator_type = Alloc;
    static constexpr bool always_equal = traits::is_always_equal::value;
    static constexpr bool stable = false;
    // Allocators that customise construct/destroy must see every element built; others let
    // trivially relocatable values move as bytes.
    static constexpr bool custom_construct = requires(Alloc & a, T* p) {
        a.construct(p, std::declval<T&&>());
    }
    || requires(Alloc& a, T* p) { a.destroy(p); };
    static constexpr bool bytewise = is_trivially_relocatable_v<T> && !custom_construct;

    AllocatorSource() noexcept(noexcept(Alloc())) requires detail::default_initializable<Alloc>
    = default;
    constexpr explicit AllocatorSource(const Alloc& alloc) noexcept : alloc_(alloc) {}

    constexpr const Alloc& allocator() const noexcept { return alloc_; }
    constexpr Alloc& allocator() noexcept { return alloc_; }

    constexpr std::size_t max_capacity() const noexcept {
        return std::min<std::size_t>(traits::max_size(alloc_),
                                     static_cast<std::size_t>(PTRDIFF_MAX) / sizeof(T));
    }

    constexpr Block<pointer> allocate(std::size_t n) {
#if BUFFERS_HAS_EXCEPTIONS
        try {
            return Block<pointer>{traits::allocate(alloc_, n), n};
        } catch (const std::bad_alloc&) {
            return Block<pointer>{};
        }
#else
        return Block<pointer>{traits::allocate(alloc_, n), n};
#endif
    }
    constexpr void deallocate(Block<pointer> b) noexcept {
        if (b.ptr)
            traits::deallocate(alloc_, b.ptr, b.cap);
    }
    static constexpr Status resize(Block<pointer>&, std::size_t, Live) noexcept {
        return Status::unsupported;
    }

    constexpr bool equal(const AllocatorSource& other) const noexcept {
        return detail::allocators_equal(alloc_, other.alloc_);
    }
    constexpr AllocatorSource select_on_copy() const {
        return AllocatorSource(traits::select_on_container_copy_construction(alloc_));
    }
    constexpr void swap_config(AllocatorSource& other) noexcept {
        detail::swap_allocators(alloc_, other.alloc_, "buffers::AllocatorBuffer::swap_with");
    }

    template <class... Args>
    constexpr void construct(T* p, Args&&... args) {
        if constexpr (custom_construct)
            traits::construct(alloc_, p, std::forward<Args>(args)...);
        else
            detail::construct_at(p, std::forward<Args>(args)...);
    }
    constexpr void destroy(T* p) noexcept(detail::is_nothrow_destructible_v<T>) {
        if constexpr (custom_construct)
            traits::destroy(alloc_, p);
        else
            std::destroy_at(p);
    }
    constexpr void relocate(T* src, T* dst, Live live) {
        if constexpr (bytewise)
            detail::relocate_ranges(src, dst, live);
        else
            detail::relocate_ranges_with(
                src, dst, live,
                [this](T* p, auto&& v) { this->construct(p, static_cast<decltype(v)>(v)); },
                [this](T* p) { this->destroy(p); });
    }

private:
    [[no_unique_address]] Alloc alloc_{};
};

namespace detail {

template <class S>
concept source_custom_construct = requires {
    requires S::custom_construct;
};
template <class S>
concept source_has_config = requires(S& s, const S& cs) {
    { cs.equal(cs) } -> std::same_as<bool>;
    cs.select_on_copy();
    s.swap_config(s);
};

template <class P>
constexpr auto* block_address(P p) noexcept {
    if constexpr (detail::is_pointer_v<P>)
        return p;
    else
        return p ? std::to_address(p) : nullptr;
}

// Relocates the live ranges between two blocks of one source.
template <class S, class T>
constexpr void relocate_blocks(S& s, T* src, T* dst, Live live) {
    if constexpr (source_custom_construct<S>)
        s.relocate(src, dst, live);
    else
        detail::relocate_ranges(src, dst, live);
}

// Makes b hold at least n slots (n >= live.end(), n > 0), the live values keeping their
// indices: in place when the source can, otherwise in a new block, the live ranges relocated.
// Strong guarantee: on failure or a throw, b and its values are as they were.
template <class S>
constexpr Status resize_block(S& s, Block<typename S::pointer>& b, std::size_t n, Live live) {
    if (b.ptr) {
        const Status st = s.resize(b, n, live);
        if (st != Status::unsupported)
            return st;
    }
    Block<typename S::pointer> fresh = s.allocate(n);
    if (!fresh.ptr)
        return Status::out_of_memory;
    on_failure([&] { relocate_blocks(s, block_address(b.ptr), block_address(fresh.ptr), live); },
               [&] { s.deallocate(fresh); });
    s.deallocate(b);
    b = fresh;
    return Status::ok;
}

// A base buffer made of one block from a source: the slot access of core/slots.hpp over the
// block, growth and shrinking through resize_block, ownership transfers by handing the block
// over. Derived adds only what its source offers beyond that (an allocator, for example).
template <class Derived, class Source>
class source_buffer : public slot_access<Derived, typename Source::value_type> {
    static_assert(MemorySource<Source>);
    using T = typename Source::value_type;
    using pointer = typename Source::pointer;
    friend class slot_access<Derived, T>;

public:
    static constexpr bool plain_construct = !source_custom_construct<Source>;
    static constexpr bool custom_construct = source_custom_construct<Source>;

    source_buffer() noexcept(detail::is_nothrow_default_constructible_v<Source>) requires
        detail::default_initializable<Source>
    = default;
    explicit constexpr source_buffer(const Source& s) noexcept : src_(s) {}
    constexpr source_buffer(Derived&& other, Live) noexcept : src_(std::move(other.src_)) {
        take_block(other);
    }
    constexpr source_buffer(copy_config_t,
                            const Derived& other) noexcept(!source_has_config<Source>)
        : src_(copy_source(other.src_)) {}
    source_buffer(const source_buffer&) = delete;
    source_buffer& operator=(const source_buffer&) = delete;
    constexpr ~source_buffer() { src_.deallocate(block()); }

    // Takes other's live values, keeping this buffer's source: the block is handed over when
    // the sources are equal, the values are relocated one by one otherwise. This buffer holds
    // no live values.
    constexpr void relocate_from(Derived& other, Live live) noexcept(Source::always_equal) {
        if (equal_sources(other)) {
            release();
            take_block(other);
            return;
        }
        if constexpr (!Source::always_equal) {
            if (capacity() < live.end()) {
                Block<pointer> fresh = src_.allocate(live.end());
                if (!fresh.ptr)
                    detail::raise<std::bad_alloc>("buffers::relocate_from", "out of memory");
                release();
                set_block(fresh);
            }
            relocate_blocks(src_, other.data(), data(), live);
        }
    }
    constexpr void swap_with(Derived& other, Live, Live) noexcept {
        if constexpr (source_has_config<Source>)
            src_.swap_config(other.src_);
        std::swap(ptr_, other.ptr_);
        std::swap(last_, other.last_);
    }

    // Kept as the block's end address: a collection that keeps its own end address compares
    // the two on a push, without loading where the block starts.
    constexpr std::size_t capacity() const noexcept {
        return static_cast<std::size_t>(last_ - data());
    }
    constexpr std::size_t max_capacity() const noexcept { return src_.max_capacity(); }

    constexpr T* data() noexcept { return block_address(ptr_); }
    constexpr const T* data() const noexcept { return block_address(ptr_); }

    [[nodiscard]] constexpr Status try_grow(std::size_t n, Live live) {
        if (n <= capacity())
            return Status::ok;
        if (n > src_.max_capacity())
            return Status::exceeds_max_capacity;
        return resize_to(n, live);
    }
    [[nodiscard]] constexpr Status try_shrink(std::size_t n, Live live) {
        n = std::max(n, live.end());
        if (n >= capacity())
            return Status::ok;
        if (n == 0 && !Source::stable) {
            release();
            return Status::ok;
        }
        return resize_to(n, live);
    }

protected:
    template <class... Args>
    constexpr void construct_element(T* p, Args&&... args) {
        src_.construct(p, std::forward<Args>(args)...);
    }
    constexpr void destroy_element(T* p) noexcept(detail::is_nothrow_destructible_v<T>) {
        src_.destroy(p);
    }

    constexpr bool equal_sources(const Derived& other) const noexcept {
        if constexpr (source_has_config<Source>)
            return src_.equal(other.src_);
        else
            return true;
    }
    constexpr void release() noexcept {
        src_.deallocate(block());
        set_block(Block<pointer>{});
    }
    constexpr Block<pointer> block() const noexcept { return Block<pointer>{ptr_, capacity()}; }
    constexpr void set_block(Block<pointer> b) noexcept {
        last_ = block_address(b.ptr) + b.cap;
        ptr_ = std::move(b.ptr);
    }
    constexpr void take_block(Derived& other) noexcept {
        ptr_ = detail::exchange(other.ptr_, pointer{});
        last_ = detail::exchange(other.last_, nullptr);
    }
    constexpr Status resize_to(std::size_t n, Live live) {
        Block<pointer> b = block();
        const Status s = resize_block(src_, b, n, live);
        set_block(b);
        return s;
    }
    static constexpr Source copy_source(const Source& s) {
        if constexpr (source_has_config<Source>)
            return s.select_on_copy();
        else
            return Source();
    }

    [[no_unique_address]] Source src_{};
    // The block: where it starts, and where its slots end (not a count, see capacity()).
    pointer ptr_{};
    T* last_ = nullptr;
};

} // namespace detail
} // namespace buffers
