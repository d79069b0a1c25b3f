// push_back_overwrite / push_front_overwrite on rings of constant capacity: the oldest element
// is dropped, the order is that of a sliding window, for plain and SoA rings alike.

#include <buffers/base/inline_buffer.hpp>
#include <buffers/collections/deque.hpp>
#include <buffers/soa/soa_deque.hpp>

#include <support/trade.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

using support::Trade;

template <class D>
std::vector<int> values(const D& d) {
    std::vector<int> out;
    for (auto it = d.begin(); it != d.end(); ++it)
        out.push_back(static_cast<int>(static_cast<Trade>(*it).qty));
    return out;
}

Trade t(int q) {
    return Trade{q, 0, 0.0, q, 'B'};
}

} // namespace

TEST_CASE("push_back_overwrite keeps the newest N rows", "[deque][ring]") {
    buffers::InlineSoaDeque<Trade, 4> ring;
    for (int i = 1; i <= 3; ++i)
        ring.push_back_overwrite(t(i));
    CHECK(values(ring) == std::vector<int>{1, 2, 3});
    for (int i = 4; i <= 10; ++i)
        ring.push_back_overwrite(t(i));
    CHECK(ring.size() == 4);
    CHECK(values(ring) == std::vector<int>{7, 8, 9, 10});
    // Overwriting with the oldest element itself: the value is taken before the drop.
    ring.push_back_overwrite(ring.front());
    CHECK(values(ring) == std::vector<int>{8, 9, 10, 7});

    ring.push_front_overwrite(t(0)); // drops the newest end: the back
    CHECK(values(ring) == std::vector<int>{0, 8, 9, 10});
}

TEST_CASE("overwrite on a plain inline ring, and capacity 0", "[deque][ring]") {
    buffers::Deque<std::string, buffers::InlineBuffer<std::string, 2>> ring;
    ring.push_back_overwrite("a long string that lives on the heap, first");
    ring.push_back_overwrite("second");
    ring.push_back_overwrite("third");
    REQUIRE(ring.size() == 2);
    CHECK(ring[0] == "second");
    CHECK(ring[1] == "third");

    buffers::Deque<int, buffers::InlineBuffer<int, 0>> none;
    none.push_back_overwrite(1);
    CHECK(none.empty());
}

// Only rings that cannot grow have it: a growing deque would never drop anything.
template <class D>
concept has_overwrite = requires(D& d, int x) {
    d.push_back_overwrite(x);
};
static_assert(!has_overwrite<buffers::Deque<int>>);
static_assert(has_overwrite<buffers::Deque<int, buffers::InlineBuffer<int, 8>>>);
