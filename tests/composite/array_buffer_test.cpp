// ArrayBuffer's allocator-aware form: sub-buffers over an allocator (std::pmr included),
// built from one allocator or configured one by one.

#include <buffers/base/allocator_buffer.hpp>
#include <buffers/collections/vector.hpp>
#include <buffers/composite/array_buffer.hpp>
#include <buffers/composite/exponential_growth_buffer.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cstddef>
#include <memory_resource>
#include <string>
#include <type_traits>
#include <utility>

namespace {

template <class T>
using pmr_sub = buffers::AllocatorBuffer<T, std::pmr::polymorphic_allocator<T>>;
using Point = std::array<float, 3>;
using PmrArray = buffers::ArrayBuffer<pmr_sub<float>, 3>;
using PmrPoints = buffers::Vector<Point, buffers::ExponentialGrowthBuffer<PmrArray>>;

// An arena over a fixed block that refuses to go beyond it: every allocation made through it
// is provably inside the block.
struct Arena {
    alignas(64) std::array<std::byte, 1 << 15> block{};
    std::pmr::monotonic_buffer_resource resource{block.data(), block.size(),
                                                 std::pmr::null_memory_resource()};
    bool holds(const void* p) const noexcept {
        const auto* b = static_cast<const std::byte*>(p);
        return b >= block.data() && b < block.data() + block.size();
    }
};

Point point(int i) {
    const auto f = static_cast<float>(i);
    return {f, 2 * f, 3 * f};
}

TEST_CASE("ArrayBuffer over pmr sub-buffers takes its memory from the resource",
          "[composite][array][allocator]") {
    STATIC_REQUIRE(
        std::is_same_v<PmrArray::allocator_type, std::pmr::polymorphic_allocator<float>>);
    STATIC_REQUIRE(
        std::is_same_v<PmrPoints::allocator_type, std::pmr::polymorphic_allocator<float>>);
    Arena arena;
    PmrPoints v(&arena.resource);
    for (int i = 0; i < 200; ++i)
        v.push_back(point(i));
    CHECK(v.get_allocator().resource() == &arena.resource);
    for (std::size_t j = 0; j < 3; ++j) {
        const auto& sub = v.buffer().inner().sub_buffer(j);
        CHECK(sub.get_allocator().resource() == &arena.resource);
        CHECK(arena.holds(&sub.get(0)));
        CHECK(arena.holds(&sub.get(199)));
    }
    CHECK(Point(v[199]) == point(199));
    // The resource refuses more than its block: growth fails, and nothing changes.
    CHECK_THROWS_AS(v.reserve(100'000), std::bad_alloc);
    CHECK(v.size() == 200);
    CHECK(Point(v[100]) == point(100));
}

TEST_CASE("ArrayBuffer propagates its sub-buffers' allocators as AllocatorBuffer does",
          "[composite][array][allocator]") {
    Arena arena;
    Arena other;
    PmrPoints v(&arena.resource);
    for (int i = 0; i < 10; ++i)
        v.push_back(point(i));

    // polymorphic_allocator: a copy gets the default resource, unless one is given.
    PmrPoints copy(v);
    CHECK(copy.get_allocator().resource() == std::pmr::get_default_resource());
    CHECK(copy == v);
    PmrPoints placed(v, &other.resource);
    CHECK(placed.get_allocator().resource() == &other.resource);
    CHECK(other.holds(&placed.buffer().inner().sub_buffer(2).get(0)));
    CHECK(placed == v);

    // Assignments keep the target's resource (no propagation on copy or move).
    PmrPoints target(&other.resource);
    target = v;
    CHECK(target.get_allocator().resource() == &other.resource);
    CHECK(target == v);
    PmrPoints moved_into(&other.resource);
    moved_into = std::move(placed);
    CHECK(moved_into.get_allocator().resource() == &other.resource);
    CHECK(moved_into == v);

    // Equal resources: swap exchanges the storage.
    PmrPoints w(&arena.resource);
    w.push_back(point(42));
    const float* v_column = &v.buffer().inner().sub_buffer(1).get(0);
    swap(v, w);
    CHECK(&w.buffer().inner().sub_buffer(1).get(0) == v_column);
    CHECK(v.size() == 1);
    CHECK(w.size() == 10);
}

TEST_CASE("ArrayBuffer built from sub-buffers configured one by one",
          "[composite][array][allocator]") {
    Arena x;
    Arena y;
    Arena z;
    buffers::Vector<Point, PmrArray> v{PmrArray{
        pmr_sub<float>{&x.resource}, pmr_sub<float>{&y.resource}, pmr_sub<float>{&z.resource}}};
    for (int i = 0; i < 50; ++i)
        v.push_back(point(i));
    // Each position lives in its own arena.
    CHECK(x.holds(&v.buffer().sub_buffer(0).get(49)));
    CHECK(y.holds(&v.buffer().sub_buffer(1).get(49)));
    CHECK(z.holds(&v.buffer().sub_buffer(2).get(49)));
    CHECK_FALSE(x.holds(&v.buffer().sub_buffer(1).get(0)));
    CHECK(Point(v[49]) == point(49));
    v.erase(v.begin());
    CHECK(Point(v.front()) == point(1));
}

TEST_CASE("ArrayBuffer over pmr sub-buffers of strings gives them the resource",
          "[composite][array][allocator]") {
    using Names = buffers::Vector<std::array<std::pmr::string, 2>,
                                  buffers::ArrayBuffer<pmr_sub<std::pmr::string>, 2>>;
    std::pmr::monotonic_buffer_resource arena;
    Names v(&arena);
    v.push_back({std::pmr::string(40, 'a'), std::pmr::string(40, 'b')});
    // Built through the allocator: the strings use the same resource (uses-allocator).
    CHECK(v.buffer().sub_buffer(1).get(0).get_allocator().resource() == &arena);
    CHECK(v[0][1] == std::pmr::string(40, 'b'));
}

} // namespace
