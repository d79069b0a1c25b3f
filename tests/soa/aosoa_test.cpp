// AoSoA buffers: the block layout, blocks(v) and per-block columns, growth, and the SoA row
// interface over blocked rows (the differential test in soa_vector_test.cpp covers the rest).

#include <support/tracked.hpp>

#include <buffers/buffers.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

namespace aos {

struct Vec3 {
    float x, y, z;
    friend bool operator==(const Vec3&, const Vec3&) = default;
};
struct P {
    float x, y;
    int id;
    friend bool operator==(const P&, const P&) = default;
};
struct Seven {
    float a, b, c, d, e, f, g;
};
struct Mixed {
    char c;
    double d;
    float f;
};
struct Body {
    Vec3 pos;
    std::string name;
    double mass;
    friend bool operator==(const Body&, const Body&) = default;
};

} // namespace aos

template <>
inline constexpr bool buffers::soa_flatten<aos::Vec3> = true;

namespace {

using aos::Body;
using aos::P;
using aos::Vec3;

P make_p(int k) {
    return P{static_cast<float>(k), static_cast<float>(2 * k), k};
}
Body make_body(int k) {
    const float f = static_cast<float>(k);
    return Body{{f, f + 1, f + 2}, "body " + std::to_string(k) + std::string(24, '*'), k * 0.5};
}

std::uintptr_t addr(const void* p) {
    return reinterpret_cast<std::uintptr_t>(p);
}

} // namespace

TEST_CASE("AoSoA rows sit in blocks of Lanes values per column", "[aosoa][layout]") {
    using Buf = buffers::AosoaBuffer<P, 4>;
    STATIC_REQUIRE(Buf::column_offset<0> == 0);
    STATIC_REQUIRE(Buf::column_offset<1> == 4 * sizeof(float));
    STATIC_REQUIRE(Buf::column_offset<2> == 8 * sizeof(float));
    // 4 floats, 4 floats, 4 ints: 48 bytes, each group aligned like 4 floats, no padding.
    STATIC_REQUIRE(Buf::block_bytes == 48);
    STATIC_REQUIRE(Buf::block_alignment == 16);

    buffers::Vector<P, Buf> v;
    for (int k = 0; k < 10; ++k)
        v.push_back(make_p(k));
    REQUIRE(v.capacity() % 4 == 0);
    // Row i, field x: block i / 4, lane i % 4.
    const auto base = addr(&buffers::get<0>(v[0]));
    CHECK(base % 16 == 0);
    for (std::size_t i = 0; i < 10; ++i) {
        const auto b = i / 4, lane = i % 4;
        CHECK(addr(&buffers::get<0>(v[i])) == base + b * 48 + lane * 4);
        CHECK(addr(&buffers::get<1>(v[i])) == base + b * 48 + 16 + lane * 4);
        CHECK(addr(&buffers::get<2>(v[i])) == base + b * 48 + 32 + lane * 4);
        CHECK(v[i] == make_p(static_cast<int>(i)));
    }
    // No column of the whole vector is one array.
    STATIC_REQUIRE_FALSE(buffers::detail::soa_column_buffer<Buf>);
}

TEST_CASE("AoSoA blocks are padded only to what their lane groups need", "[aosoa][layout]") {
    // Seven float columns of 8 lanes: groups of 32 bytes, blocks of 224 (a cache-line
    // multiple, 256, would make a loop over every row stream 12% more bytes).
    using B7 = buffers::AosoaBuffer<aos::Seven, 8>;
    STATIC_REQUIRE(B7::block_bytes == 7 * 32);
    STATIC_REQUIRE(B7::block_alignment == 32);
    STATIC_REQUIRE(B7::column_offset<6> == 6 * 32);
    // 8 chars (8 bytes), 8 doubles (64, a cache line), 8 floats (32): each group at a multiple
    // of its alignment, the block a multiple of the largest.
    using BM = buffers::AosoaBuffer<aos::Mixed, 8>;
    STATIC_REQUIRE(BM::column_offset<1> == 64);
    STATIC_REQUIRE(BM::column_offset<2> == 128);
    STATIC_REQUIRE(BM::block_alignment == 64);
    STATIC_REQUIRE(BM::block_bytes == 192);
    // Lanes of one char: aligned like the field itself.
    STATIC_REQUIRE(buffers::AosoaBuffer<aos::Mixed, 1>::column_offset<1> == 8);

    buffers::AosoaVector<aos::Seven, 8> v;
    for (int k = 0; k < 40; ++k) {
        const float f = static_cast<float>(k);
        v.push_back(aos::Seven{f, f, f, f, f, f, f + 1});
    }
    for (auto b : buffers::blocks(v)) {
        CHECK(addr(buffers::column<0>(b).data()) % 32 == 0);
        CHECK(addr(buffers::column<6>(b).data()) % 32 == 0);
    }
    CHECK(buffers::get<6>(v[39]) == 40.0f);
}

