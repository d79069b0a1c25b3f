// Data work on a columnar table of trades, end to end: load, filter, sort by two keys, group by
// symbol, and a rolling time window inside each group. Every result is checked against the
// same computation on a std::vector<Trade>; the program fails if one differs.
//
// Timings of these steps against the AoS vector come from benchmarks/data_bench.cpp (see
// docs/data.md), not from this program.

#include <buffers/buffers.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <random>
#include <ranges>
#include <span>
#include <utility>
#include <vector>

struct Trade {
    std::int64_t ts_ns;
    std::uint32_t symbol_id;
    double price;
    std::int32_t qty; // 0: a cancelled trade
    char side;        // 'B' or 'S'
};

namespace {

constexpr std::uint32_t symbols = 50;
constexpr std::int64_t second = 1'000'000'000;

// 1. Load: here generated, in arrival order with some jitter (as a feed delivers them).
buffers::SoaVector<Trade> load(std::size_t n) {
    std::mt19937_64 rng(2026);
    buffers::SoaVector<Trade> v;
    v.reserve(n);
    std::int64_t t = 1'764'547'200 * second;
    for (std::size_t i = 0; i < n; ++i) {
        t += static_cast<std::int64_t>(rng() % 2'000'000);
        v.push_back(Trade{t - static_cast<std::int64_t>(rng() % 500'000),
                          static_cast<std::uint32_t>(rng() % symbols),
                          100.0 + static_cast<double>(rng() % 10'000) / 100.0,
                          static_cast<std::int32_t>(rng() % 20 == 0 ? 0 : 1 + rng() % 500),
                          (rng() & 1) != 0 ? 'B' : 'S'});
    }
    return v;
}

struct GroupStats {
    std::uint32_t symbol;
    std::size_t trades;
    double vwap;
    std::size_t busiest_second; // most trades within any one-second window
};

// 4 and 5, over the columns of one symbol's rows (sorted by time): VWAP, and a rolling
// one-second window by two positions over the timestamp column.
GroupStats group_stats(std::uint32_t symbol, std::span<const std::int64_t> ts,
                       std::span<const double> price, std::span<const std::int32_t> qty) {
    double pq = 0;
    double q = 0;
    for (std::size_t i = 0; i < ts.size(); ++i) {
        pq += price[i] * qty[i];
        q += qty[i];
    }
    std::size_t busiest = 0;
    for (std::size_t first = 0, last = 0; last < ts.size(); ++last) {
        while (ts[last] - ts[first] >= second)
            ++first;
        busiest = std::max(busiest, last - first + 1);
    }
    return {symbol, ts.size(), q > 0 ? pq / q : 0.0, busiest};
}

std::vector<GroupStats> soa_pipeline(buffers::SoaVector<Trade>& v) {
    // 2. Filter: drop the cancelled trades.
    buffers::erase_if(v, [](const auto& r) { return buffers::get<&Trade::qty>(r) == 0; });
    // 3. Sort by symbol, then time (a radix sort on a packed key, rows moved column by column).
    buffers::sort(v, buffers::by(&Trade::symbol_id, &Trade::ts_ns));
    // 4. Group: each symbol's rows are one block; find the blocks on the symbol column.
    const auto sym = buffers::column<&Trade::symbol_id>(std::as_const(v));
    const auto ts = buffers::column<&Trade::ts_ns>(std::as_const(v));
    const auto price = buffers::column<&Trade::price>(std::as_const(v));
    const auto qty = buffers::column<&Trade::qty>(std::as_const(v));
    std::vector<GroupStats> out;
    for (std::size_t first = 0; first < sym.size();) {
        const std::size_t last = static_cast<std::size_t>(
            std::ranges::upper_bound(sym.subspan(first), sym[first]) - sym.begin());
        const std::size_t n = last - first;
        out.push_back(group_stats(sym[first], ts.subspan(first, n), price.subspan(first, n),
                                  qty.subspan(first, n)));
        first = last;
    }
    return out;
}

// The same on a std::vector<Trade>, for the check.
std::vector<GroupStats> aos_pipeline(std::vector<Trade>& v) {
    std::erase_if(v, [](const Trade& t) { return t.qty == 0; });
    std::ranges::sort(v, std::less{}, [](const Trade& t) {
        return std::pair{t.symbol_id, t.ts_ns};
    });
    std::vector<GroupStats> out;
    for (std::size_t first = 0; first < v.size();) {
        std::size_t last = first;
        std::vector<std::int64_t> ts;
        std::vector<double> price;
        std::vector<std::int32_t> qty;
        for (; last < v.size() && v[last].symbol_id == v[first].symbol_id; ++last) {
            ts.push_back(v[last].ts_ns);
            price.push_back(v[last].price);
            qty.push_back(v[last].qty);
        }
        out.push_back(group_stats(v[first].symbol_id, ts, price, qty));
        first = last;
    }
    return out;
}

} // namespace

int main() {
    auto v = load(200'000);
    std::vector<Trade> aos(v.begin(), v.end());

    const auto soa = soa_pipeline(v);
    const auto expected = aos_pipeline(aos);

    bool ok = soa.size() == expected.size() && v.size() == aos.size();
    for (std::size_t i = 0; ok && i < soa.size(); ++i)
        ok = soa[i].symbol == expected[i].symbol && soa[i].trades == expected[i].trades &&
             std::abs(soa[i].vwap - expected[i].vwap) < 1e-9 &&
             soa[i].busiest_second == expected[i].busiest_second;
    // The sorted tables hold the same rows in the same order (both sorts by a unique key here
    // or by equal keys in either order; compare the keys).
    for (std::size_t i = 0; ok && i < aos.size(); ++i)
        ok = buffers::get<&Trade::symbol_id>(v[i]) == aos[i].symbol_id &&
             buffers::get<&Trade::ts_ns>(v[i]) == aos[i].ts_ns;

    // argsort and gather: the three most expensive trades of the first symbol, without
    // reordering the table.
    const auto first_block =
        std::ranges::subrange(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(soa[0].trades));
    const auto by_price =
        buffers::argsort(first_block, std::greater{}, buffers::field<&Trade::price>);
    const auto top = buffers::gather(first_block, std::span(by_price).first(3));
    ok = ok && top.size() == 3 &&
         buffers::get<&Trade::price>(top[0]) >= buffers::get<&Trade::price>(top[2]);

    std::printf("%zu trades kept in %zu symbols; symbol %u: %zu trades, VWAP %.4f, busiest "
                "second %zu trades, top price %.2f\n",
                v.size(), soa.size(), soa[0].symbol, soa[0].trades, soa[0].vwap,
                soa[0].busiest_second, buffers::get<&Trade::price>(top[0]));
    if (!ok) {
        std::puts("MISMATCH between the SoA and the AoS results");
        return 1;
    }
    return 0;
}
