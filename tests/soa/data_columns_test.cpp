// Column-wise data work over every SoA layout that has columns (flat fields, flattened nested
// fields, deques whose columns wrap): aggregate sort keys, gather and appends column by
// column, select over deques, erase_if through the ring, SoA tables on a pmr arena.

#include <buffers/soa/soa_deque.hpp>
#include <buffers/soa/soa_vector.hpp>
#include <buffers/soa/sort.hpp>

#include <support/data_tables.hpp>
#include <support/tracked.hpp>
#include <support/tracking.hpp>
#include <support/trade.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace data {

// A sort key of two numbers with the memberwise order: radix-sorted.
struct SymTs {
    std::uint32_t sym;
    std::int64_t ts;
    auto operator<=>(const SymTs&) const = default;
};
// Two numbers ordered by the second first: not memberwise, so compared with <.
struct TsThenSym {
    std::uint32_t sym;
    std::int64_t ts;
    constexpr bool operator<(const TsThenSym& o) const noexcept {
        return ts < o.ts || (ts == o.ts && sym < o.sym);
    }
};

} // namespace data

namespace {

using data::SymTs;
using data::TsThenSym;
using support::fill;
using support::fill_wrapped;
using support::make_ticks;
using support::make_trades;
using support::Pos;
using support::Tick;
using support::to_vector;
using support::Trade;

static_assert(buffers::detail::radix_lexicographic_key<SymTs>);
static_assert(buffers::detail::radix_lexicographic_key<Pos>);
static_assert(!buffers::detail::radix_lexicographic_key<TsThenSym>);

auto sym_ts = [](const auto& r) {
    return SymTs{buffers::get<&Trade::symbol_id>(r), buffers::get<&Trade::ts_ns>(r)};
};
auto ts_sym = [](const auto& r) {
    return TsThenSym{buffers::get<&Trade::symbol_id>(r), buffers::get<&Trade::ts_ns>(r)};
};

} // namespace

TEST_CASE("aggregate keys with the memberwise order sort like std::ranges::sort",
          "[soa][sort][keys]") {
    const bool wide = GENERATE(false, true);
    const std::size_t n = GENERATE(std::size_t{10}, std::size_t{3000}, std::size_t{100000});
    CAPTURE(wide, n);
    const auto rows = make_trades(n, wide);

    SECTION("stable_sort equals std::ranges::stable_sort, ascending and descending") {
        auto expected = rows;
        std::ranges::stable_sort(expected, std::less{}, sym_ts);
        auto v = fill<buffers::SoaVector<Trade>>(rows);
        buffers::stable_sort(v, std::less{}, sym_ts);
        CHECK(to_vector(v) == expected);

        std::ranges::stable_sort(expected, std::greater{}, sym_ts);
        auto d = fill_wrapped<buffers::SoaDeque<Trade>>(rows);
        buffers::stable_sort(d, std::ranges::greater{}, sym_ts);
        CHECK(to_vector(d) == expected);
    }
    SECTION("sort orders the keys like std::ranges::sort and keeps the rows") {
        auto expected = rows;
        std::ranges::sort(expected, std::less{}, sym_ts);
        auto v = fill<buffers::SoaVector<Trade>>(rows);
        buffers::sort(v, std::less{}, sym_ts);
        auto got = to_vector(v);
        CHECK(std::ranges::equal(got, expected, {}, sym_ts, sym_ts));
        std::ranges::sort(got, std::less{}, &Trade::qty);
        CHECK(got == rows);
    }
    SECTION("argsort gives the stable order") {
        const auto v = fill<buffers::SoaVector<Trade>>(rows);
        const auto perm = buffers::argsort(v, std::less{}, sym_ts);
        std::vector<std::size_t> expected(n);
        for (std::size_t i = 0; i < n; ++i)
            expected[i] = i;
        std::ranges::stable_sort(expected, std::less{},
                                 [&](std::size_t i) { return sym_ts(rows[i]); });
        CHECK(perm == expected);
    }
    SECTION("an aggregate ordered otherwise is compared with its <") {
        auto expected = rows;
        std::ranges::stable_sort(expected, std::less{}, ts_sym);
        auto v = fill<buffers::SoaVector<Trade>>(rows);
        buffers::stable_sort(v, std::less{}, ts_sym);
        CHECK(to_vector(v) == expected);
    }
}

