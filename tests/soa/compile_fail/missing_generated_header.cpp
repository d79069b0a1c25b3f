// Generated names used without the generated header: the message says which header to include.
// expect: T has no generated names in this translation unit: include the .soa.hpp
#include <buffers/buffers.hpp>

struct Particle {
    float x;
    float life;
};

int main() {
    return static_cast<int>(buffers::soa_generated<Particle>::field_count);
}
