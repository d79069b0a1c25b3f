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
#include "../detail/std_support.hpp"
#include "../detail/traits.hpp"

#include <cstddef>
#include <type_traits>
#include <utility>

namespace buffers {
namespace detail {

// Dereferenceability is asked first: a buffer is not a pointer-like, and Buffer<P> needs P's
// element type complete (IndirectBuffer<HeapBuffer<T>> is instantiated while it may not be).
template <class P>
concept buffer_pointer = requires(const P& p) {
    { *p } -> std::same_as<std::remove_cvref_t<decltype(*p)>&>;
    static_cast<bool>(p);
}
&&!Buffer<P> && Buffer<std::remove_cvref_t<decltype(*std::declval<const P&>())>>;

template <class Inner>
struct indirect_target {
    using type = Inner;
};
template <buffer_pointer P>
struct indirect_target<P> {
    using type = std::remove_cvref_t<decltype(*std::declval<const P&>())>;
};

#if BUFFERS_LEAN_STD_HEADERS
// Whether the template D is std::default_delete, told by its name: naming std::unique_ptr
// here would need <memory>, which with libstdc++ 12 costs every translation unit about 0.2 s
// (see detail/std_support.hpp); a program that uses std::unique_ptr includes it itself.
template <template <class> class D>
consteval bool is_std_default_delete() {
    const char* s = __PRETTY_FUNCTION__; // "... [with D = std::default_delete]" (g++)
    const char* end = s;                 // "... [D = std::default_delete]" (clang)
    while (*end != '\0')
        ++end;
    constexpr char name[] = "std::default_delete]";
    auto ends_with = [&](const char* suffix, std::size_t n) {
        if (static_cast<std::size_t>(end - s) < n)
            return false;
        for (std::size_t i = 0; i < n; ++i)
            if (end[-static_cast<std::ptrdiff_t>(n - i)] != suffix[i])
                return false;
        const char before = end[-static_cast<std::ptrdiff_t>(n) - 1];
        return before == ' ' || before == '=';
    };
    return ends_with(name, sizeof(name) - 1);
}

// std::unique_ptr<B> (with its default deleter): IndirectBuffer may allocate the buffer itself.
template <class P>
inline constexpr bool owning_pointer = false;
template <template <class, class> class U, class B, template <class> class D>
inline constexpr bool owning_pointer<U<B, D<B>>> = is_std_default_delete<D>() &&
                                                   requires(U<B, D<B>>& p) {
    typename U<B, D<B>>::deleter_type;
    { p.release() } -> std::same_as<B*>;
    { p.get_deleter() } -> std::same_as<D<B>&>;
};
#else
// std::unique_ptr<B> (with its default deleter): IndirectBuffer may allocate the buffer itself.
template <class P>
inline constexpr bool owning_pointer = false;
template <class B>
inline constexpr bool owning_pointer<std::unique_ptr<B, std::default_delete<B>>> = true;
#endif

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
    // Checked where a member is used, not here: the class is named (as a collection's
    // member) while a recursive element type is still incomplete.
    static consteval bool check_inner() {
        if constexpr (!by_pointer && !detail::library_buffer<Inner>)
            static_assert(Buffer<Inner>,
                          "buffers: IndirectBuffer<Inner> needs a Buffer or a pointer-like to one "
                          "(see buffers::check_buffer<B>() for which requirement is missing)");
        return true;
    }
    using alloc_arg = typename detail::allocator_or_none<inner_type>::type;

public:
    using value_type = typename inner_type::value_type;
    using reference = typename inner_type::reference;
    using const_reference = typename inner_type::const_reference;
    // Inner is checked where it is used (check_inner()).
    using library_buffer_type = IndirectBuffer;
    template <std::size_t N>
    using inline_buffer = typename detail::inline_buffer_for<inner_type, N>::type;
    static constexpr bool plain_construct = [] {
        if constexpr (declares_plain_construct<inner_type>)
            return static_cast<bool>(inner_type::plain_construct);
        else
            return false;
    }();
    static constexpr bool stable = detail::stable_v<inner_type>;

