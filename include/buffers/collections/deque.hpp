#pragma once

// Deque<T, B>: std::deque's interface over any buffer B, as a ring. The deque decides which
// slots are live (a run that starts at head and may wrap past the end of the slots); the
// buffer decides where the slots are and how they grow, exactly as for Vector.
//
// Everything but the slot mapping is the collection core (core.hpp), as for Vector: Deque is
// the core with the ring mapping below, plus the members at the front.
//
// Growth goes through the buffer contract only: try_grow receives the live ranges (two when
// the ring wraps), the buffer relocates them to the same indices, and the deque then unwraps
// the ring into the new slots with the buffer's bulk operations (shift_right of the shorter
// part). Types whose move may throw are unwrapped by copying instead, so a push at either end
// keeps the strong guarantee for every T.
//
// Where iterator and reference invalidation differs from std::deque:
//   * References and pointers to elements are invalidated by every growth (a push, emplace,
//     insert, resize or reserve beyond capacity()) and by shrink_to_fit: growth relocates the
//     elements, as a vector does. std::deque keeps references valid on a push at either end.
//     Within capacity, pushes at either end keep references valid; reserve() first if they
//     must survive a known number of pushes.
//   * An iterator is a position: the deque and an index from the front. After push_back it
//     still designates the same element, even when the deque grew (std::deque invalidates all
//     iterators); after push_front or pop_front it designates the same index, hence another
//     element (std::deque: invalidated). Code that follows std::deque's rules is correct here.
//   * After swap or a move, iterators keep designating positions in the deque object they
//     were taken from (std::deque's follow the elements into the other container).
//   * insert and erase in the middle move the shorter side, as std::deque does, and
//     invalidate references to the elements they move.

#include "../detail/deduction.hpp"
#include "../detail/traits.hpp"
#include "core.hpp"

#include <cstddef>
#include <utility>

namespace buffers {
namespace detail {

// Element i in slot (head + i) mod cap: a run that starts at head and may wrap past the end
// of the slots. cap, the ring's modulus, is at most the buffer's capacity (a wrapped ring
// keeps its modulus when the buffer grows beyond it until it is unwrapped).
struct RingSlots {
    static constexpr bool identity = false;
    static constexpr bool two_ended = true;

    std::size_t head = 0; // slot of the first element (0 while the capacity is 0)
    std::size_t cap = 0;

    template <class B>
    constexpr explicit RingSlots(const B& b) noexcept : cap(b.capacity()) {}

    // Buffers whose capacity is a constant (InlineBuffer): the modulus is that constant.
    template <class C>
    static constexpr bool constant_capacity = has_constant_capacity<typename C::buffer_type>;

    template <class C>
    std::size_t capacity(const C&) const noexcept {
        if constexpr (constant_capacity<C>)
            return C::buffer_type::capacity();
        else
            return cap;
    }
    template <class C>
    std::size_t slot(const C& c, std::size_t i) const noexcept {
        return add(c, head, i);
    }
    template <class C>
    std::size_t front_slot(const C&) const noexcept {
        return head;
    }
    template <class C>
    bool wrapped(const C& c) const noexcept {
        return head + c.size_ > capacity(c);
    }
    template <class C>
    Live live(const C& c) const noexcept {
        return span(c, 0, c.size_);
    }
    // The slots of indices [i, i + n): [p, p + n), or [p, cap) and [0, rest) when they wrap.
    template <class C>
    Live span(const C& c, std::size_t i, std::size_t n) const noexcept {
        const std::size_t p = slot(c, i);
        const std::size_t first = std::min(n, capacity(c) - p);
        return Live(IndexRange{p, p + first}, IndexRange{0, n - first});
    }
    template <class C>
    Live::Ranges runs(const C& c, std::size_t i, std::size_t n) const noexcept {
        return span(c, i, n).ranges();
    }
    // Moves a slot index forward (up) or backward (down) by k < capacity() around the ring.
    template <class C>
    std::size_t add(const C& c, std::size_t p, std::size_t k) const noexcept {
        return p + k >= capacity(c) ? p + k - capacity(c) : p + k;
    }
    template <class C>
    std::size_t sub(const C& c, std::size_t p, std::size_t k) const noexcept {
        return p >= k ? p - k : p + capacity(c) - k;
    }

