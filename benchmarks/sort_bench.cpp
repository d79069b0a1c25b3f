// Sorting N particles by one field (x): SoaVector against AoS std::sort and a hand-written
// index sort of a one-block SoA.

#include "bench.hpp"
#include "particles.hpp"

#include <buffers/buffers.hpp>
#include <buffers/soa/sort.hpp>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <vector>

namespace {

using bench::Particle;
using SoaParticles = buffers::SoaVector<Particle>;

// Each iteration sorts the same unsorted data; restoring it is not timed.
template <class Restore, class Sort>
void run_sort(benchmark::State& state, Restore&& restore, Sort&& sort) {
    for (auto _ : state) {
        state.PauseTiming();
        restore();
        state.ResumeTiming();
        sort();
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

void sort_index_gather(benchmark::State& state) {
    const auto src = bench::random_particles(static_cast<std::size_t>(state.range(0)));
    bench::OneBlockParticles p(src);
    run_sort(
        state, [&] { p.assign(src); }, [&] { p.sort_by_x(); });
}

void sort_aos(benchmark::State& state) {
    const auto src = bench::random_particles(static_cast<std::size_t>(state.range(0)));
    bench::AosParticles p;
    run_sort(
        state, [&] { p.assign(src.begin(), src.end()); },
        [&] {
            std::sort(p.begin(), p.end(),
                      [](const Particle& a, const Particle& b) { return a.x < b.x; });
        });
}

// The key of a row or of a Particle (std::sort holds Particle temporaries too).
struct KeyX {
    template <class R>
    float operator()(const R& r) const {
        return buffers::get<0>(r);
    }
};

void sort_soa_ranges(benchmark::State& state) {
    const auto src = bench::random_particles(static_cast<std::size_t>(state.range(0)));
    SoaParticles v;
    run_sort(
        state, [&] { v.assign(src.begin(), src.end()); },
        [&] { std::ranges::sort(v, std::ranges::less{}, KeyX{}); });
}

void sort_soa_buffers(benchmark::State& state) {
    const auto src = bench::random_particles(static_cast<std::size_t>(state.range(0)));
    SoaParticles v;
    run_sort(
        state, [&] { v.assign(src.begin(), src.end()); },
        [&] { buffers::sort(v, std::ranges::less{}, KeyX{}); });
}

} // namespace

BUFFERS_BENCH_CASES(sort_cases) {
    bench::Case c({.id = "soa_sort",
                   .family = "soa_sort",
                   .title = "Sort N particles by one float field (x)",
                   .what = "unstable sort by x of N random particles; restoring the unsorted "
                           "data before each sort is not timed",
                   .baseline = "soa_index_gather",
                   .run = bench::Run::per_process,
                   .sizes = {1 << 10, 1 << 20},
                   .quick = {16, 1000},
                   .size_unit = "rows",
                   .unit = benchmark::kMicrosecond});
    c.add("soa_index_gather",
          "one-block SoA, hand-written: std::sort of an index by x, then a gather per column",
          &sort_index_gather);
    c.add("aos", "AoS std::vector<Particle>: std::sort by x", &sort_aos);
    c.add("buffers_sort", "buffers::SoaVector: buffers::sort (sorts keys, then moves rows once)",
          &sort_soa_buffers);
    c.add("buffers_ranges_sort", "buffers::SoaVector: std::ranges::sort through row proxies",
          &sort_soa_ranges);
}
