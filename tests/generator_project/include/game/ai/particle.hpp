#pragma once
// Same file name as game/fx/particle.hpp: the outputs are game/ai/particle.soa.hpp and
// game/fx/particle.soa.hpp.

#include <buffers/soa/annotate.hpp>

namespace game::ai {

struct BUFFERS_SOA Particle {
    int target = -1;
    float urgency = 0;
};

} // namespace game::ai
