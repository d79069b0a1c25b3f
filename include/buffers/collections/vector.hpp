#pragma once

// Vector<T, B>: std::vector's interface and guarantees over any buffer B. The vector decides
// which slots are live ([0, size())); the buffer decides where they are and how they grow.
//
// Where std::vector relocates by hand, Vector calls the buffer: try_grow/try_shrink with the
// live range, shift_right/shift_left for insert/erase (memmove for trivially relocatable T in
// contiguous buffers, column by column for SoA). Types whose move may throw are never shifted
// by relocation: they are appended and rotated into place with move assignment, so an
// exception leaves every element alive (basic guarantee) instead of a hole.

#include "../composite/default_buffer.hpp"
#include "../composite/indirect_buffer.hpp"
#include "../core/concepts.hpp"
#include "../core/config.hpp"
#include "../core/ops.hpp"
#include "../core/relocate.hpp"
#include "../detail/index_iterator.hpp"

#include <algorithm>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <new>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace buffers {
namespace detail {

// Old-style iterator categories, as std::vector's constructors accept them.
template <class It>
concept legacy_input_iterator = requires {
    typename std::iterator_traits<It>::iterator_category;
}
&&std::is_convertible_v<typename std::iterator_traits<It>::iterator_category,
                        std::input_iterator_tag>;

template <class It>
concept legacy_forward_iterator = legacy_input_iterator<It> &&
    std::is_convertible_v<typename std::iterator_traits<It>::iterator_category,
                          std::forward_iterator_tag>;

// The three-way comparison std::vector uses: <=> when the type has it, < otherwise.
struct synth_three_way {
    template <class A, class B>
    constexpr auto operator()(const A& a, const B& b) const {
        if constexpr (std::three_way_comparable_with<A, B>) {
            return a <=> b;
        } else {
            if (a < b)
                return std::weak_ordering::less;
            if (b < a)
                return std::weak_ordering::greater;
            return std::weak_ordering::equivalent;
        }
    }
};

} // namespace detail

template <class T, class B = DefaultBuffer<T>>
class Vector : public detail::allocator_type_of<B> {
    static_assert(check_buffer<B>(), "buffers: Vector<T, B> needs B to model Buffer");
    static_assert(std::is_same_v<T, typename B::value_type>,
                  "buffers: Vector<T, B> needs B::value_type to be T (a buffer of T)");

    static constexpr bool contiguous = ContiguousBuffer<B>;
    // The capacity is a constant the buffer can never exceed (InlineBuffer): a push_back on a
    // full vector can only fail, so it fails from a [[noreturn]] path. Nothing that returns is
    // then called in a push loop, so the size stays in a register, and with a known count the
    // compiler drops the check altogether (as for boost::container::static_vector).
    static constexpr bool fixed_capacity = [] {
        if constexpr (requires {
                          std::integral_constant<std::size_t, B::capacity()>{};
                          std::integral_constant<std::size_t, B::max_capacity()>{};
                      })
            return B::capacity() == B::max_capacity();
        else
            return false;
    }();
    // Insert/erase shift elements by relocation only when that cannot throw.
    static constexpr bool shift_by_relocation =
        is_nothrow_relocatable_v<T> && std::is_nothrow_destructible_v<T>;
    static constexpr bool has_allocator = requires { typename B::allocator_type; };
    using alloc_arg = typename detail::allocator_or_none<B>::type;
    // Operations that build new values in new storage before the elements move (see
    // sibling()) need an empty buffer set up like this one and a way to adopt its storage.
    static constexpr bool can_rebuild = [] {
        if constexpr (!requires(B & b) { b.relocate_from(b, Live{}); })
            return false;
        else if constexpr (has_allocator)
            return std::is_constructible_v<B, const alloc_arg&>;
        else // a default buffer must adopt the new storage without allocating
            return std::default_initializable<B>&& noexcept(
                std::declval<B&>().relocate_from(std::declval<B&>(), Live{}));
    }();
    // The buffer builds its values through an allocator's construct (pmr, scoped allocators).
    // Vector builds temporaries the same way, so that they get its allocator: a pmr string
    // built by its own constructor would allocate from the default resource.
    static constexpr bool allocator_constructs = has_allocator && detail::custom_construct_v<B>;

public:
    using value_type = T;
    using buffer_type = B;
    using size_type = std::size_t;
    using difference_type = std::ptrdiff_t;
    using reference = typename B::reference;
    using const_reference = typename B::const_reference;
    using pointer = std::conditional_t<RefBuffer<B>, T*, void>;
    using const_pointer = std::conditional_t<RefBuffer<B>, const T*, void>;
    using iterator = std::conditional_t<contiguous, T*, detail::IndexIterator<B, false>>;
    using const_iterator = std::conditional_t<contiguous, const T*, detail::IndexIterator<B, true>>;
    using reverse_iterator = std::reverse_iterator<iterator>;
    using const_reverse_iterator = std::reverse_iterator<const_iterator>;

