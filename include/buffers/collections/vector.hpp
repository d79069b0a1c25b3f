#pragma once

// Vector<T, B>: std::vector's interface and guarantees over any buffer B. The vector decides
// which slots are live ([0, size())); the buffer decides where they are and how they grow.
//
// Everything but the slot mapping is the collection core (core.hpp): Vector is the core with
// element i in slot i, plus the members only that mapping allows (data(), swap_remove, ...).
// Where std::vector relocates by hand, Vector calls the buffer: try_grow/try_shrink with the
// live range, shift_right/shift_left for insert/erase (memmove for trivially relocatable T in
// contiguous buffers, column by column for SoA).

#include "../detail/deduction.hpp"
#include "../detail/traits.hpp"
#include "core.hpp"

namespace buffers {
namespace detail {

// Element i in slot i.
struct IdentitySlots {
    static constexpr bool identity = true;
    static constexpr bool two_ended = false;

    template <class B>
    constexpr explicit IdentitySlots(const B&) noexcept {}

    template <class C>
    static constexpr std::size_t capacity(const C& c) noexcept {
        return c.buf_.capacity();
    }
    template <class C>
    static constexpr std::size_t slot(const C&, std::size_t i) noexcept {
        return i;
    }
    template <class C>
    static constexpr std::size_t front_slot(const C&) noexcept {
        return 0;
    }
    template <class C>
    static constexpr Live live(const C& c) noexcept {
        return Live(c.size());
    }
    // The slots of indices [i, i + n).
    template <class C>
    static constexpr Live::Ranges runs(const C&, std::size_t i, std::size_t n) noexcept {
        return Live(IndexRange{i, i + n}).ranges();
    }
    template <class C>
    static constexpr Status grow(C& c, std::size_t n) {
        const std::size_t size = c.size(); // kept as an address into the storage that moves
        const Status s = c.buf_.try_grow(n, c.live());
        c.set_size(size);
        if (s == Status::ok && c.buf_.capacity() < n)
            return Status::unsupported; // a buffer that claims success without the capacity
        return s;
    }
    // Empty slots [i, i + n) before the elements from i (nothrow relocation only).
    template <class C>
    static constexpr bool open_gap(C& c, std::size_t i, std::size_t n) noexcept {
        buffers::shift_right(c.buf_, i, c.size(), n);
        return false;
    }
    template <class C>
    static constexpr void close_gap(C& c, std::size_t i, std::size_t n, bool) noexcept {
        buffers::shift_left(c.buf_, i + n, c.size() + n, n);
    }
    // The values of [i, j) were destroyed: the elements after them move down.
    template <class C>
    static constexpr void close_hole(C& c, std::size_t i, std::size_t j) noexcept {
        buffers::shift_left(c.buf_, j, c.size(), j - i);
    }
    template <class C>
    static constexpr bool prepare_shrink(C&) noexcept {
        return true;
    }
    template <class C>
    static constexpr void settle(C&) noexcept {}
};

} // namespace detail

template <class T, class B = DefaultBuffer<T>>
class Vector : public detail::CollectionCore<Vector<T, B>, T, B, detail::IdentitySlots> {
    using Core = detail::CollectionCore<Vector, T, B, detail::IdentitySlots>;
    friend Core;
    using Core::buf_;
    using Core::set_size;

public:
    static constexpr detail::name_string name = "Vector";
    static constexpr detail::name_string noun = "vector";

    using Core::Core;
    // Declared here too, not only inherited: g++ 12 deduces `Vector v{1, 2, 3}` only for a class
    // that declares an initializer-list constructor itself. (Declaring one hides the implicit
    // default constructor, hence the second line.)
    Vector() = default; // constexpr when it can be (not declared so: see CollectionCore())
    constexpr Vector(std::initializer_list<T> il) requires detail::default_initializable<B>
        : Core(il) {}
    using Core::size;
    using typename Core::size_type;
    using Core::operator=;
    using Core::unchecked_emplace_back;

    // Only for contiguous buffers. Valid (possibly null) when empty; [data(), data() + size())
    // is always a valid range.
    constexpr T* data() noexcept requires Core::contiguous { return buf_.data(); }
    constexpr const T* data() const noexcept requires Core::contiguous { return buf_.data(); }

    constexpr void unchecked_push_back(const T& value) { unchecked_emplace_back(value); }
    constexpr void unchecked_push_back(T&& value) { unchecked_emplace_back(std::move(value)); }

    // Removes element i in O(1) by moving the last element into its place (order is not
    // kept) and returns the removed value.
    constexpr T swap_remove(size_type i) {
        BUFFERS_ASSERT(i < size(), Core::template where<"swap_remove">(), "index out of range");
        [[maybe_unused]] const auto open = this->open_slots();
        const size_type last = size() - 1;
        if constexpr (Core::shift_by_relocation) {
            T value = buf_.take(i);
            if (i != last)
                buffers::relocate_slot(buf_, last, i);
            set_size(last);
            return value;
        } else {
            T value(std::move(buf_.get(i)));
            if (i != last)
                buf_.get(i) = std::move(buf_.get(last));
            this->pop_back();
            return value;
        }
    }

    // Grows to n without initialising the new elements (trivially default constructible T):
    // for buffers that are about to be overwritten, e.g. by a read into data().
    constexpr void resize_for_overwrite(size_type n) requires
        detail::is_trivially_default_constructible_v<T> && detail::is_trivially_destructible_v<T> {
        [[maybe_unused]] const auto open = this->open_slots();
        if (n > this->capacity())
            this->grow_to(n, Core::template where<"resize_for_overwrite">());
        set_size(n);
    }
};

// Removes every element equal to value; returns how many. Found by argument-dependent lookup:
// `erase(v, x)` with v a buffers::Vector.
template <class T, class B, class U>
constexpr typename Vector<T, B>::size_type erase(Vector<T, B>& v, const U& value) {
    return erase_if(v, [&](const auto& e) { return e == value; });
}
template <class T, class B, class Pred>
constexpr typename Vector<T, B>::size_type erase_if(Vector<T, B>& v, Pred pred) {
    return detail::erase_if(v, pred);
}

// std::vector's deduction guides, and the allocator-extended ones (detail/deduction.hpp).
BUFFERS_DETAIL_SEQUENCE_GUIDES(Vector)

} // namespace buffers
