// Small and fixed-capacity vectors: SvoBuffer and InlineBuffer against boost::container's
// small_vector and static_vector, absl::InlinedVector and llvm::SmallVector.

#include "bench.hpp"

#include <buffers/buffers.hpp>

#include <boost/container/small_vector.hpp>
#include <boost/container/static_vector.hpp>
#if BUFFERS_BENCH_HAVE_ABSL
#include <absl/container/inlined_vector.h>
#endif
#if BUFFERS_BENCH_HAVE_LLVM
#include <llvm/ADT/SmallVector.h>
#endif

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace {

// Build, push n values, read them back, destroy. The vector escapes before it is read (as it
// would when handed to other code), so the compiler cannot fold the loop into arithmetic.
template <class V>
void churn(benchmark::State& state) {
    const auto n = static_cast<int>(state.range(0));
    int base = 1;
    for (auto _ : state) {
        benchmark::DoNotOptimize(base);
        V v;
        for (int i = 0; i < n; ++i)
            v.push_back(base + i);
        benchmark::DoNotOptimize(v);
        int sum = 0;
        for (int x : v)
            sum += x;
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(state.iterations() * n);
}

// Fill a fixed-capacity vector to its capacity N, read it, destroy it.
template <template <std::size_t> class V, std::size_t Small, std::size_t Large>
void fill_fixed(benchmark::State& state) {
    auto run = [&]<std::size_t N>() {
        int base = 1;
        for (auto _ : state) {
            benchmark::DoNotOptimize(base);
            V<N> v;
            for (std::size_t i = 0; i < N; ++i)
                v.push_back(base + static_cast<int>(i));
            benchmark::DoNotOptimize(v);
            int sum = 0;
            for (int x : v)
                sum += x;
            benchmark::DoNotOptimize(sum);
        }
        state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(N));
    };
    if (state.range(0) == static_cast<std::int64_t>(Small))
        run.template operator()<Small>();
    else if (state.range(0) == static_cast<std::int64_t>(Large))
        run.template operator()<Large>();
    else
        state.SkipWithError("fill_fixed: size without an instantiation");
}

template <class T>
using Svo16 = buffers::Vector<T, buffers::SvoBuffer<buffers::HeapBuffer<T>, 16>>;
template <class T>
using Svo16Exp = buffers::Vector<
    T, buffers::ExponentialGrowthBuffer<buffers::SvoBuffer<buffers::HeapBuffer<T>, 16>>>;

template <std::size_t N>
using InlineVec = buffers::Vector<int, buffers::InlineBuffer<int, N>>;
template <std::size_t N>
using StaticVec = boost::container::static_vector<int, N>;

template <class V>
std::string size_of() {
    return std::to_string(sizeof(V)) + " bytes";
}

} // namespace

BUFFERS_BENCH_CASES(small_vector_cases) {
    {
        bench::Case c({.id = "small_vector_churn",
                       .family = "small_vector",
                       .title = "Small-vector churn: construct, push N ints, sum, destroy",
                       .what = "in a loop: a fresh vector, N push_backs, a read of every "
                               "value, destruction. N = 8 fits the 16 inline slots; N = 64 "
                               "spills to the heap",
                       .baseline = "std_vector",
                       .run = bench::Run::per_process,
                       .sizes = {8, 64},
                       .quick = {8, 64},
                       .size_unit = "ints",
                       .unit = benchmark::kNanosecond});
        c.add("std_vector", "std::vector<int>", &churn<std::vector<int>>);
        c.add("buffers_Svo16", "Vector<int, SvoBuffer<HeapBuffer<int>, 16>>", &churn<Svo16<int>>);
        c.add("buffers_Svo16_exp",
              "Vector<int, ExponentialGrowthBuffer<SvoBuffer<HeapBuffer<int>, 16>>>",
              &churn<Svo16Exp<int>>);
        c.add("boost_small_vector", "boost::container::small_vector<int, 16>",
              &churn<boost::container::small_vector<int, 16>>);
#if BUFFERS_BENCH_HAVE_ABSL
        c.add("absl_InlinedVector", "absl::InlinedVector<int, 16>",
              &churn<absl::InlinedVector<int, 16>>);
#endif
#if BUFFERS_BENCH_HAVE_LLVM
        c.add("llvm_SmallVector", "llvm::SmallVector<int, 16>", &churn<llvm::SmallVector<int, 16>>);
#endif
        c.add("buffers_Inline16", "Vector<int, InlineBuffer<int, 16>>", &churn<InlineVec<16>>,
              bench::Which::small_only);
        c.add("boost_static_vector", "boost::container::static_vector<int, 16>",
              &churn<StaticVec<16>>, bench::Which::small_only);

        c.fact("sizeof std::vector<int>", size_of<std::vector<int>>());
        c.fact("sizeof Vector<int, SvoBuffer<HeapBuffer<int>, 16>>", size_of<Svo16<int>>());
        c.fact("sizeof Vector<int, ExponentialGrowthBuffer<SvoBuffer<HeapBuffer<int>, 16>>>",
               size_of<Svo16Exp<int>>());
        c.fact("sizeof boost::container::small_vector<int, 16>",
               size_of<boost::container::small_vector<int, 16>>());
#if BUFFERS_BENCH_HAVE_ABSL
        c.fact("sizeof absl::InlinedVector<int, 16>", size_of<absl::InlinedVector<int, 16>>());
#endif
#if BUFFERS_BENCH_HAVE_LLVM
        c.fact("sizeof llvm::SmallVector<int, 16>", size_of<llvm::SmallVector<int, 16>>());
#endif
        c.fact("sizeof Vector<int, InlineBuffer<int, 16>>", size_of<InlineVec<16>>());
        c.fact("sizeof boost::container::static_vector<int, 16>", size_of<StaticVec<16>>());
    }
    {
        bench::Case c({.id = "fixed_capacity",
                       .family = "small_vector",
                       .title = "Fixed capacity: fill to capacity N, sum, destroy",
                       .what = "a fresh fixed-capacity vector of capacity N, N push_backs, a "
                               "read of every value, destruction; no heap",
                       .baseline = "boost_static_vector",
                       .sizes = {16, 1024},
                       .quick = {16, 1024},
                       .size_unit = "ints",
                       .unit = benchmark::kNanosecond});
        c.add("boost_static_vector", "boost::container::static_vector<int, N>",
              &fill_fixed<StaticVec, 16, 1024>);
        c.add("buffers_Inline", "Vector<int, InlineBuffer<int, N>>",
              &fill_fixed<InlineVec, 16, 1024>);
    }
}