    // --- construction --------------------------------------------------------------------

    Vector() noexcept(
        std::is_nothrow_default_constructible_v<B>) requires std::default_initializable<B>
    = default;
    // A vector over a given (empty) buffer: SliceBuffer storage, a configured allocator, ...
    explicit Vector(B&& buffer) noexcept(std::is_nothrow_constructible_v<B, B&&, Live>) requires
        RelocatableBuffer<B> : buf_(std::move(buffer), Live{}) {}
    explicit Vector(const alloc_arg& alloc) noexcept requires has_allocator : buf_(alloc) {}

    explicit Vector(size_type n) requires std::default_initializable<B> { append_default(n); }
    Vector(size_type n, B&& buffer) requires RelocatableBuffer<B>
        : buf_(std::move(buffer), Live{}) {
        append_default(n);
    }
    Vector(size_type n, const alloc_arg& alloc) requires has_allocator : buf_(alloc) {
        append_default(n);
    }

    Vector(size_type n, const T& value) requires std::default_initializable<B> {
        append_copies(n, value);
    }
    Vector(size_type n, const T& value, B&& buffer) requires RelocatableBuffer<B>
        : buf_(std::move(buffer), Live{}) {
        append_copies(n, value);
    }
    Vector(size_type n, const T& value, const alloc_arg& alloc) requires has_allocator
        : buf_(alloc) {
        append_copies(n, value);
    }

    template <detail::legacy_input_iterator It>
    requires std::default_initializable<B> Vector(It first, It last) { append_range(first, last); }
    template <detail::legacy_input_iterator It>
    requires RelocatableBuffer<B> Vector(It first, It last, B&& buffer)
        : buf_(std::move(buffer), Live{}) {
        append_range(first, last);
    }
    template <detail::legacy_input_iterator It>
    requires has_allocator Vector(It first, It last, const alloc_arg& alloc) : buf_(alloc) {
        append_range(first, last);
    }

    Vector(std::initializer_list<T> il) requires std::default_initializable<B> {
        append_range(il.begin(), il.end());
    }
    Vector(std::initializer_list<T> il, B&& buffer) requires RelocatableBuffer<B>
        : buf_(std::move(buffer), Live{}) {
        append_range(il.begin(), il.end());
    }
    Vector(std::initializer_list<T> il, const alloc_arg& alloc) requires has_allocator
        : buf_(alloc) {
        append_range(il.begin(), il.end());
    }

    Vector(const Vector& other) requires CopyConfigurableBuffer<B> && std::copy_constructible<T>
        : buf_(copy_config, other.buf_) {
        append_forward(other.begin(), other.size_);
    }
    Vector(const Vector& other, const std::type_identity_t<alloc_arg>& alloc) requires has_allocator
        && std::copy_constructible<T> : buf_(alloc) {
        append_forward(other.begin(), other.size_);
    }
    // Takes other's values (its storage, when the buffer can hand it over); other is empty.
    Vector(Vector&& other) noexcept(std::is_nothrow_constructible_v<B, B&&, Live>) requires
        RelocatableBuffer<B> : buf_(std::move(other.buf_), other.live()),
                               size_(std::exchange(other.size_, 0)) {}
    // Steals other's storage when the allocators are equal; moves the values one by one
    // otherwise. Cannot throw when the allocators always compare equal (as libstdc++'s).
    Vector(Vector&& other, const std::type_identity_t<alloc_arg>& alloc) noexcept(
        std::is_nothrow_constructible_v<B, const alloc_arg&>&& noexcept(
            std::declval<B&>().relocate_from(std::declval<B&>(), Live{}))) requires has_allocator
        : buf_(alloc) {
        buf_.relocate_from(other.buf_, other.live());
        size_ = std::exchange(other.size_, 0);
    }

    ~Vector() { destroy_all(); }

    // --- assignment ----------------------------------------------------------------------

    Vector& operator=(const Vector& other) requires std::copy_constructible<T> {
        if (this == &other)
            return *this;
        if constexpr (requires { buf_.copy_config_from(other.buf_); }) {
            clear();
            buf_.copy_config_from(other.buf_);
        }
        assign(other.begin(), other.end());
        return *this;
    }
    // Cannot throw when the storage is always handed over: the buffer says so, or the
    // allocator propagates (it is adopted first) or always compares equal, as std::vector's.
    Vector& operator=(Vector&& other) noexcept(nothrow_move_assign()) requires requires(B& b) {
        b.relocate_from(b, Live{});
    }
    {
        if (this == &other)
            return *this;
        clear();
        if constexpr (requires { buf_.move_config_from(other.buf_); })
            buf_.move_config_from(other.buf_);
        buf_.relocate_from(other.buf_, other.live());
        size_ = std::exchange(other.size_, 0);
        return *this;
    }
    Vector& operator=(std::initializer_list<T> il) {
        assign(il.begin(), il.end());
        return *this;
    }

