// The flagship example: a small particle simulation over a struct-of-arrays vector.
//
// particles.soa.hpp is generated at build time from particles.hpp (see CMakeLists.txt:
// buffers_generate_soa). It gives rows and columns their names: v[i].x is the float in
// column x, buffers::columns(v).vx is a std::span<float> over the whole column.

#include "particles/particles.soa.hpp" // mirrors particles/particles.hpp

#include <buffers/buffers.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace {

using sim::Particle;
using sim::Species;

constexpr float gravity = 9.81f;
constexpr float dt = 0.01f;

// A deterministic pseudo-random stream, so every run prints the same numbers.
struct Lcg {
    std::uint32_t state = 12345u;
    float next() {
        state = state * 1664525u + 1013904223u;
        return static_cast<float>(state >> 8) / static_cast<float>(1u << 24);
    }
};

Particle make_particle(Lcg& rng, std::uint32_t id) {
    return Particle{rng.next() * 100.0f,
                    rng.next() * 50.0f,
                    rng.next() * 100.0f,
                    rng.next() - 0.5f,
                    rng.next() * 2.0f,
                    rng.next() - 0.5f,
                    0.5f + rng.next(),
                    static_cast<Species>(id % 3),
                    id};
}

// One step over the columns: each loop streams through a few plain float arrays.
void step(buffers::SoaVector<Particle>& v) {
    auto c = buffers::columns(v);
    for (float& vy : c.vy)
        vy -= gravity * dt;
    for (std::size_t i = 0; i < v.size(); ++i) {
        c.x[i] += c.vx[i] * dt;
        c.y[i] += c.vy[i] * dt;
        c.z[i] += c.vz[i] * dt;
    }
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (c.y[i] < 0.0f) { // bounce off the floor, losing a little energy
            c.y[i] = -c.y[i];
            c.vy[i] = -c.vy[i] * 0.9f;
        }
    }
}

// The same step on an array of structs, as most code would write it.
void step(std::vector<Particle>& v) {
    for (Particle& p : v)
        p.vy -= gravity * dt;
    for (Particle& p : v) {
        p.x += p.vx * dt;
        p.y += p.vy * dt;
        p.z += p.vz * dt;
    }
    for (Particle& p : v) {
        if (p.y < 0.0f) {
            p.y = -p.y;
            p.vy = -p.vy * 0.9f;
        }
    }
}

// Median time of `steps` steps, over several repetitions (the machine may be busy).
template <class V>
double median_ms(V& v, int steps) {
    std::vector<double> times;
    for (int rep = 0; rep < 7; ++rep) {
        const auto start = std::chrono::steady_clock::now();
        for (int s = 0; s < steps; ++s)
            step(v);
        const std::chrono::duration<double, std::milli> took =
            std::chrono::steady_clock::now() - start;
        times.push_back(took.count());
    }
    std::nth_element(times.begin(), times.begin() + 3, times.end());
    return times[3];
}

} // namespace

int main() {
    constexpr std::uint32_t count = 200'000;
    Lcg rng;
    buffers::SoaVector<Particle> soa;
    std::vector<Particle> aos;
    soa.reserve(count);
    for (std::uint32_t id = 0; id < count; ++id) {
        const Particle p = make_particle(rng, id);
        soa.push_back(p);
        aos.push_back(p);
    }

    // Rows read and write like structs; a row is a proxy into the columns.
    soa[0].x = 0.0f;
    aos[0].x = 0.0f;
    const Particle first = soa[0];

    for (int s = 0; s < 100; ++s) {
        step(soa);
        step(aos);
    }

    // Same results both ways.
    bool same = true;
    for (std::size_t i = 0; i < count; ++i)
        same = same && soa[i].y == aos[i].y && soa[i].vx == aos[i].vx;

    double energy = 0.0;
    std::size_t rocks = 0;
    for (auto p : soa) { // p is a row proxy: p.vx is a float&
        energy += 0.5 * static_cast<double>(p.mass) *
                  static_cast<double>(p.vx * p.vx + p.vy * p.vy + p.vz * p.vz);
        rocks += p.species == Species::rock;
    }

    // Sorting permutes every column together.
    std::ranges::sort(soa, [](const auto& a, const auto& b) { return a.y < b.y; });
    const bool sorted = std::ranges::is_sorted(buffers::columns(soa).y);

    const double soa_ms = median_ms(soa, 20);
    const double aos_ms = median_ms(aos, 20);

    std::printf("buffers particles example: %u particles, %zu columns\n", count,
                buffers::soa_generated<Particle>::field_count);
    std::printf("  first particle started at (%.1f, %.1f, %.1f), id %u\n",
                static_cast<double>(first.x), static_cast<double>(first.y),
                static_cast<double>(first.z), first.id);
    std::printf("  after 100 steps: kinetic energy %.1f, %zu rocks, SoA == AoS: %s\n", energy,
                rocks, same ? "yes" : "no");
    std::printf("  sorted by height: %s; lowest particle id %u at y = %.3f\n",
                sorted ? "yes" : "no", soa[0].id, static_cast<double>(soa[0].y));
    std::printf("  20 steps: SoA %.2f ms, AoS std::vector %.2f ms, ratio SoA/AoS %.2f\n", soa_ms,
                aos_ms, soa_ms / aos_ms);
    return same && sorted ? 0 : 1;
}
