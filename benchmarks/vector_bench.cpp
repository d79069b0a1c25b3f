// Vector<T> against std::vector and boost::container::vector: push_back (fresh and with the
// capacity kept), and iteration.

#include "bench.hpp"

#include <buffers/buffers.hpp>

#include <boost/container/vector.hpp>
#if BUFFERS_BENCH_HAVE_LLVM
#include <llvm/ADT/SmallVector.h>
#endif

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace {

// A fresh vector per iteration: growth from nothing to n, then destruction.
template <class V>
void push_ints_fresh(benchmark::State& state) {
    const auto n = static_cast<int>(state.range(0));
    for (auto _ : state) {
        V v;
        for (int i = 0; i < n; ++i)
            v.push_back(i);
        benchmark::DoNotOptimize(v.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * n);
}

// One vector whose capacity is kept: clear, then n pushes that never grow. Only the push path.
template <class V>
void push_ints_warm(benchmark::State& state) {
    const auto n = static_cast<int>(state.range(0));
    V v;
    v.reserve(static_cast<std::size_t>(n));
    for (auto _ : state) {
        v.clear();
        for (int i = 0; i < n; ++i)
            v.push_back(i);
        benchmark::DoNotOptimize(v.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * n);
}

// Copies of short strings (all within libstdc++'s 15-character inline buffer), so the cost is
// the push path and the relocation on growth, not the string allocations.
std::vector<std::string> string_pool(std::size_t n) {
    std::vector<std::string> pool;
    pool.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        pool.push_back("s" + std::to_string(i * 2654435761u % 1000000007u));
    return pool;
}

template <class V>
void push_strings_fresh(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const std::vector<std::string> pool = string_pool(n);
    for (auto _ : state) {
        V v;
        for (std::size_t i = 0; i < n; ++i)
            v.push_back(pool[i]);
        benchmark::DoNotOptimize(v.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

template <class V>
V filled(std::size_t n) {
    V v;
    for (std::size_t i = 0; i < n; ++i)
        v.push_back(static_cast<int>(i * 7 % 1000));
    return v;
}

template <class V>
void sum_range_for(benchmark::State& state) {
    const V v = filled<V>(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        std::int64_t sum = 0;
        for (int x : v)
            sum += x;
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

template <class V>
void sum_indexed(benchmark::State& state) {
    const V v = filled<V>(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        std::int64_t sum = 0;
        for (std::size_t i = 0; i < v.size(); ++i)
            sum += v[i];
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

using BoostVector = boost::container::vector<int>;

} // namespace

BUFFERS_BENCH_CASES(vector_cases) {
    {
        bench::Case c({.id = "push_back_int",
                       .family = "push_back",
                       .title = "push_back of N ints into a fresh vector",
                       .what = "construct, push_back 0..N-1, destroy; default malloc",
                       .baseline = "std_vector",
                       .run = bench::Run::per_process,
                       .sizes = {1 << 10, 1 << 20},
                       .quick = {16, 1 << 10},
                       .size_unit = "ints",
                       .unit = benchmark::kMicrosecond});
        c.add("std_vector", "std::vector<int>", &push_ints_fresh<std::vector<int>>);
        c.add("buffers_Vector", "buffers::Vector<int> (DefaultBuffer)",
              &push_ints_fresh<buffers::Vector<int>>);
        c.add("boost_vector", "boost::container::vector<int>", &push_ints_fresh<BoostVector>);
#if BUFFERS_BENCH_HAVE_LLVM
        c.add("llvm_SmallVector", "llvm::SmallVector<int, 0>",
              &push_ints_fresh<llvm::SmallVector<int, 0>>);
#endif
    }
    {
        bench::Case c({.id = "push_back_int_warm",
                       .family = "push_back",
                       .title = "push_back of N ints, capacity kept",
                       .what = "clear(), then push_back 0..N-1 into capacity reserved once: "
                               "the push path alone, no allocation",
                       .baseline = "std_vector",
                       .sizes = {1 << 10, 1 << 20},
                       .quick = {16, 1 << 10},
                       .size_unit = "ints",
                       .unit = benchmark::kMicrosecond});
        c.add("std_vector", "std::vector<int>", &push_ints_warm<std::vector<int>>);
        c.add("buffers_Vector", "buffers::Vector<int> (DefaultBuffer)",
              &push_ints_warm<buffers::Vector<int>>);
        c.add("boost_vector", "boost::container::vector<int>", &push_ints_warm<BoostVector>);
#if BUFFERS_BENCH_HAVE_LLVM
        c.add("llvm_SmallVector", "llvm::SmallVector<int, 0>",
              &push_ints_warm<llvm::SmallVector<int, 0>>);
#endif
    }
    {
        bench::Case c({.id = "push_back_string",
                       .family = "push_back",
                       .title = "push_back of N short std::strings into a fresh vector",
                       .what = "construct, push_back copies of N strings of 2..11 characters "
                               "(no string allocates), destroy",
                       .baseline = "std_vector",
                       .run = bench::Run::per_process,
                       .sizes = {1 << 10, 1 << 20},
                       .quick = {16, 1 << 10},
                       .size_unit = "strings",
                       .unit = benchmark::kMicrosecond});
        c.add("std_vector", "std::vector<std::string>",
              &push_strings_fresh<std::vector<std::string>>);
        c.add("buffers_Vector", "buffers::Vector<std::string>",
              &push_strings_fresh<buffers::Vector<std::string>>);
        c.add("boost_vector", "boost::container::vector<std::string>",
              &push_strings_fresh<boost::container::vector<std::string>>);
    }
    {
        bench::Case c({.id = "iterate_range_for",
                       .family = "iterate",
                       .title = "Sum of N ints with a range-for loop",
                       .what = "for (int x : v) sum += x; (64-bit sum)",
                       .baseline = "std_vector",
                       .sizes = {1 << 10, 1 << 20},
                       .quick = {16, 1 << 10},
                       .size_unit = "ints",
                       .unit = benchmark::kMicrosecond});
        c.add("std_vector", "std::vector<int>", &sum_range_for<std::vector<int>>);
        c.add("buffers_Vector", "buffers::Vector<int>", &sum_range_for<buffers::Vector<int>>);
    }
    {
        bench::Case c({.id = "iterate_indexed",
                       .family = "iterate",
                       .title = "Sum of N ints with an indexed loop",
                       .what = "for (i < v.size()) sum += v[i]; (64-bit sum)",
                       .baseline = "std_vector",
                       .sizes = {1 << 10, 1 << 20},
                       .quick = {16, 1 << 10},
                       .size_unit = "ints",
                       .unit = benchmark::kMicrosecond});
        c.add("std_vector", "std::vector<int>", &sum_indexed<std::vector<int>>);
        c.add("buffers_Vector", "buffers::Vector<int>", &sum_indexed<buffers::Vector<int>>);
    }
}