    void assign(size_type n, const T& value) {
        if (n > capacity()) {
            // Built in new storage, then adopted: if a copy throws, the vector is unchanged
            // (as std::vector's), and value may be an element.
            if constexpr (can_rebuild) {
                Vector fresh = sibling();
                if (fresh.try_grow_to(n) == Status::ok) {
                    fresh.append_copies(n, value);
                    adopt(fresh);
                    return;
                }
            }
            // A request no buffer state can meet fails before the elements are cleared.
            if (n > max_size())
                detail::raise<std::length_error>("buffers::Vector::assign",
                                                 "buffers::Vector::assign: n exceeds max_size()");
            T copy(value); // value may be an element
            clear();
            grow_to(n, "buffers::Vector::assign");
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
            if (n > capacity()) {
                if constexpr (can_rebuild) {
                    Vector fresh = sibling();
                    if (fresh.try_grow_to(n) == Status::ok) {
                        fresh.append_forward(first, n);
                        adopt(fresh);
                        return;
                    }
                }
                if (n > max_size())
                    detail::raise<std::length_error>(
                        "buffers::Vector::assign", "buffers::Vector::assign: n exceeds max_size()");
                clear();
                grow_to(n, "buffers::Vector::assign");
                append_forward(first, n);
                return;
            }
        }
        auto it = begin();
        // Two statements: an iterator may overload the comma operator.
        for (; first != last && it != end(); ++it) {
            *it = *first;
            ++first;
        }
        if (first == last)
            erase_at_end(static_cast<size_type>(it - begin()));
        else
            append_range(first, last);
    }
    void assign(std::initializer_list<T> il) { assign(il.begin(), il.end()); }

    auto get_allocator() const noexcept requires has_allocator { return buf_.get_allocator(); }

    // The buffer itself, for its own members (is_inline(), column_data<K>(), ...). Adding or
    // removing values through it, behind the vector's back, breaks the vector.
    B& buffer() noexcept { return buf_; }
    const B& buffer() const noexcept { return buf_; }

    // --- element access ------------------------------------------------------------------

    reference at(size_type i) {
        check_index(i);
        return buf_.get(i);
    }
    const_reference at(size_type i) const {
        check_index(i);
        return buf_.get(i);
    }
    reference operator[](size_type i) {
        BUFFERS_ASSERT(i < size_, "buffers::Vector::operator[]", "index out of range");
        return buf_.get(i);
    }
    const_reference operator[](size_type i) const {
        BUFFERS_ASSERT(i < size_, "buffers::Vector::operator[]", "index out of range");
        return buf_.get(i);
    }
    reference front() {
        BUFFERS_ASSERT(size_ > 0, "buffers::Vector::front", "the vector is empty");
        return buf_.get(0);
    }
    const_reference front() const {
        BUFFERS_ASSERT(size_ > 0, "buffers::Vector::front", "the vector is empty");
        return buf_.get(0);
    }
    reference back() {
        BUFFERS_ASSERT(size_ > 0, "buffers::Vector::back", "the vector is empty");
        return buf_.get(size_ - 1);
    }
    const_reference back() const {
        BUFFERS_ASSERT(size_ > 0, "buffers::Vector::back", "the vector is empty");
        return buf_.get(size_ - 1);
    }
    // Only for contiguous buffers. Valid (possibly null) when empty; [data(), data() + size())
    // is always a valid range.
    T* data() noexcept requires contiguous { return buf_.data(); }
    const T* data() const noexcept requires contiguous { return buf_.data(); }

    // --- iterators -----------------------------------------------------------------------

    iterator begin() noexcept { return make_iter(0); }
    const_iterator begin() const noexcept { return make_citer(0); }
    iterator end() noexcept { return make_iter(size_); }
    const_iterator end() const noexcept { return make_citer(size_); }
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
    size_type capacity() const noexcept { return buf_.capacity(); }
    // Asks the buffer for n slots (its growth policy may round up).
    void reserve(size_type n) {
        if (n > max_size())
            detail::raise<std::length_error>("buffers::Vector::reserve",
                                             "buffers::Vector::reserve: n exceeds max_size()");
        if (n > capacity())
            grow_to(n, "buffers::Vector::reserve");
    }
    // Non-binding, as for std::vector: a buffer that cannot shrink keeps its capacity.
    void shrink_to_fit() noexcept { shrink_to(size_); }
    // Releases capacity above max(n, size()); never a live element.
    void shrink_to(size_type n) noexcept {
        n = std::max(n, size_);
        if (n >= capacity())
            return;
#if BUFFERS_HAS_EXCEPTIONS
        try {
            (void)buf_.try_shrink(n, live());
        } catch (...) {
            // As std::vector::shrink_to_fit: a failed copy leaves the vector as it was.
        }
#else
        (void)buf_.try_shrink(n, live());
#endif
    }

