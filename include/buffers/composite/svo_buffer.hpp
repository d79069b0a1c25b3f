#pragma once

// SvoBuffer<B, N>: the first N slots live inside the object (small-vector optimisation);
// growing past N moves to B. Only the live values move, never all N slots, and the move is
// exception-safe: the new storage is built and filled before the old one is given up.
// try_shrink moves back inside when the live values fit.
//
// Layout: when B carries no configuration (no allocator), the inline slots and B share one
// union, so Vector<int, SvoBuffer<HeapBuffer<int>, 16>> is 80 bytes. A B with an allocator
// keeps living next to the inline slots, so its allocator is never lost.

#include "../detail/traits.hpp"
#include "indirect_buffer.hpp"

#include "../core/guard.hpp"
#include "../core/hooks.hpp"
#include "../detail/std_support.hpp"

#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>
#include <utility>

namespace buffers {

namespace detail {
// Storage whose members' lifetimes SvoBuffer manages by hand: one union for both parts, or a
// union each when both parts stay alive.
template <class S, class L, bool SideBySide>
struct svo_storage {
    svo_storage() noexcept {}
    ~svo_storage() noexcept {}
    union {
        S small;
        L large;
    };
};
template <class S, class L>
struct svo_storage<S, L, true> {
    svo_storage() noexcept {}
    ~svo_storage() noexcept {}
    union {
        S small;
    };
    union {
        L large;
    };
};

// Whether B's slots may lie inside B itself (an InlineBuffer, an SvoBuffer, a composite over
// one). SvoBuffer tells its two states apart by where the active storage ends only over a B
// whose block never does.
template <class B>
consteval bool may_hold_slots_inside() {
    if constexpr (has_is_inline<B> || has_constant_capacity<B>)
        return true;
    else if constexpr (requires { typename B::inner_type; })
        return may_hold_slots_inside<typename B::inner_type>();
    else
        return false;
}
} // namespace detail

template <class B, std::size_t N>
class SvoBuffer;

// N == 0: no inline part; the buffer is B.
template <class B>
class SvoBuffer<B, 0> : public IndirectBuffer<B> {
public:
    using library_buffer_type = SvoBuffer;
    using IndirectBuffer<B>::IndirectBuffer;
};

// allocator_type is B's, when B has one: a collection over an SvoBuffer is allocator-aware.
template <class B, std::size_t N>
class SvoBuffer
    : public detail::allocator_type_of<B>,
      public detail::offer_hooks<SvoBuffer<B, N>,
                                 detail::config_hooks_of<B>(has_relocate_from<B>, false)> {
    friend detail::hook_access;

public:
    using value_type = typename B::value_type;
    using reference = typename B::reference;
    using const_reference = typename B::const_reference;
    using library_buffer_type = std::conditional_t<detail::library_buffer<B>, SvoBuffer, void>;
    using small_type = typename detail::inline_buffer_for<B, N>::type;
    using large_type = B;
    static constexpr bool plain_construct =
        detail::plain_construct_v<B> && detail::plain_construct_v<small_type>;

private:
    static_assert(Buffer<B>, "buffers: SvoBuffer<B, N> needs a Buffer B");
    static_assert(std::is_same_v<typename small_type::reference, reference> &&
                      std::is_same_v<typename small_type::const_reference, const_reference>,
                  "buffers: SvoBuffer<B, N>: B and its inline buffer must hand out the same "
                  "reference types");
    static_assert(detail::is_nothrow_constructible_v<B, B&&, Live>,
                  "buffers: SvoBuffer<B, N> needs B's relocating constructor B(B&&, Live) to "
                  "be noexcept (it moves B between its inline and heap states)");
    static_assert(detail::default_initializable<small_type>);

    // B with an allocator keeps its configuration, so it is never destroyed while inline.
    static constexpr bool side_by_side = has_allocator_type<B> || !detail::default_initializable<B>;

public:
    static constexpr std::size_t inline_capacity = N;

    SvoBuffer() noexcept(
        detail::is_nothrow_default_constructible_v<B>) requires detail::default_initializable<B> {
        construct_small();
        mark_small();
        if constexpr (side_by_side)
            std::construct_at(&st_.large);
    }
    // B built from args (an allocator, for example); the buffer starts inline.
    template <class... Args>
    requires detail::constructible_from<B, Args...>
    explicit SvoBuffer(std::in_place_t, Args&&... args) {
        construct_small();
        mark_small();
        if constexpr (side_by_side)
            std::construct_at(&st_.large, std::forward<Args>(args)...);
    }
    explicit SvoBuffer(const typename detail::allocator_or_none<B>::type& alloc) requires
        side_by_side
        && detail::constructible_from<B, decltype(alloc)> : SvoBuffer(std::in_place, alloc) {}

    SvoBuffer(SvoBuffer&& other, Live live) noexcept(is_nothrow_relocatable_v<value_type>) requires
        RelocatableBuffer<small_type> {
        construct_small();
        mark_small();
        const bool large = other.on_large();
        if constexpr (side_by_side)
            std::construct_at(&st_.large, std::move(other.st_.large), large ? live : Live{});
        if (large) {
            if constexpr (!side_by_side) {
                destroy_small();
                std::construct_at(&st_.large, std::move(other.st_.large), live);
                other.make_small();
            }
            mark_large();
            other.mark_small();
        } else {
            detail::on_failure([&] { buffers::relocate_live(other.st_.small, st_.small, live); },
                               [&] {
                                   destroy_small();
                                   if constexpr (side_by_side)
                                       std::destroy_at(&st_.large);
                               });
        }
    }
    SvoBuffer(copy_config_t, const SvoBuffer& other) requires CopyConfigurableBuffer<B> {
        construct_small();
        mark_small();
        if constexpr (side_by_side)
            std::construct_at(&st_.large, copy_config, other.st_.large);
    }
    SvoBuffer(const SvoBuffer&) = delete;
    SvoBuffer& operator=(const SvoBuffer&) = delete;
    // Releases storage only: noexcept whatever the element's destructor (see InlineBuffer).
    ~SvoBuffer() noexcept {
        if constexpr (side_by_side) {
            destroy_small();
            std::destroy_at(&st_.large);
        } else if (on_large()) {
            std::destroy_at(&st_.large);
        } else {
            destroy_small();
        }
    }

    // True while the values live in the inline slots (false once they moved to B).
    bool is_inline() const noexcept { return !on_large(); }

    auto get_allocator() const noexcept requires has_get_allocator<B> {
        return st_.large.get_allocator();
    }

private:
    // Adopting other's configuration may release B's block: the kept end follows.
    void copy_config_from_impl(const SvoBuffer& other) {
        st_.large.copy_config_from(other.st_.large);
        if (on_large())
            mark_large();
    }
    void move_config_from_impl(SvoBuffer& other) {
        st_.large.move_config_from(other.st_.large);
        if (on_large())
            mark_large();
    }
    // B's growth policy; while inline (B not built), that of an empty B.
    constexpr std::size_t next_capacity_impl(std::size_t n) const noexcept {
        if constexpr (!side_by_side) {
            if (!on_large())
                return B().next_capacity(n);
        }
        return st_.large.next_capacity(n);
    }

    // relocate_from: takes other's live values; this buffer must hold none. Heap storage is
    // stolen, inline values are relocated. noexcept when both can be: composites (ArrayBuffer)
    // and the collection's move assignment depend on knowing it.
    void relocate_from_impl(SvoBuffer& other, Live live) noexcept(
        is_nothrow_relocatable_v<value_type>&& nothrow_relocate_from_v<B>) {
        if (other.on_large()) {
            if constexpr (side_by_side) {
                // B may build a new block here (allocators that differ) and fail: the kept end
                // then follows whatever block B holds.
                const bool was_large = on_large();
                detail::on_failure([&] { st_.large.relocate_from(other.st_.large, live); },
                                   [&] {
                                       if (was_large)
                                           mark_large();
                                   });
            } else if (on_large()) {
                detail::on_failure([&] { st_.large.relocate_from(other.st_.large, live); },
                                   [&] { mark_large(); });
            } else {
                destroy_small();
                std::construct_at(&st_.large, std::move(other.st_.large), live);
            }
            mark_large();
            other.make_small();
        } else {
            if (on_large())
                make_small();
            buffers::relocate_live(other.st_.small, st_.small, live);
        }
    }

public:
    // Over a contiguous B, the slots from data() to the kept end address (see on_large()).
    std::size_t capacity() const noexcept {
        if constexpr (keeps_limit)
            return static_cast<std::size_t>(limit_ - data());
        else
            return active([](const auto& b) noexcept { return b.capacity(); });
    }
    std::size_t max_capacity() const noexcept {
        if constexpr (side_by_side)
            return std::max(N, st_.large.max_capacity());
        else
            return std::max(N, on_large() ? st_.large.max_capacity() : B().max_capacity());
    }

    reference get(std::size_t i) {
        return active([&](auto& b) -> reference { return b.get(i); });
    }
    const_reference get(std::size_t i) const {
        return active([&](const auto& b) -> const_reference { return b.get(i); });
    }
    value_type* ptr(std::size_t i) noexcept requires PtrBuffer<B> {
        return active([&](auto& b) noexcept { return b.ptr(i); });
    }
    const value_type* ptr(std::size_t i) const noexcept requires PtrBuffer<B> {
        return active([&](const auto& b) noexcept { return b.ptr(i); });
    }
    value_type* data() noexcept requires ContiguousBuffer<B> {
        return active([](auto& b) noexcept { return b.data(); });
    }
    const value_type* data() const noexcept requires ContiguousBuffer<B> {
        return active([](const auto& b) noexcept { return b.data(); });
    }
    template <std::size_t K>
    auto column_data() noexcept requires has_column_data<B> && has_column_data<small_type> {
        return active([](auto& b) noexcept { return b.template column_data<K>(); });
    }
    template <std::size_t K>
    auto column_data() const noexcept requires has_column_data<B> && has_column_data<small_type> {
        return active([](const auto& b) noexcept { return b.template column_data<K>(); });
    }

    template <class... Args>
    void put(std::size_t i, Args&&... args) {
        active([&](auto& b) { b.put(i, std::forward<Args>(args)...); });
    }
    value_type take(std::size_t i) {
        return active([&](auto& b) { return b.take(i); });
    }
    void destroy(std::size_t i) noexcept(detail::is_nothrow_destructible_v<value_type>) {
        active(
            [&](auto& b) noexcept(detail::is_nothrow_destructible_v<value_type>) { b.destroy(i); });
    }
    void destroy_range(std::size_t first, std::size_t last) noexcept {
        active([&](auto& b) noexcept { buffers::destroy_range(b, first, last); });
    }
    void shift_right(std::size_t first, std::size_t last, std::size_t k) noexcept {
        active([&](auto& b) noexcept { buffers::shift_right(b, first, last, k); });
    }
    void shift_left(std::size_t first, std::size_t last, std::size_t k) noexcept {
        active([&](auto& b) noexcept { buffers::shift_left(b, first, last, k); });
    }

    [[nodiscard]] Status try_grow(std::size_t n, Live live) {
        if (on_large()) {
            const Status s = st_.large.try_grow(n, live);
            mark_large();
            return s;
        }
        if (n <= N)
            return Status::ok;
        // Inline to B: build B's storage, relocate the live values, then switch.
        if constexpr (side_by_side) {
            const std::size_t before = st_.large.capacity();
            if (const Status s = st_.large.try_grow(n, Live{}); s != Status::ok)
                return s;
            detail::on_failure([&] { buffers::relocate_live(st_.small, st_.large, live); },
                               [&] { (void)st_.large.try_shrink(before, Live{}); });
        } else {
            B fresh;
            if (const Status s = fresh.try_grow(n, Live{}); s != Status::ok)
                return s;
            buffers::relocate_live(st_.small, fresh, live); // strong: on throw, fresh is released
            destroy_small();
            std::construct_at(&st_.large, std::move(fresh), live);
        }
        mark_large();
        return Status::ok;
    }
    [[nodiscard]] Status try_shrink(std::size_t n, Live live) {
        n = std::max(n, live.end());
        if (!on_large())
            return Status::ok;
        if (n > N) {
            const Status s = st_.large.try_shrink(n, live);
            mark_large();
            return s;
        }
        // B to inline: the values move back, B's storage is released.
        if constexpr (side_by_side) {
            buffers::relocate_live(st_.large, st_.small, live);
            mark_small();
            (void)st_.large.try_shrink(0, Live{});
        } else {
            B old(std::move(st_.large), live);
            std::destroy_at(&st_.large);
            construct_small();
            detail::on_failure([&] { buffers::relocate_live(old, st_.small, live); },
                               [&] {
                                   destroy_small();
                                   std::construct_at(&st_.large, std::move(old), live);
                               });
            mark_small();
        }
        return Status::ok;
    }

private:
    // The one place that dispatches on the active storage: f(B) once the values moved there,
    // f(inline slots) before. Both give the same types (asserted above).
    template <class F>
    decltype(auto) active(F&& f) {
        if (on_large())
            return f(st_.large);
        return f(st_.small);
    }
    template <class F>
    decltype(auto) active(F&& f) const {
        if (on_large())
            return f(st_.large);
        return f(st_.small);
    }

    void construct_small() noexcept { std::construct_at(&st_.small); }
    void destroy_small() noexcept { std::destroy_at(&st_.small); }
    // Releases B's storage (no live values) and returns to the inline slots.
    void make_small() noexcept {
        if constexpr (side_by_side) {
            (void)st_.large.try_shrink(0, Live{});
        } else if (on_large()) {
            std::destroy_at(&st_.large);
            construct_small();
        }
        mark_small();
    }

    // Which storage holds the values. Over a contiguous B whose block is never inside it (a
    // heap block), kept as the address past the last slot of that storage (the inline slots'
    // end while inline, B's block end once on B), in the place a flag would take: a
    // collection that keeps its own end address then tests a push against the capacity with
    // one comparison of two loaded words, inline or not (see capacity()), where a flag made
    // it test the flag and then compare with one end or the other. The inline slots' end
    // lies inside this object and a block's end never does (the block would overlap it), so
    // the address also tells which storage is active. Otherwise, a flag.
    static constexpr bool keeps_limit =
        ContiguousBuffer<B> && ContiguousBuffer<small_type> && !detail::may_hold_slots_inside<B>();
    bool on_large() const noexcept {
        if constexpr (keeps_limit) {
            const auto offset =
                reinterpret_cast<std::uintptr_t>(limit_) - reinterpret_cast<std::uintptr_t>(this);
            return offset - 1 >= sizeof(SvoBuffer); // outside (this, this + sizeof]
        } else {
            return limit_;
        }
    }
    // Called once the inline slots, or B, hold the values (and after each change of B's block).
    void mark_small() noexcept {
        if constexpr (keeps_limit)
            limit_ = st_.small.data() + N;
        else
            limit_ = false;
    }
    void mark_large() noexcept {
        if constexpr (keeps_limit)
            limit_ = st_.large.data() + st_.large.capacity();
        else
            limit_ = true;
    }

    detail::svo_storage<small_type, B, side_by_side> st_;
    std::conditional_t<keeps_limit, value_type*, bool> limit_{};
};

} // namespace buffers
