#pragma once

// A struct the generator names (shapes.soa.hpp); the printers show its rows with field names.

#include <buffers/soa/annotate.hpp>

#include <string>

namespace shapes {

struct BUFFERS_SOA Point {
    float x = 0;
    float y = 0;
    std::string label;
};

} // namespace shapes
