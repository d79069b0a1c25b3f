// append_range / insert_range (C++23 names) on vectors and deques, SoA and plain: from
// containers of T, from the rows of another SoA collection, from views that are not common
// ranges.

#include <buffers/collections/deque.hpp>
#include <buffers/collections/vector.hpp>
#include <buffers/soa/soa_deque.hpp>
#include <buffers/soa/soa_vector.hpp>

#include <support/trade.hpp>

#include <catch2/catch.hpp>

#include <ranges>
#include <string>
#include <vector>

namespace {

using support::Trade;

Trade t(int q) {
    return Trade{q, static_cast<std::uint32_t>(q), q * 1.0, q, 'S'};
}

template <class C>
std::vector<int> qtys(const C& c) {
    std::vector<int> out;
    for (auto it = c.begin(); it != c.end(); ++it)
        out.push_back(static_cast<Trade>(*it).qty);
    return out;
}

} // namespace

TEMPLATE_TEST_CASE("append_range and insert_range", "[soa][range]", buffers::SoaVector<Trade>,
                   buffers::SoaDeque<Trade>, buffers::Vector<Trade>, buffers::Deque<Trade>) {
    TestType c;
    const std::vector<Trade> src{t(1), t(2), t(3)};
    c.append_range(src);
    CHECK(qtys(c) == std::vector<int>{1, 2, 3});

    buffers::SoaVector<Trade> other;
    other.push_back(t(10));
    other.push_back(t(11));
    auto it = c.insert_range(c.begin() + 1, other); // rows of another SoA collection
    CHECK(it - c.begin() == 1);
    CHECK(qtys(c) == std::vector<int>{1, 10, 11, 2, 3});

    // Not a common range: appended one by one, then rotated into place.
    auto gen = std::views::iota(20) | std::views::take(2) |
               std::views::transform([](int q) { return t(q); });
    static_assert(!std::ranges::common_range<decltype(std::views::iota(20) | std::views::take(2))>);
    c.insert_range(c.begin(), gen);
    CHECK(qtys(c) == std::vector<int>{20, 21, 1, 10, 11, 2, 3});
    c.append_range(std::views::iota(30) | std::views::take(1) |
                   std::views::transform([](int q) { return t(q); }));
    CHECK(qtys(c).back() == 30);
}

TEST_CASE("append_range of strings keeps values", "[range]") {
    buffers::Vector<std::string> v{"a"};
    const std::vector<std::string> more{"a long string that does not fit inline", "c"};
    v.append_range(more);
    v.insert_range(v.begin(), std::views::single(std::string("z")));
    REQUIRE(v.size() == 4);
    CHECK(v[0] == "z");
    CHECK(v[2] == "a long string that does not fit inline");
}
