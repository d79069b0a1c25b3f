// What each base buffer promises beyond the shared contract: sizes, exact growth, fixed
// capacity, caller storage, allocator behaviour, and growth when the allocator refuses.

#include "support/allocation_failure.hpp"
#include "support/buffer_contract.hpp"
#include "support/buffer_families.hpp"

#include <buffers/base/allocator_buffer.hpp>
#include <buffers/base/heap_buffer.hpp>
#include <buffers/base/inline_buffer.hpp>
#include <buffers/base/slice_buffer.hpp>
#include <buffers/base/zst_buffer.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cstddef>
#include <memory_resource>
#include <string>

namespace {
using buffers::Live;
using buffers::Status;
using support::Counted;
using support::FailingAllocator;
using support::OverAligned;

using failing_cases = support::buffer_product<boost::mp11::mp_list<support::family::FailingAlloc>,
                                              support::standard_elements>;
} // namespace

TEST_CASE("base buffers take no avoidable space", "[base][size]") {
    constexpr std::size_t word = sizeof(void*);
    STATIC_REQUIRE(sizeof(buffers::HeapBuffer<int>) <= 2 * word);
    STATIC_REQUIRE(sizeof(buffers::HeapBuffer<std::string>) <= 2 * word);
    STATIC_REQUIRE(sizeof(buffers::HeapBuffer<OverAligned>) <= 2 * word);
    STATIC_REQUIRE(sizeof(buffers::InlineBuffer<int, 16>) == 16 * sizeof(int));
    STATIC_REQUIRE(sizeof(buffers::InlineBuffer<char, 3>) == 3);
    STATIC_REQUIRE(sizeof(buffers::InlineBuffer<std::string, 4>) == 4 * sizeof(std::string));
    STATIC_REQUIRE(sizeof(buffers::InlineBuffer<OverAligned, 2>) == 2 * sizeof(OverAligned));
    STATIC_REQUIRE(alignof(buffers::InlineBuffer<OverAligned, 2>) == 64);
    STATIC_REQUIRE(sizeof(buffers::SliceBuffer<int>) <= 2 * word);
    // An empty allocator takes no space.
    STATIC_REQUIRE(sizeof(buffers::AllocatorBuffer<int>) <= 2 * word);
    STATIC_REQUIRE(std::is_empty_v<buffers::ZstBuffer<support::Tag>>);
}

TEST_CASE("HeapBuffer grows exactly to the target", "[base][heap]") {
    buffers::HeapBuffer<int> b;
    CHECK(b.capacity() == 0);
    CHECK(b.data() == nullptr);
    for (std::size_t n : {1u, 2u, 3u, 7u, 8u, 100u}) {
        REQUIRE(b.try_grow(n, Live{}) == Status::ok);
        CHECK(b.capacity() == n);
    }
    REQUIRE(b.try_grow(50, Live{}) == Status::ok); // never shrinks on growth
    CHECK(b.capacity() == 100);
    REQUIRE(b.try_shrink(10, Live{}) == Status::ok);
    CHECK(b.capacity() == 10);
    CHECK(b.try_grow(b.max_capacity() + 1, Live{}) == Status::exceeds_max_capacity);
    CHECK(b.capacity() == 10);
    REQUIRE(b.try_shrink(0, Live{}) == Status::ok);
    CHECK(b.capacity() == 0);
    CHECK(b.data() == nullptr);
}

TEST_CASE("HeapBuffer hands out aligned slots for over-aligned types", "[base][heap]") {
    buffers::HeapBuffer<OverAligned> b;
    for (std::size_t n : {1u, 3u, 17u}) {
        REQUIRE(b.try_grow(n, Live{}) == Status::ok);
        CHECK(reinterpret_cast<std::uintptr_t>(b.data()) % 64 == 0);
    }
}

TEST_CASE("InlineBuffer cannot grow past N: an error, not undefined behaviour", "[base][inline]") {
    buffers::InlineBuffer<std::string, 4> b;
    CHECK(b.capacity() == 4);
    CHECK(b.try_grow(4, Live{}) == Status::ok);
    b.put(0, support::make<std::string>(1));
    CHECK(b.try_grow(5, Live(1)) == Status::exceeds_max_capacity);
    CHECK(b.capacity() == 4);
    CHECK(support::id_of(b.get(0)) == 1);
    b.destroy(0);

    buffers::InlineBuffer<int, 0> none;
    CHECK(none.capacity() == 0);
    CHECK(none.try_grow(0, Live{}) == Status::ok);
    CHECK(none.try_grow(1, Live{}) == Status::exceeds_max_capacity);
}

