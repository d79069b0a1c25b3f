#pragma once

// Which slots of a buffer hold live values. The collection owns this knowledge; it hands it to
// the buffer whenever the buffer must relocate (grow, shrink, move). A vector has one range
// [0, size); a ring buffer that wraps around has two.

#include "../detail/std_support.hpp"

#include <cstddef>

namespace buffers {

// Half-open range of slot indices [first, last).
struct IndexRange {
    std::size_t first = 0;
    std::size_t last = 0;

    constexpr std::size_t size() const noexcept { return last - first; }
    constexpr bool empty() const noexcept { return first == last; }
    friend constexpr bool operator==(IndexRange, IndexRange) = default;
};

class Live {
public:
    constexpr Live() noexcept = default;
    // [0, n): the live slots of a vector of size n.
    constexpr explicit Live(std::size_t n) noexcept
        : ranges_{IndexRange{0, n}, {}}, count_(n ? 1 : 0) {}
    constexpr Live(IndexRange a) noexcept : ranges_{a, {}}, count_(a.empty() ? 0 : 1) {}
    constexpr Live(IndexRange a, IndexRange b) noexcept {
        if (!a.empty())
            ranges_[count_++] = a;
        if (!b.empty())
            ranges_[count_++] = b;
    }

    // The non-empty ranges (at most two), in the order given. A copy, not a view: iterating
    // the ranges of a temporary Live is safe.
    struct Ranges {
        IndexRange items[2];
        std::size_t n;
        constexpr const IndexRange* begin() const noexcept { return items; }
        constexpr const IndexRange* end() const noexcept { return items + n; }
        constexpr std::size_t size() const noexcept { return n; }
        constexpr bool empty() const noexcept { return n == 0; }
        constexpr const IndexRange& operator[](std::size_t i) const noexcept { return items[i]; }
    };
    constexpr Ranges ranges() const noexcept { return Ranges{{ranges_[0], ranges_[1]}, count_}; }
    // Number of live values.
    constexpr std::size_t count() const noexcept {
        std::size_t n = 0;
        for (auto r : ranges())
            n += r.size();
        return n;
    }
    // One past the highest live index: a buffer must keep at least this many slots.
    constexpr std::size_t end() const noexcept {
        std::size_t e = 0;
        for (auto r : ranges())
            e = std::max(e, r.last);
        return e;
    }
    constexpr bool empty() const noexcept { return count_ == 0; }
    constexpr bool contains(std::size_t i) const noexcept {
        for (auto r : ranges())
            if (r.first <= i && i < r.last)
                return true;
        return false;
    }
    // Calls f(i) for every live index.
    template <class F>
    constexpr void for_each(F&& f) const {
        for (auto r : ranges())
            for (std::size_t i = r.first; i < r.last; ++i)
                f(i);
    }

private:
    IndexRange ranges_[2]{};
    std::size_t count_ = 0;
};

} // namespace buffers
