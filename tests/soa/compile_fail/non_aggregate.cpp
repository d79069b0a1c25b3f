// A type with a constructor is not an aggregate: SoA buffers cannot split it into columns.
// expect: buffers: SoA buffers need an aggregate T
#include <buffers/buffers.hpp>

struct NotAggregate {
    NotAggregate(int v) : x(v) {}
    int x;
};

int main() {
    buffers::SoaVector<NotAggregate> v;
    return static_cast<int>(v.size());
}
