// Live: which slots hold values, as the collection tells the buffer.

#include <buffers/core/live.hpp>
#include <buffers/core/status.hpp>

#include <catch2/catch.hpp>

#include <cstddef>
#include <vector>

using buffers::IndexRange;
using buffers::Live;

namespace {
std::vector<std::size_t> indices(Live live) {
    std::vector<std::size_t> out;
    live.for_each([&](std::size_t i) { out.push_back(i); });
    return out;
}
} // namespace

TEST_CASE("Live: empty", "[core][live]") {
    constexpr Live none;
    STATIC_REQUIRE(none.empty());
    STATIC_REQUIRE(none.count() == 0);
    STATIC_REQUIRE(none.end() == 0);
    STATIC_REQUIRE(none.ranges().empty());
    CHECK(indices(none).empty());
    CHECK(Live(0).empty());
    CHECK(Live(IndexRange{3, 3}).empty());
    CHECK(Live(IndexRange{3, 3}, IndexRange{5, 5}).ranges().empty());
}

TEST_CASE("Live: the prefix of a vector", "[core][live]") {
    constexpr Live live(4);
    STATIC_REQUIRE(live.count() == 4);
    STATIC_REQUIRE(live.end() == 4);
    STATIC_REQUIRE(live.contains(0) && live.contains(3) && !live.contains(4));
    REQUIRE(live.ranges().size() == 1);
    CHECK(live.ranges()[0] == IndexRange{0, 4});
    CHECK(indices(live) == std::vector<std::size_t>{0, 1, 2, 3});
}

TEST_CASE("Live: two ranges of a ring buffer that wraps", "[core][live]") {
    // Slots 6, 7 then 0, 1, 2: the order given is the order visited.
    constexpr Live live(IndexRange{6, 8}, IndexRange{0, 3});
    STATIC_REQUIRE(live.count() == 5);
    STATIC_REQUIRE(live.end() == 8);
    STATIC_REQUIRE(!live.empty());
    CHECK(indices(live) == std::vector<std::size_t>{6, 7, 0, 1, 2});
    CHECK(live.contains(7));
    CHECK(live.contains(0));
    CHECK_FALSE(live.contains(3));
    CHECK_FALSE(live.contains(5));
    CHECK_FALSE(live.contains(8));

    // An empty first range is dropped, so ranges() only lists non-empty ones.
    const Live one(IndexRange{2, 2}, IndexRange{4, 6});
    REQUIRE(one.ranges().size() == 1);
    CHECK(one.ranges()[0] == IndexRange{4, 6});
    CHECK(one.end() == 6);
    CHECK(indices(one) == std::vector<std::size_t>{4, 5});
}

TEST_CASE("IndexRange size and emptiness", "[core][live]") {
    STATIC_REQUIRE(IndexRange{2, 7}.size() == 5);
    STATIC_REQUIRE(IndexRange{2, 2}.empty());
    STATIC_REQUIRE(IndexRange{2, 7} == IndexRange{2, 7});
    STATIC_REQUIRE(IndexRange{2, 7} != IndexRange{2, 8});
}

TEST_CASE("Status names every outcome", "[core][status]") {
    using buffers::Status;
    STATIC_REQUIRE(buffers::to_string(Status::ok) == "ok");
    STATIC_REQUIRE(buffers::to_string(Status::out_of_memory) == "out of memory");
    STATIC_REQUIRE(buffers::to_string(Status::exceeds_max_capacity) == "exceeds max capacity");
    STATIC_REQUIRE(buffers::to_string(Status::unsupported) == "unsupported");
}

// ranges() returns its ranges by value: a range-for over the ranges of a temporary Live reads
// live memory (with a span into the temporary, AddressSanitizer reports a use after scope).
TEST_CASE("Live: the ranges of a temporary outlive it", "[core][live]") {
    std::size_t total = 0;
    for (IndexRange r : Live(IndexRange{6, 8}, IndexRange{0, 3}).ranges())
        total += r.size();
    CHECK(total == 5);
    STATIC_REQUIRE(Live(IndexRange{1, 2}).ranges()[0] == IndexRange{1, 2});
}
