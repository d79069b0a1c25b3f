// Vector's promises at the edges: a buffer that cannot (or claims to but does not) grow,
// allocators that refuse, destructors that throw part-way, self-referencing arguments,
// relocation that moves rather than copies, and the defects of the seed's Vector.

#include "support/failing_allocator.hpp"
#include "support/tracked.hpp"
#include "support/tracking.hpp"
#include "support/values.hpp"
#include "support/vector_helpers.hpp"

#include <buffers/collections/vector.hpp>

#include <catch2/catch.hpp>

#include <cstddef>
#include <memory_resource>
#include <new>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace {
namespace mp = boost::mp11;
namespace fam = support::family;
using namespace support;
using ivec = std::vector<int>;

// A buffer that claims success from try_grow without the capacity (the seed's defect).
template <class T>
struct LyingBuffer : buffers::IndirectBuffer<buffers::HeapBuffer<T>> {
    using buffers::IndirectBuffer<buffers::HeapBuffer<T>>::IndirectBuffer;
    buffers::Status try_grow(std::size_t, buffers::Live) { return buffers::Status::ok; }
};

using dtor_cases = vector_product<mp::mp_list<fam::Default, fam::Heap, fam::Inline64, fam::Svo4, fam::PmrAllocator,
                                              fam::ExponentialSvo4>,
                                  mp::mp_list<ThrowingDtor>>;
using fixed_cases = std::tuple<buffers::Vector<std::string, buffers::InlineBuffer<std::string, 4>>,
                               buffers::Vector<Counted, buffers::InlineBuffer<Counted, 4>>,
                               buffers::Vector<int, buffers::InlineBuffer<int, 4>>>;
} // namespace

TEST_CASE("a buffer that reports growth without capacity is caught", "[collections][vector]") {
    buffers::Vector<int, LyingBuffer<int>> v;
    CHECK_THROWS_AS(v.push_back(1), std::length_error);
    CHECK(v.empty());
    CHECK(v.try_push_back(1) == nullptr);
    CHECK(v.try_emplace_back(1) == nullptr);
    CHECK(v.empty());
    CHECK_THROWS_AS(v.reserve(4), std::length_error);
    CHECK_THROWS_AS(v.resize(3), std::length_error);
    CHECK_THROWS_AS(v.insert(v.begin(), 2, 7), std::length_error);
    CHECK(v.empty());
    CHECK(v.capacity() == 0);
}

TEMPLATE_LIST_TEST_CASE("a full fixed-capacity vector refuses and stays unchanged",
                        "[collections][vector]", fixed_cases) {
    using V = TestType;
    using T = element_t<V>;
    LeakGuard guard;
    V v = make_sequence<V>(4);
    const ivec four{0, 1, 2, 3};
    CHECK(v.max_size() == 4);
    CHECK_THROWS_AS(v.push_back(make<T>(9)), std::length_error);
    CHECK_THROWS_AS(v.emplace_back(make<T>(9)), std::length_error);
    CHECK_THROWS_AS(v.push_back(v[0]), std::length_error);
    CHECK_THROWS_AS(v.insert(v.begin(), make<T>(9)), std::length_error);
    CHECK_THROWS_AS(v.insert(v.begin() + 1, 2, make<T>(9)), std::length_error);
    CHECK_THROWS_AS(v.resize(5), std::length_error);
    CHECK_THROWS_AS(v.reserve(5), std::length_error);
    CHECK(ids(v) == four);
    CHECK(v.try_push_back(make<T>(9)) == nullptr);
    CHECK(v.try_emplace_back(make<T>(9)) == nullptr);
    CHECK(ids(v) == four);
    CHECK_THROWS_AS(V(5), std::length_error);
    const std::vector<T> five = std_vector_of<T>({1, 2, 3, 4, 5});
    CHECK_THROWS_AS(v.assign(five.begin(), five.end()), std::length_error);
    CHECK_THROWS_AS(v.assign(5, make<T>(9)), std::length_error);
    CHECK(ids(v) == four); // refused before anything was cleared
    v.pop_back();
    CHECK(v.try_push_back(make<T>(9)) != nullptr);
    CHECK(ids(v) == ivec{0, 1, 2, 9});
}

