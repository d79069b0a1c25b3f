// Buffers stack like policies. For several compositions this prints the size of the vector
// object and the capacities it passes through while 40 values are pushed one by one.

#include <buffers/buffers.hpp>

#include <array>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace {

struct Tag {}; // an empty type: ZstoBuffer stores nothing for it

template <class T, class B>
void show(const char* name, T value) {
    buffers::Vector<T, B> v;
    std::printf("%-60s sizeof %4zu  capacities:", name, sizeof(v));
    std::size_t last = v.capacity();
    std::printf(" %zu", last);
    for (int i = 0; i < 40; ++i) {
        v.push_back(value);
        if (v.capacity() != last) {
            last = v.capacity();
            std::printf(" %zu", last);
        }
    }
    std::printf("\n");
}

} // namespace

int main() {
    using namespace buffers;
    show<int, HeapBuffer<int>>("HeapBuffer<int> (exact growth)", 1);
    show<int, DefaultBuffer<int>>("DefaultBuffer<int> (Vector<int>'s default)", 1);
    show<int, SvoBuffer<HeapBuffer<int>, 16>>("SvoBuffer<HeapBuffer<int>, 16>", 1);
    show<int, ExponentialGrowthBuffer<SvoBuffer<HeapBuffer<int>, 16>>>(
        "ExponentialGrowthBuffer<SvoBuffer<HeapBuffer<int>, 16>>", 1);
    show<int, AtLeastBuffer<ExponentialGrowthBuffer<HeapBuffer<int>>, 32>>(
        "AtLeastBuffer<ExponentialGrowthBuffer<HeapBuffer<int>>, 32>", 1);
    show<std::string, ExponentialGrowthBuffer<SvoBuffer<HeapBuffer<std::string>, 4>>>(
        "ExponentialGrowthBuffer<SvoBuffer<HeapBuffer<string>, 4>>", std::string(32, 's'));
    show<int, IndirectBuffer<std::unique_ptr<InlineBuffer<int, 64>>>>(
        "IndirectBuffer<unique_ptr<InlineBuffer<int, 64>>>", 1);
    show<Tag, ZstoBuffer<SvoBuffer<HeapBuffer<Tag>, 8>>>("ZstoBuffer<SvoBuffer<HeapBuffer<Tag>, 8>>",
                                                       Tag{});
    show<std::array<float, 3>, ExponentialGrowthBuffer<ArrayBuffer<HeapBuffer<float>, 3>>>(
        "ExponentialGrowthBuffer<ArrayBuffer<HeapBuffer<float>, 3>>", {1, 2, 3});
    std::printf("(for comparison: sizeof(std::vector<int>) is %zu)\n", sizeof(std::vector<int>));
    return 0;
}
