// SoA layouts: flattened Vec3 fields (soa_flatten) against hand-written float arrays, AoSoA
// blocks (AosoaBuffer<T, 8>, <16>) against flat SoA, and random access to whole rows.

#include "bench.hpp"

#include <buffers/buffers.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <span>
#include <vector>

namespace lay {
struct Vec3 {
    float x, y, z;
};
struct Body {
    Vec3 pos;
    Vec3 vel;
    float mass;
};
// 32 bytes, eight fields: a row of the random-access case.
struct Wide {
    float a, b, c, d, e, f, g, h;
};
} // namespace lay

template <>
inline constexpr bool buffers::soa_flatten<lay::Vec3> = true;

namespace {

using lay::Body;
using lay::Vec3;
using lay::Wide;
constexpr float dt = 0.01f;

using FlatBodies = buffers::SoaVector<Body>;
template <std::size_t L>
using AosoaBodies = buffers::AosoaVector<Body, L>;
// The same from pages of the OS (huge pages for large blocks where the kernel gives them).
using PageFlatBodies = buffers::PageSoaVector<Body>;
template <std::size_t L>
using PageAosoaBodies = buffers::Vector<
    Body, buffers::ExponentialGrowthBuffer<buffers::AosoaBuffer<Body, L, buffers::PageSource>>>;

Body body(std::mt19937& rng) {
    std::uniform_real_distribution<float> d(-1.0f, 1.0f);
    return Body{{d(rng), d(rng), d(rng)}, {d(rng), d(rng), d(rng)}, 1.0f + d(rng) * 0.5f};
}

// Built once per size and kept for the process (see soa_bench.cpp).
template <class P>
P& fixture(std::int64_t n) {
    static std::map<std::int64_t, std::unique_ptr<P>> cache;
    auto& slot = cache[n];
    if (!slot) {
        slot = std::make_unique<P>();
        std::mt19937 rng(7);
        for (std::int64_t i = 0; i < n; ++i)
            slot->push_back(body(rng));
    }
    return *slot;
}

// Seven separate float arrays, written by hand: the baseline of the flattened layout.
struct Arrays {
    std::vector<float> x, y, z, vx, vy, vz, m;
    std::size_t size() const noexcept { return x.size(); }
    void push_back(const Body& b) {
        x.push_back(b.pos.x), y.push_back(b.pos.y), z.push_back(b.pos.z);
        vx.push_back(b.vel.x), vy.push_back(b.vel.y), vz.push_back(b.vel.z);
        m.push_back(b.mass);
    }
};

// --- x, y update ---------------------------------------------------------------------------

template <class Col>
void update_xy(Col x, Col y, Col vx, Col vy, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        x[i] += vx[i] * dt;
        y[i] += vy[i] * dt;
    }
}

