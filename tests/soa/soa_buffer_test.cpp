// SoA buffers: layout, allocation, relocation rules and exception safety of growth.

#include "new_hook.hpp"

#include <support/tracked.hpp>

#include <buffers/buffers.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <string>

namespace {

using support::Counted;
using support::LeakGuard;
using support::Throwing;

struct Particle {
    float x, y, z;
    int id;
};

struct Mixed {
    char c;
    double d;
    std::string s;
    std::array<int, 3> a;
};

struct Inner {
    short a;
    long b;
};
enum class Kind : unsigned char { a, b, c };
struct Nested {
    Inner inner; // a nested aggregate is one column
    Kind kind;
    Counted counted;
};

struct WithThrowing {
    int i;
    Throwing t; // its move may throw: the column is copied during growth
    std::string s;
};

template <class V, std::size_t... I>
void check_alignment(const V& v, std::index_sequence<I...>) {
    const std::uintptr_t addresses[] = {
        reinterpret_cast<std::uintptr_t>(buffers::column<I>(v).data())...};
    for (std::uintptr_t a : addresses)
        CHECK(a % 64 == 0);
}

template <class T>
void check_all_columns_aligned(const buffers::SoaVector<T>& v) {
    check_alignment(v, std::make_index_sequence<buffers::soa_field_count_v<T>>());
}

} // namespace

TEST_CASE("SoaBuffer puts every column on a 64-byte boundary", "[soa][layout]") {
    buffers::SoaVector<Mixed> v;
    for (int i = 0; i < 100; ++i) {
        v.push_back(Mixed{'c', i * 1.5, std::to_string(i), {i, i, i}});
        check_all_columns_aligned(v);
    }
    buffers::SoaVector<Particle> p(7);
    check_all_columns_aligned(p);
}

TEST_CASE("SoaBuffer block size: each column padded to the alignment", "[soa][layout]") {
    using B = buffers::SoaBuffer<Particle>;
    // 3 rows: four columns of 12 bytes, each rounded up to 64.
    CHECK(B::block_bytes(3) == 4 * 64);
    // 16 rows: four columns of exactly 64 bytes.
    CHECK(B::block_bytes(16) == 4 * 64);
    CHECK(B::block_bytes(17) == 4 * 128);
}

TEST_CASE("SoaBuffer makes exactly one allocation per growth", "[soa][alloc]") {
    long& count = support::aligned_allocations();
    buffers::Vector<Mixed, buffers::SoaBuffer<Mixed>> bare; // no policy: pushes double it
    const long before = count;
    for (int i = 0; i < 10; ++i)
        bare.push_back(Mixed{'x', 1.0, "s", {}});
    CHECK(count - before == 5); // capacities 1, 2, 4, 8, 16
    bare.reserve(100);          // exact: one allocation of 100 rows
    CHECK(bare.capacity() == 100);
    CHECK(count - before == 6);

    buffers::SoaVector<Mixed> pow2;
    const long before2 = count;
    std::size_t growths = 0;
    std::size_t cap = pow2.capacity();
    for (int i = 0; i < 100; ++i) {
        pow2.push_back(Mixed{'x', 1.0, "s", {}});
        if (pow2.capacity() != cap) {
            ++growths;
            cap = pow2.capacity();
        }
    }
    CHECK(growths == 8); // 1, 2, 4, ..., 128
    CHECK(count - before2 == static_cast<long>(growths));
}

TEST_CASE("SoaBuffer growth keeps values of every column", "[soa][growth]") {
    LeakGuard guard;
    buffers::SoaVector<Nested> v;
    for (int i = 0; i < 50; ++i)
        v.push_back(Nested{{static_cast<short>(i), i * 10L}, Kind(i % 3), Counted(i)});
    for (int i = 0; i < 50; ++i) {
        Nested n = v[static_cast<std::size_t>(i)];
        CHECK(n.inner.a == i);
        CHECK(n.inner.b == i * 10L);
        CHECK(n.kind == Kind(i % 3));
        CHECK(n.counted.id() == i);
    }
    v.shrink_to_fit();
    CHECK(v.capacity() == 50);
    CHECK(buffers::get<2>(v[49]).id() == 49);
}

