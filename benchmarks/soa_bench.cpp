// Struct-of-arrays: SoaVector<Particle> against the hand-written stand-ins of particles.hpp.
// The update, the column scan and push_back.

#include "bench.hpp"
#include "particles.hpp"

#include <buffers/buffers.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <vector>

namespace {

using bench::Particle;
using SoaParticles = buffers::SoaVector<Particle>;
constexpr float dt = 0.01f;

// --- the update: x += vx * dt, y += vy * dt over every row ------------------------------------

// One kernel for every column layout: Col is float* or std::span<float>.
template <class Col>
void update_xy(Col x, Col y, Col vx, Col vy, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        x[i] += vx[i] * dt;
        y[i] += vy[i] * dt;
    }
}

template <class Setup>
void run_update(benchmark::State& state, Setup&& step) {
    for (auto _ : state) {
        step();
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
    state.SetBytesProcessed(state.iterations() * state.range(0) * 24);
}

// The inputs are built once per size and kept for the process: a large one takes seconds to
// build on a machine where page faults are slow, and every repetition would build it again.
// The update keeps changing the same data, alike for every variant.
template <class Make>
auto& fixture(std::int64_t n, Make make) {
    using P = decltype(make(std::size_t{}));
    static std::map<std::int64_t, P> cache;
    P& slot = cache[n];
    if (!slot)
        slot = make(static_cast<std::size_t>(n));
    return *slot;
}

struct PlainArrays {
    explicit PlainArrays(std::size_t n)
        : x(new float[n]), y(new float[n]), vx(new float[n]), vy(new float[n]) {}
    std::unique_ptr<float[]> x, y, vx, vy;
};

void update_one_block(benchmark::State& state) {
    auto& p = fixture(state.range(0), [](std::size_t n) {
        return std::make_unique<bench::OneBlockParticles>(bench::random_particles(n));
    });
    run_update(state, [&] { update_xy(p.x(), p.y(), p.vx(), p.vy(), p.size()); });
}

std::unique_ptr<SoaParticles> soa_particles(std::size_t n) {
    const auto src = bench::random_particles(n);
    return std::make_unique<SoaParticles>(src.begin(), src.end());
}

void update_soa_vector(benchmark::State& state) {
    auto& v = fixture(state.range(0), [](std::size_t n) { return soa_particles(n); });
    run_update(state, [&] {
        update_xy(buffers::column<0>(v), buffers::column<1>(v), buffers::column<3>(v),
                  buffers::column<4>(v), v.size());
    });
}

void update_soa_vector_rows(benchmark::State& state) {
    auto& v = fixture(state.range(0), [](std::size_t n) { return soa_particles(n); });
    run_update(state, [&] {
        for (auto row : v) {
            buffers::get<0>(row) += buffers::get<3>(row) * dt;
            buffers::get<1>(row) += buffers::get<4>(row) * dt;
        }
    });
}

void update_parallel(benchmark::State& state) {
    auto& p = fixture(state.range(0), [](std::size_t n) {
        auto out = std::make_unique<bench::ParallelParticles>();
        for (const Particle& q : bench::random_particles(n))
            out->push_back(q);
        return out;
    });
    run_update(state,
               [&] { update_xy(p.x.data(), p.y.data(), p.vx.data(), p.vy.data(), p.size()); });
}

void update_aosoa(benchmark::State& state) {
    auto& p = fixture(state.range(0), [](std::size_t n) {
        return std::make_unique<bench::Aosoa8Particles>(bench::random_particles(n));
    });
    run_update(state, [&] {
        const std::size_t full = p.n / p.lanes;
        for (std::size_t b = 0; b < full; ++b) {
            auto& blk = p.blocks[b];
            for (std::size_t l = 0; l < p.lanes; ++l) {
                blk.x[l] += blk.vx[l] * dt;
                blk.y[l] += blk.vy[l] * dt;
            }
        }
        for (std::size_t i = full * p.lanes; i < p.n; ++i) {
            auto& blk = p.blocks[i / p.lanes];
            blk.x[i % p.lanes] += blk.vx[i % p.lanes] * dt;
            blk.y[i % p.lanes] += blk.vy[i % p.lanes] * dt;
        }
    });
}

void update_aos(benchmark::State& state) {
    auto& p = fixture(state.range(0), [](std::size_t n) {
        return std::make_unique<bench::AosParticles>(bench::random_particles(n));
    });
    run_update(state, [&] {
        for (Particle& q : p) {
            q.x += q.vx * dt;
            q.y += q.vy * dt;
        }
    });
}

// Four separately allocated float arrays: the memory-bandwidth reference.
void update_plain_arrays(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    auto& a = fixture(state.range(0), [](std::size_t m) {
        const auto src = bench::random_particles(m);
        auto out = std::make_unique<PlainArrays>(m);
        for (std::size_t i = 0; i < m; ++i) {
            out->x[i] = src[i].x;
            out->y[i] = src[i].y;
            out->vx[i] = src[i].vx;
            out->vy[i] = src[i].vy;
        }
        return out;
    });
    run_update(state, [&] { update_xy(a.x.get(), a.y.get(), a.vx.get(), a.vy.get(), n); });
}

// --- the column scan: the sum of one float column -----------------------------------------------

// 16 running sums, so that the additions do not wait on each other and the loop can stream at
// memory speed (one running sum would be bound by the latency of a float addition). Col is
// const float* or std::span<const float>; the kernel is the same for both.
template <class Col>
float sum_column(Col x, std::size_t n) {
    constexpr std::size_t lanes = 16;
    float acc[lanes] = {};
    std::size_t i = 0;
    for (; i + lanes <= n; i += lanes)
        for (std::size_t l = 0; l < lanes; ++l)
            acc[l] += x[i + l];
    for (; i < n; ++i)
        acc[0] += x[i];
    float sum = 0.0f;
    for (float a : acc)
        sum += a;
    return sum;
}

template <class Scan>
void run_scan(benchmark::State& state, Scan&& scan) {
    for (auto _ : state) {
        float s = scan();
        benchmark::DoNotOptimize(s);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
    state.SetBytesProcessed(state.iterations() * state.range(0) * 4);
}

float scan_value(std::size_t i) {
    return static_cast<float>(i % 1000) * 0.001f;
}

void scan_plain_array(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    auto& x = fixture(state.range(0), [](std::size_t m) {
        auto out = std::make_unique<std::unique_ptr<float[]>>(new float[m]);
        for (std::size_t i = 0; i < m; ++i)
            (*out)[i] = scan_value(i);
        return out;
    });
    const float* p = x.get();
    run_scan(state, [&] { return sum_column(p, n); });
}

void scan_soa_vector(benchmark::State& state) {
    const auto& v = fixture(state.range(0), [](std::size_t m) {
        auto out = std::make_unique<SoaParticles>();
        out->reserve(m);
        for (std::size_t i = 0; i < m; ++i)
            out->push_back(Particle{scan_value(i), 0, 0, 0, 0, 0, 0, 0});
        return out;
    });
    const SoaParticles& cv = v;
    run_scan(state, [&] { return sum_column(buffers::column<0>(cv), cv.size()); });
}

void scan_one_block(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    auto& p = fixture(state.range(0), [](std::size_t m) {
        std::vector<Particle> src(m);
        for (std::size_t i = 0; i < m; ++i)
            src[i].x = scan_value(i);
        return std::make_unique<bench::OneBlockParticles>(src);
    });
    const float* x = p.x();
    run_scan(state, [&] { return sum_column(x, n); });
}

// AoS: the same sum reads every eighth float; the whole 32-byte row comes along.
void scan_aos(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    auto& p = fixture(state.range(0), [](std::size_t m) {
        auto out = std::make_unique<std::vector<Particle>>(m);
        for (std::size_t i = 0; i < m; ++i)
            (*out)[i].x = scan_value(i);
        return out;
    });
    struct XOf {
        const Particle* p;
        float operator[](std::size_t i) const { return p[i].x; }
    };
    run_scan(state, [&] { return sum_column(XOf{p.data()}, n); });
}

// --- push_back of N particles into a fresh container ---------------------------------------------

template <class C>
void push_particles(benchmark::State& state) {
    const auto src = bench::random_particles(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        C c;
        for (const Particle& p : src)
            c.push_back(p);
        benchmark::DoNotOptimize(c);
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

} // namespace

BUFFERS_BENCH_CASES(soa_cases) {
    {
        bench::Case c({.id = "soa_update",
                       .family = "soa_update",
                       .title = "SoA update: x += vx*dt, y += vy*dt over N particles",
                       .what = "one pass over N 32-byte particles (7 floats + int id) that "
                               "reads 4 fields and writes 2; GB/s counts the 24 bytes read "
                               "and written per row",
                       .baseline = "soa_one_block",
                       .sizes = {1 << 12, 1 << 22},
                       .quick = {64, 1000},
                       .size_unit = "rows",
                       .unit = benchmark::kMicrosecond,
                       .bytes_per_element = 24});
        c.add("soa_one_block", "one-block SoA, hand-written (soagen/EASTL design)",
              &update_one_block);
        c.add("buffers_SoaVector", "buffers::SoaVector, loop over column<I>(v) spans",
              &update_soa_vector);
        c.add("buffers_SoaVector_rows", "buffers::SoaVector, loop over row proxies (get<I>(row))",
              &update_soa_vector_rows);
        c.add("soa_parallel", "parallel std::vectors (soa-derive design)", &update_parallel);
        c.add("aosoa8", "AoSoA, 8-wide blocks (LLAMA/SDLT design)", &update_aosoa);
        c.add("aos", "AoS std::vector<Particle>", &update_aos);
        c.add("plain_arrays", "4 plain float arrays (bandwidth reference)", &update_plain_arrays);
    }
    {
        bench::Case c({.id = "column_scan",
                       .family = "soa_update",
                       .title = "Column scan: the sum of one float column of N rows",
                       .what = "sum of x over N rows with 16 running sums (the same kernel "
                               "for every layout); GB/s counts the 4 bytes of x per row. "
                               "16Mi rows is a 64 MiB column, beyond the caches",
                       .baseline = "plain_array",
                       .sizes = {1 << 12, 1 << 24},
                       .quick = {64, 1000},
                       .size_unit = "rows",
                       .unit = benchmark::kMicrosecond,
                       .bytes_per_element = 4});
        c.add("plain_array", "plain float array (new float[N])", &scan_plain_array);
        c.add("buffers_SoaVector", "buffers::SoaVector, column<0>(v) span", &scan_soa_vector);
        c.add("soa_one_block", "one-block SoA, hand-written", &scan_one_block);
        c.add("aos", "AoS std::vector<Particle> (reads p[i].x)", &scan_aos);
    }
    {
        bench::Case c({.id = "soa_push_back",
                       .family = "soa_push_back",
                       .title = "SoA push_back of N particles into a fresh container",
                       .what = "construct, push_back N particles (copied from an AoS source), "
                               "destroy",
                       .baseline = "soa_one_block",
                       .run = bench::Run::per_process,
                       .sizes = {1 << 10, 1 << 20},
                       .quick = {16, 1000},
                       .size_unit = "rows",
                       .unit = benchmark::kMicrosecond});
        c.add("soa_one_block", "one-block SoA, hand-written (soagen/EASTL design)",
              &push_particles<bench::OneBlockParticles>);
        c.add("buffers_SoaVector", "buffers::SoaVector<Particle>", &push_particles<SoaParticles>);
        c.add("soa_parallel", "parallel std::vectors (soa-derive design)",
              &push_particles<bench::ParallelParticles>);
        c.add("aos", "AoS std::vector<Particle>", &push_particles<bench::AosParticles>);
    }
}
