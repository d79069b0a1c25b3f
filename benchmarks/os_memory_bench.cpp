// Memory straight from the OS: PageBuffer and StableBuffer against std::vector, Vector<int>
// and llvm::SmallVector. The first fill of a fresh process (where first-touch page faults are
// paid), then reads over a large block (sequential and random).

#include "bench.hpp"
#include "particles.hpp"

#include <buffers/buffers.hpp>

#if BUFFERS_BENCH_HAVE_LLVM
#include <llvm/ADT/SmallVector.h>
#endif

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

namespace {

template <class T>
using PageVector = buffers::Vector<T, buffers::ExponentialGrowthBuffer<buffers::PageBuffer<T>>>;
template <class T>
using HeapPageVector = buffers::Vector<
    T, buffers::ExponentialGrowthBuffer<buffers::PageBuffer<T, buffers::page_buffer_huge>>>;
template <class T>
using StableVector = buffers::Vector<T, buffers::ExponentialGrowthBuffer<buffers::StableBuffer<T>>>;

// One fill of a fresh vector: push_back 0..N-1 (the case runs one iteration per process).
// Warm: one untimed fill first, as in a long-running process.
template <class V, bool Reserve = false, bool Warm = false>
void first_fill(benchmark::State& state) {
    const auto n = static_cast<int>(state.range(0));
    if constexpr (Warm) {
        V v;
        for (int i = 0; i < n; ++i)
            v.push_back(i);
        benchmark::DoNotOptimize(v.data());
    }
    for (auto _ : state) {
        V v;
        if constexpr (Reserve)
            v.reserve(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i)
            v.push_back(i);
        benchmark::DoNotOptimize(v.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * n);
}

// The floor: one mapping of whole huge pages, written by a plain loop (no vector at all).
void raw_huge_fill(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    for (auto _ : state) {
        auto b = buffers::PageSource<int>::allocate(n);
        for (std::size_t i = 0; i < n; ++i)
            b.ptr[i] = static_cast<int>(i);
        benchmark::DoNotOptimize(b.ptr);
        benchmark::ClobberMemory();
        buffers::PageSource<int>::deallocate(b);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

// The floor for a push_back loop over these pages: a minimal vector over PageSource that grows
// like ExponentialGrowthBuffer<PageBuffer<int>> (same blocks, same system calls, same faults),
// its end and capacity pointers kept in registers across the loop. What Vector adds on top is
// its push loop (the size kept in memory around the out-of-line growth call).
void pointer_push_fill(benchmark::State& state) {
    using Source = buffers::PageSource<int>;
    const auto n = static_cast<int>(state.range(0));
    for (auto _ : state) {
        buffers::Block<int*> b{};
        int* end = nullptr;
        int* cap = nullptr;
        for (int i = 0; i < n; ++i) {
            if (end == cap) [[unlikely]] {
                const auto size = static_cast<std::size_t>(end - b.ptr);
                const std::size_t want = size == 0 ? 1 : 2 * size;
                if (b.ptr == nullptr ||
                    Source::resize(b, want, buffers::Live(size)) != buffers::Status::ok) {
                    const auto fresh = Source::allocate(want);
                    if (size != 0)
                        std::memcpy(fresh.ptr, b.ptr, size * sizeof(int));
                    Source::deallocate(b);
                    b = fresh;
                }
                end = b.ptr + size;
                cap = b.ptr + b.cap;
            }
            *end++ = i;
        }
        benchmark::DoNotOptimize(b.ptr);
        benchmark::ClobberMemory();
        Source::deallocate(b);
    }
    state.SetItemsProcessed(state.iterations() * n);
}

// SoA push_back of n particles. Warm: one untimed fill first, so that the allocator (glibc's
// thresholds, its free lists) is in the state of a long-running process; cold: the first fill of
// a fresh process (with CaseSpec::once).
template <class C, bool Warm>
void soa_fill(benchmark::State& state) {
    const auto src = bench::random_particles(static_cast<std::size_t>(state.range(0)));
    auto fill = [&] {
        C c;
        for (const bench::Particle& p : src)
            c.push_back(p);
        benchmark::DoNotOptimize(c);
        benchmark::ClobberMemory();
    };
    if constexpr (Warm)
        fill();
    for (auto _ : state)
        fill();
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

template <bool Warm>
void add_soa_variants(bench::Case& c) {
    c.add("soa_parallel", "8 parallel std::vectors", &soa_fill<bench::ParallelParticles, Warm>);
    c.add("buffers_SoaVector", "buffers::SoaVector<Particle>",
          &soa_fill<buffers::SoaVector<bench::Particle>, Warm>);
    c.add("page_soa", "PageSoaVector<Particle> (a mapping per column)",
          &soa_fill<buffers::PageSoaVector<bench::Particle>, Warm>);
    c.add("heap_page_soa", "SoA, a block per column: heap under 2 MiB, then pages",
          &soa_fill<buffers::Vector<bench::Particle,
                                    buffers::ExponentialGrowthBuffer<buffers::SoaBuffer<
                                        bench::Particle, buffers::SoaHeapThenPageColumns<>>>>,
                    Warm>);
    c.add("stable_soa", "StableSoaVector<Particle> (a reservation per column)",
          &soa_fill<buffers::StableSoaVector<bench::Particle>, Warm>);
}

// A vector of n ints built once per process and variant, kept for the read cases.
template <class V>
const V& filled(std::size_t n) {
    static std::unique_ptr<V> v;
    if (!v || v->size() != n) {
        v.reset();
        v = std::make_unique<V>();
        for (std::size_t i = 0; i < n; ++i)
            v->push_back(static_cast<int>(i * 2654435761u));
    }
    return *v;
}

template <class V>
void scan(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const V& v = filled<V>(n);
    for (auto _ : state) {
        std::uint64_t sum = 0;
        const int* p = v.data();
        for (std::size_t i = 0; i < n; ++i)
            sum += static_cast<std::uint32_t>(p[i]);
        benchmark::DoNotOptimize(sum);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(n * sizeof(int)));
}

// 1Mi dependent-free reads at pseudo-random indices (a xorshift sequence).
template <class V>
void random_reads(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const V& v = filled<V>(n);
    constexpr int reads = 1 << 20;
    for (auto _ : state) {
        std::uint64_t x = 88172645463325252ull, sum = 0;
        const int* p = v.data();
        for (int r = 0; r < reads; ++r) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            sum += static_cast<std::uint32_t>(p[x % n]);
        }
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(state.iterations() * reads);
}

} // namespace

BUFFERS_BENCH_CASES(os_memory_cases) {
    {
        bench::Case c({.id = "first_fill_int",
                       .family = "os_memory",
                       .title = "push_back of N ints into a fresh vector, first fill of a process",
                       .what = "construct, push_back 0..N-1, destroy: one iteration in a fresh "
                               "process, wall time (first-touch page faults included)",
                       .baseline = "std_vector",
                       .run = bench::Run::per_process,
                       .sizes = {1 << 20, 1 << 24},
                       .quick = {1 << 10, 1 << 12},
                       .size_unit = "ints",
                       .unit = benchmark::kMicrosecond,
                       .once = true});
        c.add("std_vector", "std::vector<int>", &first_fill<std::vector<int>>);
        c.add("std_vector_reserve", "std::vector<int>, reserve(N) first",
              &first_fill<std::vector<int>, true>);
        c.add("buffers_Vector", "buffers::Vector<int> (DefaultBuffer)",
              &first_fill<buffers::Vector<int>>);
        c.add("page_vector", "Vector<int, ExponentialGrowthBuffer<PageBuffer<int>>>",
              &first_fill<PageVector<int>>);
        c.add("stable_vector", "Vector<int, ExponentialGrowthBuffer<StableBuffer<int>>>",
              &first_fill<StableVector<int>>);
        c.add("heap_page_vector", "the same, PageBuffer<int, page_buffer_huge> (heap first)",
              &first_fill<HeapPageVector<int>>);
        c.add("page_vector_reserve", "the PageBuffer vector, reserve(N) first",
              &first_fill<PageVector<int>, true>);
        c.add("raw_huge_loop", "plain loop over a reserved huge-page block (the floor)",
              &raw_huge_fill);
        c.add("pointer_push", "minimal push loop over PageSource (pointers in registers)",
              &pointer_push_fill);
#if BUFFERS_BENCH_HAVE_LLVM
        c.add("llvm_SmallVector", "llvm::SmallVector<int, 0>",
              &first_fill<llvm::SmallVector<int, 0>>);
#endif
    }
    {
        bench::Case c({.id = "fill_warm_int",
                       .family = "os_memory",
                       .title = "push_back of N ints into a fresh vector, warm process",
                       .what = "construct, push_back 0..N-1, destroy; after one untimed fill in "
                               "the same process (the allocator keeps memory, pages do not)",
                       .baseline = "std_vector",
                       .run = bench::Run::per_process,
                       .sizes = {1 << 20, 1 << 24},
                       .quick = {1 << 10, 1 << 12},
                       .size_unit = "ints",
                       .unit = benchmark::kMicrosecond});
        c.add("std_vector", "std::vector<int>", &first_fill<std::vector<int>, false, true>);
        c.add("buffers_Vector", "buffers::Vector<int> (DefaultBuffer)",
              &first_fill<buffers::Vector<int>, false, true>);
        c.add("page_vector", "Vector<int, ExponentialGrowthBuffer<PageBuffer<int>>>",
              &first_fill<PageVector<int>, false, true>);
        c.add("heap_page_vector", "the same, PageBuffer<int, page_buffer_huge> (heap first)",
              &first_fill<HeapPageVector<int>, false, true>);
        c.add("stable_vector", "Vector<int, ExponentialGrowthBuffer<StableBuffer<int>>>",
              &first_fill<StableVector<int>, false, true>);
    }
    {
        bench::Case c({.id = "soa_fill_warm",
                       .family = "os_memory_soa",
                       .title = "SoA push_back of N particles (8 fields), warm process",
                       .what = "construct, push_back N particles, destroy; after one untimed "
                               "fill in the same process",
                       .baseline = "soa_parallel",
                       .run = bench::Run::per_process,
                       .sizes = {1 << 16, 1 << 20},
                       .quick = {16, 1000},
                       .size_unit = "rows",
                       .unit = benchmark::kMicrosecond});
        add_soa_variants<true>(c);
    }
    {
        bench::Case c({.id = "soa_fill_cold",
                       .family = "os_memory_soa",
                       .title = "SoA push_back of N particles (8 fields), first fill of a process",
                       .what = "construct, push_back N particles, destroy: one iteration in a "
                               "fresh process, wall time",
                       .baseline = "soa_parallel",
                       .run = bench::Run::per_process,
                       .sizes = {1 << 16, 1 << 20},
                       .quick = {16, 1000},
                       .size_unit = "rows",
                       .unit = benchmark::kMicrosecond,
                       .once = true});
        add_soa_variants<false>(c);
    }
    {
        bench::Case c({.id = "large_scan",
                       .family = "os_memory",
                       .title = "sum of N ints, sequential",
                       .what = "one pass over a vector filled once (64 MiB and 256 MiB)",
                       .baseline = "std_vector",
                       .sizes = {1 << 24, 1 << 26},
                       .quick = {1 << 10, 1 << 12},
                       .size_unit = "ints",
                       .unit = benchmark::kMicrosecond,
                       .bytes_per_element = sizeof(int)});
        c.add("std_vector", "std::vector<int>", &scan<std::vector<int>>);
        c.add("page_vector", "Vector<int, ExponentialGrowthBuffer<PageBuffer<int>>>",
              &scan<PageVector<int>>);
    }
    {
        bench::Case c({.id = "large_random_reads",
                       .family = "os_memory",
                       .title = "1Mi reads at random indices of N ints",
                       .what = "xorshift indices into a vector filled once (64 MiB and 256 MiB)",
                       .baseline = "std_vector",
                       .sizes = {1 << 24, 1 << 26},
                       .quick = {1 << 10, 1 << 12},
                       .size_unit = "ints",
                       .unit = benchmark::kMicrosecond});
        c.add("std_vector", "std::vector<int>", &random_reads<std::vector<int>>);
        c.add("page_vector", "Vector<int, ExponentialGrowthBuffer<PageBuffer<int>>>",
              &random_reads<PageVector<int>>);
    }
}
