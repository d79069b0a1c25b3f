#pragma once

// The particle types of the flagship example. BUFFERS_SOA opts a struct in to the generator,
// which writes particles.soa.hpp (named rows and columns) at build time.

#include <buffers/soa/annotate.hpp>

#include <cstdint>

namespace sim {

enum class Species : std::uint8_t { dust, ice, rock };

struct BUFFERS_SOA Particle {
    float x, y, z;    // position
    float vx, vy, vz; // velocity
    float mass;
    Species species;
    std::uint32_t id;
};

} // namespace sim
