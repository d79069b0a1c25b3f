#pragma once

#include <buffers/soa/annotate.hpp>

namespace shapes {
struct BUFFERS_SOA Point {
    float x, y;
};
} // namespace shapes