    // The front: the slot before it, and the head moving by k.
    template <class C>
    std::size_t before_front(const C& c) const noexcept {
        return (head == 0 ? capacity(c) : head) - 1;
    }
    template <class C>
    void grew_front(const C& c, std::size_t k) noexcept {
        head = sub(c, head, k);
    }
    template <class C>
    void drop_front(const C& c, std::size_t k) noexcept {
        if (k == 1) // pop_front: the common case, one compare with the modulus
            head = head + 1 == capacity(c) ? 0 : head + 1;
        else
            head = add(c, head, k);
    }

    // After the buffer changed under the elements (which kept their slots): an unwrapped ring
    // may use every slot the buffer has; an empty one starts at slot 0.
    template <class C>
    void settle(const C& c) noexcept {
        if (c.size_ == 0)
            head = 0;
        if (!wrapped(c))
            cap = c.buf_.capacity();
        if (cap == 0)
            head = 0;
    }

    // --- moving runs of elements around the ring (nothrow relocation only) ---------------

    // Relocates n values starting at slot from (wrapping) k slots toward the front. The k
    // slots before them are empty. Ascending, in pieces where neither side wraps.
    template <class C>
    void move_down(C& c, std::size_t from, std::size_t n, std::size_t k) const noexcept {
        while (n > 0) {
            const std::size_t s = from;
            const std::size_t d = sub(c, s, k);
            const std::size_t len = std::min({n, capacity(c) - s, capacity(c) - d});
            if (d < s)
                buffers::shift_left(c.buf_, s, s + len, s - d);
            else // the destination wrapped to the end: disjoint from the source
                buffers::shift_right(c.buf_, s, s + len, d - s);
            from = add(c, s, len);
            n -= len;
        }
    }
    // Relocates n values starting at slot from (wrapping) k slots toward the back. The k
    // slots after them are empty. Descending, in pieces where neither side wraps.
    template <class C>
    void move_up(C& c, std::size_t from, std::size_t n, std::size_t k) const noexcept {
        while (n > 0) {
            const std::size_t e = add(c, from, n - 1); // the last value still to move
            const std::size_t de = add(c, e, k);
            const std::size_t len = std::min({n, e + 1, de + 1});
            const std::size_t s = e + 1 - len;
            const std::size_t d = de + 1 - len;
            if (d > s)
                buffers::shift_right(c.buf_, s, s + len, d - s);
            else // the destination wrapped to the start: disjoint from the source
                buffers::shift_left(c.buf_, s, s + len, s - d);
            n -= len;
        }
    }

    // Opens n empty slots at index i by moving the shorter side (room for n is reserved).
    // Returns true when the front side moved.
    template <class C>
    bool open_gap(C& c, std::size_t i, std::size_t n) noexcept {
        if (i < c.size_ - i) {
            const std::size_t new_head = sub(c, head, n);
            move_down(c, head, i, n);
            head = new_head;
            return true;
        }
        move_up(c, slot(c, i), c.size_ - i, n);
        return false;
    }
    // Undoes open_gap(c, i, n).
    template <class C>
    void close_gap(C& c, std::size_t i, std::size_t n, bool front) noexcept {
        if (front) {
            move_up(c, head, i, n);
            head = add(c, head, n);
        } else {
            move_down(c, slot(c, i + n), c.size_ - i, n);
        }
    }
    // The values of [i, j) were destroyed: the shorter side moves over the hole.
    template <class C>
    void close_hole(C& c, std::size_t i, std::size_t j) noexcept {
        const std::size_t n = j - i;
        if (i < c.size_ - j) {
            move_up(c, head, i, n);
            head = add(c, head, n);
        } else {
            move_down(c, slot(c, j), c.size_ - j, n);
        }
    }

    // --- growth and shrinking ------------------------------------------------------------