TEST_CASE("SoaBuffer growth is all-or-nothing when a column's copy throws", "[soa][exception]") {
    LeakGuard guard;
    support::Disarm disarm;
    buffers::Vector<WithThrowing, buffers::SoaBuffer<WithThrowing>> v;
    v.reserve(4);
    for (int i = 0; i < 4; ++i)
        v.push_back(WithThrowing{i, Throwing(i), std::to_string(i) + std::string(20, 'z')});
    const auto capacity = v.capacity();
    // Growth copies the 4 Throwing values (their move may throw), then the new element is
    // built: every n along the way must leave the vector exactly as it was.
    for (long n = 1; n <= 20; ++n) {
        support::arm(n);
        bool threw = false;
        try {
            v.push_back(WithThrowing{9, Throwing(9), "new"});
        } catch (const support::TestError&) {
            threw = true;
        }
        support::disarm();
        if (!threw) {
            CHECK(v.size() == 5);
            break;
        }
        REQUIRE(v.size() == 4);
        CHECK(v.capacity() == capacity);
        for (int i = 0; i < 4; ++i) {
            const auto row = v[static_cast<std::size_t>(i)];
            CHECK(buffers::get<0>(row) == i);
            CHECK(buffers::get<1>(row).id() == i);
            CHECK(buffers::get<2>(row) == std::to_string(i) + std::string(20, 'z'));
        }
    }
    CHECK(v.size() == 5);
}

TEST_CASE("InlineSoaBuffer: fixed capacity, columns inside the object", "[soa][inline]") {
    LeakGuard guard;
    buffers::InlineSoaVector<Mixed, 4> v;
    CHECK(v.capacity() == 4);
    for (int i = 0; i < 4; ++i)
        CHECK(v.try_push_back(Mixed{'a', 0.5, std::string(30, 'q'), {}}));
    CHECK_FALSE(v.try_push_back(Mixed{}));
    CHECK_THROWS_AS(v.push_back(Mixed{}), std::length_error);
    CHECK(v.size() == 4);
    const auto* self = reinterpret_cast<const std::byte*>(&v);
    const auto* col = reinterpret_cast<const std::byte*>(buffers::column<2>(v).data());
    CHECK(col >= self);
    CHECK(col < self + sizeof(v));
    CHECK(reinterpret_cast<std::uintptr_t>(buffers::column<1>(v).data()) % 64 == 0);

    buffers::InlineSoaVector<Mixed, 4> moved(std::move(v));
    CHECK(moved.size() == 4);
    CHECK(v.empty());
    CHECK(buffers::get<2>(moved[3]) == std::string(30, 'q'));
}

TEST_CASE("SvoBuffer over SoaBuffer keeps its inline rows in columns", "[soa][svo]") {
    LeakGuard guard;
    using V = buffers::Vector<Nested, buffers::SvoBuffer<buffers::SoaBuffer<Nested>, 3>>;
    STATIC_REQUIRE(std::is_same_v<V::buffer_type::small_type, buffers::InlineSoaBuffer<Nested, 3>>);
    V v;
    for (int i = 0; i < 3; ++i)
        v.push_back(Nested{{1, 2}, Kind::a, Counted(i)});
    CHECK(v.buffer().is_inline());
    v.push_back(Nested{{1, 2}, Kind::b, Counted(3)}); // N + 1: moves to the heap
    CHECK_FALSE(v.buffer().is_inline());
    for (int i = 0; i < 4; ++i)
        CHECK(buffers::get<2>(v[static_cast<std::size_t>(i)]).id() == i);
    v.pop_back();
    v.shrink_to_fit(); // back inside
    CHECK(v.buffer().is_inline());
    for (int i = 0; i < 3; ++i)
        CHECK(buffers::get<2>(v[static_cast<std::size_t>(i)]).id() == i);
    V other(std::move(v));
    CHECK(other.size() == 3);
    CHECK(buffers::get<2>(other[2]).id() == 2);
}

TEST_CASE("Composites over SoaBuffer", "[soa][composite]") {
    buffers::Vector<Particle, buffers::AtLeastBuffer<buffers::SoaBuffer<Particle>, 32>> at_least;
    at_least.push_back({1, 2, 3, 4});
    CHECK(at_least.capacity() == 32);
    buffers::Vector<Particle, buffers::ExponentialGrowthBuffer<
                                  buffers::AtLeastBuffer<buffers::SoaBuffer<Particle>, 3>>>
        stacked;
    for (int i = 0; i < 5; ++i)
        stacked.push_back({0, 0, 0, i});
    CHECK(stacked.capacity() == 8);
    CHECK(buffers::column<3>(stacked)[4] == 4);
}
