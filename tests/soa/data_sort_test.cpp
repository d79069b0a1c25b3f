// Fields by member pointer, lexicographic keys, and the permutation tools over every kind of
// SoA range (vector, deque, subranges of either): the results must equal the standard
// algorithms on a std::vector<T> of the same rows.

#include <buffers/soa/soa_deque.hpp>
#include <buffers/soa/soa_vector.hpp>
#include <buffers/soa/sort.hpp>

#include <support/trade.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <random>
#include <ranges>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace {

using support::make_trades;
using support::Trade;

struct Tagged {
    int group;
    std::string name;
    double weight;
    friend bool operator==(const Tagged&, const Tagged&) = default;
};

template <class C>
C fill(const std::vector<Trade>& rows) {
    C c;
    for (const Trade& t : rows)
        c.push_back(t);
    return c;
}

template <class R>
std::vector<Trade> to_vector(const R& r) {
    std::vector<Trade> out;
    for (auto it = std::ranges::begin(r); it != std::ranges::end(r); ++it)
        out.push_back(static_cast<Trade>(*it));
    return out;
}

auto sym_ts = [](const Trade& t) { return std::pair{t.symbol_id, t.ts_ns}; };

} // namespace

TEST_CASE("get<&T::m> on rows, const rows and plain T", "[soa][keys]") {
    buffers::SoaVector<Trade> v;
    v.push_back(Trade{10, 3, 1.5, 7, 'B'});
    buffers::get<&Trade::price>(v[0]) = 2.5;
    CHECK(buffers::get<2>(v[0]) == 2.5);
    const auto& cv = v;
    CHECK(buffers::get<&Trade::symbol_id>(cv[0]) == 3u);
    static_assert(std::is_same_v<decltype(buffers::get<&Trade::price>(cv[0])), const double&>);
    static_assert(std::is_same_v<decltype(buffers::get<&Trade::price>(v[0])), double&>);
    Trade t{1, 2, 3.0, 4, 'S'};
    buffers::get<&Trade::qty>(t) = 9;
    CHECK(t.qty == 9);
    CHECK(buffers::get<&Trade::side>(std::as_const(t)) == 'S');
    const auto key = buffers::by(&Trade::symbol_id, &Trade::ts_ns);
    CHECK(key(cv[0]) == std::tuple<std::uint32_t, std::int64_t>{3u, 10});
    CHECK(key(t) == std::tuple<std::uint32_t, std::int64_t>{2u, 1});
}

TEST_CASE("sort by two fields equals a stable sort of std::vector", "[soa][sort][keys]") {
    const bool wide = GENERATE(false, true);
    const std::size_t n =
        GENERATE(std::size_t{0}, std::size_t{1}, std::size_t{100}, std::size_t{3000},
                 std::size_t{100000}); // 100000: enough for the MSD pass of the radix sort
    CAPTURE(wide, n);
    const auto rows = make_trades(n, wide);
    auto expected = rows;
    std::ranges::stable_sort(expected, std::less{}, sym_ts);

    SECTION("by(...) on a vector") {
        auto v = fill<buffers::SoaVector<Trade>>(rows);
        buffers::stable_sort(v, buffers::by(&Trade::symbol_id, &Trade::ts_ns));
        CHECK(to_vector(v) == expected);
    }
    SECTION("a pair from a lambda, unstable sort: same keys, same rows") {
        auto v = fill<buffers::SoaVector<Trade>>(rows);
        buffers::sort(v, std::less{}, [](const auto& r) {
            return std::pair{buffers::get<&Trade::symbol_id>(r), buffers::get<&Trade::ts_ns>(r)};
        });
        auto got = to_vector(v);
        CHECK(std::ranges::is_sorted(got, std::less{}, sym_ts));
        std::ranges::sort(got, std::less{}, &Trade::qty);
        auto all = rows;
        CHECK(got == all);
    }
    SECTION("descending, three components with a negative double") {
        auto v = fill<buffers::SoaVector<Trade>>(rows);
        auto key3 = [](const Trade& t) { return std::tuple{t.price, t.symbol_id, t.ts_ns}; };
        auto exp3 = rows;
        std::ranges::stable_sort(exp3, std::greater{}, key3);
        buffers::stable_sort(v, buffers::by(&Trade::price, &Trade::symbol_id, &Trade::ts_ns),
                             std::greater{});
        CHECK(to_vector(v) == exp3);
    }
    SECTION("a deque that wraps") {
        buffers::SoaDeque<Trade> d;
        for (std::size_t i = n / 2; i < n; ++i)
            d.push_back(rows[i]);
        for (std::size_t i = n / 2; i-- > 0;)
            d.push_front(rows[i]);
        REQUIRE(to_vector(d) == rows);
        buffers::stable_sort(d, buffers::by(&Trade::symbol_id, &Trade::ts_ns));
        CHECK(to_vector(d) == expected);
    }
}

