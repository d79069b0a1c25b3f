#pragma once
// The target's precompiled header: game/fx/particle.hpp uses Vec3 without including anything,
// as headers in projects with a PCH often do. The generator must see it too (-include).

#include <cstdint>

namespace game {
struct Vec3 {
    float x, y, z;
};
} // namespace game