    // Asks the buffer for n slots, then re-lays the ring in them. Strong guarantee.
    template <class C>
    Status grow(C& c, std::size_t n) {
        std::size_t request = n;
        if constexpr (!C::shift_by_relocation) {
            // Unwrapping by copy needs the shorter part to fit beside the old slots.
            if (wrapped(c))
                request = std::max(n, cap + std::min(cap - head, head + c.size_ - cap));
        }
        const Status s = c.buf_.try_grow(request, c.live());
        if (s != Status::ok)
            return s;
        if (c.buf_.capacity() < request)
            return Status::unsupported; // a buffer that claims success without the capacity
        adopt_capacity(c);
        return capacity(c) >= n ? Status::ok : Status::unsupported;
    }

    // The buffer has grown to buf_.capacity() slots, keeping every value at its index. A ring
    // that wrapped at the old capacity is made whole again in the new one: either the back
    // part [0, t) moves behind the old end, or the front part [head, old) moves to the new
    // end, whichever is shorter (and fits).
    template <class C>
    void adopt_capacity(C& c) {
        const std::size_t old = capacity(c);
        const std::size_t fresh = c.buf_.capacity();
        if (fresh <= old)
            return;
        if (!wrapped(c)) {
            cap = fresh;
            return;
        }
        const std::size_t gap = fresh - old;
        const std::size_t front = old - head;
        const std::size_t back = c.size_ - front;
        if constexpr (C::shift_by_relocation) {
            if (back <= gap && back <= front) {
                buffers::shift_right(c.buf_, 0, back, old);
            } else {
                buffers::shift_right(c.buf_, head, old, gap);
                head += gap;
            }
        } else {
            if (back <= gap && (back <= front || front > gap)) {
                copy_slots(c, 0, old, back);
            } else if (front <= gap) {
                copy_slots(c, head, fresh - front, front);
                head = fresh - front;
            } else {
                return; // no room to copy into: the ring keeps its old modulus
            }
        }
        cap = fresh;
    }

    // Copies count values from slots [from, ...) into the empty slots [to, ...) (disjoint),
    // then destroys the sources. If a copy throws, the copies are destroyed: no change.
    template <class C>
    static void copy_slots(C& c, std::size_t from, std::size_t to, std::size_t count) {
        std::size_t done = 0;
        on_failure(
            [&] {
                for (; done < count; ++done) {
                    if constexpr (RefBuffer<typename C::buffer_type>) {
                        c.buf_.put(to + done, detail::move_if_noexcept(c.buf_.get(from + done)));
                    } else {
                        auto&& r = c.buf_.get(from + done);
                        c.buf_.put(to + done, std::as_const(r));
                    }
                }
            },
            [&] { buffers::destroy_range(c.buf_, to, to + done); });
        buffers::destroy_range(c.buf_, from, from + count);
    }

    // The ring is first moved to the start of the slots, so that the buffer can release the
    // end. False when there is nothing to release.
    template <class C>
    bool prepare_shrink(C& c) noexcept {
        if constexpr (constant_capacity<C>)
            return false; // (and ZstBuffer's ring is PTRDIFF_MAX slots long)
        if constexpr (C::shift_by_relocation)
            linearize(c);
        return true;
    }

    // Moves the whole ring to slots [0, size()) (head 0), using the empty slots as scratch:
    // each value moves once, plus one temporary per rotation cycle that holds no empty slot.
    template <class C>
    void linearize(C& c) noexcept {
        if (c.size_ == 0) {
            head = 0;
            return;
        }
        if (!wrapped(c)) {
            buffers::shift_left(c.buf_, head, head + c.size_, head);
            head = 0;
            return;
        }
        // Live slots: [h, c) and [0, t); empty: [t, h). Slot d receives the value of slot
        // (d + h) mod c: a rotation, whose cycles are the residues modulo gcd(c, h).
        const std::size_t m = capacity(c), h = head, t = head + c.size_ - m;
        auto source = [&](std::size_t d) { return d + h >= m ? d + h - m : d + h; };
        auto empty = [&](std::size_t p) { return p >= t && p < h; };
        // Chains start at empty slots; only those below size() receive a value (the others'
        // sources are empty too), which keeps the work O(size()) however large the ring.
        for (std::size_t e = t; e < std::min(h, c.size_); ++e) {
            std::size_t d = e;
            for (std::size_t s = source(d); !empty(s); s = source(s)) {
                buffers::relocate_slot(c.buf_, s, d);
                d = s;
            }
        }
        // The empty run covers h - t consecutive residues, those just below h (a multiple of
        // g); the cycles of residues [0, g - (h - t)) have no empty slot.
        std::size_t g = m;
        for (std::size_t b = h; b != 0;) // gcd(m, h), without <numeric>
            g = detail::exchange(b, g % b);
        for (std::size_t r = 0; r + (h - t) < g; ++r) {
            auto value = c.buf_.take(r);
            std::size_t d = r;
            for (std::size_t s = source(d); s != r; s = source(s)) {
                buffers::relocate_slot(c.buf_, s, d);
                d = s;
            }
            c.buf_.put(d, std::move(value));
        }
        head = 0;
    }
};

} // namespace detail

template <class T, class B = DefaultBuffer<T>>
class Deque : public detail::CollectionCore<Deque<T, B>, T, B, detail::RingSlots> {
    using Core = detail::CollectionCore<Deque, T, B, detail::RingSlots>;
    friend Core;

public:
    static constexpr detail::name_string name = "Deque";
    static constexpr detail::name_string noun = "deque";

