// Vectors in an arena: AllocatorBuffer takes any allocator, std::pmr's included. The arena
// below has no upstream (null_memory_resource), so every byte comes from the stack buffer,
// the strings inside the vector included (polymorphic_allocator passes itself on to them).

#include <buffers/buffers.hpp>

#include <cstddef>
#include <cstdio>
#include <memory_resource>
#include <string>

template <class T>
using ArenaVector = buffers::Vector<
    T, buffers::ExponentialGrowthBuffer<buffers::AllocatorBuffer<T, std::pmr::polymorphic_allocator<T>>>>;

int main() {
    std::byte storage[16 * 1024];
    std::pmr::monotonic_buffer_resource arena(storage, sizeof storage,
                                              std::pmr::null_memory_resource());

    ArenaVector<std::pmr::string> words(&arena);
    for (int i = 0; i < 20; ++i)
        words.emplace_back("word number " + std::to_string(i) + ", long enough to allocate");

    const bool strings_in_arena = words.back().get_allocator().resource() == &arena;
    std::printf("%zu strings, capacity %zu, strings allocate from the arena: %s\n", words.size(),
                words.capacity(), strings_in_arena ? "yes" : "no");

    ArenaVector<int> numbers{std::pmr::polymorphic_allocator<int>(&arena)};
    for (int i = 0; i < 100; ++i)
        numbers.push_back(i);
    long sum = 0;
    for (int n : numbers)
        sum += n;
    std::printf("100 ints summed to %ld; no heap allocation was possible\n", sum);
    return strings_in_arena && sum == 4950 ? 0 : 1;
}