TEST_CASE("aggregate keys over flattened fields", "[soa][sort][flatten]") {
    const auto rows = make_ticks(2000);
    auto by_pos = [](const auto& r) { return Pos(buffers::get<&Tick::pos>(r)); };
    auto expected = rows;
    std::ranges::stable_sort(expected, std::less{}, &Tick::pos);
    auto v = fill<buffers::SoaVector<Tick>>(rows);
    buffers::stable_sort(v, std::less{}, by_pos);
    CHECK(to_vector(v) == expected);

    auto key = [](const auto& r) {
        return SymTs{buffers::get<&Tick::sym>(r), buffers::get<&Tick::ts>(r)};
    };
    expected = rows;
    std::ranges::stable_sort(expected, std::greater{}, key);
    auto d = fill_wrapped<buffers::SoaDeque<Tick>>(rows);
    buffers::stable_sort(d, std::greater{}, key);
    CHECK(to_vector(d) == expected);
}

namespace data {
// Counts what erase_if and the bulk copies do to a field that is not trivially copyable.
struct Counted3 {
    int key;
    support::Counted c;
    double w;
};
} // namespace data

TEST_CASE("erase_if on SoA deques compacts the columns through the ring", "[soa][erase][deque]") {
    SECTION("flat fields, a ring that wraps") {
        const auto rows = make_trades(3000, false);
        auto d = fill_wrapped<buffers::SoaDeque<Trade>>(rows);
        REQUIRE(d.live().ranges().size() == 2);
        auto aos = rows;
        auto pred = [](const auto& r) { return buffers::get<&Trade::side>(r) == 'S'; };
        CHECK(buffers::erase_if(d, pred) == std::erase_if(aos, pred));
        CHECK(to_vector(d) == aos);
        CHECK(buffers::erase(d, aos[7]) == 1);
        aos.erase(aos.begin() + 7);
        CHECK(to_vector(d) == aos);
    }
    SECTION("flattened and owning fields") {
        const auto rows = make_ticks(500);
        auto d = fill_wrapped<buffers::SoaDeque<Tick>>(rows);
        auto v = fill<buffers::SoaVector<Tick>>(rows);
        auto aos = rows;
        auto pred = [](const auto& r) {
            return buffers::get<&Pos::x>(buffers::get<&Tick::pos>(r)) < 0.0f;
        };
        const auto removed = std::erase_if(aos, pred);
        CHECK(buffers::erase_if(d, pred) == removed);
        CHECK(buffers::erase_if(v, pred) == removed);
        CHECK(to_vector(d) == aos);
        CHECK(to_vector(v) == aos);
    }
    SECTION("fields are move-assigned once, never constructed") {
        support::LeakGuard guard;
        buffers::SoaDeque<data::Counted3> d;
        for (int i = 0; i < 64; ++i)
            d.push_front(data::Counted3{i, support::Counted(i), 0.5});
        d.push_back(data::Counted3{64, support::Counted(64), 0.5});
        const auto before = support::counts();
        // Keys 63, 62, ..., 0, 64: removing the odd ones moves each of the 33 others down once.
        CHECK(buffers::erase_if(d, [](const auto& r) { return buffers::get<0>(r) % 2 != 0; }) ==
              32);
        const auto after = support::counts();
        CHECK(after.moves - before.moves == 0);
        CHECK(after.copies - before.copies == 0);
        CHECK(after.move_assignments - before.move_assignments == 33);
        CHECK(after.destructions - before.destructions == 32);
        REQUIRE(d.size() == 33);
        CHECK(buffers::get<1>(d[32]).id() == 64);
        CHECK(buffers::get<1>(d[0]).id() == 62);
    }
    SECTION("a throwing predicate leaves the deque as it was") {
        const auto rows = make_trades(300, false);
        auto d = fill_wrapped<buffers::SoaDeque<Trade>>(rows);
        int calls = 0;
        CHECK_THROWS(buffers::erase_if(d, [&](const auto&) {
            if (++calls == 200)
                throw std::runtime_error("stop");
            return calls % 2 == 0;
        }));
        CHECK(to_vector(d) == rows);
    }
}

