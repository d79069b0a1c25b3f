// A representative input: the golden output next to it is compared byte for byte.
#pragma once

#include <buffers/soa/annotate.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

// A user namespace named like the library's own detail namespace.
namespace detail {
struct Tag {
    int value;
};
} // namespace detail

namespace sim::world {

using Real = double;
enum class Phase : std::uint8_t { solid, liquid, gas };
template <class T, std::size_t N>
using Vec = std::array<T, N>;

struct Vec3 {
    Real x, y, z;
};

// Fields of this type are one column per leaf in every SoA struct.
struct BUFFERS_SOA_FLATTEN Point {
    float x, y;
    Real w;
};

struct BUFFERS_SOA Body {
    Real mass = 1.0;
    Vec3 position{};
    Vec<Real, 3> velocity{};
    std::array<float, 4> colour{};
    std::string name;
    Phase phase = Phase::solid;
    std::uint32_t flags = 0;
    std::vector<int> contacts;
    ::detail::Tag tag{};
    const char* label = nullptr;
    Point anchor{};
};

namespace inner {

// Refers to Body; a field named like the generated template parameter.
struct BUFFERS_SOA Link {
    using Weight = float;
    Body from;
    Body to;
    Weight Const = 0.5f;
    // An unnamed type: spelled through decltype.
    struct {
        int a, b;
    } pair;
};

} // namespace inner

struct BUFFERS_SOA Empty {};

} // namespace sim::world

struct BUFFERS_SOA Global {
    int value;
};
