// A composite written over a library composite, whose growth policy has the wrong signature
// (not const noexcept): the library's own buffers are trusted by the checks, a class derived
// from one is not.
// expect: hook next_capacity has the wrong signature

#include <buffers/base/heap_buffer.hpp>
#include <buffers/collections/vector.hpp>
#include <buffers/composite/exponential_growth_buffer.hpp>
#include <buffers/composite/zsto_buffer.hpp>

#include <cstddef>

struct Tripling : buffers::ExponentialGrowthBuffer<buffers::HeapBuffer<int>> {
    using buffers::ExponentialGrowthBuffer<buffers::HeapBuffer<int>>::ExponentialGrowthBuffer;
    std::size_t next_capacity(std::size_t n) { return 3 * n; }
};

int main() {
    buffers::Vector<int, buffers::ZstoBuffer<Tripling>> v;
    v.push_back(1);
}
