#pragma once

// Random-access iterator over slots of a buffer that is not contiguous: a buffer pointer and
// an index; dereferencing calls get(i), which may return a proxy (SoA rows, ArrayBuffer
// elements) or a value (ZstBuffer). Both iterator_concept and iterator_category say random
// access, so that std::sort (which dispatches on the category) accepts proxy iterators.

#include "../core/concepts.hpp"
#include "std_support.hpp"
#include "traits.hpp"

#include <compare>
#include <cstddef>
#include <type_traits>
#include <utility>

namespace buffers::detail {

// The arithmetic of a random-access iterator that is a position: Derived keeps its position
// as a member `difference_type i_` (this class is its friend), publishes it as index(), and
// adds what a position dereferences to. Iterators that convert to their const form compare
// and subtract across the two through that conversion.
template <class Derived>
class position_arithmetic {
public:
    using difference_type = std::ptrdiff_t;

    constexpr Derived& operator++() noexcept { return *this += 1; }
    constexpr Derived operator++(int) noexcept {
        Derived old = self();
        *this += 1;
        return old;
    }
    constexpr Derived& operator--() noexcept { return *this -= 1; }
    constexpr Derived operator--(int) noexcept {
        Derived old = self();
        *this -= 1;
        return old;
    }
    constexpr Derived& operator+=(difference_type n) noexcept {
        self().i_ += n;
        return self();
    }
    constexpr Derived& operator-=(difference_type n) noexcept {
        self().i_ -= n;
        return self();
    }
    friend constexpr Derived operator+(Derived it, difference_type n) noexcept { return it += n; }
    friend constexpr Derived operator+(difference_type n, Derived it) noexcept { return it += n; }
    friend constexpr Derived operator-(Derived it, difference_type n) noexcept { return it -= n; }
    friend constexpr difference_type operator-(const Derived& a, const Derived& b) noexcept {
        return a.index() - b.index();
    }
    friend constexpr bool operator==(const Derived& a, const Derived& b) noexcept {
        return a.index() == b.index();
    }
    friend constexpr std::strong_ordering operator<=>(const Derived& a, const Derived& b) noexcept {
        return a.index() <=> b.index();
    }

private:
    constexpr Derived& self() noexcept { return static_cast<Derived&>(*this); }
};

template <class B, bool Const>
class IndexIterator : public position_arithmetic<IndexIterator<B, Const>> {
    using buffer_ptr = std::conditional_t<Const, const B*, B*>;

public:
    using value_type = typename B::value_type;
    using difference_type = std::ptrdiff_t;
    using reference = std::conditional_t<Const, typename B::const_reference, typename B::reference>;
    using pointer =
        std::conditional_t<detail::is_lvalue_reference_v<reference>,
                           std::add_pointer_t<std::remove_reference_t<reference>>, void>;
    using iterator_category = std::random_access_iterator_tag;
    using iterator_concept = std::random_access_iterator_tag;

    constexpr IndexIterator() noexcept = default;
    constexpr IndexIterator(buffer_ptr b, difference_type i) noexcept : b_(b), i_(i) {}
    constexpr IndexIterator(const IndexIterator&) noexcept = default;
    constexpr IndexIterator& operator=(const IndexIterator&) noexcept = default;
    // iterator converts to const_iterator.
    constexpr IndexIterator(const IndexIterator<B, false>& other) noexcept requires Const
        : b_(other.b_),
          i_(other.i_) {}

    constexpr difference_type index() const noexcept { return i_; }
    // The buffer iterated over: lets a collection check that an iterator is one of its own.
    constexpr const B* buffer() const noexcept { return b_; }

    constexpr reference operator*() const { return b_->get(static_cast<std::size_t>(i_)); }
    constexpr pointer operator->() const requires detail::is_lvalue_reference_v<reference> {
        return std::addressof(**this);
    }
    constexpr reference operator[](difference_type n) const {
        return b_->get(static_cast<std::size_t>(i_ + n));
    }

    // Moving out of a proxy gives a value_type built from moved fields (the proxy's
    // buffers_rvalue, found by argument-dependent lookup), so algorithms that hold a
    // temporary do not copy strings.
    friend constexpr decltype(auto) iter_move(const IndexIterator& it) {
        if constexpr (detail::is_lvalue_reference_v<reference>)
            return std::move(*it);
        else if constexpr (requires { buffers_rvalue(*it); })
            return buffers_rvalue(*it);
        else
            return static_cast<value_type>(*it);
    }

private:
    template <class, bool>
    friend class IndexIterator;
    friend class position_arithmetic<IndexIterator>;
    buffer_ptr b_ = nullptr;
    difference_type i_ = 0;
};

} // namespace buffers::detail
