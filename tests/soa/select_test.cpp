// select<&T::a, &T::b>(v): rows of just some columns, as a random-access range that the
// standard algorithms and views accept; writes go to the columns, other columns stay put.

#include <buffers/soa/columns.hpp>
#include <buffers/soa/select.hpp>
#include <buffers/soa/soa_deque.hpp>
#include <buffers/soa/soa_vector.hpp>

#include <support/data_tables.hpp>
#include <support/trade.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <ranges>
#include <span>
#include <tuple>
#include <vector>

namespace {

using support::Trade;

buffers::SoaVector<Trade> table() {
    buffers::SoaVector<Trade> v;
    for (int i = 0; i < 10; ++i)
        v.push_back(
            Trade{100 + i, static_cast<std::uint32_t>(i % 3), 10.0 - i, i * 10, i % 2 ? 'B' : 'S'});
    return v;
}

using PQ = decltype(buffers::select<&Trade::price, &Trade::qty>(
    std::declval<buffers::SoaVector<Trade>&>()));
static_assert(std::ranges::random_access_range<PQ>);
static_assert(std::ranges::sized_range<PQ>);
static_assert(std::ranges::view<PQ>);
static_assert(std::permutable<std::ranges::iterator_t<PQ>>);

} // namespace

TEST_CASE("select: rows of some columns, by index and by member", "[soa][select]") {
    auto v = table();
    auto pq = buffers::select<&Trade::price, &Trade::qty>(v);
    REQUIRE(pq.size() == 10);
    CHECK(buffers::get<0>(pq[3]) == 7.0);
    CHECK(buffers::get<&Trade::qty>(pq[3]) == 30);
    auto [price, qty] = pq[4];
    price = 99.0;
    qty = -1;
    CHECK(buffers::get<&Trade::price>(v[4]) == 99.0);
    CHECK(buffers::get<&Trade::qty>(v[4]) == -1);
    double notional = 0;
    for (auto [p, q] : pq)
        notional += p * q;
    CHECK(notional != 0);

    const auto& cv = v;
    auto cpq = buffers::select<&Trade::qty>(cv);
    static_assert(std::is_same_v<decltype(buffers::get<0>(cpq[0])), const std::int32_t&>);
    CHECK(buffers::get<0>(cpq[9]) == 90);
}

TEST_CASE("select works with std::ranges algorithms and views", "[soa][select]") {
    auto v = table();
    auto pq = buffers::select<&Trade::price, &Trade::qty>(v);
    auto it = std::ranges::find_if(pq, [](auto r) { return buffers::get<&Trade::qty>(r) == 50; });
    REQUIRE(it != pq.end());
    CHECK(it - pq.begin() == 5);

    // Sorting the view moves only the selected fields.
    std::ranges::sort(pq, [](const auto& a, const auto& b) { return get<0>(a) < get<0>(b); });
    for (std::size_t i = 0; i < v.size(); ++i) {
        CHECK(buffers::get<&Trade::price>(v[i]) == 1.0 + static_cast<double>(i));
        CHECK(buffers::get<&Trade::qty>(v[i]) == 90 - static_cast<int>(i) * 10);
        CHECK(buffers::get<&Trade::ts_ns>(v[i]) == 100 + static_cast<int>(i)); // untouched
    }

    auto big = pq | std::views::filter([](auto r) { return get<1>(r) >= 50; }) |
               std::views::transform([](auto r) { return get<0>(r) * get<1>(r); });
    std::vector<double> got(big.begin(), big.end());
    CHECK(got == std::vector<double>{90.0 * 1, 80.0 * 2, 70.0 * 3, 60.0 * 4, 50.0 * 5});

    std::ranges::reverse(pq);
    CHECK(buffers::get<0>(pq[0]) == 10.0);
    CHECK(std::ranges::distance(pq | std::views::take(3)) == 3);
}

