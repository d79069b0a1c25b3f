#pragma once

// A single-pass view of any iterator: it advertises std::input_iterator_tag, so collections
// must take their input-iterator paths (one element at a time, no distance).

#include <cstddef>
#include <iterator>

namespace support {

template <class It>
struct SinglePass {
    using iterator_category = std::input_iterator_tag;
    using value_type = typename std::iterator_traits<It>::value_type;
    using difference_type = std::ptrdiff_t;
    using pointer = const value_type*;
    using reference = const value_type&;

    It it;

    reference operator*() const { return *it; }
    SinglePass& operator++() {
        ++it;
        return *this;
    }
    SinglePass operator++(int) {
        SinglePass old = *this;
        ++it;
        return old;
    }
    friend bool operator==(const SinglePass& a, const SinglePass& b) { return a.it == b.it; }
};

template <class It>
SinglePass<It> single_pass(It it) {
    return SinglePass<It>{it};
}

} // namespace support
