// One simulation, three memory layouts: the layout is one type alias (Bodies below). The code
// that uses the container reads the same for each; only where the fields sit changes.
//
//   flat SoA       SoaVector<Body>: one column per field; Vec3 fields would be one column of
//                  Vec3 each, but soa_flatten<Vec3> below splits them into x, y, z columns
//   flattened SoA  the same vector, with Vec3 flattened: six float columns plus mass
//   AoSoA          AosoaVector<Body, 8>: blocks of 8 rows, each block SoA inside
#include <buffers/buffers.hpp>

#include <cmath>
#include <cstdio>

struct Vec3 {
    float x, y, z;
};
struct Body {
    Vec3 pos;
    Vec3 vel;
    float mass;
};

// Every Vec3 field of an SoA struct becomes three leaf columns.
template <>
inline constexpr bool buffers::soa_flatten<Vec3> = true;

namespace {

// Change this one line to switch the layout:
//   using Bodies = buffers::SoaVector<Body>;            (flattened SoA: columns pos.x, ...)
//   using Bodies = buffers::AosoaVector<Body, 8>;       (AoSoA: blocks of 8 rows)
//   using Bodies = buffers::Vector<Body>;               (plain array of structs)
using Bodies = buffers::AosoaVector<Body, 8>;

template <class V>
void step(V& bodies, float dt) {
    // Row proxies work for every layout: get<I> is field I, a Vec3 field a nested row.
    for (auto&& b : bodies) {
        Vec3 p = buffers::get<0>(b);
        const Vec3 v = buffers::get<1>(b);
        p.x += v.x * dt;
        p.y += v.y * dt;
        p.z += v.z * dt;
        buffers::get<0>(b) = p;
    }
}

template <class V>
float total_mass(const V& bodies) {
    float m = 0;
    for (std::size_t i = 0; i < bodies.size(); ++i)
        m += buffers::get<2>(bodies[i]);
    return m;
}

// Layout-specific fast paths: block columns for AoSoA, whole columns for SoA.
template <class V>
float sum_of_x(const V& bodies) {
    float sum = 0;
    if constexpr (requires { buffers::blocks(bodies); }) {
        for (auto block : buffers::blocks(bodies))
            for (float x : buffers::column<&Body::pos, &Vec3::x>(block)) // <= 8 contiguous floats
                sum += x;
    } else if constexpr (requires { buffers::column<&Body::pos, &Vec3::x>(bodies); }) {
        for (float x : buffers::column<&Body::pos, &Vec3::x>(bodies)) // one float column
            sum += x;
    } else {
        for (const Body& b : bodies)
            sum += b.pos.x;
    }
    return sum;
}

} // namespace

int main() {
    Bodies bodies;
    for (int i = 0; i < 100; ++i) {
        const float f = static_cast<float>(i);
        bodies.push_back(Body{{f, 0, 0}, {1, 2, 3}, 1 + f / 100});
    }
    for (int s = 0; s < 10; ++s)
        step(bodies, 0.1f);

    const float sum_x = sum_of_x(bodies);
    const Body last = bodies.back();
    std::printf("bodies %zu, mass %.2f, sum of x %.1f, last at (%.1f, %.1f, %.1f)\n", bodies.size(),
                static_cast<double>(total_mass(bodies)), static_cast<double>(sum_x),
                static_cast<double>(last.pos.x), static_cast<double>(last.pos.y),
                static_cast<double>(last.pos.z));
    // 100 bodies, each moved by 10 * 0.1 * (1, 2, 3).
    const bool ok =
        std::fabs(sum_x - (4950.0f + 100.0f)) < 0.5f && std::fabs(last.pos.z - 3) < 1e-3f;
    return ok ? 0 : 1;
}
