#pragma once

// ArrayBuffer<B, N>: elements are std::array<T, N>, where B is a buffer of T. Position j of
// every element lives in the j-th sub-buffer (struct-of-arrays for arrays: all x of a
// std::array<float, 3> point together, then all y, then all z). Elements are reached through
// a proxy, ArrayRef: `v[i][j]` is the T& in sub-buffer j.
//
// Allocator-aware when B is (AllocatorBuffer, std::pmr included): ArrayBuffer(alloc) builds
// every sub-buffer with alloc, get_allocator() is theirs, and propagation on copy, move and
// swap is each sub-buffer's own, so it follows the allocator's traits as AllocatorBuffer does.
// ArrayBuffer(std::move(b0), ..., std::move(bN-1)) takes N sub-buffers configured one by one
// (each over its own storage or arena).

#include "../core/concepts.hpp"
#include "../core/guard.hpp"
#include "../core/hooks.hpp"
#include "../core/ops.hpp"
#include "../detail/std_support.hpp"
#include "../detail/traits.hpp"

#include <array>
#include <cstddef>
#include <limits>
#include <type_traits>
#include <utility>

namespace buffers {

template <class B, std::size_t N>
class ArrayBuffer;

// Reference to element i of an ArrayBuffer: N references, one per sub-buffer.
template <class Sub, std::size_t N, bool Const>
class ArrayRef {
    using T = typename Sub::value_type;
    using subs_ptr = std::conditional_t<Const, const Sub*, Sub*>;

public:
    using value_type = std::array<T, N>;

    constexpr ArrayRef(subs_ptr subs, std::size_t i) noexcept : subs_(subs), i_(i) {}
    constexpr ArrayRef(const ArrayRef&) noexcept = default;
    // A mutable reference converts to a const one.
    constexpr ArrayRef(const ArrayRef<Sub, N, false>& other) noexcept requires Const
        : subs_(other.subs_),
          i_(other.i_) {}

    decltype(auto) operator[](std::size_t j) const noexcept { return subs_[j].get(i_); }
    static constexpr std::size_t size() noexcept { return N; }

    operator value_type() const {
        return [this]<std::size_t... J>(std::index_sequence<J...>) {
            return value_type{subs_[J].get(i_)...};
        }
        (std::make_index_sequence<N>());
    }
    value_type value() const { return *this; }

    // Assignment writes through to the sub-buffers (the proxy itself is never reseated).
    const ArrayRef& operator=(const value_type& v) const requires(!Const) {
        for (std::size_t j = 0; j < N; ++j)
            subs_[j].get(i_) = v[j];
        return *this;
    }
    const ArrayRef& operator=(value_type&& v) const requires(!Const) {
        for (std::size_t j = 0; j < N; ++j)
            subs_[j].get(i_) = std::move(v[j]);
        return *this;
    }
    const ArrayRef& operator=(const ArrayRef& other) const requires(!Const) {
        return *this = other.value();
    }
    template <bool C>
    requires(!Const && C) const ArrayRef& operator=(const ArrayRef<Sub, N, C>& other) const {
        return *this = other.value();
    }

    friend bool operator==(const ArrayRef& a, const value_type& b) { return a.value() == b; }
    friend bool operator==(const ArrayRef& a, const ArrayRef& b) { return a.value() == b.value(); }
    friend auto operator<=>(const ArrayRef& a, const value_type& b) { return a.value() <=> b; }
    friend auto operator<=>(const ArrayRef& a, const ArrayRef& b) {
        return a.value() <=> b.value();
    }

