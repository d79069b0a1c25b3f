#pragma once

// The 32-byte particle of the SoA cases, and hand-written containers standing in for the
// designs of SoA libraries that Debian does not package. Each is written the way a careful user
// of that design would write it for this one struct; none is generic.
//
//   AosParticles       std::vector<Particle>: array of structs, the usual starting point
//   ParallelParticles  one std::vector per field, each growing on its own (soa-derive's design)
//   OneBlockParticles  one allocation holding every column, 64-byte aligned, grown by doubling
//                      (soagen's and EASTL's design); the baseline of the SoA cases
//   Aosoa8Particles    blocks of 8 rows, each block a small SoA (LLAMA's and SDLT's AoSoA)

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <random>
#include <utility>
#include <vector>

namespace bench {

struct Particle {
    float x, y, z;
    float vx, vy, vz;
    float mass;
    std::int32_t id;
};
static_assert(sizeof(Particle) == 32);

// The same pseudo-random particles for every variant (fixed seed).
inline std::vector<Particle> random_particles(std::size_t n, std::uint32_t seed = 42) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> pos(-100.0f, 100.0f);
    std::uniform_real_distribution<float> vel(-1.0f, 1.0f);
    std::uniform_real_distribution<float> mass(0.5f, 2.0f);
    std::vector<Particle> out(n);
    for (std::size_t i = 0; i < n; ++i)
        out[i] = {pos(rng), pos(rng), pos(rng),  vel(rng),
                  vel(rng), vel(rng), mass(rng), static_cast<std::int32_t>(i)};
    return out;
}

using AosParticles = std::vector<Particle>;

// soa-derive's design: a std::vector per field.
struct ParallelParticles {
    std::vector<float> x, y, z, vx, vy, vz, mass;
    std::vector<std::int32_t> id;

    std::size_t size() const noexcept { return x.size(); }
    void push_back(const Particle& p) {
        x.push_back(p.x);
        y.push_back(p.y);
        z.push_back(p.z);
        vx.push_back(p.vx);
        vy.push_back(p.vy);
        vz.push_back(p.vz);
        mass.push_back(p.mass);
        id.push_back(p.id);
    }
};

// soagen's and EASTL's design: one block, columns one after the other, each starting on a
// 64-byte boundary; capacity 1, 2, 4, ... like std::vector; growth copies each column once.
class OneBlockParticles {
public:
    static constexpr std::size_t columns = 8;
    static constexpr std::size_t align = 64;

    OneBlockParticles() = default;
    explicit OneBlockParticles(const std::vector<Particle>& src) {
        reallocate(src.size());
        for (const Particle& p : src)
            push_back(p);
    }
    OneBlockParticles(const OneBlockParticles&) = delete;
    OneBlockParticles& operator=(const OneBlockParticles&) = delete;
    ~OneBlockParticles() { release(block_); }

    std::size_t size() const noexcept { return size_; }

    void push_back(const Particle& p) {
        if (size_ == cap_)
            reallocate(cap_ == 0 ? 1 : 2 * cap_);
        const std::size_t i = size_;
        x_[i] = p.x;
        y_[i] = p.y;
        z_[i] = p.z;
        vx_[i] = p.vx;
        vy_[i] = p.vy;
        vz_[i] = p.vz;
        mass_[i] = p.mass;
        id_[i] = p.id;
        ++size_;
    }
    // Overwrites every row from src (same size).
    void assign(const std::vector<Particle>& src) {
        for (std::size_t i = 0; i < size_; ++i) {
            x_[i] = src[i].x;
            y_[i] = src[i].y;
            z_[i] = src[i].z;
            vx_[i] = src[i].vx;
            vy_[i] = src[i].vy;
            vz_[i] = src[i].vz;
            mass_[i] = src[i].mass;
            id_[i] = src[i].id;
        }
    }

    float* x() noexcept { return x_; }
    float* y() noexcept { return y_; }
    float* z() noexcept { return z_; }
    float* vx() noexcept { return vx_; }
    float* vy() noexcept { return vy_; }
    float* vz() noexcept { return vz_; }
    float* mass() noexcept { return mass_; }
    std::int32_t* id() noexcept { return id_; }

