#pragma once
// Same file name as game/fx/particle.hpp: the outputs are game/ai/particle.soa.hpp and
// game/fx/particle.soa.hpp.

#include <buffers/soa/annotate.hpp>

namespace game::ai {

// GAME_AI_LEVEL comes from a library the target links (a transitive usage requirement),
// GAME_AI_PLANS from the directory (add_compile_definitions); GAME_AI_SCRATCH is defined and
// then undefined by the target's compile options.
struct BUFFERS_SOA Particle {
    int target = -1;
    float urgency = 0;
#if GAME_AI_LEVEL >= 2
    int level = 2;
#endif
#ifdef GAME_AI_PLANS
    int plans = 0;
#endif
#ifdef GAME_AI_SCRATCH
    int scratch = 0;
#endif
};

} // namespace game::ai
