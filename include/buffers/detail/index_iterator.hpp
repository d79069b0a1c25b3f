#pragma once

// Random-access iterator over slots of a buffer that is not contiguous: a buffer pointer and
// an index; dereferencing calls get(i), which may return a proxy (SoA rows, ArrayBuffer
// elements) or a value (ZstBuffer). Both iterator_concept and iterator_category say random
// access, so that std::sort (which dispatches on the category) accepts proxy iterators.

#include "../core/concepts.hpp"

#include <compare>
#include <cstddef>
#include <iterator>
#include <memory>
#include <type_traits>
#include <utility>

namespace buffers::detail {

template <class B, bool Const>
class IndexIterator {
    using buffer_ptr = std::conditional_t<Const, const B*, B*>;

public:
    using value_type = typename B::value_type;
    using difference_type = std::ptrdiff_t;
    using reference = std::conditional_t<Const, typename B::const_reference, typename B::reference>;
    using pointer =
        std::conditional_t<std::is_lvalue_reference_v<reference>,
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
    constexpr pointer operator->() const requires std::is_lvalue_reference_v<reference> {
        return std::addressof(**this);
    }
    constexpr reference operator[](difference_type n) const {
        return b_->get(static_cast<std::size_t>(i_ + n));
    }

    constexpr IndexIterator& operator++() noexcept {
        ++i_;
        return *this;
    }
    constexpr IndexIterator operator++(int) noexcept {
        auto old = *this;
        ++i_;
        return old;
    }
    constexpr IndexIterator& operator--() noexcept {
        --i_;
        return *this;
    }
    constexpr IndexIterator operator--(int) noexcept {
        auto old = *this;
        --i_;
        return old;
    }
    constexpr IndexIterator& operator+=(difference_type n) noexcept {
        i_ += n;
        return *this;
    }
    constexpr IndexIterator& operator-=(difference_type n) noexcept {
        i_ -= n;
        return *this;
    }
    friend constexpr IndexIterator operator+(IndexIterator it, difference_type n) noexcept {
        return it += n;
    }
    friend constexpr IndexIterator operator+(difference_type n, IndexIterator it) noexcept {
        return it += n;
    }
    friend constexpr IndexIterator operator-(IndexIterator it, difference_type n) noexcept {
        return it -= n;
    }
    // Non-template operators, as libstdc++'s: a template operator found by argument-dependent
    // lookup through the element type (`template <class T> bool operator==(const T&, const
    // T&)`) then loses to them instead of making `it == it` ambiguous. An iterator meets a
    // const_iterator through the latter's operators (it converts).
    friend constexpr difference_type operator-(const IndexIterator& a,
                                               const IndexIterator& b) noexcept {
        return a.i_ - b.i_;
    }
    friend constexpr bool operator==(const IndexIterator& a, const IndexIterator& b) noexcept {
        return a.i_ == b.i_;
    }
    friend constexpr std::strong_ordering operator<=>(const IndexIterator& a,
                                                      const IndexIterator& b) noexcept {
        return a.i_ <=> b.i_;
    }

    // Moving out of a proxy gives a value_type built from moved fields (the proxy's
    // buffers_rvalue, found by argument-dependent lookup), so algorithms that hold a
    // temporary do not copy strings.
    friend constexpr decltype(auto) iter_move(const IndexIterator& it) {
        if constexpr (std::is_lvalue_reference_v<reference>)
            return std::move(*it);
        else if constexpr (requires { buffers_rvalue(*it); })
            return buffers_rvalue(*it);
        else
            return static_cast<value_type>(*it);
    }

private:
    template <class, bool>
    friend class IndexIterator;
    buffer_ptr b_ = nullptr;
    difference_type i_ = 0;
};

} // namespace buffers::detail
