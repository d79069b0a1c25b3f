// Placeholder flagship until the SoA generator lands: a Vector of particles.
#include <buffers/buffers.hpp>

#include <cstdio>

struct Particle {
    float x, y, vx, vy;
};

int main() {
    buffers::Vector<Particle> particles;
    for (int i = 0; i < 1000; ++i)
        particles.push_back({static_cast<float>(i), 0.0f, 1.0f, 2.0f});
    for (auto& p : particles) {
        p.x += p.vx;
        p.y += p.vy;
    }
    std::printf("%zu particles, first at (%.1f, %.1f)\n", particles.size(),
                static_cast<double>(particles[0].x), static_cast<double>(particles[0].y));
}
