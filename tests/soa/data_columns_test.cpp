// Column-wise data work over every SoA layout that has columns (flat fields, flattened nested
// fields, deques whose columns wrap): aggregate sort keys, gather and appends column by
// column, select over deques, erase_if through the ring, SoA tables on a pmr arena.

#include <buffers/soa/soa_deque.hpp>
#include <buffers/soa/soa_vector.hpp>
#include <buffers/soa/sort.hpp>

#include <support/tracked.hpp>
#include <support/tracking.hpp>
#include <support/trade.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <compare>
#include <cstdint>
#include <functional>
#include <random>
#include <ranges>
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

struct Pos {
    float x, y;
    auto operator<=>(const Pos&) const = default;
};
// A row with a flattened field (Pos: two columns) and an owning field.
struct Tick {
    Pos pos;
    std::uint32_t sym;
    std::int64_t ts;
    std::string name;
    friend bool operator==(const Tick&, const Tick&) = default;
};

} // namespace data

template <>
inline constexpr bool buffers::soa_flatten<data::Pos> = true;

namespace {

using data::Pos;
using data::SymTs;
using data::Tick;
using data::TsThenSym;
using support::make_trades;
using support::Trade;

static_assert(buffers::detail::radix_lexicographic_key<SymTs>);
static_assert(buffers::detail::radix_lexicographic_key<Pos>);
static_assert(!buffers::detail::radix_lexicographic_key<TsThenSym>);

std::vector<Tick> make_ticks(std::size_t n, unsigned seed = 9) {
    std::mt19937 rng(seed);
    std::vector<Tick> out;
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(Tick{Pos{static_cast<float>(rng() % 7) - 3.0f, static_cast<float>(rng() % 5)},
                           static_cast<std::uint32_t>(rng() % 11),
                           static_cast<std::int64_t>(rng() % 100) - 50,
                           "tick name long enough for the heap " + std::to_string(i)});
    return out;
}

template <class C, class V>
C fill(const std::vector<V>& rows) {
    C c;
    for (const V& t : rows)
        c.push_back(t);
    return c;
}
// A deque over rows that wraps: the second half pushed at the back, the first at the front.
template <class D, class V>
D fill_wrapped(const std::vector<V>& rows) {
    D d;
    for (std::size_t i = rows.size() / 2; i < rows.size(); ++i)
        d.push_back(rows[i]);
    for (std::size_t i = rows.size() / 2; i-- > 0;)
        d.push_front(rows[i]);
    return d;
}

template <class R>
auto to_vector(const R& r) {
    using T = std::ranges::range_value_t<R>;
    std::vector<T> out;
    for (auto it = std::ranges::begin(r); it != std::ranges::end(r); ++it)
        out.push_back(static_cast<T>(*it));
    return out;
}

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