namespace data {
// Copies of a field log which column they belong to: the order shows whether rows are built
// a column at a time or a row at a time.
inline std::vector<int>& copy_log() {
    static std::vector<int> log;
    return log;
}
template <int Column>
struct Logged {
    int value = 0;
    Logged() = default;
    explicit Logged(int v) : value(v) {}
    Logged(const Logged& o) : value(o.value) { copy_log().push_back(Column); }
    Logged(Logged&& o) noexcept : value(o.value) { copy_log().push_back(-1); }
    Logged& operator=(const Logged&) = default;
    Logged& operator=(Logged&&) noexcept = default;
    ~Logged() = default;
    friend bool operator==(const Logged&, const Logged&) = default;
};
struct TwoLogged {
    Logged<0> a;
    Logged<1> b;
    friend bool operator==(const TwoLogged&, const TwoLogged&) = default;
};
} // namespace data

TEST_CASE("gather copies a column at a time, each field once", "[soa][permutation][columns]") {
    using data::copy_log;
    using data::TwoLogged;
    std::vector<TwoLogged> rows;
    for (int i = 0; i < 20; ++i)
        rows.push_back(TwoLogged{data::Logged<0>(i), data::Logged<1>(100 + i)});
    const std::vector<std::size_t> pick{3, 0, 3, 19, 7};
    auto check = [&](const auto& g) {
        REQUIRE(g.size() == pick.size());
        for (std::size_t j = 0; j < pick.size(); ++j)
            CHECK(static_cast<TwoLogged>(g[j]) == rows[pick[j]]);
    };
    SECTION("from a vector") {
        auto v = fill<buffers::SoaVector<TwoLogged>>(rows);
        copy_log().clear();
        auto g = buffers::gather(v, pick);
        CHECK(copy_log() == std::vector<int>{0, 0, 0, 0, 0, 1, 1, 1, 1, 1});
        check(g);
    }
    SECTION("from a deque that wraps, and a subrange of it") {
        auto d = fill_wrapped<buffers::SoaDeque<TwoLogged>>(rows);
        copy_log().clear();
        auto g = buffers::gather(d, pick);
        CHECK(copy_log() == std::vector<int>{0, 0, 0, 0, 0, 1, 1, 1, 1, 1});
        check(g);
        auto part = std::ranges::subrange(d.begin() + 2, d.end());
        auto h = buffers::gather(part, std::vector<int>{1, 0});
        REQUIRE(h.size() == 2);
        CHECK(static_cast<TwoLogged>(h[0]) == rows[3]);
        CHECK(static_cast<TwoLogged>(h[1]) == rows[2]);
    }
}

TEST_CASE("gather over flattened and owning fields; a throwing copy leaks nothing",
          "[soa][permutation][columns]") {
    const auto rows = make_ticks(300);
    const auto v = fill<buffers::SoaVector<Tick>>(rows);
    auto d = fill_wrapped<buffers::SoaDeque<Tick>>(rows);
    std::vector<std::size_t> pick;
    for (std::size_t i = 0; i < 300; i += 7)
        pick.push_back((i * 13) % 300);
    std::vector<Tick> expected;
    for (auto i : pick)
        expected.push_back(rows[i]);
    CHECK(to_vector(buffers::gather(v, pick)) == expected);
    CHECK(to_vector(buffers::gather(d, pick)) == expected);

    support::LeakGuard guard;
    support::Disarm disarm;
    buffers::SoaVector<data::Counted3> c;
    for (int i = 0; i < 50; ++i)
        c.push_back(data::Counted3{i, support::Counted(i), 1.0});
    const auto before = support::counts();
    auto g = buffers::gather(c, std::vector<int>{49, 1, 1});
    const auto after = support::counts();
    CHECK(after.copies - before.copies == 3);
    CHECK(after.moves - before.moves == 0);
    CHECK(buffers::get<1>(g[0]).id() == 49);
}

namespace data {
struct ThrowRow {
    int key;
    std::string name;
    support::Throwing t;
};
} // namespace data

TEST_CASE("a throwing copy in gather leaks nothing and leaves the source", "[soa][columns]") {
    support::LeakGuard guard;
    support::Disarm disarm;
    buffers::SoaVector<data::ThrowRow> v;
    for (int i = 0; i < 40; ++i)
        v.push_back(data::ThrowRow{i, "name long enough for the heap " + std::to_string(i),
                                   support::Throwing(i)});
    support::arm(3);
    CHECK_THROWS_AS(buffers::gather(v, std::vector<int>{5, 6, 7, 8}), support::TestError);
    support::disarm();
    REQUIRE(v.size() == 40);
    CHECK(buffers::get<2>(v[7]).id() == 7);
}

