// Your own composite: derive from IndirectBuffer, override what changes. This one reports
// every growth; everything else (access, relocation, capabilities) is forwarded.
#include <buffers/buffers.hpp>

#include <cstdio>

template <class B>
struct ReportingBuffer : buffers::IndirectBuffer<B> {
    using buffers::IndirectBuffer<B>::IndirectBuffer;
    int growths = 0;

    buffers::Status try_grow(std::size_t n, buffers::Live live) {
        const std::size_t before = this->capacity();
        const buffers::Status s = buffers::IndirectBuffer<B>::try_grow(n, live);
        if (this->capacity() != before) {
            ++growths;
            std::printf("  grew for %zu live values: %zu -> %zu slots\n", live.count(), before,
                        this->capacity());
        }
        return s;
    }
};

int main() {
    using Buffer = ReportingBuffer<buffers::ExponentialGrowthBuffer<buffers::HeapBuffer<int>>>;
    buffers::Vector<int, Buffer> v;
    for (int i = 0; i < 40; ++i)
        v.push_back(i);
    std::printf("%zu values, %d growths, contiguous: %s\n", v.size(), v.buffer().growths,
                std::span<const int>(v).size() == v.size() ? "yes" : "no");
    return v.buffer().growths == 7 ? 0 : 1;
}