TEST_CASE("columns(v) of a plain aggregate is a tuple of spans", "[soa][select]") {
    auto v = table();
    auto cols = buffers::columns(v);
    static_assert(
        std::is_same_v<decltype(cols),
                       std::tuple<std::span<std::int64_t>, std::span<std::uint32_t>,
                                  std::span<double>, std::span<std::int32_t>, std::span<char>>>);
    auto [ts, sym, price, qty, side] = cols;
    CHECK(ts.size() == 10);
    CHECK(price[2] == 8.0);
    side[0] = 'X';
    CHECK(buffers::get<&Trade::side>(v[0]) == 'X');
}

namespace {
using support::fill;
using support::fill_wrapped;
using support::make_ticks;
using support::make_trades;
using support::Tick;
using support::to_vector;

using DequeSelect = decltype(buffers::select<&Trade::price, &Trade::qty>(
    std::declval<buffers::SoaDeque<Trade>&>()));
static_assert(std::ranges::random_access_range<DequeSelect>);
static_assert(std::ranges::sized_range<DequeSelect>);
static_assert(std::ranges::view<DequeSelect>);
static_assert(std::permutable<std::ranges::iterator_t<DequeSelect>>);
} // namespace

TEST_CASE("select over SoA deques follows the ring", "[soa][select][deque]") {
    const auto rows = make_trades(200, false);
    auto d = fill_wrapped<buffers::SoaDeque<Trade>>(rows);
    REQUIRE(d.live().ranges().size() == 2);
    auto pq = buffers::select<&Trade::price, &Trade::qty>(d);
    REQUIRE(pq.size() == rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        CHECK(buffers::get<&Trade::price>(pq[static_cast<std::ptrdiff_t>(i)]) == rows[i].price);
        CHECK(buffers::get<1>(pq[static_cast<std::ptrdiff_t>(i)]) == rows[i].qty);
    }
    // Sorting the view moves only its fields, across the wrap.
    // (Projections see rows and std::tuple values: get found by argument-dependent lookup.)
    std::ranges::sort(pq, std::greater{}, [](const auto& r) { return get<1>(r); });
    for (std::size_t i = 0; i < rows.size(); ++i) {
        CHECK(buffers::get<&Trade::qty>(d[i]) == static_cast<std::int32_t>(rows.size() - 1 - i));
        CHECK(buffers::get<&Trade::ts_ns>(d[i]) == rows[i].ts_ns);
    }
    const auto& cd = d;
    auto ts = buffers::select<&Trade::ts_ns>(cd);
    static_assert(std::is_same_v<decltype(buffers::get<0>(ts[0])), const std::int64_t&>);
    auto found = std::ranges::find_if(
        ts, [&](const auto& r) { return buffers::get<0>(r) == rows[150].ts_ns; });
    CHECK(found - ts.begin() <= 150);
    CHECK(std::ranges::distance(
              ts | std::views::filter([](const auto& r) { return get<0>(r) % 2 == 0; })) ==
          std::ranges::count_if(rows, [](const Trade& t) { return t.ts_ns % 2 == 0; }));
}

TEST_CASE("select over a table with flattened fields", "[soa][select][flatten]") {
    const auto rows = make_ticks(100);
    auto v = fill<buffers::SoaVector<Tick>>(rows);
    auto d = fill_wrapped<buffers::SoaDeque<Tick>>(rows);
    auto sv = buffers::select<&Tick::ts, &Tick::name>(v);
    auto sd = buffers::select<&Tick::ts, &Tick::name>(d);
    for (std::ptrdiff_t i = 0; i < 100; ++i) {
        CHECK(buffers::get<&Tick::name>(sv[i]) == rows[static_cast<std::size_t>(i)].name);
        CHECK(buffers::get<&Tick::name>(sd[i]) == rows[static_cast<std::size_t>(i)].name);
        CHECK(buffers::get<0>(sd[i]) == rows[static_cast<std::size_t>(i)].ts);
    }
    std::ranges::sort(sd, {}, [](const auto& r) { return get<1>(r); });
    CHECK(std::ranges::is_sorted(to_vector(d), {}, &Tick::name));
}
