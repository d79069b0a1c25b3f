// Input for mutate.py: the generator's features without heavy standard headers (fast to parse).
#pragma once

#include <buffers/soa/annotate.hpp>

#include <cstdint>

namespace corpus::deep {

using Real = float;
enum class Kind : std::uint8_t { a, b = 3 };
template <class T, int N>
struct Small {
    T items[N];
};
template <class T>
using Pair = Small<T, 2>;

struct Vec2 {
    Real x = 0, y = 0;
};

struct BUFFERS_SOA Particle {
    Real x = 1;
    Vec2 position{};
    Pair<int> ids{};
    Kind kind = Kind::b;
    std::int64_t count = -1;
    const char* label = "p";
};

namespace inner {
struct BUFFERS_SOA Link {
    using Weight = double;
    Particle from;
    Particle to;
    Weight weight = 0.5;
};
} // namespace inner

} // namespace corpus::deep

struct BUFFERS_SOA Global {
    int value;
    static constexpr int limit = 4;
    int twice() const { return 2 * value; }
};