TEST_CASE("SliceBuffer uses the caller's storage and cannot grow past it", "[base][slice]") {
    buffers::RawSlot<std::string> storage[3];
    buffers::SliceBuffer<std::string> b{std::span(storage)};
    CHECK(b.capacity() == 3);
    CHECK(static_cast<void*>(b.data()) == static_cast<void*>(storage));
    CHECK(b.try_grow(4, Live{}) == Status::exceeds_max_capacity);
    b.put(2, support::make<std::string>(5));
    CHECK(support::id_of(b.get(2)) == 5);
    b.destroy(2);

    // From raw bytes, only the aligned part that holds whole values is used.
    alignas(8) std::byte bytes[8 * sizeof(double) + 5];
    buffers::SliceBuffer<double> from_bytes{std::span(bytes).subspan(3)};
    CHECK(reinterpret_cast<std::uintptr_t>(from_bytes.data()) % alignof(double) == 0);
    CHECK(from_bytes.capacity() == 7);
    std::byte tiny[2];
    buffers::SliceBuffer<double> too_small{std::span(tiny)};
    CHECK(too_small.capacity() == 0);
}

TEST_CASE("ZstBuffer stores nothing and never allocates", "[base][zst]") {
    buffers::ZstBuffer<support::Tag> b;
    CHECK(b.capacity() == static_cast<std::size_t>(PTRDIFF_MAX));
    CHECK(b.try_grow(1000000, Live{}) == Status::ok);
    b.put(999999, support::Tag{});
    CHECK(b.get(999999) == support::Tag{});
    STATIC_REQUIRE(std::is_same_v<decltype(b.get(0)), support::Tag>);
}

TEST_CASE("AllocatorBuffer allocates through its allocator", "[base][allocator]") {
    std::array<std::byte, 4096> arena{};
    std::pmr::monotonic_buffer_resource resource(arena.data(), arena.size(),
                                                 std::pmr::null_memory_resource());
    using B = buffers::AllocatorBuffer<int, std::pmr::polymorphic_allocator<int>>;
    B b{std::pmr::polymorphic_allocator<int>(&resource)};
    REQUIRE(b.try_grow(16, Live{}) == Status::ok);
    const auto* first = reinterpret_cast<const std::byte*>(b.data());
    CHECK(first >= arena.data());
    CHECK(first < arena.data() + arena.size());
    CHECK(b.get_allocator().resource() == &resource);
    // The arena is exhausted: the allocator throws, the buffer reports it.
    CHECK(b.try_grow(100000, Live{}) == Status::out_of_memory);
    CHECK(b.capacity() == 16);
}

TEST_CASE("AllocatorBuffer keeps each value in its own allocator's memory", "[base][allocator]") {
    support::AllocState a_state, b_state;
    using Alloc = FailingAllocator<Counted>;
    using B = buffers::AllocatorBuffer<Counted, Alloc>;
    support::LeakGuard guard;
    {
        B a{Alloc(1, a_state)};
        B b{Alloc(2, b_state)};
        REQUIRE(a.try_grow(4, Live{}) == Status::ok);
        for (int i = 0; i < 3; ++i)
            a.put(static_cast<std::size_t>(i), i);
        // Unequal allocators: the values move one by one into b's own block.
        const long moves = support::counts().moves;
        b.relocate_from(a, Live(3));
        CHECK(support::counts().moves - moves == 3);
        CHECK(b.get_allocator().id() == 2);
        CHECK(b_state.allocations == 1);
        for (int i = 0; i < 3; ++i)
            CHECK(b.get(static_cast<std::size_t>(i)).id() == i);

        // The collection's copy keeps the allocator (select_on_container_copy_construction).
        B copy(buffers::copy_config, b);
        CHECK(copy.get_allocator().id() == 2);
        CHECK(copy.capacity() == 0);

        // Equal allocators: the block itself changes hands.
        B c{Alloc(2, b_state)};
        const Counted* block = b.data();
        c.relocate_from(b, Live(3));
        CHECK(c.data() == block);
        CHECK(b.capacity() == 0);
        buffers::destroy_range(c, 0, 3);
    }
    CHECK(a_state.live_blocks() == 0);
    CHECK(b_state.live_blocks() == 0);
}

TEMPLATE_LIST_TEST_CASE("base buffers survive a refusing allocator", "[base][allocator]",
                        failing_cases) {
    support::allocation_failure_contract<TestType>();
}
