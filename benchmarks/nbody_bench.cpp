// One step of the O(N^2) n-body simulation (the kernel of LLAMA's n-body benchmark: every pair
// of particles interacts with a softened inverse-square force, then every particle moves).

#include "bench.hpp"
#include "particles.hpp"

#include <buffers/buffers.hpp>

#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

namespace {

using bench::Particle;

constexpr float timestep = 0.0001f;
constexpr float eps2 = 0.01f;

// Column views: F is float* (hand-written SoA) or std::span<float> (SoaVector columns).
template <class F>
struct Columns {
    F x, y, z, vx, vy, vz, mass;
};

template <class F>
void nbody_step(const Columns<F>& p, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        const float xi = p.x[i], yi = p.y[i], zi = p.z[i];
        float ax = 0.0f, ay = 0.0f, az = 0.0f;
        for (std::size_t j = 0; j < n; ++j) {
            const float dx = p.x[j] - xi;
            const float dy = p.y[j] - yi;
            const float dz = p.z[j] - zi;
            const float d2 = dx * dx + dy * dy + dz * dz + eps2;
            const float d6 = d2 * d2 * d2;
            const float s = p.mass[j] * timestep / std::sqrt(d6);
            ax += dx * s;
            ay += dy * s;
            az += dz * s;
        }
        p.vx[i] += ax;
        p.vy[i] += ay;
        p.vz[i] += az;
    }
    for (std::size_t i = 0; i < n; ++i) {
        p.x[i] += p.vx[i] * timestep;
        p.y[i] += p.vy[i] * timestep;
        p.z[i] += p.vz[i] * timestep;
    }
}

// The same kernel over AoS.
void nbody_step_aos(Particle* p, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        const float xi = p[i].x, yi = p[i].y, zi = p[i].z;
        float ax = 0.0f, ay = 0.0f, az = 0.0f;
        for (std::size_t j = 0; j < n; ++j) {
            const float dx = p[j].x - xi;
            const float dy = p[j].y - yi;
            const float dz = p[j].z - zi;
            const float d2 = dx * dx + dy * dy + dz * dz + eps2;
            const float d6 = d2 * d2 * d2;
            const float s = p[j].mass * timestep / std::sqrt(d6);
            ax += dx * s;
            ay += dy * s;
            az += dz * s;
        }
        p[i].vx += ax;
        p[i].vy += ay;
        p[i].vz += az;
    }
    for (std::size_t i = 0; i < n; ++i) {
        p[i].x += p[i].vx * timestep;
        p[i].y += p[i].vy * timestep;
        p[i].z += p[i].vz * timestep;
    }
}

template <class Step>
void run_nbody(benchmark::State& state, Step&& step) {
    for (auto _ : state) {
        step();
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * state.range(0) * state.range(0));
}

void nbody_hand_soa(benchmark::State& state) {
    bench::OneBlockParticles p(bench::random_particles(static_cast<std::size_t>(state.range(0))));
    const Columns<float*> cols{p.x(), p.y(), p.z(), p.vx(), p.vy(), p.vz(), p.mass()};
    run_nbody(state, [&] { nbody_step(cols, p.size()); });
}

void nbody_soa_vector(benchmark::State& state) {
    const auto src = bench::random_particles(static_cast<std::size_t>(state.range(0)));
    buffers::SoaVector<Particle> v(src.begin(), src.end());
    run_nbody(state, [&] {
        const Columns<std::span<float>> cols{buffers::column<0>(v), buffers::column<1>(v),
                                             buffers::column<2>(v), buffers::column<3>(v),
                                             buffers::column<4>(v), buffers::column<5>(v),
                                             buffers::column<6>(v)};
        nbody_step(cols, v.size());
    });
}

void nbody_aos(benchmark::State& state) {
    auto p = bench::random_particles(static_cast<std::size_t>(state.range(0)));
    run_nbody(state, [&] { nbody_step_aos(p.data(), p.size()); });
}

} // namespace

BUFFERS_BENCH_CASES(nbody_cases) {
    bench::Case c({.id = "nbody",
                   .family = "nbody",
                   .title = "n-body: one O(N^2) step over N particles",
                   .what = "every pair interacts (softened inverse-square force, velocities "
                           "updated), then every particle moves",
                   .baseline = "soa_hand",
                   .sizes = {1 << 10, 1 << 14},
                   .quick = {16, 64},
                   .size_unit = "particles",
                   .unit = benchmark::kMillisecond});
    c.add("soa_hand", "hand-written SoA (one block, raw column pointers)", &nbody_hand_soa);
    c.add("buffers_SoaVector", "buffers::SoaVector, column<I>(v) spans", &nbody_soa_vector);
    c.add("aos", "AoS std::vector<Particle>", &nbody_aos);
}
