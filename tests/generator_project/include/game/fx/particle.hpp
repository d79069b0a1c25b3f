#pragma once
// Relies on the precompiled header for game::Vec3 and <cstdint>; has a field only in builds
// without NDEBUG, and one only when the target's compile options say -DGAME_TRAILS=1.

#include <buffers/soa/annotate.hpp>

namespace game::fx {

struct BUFFERS_SOA Particle {
    Vec3 position;
    float life = 0;
    std::uint32_t flags = 0;
    std::int64_t born = 0;
#ifndef NDEBUG
    int debug_serial = 0;
#endif
#if GAME_TRAILS
    int trail = 0;
#endif
};

} // namespace game::fx
