#pragma once

// The benchmark binary's scaffolding. Every benchmarks/<name>_bench.cpp file describes its cases
// here: what is measured, at which two sizes, which variant is the baseline the ratios are taken
// against, and whether the case must run with each variant in a process of its own. main.cpp
// registers the variants with Google Benchmark once the mode (full or quick) is known, and
// `buffers_bench --buffers_describe` prints the descriptions as JSON for benchmarks/report.py.
//
//     BUFFERS_BENCH_CASES(my_cases) {
//         bench::Case c({.id = "my_case", .family = "vector", .title = "...", .what = "...",
//                        .baseline = "std_vector", .sizes = {1024, 1 << 20}, .quick = {16, 64}});
//         c.add("std_vector", "std::vector<int>", &my_body<std::vector<int>>);
//         c.add("buffers_Vector", "buffers::Vector<int>", &my_body<buffers::Vector<int>>);
//     }
//
// Benchmarks are named "<case>/<variant>/<size>"; the body reads the size from state.range(0).

#include <benchmark/benchmark.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace bench {

enum class Mode { full, quick };

// The mode given on the command line (--buffers_mode=quick|full).
Mode mode() noexcept;

enum class Run {
    // All such cases in one process, repetitions shuffled among each other (Google Benchmark's
    // random interleaving), so that a slow phase of the machine hits every variant alike.
    interleaved,
    // One process per (variant, size), rounds interleaved by report.py: for cases that allocate
    // much, since glibc malloc adapts its thresholds to whatever ran before in the process.
    per_process,
};

struct Sizes {
    std::int64_t small = 0;
    std::int64_t large = 0;
};

struct CaseSpec {
    std::string id;       // names the benchmarks: "<id>/<variant>/<size>"
    std::string family;   // cases of one family share a plot
    std::string title;    // one line
    std::string what;     // what exactly is timed, for the report
    std::string baseline; // the variant every ratio of this case is taken against
    Run run = Run::interleaved;
    Sizes sizes; // full mode
    Sizes quick; // quick mode (CI): tiny, only to keep the code running
    std::string size_unit = "elements";
    benchmark::TimeUnit unit = benchmark::kNanosecond;
    // Bytes each element moves, for a GB/s column (0: none).
    std::int64_t bytes_per_element = 0;
    // One iteration per process, timed on the wall clock: the first fill of a fresh process,
    // where first-touch page faults are paid (with Run::per_process).
    bool once = false;
};

enum class Which { both, small_only };

using Body = std::function<void(benchmark::State&)>;

class Case {
public:
    explicit Case(CaseSpec spec);
    // A variant: id is a C identifier (used in filters), label is what the report prints.
    Case& add(const std::string& id, const std::string& label, Body body,
              Which which = Which::both);
    // A fact printed under the case's table (object sizes, for instance).
    Case& fact(const std::string& label, const std::string& value);

private:
    std::size_t index_;
};

namespace detail {
struct Registrar {
    explicit Registrar(void (*fn)());
};
} // namespace detail

} // namespace bench

#define BUFFERS_BENCH_CASES(fn)                                                                    \
    static void fn();                                                                              \
    static const ::bench::detail::Registrar fn##_registrar{&fn};                                   \
    static void fn()
