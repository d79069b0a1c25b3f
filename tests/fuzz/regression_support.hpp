#pragma once

// What the fuzzers' regression tests (regressions_test.cpp, deque_regressions_test.cpp) share:
// SoA rows of tracked types, and the ids a collection holds.

#include <support/tracked.hpp>

#include <buffers/soa/row.hpp>

#include <cstddef>
#include <vector>

namespace fuzz_regressions {

struct CountedRow {
    support::Counted c;
    int k;
};

struct ThrowingRow {
    support::Throwing t;
    int k;
};

// The ids of c's elements, in order (of the first field, for SoA rows).
template <class C>
std::vector<int> ids(const C& c) {
    std::vector<int> out;
    for (std::size_t i = 0; i < c.size(); ++i) {
        if constexpr (requires { c[i].id(); })
            out.push_back(c[i].id());
        else
            out.push_back(buffers::get<0>(c[i]).id());
    }
    return out;
}

} // namespace fuzz_regressions