template <class F>
void loop(benchmark::State& state, F&& f) {
    for (auto _ : state) {
        f();
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

void update_arrays(benchmark::State& state) {
    auto& a = fixture<Arrays>(state.range(0));
    loop(state, [&] { update_xy(a.x.data(), a.y.data(), a.vx.data(), a.vy.data(), a.size()); });
}

template <class V = FlatBodies>
void update_flat(benchmark::State& state) {
    auto& v = fixture<V>(state.range(0));
    loop(state, [&] {
        update_xy(buffers::column<&Body::pos, &Vec3::x>(v).data(),
                  buffers::column<&Body::pos, &Vec3::y>(v).data(),
                  buffers::column<&Body::vel, &Vec3::x>(v).data(),
                  buffers::column<&Body::vel, &Vec3::y>(v).data(), v.size());
    });
}

// The flat columns walked in chunks of L with the trip count known (the same kernel as
// update_aosoa_fixed: what the AoSoA figures compare against to isolate the layout).
template <std::size_t L>
void update_flat_chunked(benchmark::State& state) {
    auto& v = fixture<FlatBodies>(state.range(0));
    loop(state, [&] {
        float* x = buffers::column<&Body::pos, &Vec3::x>(v).data();
        float* y = buffers::column<&Body::pos, &Vec3::y>(v).data();
        float* vx = buffers::column<&Body::vel, &Vec3::x>(v).data();
        float* vy = buffers::column<&Body::vel, &Vec3::y>(v).data();
        const std::size_t n = v.size();
        std::size_t i = 0;
        for (; i + L <= n; i += L)
            update_xy(x + i, y + i, vx + i, vy + i, L);
        update_xy(x + i, y + i, vx + i, vy + i, n - i);
    });
}

template <std::size_t L, class V = AosoaBodies<L>>
void update_aosoa(benchmark::State& state) {
    auto& v = fixture<V>(state.range(0));
    loop(state, [&] {
        for (auto b : buffers::blocks(v))
            update_xy(buffers::column<&Body::pos, &Vec3::x>(b).data(),
                      buffers::column<&Body::pos, &Vec3::y>(b).data(),
                      buffers::column<&Body::vel, &Vec3::x>(b).data(),
                      buffers::column<&Body::vel, &Vec3::y>(b).data(), b.size);
    });
}

// The same, with the trip count of a full block known to the compiler (Lanes), as a SIMD
// kernel over fixed-width chunks is written: the loop is unrolled, no per-block alias check.
template <std::size_t L, class V = AosoaBodies<L>>
void update_aosoa_fixed(benchmark::State& state) {
    auto& v = fixture<V>(state.range(0));
    loop(state, [&] {
        for (auto b : buffers::blocks(v)) {
            float* x = buffers::column<&Body::pos, &Vec3::x>(b).data();
            float* y = buffers::column<&Body::pos, &Vec3::y>(b).data();
            float* vx = buffers::column<&Body::vel, &Vec3::x>(b).data();
            float* vy = buffers::column<&Body::vel, &Vec3::y>(b).data();
            if (b.size == L)
                update_xy(x, y, vx, vy, L);
            else
                update_xy(x, y, vx, vy, b.size);
        }
    });
}

// --- n-body: velocities from every pair, then positions --------------------------------------

struct Cols {
    float *x, *y, *z, *vx, *vy, *vz;
    const float* m;
};

// Accelerations on bodies [first, first + n) of `to` from all `count` bodies of `from`.
inline void accelerate(const Cols& to, std::size_t n, const Cols& from, std::size_t count) {
    for (std::size_t i = 0; i < n; ++i) {
        float ax = 0, ay = 0, az = 0;
        const float xi = to.x[i], yi = to.y[i], zi = to.z[i];
        for (std::size_t j = 0; j < count; ++j) {
            const float dx = from.x[j] - xi, dy = from.y[j] - yi, dz = from.z[j] - zi;
            const float r2 = dx * dx + dy * dy + dz * dz + 0.01f;
            const float inv = 1.0f / std::sqrt(r2);
            const float s = from.m[j] * inv * inv * inv;
            ax += dx * s, ay += dy * s, az += dz * s;
        }
        to.vx[i] += ax * dt, to.vy[i] += ay * dt, to.vz[i] += az * dt;
    }
}
inline void move(const Cols& c, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        c.x[i] += c.vx[i] * dt;
        c.y[i] += c.vy[i] * dt;
        c.z[i] += c.vz[i] * dt;
    }
}

template <class V>
Cols cols_of(V& v) {
    using namespace buffers;
    return {column<&Body::pos, &Vec3::x>(v).data(), column<&Body::pos, &Vec3::y>(v).data(),
            column<&Body::pos, &Vec3::z>(v).data(), column<&Body::vel, &Vec3::x>(v).data(),
            column<&Body::vel, &Vec3::y>(v).data(), column<&Body::vel, &Vec3::z>(v).data(),
            column<&Body::mass>(v).data()};
}

void nbody_arrays(benchmark::State& state) {
    auto& a = fixture<Arrays>(state.range(0));
    const Cols c{a.x.data(),  a.y.data(),  a.z.data(), a.vx.data(),
                 a.vy.data(), a.vz.data(), a.m.data()};
    loop(state, [&] {
        accelerate(c, a.size(), c, a.size());
        move(c, a.size());
    });
}

void nbody_flat(benchmark::State& state) {
    auto& v = fixture<FlatBodies>(state.range(0));
    loop(state, [&] {
        const Cols c = cols_of(v);
        accelerate(c, v.size(), c, v.size());
        move(c, v.size());
    });
}

// Block against block: Lanes contiguous values of every column on both sides.
template <std::size_t L>
void nbody_aosoa(benchmark::State& state) {
    auto& v = fixture<AosoaBodies<L>>(state.range(0));
    loop(state, [&] {
        auto bs = buffers::blocks(v);
        for (auto bi : bs) {
            const Cols ci = cols_of(bi);
            for (auto bj : bs)
                accelerate(ci, bi.size, cols_of(bj), bj.size);
        }
        for (auto b : bs)
            move(cols_of(b), b.size);
    });
}

// --- random access to whole rows over 64 MiB -----------------------------------------------

constexpr std::size_t random_rows = (std::size_t{64} << 20) / sizeof(Wide);
constexpr std::size_t random_reads = 1 << 16;

template <class V>
V& wide_fixture() {
    static std::unique_ptr<V> v;
    if (!v) {
        v = std::make_unique<V>();
        v->reserve(random_rows);
        for (std::size_t i = 0; i < random_rows; ++i) {
            const float f = static_cast<float>(i);
            v->push_back(Wide{f, f + 1, f + 2, f + 3, f + 4, f + 5, f + 6, f + 7});
        }
    }
    return *v;
}
const std::vector<std::uint32_t>& random_indices() {
    static const std::vector<std::uint32_t> idx = [] {
        std::mt19937 rng(11);
        std::uniform_int_distribution<std::uint32_t> d(0, random_rows - 1);
        std::vector<std::uint32_t> out(random_reads);
        for (auto& i : out)
            i = d(rng);
        return out;
    }();
    return idx;
}

template <class V>
void random_rows_case(benchmark::State& state) {
    auto& v = wide_fixture<V>();
    const auto& idx = random_indices();
    for (auto _ : state) {
        float sum = 0;
        for (std::uint32_t i : idx) {
            const Wide w = v[i];
            sum += w.a + w.b + w.c + w.d + w.e + w.f + w.g + w.h;
        }
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(random_reads));
}

} // namespace

