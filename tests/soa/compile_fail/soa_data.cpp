// An SoA vector has no contiguous array of T, so data() must not exist.
// expect: data
#include <buffers/buffers.hpp>

struct Row {
    int a;
    float b;
};

int main() {
    buffers::SoaVector<Row> v;
    return v.data() != nullptr;
}