TEST_CASE("blocks(v) gives per-block column spans, the last block partial", "[aosoa][blocks]") {
    buffers::AosoaVector<P, 8> v;
    for (int k = 0; k < 21; ++k)
        v.push_back(make_p(k));
    auto bs = buffers::blocks(v);
    STATIC_REQUIRE(std::ranges::random_access_range<decltype(bs)>);
    REQUIRE(std::ranges::size(bs) == 3);
    std::vector<std::size_t> sizes;
    int expected = 0;
    for (auto b : bs) {
        std::span<float> xs = buffers::column<0>(b);
        std::span<int> ids = buffers::column<&P::id>(b);
        sizes.push_back(xs.size());
        CHECK(addr(xs.data()) % 32 == 0);
        for (std::size_t j = 0; j < xs.size(); ++j, ++expected) {
            CHECK(xs[j] == static_cast<float>(expected));
            CHECK(ids[j] == expected);
            xs[j] += 0.5f; // writes the rows
        }
    }
    CHECK(sizes == std::vector<std::size_t>{8, 8, 5});
    CHECK(buffers::get<0>(v[20]) == 20.5f);

    const auto& cv = v;
    auto cb = buffers::blocks(cv);
    std::span<const float> ys = buffers::column<&P::y>(cb[1]);
    CHECK(ys[0] == 16.0f);

    buffers::AosoaVector<P, 8> empty;
    CHECK(std::ranges::empty(buffers::blocks(empty)));
}

TEST_CASE("AoSoA over flattened fields and owning fields", "[aosoa][flatten]") {
    support::LeakGuard guard;
    buffers::AosoaVector<Body, 4> v;
    std::vector<Body> ref;
    for (int k = 0; k < 37; ++k) {
        v.push_back(make_body(k));
        ref.push_back(make_body(k));
    }
    v.insert(v.begin() + 3, make_body(100));
    ref.insert(ref.begin() + 3, make_body(100));
    v.erase(v.begin() + 10, v.begin() + 15);
    ref.erase(ref.begin() + 10, ref.begin() + 15);
    buffers::erase_if(v, [](const auto& r) { return buffers::get<2>(r) > 15.0; });
    std::erase_if(ref, [](const Body& b) { return b.mass > 15.0; });
    REQUIRE(v.size() == ref.size());
    for (std::size_t i = 0; i < ref.size(); ++i)
        CHECK(v[i] == ref[i]);

    // Nested rows and leaf columns per block.
    buffers::get<0>(v[2]) = Vec3{9, 8, 7};
    ref[2].pos = Vec3{9, 8, 7};
    auto b0 = buffers::blocks(v)[0];
    CHECK(buffers::column<&Body::pos, &Vec3::y>(b0)[2] == 8.0f);
    CHECK(buffers::column<3>(b0)[1] == ref[1].name);

    // Sorting moves rows across blocks.
    buffers::sort(v, std::greater{}, buffers::field<&Body::mass>);
    std::ranges::sort(ref, std::greater{}, &Body::mass);
    for (std::size_t i = 0; i < ref.size(); ++i)
        CHECK(v[i] == ref[i]);
    std::ranges::sort(v, {}, [](const auto& r) { return buffers::get<1>(r); });
    std::ranges::sort(ref, {}, &Body::name);
    for (std::size_t i = 0; i < ref.size(); ++i)
        CHECK(v[i] == ref[i]);

    auto [pos, name, mass] = v[0];
    name = "renamed";
    CHECK(Body(v[0]).name == "renamed");
    (void)pos;
    (void)mass;

    v.shrink_to_fit();
    CHECK(v.capacity() % 4 == 0);
    CHECK(v.capacity() - v.size() < 4);
    for (std::size_t i = 1; i < ref.size(); ++i)
        CHECK(v[i] == ref[i]);
}

TEST_CASE("AoSoA growth keeps values when a field's copy throws", "[aosoa][exception]") {
    struct Guarded {
        int i;
        support::Throwing t;
    };
    support::LeakGuard guard;
    support::Disarm disarm;
    buffers::Vector<Guarded, buffers::AosoaBuffer<Guarded, 2>> v;
    for (int i = 0; i < 5; ++i)
        v.push_back(Guarded{i, support::Throwing(i)});
    for (long n = 1; n < 30; ++n) {
        const auto before = v.size();
        support::arm(n);
        try {
            v.push_back(Guarded{99, support::Throwing(99)});
        } catch (const support::TestError&) {
        }
        support::disarm();
        REQUIRE((v.size() == before || v.size() == before + 1));
        for (std::size_t i = 0; i < 5; ++i)
            CHECK(buffers::get<0>(v[i]) == static_cast<int>(i));
    }
}

TEST_CASE("AoSoA deques", "[aosoa][deque]") {
    buffers::Deque<P, buffers::ExponentialGrowthBuffer<buffers::AosoaBuffer<P, 4>>> d;
    for (int k = 0; k < 9; ++k)
        d.push_back(make_p(k));
    for (int k = 0; k < 5; ++k)
        d.pop_front();
    for (int k = 9; k < 20; ++k)
        d.push_back(make_p(k));
    d.push_front(make_p(4));
    REQUIRE(d.size() == 16);
    for (std::size_t i = 0; i < d.size(); ++i)
        CHECK(d[i] == make_p(static_cast<int>(i) + 4));
}