    using Core::Core;
    // Declared here too, not only inherited: g++ 12 deduces `Deque v{1, 2, 3}` only for a class
    // that declares an initializer-list constructor itself. (Declaring one hides the implicit
    // default constructor, hence the second line.)
    Deque() = default; // constexpr when it can be (not declared so: see CollectionCore())
    constexpr Deque(std::initializer_list<T> il) requires detail::default_initializable<B>
        : Core(il) {}
    using Core::operator=;
    using Core::emplace_front;
    using Core::pop_front;
    using Core::try_emplace_front;

    void push_front(const T& value) { emplace_front(value); }
    void push_front(T&& value) { emplace_front(std::move(value)); }
    auto try_push_front(const T& value) { return try_emplace_front(value); }
    auto try_push_front(T&& value) { return try_emplace_front(std::move(value)); }

    // For a ring over a buffer of constant capacity (InlineBuffer, InlineSoaBuffer): a push on
    // a full ring first drops the element at the other end, the oldest (a telemetry window).
    // The value is taken before the drop, so it may be that element. A ring of capacity 0
    // keeps nothing.
    void push_back_overwrite(const T& value) requires Core::fixed_capacity {
        push_overwrite<true>(value);
    }
    void push_back_overwrite(T&& value) requires Core::fixed_capacity {
        push_overwrite<true>(std::move(value));
    }
    void push_front_overwrite(const T& value) requires Core::fixed_capacity {
        push_overwrite<false>(value);
    }
    void push_front_overwrite(T&& value) requires Core::fixed_capacity {
        push_overwrite<false>(std::move(value));
    }

    // The slots that hold the elements, in order: [head, head + size) or, when the ring wraps,
    // [head, capacity()) then [0, rest). What the buffer is told on growth; SoA column views
    // (column_halves) are built from it.
    using Core::live;

private:
    template <bool Back, class V>
    void push_overwrite(V&& value) {
        if (this->capacity() == 0)
            return;
        if (this->size() < this->capacity()) {
            if constexpr (Back)
                this->emplace_back(std::forward<V>(value));
            else
                this->emplace_front(std::forward<V>(value));
            return;
        }
        T held(std::forward<V>(value));
        if constexpr (Back) {
            this->pop_front();
            this->emplace_back(std::move(held));
        } else {
            this->pop_back();
            this->emplace_front(std::move(held));
        }
    }
};

// Removes every element equal to value; returns how many. Found by argument-dependent lookup:
// `erase(d, x)` with d a buffers::Deque.
template <class T, class B, class U>
typename Deque<T, B>::size_type erase(Deque<T, B>& d, const U& value) {
    return erase_if(d, [&](const auto& e) { return e == value; });
}
template <class T, class B, class Pred>
typename Deque<T, B>::size_type erase_if(Deque<T, B>& d, Pred pred) {
    return detail::erase_if(d, pred);
}

// std::deque's deduction guides, and the allocator-extended ones (detail/deduction.hpp).
BUFFERS_DETAIL_SEQUENCE_GUIDES(Deque)

} // namespace buffers