TEST_CASE("sort and argsort on subranges of a vector and of a deque", "[soa][sort]") {
    const auto rows = make_trades(1000, false, 11);
    auto expected = rows;
    std::ranges::stable_sort(expected.begin() + 100, expected.begin() + 900, std::less{},
                             &Trade::ts_ns);

    auto v = fill<buffers::SoaVector<Trade>>(rows);
    buffers::stable_sort(std::ranges::subrange(v.begin() + 100, v.begin() + 900), std::less{},
                         &Trade::ts_ns);
    CHECK(to_vector(v) == expected);

    buffers::SoaDeque<Trade> d;
    for (std::size_t i = 500; i < rows.size(); ++i)
        d.push_back(rows[i]);
    for (std::size_t i = 500; i-- > 0;)
        d.push_front(rows[i]);
    auto part = std::ranges::subrange(d.begin() + 100, d.begin() + 900);
    const auto perm = buffers::argsort(part, std::less{}, buffers::field<&Trade::ts_ns>);
    CHECK(to_vector(d) == rows); // argsort changes nothing
    REQUIRE(perm.size() == 800);
    buffers::apply_permutation(part, perm);
    CHECK(to_vector(d) == expected);
}

TEST_CASE("argsort, apply_permutation and gather", "[soa][permutation]") {
    const auto rows = make_trades(600, false, 3);
    auto v = fill<buffers::SoaVector<Trade>>(rows);
    const auto perm = buffers::argsort(v, buffers::by(&Trade::symbol_id, &Trade::ts_ns));
    std::vector<std::size_t> expected_perm(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
        expected_perm[i] = i;
    std::ranges::stable_sort(expected_perm, std::less{},
                             [&](std::size_t i) { return sym_ts(rows[i]); });
    CHECK(perm == expected_perm);

    // gather picks rows in any order, repeats allowed.
    const std::vector<std::size_t> pick{5, 0, 5, 599};
    auto g = buffers::gather(v, pick);
    REQUIRE(g.size() == 4);
    CHECK(static_cast<Trade>(g[0]) == rows[5]);
    CHECK(static_cast<Trade>(g[1]) == rows[0]);
    CHECK(static_cast<Trade>(g[2]) == rows[5]);
    CHECK(static_cast<Trade>(g[3]) == rows[599]);

    buffers::apply_permutation(v, perm);
    auto expected = rows;
    std::ranges::stable_sort(expected, std::less{}, sym_ts);
    CHECK(to_vector(v) == expected);
}

TEST_CASE("permutations move non-trivial fields once, in vectors and deques",
          "[soa][permutation]") {
    std::vector<Tagged> rows;
    for (int i = 0; i < 400; ++i)
        rows.push_back(Tagged{(i * 37) % 11, "name-that-is-not-short-" + std::to_string(i),
                              static_cast<double>((i * 53) % 17)});
    auto expected = rows;
    std::ranges::stable_sort(expected, std::less{}, [](const Tagged& t) {
        return std::pair{t.group, t.weight};
    });
    auto ordered = [](const auto& c) {
        std::vector<Tagged> out;
        for (auto it = c.begin(); it != c.end(); ++it)
            out.push_back(static_cast<Tagged>(*it));
        return out;
    };

    buffers::SoaVector<Tagged> v;
    buffers::SoaDeque<Tagged> d;
    for (const auto& t : rows) {
        v.push_back(t);
        d.push_front(t);
    }
    std::ranges::reverse(d);
    buffers::stable_sort(v, buffers::by(&Tagged::group, &Tagged::weight));
    buffers::stable_sort(d, buffers::by(&Tagged::group, &Tagged::weight));
    CHECK(ordered(v) == expected);
    CHECK(ordered(d) == expected);
    // By a non-arithmetic key (comparison sort through the projection).
    buffers::sort(d, std::greater{}, &Tagged::name);
    CHECK(std::ranges::is_sorted(ordered(d), std::greater{}, &Tagged::name));
}

TEST_CASE("erase_if on SoA vectors compacts the columns like std::erase_if", "[soa][erase]") {
    std::vector<Tagged> rows;
    for (int i = 0; i < 500; ++i)
        rows.push_back(Tagged{i % 7, "a name long enough for the heap " + std::to_string(i),
                              static_cast<double>(i)});
    buffers::SoaVector<Tagged> v;
    for (const auto& t : rows)
        v.push_back(t);
    auto pred = [](const auto& r) { return buffers::get<&Tagged::group>(r) % 3 == 0; };
    const auto removed = buffers::erase_if(v, pred);
    const auto expected_removed = std::erase_if(rows, pred);
    CHECK(removed == expected_removed);
    REQUIRE(v.size() == rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
        CHECK(static_cast<Tagged>(v[i]) == rows[i]);

    // A throwing predicate leaves every row in place (the mask is made before any move).
    const auto before = rows;
    int calls = 0;
    CHECK_THROWS(buffers::erase_if(v, [&](const auto&) {
        if (++calls == 200)
            throw std::runtime_error("stop");
        return calls % 2 == 0;
    }));
    REQUIRE(v.size() == before.size());
    for (std::size_t i = 0; i < before.size(); ++i)
        CHECK(static_cast<Tagged>(v[i]) == before[i]);

    auto trades = fill<buffers::SoaVector<Trade>>(make_trades(1000, false));
    auto aos = make_trades(1000, false);
    CHECK(buffers::erase(v, before[3]) == 1);
    CHECK(buffers::erase_if(trades, [](const auto& r) {
              return buffers::get<&Trade::side>(r) == 'S';
          }) == std::erase_if(aos, [](const Trade& t) { return t.side == 'S'; }));
    CHECK(to_vector(trades) == aos);
}