TEMPLATE_TEST_CASE("append_range and insert_range between SoA tables copy column by column",
                   "[soa][range][columns]", buffers::SoaVector<data::TwoLogged>,
                   buffers::SoaDeque<data::TwoLogged>) {
    using data::copy_log;
    using data::TwoLogged;
    std::vector<TwoLogged> rows;
    for (int i = 0; i < 12; ++i)
        rows.push_back(TwoLogged{data::Logged<0>(i), data::Logged<1>(100 + i)});
    auto c = fill<TestType>(std::vector<TwoLogged>(rows.begin(), rows.begin() + 4));
    const auto from_vector = fill<buffers::SoaVector<TwoLogged>>(
        std::vector<TwoLogged>(rows.begin() + 4, rows.begin() + 7));
    const auto from_deque = fill_wrapped<buffers::SoaDeque<TwoLogged>>(
        std::vector<TwoLogged>(rows.begin() + 7, rows.end()));
    c.reserve(64); // growth would move rows and log moves
    copy_log().clear();
    c.append_range(from_vector);
    CHECK(copy_log() == std::vector<int>{0, 0, 0, 1, 1, 1});
    copy_log().clear();
    auto it = c.insert_range(c.begin() + 2, from_deque);
    CHECK(it - c.begin() == 2);
    auto log = copy_log();
    std::erase(log, -1); // the rows the gap moved
    // A column at a time in each run of slots (a deque's gap may wrap: two runs).
    CHECK(std::ranges::count(log, 0) == 5);
    CHECK(std::ranges::count(log, 1) == 5);
    std::size_t runs = 1;
    for (std::size_t i = 1; i < log.size(); ++i)
        runs += log[i] < log[i - 1] ? 1 : 0;
    CHECK(runs <= (std::is_same_v<TestType, buffers::SoaDeque<TwoLogged>> ? 2u : 1u));
    std::vector<TwoLogged> expected(rows.begin(), rows.begin() + 2);
    expected.insert(expected.end(), rows.begin() + 7, rows.end());
    expected.insert(expected.end(), rows.begin() + 2, rows.begin() + 7);
    CHECK(to_vector(c) == expected);

    // From itself: the rows as they were before the call.
    c.append_range(c);
    auto twice = expected;
    twice.insert(twice.end(), expected.begin(), expected.end());
    CHECK(to_vector(c) == twice);
    c.insert_range(c.begin() + 1, c);
    auto thrice = std::vector<TwoLogged>{twice[0]};
    thrice.insert(thrice.end(), twice.begin(), twice.end());
    thrice.insert(thrice.end(), twice.begin() + 1, twice.end());
    CHECK(to_vector(c) == thrice);
}

TEMPLATE_TEST_CASE("SoA-to-SoA inserts over flattened fields; a throw changes nothing",
                   "[soa][range][columns]", buffers::SoaVector<Tick>, buffers::SoaDeque<Tick>) {
    const auto rows = make_ticks(60);
    auto c = fill_wrapped<TestType>(std::vector<Tick>(rows.begin(), rows.begin() + 30));
    const auto src =
        fill_wrapped<buffers::SoaDeque<Tick>>(std::vector<Tick>(rows.begin() + 30, rows.end()));
    c.insert_range(c.begin() + 10, src);
    auto expected = std::vector<Tick>(rows.begin(), rows.begin() + 10);
    expected.insert(expected.end(), rows.begin() + 30, rows.end());
    expected.insert(expected.end(), rows.begin() + 10, rows.begin() + 30);
    CHECK(to_vector(c) == expected);

    support::LeakGuard guard;
    support::Disarm disarm;
    using Row = data::ThrowRow;
    using C = std::conditional_t<std::is_same_v<TestType, buffers::SoaVector<Tick>>,
                                 buffers::SoaVector<Row>, buffers::SoaDeque<Row>>;
    C a;
    buffers::SoaDeque<Row> b;
    for (int i = 0; i < 20; ++i) {
        a.push_back(Row{i, "a row name long enough for the heap", support::Throwing(i)});
        b.push_front(
            Row{100 + i, "b row name long enough for the heap", support::Throwing(100 + i)});
    }
    a.reserve(100);
    support::arm(7);
    CHECK_THROWS_AS(a.insert_range(a.begin() + 5, b), support::TestError);
    support::arm(7);
    CHECK_THROWS_AS(a.append_range(b), support::TestError);
    support::disarm();
    REQUIRE(a.size() == 20);
    for (int i = 0; i < 20; ++i)
        CHECK(buffers::get<2>(a[static_cast<std::size_t>(i)]).id() == i);
}
