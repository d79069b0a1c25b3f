#pragma once

// Deque<T, B>: std::deque's interface over any buffer B, as a ring. The deque decides which
// slots are live (a run that starts at head and may wrap past the end of the slots); the
// buffer decides where the slots are and how they grow, exactly as for Vector.
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

#include "../composite/default_buffer.hpp"
#include "../composite/indirect_buffer.hpp"
#include "../core/concepts.hpp"
#include "../core/config.hpp"
#include "../core/live.hpp"
#include "../core/ops.hpp"
#include "../core/relocate.hpp"
#include "../detail/index_iterator.hpp"
#include "vector.hpp"

#include <algorithm>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <new>
#include <numeric>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace buffers {

template <class T, class B = DefaultBuffer<T>>
class Deque : public detail::allocator_type_of<B> {
    static_assert(check_buffer<B>(), "buffers: Deque<T, B> needs B to model Buffer");
    static_assert(std::is_same_v<T, typename B::value_type>,
                  "buffers: Deque<T, B> needs B::value_type to be T (a buffer of T)");

    // Elements move by relocation (the buffer's shifts) only when that cannot throw; other
    // types are copied (growth) or move-assigned (insert/erase), so a throw leaves no hole.
    static constexpr bool shift_by_relocation =
        is_nothrow_relocatable_v<T> && std::is_nothrow_destructible_v<T>;
    static constexpr bool has_allocator = requires { typename B::allocator_type; };
    // Buffers whose capacity is a constant (InlineBuffer): the ring's modulus is that constant.
    static constexpr bool fixed_capacity = requires {
        std::integral_constant<std::size_t, B::capacity()>{};
    };
    using alloc_arg = typename detail::allocator_or_none<B>::type;

public:
    using value_type = T;
    using buffer_type = B;
    using size_type = std::size_t;
    using difference_type = std::ptrdiff_t;
    using reference = typename B::reference;
    using const_reference = typename B::const_reference;
    using pointer = std::conditional_t<RefBuffer<B>, T*, void>;
    using const_pointer = std::conditional_t<RefBuffer<B>, const T*, void>;
    // Random access, proxy-aware (SoA rows): a pointer to the deque and an index.
    using iterator = detail::IndexIterator<Deque, false>;
    using const_iterator = detail::IndexIterator<Deque, true>;
    using reverse_iterator = std::reverse_iterator<iterator>;
    using const_reverse_iterator = std::reverse_iterator<const_iterator>;

    // --- construction --------------------------------------------------------------------

    Deque() noexcept(
        std::is_nothrow_default_constructible_v<B>) requires std::default_initializable<B>
    = default;
    // A deque over a given (empty) buffer: SliceBuffer storage, a configured allocator, ...
    explicit Deque(B&& buffer) noexcept(std::is_nothrow_constructible_v<B, B&&, Live>) requires
        RelocatableBuffer<B> : buf_(std::move(buffer), Live{}) {}
    explicit Deque(const alloc_arg& alloc) noexcept requires has_allocator : buf_(alloc) {}

    explicit Deque(size_type n) requires std::default_initializable<B> { append_default(n); }
    Deque(size_type n, const alloc_arg& alloc) requires has_allocator : buf_(alloc) {
        append_default(n);
    }
    Deque(size_type n, const T& value) requires std::default_initializable<B> {
        append_copies(n, value);
    }
    Deque(size_type n, const T& value, const alloc_arg& alloc) requires has_allocator
        : buf_(alloc) {
        append_copies(n, value);
    }
    template <detail::legacy_input_iterator It>
    requires std::default_initializable<B> Deque(It first, It last) { append_range(first, last); }
    template <detail::legacy_input_iterator It>
    requires has_allocator Deque(It first, It last, const alloc_arg& alloc) : buf_(alloc) {
        append_range(first, last);
    }
    Deque(std::initializer_list<T> il) requires std::default_initializable<B> {
        append_range(il.begin(), il.end());
    }
    Deque(std::initializer_list<T> il, const alloc_arg& alloc) requires has_allocator
        : buf_(alloc) {
        append_range(il.begin(), il.end());
    }

    Deque(const Deque& other) requires CopyConfigurableBuffer<B> && std::copy_constructible<T>
        : buf_(copy_config, other.buf_) {
        append_forward(other.begin(), other.size_);
    }
    Deque(const Deque& other, const std::type_identity_t<alloc_arg>& alloc) requires has_allocator
        && std::copy_constructible<T> : buf_(alloc) {
        append_forward(other.begin(), other.size_);
    }
    // Takes other's values (its storage, when the buffer can hand it over); other is empty.
    Deque(Deque&& other) noexcept(std::is_nothrow_constructible_v<B, B&&, Live>) requires
        RelocatableBuffer<B> : buf_(std::move(other.buf_), other.live()) {
        take_ring(other);
    }
    Deque(Deque&& other, const std::type_identity_t<alloc_arg>& alloc) requires has_allocator
        : buf_(alloc) {
        buf_.relocate_from(other.buf_, other.live());
        take_ring(other);
    }