    friend void swap(const ArrayRef& a, const ArrayRef& b) requires(!Const) {
        using std::swap;
        for (std::size_t j = 0; j < N; ++j)
            swap(a[j], b[j]);
    }

private:
    template <class, std::size_t, bool>
    friend class ArrayRef;
    subs_ptr subs_;
    std::size_t i_;
};

template <class B, std::size_t N>
class ArrayBuffer
    : public detail::allocator_type_of<B>,
      public detail::offer_hooks<ArrayBuffer<B, N>,
                                 detail::config_hooks_of<B>(nothrow_relocate_from_v<B>,
                                                            nothrow_swap_with_v<B>)> {
    friend detail::hook_access;
    static_assert(N > 0, "buffers: ArrayBuffer<B, N> needs N > 0");
    static_assert(RefBuffer<B>, "buffers: ArrayBuffer<B, N> needs sub-buffers that model "
                                "RefBuffer (get(i) returns T&)");
    using T = typename B::value_type;
    using seq = std::make_index_sequence<N>;
    using alloc_arg = typename detail::allocator_or_none<B>::type;

public:
    using value_type = std::array<T, N>;
    using reference = ArrayRef<B, N, false>;
    using const_reference = ArrayRef<B, N, true>;
    using sub_buffer_type = B;
    using library_buffer_type = std::conditional_t<detail::library_buffer<B>, ArrayBuffer, void>;

    ArrayBuffer() = default;
    // Every sub-buffer over alloc.
    explicit ArrayBuffer(const alloc_arg& alloc) noexcept(
        detail::is_nothrow_constructible_v<B, const alloc_arg&>) requires has_allocator_type<B>
        : ArrayBuffer(seq{}, alloc) {}
    // Takes N empty sub-buffers, each configured on its own (a span each, an arena each).
    template <class... Subs>
    requires(
        sizeof...(Subs) == N && (std::is_same_v<Subs, B> && ...) &&
        detail::is_constructible_v<
            B, B&&,
            Live>) explicit ArrayBuffer(Subs&&... subs) noexcept(detail::
                                                                     is_nothrow_constructible_v<
                                                                         B, B&&, Live>)
        : subs_{{B(std::move(subs), Live{})...}} {}
    ArrayBuffer(ArrayBuffer&& other,
                Live live) noexcept requires detail::is_nothrow_constructible_v<B, B&&, Live>
        : ArrayBuffer(seq{}, other, live) {}
    ArrayBuffer(copy_config_t, const ArrayBuffer& other) requires CopyConfigurableBuffer<B>
        : ArrayBuffer(seq{}, copy_config, other) {}
    ArrayBuffer(const ArrayBuffer&) = delete;
    ArrayBuffer& operator=(const ArrayBuffer&) = delete;

    // Sub-buffer 0's allocator: all of them when built from one allocator.
    auto get_allocator() const noexcept requires has_get_allocator<B> {
        return subs_[0].get_allocator();
    }

    // Sub-buffer j (position j of every element).
    B& sub_buffer(std::size_t j) noexcept { return subs_[j]; }
    const B& sub_buffer(std::size_t j) const noexcept { return subs_[j]; }

    std::size_t capacity() const noexcept {
        std::size_t c = std::numeric_limits<std::size_t>::max();
        for (const B& b : subs_)
            c = std::min(c, b.capacity());
        return c;
    }
    std::size_t max_capacity() const noexcept {
        std::size_t c = std::numeric_limits<std::size_t>::max();
        for (const B& b : subs_)
            c = std::min(c, b.max_capacity());
        return c;
    }

    reference get(std::size_t i) noexcept { return reference(subs_.data(), i); }
    const_reference get(std::size_t i) const noexcept { return const_reference(subs_.data(), i); }

    template <class... Args>
    void put(std::size_t i, Args&&... args) {
        if constexpr (sizeof...(Args) == 1 &&
                      (std::is_same_v<std::remove_cvref_t<Args>, value_type> && ...)) {
            put_parts(i, std::forward<Args>(args)...);
        } else if constexpr (sizeof...(Args) == 1 &&
                             ((std::is_same_v<std::remove_cvref_t<Args>, reference> ||
                               std::is_same_v<std::remove_cvref_t<Args>, const_reference>)&&...)) {
            put_parts(i, args...);
        } else {
            put_parts(i, detail::make_value<value_type>(std::forward<Args>(args)...));
        }
    }
    value_type take(std::size_t i) {
        return [&]<std::size_t... J>(std::index_sequence<J...>) {
            return value_type{subs_[J].take(i)...};
        }
        (seq{});
    }
    void destroy(std::size_t i) noexcept {
        for (B& b : subs_)
            b.destroy(i);
    }
    void destroy_range(std::size_t first, std::size_t last) noexcept {
        for (B& b : subs_)
            buffers::destroy_range(b, first, last);
    }
    void shift_right(std::size_t first, std::size_t last, std::size_t k) noexcept {
        for (B& b : subs_)
            buffers::shift_right(b, first, last, k);
    }
    void shift_left(std::size_t first, std::size_t last, std::size_t k) noexcept {
        for (B& b : subs_)
            buffers::shift_left(b, first, last, k);
    }

    // Grows every sub-buffer. If sub-buffer j fails, 0 .. j-1 are shrunk back; capacity() is
    // the minimum over the sub-buffers, so it is unchanged either way.
    [[nodiscard]] Status try_grow(std::size_t n, Live live) {
        if (n <= capacity())
            return Status::ok;
        std::array<std::size_t, N> before{};
        for (std::size_t j = 0; j < N; ++j)
            before[j] = subs_[j].capacity();
        std::size_t j = 0;
        return detail::on_failure(
            [&] {
                for (; j < N; ++j) {
                    if (const Status s = subs_[j].try_grow(n, live); s != Status::ok) {
                        roll_back(j, before, live);
                        return s;
                    }
                }
                return Status::ok;
            },
            [&] { roll_back(j, before, live); });
    }
    [[nodiscard]] Status try_shrink(std::size_t n, Live live) {
        Status result = Status::ok;
        for (B& b : subs_)
            if (const Status s = b.try_shrink(n, live); s != Status::ok)
                result = s;
        return result;
    }

private:
    // The sub-buffers' growth policy, offered when they have one.
    constexpr std::size_t next_capacity_impl(std::size_t n) const noexcept {
        return subs_[0].next_capacity(n);
    }
    // relocate_from, offered when the sub-buffers relocate without throwing.
    void relocate_from_impl(ArrayBuffer& other, Live live) noexcept {
        for (std::size_t j = 0; j < N; ++j)
            subs_[j].relocate_from(other.subs_[j], live);
    }
    // swap_with, offered when the sub-buffers swap without throwing; each exchanges its
    // allocator as its traits say (propagate_on_container_swap).
    void swap_with_impl(ArrayBuffer& other, Live mine, Live theirs) noexcept {
        for (std::size_t j = 0; j < N; ++j)
            subs_[j].swap_with(other.subs_[j], mine, theirs);
    }
    // Assignments of the collection: each sub-buffer adopts other's allocator if it propagates.
    void copy_config_from_impl(const ArrayBuffer& other) {
        for (std::size_t j = 0; j < N; ++j)
            subs_[j].copy_config_from(other.subs_[j]);
    }
    void move_config_from_impl(ArrayBuffer& other) {
        for (std::size_t j = 0; j < N; ++j)
            subs_[j].move_config_from(other.subs_[j]);
    }

    template <std::size_t... J>
    ArrayBuffer(std::index_sequence<J...>, ArrayBuffer& other, Live live) noexcept
        : subs_{{B(std::move(other.subs_[J]), live)...}} {}
    template <std::size_t... J>
    ArrayBuffer(std::index_sequence<J...>, copy_config_t, const ArrayBuffer& other)
        : subs_{{B(copy_config, other.subs_[J])...}} {}
    template <std::size_t... J>
    ArrayBuffer(std::index_sequence<J...>, const alloc_arg& alloc)
        : subs_{{((void)J, B(alloc))...}} {}

    void roll_back(std::size_t j, const std::array<std::size_t, N>& before, Live live) noexcept {
        // A failure keeps the larger capacity, which is harmless: capacity() is the minimum.
        for (std::size_t k = 0; k < j; ++k)
            detail::ignoring_failure([&] { (void)subs_[k].try_shrink(before[k], live); });
    }

    template <class A>
    void put_parts(std::size_t i, A&& a) {
        std::size_t j = 0;
        detail::on_failure(
            [&] {
                for (; j < N; ++j) {
                    if constexpr (detail::is_lvalue_reference_v<A> ||
                                  !std::is_same_v<std::remove_cvref_t<A>, value_type>)
                        subs_[j].put(i, a[j]);
                    else
                        subs_[j].put(i, std::move(a[j]));
                }
            },
            [&] {
                while (j-- > 0)
                    subs_[j].destroy(i);
            });
    }

    std::array<B, N> subs_{};
};

} // namespace buffers