TEST_CASE("out of memory: push_back throws std::bad_alloc and changes nothing",
          "[collections][vector]") {
    SECTION("a pmr resource that refuses") {
        using A = std::pmr::polymorphic_allocator<std::string>;
        buffers::Vector<std::string, buffers::AllocatorBuffer<std::string, A>> v{
            A(std::pmr::null_memory_resource())};
        CHECK_THROWS_AS(v.push_back(make<std::string>(1)), std::bad_alloc);
        CHECK(v.empty());
        CHECK(v.try_push_back(make<std::string>(1)) == nullptr);
    }
    SECTION("an allocator that fails on demand, inside a small buffer") {
        LeakGuard guard;
        AllocState& state = default_alloc_state();
        using B = buffers::SvoBuffer<buffers::AllocatorBuffer<Counted, FailingAllocator<Counted>>, 2>;
        buffers::Vector<Counted, B> v;
        v.emplace_back(1);
        v.emplace_back(2);
        state.fail_all = true;
        CHECK_THROWS_AS(v.emplace_back(3), std::bad_alloc);
        CHECK_THROWS_AS(v.reserve(10), std::bad_alloc);
        CHECK(v.try_emplace_back(3) == nullptr);
        state.reset_failures();
        CHECK(ids(v) == ivec{1, 2});
        CHECK(v.buffer().is_inline());
        v.emplace_back(3);
        CHECK(ids(v) == ivec{1, 2, 3});
    }
}

TEMPLATE_LIST_TEST_CASE("a destructor that throws part-way never leads to double destruction",
                        "[collections][vector][exceptions]", dtor_cases) {
    using V = TestType;
    INFO("vector: " << type_name<V>());
    LeakGuard guard;
    Disarm disarm_on_exit;
    for (long n = 1; n <= 6; ++n) {
        INFO("the destructor that throws: " << n);
        {
            V v = make_sequence<V>(6);
            arm_destructor(n);
            CHECK_THROWS_AS(v.clear(), TestError);
            disarm_destructor();
            // Destroyed from the back: the one that threw is gone, the ones before it remain.
            CHECK(v.size() == static_cast<std::size_t>(6 - n));
            for (std::size_t i = 0; i < v.size(); ++i)
                CHECK(v[i].id() == static_cast<int>(i));
        }
        {
            V v = make_sequence<V>(6);
            arm_destructor(n);
            CHECK_THROWS_AS(v.resize(0), TestError);
            disarm_destructor();
            CHECK(v.size() == static_cast<std::size_t>(6 - n));
        }
        {
            V v = make_sequence<V>(6);
            arm_destructor(n);
            CHECK_THROWS_AS(v.erase(v.begin(), v.end()), TestError);
            disarm_destructor();
            CHECK(v.size() <= 6);
        }
        {
            V v = make_sequence<V>(6);
            arm_destructor(n);
            bool threw = false;
            try {
                v.erase(v.begin() + 1);
            } catch (const TestError&) {
                threw = true;
            }
            disarm_destructor();
            CHECK(v.size() <= 6);
            CHECK((threw || v.size() == 5));
        }
    }
    V v = make_sequence<V>(3);
    arm_destructor(1);
    CHECK_THROWS_AS(v.pop_back(), TestError);
    disarm_destructor();
    CHECK(ids(v) == ivec{0, 1});
}