    ~Deque() { destroy_all(); }

    // --- assignment ----------------------------------------------------------------------

    Deque& operator=(const Deque& other) requires std::copy_constructible<T> {
        if (this == &other)
            return *this;
        if constexpr (requires { buf_.copy_config_from(other.buf_); }) {
            clear();
            buf_.copy_config_from(other.buf_); // may release the storage
            cap_ = buf_.capacity();
        }
        assign(other.begin(), other.end());
        return *this;
    }
    Deque& operator=(Deque&& other) noexcept(noexcept(
        std::declval<B&>().relocate_from(std::declval<B&>(), Live{}))) requires requires(B& b) {
        b.relocate_from(b, Live{});
    }
    {
        if (this == &other)
            return *this;
        clear();
        if constexpr (requires { buf_.move_config_from(other.buf_); })
            buf_.move_config_from(other.buf_);
        buf_.relocate_from(other.buf_, other.live());
        take_ring(other);
        return *this;
    }
    Deque& operator=(std::initializer_list<T> il) {
        assign(il.begin(), il.end());
        return *this;
    }

    void assign(size_type n, const T& value) {
        if (n > cap()) {
            T copy(value); // value may be an element
            clear();
            grow_to(n, "buffers::Deque::assign");
            append_copies(n, copy);
            return;
        }
        const size_type common = std::min(n, size_);
        std::fill_n(begin(), common, value);
        if (n > size_)
            append_copies(n - size_, value);
        else
            erase_at_end(n);
    }
    template <detail::legacy_input_iterator It>
    void assign(It first, It last) {
        if constexpr (detail::legacy_forward_iterator<It>) {
            const auto n = static_cast<size_type>(std::distance(first, last));
            if (n > cap()) {
                clear();
                grow_to(n, "buffers::Deque::assign");
                append_forward(first, n);
                return;
            }
        }
        auto it = begin();
        for (; first != last && it != end(); ++first, ++it)
            *it = *first;
        if (first == last)
            erase_at_end(static_cast<size_type>(it - begin()));
        else
            append_range(first, last);
    }
    void assign(std::initializer_list<T> il) { assign(il.begin(), il.end()); }

    auto get_allocator() const noexcept requires has_allocator { return buf_.get_allocator(); }

    // The buffer itself, for its own members (is_inline(), column_data<K>(), ...). Adding or
    // removing values through it, behind the deque's back, breaks the deque.
    B& buffer() noexcept { return buf_; }
    const B& buffer() const noexcept { return buf_; }

    // The slots that hold the elements, in order: [head, head + size) or, when the ring wraps,
    // [head, capacity()) then [0, rest). What the buffer is told on growth; SoA column views
    // (column_halves) are built from it.
    Live live() const noexcept { return ring().live(); }

    // --- element access ------------------------------------------------------------------

    reference at(size_type i) {
        check_index(i);
        return get(i);
    }
    const_reference at(size_type i) const {
        check_index(i);
        return get(i);
    }
    reference operator[](size_type i) {
        BUFFERS_ASSERT(i < size_, "buffers::Deque::operator[]", "index out of range");
        return get(i);
    }
    const_reference operator[](size_type i) const {
        BUFFERS_ASSERT(i < size_, "buffers::Deque::operator[]", "index out of range");
        return get(i);
    }
    reference front() {
        BUFFERS_ASSERT(size_ > 0, "buffers::Deque::front", "the deque is empty");
        return buf_.get(head_);
    }
    const_reference front() const {
        BUFFERS_ASSERT(size_ > 0, "buffers::Deque::front", "the deque is empty");
        return buf_.get(head_);
    }
    reference back() {
        BUFFERS_ASSERT(size_ > 0, "buffers::Deque::back", "the deque is empty");
        return get(size_ - 1);
    }
    const_reference back() const {
        BUFFERS_ASSERT(size_ > 0, "buffers::Deque::back", "the deque is empty");
        return get(size_ - 1);
    }

    // --- iterators -----------------------------------------------------------------------

    iterator begin() noexcept { return iterator(this, 0); }
    const_iterator begin() const noexcept { return const_iterator(this, 0); }
    iterator end() noexcept { return iterator(this, static_cast<difference_type>(size_)); }
    const_iterator end() const noexcept {
        return const_iterator(this, static_cast<difference_type>(size_));
    }
    const_iterator cbegin() const noexcept { return begin(); }
    const_iterator cend() const noexcept { return end(); }
    reverse_iterator rbegin() noexcept { return reverse_iterator(end()); }
    const_reverse_iterator rbegin() const noexcept { return const_reverse_iterator(end()); }
    reverse_iterator rend() noexcept { return reverse_iterator(begin()); }
    const_reverse_iterator rend() const noexcept { return const_reverse_iterator(begin()); }
    const_reverse_iterator crbegin() const noexcept { return rbegin(); }
    const_reverse_iterator crend() const noexcept { return rend(); }