    // Sorts the rows by x: an index permutation sorted by key, then applied column by column
    // into a fresh block (the usual hand-written way to sort a struct of arrays).
    void sort_by_x() {
        std::vector<std::uint32_t> order(size_);
        for (std::uint32_t i = 0; i < order.size(); ++i)
            order[i] = i;
        const float* key = x_;
        std::sort(order.begin(), order.end(),
                  [key](std::uint32_t a, std::uint32_t b) { return key[a] < key[b]; });
        OneBlockParticles out;
        out.reallocate(size_);
        out.size_ = size_;
        gather(out.x_, x_, order);
        gather(out.y_, y_, order);
        gather(out.z_, z_, order);
        gather(out.vx_, vx_, order);
        gather(out.vy_, vy_, order);
        gather(out.vz_, vz_, order);
        gather(out.mass_, mass_, order);
        gather(out.id_, id_, order);
        swap(out);
    }

private:
    template <class F>
    static void gather(F* dst, const F* src, const std::vector<std::uint32_t>& order) {
        for (std::size_t i = 0; i < order.size(); ++i)
            dst[i] = src[order[i]];
    }
    static std::size_t column_bytes(std::size_t n) noexcept {
        return (n * 4 + align - 1) / align * align;
    }
    static void release(std::byte* p) noexcept {
        if (p)
            ::operator delete (p, std::align_val_t{align});
    }
    void swap(OneBlockParticles& o) noexcept {
        std::swap(block_, o.block_);
        std::swap(x_, o.x_);
        std::swap(y_, o.y_);
        std::swap(z_, o.z_);
        std::swap(vx_, o.vx_);
        std::swap(vy_, o.vy_);
        std::swap(vz_, o.vz_);
        std::swap(mass_, o.mass_);
        std::swap(id_, o.id_);
        std::swap(size_, o.size_);
        std::swap(cap_, o.cap_);
    }
    void reallocate(std::size_t cap) {
        const std::size_t col = column_bytes(cap);
        auto* block =
            static_cast<std::byte*>(::operator new (columns* col, std::align_val_t{align}));
        auto* nx = reinterpret_cast<float*>(block);
        auto* ny = reinterpret_cast<float*>(block + col);
        auto* nz = reinterpret_cast<float*>(block + 2 * col);
        auto* nvx = reinterpret_cast<float*>(block + 3 * col);
        auto* nvy = reinterpret_cast<float*>(block + 4 * col);
        auto* nvz = reinterpret_cast<float*>(block + 5 * col);
        auto* nmass = reinterpret_cast<float*>(block + 6 * col);
        auto* nid = reinterpret_cast<std::int32_t*>(block + 7 * col);
        if (size_ != 0) {
            std::memcpy(nx, x_, size_ * 4);
            std::memcpy(ny, y_, size_ * 4);
            std::memcpy(nz, z_, size_ * 4);
            std::memcpy(nvx, vx_, size_ * 4);
            std::memcpy(nvy, vy_, size_ * 4);
            std::memcpy(nvz, vz_, size_ * 4);
            std::memcpy(nmass, mass_, size_ * 4);
            std::memcpy(nid, id_, size_ * 4);
        }
        release(block_);
        block_ = block;
        x_ = nx;
        y_ = ny;
        z_ = nz;
        vx_ = nvx;
        vy_ = nvy;
        vz_ = nvz;
        mass_ = nmass;
        id_ = nid;
        cap_ = cap;
    }

    std::byte* block_ = nullptr;
    float *x_ = nullptr, *y_ = nullptr, *z_ = nullptr;
    float *vx_ = nullptr, *vy_ = nullptr, *vz_ = nullptr;
    float* mass_ = nullptr;
    std::int32_t* id_ = nullptr;
    std::size_t size_ = 0;
    std::size_t cap_ = 0;
};

// LLAMA's and SDLT's AoSoA: blocks of 8 rows; within a block, each field is an array of 8.
struct Aosoa8Particles {
    static constexpr std::size_t lanes = 8;
    struct alignas(32) Block {
        float x[lanes], y[lanes], z[lanes];
        float vx[lanes], vy[lanes], vz[lanes];
        float mass[lanes];
        std::int32_t id[lanes];
    };
    static_assert(sizeof(Block) == 8 * 32);

    std::vector<Block> blocks;
    std::size_t n = 0;

    Aosoa8Particles() = default;
    explicit Aosoa8Particles(const std::vector<Particle>& src)
        : blocks((src.size() + lanes - 1) / lanes), n(src.size()) {
        for (std::size_t i = 0; i < n; ++i) {
            Block& b = blocks[i / lanes];
            const std::size_t l = i % lanes;
            b.x[l] = src[i].x;
            b.y[l] = src[i].y;
            b.z[l] = src[i].z;
            b.vx[l] = src[i].vx;
            b.vy[l] = src[i].vy;
            b.vz[l] = src[i].vz;
            b.mass[l] = src[i].mass;
            b.id[l] = src[i].id;
        }
    }
    std::size_t size() const noexcept { return n; }
};

} // namespace bench