    // Value-initialises the inner buffer here, not through a default member initializer:
    // clang instantiates what such an initializer needs (the inner buffer's constexpr
    // destructor) as soon as anyone asks whether the class is default-constructible, which a
    // collection of a still incomplete T does.
    constexpr IndirectBuffer() noexcept(detail::is_nothrow_default_constructible_v<Inner>) requires
        detail::default_initializable<Inner> : inner_() {}
    // Builds the inner buffer (or pointer) from args.
    template <class... Args>
    requires detail::constructible_from<Inner, Args...>
    constexpr explicit IndirectBuffer(std::in_place_t, Args&&... args)
        : inner_(std::forward<Args>(args)...) {}
    constexpr explicit IndirectBuffer(const alloc_arg& alloc) noexcept(
        detail::is_nothrow_constructible_v<
            Inner, const alloc_arg&>) requires(!by_pointer &&
                                               detail::constructible_from<Inner, const alloc_arg&>)
        : inner_(alloc) {}
    constexpr IndirectBuffer(IndirectBuffer&& other, Live live) noexcept(
        detail::is_nothrow_constructible_v<
            Inner, Inner&&, Live>) requires(!by_pointer &&
                                            detail::constructible_from<Inner, Inner&&, Live>)
        : inner_(std::move(other.inner_), live) {}
    constexpr IndirectBuffer(IndirectBuffer&& other, Live) noexcept requires(by_pointer)
        : inner_(take_pointer(other)) {}
    constexpr IndirectBuffer(copy_config_t, const IndirectBuffer& other) requires(
        !by_pointer && detail::constructible_from<Inner, copy_config_t, const Inner&>)
        : inner_(copy_config, other.inner_) {}
    constexpr IndirectBuffer(copy_config_t, const IndirectBuffer& other) requires(
        by_pointer&& detail::owning_pointer<Inner>&&
            detail::constructible_from<inner_type, copy_config_t, const inner_type&>)
        : inner_(other.inner_ ? Inner(new inner_type(copy_config, *other.inner_)) : Inner{}) {}
    IndirectBuffer(const IndirectBuffer&) = delete;
    IndirectBuffer& operator=(const IndirectBuffer&) = delete;
    ~IndirectBuffer() = default;

    // The wrapped buffer (for pointer-likes: the pointee; precondition: not null).
    constexpr inner_type& inner() noexcept {
        if constexpr (by_pointer)
            return *inner_;
        else
            return inner_;
    }
    constexpr const inner_type& inner() const noexcept {
        if constexpr (by_pointer)
            return *inner_;
        else
            return inner_;
    }

    constexpr auto get_allocator() const noexcept requires has_get_allocator<inner_type> {
        return inner().get_allocator();
    }

private:
    constexpr void copy_config_from_impl(const IndirectBuffer& other) {
        inner_.copy_config_from(other.inner_);
    }
    constexpr void move_config_from_impl(IndirectBuffer& other) {
        inner_.move_config_from(other.inner_);
    }
    constexpr bool is_inline_impl() const noexcept { return inner_.is_inline(); }
    constexpr std::size_t next_capacity_impl(std::size_t n) const noexcept {
        return inner_.next_capacity(n);
    }
    constexpr void relocate_from_impl(IndirectBuffer& other,
                                      Live live) noexcept(by_pointer ||
                                                          nothrow_relocate_from_v<inner_type>) {
        if constexpr (by_pointer) {
            if constexpr (detail::owning_pointer<Inner>)
                inner_ = std::move(other.inner_);
            else
                inner_ = detail::exchange(other.inner_, Inner{});
        } else {
            inner_.relocate_from(other.inner_, live);
        }
    }
    constexpr void swap_with_impl(IndirectBuffer& other, Live mine,
                                  Live theirs) noexcept(by_pointer ||
                                                        nothrow_swap_with_v<inner_type>) {
        if constexpr (by_pointer) {
            using std::swap;
            swap(inner_, other.inner_);
        } else {
            inner_.swap_with(other.inner_, mine, theirs);
        }
    }

public:
    constexpr std::size_t capacity() const noexcept {
        static_assert(check_inner());
        if constexpr (by_pointer)
            return inner_ ? inner_->capacity() : 0;
        else
            return inner_.capacity();
    }
    constexpr std::size_t max_capacity() const noexcept {
        if constexpr (by_pointer) {
            if (inner_)
                return inner_->max_capacity();
            return detail::owning_pointer<Inner> ? inner_type().max_capacity() : 0;
        } else {
            return inner_.max_capacity();
        }
    }

