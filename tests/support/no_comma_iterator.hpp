#pragma once

// An iterator over ints whose comma operator is deleted (as libstdc++'s test suite's
// input_iterator_wrapper): `++a, ++b` does not compile with it, so a collection that advances
// two iterators with a comma expression fails to build. Tag: its iterator category.

#include <cstddef>
#include <iterator>

namespace support {

template <class Tag = std::forward_iterator_tag>
struct NoCommaIterator {
    using iterator_category = Tag;
    using value_type = int;
    using difference_type = std::ptrdiff_t;
    using pointer = const int*;
    using reference = const int&;

    const int* p = nullptr;

    reference operator*() const { return *p; }
    NoCommaIterator& operator++() {
        ++p;
        return *this;
    }
    NoCommaIterator operator++(int) {
        NoCommaIterator old = *this;
        ++p;
        return old;
    }
    friend bool operator==(const NoCommaIterator&, const NoCommaIterator&) = default;
    template <class U>
    void operator,(const U&) const = delete;
};

} // namespace support
