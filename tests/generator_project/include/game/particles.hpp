#pragma once

#include "units.hpp"

#include <buffers/soa/annotate.hpp>

#include <array>
#include <cstdint>
#include <string>

namespace game::physics {

enum class Kind : std::uint8_t { dust, rock, ice };

struct Vec3 {
    Real x, y, z;
};

struct BUFFERS_SOA Particle {
    Real x = 0;
    Real y = 0;
    std::array<float, 3> velocity{};
    std::string name;
    Kind kind = Kind::dust;
    GAME_ID_TYPE id = -1; // defined on the target: the generator sees the same type
};

// Refers to Particle (a whole Particle is one column) and to a plain struct.
struct BUFFERS_SOA Emitter {
    Vec3 position;
    Particle prototype;
    std::uint32_t rate = 10;
};

// Fields of this type are one column per leaf (x, y) in every SoA struct.
struct BUFFERS_SOA_FLATTEN Vec2 {
    Real x, y;
};

// Flattened fields, reached through generated names: v[i].pos.x, columns(v).pos.x.
struct BUFFERS_SOA Tracer {
    Vec2 pos;
    Vec2 vel;
    int id = 0;
};

} // namespace game::physics
