// Data work on a table of trades: SoaVector<Trade> against std::vector<Trade>. Sorting by two
// keys (symbol, timestamp), erasing half the rows by a predicate, and a VWAP per symbol.

#include "bench.hpp"

#include <buffers/soa/soa_deque.hpp>
#include <buffers/soa/soa_vector.hpp>
#include <buffers/soa/sort.hpp>

#include <algorithm>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <random>
#include <span>
#include <utility>
#include <vector>

namespace {

struct Trade {
    std::int64_t ts_ns;
    std::uint32_t symbol_id;
    double price;
    std::int32_t qty;
    char side;
};

constexpr std::uint32_t symbols = 500;

// Random trades of one trading day (6.5 hours, nanosecond timestamps) over 500 symbols, in no
// particular order.
std::vector<Trade> make_trades(std::size_t n) {
    std::mt19937_64 rng(42);
    std::uniform_int_distribution<std::int64_t> ts(0, std::int64_t{23'400} * 1'000'000'000);
    std::vector<Trade> out(n);
    for (Trade& t : out) {
        t.ts_ns = 1'764'547'200'000'000'000 + ts(rng);
        t.symbol_id = static_cast<std::uint32_t>(rng() % symbols);
        t.price = 10.0 + static_cast<double>(rng() % 100'000) / 100.0;
        t.qty = static_cast<std::int32_t>(1 + rng() % 1000);
        t.side = (rng() & 1) != 0 ? 'B' : 'S';
    }
    return out;
}

using SoaTrades = buffers::SoaVector<Trade>;

SoaTrades to_soa(const std::vector<Trade>& rows) {
    SoaTrades v;
    v.reserve(rows.size());
    for (const Trade& t : rows)
        v.push_back(t);
    return v;
}

// Each iteration works on a fresh copy of the same table; making the copy is not timed.
template <class Restore, class Work>
void run_restored(benchmark::State& state, Restore&& restore, Work&& work) {
    for (auto _ : state) {
        state.PauseTiming();
        restore();
        state.ResumeTiming();
        work();
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

// --- sort by (symbol_id, ts_ns) ---------------------------------------------------------------

void sort_aos(benchmark::State& state) {
    const auto src = make_trades(static_cast<std::size_t>(state.range(0)));
    auto v = src;
    run_restored(
        state, [&] { v = src; },
        [&] {
            std::ranges::sort(v, std::less{}, [](const Trade& t) {
                return std::pair{t.symbol_id, t.ts_ns};
            });
        });
}

void sort_soa_by(benchmark::State& state) {
    const auto src = to_soa(make_trades(static_cast<std::size_t>(state.range(0))));
    auto v = src;
    run_restored(
        state, [&] { v = src; },
        [&] { buffers::sort(v, buffers::by(&Trade::symbol_id, &Trade::ts_ns)); });
}

// The key as an aggregate with a defaulted <=>: the same radix path as by(...).
struct SymTs {
    std::uint32_t sym;
    std::int64_t ts;
    auto operator<=>(const SymTs&) const = default;
};
void sort_soa_aggregate(benchmark::State& state) {
    const auto src = to_soa(make_trades(static_cast<std::size_t>(state.range(0))));
    auto v = src;
    run_restored(
        state, [&] { v = src; },
        [&] {
            buffers::sort(v, std::less{}, [](const auto& r) {
                return SymTs{buffers::get<&Trade::symbol_id>(r), buffers::get<&Trade::ts_ns>(r)};
            });
        });
}

void sort_soa_ranges(benchmark::State& state) {
    const auto src = to_soa(make_trades(static_cast<std::size_t>(state.range(0))));
    auto v = src;
    run_restored(
        state, [&] { v = src; },
        [&] { std::ranges::sort(v, std::less{}, buffers::by(&Trade::symbol_id, &Trade::ts_ns)); });
}

// --- erase_if: drop the sells (about half the rows) -------------------------------------------

void erase_aos(benchmark::State& state) {
    const auto src = make_trades(static_cast<std::size_t>(state.range(0)));
    auto v = src;
    run_restored(
        state, [&] { v = src; },
        [&] { std::erase_if(v, [](const Trade& t) { return t.side == 'S'; }); });
}

void erase_soa(benchmark::State& state) {
    const auto src = to_soa(make_trades(static_cast<std::size_t>(state.range(0))));
    auto v = src;
    run_restored(
        state, [&] { v = src; },
        [&] {
            buffers::erase_if(v,
                              [](const auto& r) { return buffers::get<&Trade::side>(r) == 'S'; });
        });
}

void erase_soa_deque(benchmark::State& state) {
    const auto rows = make_trades(static_cast<std::size_t>(state.range(0)));
    // A ring that wraps: half pushed at the front.
    buffers::SoaDeque<Trade> src;
    for (std::size_t i = rows.size() / 2; i < rows.size(); ++i)
        src.push_back(rows[i]);
    for (std::size_t i = rows.size() / 2; i-- > 0;)
        src.push_front(rows[i]);
    auto d = src;
    run_restored(
        state, [&] { d = src; },
        [&] {
            buffers::erase_if(d,
                              [](const auto& r) { return buffers::get<&Trade::side>(r) == 'S'; });
        });
}

// --- VWAP per symbol: sum(price * qty) / sum(qty) ---------------------------------------------

void vwap_aos(benchmark::State& state) {
    const auto v = make_trades(static_cast<std::size_t>(state.range(0)));
    std::vector<double> pq(symbols);
    std::vector<double> q(symbols);
    for (auto _ : state) {
        std::ranges::fill(pq, 0.0);
        std::ranges::fill(q, 0.0);
        for (const Trade& t : v) {
            pq[t.symbol_id] += t.price * t.qty;
            q[t.symbol_id] += t.qty;
        }
        for (std::size_t s = 0; s < symbols; ++s)
            pq[s] = q[s] > 0 ? pq[s] / q[s] : 0.0;
        benchmark::DoNotOptimize(pq.data());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

void vwap_soa(benchmark::State& state) {
    const auto v = to_soa(make_trades(static_cast<std::size_t>(state.range(0))));
    std::vector<double> pq(symbols);
    std::vector<double> q(symbols);
    for (auto _ : state) {
        std::ranges::fill(pq, 0.0);
        std::ranges::fill(q, 0.0);
        const auto sym = buffers::column<&Trade::symbol_id>(v);
        const auto price = buffers::column<&Trade::price>(v);
        const auto qty = buffers::column<&Trade::qty>(v);
        for (std::size_t i = 0; i < sym.size(); ++i) {
            pq[sym[i]] += price[i] * qty[i];
            q[sym[i]] += qty[i];
        }
        for (std::size_t s = 0; s < symbols; ++s)
            pq[s] = q[s] > 0 ? pq[s] / q[s] : 0.0;
        benchmark::DoNotOptimize(pq.data());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

} // namespace

BUFFERS_BENCH_CASES(data_cases) {
    {
        bench::Case c({.id = "trades_sort",
                       .family = "trades",
                       .title = "Sort N trades by (symbol_id, ts_ns)",
                       .what = "unstable sort of N random trades of one day over 500 symbols "
                               "by the pair (symbol, timestamp); restoring the unsorted table "
                               "is not timed",
                       .baseline = "aos",
                       .sizes = {1 << 12, 1 << 21},
                       .quick = {16, 1000},
                       .size_unit = "rows",
                       .unit = benchmark::kMillisecond});
        c.add("aos", "std::vector<Trade>: std::ranges::sort by a std::pair key", &sort_aos);
        c.add("buffers_sort_by", "SoaVector<Trade>: buffers::sort(v, by(&symbol_id, &ts_ns))",
              &sort_soa_by);
        c.add("buffers_sort_aggregate",
              "SoaVector<Trade>: buffers::sort by a struct key with a defaulted <=>",
              &sort_soa_aggregate);
        c.add("soa_ranges_sort", "SoaVector<Trade>: std::ranges::sort through row proxies",
              &sort_soa_ranges);
    }
    {
        bench::Case c({.id = "trades_erase_if",
                       .family = "trades",
                       .title = "erase_if the sells (about half of N trades)",
                       .what = "erase_if side == 'S' over N random trades; restoring the table "
                               "is not timed",
                       .baseline = "aos",
                       .sizes = {1 << 12, 1 << 21},
                       .quick = {16, 1000},
                       .size_unit = "rows",
                       .unit = benchmark::kMillisecond});
        c.add("aos", "std::vector<Trade>: std::erase_if", &erase_aos);
        c.add("buffers_erase_if", "SoaVector<Trade>: buffers::erase_if", &erase_soa);
        c.add("buffers_erase_if_deque", "SoaDeque<Trade> (wrapped ring): buffers::erase_if",
              &erase_soa_deque);
    }
    {
        bench::Case c({.id = "trades_vwap",
                       .family = "trades",
                       .title = "VWAP per symbol over N trades",
                       .what = "sum(price*qty)/sum(qty) per symbol (500 symbols) in one pass",
                       .baseline = "aos",
                       .sizes = {1 << 12, 1 << 21},
                       .quick = {16, 1000},
                       .size_unit = "rows",
                       .unit = benchmark::kMillisecond});
        c.add("aos", "std::vector<Trade>: one loop over the structs", &vwap_aos);
        c.add("soa_columns", "SoaVector<Trade>: one loop over three columns", &vwap_soa);
    }
}
