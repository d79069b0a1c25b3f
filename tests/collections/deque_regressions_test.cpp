// Deque bugs that the parallel copy of Vector's code kept after Vector's were fixed: each case
// is the smallest reproduction; the shared collection core fixes them for both.

#include <buffers/base/heap_buffer.hpp>
#include <buffers/base/inline_buffer.hpp>
#include <buffers/collections/deque.hpp>
#include <buffers/composite/svo_buffer.hpp>
#include <buffers/soa/soa_deque.hpp>

#include <support/no_comma_iterator.hpp>
#include <support/tracked.hpp>
#include <support/tracking.hpp>

#include <catch2/catch.hpp>

#include <cstddef>
#include <iterator>
#include <stdexcept>
#include <vector>

namespace {

using support::Counted;
using support::LeakGuard;
using support::Throwing;

struct CountedRow {
    Counted c;
    int k;
};
struct ThrowingRow {
    Throwing t;
    int k;
};

template <class D>
std::vector<int> ids(const D& d) {
    std::vector<int> out;
    for (const auto& x : d)
        out.push_back(x.id());
    return out;
}
template <class D>
std::vector<int> row_ids(const D& d) {
    std::vector<int> out;
    for (std::size_t i = 0; i < d.size(); ++i)
        out.push_back(buffers::get<0>(d[i]).id());
    return out;
}

// Swapping through three relocations cannot be undone when the last one throws: a copy that
// threw left values owned twice (double free, use after free under AddressSanitizer).
template <class D>
void swap_with_throwing_copies() {
    LeakGuard guard;
    for (long n = 1; n < 16; ++n) {
        INFO("throw at copy " << n);
        D a, b;
        for (int i = 0; i < 3; ++i)
            a.push_back(Throwing(i));
        b.push_back(Throwing(10));
        b.push_front(Throwing(11)); // wrapped ring in fixed storage
        support::arm(n);
        bool threw = false;
        try {
            a.swap(b);
        } catch (const support::TestError&) {
            threw = true;
        }
        support::disarm();
        // Basic guarantee: both deques valid, every value owned once.
        (void)ids(a), (void)ids(b);
        CHECK(a.size() + b.size() == 5);
        if (!threw) {
            CHECK(ids(a) == std::vector<int>{11, 10});
            CHECK(ids(b) == std::vector<int>{0, 1, 2});
        }
    }
}

using NoComma = support::NoCommaIterator<std::forward_iterator_tag>;

} // namespace

TEST_CASE("Deque regression: swap over inline storage when copies throw", "[deque][regression]") {
    swap_with_throwing_copies<buffers::Deque<Throwing, buffers::InlineBuffer<Throwing, 4>>>();
}

TEST_CASE("Deque regression: swap over SVO storage when copies throw", "[deque][regression]") {
    swap_with_throwing_copies<
        buffers::Deque<Throwing, buffers::SvoBuffer<buffers::HeapBuffer<Throwing>, 4>>>();
}

TEST_CASE("Deque regression: erase and erase_if on an SoA deque move rows, never copy",
          "[deque][regression][soa]") {
    LeakGuard guard;
    buffers::SoaDeque<CountedRow> d;
    for (int i = 0; i < 40; ++i) {
        if (i % 2)
            d.push_back(CountedRow{Counted(i), i});
        else
            d.push_front(CountedRow{Counted(i), i});
    }
    std::vector<int> expected = row_ids(d);
    const support::Counts before = support::counts();
    const auto removed =
        buffers::erase_if(d, [](const auto& row) { return buffers::get<1>(row) % 3 == 0; });
    std::erase_if(expected, [](int k) { return k % 3 == 0; });
    CHECK(removed == 14);
    CHECK(row_ids(d) == expected);
    d.erase(d.begin() + 2, d.begin() + 5); // the front side moves
    expected.erase(expected.begin() + 2, expected.begin() + 5);
    d.erase(d.end() - 6, d.end() - 3); // the back side moves
    expected.erase(expected.end() - 6, expected.end() - 3);
    CHECK(row_ids(d) == expected);
    CHECK(support::counts().copies == before.copies);
    CHECK(support::counts().copy_assignments == before.copy_assignments);
}

TEST_CASE("Deque regression: erase on an SoA deque with throwing moves never copies",
          "[deque][regression][soa]") {
    LeakGuard guard;
    buffers::SoaDeque<ThrowingRow> d;
    for (int i = 0; i < 12; ++i)
        d.push_back(ThrowingRow{Throwing(i), i});
    const support::Counts before = support::counts();
    d.erase(d.begin() + 1, d.begin() + 3);
    d.erase(d.end() - 3, d.end() - 1);
    buffers::erase_if(d, [](const auto& row) { return buffers::get<1>(row) == 5; });
    CHECK(row_ids(d) == std::vector<int>{0, 3, 4, 6, 7, 8, 11});
    CHECK(support::counts().copies == before.copies);
    CHECK(support::counts().copy_assignments == before.copy_assignments);
}

TEST_CASE("Deque regression: assign through an iterator without a comma operator",
          "[deque][regression]") {
    const int src[] = {1, 2, 3, 4, 5};
    buffers::Deque<int> d{9, 9, 9};
    d.reserve(8);
    d.assign(NoComma{src}, NoComma{src + 5}); // within capacity: element-wise assignment
    CHECK(std::vector<int>(d.begin(), d.end()) == std::vector<int>{1, 2, 3, 4, 5});
    d.assign(NoComma{src}, NoComma{src + 2});
    CHECK(std::vector<int>(d.begin(), d.end()) == std::vector<int>{1, 2});
}