BUFFERS_BENCH_CASES(layout_cases) {
    {
        bench::Case c({.id = "layout_update",
                       .family = "layout_update",
                       .title = "Flattened and AoSoA update: pos.x += vel.x*dt, pos.y += vel.y*dt",
                       .what = "one pass over N bodies {Vec3 pos, vel; float mass}, Vec3 "
                               "flattened (soa_flatten); reads 4 floats and writes 2 per row",
                       .baseline = "arrays",
                       .sizes = {1 << 12, 1 << 20},
                       .quick = {64, 1000},
                       .size_unit = "rows",
                       .unit = benchmark::kMicrosecond});
        c.add("arrays", "7 hand-written float arrays", &update_arrays);
        c.add("flat", "SoaVector<Body>, Vec3 flattened, leaf column spans", &update_flat<>);
        c.add("aosoa8", "AosoaVector<Body, 8>, per-block column spans", &update_aosoa<8>);
        c.add("aosoa16", "AosoaVector<Body, 16>, per-block column spans", &update_aosoa<16>);
        c.add("flat_chunked8", "SoaVector<Body>, flattened, chunks of 8 known to the loop",
              &update_flat_chunked<8>);
        c.add("flat_chunked16", "SoaVector<Body>, flattened, chunks of 16 known to the loop",
              &update_flat_chunked<16>);
        c.add("aosoa8_fixed", "AosoaVector<Body, 8>, Lanes known to the loop",
              &update_aosoa_fixed<8>);
        c.add("aosoa16_fixed", "AosoaVector<Body, 16>, Lanes known to the loop",
              &update_aosoa_fixed<16>);
        c.add("flat_pages", "PageSoaVector<Body> (OS pages), Vec3 flattened",
              &update_flat<PageFlatBodies>);
        c.add("aosoa8_pages", "AosoaBuffer<Body, 8, PageSource> (OS pages)",
              &update_aosoa<8, PageAosoaBodies<8>>);
    }
    {
        bench::Case c({.id = "layout_nbody",
                       .family = "layout_nbody",
                       .title = "Flattened and AoSoA n-body step (all pairs, then positions)",
                       .what = "one O(N^2) step over N bodies {Vec3 pos, vel; float mass}",
                       .baseline = "arrays",
                       .sizes = {512, 2048},
                       .quick = {16, 64},
                       .size_unit = "bodies",
                       .unit = benchmark::kMicrosecond});
        c.add("arrays", "7 hand-written float arrays", &nbody_arrays);
        c.add("flat", "SoaVector<Body>, Vec3 flattened", &nbody_flat);
        c.add("aosoa8", "AosoaVector<Body, 8>, block against block", &nbody_aosoa<8>);
        c.add("aosoa16", "AosoaVector<Body, 16>, block against block", &nbody_aosoa<16>);
    }
    {
        bench::Case c({.id = "layout_random_rows",
                       .family = "layout_random_rows",
                       .title = "Random rows over 64 MiB: read all 8 fields of 65536 random rows",
                       .what = "T t = v[i] for random i over 2M rows of 8 floats (64 MiB)",
                       .baseline = "soa",
                       .sizes = {static_cast<std::int64_t>(random_rows),
                                 static_cast<std::int64_t>(random_rows)},
                       .quick = {static_cast<std::int64_t>(random_rows),
                                 static_cast<std::int64_t>(random_rows)},
                       .size_unit = "rows",
                       .unit = benchmark::kMicrosecond});
        const auto once = bench::Which::small_only; // one size: 64 MiB
        c.add("soa", "SoaVector<Wide>", &random_rows_case<buffers::SoaVector<Wide>>, once);
        c.add("aosoa8", "AosoaVector<Wide, 8>", &random_rows_case<buffers::AosoaVector<Wide, 8>>,
              once);
        c.add("aosoa16", "AosoaVector<Wide, 16>", &random_rows_case<buffers::AosoaVector<Wide, 16>>,
              once);
        c.add("aos", "std::vector<Wide>", &random_rows_case<std::vector<Wide>>, once);
    }
}