    // --- modifiers -----------------------------------------------------------------------

    void clear() noexcept(std::is_nothrow_destructible_v<T>) {
        erase_at_end(0);
    }

    template <class... Args>
    reference emplace_back(Args&&... args) {
        if constexpr (fixed_capacity) {
            if (size_ == buf_.capacity()) [[unlikely]]
                full("buffers::Vector::push_back");
        } else if (size_ == buf_.capacity()) [[unlikely]] {
            return emplace_back_slow(std::forward<Args>(args)...);
        }
        buf_.put(size_, std::forward<Args>(args)...);
        ++size_;
        return buf_.get(size_ - 1);
    }
    void push_back(const T& value) {
        emplace_back(value);
    }
    void push_back(T&& value) {
        emplace_back(std::move(value));
    }

    // Like emplace_back, but reports a full buffer instead of throwing (C++26
    // inplace_vector's try_emplace_back): returns a pointer to the new element (or true), or
    // null (false) with the vector unchanged. Exceptions from T's constructor still propagate.
    template <class... Args>
    auto try_emplace_back(Args&&... args) {
        using result = std::conditional_t<RefBuffer<B>, T*, bool>;
        if (size_ == buf_.capacity()) {
            if (size_ >= max_size())
                return result{};
            if constexpr (std::is_move_constructible_v<T>) {
                T value = detail::make_value<T>(std::forward<Args>(args)...);
                const size_type old_capacity = capacity();
                if (try_grow_to(size_ + 1) != Status::ok)
                    return result{};
                put_after_growth(std::move_if_noexcept(value), old_capacity);
            } else {
                if (try_grow_to(size_ + 1) != Status::ok)
                    return result{};
                buf_.put(size_, std::forward<Args>(args)...);
            }
        } else {
            buf_.put(size_, std::forward<Args>(args)...);
        }
        ++size_;
        if constexpr (RefBuffer<B>)
            return std::addressof(buf_.get(size_ - 1));
        else
            return true;
    }
    auto try_push_back(const T& value) {
        return try_emplace_back(value);
    }
    auto try_push_back(T&& value) {
        return try_emplace_back(std::move(value));
    }

    // Appends without a capacity check (asserted in debug builds): for loops that reserved.
    template <class... Args>
    reference unchecked_emplace_back(Args&&... args) {
        BUFFERS_ASSERT(size_ < buf_.capacity(), "buffers::Vector::unchecked_emplace_back",
                       "no capacity left");
        buf_.put(size_, std::forward<Args>(args)...);
        ++size_;
        return buf_.get(size_ - 1);
    }
    void unchecked_push_back(const T& value) {
        unchecked_emplace_back(value);
    }
    void unchecked_push_back(T&& value) {
        unchecked_emplace_back(std::move(value));
    }

    void pop_back() noexcept(std::is_nothrow_destructible_v<T>) {
        BUFFERS_ASSERT(size_ > 0, "buffers::Vector::pop_back", "the vector is empty");
        --size_;
        buf_.destroy(size_);
    }