    // --- capacity ------------------------------------------------------------------------

    [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
    size_type size() const noexcept { return size_; }
    size_type max_size() const noexcept {
        return std::min(buf_.max_capacity(),
                        static_cast<size_type>(PTRDIFF_MAX) / std::max<size_type>(sizeof(T), 1));
    }
    // Elements the ring holds before the next push grows it.
    size_type capacity() const noexcept { return cap(); }
    // Asks the buffer for n slots (its growth policy may round up). Not in std::deque.
    void reserve(size_type n) {
        if (n > max_size())
            detail::raise<std::length_error>("buffers::Deque::reserve",
                                             "buffers::Deque::reserve: n exceeds max_size()");
        if (n > cap())
            grow_to(n, "buffers::Deque::reserve");
    }
    // Non-binding, as for std::deque: a buffer that cannot shrink keeps its capacity.
    void shrink_to_fit() noexcept { shrink_to(size_); }
    // Releases capacity above max(n, size()); never a live element. The ring is first moved
    // to the start of the slots, so that the buffer can release the end.
    void shrink_to(size_type n) noexcept {
        n = std::max(n, size_);
        if (n >= cap())
            return;
        if constexpr (fixed_capacity)
            return; // nothing to release (and ZstBuffer's ring is PTRDIFF_MAX slots long)
        if constexpr (shift_by_relocation)
            linearize();
#if BUFFERS_HAS_EXCEPTIONS
        try {
            (void)buf_.try_shrink(n, live());
        } catch (...) {
            // As std::deque::shrink_to_fit: a failed copy leaves the deque as it was.
        }
#else
        (void)buf_.try_shrink(n, live());
#endif
        if (head_ + size_ <= cap()) // a wrapped ring keeps its modulus (and all its slots)
            cap_ = buf_.capacity();
        if (cap() == 0)
            head_ = 0;
    }

    // --- modifiers -----------------------------------------------------------------------

    void clear() noexcept(std::is_nothrow_destructible_v<T>) {
        erase_at_end(0);
        head_ = 0;
    }

    template <class... Args>
    reference emplace_back(Args&&... args) {
        if (size_ == cap()) [[unlikely]]
            return emplace_back_slow(std::forward<Args>(args)...);
        const size_type p = slot(size_);
        buf_.put(p, std::forward<Args>(args)...);
        ++size_;
        return buf_.get(p);
    }
    template <class... Args>
    reference emplace_front(Args&&... args) {
        if (size_ == cap()) [[unlikely]]
            return emplace_front_slow(std::forward<Args>(args)...);
        const size_type p = before_head();
        buf_.put(p, std::forward<Args>(args)...);
        head_ = p;
        ++size_;
        return buf_.get(p);
    }
    void push_back(const T& value) {
        emplace_back(value);
    }
    void push_back(T&& value) {
        emplace_back(std::move(value));
    }
    void push_front(const T& value) {
        emplace_front(value);
    }
    void push_front(T&& value) {
        emplace_front(std::move(value));
    }

    // Like emplace_back/emplace_front, but report a full buffer (a fixed ring) instead of
    // throwing: a pointer to the new element (true for proxy buffers), or null (false) with
    // the deque unchanged. Exceptions from T's constructor still propagate.
    template <class... Args>
    auto try_emplace_back(Args&&... args) {
        return try_emplace_at_end<true>(std::forward<Args>(args)...);
    }
    template <class... Args>
    auto try_emplace_front(Args&&... args) {
        return try_emplace_at_end<false>(std::forward<Args>(args)...);
    }
    auto try_push_back(const T& value) {
        return try_emplace_back(value);
    }
    auto try_push_back(T&& value) {
        return try_emplace_back(std::move(value));
    }
    auto try_push_front(const T& value) {
        return try_emplace_front(value);
    }
    auto try_push_front(T&& value) {
        return try_emplace_front(std::move(value));
    }

    void pop_back() noexcept(std::is_nothrow_destructible_v<T>) {
        BUFFERS_ASSERT(size_ > 0, "buffers::Deque::pop_back", "the deque is empty");
        --size_;
        buf_.destroy(slot(size_));
    }
    void pop_front() noexcept(std::is_nothrow_destructible_v<T>) {
        BUFFERS_ASSERT(size_ > 0, "buffers::Deque::pop_front", "the deque is empty");
        const size_type p = head_;
        head_ = p + 1 == cap() ? 0 : p + 1;
        --size_;
        buf_.destroy(p);
    }

    template <class... Args>
    iterator emplace(const_iterator pos, Args&&... args) {
        const size_type i = index_of(pos, "buffers::Deque::emplace");
        if (i == size_) {
            emplace_back(std::forward<Args>(args)...);
        } else if (i == 0) {
            emplace_front(std::forward<Args>(args)...);
        } else if constexpr (shift_by_relocation) {
            // Built first: the arguments may refer to elements that are about to move.
            T value = detail::make_value<T>(std::forward<Args>(args)...);
            reserve_for(1, "buffers::Deque::emplace");
            const bool front = open_gap(i, 1);
            fill_gap(i, 1, front,
                     [&](size_type p, size_type, size_type) { buf_.put(p, std::move(value)); });
        } else if (i < size_ / 2) {
            emplace_front(std::forward<Args>(args)...);
            std::rotate(begin(), begin() + 1, make_iter(i + 1));
        } else {
            emplace_back(std::forward<Args>(args)...);
            std::rotate(make_iter(i), end() - 1, end());
        }
        return make_iter(i);
    }
    iterator insert(const_iterator pos, const T& value) {
        return emplace(pos, value);
    }
    iterator insert(const_iterator pos, T&& value) {
        return emplace(pos, std::move(value));
    }
    iterator insert(const_iterator pos, size_type n, const T& value) {
        const size_type i = index_of(pos, "buffers::Deque::insert");
        if (n == 0)
            return make_iter(i);
        if (i == size_) {
            append_copies_aliased(n, value);
        } else if constexpr (shift_by_relocation) {
            T copy(value); // value may be an element
            reserve_for(n, "buffers::Deque::insert");
            const bool front = open_gap(i, n);
            fill_gap(i, n, front, [&](size_type p, size_type k, size_type) {
                buffers::put_copies(buf_, p, k, copy);
            });
        } else {
            const size_type old = size_;
            append_copies_aliased(n, value);
            rotate_into(i, old);
        }
        return make_iter(i);
    }
    template <detail::legacy_input_iterator It>
    iterator insert(const_iterator pos, It first, It last) {
        const size_type i = index_of(pos, "buffers::Deque::insert");
        if constexpr (detail::legacy_forward_iterator<It> && shift_by_relocation) {
            const auto n = static_cast<size_type>(std::distance(first, last));
            if (n == 0)
                return make_iter(i);
            if (i == size_) {
                append_forward(first, n);
            } else {
                reserve_for(n, "buffers::Deque::insert");
                const bool front = open_gap(i, n);
                fill_gap(i, n, front, [&](size_type p, size_type k, size_type offset) {
                    buffers::put_range(buf_, p,
                                       std::next(first, static_cast<difference_type>(offset)), k);
                });
            }
        } else {
            const size_type old = size_;
            append_range(first, last);
            if (i != old)
                rotate_into(i, old);
        }
        return make_iter(i);
    }
    iterator insert(const_iterator pos, std::initializer_list<T> il) {
        return insert(pos, il.begin(), il.end());
    }

    iterator erase(const_iterator pos) {
        const size_type i = index_of(pos, "buffers::Deque::erase");
        BUFFERS_ASSERT(i < size_, "buffers::Deque::erase", "erase(end()) or an invalid iterator");
        return erase_range(i, i + 1);
    }
    iterator erase(const_iterator first, const_iterator last) {
        const size_type i = index_of(first, "buffers::Deque::erase");
        const size_type j = index_of(last, "buffers::Deque::erase");
        BUFFERS_ASSERT(i <= j, "buffers::Deque::erase", "first is after last");
        return erase_range(i, j);
    }

    void resize(size_type n) {
        if (n < size_)
            erase_at_end(n);
        else
            append_default(n - size_);
    }
    void resize(size_type n, const T& value) {
        if (n < size_)
            erase_at_end(n);
        else
            append_copies_aliased(n - size_, value);
    }

    void swap(Deque& other) noexcept(nothrow_swap()) {
        if (this == &other)
            return;
        swap_buffers(other);
    }
    friend void swap(Deque& a, Deque& b) noexcept(noexcept(a.swap(b))) {
        a.swap(b);
    }

    // --- comparison ----------------------------------------------------------------------

    friend bool operator==(const Deque& a, const Deque& b) requires std::equality_comparable<T> {
        return a.size_ == b.size_ && std::equal(a.begin(), a.end(), b.begin());
    }
    friend auto operator<=>(const Deque& a, const Deque& b) requires requires(const T& x) {
        x < x;
    } || std::three_way_comparable<T> {
        return std::lexicographical_compare_three_way(a.begin(), a.end(), b.begin(), b.end(),
                                                      detail::synth_three_way{});
    }

private:
    template <class, bool>
    friend class detail::IndexIterator;

    // The ring's modulus (see cap_).
    size_type cap() const noexcept {
        if constexpr (fixed_capacity)
            return B::capacity();
        else
            return cap_;
    }
    // The slot of element i (i <= size()): head + i, wrapped once.
    size_type slot(size_type i) const noexcept {
        const size_type p = head_ + i;
        return p >= cap() ? p - cap() : p;
    }
    size_type before_head() const noexcept {
        return (head_ == 0 ? cap() : head_) - 1;
    }
    bool wrapped() const noexcept {
        return head_ + size_ > cap();
    }
    // Moves a slot index forward (up) or backward (down) by k < capacity() around the ring.
    size_type ring_add(size_type p, size_type k) const noexcept {
        return p + k >= cap() ? p + k - cap() : p + k;
    }
    size_type ring_sub(size_type p, size_type k) const noexcept {
        return p >= k ? p - k : p + cap() - k;
    }

    // What the iterators dereference.
    reference get(size_type i) {
        return buf_.get(slot(i));
    }
    const_reference get(size_type i) const {
        return buf_.get(slot(i));
    }

    iterator make_iter(size_type i) noexcept {
        return iterator(this, static_cast<difference_type>(i));
    }
    size_type index_of(const_iterator pos, const char* where) const noexcept {
        const difference_type i = pos.index();
        BUFFERS_ASSERT(pos.buffer() == this && i >= 0 && static_cast<size_type>(i) <= size_, where,
                       "iterator does not point into this deque");
        (void)where;
        return static_cast<size_type>(i);
    }
    void check_index(size_type i) const {
        if (i >= size_)
            detail::raise<std::out_of_range>("buffers::Deque::at",
                                             "buffers::Deque::at: index out of range");
    }

    // Runs body; if it throws, runs undo and rethrows.
    template <class Body, class Undo>
    static void guarded(Body&& body, Undo&& undo) {
#if BUFFERS_HAS_EXCEPTIONS
        try {
            body();
        } catch (...) {
            undo();
            throw;
        }
#else
        (void)undo;
        body();
#endif
    }

    // --- growth --------------------------------------------------------------------------

    // Asks the buffer for n slots, then re-lays the ring in them. Strong guarantee.
    Status try_grow_to(size_type n) {
        if (n > max_size())
            return Status::exceeds_max_capacity;
        size_type request = n;
        if constexpr (!shift_by_relocation) {
            // Unwrapping by copy needs the shorter part to fit beside the old slots.
            if (wrapped())
                request = std::max(n, cap() + std::min(cap() - head_, head_ + size_ - cap()));
        }
        const Status s = buf_.try_grow(request, live());
        if (s != Status::ok)
            return s;
        if (buf_.capacity() < request)
            return Status::unsupported; // a buffer that claims success without the capacity
        adopt_capacity();
        return cap() >= n ? Status::ok : Status::unsupported;
    }
    void grow_to(size_type n, const char* where) {
        if (n > max_size())
            detail::raise<std::length_error>(where, "buffers::Deque: size would exceed max_size()");
        const Status s = try_grow_to(n);
        if (s == Status::ok)
            return;
        if (s == Status::out_of_memory)
            detail::raise<std::bad_alloc>(where, "out of memory");
        if (s == Status::exceeds_max_capacity)
            detail::raise<std::length_error>(where,
                                             "buffers::Deque: the buffer is full (max capacity)");
        detail::raise<std::length_error>(where, "buffers::Deque: the buffer cannot grow");
    }
    // Room for k more elements.
    void reserve_for(size_type k, const char* where) {
        if (k > max_size() - size_)
            detail::raise<std::length_error>(where, "buffers::Deque: size would exceed max_size()");
        if (size_ + k > cap())
            grow_to(size_ + k, where);
    }

    // The buffer has grown to buf_.capacity() slots, keeping every value at its index. A ring
    // that wrapped at the old capacity is made whole again in the new one: either the back
    // part [0, t) moves behind the old end, or the front part [head, old) moves to the new
    // end, whichever is shorter (and fits).
    void adopt_capacity() {
        const size_type old = cap();
        const size_type fresh = buf_.capacity();
        if (fresh <= old)
            return;
        if (!wrapped()) {
            cap_ = fresh;
            return;
        }
        const size_type gap = fresh - old;
        const size_type front = old - head_;
        const size_type back = size_ - front;
        if constexpr (shift_by_relocation) {
            if (back <= gap && back <= front) {
                buffers::shift_right(buf_, 0, back, old);
            } else {
                buffers::shift_right(buf_, head_, old, gap);
                head_ += gap;
            }
        } else {
            if (back <= gap && (back <= front || front > gap)) {
                copy_slots(0, old, back);
            } else if (front <= gap) {
                copy_slots(head_, fresh - front, front);
                head_ = fresh - front;
            } else {
                return; // no room to copy into: the ring keeps its old modulus
            }
        }
        cap_ = fresh;
    }

    // Copies count values from slots [from, ...) into the empty slots [to, ...) (disjoint),
    // then destroys the sources. If a copy throws, the copies are destroyed: no change.
    void copy_slots(size_type from, size_type to, size_type count) {
        size_type done = 0;
        guarded(
            [&] {
                for (; done < count; ++done) {
                    if constexpr (RefBuffer<B>) {
                        buf_.put(to + done, std::move_if_noexcept(buf_.get(from + done)));
                    } else {
                        auto&& r = buf_.get(from + done);
                        buf_.put(to + done, std::as_const(r));
                    }
                }
            },
            [&] { buffers::destroy_range(buf_, to, to + done); });
        buffers::destroy_range(buf_, from, from + count);
    }

    // Moves the whole ring to slots [0, size()) (head 0), using the empty slots as scratch:
    // each value moves once, plus one temporary per rotation cycle that holds no empty slot.
    void linearize() noexcept {
        static_assert(shift_by_relocation);
        if (size_ == 0) {
            head_ = 0;
            return;
        }
        if (!wrapped()) {
            buffers::shift_left(buf_, head_, head_ + size_, head_);
            head_ = 0;
            return;
        }
        // Live slots: [h, c) and [0, t); empty: [t, h). Slot d receives the value of slot
        // (d + h) mod c: a rotation, whose cycles are the residues modulo gcd(c, h).
        const size_type c = cap(), h = head_, t = head_ + size_ - cap();
        auto source = [&](size_type d) { return d + h >= c ? d + h - c : d + h; };
        auto empty = [&](size_type p) { return p >= t && p < h; };
        // Chains start at empty slots; only those below size() receive a value (the others'
        // sources are empty too), which keeps the work O(size()) however large the ring.
        for (size_type e = t; e < std::min(h, size_); ++e) {
            size_type d = e;
            for (size_type s = source(d); !empty(s); s = source(s)) {
                buffers::relocate_slot(buf_, s, d);
                d = s;
            }
        }
        // The empty run covers h - t consecutive residues, those just below h (a multiple of
        // g); the cycles of residues [0, g - (h - t)) have no empty slot.
        const size_type g = std::gcd(c, h);
        for (size_type r = 0; r + (h - t) < g; ++r) {
            T value = buf_.take(r);
            size_type d = r;
            for (size_type s = source(d); s != r; s = source(s)) {
                buffers::relocate_slot(buf_, s, d);
                d = s;
            }
            buf_.put(d, std::move(value));
        }
        head_ = 0;
    }

    // --- moving runs of elements around the ring (nothrow relocation only) ---------------

    // Relocates n values starting at slot from (wrapping) k slots toward the front. The k
    // slots before them are empty. Ascending, in pieces where neither side wraps.
    void ring_move_down(size_type from, size_type n, size_type k) noexcept {
        while (n > 0) {
            const size_type s = from;
            const size_type d = ring_sub(s, k);
            const size_type len = std::min({n, cap() - s, cap() - d});
            if (d < s)
                buffers::shift_left(buf_, s, s + len, s - d);
            else // the destination wrapped to the end: disjoint from the source
                buffers::shift_right(buf_, s, s + len, d - s);
            from = ring_add(s, len);
            n -= len;
        }
    }
    // Relocates n values starting at slot from (wrapping) k slots toward the back. The k
    // slots after them are empty. Descending, in pieces where neither side wraps.
    void ring_move_up(size_type from, size_type n, size_type k) noexcept {
        while (n > 0) {
            const size_type e = ring_add(from, n - 1); // the last value still to move
            const size_type de = ring_add(e, k);
            const size_type len = std::min({n, e + 1, de + 1});
            const size_type s = e + 1 - len;
            const size_type d = de + 1 - len;
            if (d > s)
                buffers::shift_right(buf_, s, s + len, d - s);
            else // the destination wrapped to the start: disjoint from the source
                buffers::shift_left(buf_, s, s + len, s - d);
            n -= len;
        }
    }

    // Opens n empty slots at index i by moving the shorter side (room for n is reserved).
    // Returns true when the front side moved.
    bool open_gap(size_type i, size_type n) noexcept {
        if (i < size_ - i) {
            const size_type new_head = ring_sub(head_, n);
            ring_move_down(head_, i, n);
            head_ = new_head;
            return true;
        }
        ring_move_up(slot(i), size_ - i, n);
        return false;
    }
    // Undoes open_gap(i, n).
    void close_gap(size_type i, size_type n, bool front) noexcept {
        if (front) {
            ring_move_up(head_, i, n);
            head_ = ring_add(head_, n);
        } else {
            ring_move_down(slot(i + n), size_ - i, n);
        }
    }
    // Fills the empty slots of indices [i, i + n), in at most two runs of slots:
    // fill(first_slot, count, offset) builds count values there, or throws having built none.
    // All or nothing; then size() grows by n.
    template <class Fill>
    void fill_slots(size_type i, size_type n, Fill& fill) {
        const size_type p = slot(i);
        const size_type first = std::min(n, cap() - p);
        fill(p, first, size_type{0});
        if (first < n)
            guarded([&] { fill(size_type{0}, n - first, first); },
                    [&] { buffers::destroy_range(buf_, p, p + first); });
        size_ += n;
    }
    // Fills the gap open_gap(i, n) made; if that throws, closes it again.
    template <class Fill>
    void fill_gap(size_type i, size_type n, bool front, Fill fill) {
        guarded([&] { fill_slots(i, n, fill); }, [&] { close_gap(i, n, front); });
    }

    // --- appending (each all-or-nothing) ---------------------------------------------------

    template <class... Args>
    [[gnu::noinline]] reference emplace_back_slow(Args&&... args) {
        if constexpr (std::is_move_constructible_v<T>) {
            // Built before growth moves the elements: the arguments may refer to one of them.
            T value = detail::make_value<T>(std::forward<Args>(args)...);
            reserve_for(1, "buffers::Deque::push_back");
            return emplace_back(std::move_if_noexcept(value));
        } else {
            reserve_for(1, "buffers::Deque::push_back");
            return emplace_back(std::forward<Args>(args)...);
        }
    }
    template <class... Args>
    [[gnu::noinline]] reference emplace_front_slow(Args&&... args) {
        if constexpr (std::is_move_constructible_v<T>) {
            T value = detail::make_value<T>(std::forward<Args>(args)...);
            reserve_for(1, "buffers::Deque::push_front");
            return emplace_front(std::move_if_noexcept(value));
        } else {
            reserve_for(1, "buffers::Deque::push_front");
            return emplace_front(std::forward<Args>(args)...);
        }
    }
    template <bool Back, class... Args>
    auto try_emplace_at_end(Args&&... args) {
        using result = std::conditional_t<RefBuffer<B>, T*, bool>;
        if (size_ == cap()) {
            if (size_ >= max_size())
                return result{};
            if constexpr (std::is_move_constructible_v<T>) {
                // Built before growth moves the elements: the arguments may refer to one.
                T value = detail::make_value<T>(std::forward<Args>(args)...);
                if (try_grow_to(size_ + 1) != Status::ok)
                    return result{};
                return place_at_end<Back>(std::move_if_noexcept(value));
            } else {
                if (try_grow_to(size_ + 1) != Status::ok)
                    return result{};
            }
        }
        return place_at_end<Back>(std::forward<Args>(args)...);
    }
    // Emplaces with room available; a pointer to the new element (true for proxy buffers).
    template <bool Back, class... Args>
    auto place_at_end(Args&&... args) {
        if constexpr (RefBuffer<B>) {
            if constexpr (Back)
                return std::addressof(emplace_back(std::forward<Args>(args)...));
            else
                return std::addressof(emplace_front(std::forward<Args>(args)...));
        } else {
            if constexpr (Back)
                emplace_back(std::forward<Args>(args)...);
            else
                emplace_front(std::forward<Args>(args)...);
            return true;
        }
    }

    void append_default(size_type n) {
        reserve_for(n, "buffers::Deque::resize");
        auto fill = [&](size_type p, size_type k, size_type) { buffers::put_default(buf_, p, k); };
        fill_slots(size_, n, fill);
    }
    void append_copies(size_type n, const T& value) {
        reserve_for(n, "buffers::Deque::insert");
        auto fill = [&](size_type p, size_type k, size_type) {
            buffers::put_copies(buf_, p, k, value);
        };
        fill_slots(size_, n, fill);
    }
    // value may be one of the elements: copy it before growth moves them.
    void append_copies_aliased(size_type n, const T& value) {
        if (size_ + n > cap()) {
            T copy(value);
            append_copies(n, copy);
        } else {
            append_copies(n, value);
        }
    }
    template <class It>
    void append_forward(It first, size_type n) {
        reserve_for(n, "buffers::Deque::insert");
        auto fill = [&](size_type p, size_type k, size_type offset) {
            buffers::put_range(buf_, p, std::next(first, static_cast<difference_type>(offset)), k);
        };
        fill_slots(size_, n, fill);
    }
    template <class It>
    void append_range(It first, It last) {
        if constexpr (detail::legacy_forward_iterator<It>) {
            append_forward(first, static_cast<size_type>(std::distance(first, last)));
        } else {
            const size_type old = size_;
            guarded(
                [&] {
                    for (; first != last; ++first)
                        emplace_back(*first);
                },
                [&] { erase_at_end(old); });
        }
    }

    // Moves the elements appended at [from, size()) to index i (move assignment only).
    void rotate_into(size_type i, size_type from) {
        std::rotate(make_iter(i), make_iter(from), end());
    }

    // --- removing ------------------------------------------------------------------------

    iterator erase_range(size_type i, size_type j) {
        if (i == j)
            return make_iter(i);
        const size_type n = j - i;
        if constexpr (shift_by_relocation) {
            destroy_indices(i, j);
            if (i < size_ - j) {
                ring_move_up(head_, i, n);
                head_ = ring_add(head_, n);
            } else {
                ring_move_down(slot(j), size_ - j, n);
            }
            size_ -= n;
        } else if (i < size_ - j) {
            std::move_backward(begin(), make_iter(i), make_iter(j));
            erase_at_begin(n);
        } else {
            std::move(make_iter(j), end(), make_iter(i));
            erase_at_end(size_ - n);
        }
        return make_iter(i);
    }
    // Destroys the values of indices [i, j) (at most two runs of slots); size() is unchanged.
    void destroy_indices(size_type i, size_type j) noexcept {
        if (i == j)
            return;
        const size_type p = slot(i);
        const size_type first = std::min(j - i, cap() - p);
        buffers::destroy_range(buf_, p, p + first);
        buffers::destroy_range(buf_, 0, j - i - first);
    }
    // Destroys [n, size()). size() drops before each destructor runs, so a destructor that
    // throws never leads to a second destruction of the same element.
    void erase_at_end(size_type n) noexcept(std::is_nothrow_destructible_v<T>) {
        if constexpr (std::is_nothrow_destructible_v<T>) {
            const size_type old = std::exchange(size_, n);
            if (n < old)
                destroy_indices(n, old);
        } else {
            while (size_ > n)
                pop_back();
        }
    }
    // Destroys the first n elements.
    void erase_at_begin(size_type n) noexcept(std::is_nothrow_destructible_v<T>) {
        if constexpr (std::is_nothrow_destructible_v<T>) {
            destroy_indices(0, n);
            head_ = ring_add(head_, n);
            size_ -= n;
        } else {
            for (; n > 0; --n)
                pop_front();
        }
    }
    void destroy_all() noexcept {
        if (size_ != 0) {
            destroy_indices(0, size_);
            size_ = 0;
        }
    }

    // --- moving the ring between deques ----------------------------------------------------

    // Where a ring sits in its slots.
    struct Ring {
        size_type head, size, cap;
        bool wrapped() const noexcept { return head + size > cap; }
        Live live() const noexcept {
            if (!wrapped())
                return Live(IndexRange{head, head + size});
            return Live(IndexRange{head, cap}, IndexRange{0, head + size - cap});
        }
    };
    Ring ring() const noexcept {
        return Ring{head_, size_, cap()};
    }
    // After the buffer received the values of ring r at the same slots: take r's position. A
    // wrapped ring keeps its modulus; an unwrapped one may use every slot the buffer has.
    void set_ring(const Ring& r) noexcept {
        head_ = r.head;
        size_ = r.size;
        cap_ = r.wrapped() ? r.cap : buf_.capacity();
        if (cap_ == 0)
            head_ = 0;
    }
    // After the buffer took other's values: take the ring too; other is empty.
    void take_ring(Deque& other) noexcept {
        set_ring(other.ring());
        other.set_ring(Ring{0, 0, 0});
    }

    static constexpr bool nothrow_swap() noexcept {
        if constexpr (requires(B & b) { b.swap_with(b, Live{}, Live{}); })
            return noexcept(std::declval<B&>().swap_with(std::declval<B&>(), Live{}, Live{}));
        else if constexpr (requires(B & b) { b.relocate_from(b, Live{}); })
            return std::is_nothrow_constructible_v<B, B&&, Live>&& noexcept(
                std::declval<B&>().relocate_from(std::declval<B&>(), Live{}));
        else
            return false;
    }
    void swap_buffers(Deque& other) noexcept(nothrow_swap()) {
        if constexpr (requires { buf_.swap_with(other.buf_, live(), other.live()); }) {
            buf_.swap_with(other.buf_, live(), other.live());
            std::swap(head_, other.head_);
            std::swap(size_, other.size_);
            std::swap(cap_, other.cap_);
        } else {
            // Three relocations through a temporary buffer (inline storage, for instance).
            const Ring mine = ring(), theirs = other.ring();
            B tmp(std::move(buf_), mine.live());
            guarded([&] { buf_.relocate_from(other.buf_, theirs.live()); },
                    [&] {
                        buf_.relocate_from(tmp, mine.live());
                        set_ring(mine);
                    });
            other.buf_.relocate_from(tmp, mine.live());
            set_ring(theirs);
            other.set_ring(mine);
        }
    }

    [[no_unique_address]] B buf_{};
    size_type head_ = 0; // slot of the first element (0 while capacity() is 0)
    size_type size_ = 0;
    size_type cap_ = buf_.capacity(); // ring modulus; <= buf_.capacity()
};

// Removes every element equal to value; returns how many. Found by argument-dependent lookup:
// `erase(d, x)` with d a buffers::Deque.
template <class T, class B, class U>
typename Deque<T, B>::size_type erase(Deque<T, B>& d, const U& value) {
    return erase_if(d, [&](const auto& e) { return e == value; });
}

template <class T, class B, class Pred>
typename Deque<T, B>::size_type erase_if(Deque<T, B>& d, Pred pred) {
    const auto first = std::remove_if(d.begin(), d.end(), std::ref(pred));
    const auto n = static_cast<typename Deque<T, B>::size_type>(d.end() - first);
    d.erase(first, d.end());
    return n;
}

} // namespace buffers
