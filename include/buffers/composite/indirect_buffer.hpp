#pragma once

// IndirectBuffer<Inner>: forwards the whole buffer contract to an inner buffer. Derive from it
// to write a composite that changes one thing (say, growth) in a few lines:
//
//     template <class B>
//     struct LoggingBuffer : buffers::IndirectBuffer<B> {
//         using buffers::IndirectBuffer<B>::IndirectBuffer;
//         buffers::Status try_grow(std::size_t n, buffers::Live live) {
//             std::printf("grow to %zu\n", n);
//             return buffers::IndirectBuffer<B>::try_grow(n, live);
//         }
//     };
//
// Inner may also be a pointer-like to a buffer (std::unique_ptr<HeapBuffer<T>>, or a plain
// pointer to a buffer that outlives the collection), so a large buffer can live elsewhere. A
// null owning pointer is an empty buffer; the pointee is created on first growth.

#include "../base/inline_buffer.hpp"
#include "../core/concepts.hpp"
#include "../core/hooks.hpp"
#include "../core/ops.hpp"

#include <cstddef>
#include <memory>
#include <type_traits>
#include <utility>

namespace buffers {
namespace detail {

template <class P>
concept buffer_pointer = !Buffer<P> && requires(const P& p) {
    { *p } -> std::same_as<std::remove_cvref_t<decltype(*p)>&>;
    static_cast<bool>(p);
}
&&Buffer<std::remove_cvref_t<decltype(*std::declval<const P&>())>>;

template <class Inner>
struct indirect_target {
    using type = Inner;
};
template <buffer_pointer P>
struct indirect_target<P> {
    using type = std::remove_cvref_t<decltype(*std::declval<const P&>())>;
};

template <class P>
inline constexpr bool owning_pointer = false;
template <class B, class D>
inline constexpr bool owning_pointer<std::unique_ptr<B, D>> =
    std::is_same_v<D, std::default_delete<B>>;

// The small buffer SvoBuffer pairs with B: B::inline_buffer<N> when B names one (SoA buffers
// keep their columns inline too), InlineBuffer<T, N> otherwise.
template <class B, std::size_t N>
struct inline_buffer_for {
    using type = InlineBuffer<typename B::value_type, N>;
};
template <class B, std::size_t N>
requires requires {
    typename B::template inline_buffer<N>;
}
struct inline_buffer_for<B, N> {
    using type = typename B::template inline_buffer<N>;
};

// The hooks IndirectBuffer<Inner> offers: those of the buffer inside; a pointer-like always
// hands its pointee over and swaps it, and carries no configuration of its own.
template <class Inner>
constexpr offered indirect_hooks() {
    using B = typename indirect_target<Inner>::type;
    constexpr bool by_pointer = buffer_pointer<Inner>;
    return offered{by_pointer || has_relocate_from<B>,     by_pointer || has_swap_with<B>,
                   !by_pointer && has_copy_config_from<B>, !by_pointer && has_move_config_from<B>,
                   !by_pointer && has_is_inline<B>,        !by_pointer && has_next_capacity<B>};
}

} // namespace detail

// Every hook of the buffer inside is offered by IndirectBuffer and so by every composite
// derived from it (detail::offer_hooks), and members offered to users (is_inline(),
// get_allocator(), column_data<K>()) stay reachable through any stack of composites.
template <class Inner>
class IndirectBuffer
    : public detail::allocator_type_of<typename detail::indirect_target<Inner>::type>,
      public detail::offer_hooks<IndirectBuffer<Inner>, detail::indirect_hooks<Inner>()> {
    friend detail::hook_access;

public:
    using inner_type = typename detail::indirect_target<Inner>::type;

private:
    static constexpr bool by_pointer = detail::buffer_pointer<Inner>;
    static_assert(Buffer<Inner> || by_pointer,
                  "buffers: IndirectBuffer<Inner> needs a Buffer or a pointer-like to one "
                  "(see buffers::check_buffer<B>() for which requirement is missing)");
    using alloc_arg = typename detail::allocator_or_none<inner_type>::type;

public:
    using value_type = typename inner_type::value_type;
    using reference = typename inner_type::reference;
    using const_reference = typename inner_type::const_reference;
    template <std::size_t N>
    using inline_buffer = typename detail::inline_buffer_for<inner_type, N>::type;
    static constexpr bool plain_construct = detail::plain_construct_v<inner_type>;

    IndirectBuffer() requires std::default_initializable<Inner>
    = default;
    // Builds the inner buffer (or pointer) from args.
    template <class... Args>
    requires std::constructible_from<Inner, Args...>
    explicit IndirectBuffer(std::in_place_t, Args&&... args)
        : inner_(std::forward<Args>(args)...) {}
    explicit IndirectBuffer(const alloc_arg& alloc) noexcept(
        std::is_nothrow_constructible_v<
            Inner, const alloc_arg&>) requires(!by_pointer &&
                                               std::constructible_from<Inner, const alloc_arg&>)
        : inner_(alloc) {}
    IndirectBuffer(IndirectBuffer&& other, Live live) noexcept(
        std::is_nothrow_constructible_v<Inner, Inner&&, Live>) requires(!by_pointer &&
                                                                        RelocatableBuffer<Inner>)
        : inner_(std::move(other.inner_), live) {}
    IndirectBuffer(IndirectBuffer&& other, Live) noexcept requires(by_pointer)
        : inner_(take_pointer(other)) {}
    IndirectBuffer(copy_config_t,
                   const IndirectBuffer& other) requires(!by_pointer &&
                                                         CopyConfigurableBuffer<Inner>)
        : inner_(copy_config, other.inner_) {}
    IndirectBuffer(copy_config_t, const IndirectBuffer& other) requires(
        by_pointer&& detail::owning_pointer<Inner>&& CopyConfigurableBuffer<inner_type>)
        : inner_(other.inner_ ? Inner(new inner_type(copy_config, *other.inner_)) : Inner{}) {}
    IndirectBuffer(const IndirectBuffer&) = delete;
    IndirectBuffer& operator=(const IndirectBuffer&) = delete;
    ~IndirectBuffer() = default;

    // The wrapped buffer (for pointer-likes: the pointee; precondition: not null).
    inner_type& inner() noexcept {
        if constexpr (by_pointer)
            return *inner_;
        else
            return inner_;
    }
    const inner_type& inner() const noexcept {
        if constexpr (by_pointer)
            return *inner_;
        else
            return inner_;
    }

    auto get_allocator() const noexcept requires has_get_allocator<inner_type> {
        return inner().get_allocator();
    }

private:
    void copy_config_from_impl(const IndirectBuffer& other) {
        inner_.copy_config_from(other.inner_);
    }
    void move_config_from_impl(IndirectBuffer& other) { inner_.move_config_from(other.inner_); }
    bool is_inline_impl() const noexcept { return inner_.is_inline(); }
    std::size_t next_capacity_impl(std::size_t n) const noexcept { return inner_.next_capacity(n); }
    void relocate_from_impl(IndirectBuffer& other,
                            Live live) noexcept(by_pointer || nothrow_relocate_from_v<inner_type>) {
        if constexpr (by_pointer) {
            if constexpr (detail::owning_pointer<Inner>)
                inner_ = std::move(other.inner_);
            else
                inner_ = std::exchange(other.inner_, Inner{});
        } else {
            inner_.relocate_from(other.inner_, live);
        }
    }
    void swap_with_impl(IndirectBuffer& other, Live mine,
                        Live theirs) noexcept(by_pointer || nothrow_swap_with_v<inner_type>) {
        if constexpr (by_pointer) {
            using std::swap;
            swap(inner_, other.inner_);
        } else {
            inner_.swap_with(other.inner_, mine, theirs);
        }
    }

public:
    std::size_t capacity() const noexcept {
        if constexpr (by_pointer)
            return inner_ ? inner_->capacity() : 0;
        else
            return inner_.capacity();
    }
    std::size_t max_capacity() const noexcept {
        if constexpr (by_pointer) {
            if (inner_)
                return inner_->max_capacity();
            return detail::owning_pointer<Inner> ? inner_type().max_capacity() : 0;
        } else {
            return inner_.max_capacity();
        }
    }

    reference get(std::size_t i) { return inner().get(i); }
    const_reference get(std::size_t i) const { return inner().get(i); }
    // A null pointee has capacity 0, and ptr(0) is still valid then (bulk construction of
    // zero elements asks for it).
    auto ptr(std::size_t i) noexcept -> value_type* requires PtrBuffer<inner_type> {
        if constexpr (by_pointer)
            return inner_ ? inner_->ptr(i) : nullptr;
        else
            return inner_.ptr(i);
    }
    auto ptr(std::size_t i) const noexcept -> const value_type* requires PtrBuffer<inner_type> {
        if constexpr (by_pointer)
            return inner_ ? inner_->ptr(i) : nullptr;
        else
            return inner_.ptr(i);
    }
    auto data() noexcept -> value_type* requires ContiguousBuffer<inner_type> {
        if constexpr (by_pointer)
            return inner_ ? inner_->data() : nullptr;
        else
            return inner_.data();
    }
    auto data() const noexcept -> const value_type* requires ContiguousBuffer<inner_type> {
        if constexpr (by_pointer)
            return inner_ ? inner_->data() : nullptr;
        else
            return inner_.data();
    }

    template <class... Args>
    void put(std::size_t i, Args&&... args) {
        inner().put(i, std::forward<Args>(args)...);
    }
    value_type take(std::size_t i) { return inner().take(i); }
    void destroy(std::size_t i) noexcept(std::is_nothrow_destructible_v<value_type>) {
        inner().destroy(i);
    }
    void destroy_range(std::size_t first, std::size_t last) noexcept {
        if (first != last)
            buffers::destroy_range(inner(), first, last);
    }
    void shift_right(std::size_t first, std::size_t last, std::size_t k) noexcept {
        buffers::shift_right(inner(), first, last, k);
    }
    void shift_left(std::size_t first, std::size_t last, std::size_t k) noexcept {
        buffers::shift_left(inner(), first, last, k);
    }
    // SoA buffers: the column arrays, for relocation between two SoA layouts.
    template <std::size_t K>
    auto column_data() noexcept requires has_column_data<inner_type> {
        return inner().template column_data<K>();
    }
    template <std::size_t K>
    auto column_data() const noexcept requires has_column_data<inner_type> {
        return inner().template column_data<K>();
    }

    [[nodiscard]] Status try_grow(std::size_t n, Live live) {
        if constexpr (by_pointer) {
            if (!inner_) {
                if (n == 0)
                    return Status::ok;
                if constexpr (detail::owning_pointer<Inner>)
                    inner_ = Inner(new inner_type());
                else
                    return Status::unsupported;
            }
        }
        return inner().try_grow(n, live);
    }
    [[nodiscard]] Status try_shrink(std::size_t n, Live live) {
        if constexpr (by_pointer) {
            if (!inner_)
                return Status::ok;
        }
        return inner().try_shrink(n, live);
    }

private:
    static Inner take_pointer(IndirectBuffer& other) noexcept {
        if constexpr (detail::owning_pointer<Inner>)
            return std::move(other.inner_);
        else
            return std::exchange(other.inner_, Inner{});
    }

    [[no_unique_address]] Inner inner_{};
};

} // namespace buffers