TEST_CASE("self-referencing arguments survive reallocation", "[collections][vector]") {
    using V = buffers::Vector<std::string, buffers::HeapBuffer<std::string>>;
    V v = make_sequence<V>(4); // exact growth: always full
    REQUIRE(v.size() == v.capacity());
    v.push_back(v[0]);
    CHECK(id_of(v.back()) == 0);
    v.shrink_to_fit();
    v.insert(v.begin(), v[3]);
    CHECK(ids(v) == ivec{3, 0, 1, 2, 3, 0});
    v.shrink_to_fit();
    v.insert(v.begin() + 2, 3, v[5]);
    CHECK(ids(v) == ivec{3, 0, 0, 0, 0, 1, 2, 3, 0});
    v.shrink_to_fit();
    v.emplace(v.begin(), v.back());
    CHECK(id_of(v.front()) == 0);
    v.shrink_to_fit();
    v.emplace_back(v[1]);
    CHECK(id_of(v.back()) == 3);
    v.shrink_to_fit();
    v.resize(v.size() + 2, v[1]);
    CHECK(id_of(v.back()) == 3);
    v.assign(30, v[0]);
    CHECK(ids(v) == ivec(30, 0));
}

TEST_CASE("growth moves elements whose move cannot throw, and copies the others",
          "[collections][vector]") {
    LeakGuard guard;
    {
        buffers::Vector<Counted, buffers::HeapBuffer<Counted>> v = make_sequence<
            buffers::Vector<Counted, buffers::HeapBuffer<Counted>>>(5);
        const Counts before = counts();
        v.reserve(10);
        CHECK(counts().moves - before.moves == 5);
        CHECK(counts().copies == before.copies);
        v.emplace_back(7); // room left: built in place, nothing else moves
        CHECK(counts().moves - before.moves == 5);
        CHECK(counts().value_constructions - before.value_constructions == 1);
    }
    {
        buffers::Vector<Throwing, buffers::HeapBuffer<Throwing>> v =
            make_sequence<buffers::Vector<Throwing, buffers::HeapBuffer<Throwing>>>(5);
        const Counts before = counts();
        v.reserve(10);
        CHECK(counts().copies - before.copies == 5); // move_if_noexcept
        CHECK(counts().moves == before.moves);
    }
}

TEST_CASE("the seed's Vector defects are ruled out", "[collections][vector]") {
    SECTION("shrink_to below the size keeps every element") {
        buffers::Vector<std::string, buffers::HeapBuffer<std::string>> v;
        for (int i = 0; i < 5; ++i)
            v.push_back(make<std::string>(i));
        v.reserve(20);
        v.shrink_to(7);
        CHECK(v.capacity() == 7);
        v.shrink_to(2);
        CHECK(v.capacity() == 5);
        CHECK(ids(v) == ivec{0, 1, 2, 3, 4});
        v.reserve(20);
        v.shrink_to_fit();
        CHECK(v.capacity() == 5);
    }
    SECTION("data() and the slice of an empty vector are usable") {
        buffers::Vector<int> v;
        const std::span<int> empty = v;
        CHECK(empty.empty());
        CHECK(v.data() + v.size() == v.data());
        buffers::Vector<int, buffers::InlineBuffer<int, 4>> fixed;
        CHECK(fixed.data() != nullptr);
        const std::span<const int> s(fixed.data(), fixed.size());
        CHECK(s.empty());
        v.push_back(1);
        v.clear();
        CHECK(std::span<int>(v).empty());
    }
    SECTION("growth that succeeds always has the capacity") {
        buffers::Vector<int, buffers::AtLeastBuffer<buffers::HeapBuffer<int>, 3>> v;
        for (int i = 0; i < 100; ++i) {
            v.push_back(i);
            REQUIRE(v.capacity() >= v.size());
        }
    }
    SECTION("at() checks its index in every build") {
        buffers::Vector<int> v{1, 2, 3};
        CHECK_THROWS_AS(v.at(3), std::out_of_range);
        CHECK_THROWS_AS(v.at(static_cast<std::size_t>(-1)), std::out_of_range);
        CHECK(v.at(2) == 3);
    }
}