    template <class... Args>
    iterator emplace(const_iterator pos, Args&&... args) {
        const size_type i = index_of(pos, "buffers::Vector::emplace");
        if (i == size_) {
            emplace_back(std::forward<Args>(args)...);
            return make_iter(i);
        }
        if constexpr (shift_by_relocation) {
            if (size_ == capacity() &&
                insert_in_new_storage(i, 1, "buffers::Vector::emplace", [&](B& b, size_type at) {
                    b.put(at, std::forward<Args>(args)...);
                }))
                return make_iter(i);
            // Built first: the arguments may refer to elements that are about to move.
            T value = make_temporary(std::forward<Args>(args)...);
            reserve_for(1, "buffers::Vector::emplace");
            buffers::shift_right(buf_, i, size_, 1);
            buf_.put(i, std::move(value));
            ++size_;
        } else {
            emplace_back(std::forward<Args>(args)...);
            rotate_into(i, size_ - 1);
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
        const size_type i = index_of(pos, "buffers::Vector::insert");
        if (n == 0)
            return make_iter(i);
        if (i == size_) {
            append_copies_aliased(n, value);
        } else if constexpr (shift_by_relocation) {
            if (n > capacity() - size_ &&
                insert_in_new_storage(i, n, "buffers::Vector::insert", [&](B& b, size_type at) {
                    buffers::put_copies(b, at, n, value);
                }))
                return make_iter(i);
            T copy = make_temporary(value); // value may be an element
            reserve_for(n, "buffers::Vector::insert");
            buffers::shift_right(buf_, i, size_, n);
            fill_hole(i, n, [&] { buffers::put_copies(buf_, i, n, copy); });
            size_ += n;
        } else {
            const size_type old = size_;
            append_copies_aliased(n, value);
            rotate_into(i, old);
        }
        return make_iter(i);
    }
    template <detail::legacy_input_iterator It>
    iterator insert(const_iterator pos, It first, It last) {
        const size_type i = index_of(pos, "buffers::Vector::insert");
        if constexpr (detail::legacy_forward_iterator<It> && shift_by_relocation) {
            const auto n = static_cast<size_type>(std::distance(first, last));
            if (n == 0)
                return make_iter(i);
            if (i == size_) {
                append_forward(first, n);
            } else if (n > capacity() - size_ &&
                       insert_in_new_storage(
                           i, n, "buffers::Vector::insert",
                           [&](B& b, size_type at) { buffers::put_range(b, at, first, n); })) {
                return make_iter(i);
            } else {
                reserve_for(n, "buffers::Vector::insert");
                buffers::shift_right(buf_, i, size_, n);
                fill_hole(i, n, [&] { buffers::put_range(buf_, i, first, n); });
                size_ += n;
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
        const size_type i = index_of(pos, "buffers::Vector::erase");
        BUFFERS_ASSERT(i < size_, "buffers::Vector::erase", "erase(end()) or an invalid iterator");
        return erase_range(i, i + 1);
    }
    iterator erase(const_iterator first, const_iterator last) {
        const size_type i = index_of(first, "buffers::Vector::erase");
        const size_type j = index_of(last, "buffers::Vector::erase");
        BUFFERS_ASSERT(i <= j, "buffers::Vector::erase", "first is after last");
        return erase_range(i, j);
    }

    // Removes element i in O(1) by moving the last element into its place (order is not
    // kept) and returns the removed value.
    T swap_remove(size_type i) {
        BUFFERS_ASSERT(i < size_, "buffers::Vector::swap_remove", "index out of range");
        const size_type last = size_ - 1;
        if constexpr (shift_by_relocation) {
            T value = buf_.take(i);
            if (i != last)
                buffers::relocate_slot(buf_, last, i);
            size_ = last;
            return value;
        } else {
            T value(std::move(buf_.get(i)));
            if (i != last)
                buf_.get(i) = std::move(buf_.get(last));
            pop_back();
            return value;
        }
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
    // Grows to n without initialising the new elements (trivially default constructible T):
    // for buffers that are about to be overwritten, e.g. by a read into data().
    void resize_for_overwrite(size_type n) requires std::is_trivially_default_constructible_v<T> &&
        std::is_trivially_destructible_v<T> {
        if (n > capacity())
            grow_to(n, "buffers::Vector::resize_for_overwrite");
        size_ = n;
    }

    void swap(Vector& other) noexcept(nothrow_swap()) {
        if (this == &other)
            return;
        if constexpr (swaps_elements()) {
            swap_elements(other);
        } else {
            swap_buffers(other);
            std::swap(size_, other.size_);
        }
    }
    friend void swap(Vector& a, Vector& b) noexcept(noexcept(a.swap(b))) {
        a.swap(b);
    }

    // --- comparison ----------------------------------------------------------------------

    friend bool operator==(const Vector& a, const Vector& b) requires std::equality_comparable<T> {
        return a.size_ == b.size_ && std::equal(a.begin(), a.end(), b.begin());
    }
    friend auto operator<=>(const Vector& a, const Vector& b) requires requires(const T& x) {
        x < x;
    } || std::three_way_comparable<T> {
        return std::lexicographical_compare_three_way(a.begin(), a.end(), b.begin(), b.end(),
                                                      detail::synth_three_way{});
    }

private:
    Live live() const noexcept {
        return Live(size_);
    }

    iterator make_iter(size_type i) noexcept {
        if constexpr (contiguous)
            return buf_.data() + i;
        else
            return iterator(&buf_, static_cast<difference_type>(i));
    }
    const_iterator make_citer(size_type i) const noexcept {
        if constexpr (contiguous)
            return buf_.data() + i;
        else
            return const_iterator(&buf_, static_cast<difference_type>(i));
    }
    size_type index_of(const_iterator pos, const char* where) const noexcept {
        if constexpr (contiguous) {
            // Compared as addresses: subtracting a pointer into another array is undefined.
            const auto p = reinterpret_cast<std::uintptr_t>(pos);
            const auto b = reinterpret_cast<std::uintptr_t>(buf_.data());
            BUFFERS_ASSERT(p >= b && p <= b + size_ * sizeof(T) && (p - b) % sizeof(T) == 0, where,
                           "iterator does not point into this vector");
            (void)where;
            return static_cast<size_type>(pos - cbegin());
        } else {
            const difference_type i = pos.index();
            BUFFERS_ASSERT(pos.buffer() == &buf_ && i >= 0 && static_cast<size_type>(i) <= size_,
                           where, "iterator does not point into this vector");
            (void)where;
            return static_cast<size_type>(i);
        }
    }
    void check_index(size_type i) const {
        if (i >= size_)
            detail::raise<std::out_of_range>("buffers::Vector::at",
                                             "buffers::Vector::at: index out of range");
    }

    // Growth. try_grow_to never throws for lack of capacity; grow_to does.
    Status try_grow_to(size_type n) {
        if (n > max_size())
            return Status::exceeds_max_capacity;
        const Status s = buf_.try_grow(n, live());
        if (s == Status::ok && buf_.capacity() < n)
            return Status::unsupported; // a buffer that claims success without the capacity
        return s;
    }
    void grow_to(size_type n, const char* where) {
        if (n > max_size())
            detail::raise<std::length_error>(where,
                                             "buffers::Vector: size would exceed max_size()");
        const Status s = buf_.try_grow(n, live());
        if (s == Status::ok) {
            if (buf_.capacity() < n)
                detail::raise<std::length_error>(
                    where, "buffers::Vector: the buffer reported growth without the capacity");
            return;
        }
        if (s == Status::out_of_memory)
            detail::raise<std::bad_alloc>(where, "out of memory");
        if (s == Status::exceeds_max_capacity)
            detail::raise<std::length_error>(where,
                                             "buffers::Vector: the buffer is full (max capacity)");
        detail::raise<std::length_error>(where, "buffers::Vector: the buffer cannot grow");
    }
    // Room for k more elements.
    void reserve_for(size_type k, const char* where) {
        if (k > max_size() - size_)
            detail::raise<std::length_error>(where,
                                             "buffers::Vector: size would exceed max_size()");
        if (size_ + k > capacity())
            grow_to(size_ + k, where);
    }

    // What reserve_for(1) raises on a full fixed-capacity buffer.
    [[noreturn, gnu::cold, gnu::noinline]] static void full(const char* where) {
        detail::raise<std::length_error>(where, "buffers::Vector: size would exceed max_size()");
    }

    template <class... Args>
    [[gnu::noinline]] reference emplace_back_slow(Args&&... args) {
        if constexpr (allocator_constructs && can_rebuild) {
            // Built by the allocator straight into the new storage: no temporary without it.
            if (insert_in_new_storage(
                    size_, 1, "buffers::Vector::push_back",
                    [&](B& b, size_type at) { b.put(at, std::forward<Args>(args)...); }))
                return buf_.get(size_ - 1);
            // The new storage could not be had (an allocation failed). Growing in place may
            // still succeed, and an argument may be an element that growth frees: the
            // temporary below is built first.
        }
        if constexpr (std::is_move_constructible_v<T>) {
            // Built before growth moves the elements: the arguments may refer to one of them.
            T value = detail::make_value<T>(std::forward<Args>(args)...);
            const size_type old_capacity = capacity();
            reserve_for(1, "buffers::Vector::push_back");
            put_after_growth(std::move_if_noexcept(value), old_capacity);
        } else {
            reserve_for(1, "buffers::Vector::push_back");
            buf_.put(size_, std::forward<Args>(args)...);
        }
        ++size_;
        return buf_.get(size_ - 1);
    }

    // Puts the new last element after a growth; if that copy throws, gives the new capacity
    // back too, so a failed push_back leaves no trace (as std::vector's).
    template <class V>
    void put_after_growth(V&& value, size_type old_capacity) {
        if constexpr (std::is_nothrow_constructible_v<T, V&&> || !BUFFERS_HAS_EXCEPTIONS) {
            (void)old_capacity;
            buf_.put(size_, std::forward<V>(value));
        } else {
#if BUFFERS_HAS_EXCEPTIONS
            try {
                buf_.put(size_, std::forward<V>(value));
            } catch (...) {
                shrink_to(old_capacity);
                throw;
            }
#endif
        }
    }

    // Appends; each is all-or-nothing (the vector is unchanged if one throws), which also
    // keeps the constructors leak-free.
    void append_default(size_type n) {
        if constexpr (!std::is_nothrow_default_constructible_v<T>) {
            if (needs_new_storage(n) &&
                insert_in_new_storage(size_, n, "buffers::Vector::resize",
                                      [&](B& b, size_type at) { buffers::put_default(b, at, n); }))
                return;
        }
        reserve_for(n, "buffers::Vector::resize");
        buffers::put_default(buf_, size_, n);
        size_ += n;
    }
    void append_copies(size_type n, const T& value) {
        reserve_for(n, "buffers::Vector::insert");
        buffers::put_copies(buf_, size_, n, value);
        size_ += n;
    }
    // value may be one of the elements: copied before growth moves them, unless the copies
    // are built in new storage before the elements move.
    void append_copies_aliased(size_type n, const T& value) {
        if (size_ + n <= capacity() || size_ == 0)
            return append_copies(n, value);
        if constexpr (!std::is_nothrow_copy_constructible_v<T> || allocator_constructs) {
            if (insert_in_new_storage(size_, n, "buffers::Vector::insert", [&](B& b, size_type at) {
                    buffers::put_copies(b, at, n, value);
                }))
                return;
        }
        T copy = make_temporary(value);
        append_copies(n, copy);
    }
    template <class It>
    void append_forward(It first, size_type n) {
        if constexpr (!std::is_nothrow_constructible_v<T, std::iter_reference_t<It>>) {
            if (needs_new_storage(n) &&
                insert_in_new_storage(size_, n, "buffers::Vector::insert", [&](B& b, size_type at) {
                    buffers::put_range(b, at, first, n);
                }))
                return;
        }
        reserve_for(n, "buffers::Vector::insert");
        buffers::put_range(buf_, size_, first, n);
        size_ += n;
    }

    // A temporary built as the buffer builds its values: through the allocator (in the free
    // slot at size(), then moved out, keeping the allocator) when the buffer uses one.
    template <class... Args>
    T make_temporary(Args&&... args) {
        if constexpr (allocator_constructs && RefBuffer<B>) {
            if (size_ < capacity()) {
                buf_.put(size_, std::forward<Args>(args)...);
                // The slot is emptied whether or not moving the value out throws.
                struct Clear {
                    B& b;
                    size_type i;
                    ~Clear() { b.destroy(i); }
                } clear{buf_, size_};
                return T(std::move(buf_.get(size_)));
            }
        }
        return detail::make_value<T>(std::forward<Args>(args)...);
    }

    // Storage for building new values first: an empty vector whose buffer is set up like this
    // one's (the same allocator), then adopted with its values and storage. As std::vector
    // when it reallocates: if building a new value throws, the vector is unchanged (storage
    // included), and the arguments may refer to elements, which have not moved yet.
    Vector sibling() const requires can_rebuild {
        if constexpr (has_allocator)
            return Vector(buf_.get_allocator());
        else
            return Vector();
    }
    void adopt(Vector& other) {
        destroy_all();
        buf_.relocate_from(other.buf_, other.live());
        size_ = std::exchange(other.size_, 0);
    }
    // Growth with values already present, where building the new ones first pays off.
    bool needs_new_storage(size_type k) const noexcept {
        return size_ != 0 && k > capacity() - size_;
    }

    // Inserts k values at i (i < size() only for nothrow relocatable T) that put_new(buffer,
    // at) builds in the empty slots [at, at + k), all or none: the new values in new storage
    // first, then the elements relocated around them (each once, where growing in place and
    // shifting would move the tail twice). False when this buffer cannot do that (nothing
    // changed; the caller grows in place).
    template <class PutNew>
    bool insert_in_new_storage(size_type i, size_type k, const char* where, PutNew&& put_new) {
        if constexpr (!can_rebuild) {
            (void)i, (void)k, (void)where, (void)put_new;
            return false;
        } else {
            BUFFERS_ASSERT(i == size_ || is_nothrow_relocatable_v<T>,
                           "buffers::Vector::insert_in_new_storage",
                           "relocating around a gap needs nothrow relocation");
            if (k > max_size() - size_)
                detail::raise<std::length_error>(where,
                                                 "buffers::Vector: size would exceed max_size()");
            Vector fresh = sibling();
            if (fresh.try_grow_to(size_ + k) != Status::ok)
                return false;
            put_new(fresh.buf_, i);
#if BUFFERS_HAS_EXCEPTIONS
            try {
#endif
                buffers::relocate_range(buf_, i, size_, fresh.buf_, i + k);
                buffers::relocate_range(buf_, 0, i, fresh.buf_, 0);
#if BUFFERS_HAS_EXCEPTIONS
            } catch (...) {
                // Only a copying relocation throws (i == size()): the elements are intact.
                buffers::destroy_range(fresh.buf_, i, i + k);
                throw;
            }
#endif
            fresh.size_ = std::exchange(size_, 0) + k;
            adopt(fresh);
            return true;
        }
    }

    template <class It>
    void append_range(It first, It last) {
        if constexpr (detail::legacy_forward_iterator<It>) {
            append_forward(first, static_cast<size_type>(std::distance(first, last)));
        } else {
            const size_type old = size_;
#if BUFFERS_HAS_EXCEPTIONS
            try {
#endif
                for (; first != last; ++first)
                    emplace_back(*first);
#if BUFFERS_HAS_EXCEPTIONS
            } catch (...) {
                erase_at_end(old);
                throw;
            }
#endif
        }
    }

    // After shift_right opened [i, i + n): fill it, or close it again if filling throws.
    template <class Fill>
    void fill_hole(size_type i, size_type n, Fill fill) {
#if BUFFERS_HAS_EXCEPTIONS
        try {
            fill();
        } catch (...) {
            buffers::shift_left(buf_, i + n, size_ + n, n);
            throw;
        }
#else
        (void)i;
        (void)n;
        fill();
#endif
    }

    // Moves the elements appended at [from, size()) to position i (move assignment only).
    void rotate_into(size_type i, size_type from) {
        std::rotate(make_iter(i), make_iter(from), make_iter(size_));
    }

    iterator erase_range(size_type i, size_type j) {
        if (i == j)
            return make_iter(i);
        const size_type n = j - i;
        if constexpr (shift_by_relocation) {
            buffers::destroy_range(buf_, i, j);
            buffers::shift_left(buf_, j, size_, n);
            size_ -= n;
        } else {
            // Moved one by one with iter_move, not std::move: SoA row proxies would copy.
            for (auto out = make_iter(i), it = make_iter(j), e = make_iter(size_); it != e;
                 ++it, ++out)
                *out = std::ranges::iter_move(it);
            erase_at_end(size_ - n);
        }
        return make_iter(i);
    }

    // Destroys [n, size()). size() drops before each destructor runs, so a destructor that
    // throws never leads to a second destruction of the same element.
    void erase_at_end(size_type n) noexcept(std::is_nothrow_destructible_v<T>) {
        if constexpr (std::is_nothrow_destructible_v<T>) {
            const size_type old = std::exchange(size_, n);
            if (n < old)
                buffers::destroy_range(buf_, n, old);
        } else {
            while (size_ > n) {
                --size_;
                buf_.destroy(size_);
            }
        }
    }
    void destroy_all() noexcept {
        if (size_ != 0)
            buffers::destroy_range(buf_, 0, std::exchange(size_, 0));
    }

    static constexpr bool nothrow_move_assign() noexcept {
        if constexpr (has_allocator) {
            using traits = std::allocator_traits<typename B::allocator_type>;
            if (traits::propagate_on_container_move_assignment::value ||
                traits::is_always_equal::value)
                return true;
        }
        return noexcept(std::declval<B&>().relocate_from(std::declval<B&>(), Live{}));
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
    // Three relocations through a temporary cannot be undone when the third one throws (the
    // values in the temporary would be lost), so buffers that cannot swap without throwing
    // swap their elements instead: basic guarantee, as for two arrays.
    static constexpr bool swaps_elements() noexcept {
        return BUFFERS_HAS_EXCEPTIONS && !nothrow_swap() && !requires(B & b) {
            b.swap_with(b, Live{}, Live{});
        };
    }
    void swap_elements(Vector& other) {
        Vector& longer = size_ >= other.size_ ? *this : other;
        Vector& shorter = size_ >= other.size_ ? other : *this;
        const size_type common = shorter.size_;
        shorter.reserve_for(longer.size_ - common, "buffers::Vector::swap");
        std::swap_ranges(longer.begin(), longer.begin() + static_cast<difference_type>(common),
                         shorter.begin());
        for (auto it = longer.make_iter(common); it != longer.end(); ++it)
            shorter.unchecked_emplace_back(std::ranges::iter_move(it));
        longer.erase_at_end(common);
    }
    void swap_buffers(Vector& other) noexcept(nothrow_swap()) {
        if constexpr (requires { buf_.swap_with(other.buf_, live(), other.live()); }) {
            buf_.swap_with(other.buf_, live(), other.live());
        } else {
            // Three relocations through a temporary buffer (inline storage, for instance).
            B tmp(std::move(buf_), live());
            if constexpr (nothrow_swap() || !BUFFERS_HAS_EXCEPTIONS) {
                buf_.relocate_from(other.buf_, other.live());
            } else {
#if BUFFERS_HAS_EXCEPTIONS
                try {
                    buf_.relocate_from(other.buf_, other.live());
                } catch (...) {
                    buf_.relocate_from(tmp, live());
                    throw;
                }
#endif
            }
            other.buf_.relocate_from(tmp, live());
        }
    }

    [[no_unique_address]] B buf_{};
    size_type size_ = 0;
};

// Removes every element equal to value; returns how many. Found by argument-dependent lookup:
// `erase(v, x)` with v a buffers::Vector.
template <class T, class B, class U>
typename Vector<T, B>::size_type erase(Vector<T, B>& v, const U& value) {
    return erase_if(v, [&](const auto& e) { return e == value; });
}

template <class T, class B, class Pred>
typename Vector<T, B>::size_type erase_if(Vector<T, B>& v, Pred pred) {
    // Not std::remove_if: its `*out = std::move(*it)` copies through SoA row proxies (a
    // temporary proxy cannot tell a move from v[i] = v[j]); iter_move moves the fields.
    auto out = std::find_if(v.begin(), v.end(), std::ref(pred));
    if (out != v.end()) {
        for (auto it = std::next(out); it != v.end(); ++it) {
            if (!pred(*it)) {
                *out = std::ranges::iter_move(it);
                ++out;
            }
        }
    }
    const auto n = static_cast<typename Vector<T, B>::size_type>(v.end() - out);
    v.erase(out, v.end());
    return n;
}

} // namespace buffers