    constexpr reference get(std::size_t i) { return inner().get(i); }
    constexpr const_reference get(std::size_t i) const { return inner().get(i); }
    // A null pointee has capacity 0, and ptr(0) is still valid then (bulk construction of
    // zero elements asks for it).
    constexpr auto ptr(std::size_t i) noexcept
        -> value_type* requires detail::ptr_layout<inner_type> {
        if constexpr (by_pointer)
            return inner_ ? inner_->ptr(i) : nullptr;
        else
            return inner_.ptr(i);
    }
    constexpr auto ptr(std::size_t i) const noexcept
        -> const value_type* requires detail::ptr_layout<inner_type> {
        if constexpr (by_pointer)
            return inner_ ? inner_->ptr(i) : nullptr;
        else
            return inner_.ptr(i);
    }
    constexpr auto data() noexcept -> value_type* requires detail::contiguous_layout<inner_type> {
        if constexpr (by_pointer)
            return inner_ ? inner_->data() : nullptr;
        else
            return inner_.data();
    }
    constexpr auto data() const noexcept
        -> const value_type* requires detail::contiguous_layout<inner_type> {
        if constexpr (by_pointer)
            return inner_ ? inner_->data() : nullptr;
        else
            return inner_.data();
    }

    template <class... Args>
    constexpr void put(std::size_t i, Args&&... args) {
        inner().put(i, std::forward<Args>(args)...);
    }
    constexpr value_type take(std::size_t i) { return inner().take(i); }
    constexpr void destroy(std::size_t i) noexcept(detail::is_nothrow_destructible_v<value_type>) {
        inner().destroy(i);
    }
    constexpr void destroy_range(std::size_t first, std::size_t last) noexcept {
        if (first != last)
            buffers::destroy_range(inner(), first, last);
    }
    constexpr void shift_right(std::size_t first, std::size_t last, std::size_t k) noexcept {
        buffers::shift_right(inner(), first, last, k);
    }
    constexpr void shift_left(std::size_t first, std::size_t last, std::size_t k) noexcept {
        buffers::shift_left(inner(), first, last, k);
    }
    // SoA buffers: the column arrays, for relocation between two SoA layouts.
    template <std::size_t K>
    constexpr auto column_data() noexcept requires has_column_data<inner_type> {
        return inner().template column_data<K>();
    }
    template <std::size_t K>
    constexpr auto column_data() const noexcept requires has_column_data<inner_type> {
        return inner().template column_data<K>();
    }

    [[nodiscard]] constexpr Status try_grow(std::size_t n, Live live) {
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
    [[nodiscard]] constexpr Status try_shrink(std::size_t n, Live live) {
        if constexpr (by_pointer) {
            if (!inner_)
                return Status::ok;
        }
        return inner().try_shrink(n, live);
    }

private:
    static constexpr Inner take_pointer(IndirectBuffer& other) noexcept {
        if constexpr (detail::owning_pointer<Inner>)
            return std::move(other.inner_);
        else
            return detail::exchange(other.inner_, Inner{});
    }

    [[no_unique_address]] Inner inner_;
};

} // namespace buffers
