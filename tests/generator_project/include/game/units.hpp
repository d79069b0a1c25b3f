#pragma once
// Included by particles.hpp: a change here regenerates particles.soa.hpp (depfile).

namespace game::physics {
using Real = float;
} // namespace game::physics
