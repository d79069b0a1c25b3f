// The program the pretty-printer test runs under GDB: one container of each kind, stopped in
// inspect() with every container alive in main's frame. check.py holds the expected output.

#include "shapes.soa.hpp"

#include <buffers/buffers.hpp>
#include <buffers/collections/deque.hpp>
#include <buffers/soa/soa_deque.hpp>

#include <array>
#include <cstring>
#include <memory>
#include <memory_resource>
#include <string>

namespace {

// Not generated: the printers take the field names from the debug information.
struct Particle {
    float x = 0;
    double mass = 0;
    int id = 0;
};

struct Tag {};

// A user's composite, as docs/buffers.md shows it: the printers see through IndirectBuffer.
template <class B>
struct CountingBuffer : buffers::IndirectBuffer<B> {
    using buffers::IndirectBuffer<B>::IndirectBuffer;
    int growths = 0;
    buffers::Status try_grow(std::size_t n, buffers::Live live) {
        ++growths;
        return buffers::IndirectBuffer<B>::try_grow(n, live);
    }
};

// GDB stops here; the containers are in the caller's frame.
[[gnu::noinline]] void inspect(const void* anything) {
    asm volatile("" : : "r"(anything) : "memory");
}

} // namespace

int main() {
    using namespace buffers;

    Vector<int> ints{1, 2, 3};
    Vector<int> empty;
    Vector<int> many(300);
    for (std::size_t i = 0; i < many.size(); ++i)
        many[i] = static_cast<int>(i);

    Vector<std::string, SvoBuffer<HeapBuffer<std::string>, 4>> svo_inline{"a", "bc"};
    Vector<int, SvoBuffer<HeapBuffer<int>, 2>> svo_heap{1, 2, 3};
    Vector<int, InlineBuffer<int, 8>> fixed{7, 8, 9};

    RawSlot<long> storage[4];
    Vector<long, SliceBuffer<long>> slice{SliceBuffer<long>(std::span<RawSlot<long>>(storage))};
    slice.push_back(-1);
    slice.push_back(-2);

    std::array<std::byte, 256> arena_bytes{};
    std::pmr::monotonic_buffer_resource arena(arena_bytes.data(), arena_bytes.size());
    Vector<int, AllocatorBuffer<int, std::pmr::polymorphic_allocator<int>>> pmr{
        std::pmr::polymorphic_allocator<int>(&arena)};
    pmr.push_back(11);
    pmr.push_back(12);

    Vector<Tag> tags(2);
    Vector<std::array<int, 3>, ArrayBuffer<HeapBuffer<int>, 3>> arrays{{1, 2, 3}, {4, 5, 6}};
    Vector<int, AtLeastBuffer<HeapBuffer<int>, 16>> at_least{5};
    Vector<int, IndirectBuffer<std::unique_ptr<HeapBuffer<int>>>> boxed{9, 10};
    Vector<int, CountingBuffer<ExponentialGrowthBuffer<HeapBuffer<int>>>> counted{1, 2, 3, 4, 5};

    SoaVector<shapes::Point> points;
    points.push_back({1.5f, 2.5f, "first"});
    points.push_back({3.0f, 4.0f, "second"});
    SoaVector<Particle> particles;
    particles.push_back({0.5f, 2.0, 7});
    Vector<Particle, SvoBuffer<SoaBuffer<Particle>, 2>> soa_svo;
    soa_svo.push_back({1.0f, 1.0, 1});
    Vector<Particle, SvoBuffer<SoaBuffer<Particle>, 2>> soa_svo_heap;
    for (int i = 1; i <= 3; ++i)
        soa_svo_heap.push_back({static_cast<float>(i), 0.0, i});
    InlineSoaVector<Particle, 4> soa_fixed;
    soa_fixed.push_back({2.0f, 3.0, 4});

    // A ring that wraps: slots 5..7 hold 5, 6, 7, slots 0..2 hold 8, 9, 10.
    Deque<int> ring;
    for (int i = 0; i < 8; ++i)
        ring.push_back(i);
    for (int i = 0; i < 5; ++i)
        ring.pop_front();
    for (int i = 8; i < 11; ++i)
        ring.push_back(i);
    Deque<int, InlineBuffer<int, 4>> inline_ring;
    inline_ring.push_back(2);
    inline_ring.push_front(1);
    inline_ring.push_front(0);
    SoaDeque<shapes::Point> point_ring;
    point_ring.push_back({1.0f, 1.0f, "back"});
    point_ring.push_front({0.0f, 0.0f, "front"});

    // Garbage, as a debugger meets it before construction or after destruction.
    alignas(Vector<int>) unsigned char ones[sizeof(Vector<int>)];
    std::memset(ones, 0xff, sizeof ones);
    const auto* garbage = reinterpret_cast<const Vector<int>*>(ones);
    alignas(Vector<int>) unsigned char bad_pointer[sizeof(Vector<int>)];
    {
        // ptr_ = 0x10, last_ = 8 ints later, size_ = 2 ints in (the count of a contiguous
        // collection is its end address): plausible numbers, unreadable memory.
        const std::size_t words[3] = {0x10, 0x10 + 8 * sizeof(int), 0x10 + 2 * sizeof(int)};
        std::memcpy(bad_pointer, words, sizeof words);
    }
    const auto* unreadable = reinterpret_cast<const Vector<int>*>(bad_pointer);
    alignas(Deque<int>) unsigned char null_ring[sizeof(Deque<int>)];
    {
        // ptr_ = null, last_ = 9 ints on, head_ = 1, size_ = 4, ring modulus 0.
        const std::size_t words[5] = {0, 9 * sizeof(int), 1, 4, 0};
        std::memcpy(null_ring, words, sizeof words);
    }
    const auto* broken_ring = reinterpret_cast<const Deque<int>*>(null_ring);

    inspect(&ints);
    return static_cast<int>(garbage == nullptr) + static_cast<int>(unreadable == nullptr) +
           static_cast<int>(broken_ring == nullptr);
}
