// Nested aggregates flattened into leaf columns (soa_flatten): the columns, the nested row
// proxies, and every SoA operation over a struct with flattened fields.

#include "new_hook.hpp"

#include <buffers/buffers.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

namespace flat {

struct Vec3 {
    float x, y, z;
    friend bool operator==(const Vec3&, const Vec3&) = default;
};
struct Tag {
    std::string name;
    int level;
    friend bool operator==(const Tag&, const Tag&) = default;
};
// Two levels: Frame's fields flatten, and so do the Vec3s inside it.
struct Frame {
    Vec3 origin;
    Tag tag;
    friend bool operator==(const Frame&, const Frame&) = default;
};
struct Unflattened {
    double a, b;
    friend bool operator==(const Unflattened&, const Unflattened&) = default;
};

struct Body {
    Vec3 pos;
    int id;
    Vec3 vel;
    Unflattened u;
    friend bool operator==(const Body&, const Body&) = default;
};
struct Deep {
    char c;
    Frame frame;
    std::string s;
    friend bool operator==(const Deep&, const Deep&) = default;
};

} // namespace flat

template <>
inline constexpr bool buffers::soa_flatten<flat::Vec3> = true;
template <>
inline constexpr bool buffers::soa_flatten<flat::Tag> = true;
template <>
inline constexpr bool buffers::soa_flatten<flat::Frame> = true;

namespace {

using flat::Body;
using flat::Deep;
using flat::Frame;
using flat::Tag;
using flat::Unflattened;
using flat::Vec3;

Body make_body(int k) {
    const float f = static_cast<float>(k);
    return Body{{f, f + 0.5f, f + 0.25f}, k, {-f, 2 * f, 3 * f}, {k * 1.5, -k * 1.5}};
}
Deep make_deep(int k) {
    const float f = static_cast<float>(k);
    return Deep{static_cast<char>('a' + k % 26),
                {{f, -f, f * f}, {"tag " + std::to_string(k) + std::string(20, '#'), k * 7}},
                "deep " + std::to_string(k) + std::string(30, '$')};
}

bool aligned64(const void* p) {
    return reinterpret_cast<std::uintptr_t>(p) % 64 == 0;
}

} // namespace

TEST_CASE("Flattened fields are one column per leaf, recursively", "[soa][flatten]") {
    STATIC_REQUIRE(buffers::soa_leaf_count_v<Body> == 3 + 1 + 3 + 1);
    STATIC_REQUIRE(buffers::soa_leaf_count_v<Deep> == 1 + (3 + 2) + 1);
    STATIC_REQUIRE(std::is_same_v<buffers::soa_leaf_t<0, Body>, float>);
    STATIC_REQUIRE(std::is_same_v<buffers::soa_leaf_t<3, Body>, int>);
    STATIC_REQUIRE(std::is_same_v<buffers::soa_leaf_t<7, Body>, Unflattened>);
    STATIC_REQUIRE(std::is_same_v<buffers::soa_leaf_t<4, Deep>, std::string>);
    STATIC_REQUIRE(std::is_same_v<buffers::soa_leaf_t<5, Deep>, int>);

    buffers::SoaVector<Body> v;
    for (int k = 0; k < 20; ++k)
        v.push_back(make_body(k));

    std::span<float> px = buffers::column<&Body::pos, &Vec3::x>(v);
    std::span<float> vz = buffers::column<&Body::vel, &Vec3::z>(v);
    std::span<int> ids = buffers::column<&Body::id>(v);
    std::span<Unflattened> us = buffers::column<&Body::u>(v);
    REQUIRE(px.size() == 20);
    for (int k = 0; k < 20; ++k) {
        CHECK(px[static_cast<std::size_t>(k)] == static_cast<float>(k));
        CHECK(vz[static_cast<std::size_t>(k)] == 3.0f * static_cast<float>(k));
        CHECK(ids[static_cast<std::size_t>(k)] == k);
        CHECK(us[static_cast<std::size_t>(k)] == make_body(k).u);
    }
    CHECK(px.data() == buffers::column<0>(v).data());
    CHECK(vz.data() == buffers::column<6>(v).data());
    // Every leaf column starts on a cache line.
    const bool all_aligned = [&]<std::size_t... K>(std::index_sequence<K...>) {
        return (aligned64(buffers::column<K>(v).data()) && ...);
    }
    (std::make_index_sequence<8>());
    CHECK(all_aligned);
    // The x column is a plain float array: a loop over it touches x only.
    for (float& x : px)
        x += 1.0f;
    CHECK(Vec3(buffers::get<0>(v[3])) == Vec3{4.0f, 3.5f, 3.25f});

    buffers::SoaVector<Deep> d;
    d.push_back(make_deep(3));
    CHECK(buffers::column<&Deep::frame, &Frame::origin, &Vec3::z>(d)[0] == 9.0f);
    CHECK(buffers::column<&Deep::frame, &Frame::tag, &Tag::name>(d)[0] ==
          make_deep(3).frame.tag.name);
    CHECK(buffers::column<&Deep::s>(d)[0] == make_deep(3).s);
    const auto& cd = d;
    std::span<const int> levels = buffers::column<&Deep::frame, &Frame::tag, &Tag::level>(cd);
    CHECK(levels[0] == 21);
    auto cols = buffers::columns(v);
    STATIC_REQUIRE(std::tuple_size_v<decltype(cols)> == 8);
    CHECK(std::get<4>(cols)[2] == -2.0f);
}

TEST_CASE("A flattened field's row is a nested row proxy", "[soa][flatten][row]") {
    buffers::SoaVector<Body> v;
    v.push_back(make_body(1));
    v.push_back(make_body(2));

    auto pos = buffers::get<0>(v[1]);
    STATIC_REQUIRE(std::is_same_v<decltype(pos), buffers::SoaRow<Vec3, false>>);
    STATIC_REQUIRE(std::is_same_v<decltype(buffers::get<1>(v[1])), int&>);
    CHECK(Vec3(pos) == make_body(2).pos);
    CHECK(pos == make_body(2).pos);
    CHECK_FALSE(pos == make_body(1).pos);
    CHECK(buffers::get<0>(v[0]) != buffers::get<0>(v[1]));

    // Writes go to the three columns.
    buffers::get<0>(v[1]) = Vec3{7, 8, 9};
    CHECK(buffers::column<0>(v)[1] == 7.0f);
    CHECK(buffers::column<1>(v)[1] == 8.0f);
    CHECK(buffers::column<2>(v)[1] == 9.0f);
    buffers::get<1>(buffers::get<2>(v[0])) = 42.0f;
    CHECK(buffers::column<&Body::vel, &Vec3::y>(v)[0] == 42.0f);
    float& y = buffers::get<1>(buffers::get<0>(v[0]));
    CHECK(&y == &buffers::column<1>(v)[0]);
    // Assigning one nested row from another copies values.
    buffers::get<2>(v[1]) = buffers::get<0>(v[1]);
    CHECK(Vec3(buffers::get<2>(v[1])) == Vec3{7, 8, 9});

    // Whole rows.
    Body b = v[1];
    CHECK(b.pos == Vec3{7, 8, 9});
    CHECK(b.id == 2);
    v[0] = make_body(5);
    CHECK(v[0] == make_body(5));

    // Structured bindings bind into the columns.
    auto [p, id, vel, u] = v[0];
    p = Vec3{1, 1, 1};
    id = 77;
    CHECK(Body(v[0]).pos == Vec3{1, 1, 1});
    CHECK(buffers::column<3>(v)[0] == 77);
    (void)vel;
    (void)u;

    // Const rows give const nested rows.
    const auto& cv = v;
    auto cpos = buffers::get<0>(cv[0]);
    STATIC_REQUIRE(std::is_same_v<decltype(cpos), buffers::SoaRow<Vec3, true>>);
    STATIC_REQUIRE(std::is_same_v<decltype(buffers::get<0>(cpos)), const float&>);
    CHECK(Vec3(cpos) == Vec3{1, 1, 1});

    // Two levels deep, with strings.
    buffers::SoaVector<Deep> d;
    d.push_back(make_deep(1));
    auto tag = buffers::get<1>(buffers::get<1>(d[0]));
    STATIC_REQUIRE(std::is_same_v<decltype(tag), buffers::SoaRow<Tag, false>>);
    buffers::get<0>(tag) = "renamed";
    CHECK(Deep(d[0]).frame.tag.name == "renamed");
    buffers::get<1>(d[0]) = make_deep(9).frame;
    CHECK(d[0] == Deep{make_deep(1).c, make_deep(9).frame, make_deep(1).s});
}

TEST_CASE("Vector operations over flattened fields", "[soa][flatten]") {
    buffers::SoaVector<Deep> v;
    std::vector<Deep> ref;
    for (int k = 0; k < 40; ++k) {
        v.push_back(make_deep(k));
        ref.push_back(make_deep(k));
    }
    v.insert(v.begin() + 5, make_deep(100));
    ref.insert(ref.begin() + 5, make_deep(100));
    v.erase(v.begin() + 10, v.begin() + 13);
    ref.erase(ref.begin() + 10, ref.begin() + 13);
    v.emplace_back(make_deep(200));
    ref.push_back(make_deep(200));
    buffers::erase_if(v, [](const auto& r) {
        return buffers::get<1>(buffers::get<1>(buffers::get<1>(r))) % 3 == 0;
    });
    std::erase_if(ref, [](const Deep& r) { return r.frame.tag.level % 3 == 0; });
    REQUIRE(v.size() == ref.size());
    for (std::size_t i = 0; i < ref.size(); ++i)
        CHECK(v[i] == ref[i]);

    Deep taken = v.back();
    v.pop_back();
    CHECK(taken == ref.back());
    ref.pop_back();

    auto copy = v;
    CHECK(std::equal(copy.begin(), copy.end(), ref.begin(), ref.end(),
                     [](const auto& a, const Deep& b) { return a == b; }));

    // Sorting moves whole rows, every leaf column together.
    buffers::sort(v, std::greater{}, buffers::field<&Deep::s>);
    std::sort(ref.begin(), ref.end(), [](const Deep& a, const Deep& b) { return a.s > b.s; });
    for (std::size_t i = 0; i < ref.size(); ++i)
        CHECK(v[i] == ref[i]);
    std::ranges::sort(
        v, {}, [](const auto& r) { return buffers::get<2>(buffers::get<0>(buffers::get<1>(r))); });
    std::ranges::sort(ref, {}, [](const Deep& r) { return r.frame.origin.z; });
    for (std::size_t i = 0; i < ref.size(); ++i)
        CHECK(v[i] == ref[i]);
    buffers::sort(v, std::less{}, &Deep::c);
    CHECK(std::ranges::is_sorted(v, {}, [](const auto& r) { return buffers::get<0>(r); }));

    buffers::SoaVector<Body> b;
    for (int k = 0; k < 30; ++k)
        b.push_back(make_body((k * 7) % 30));
    std::ranges::sort(b, {}, buffers::field<&Body::id>);
    for (int k = 0; k < 30; ++k)
        CHECK(b[static_cast<std::size_t>(k)] == make_body(k));
    // A projection to a flattened field gives its nested row.
    std::ranges::sort(
        b, [](const auto& l, const auto& r) { return Vec3(l).y > Vec3(r).y; },
        buffers::field<&Body::pos>);
    CHECK(Body(b[0]) == make_body(29));
}

TEMPLATE_TEST_CASE("Flattened fields in every SoA storage", "[soa][flatten]",
                   (buffers::SoaVector<Deep>), (buffers::InlineSoaVector<Deep, 40>),
                   (buffers::Vector<Deep, buffers::SvoBuffer<buffers::SoaBuffer<Deep>, 4>>),
                   buffers::PageSoaVector<Deep>) {
    TestType v;
    for (int k = 0; k < 30; ++k)
        v.push_back(make_deep(k));
    v.erase(v.begin() + 1);
    v.insert(v.begin(), make_deep(99));
    REQUIRE(v.size() == 30);
    CHECK(v[0] == make_deep(99));
    CHECK(v[1] == make_deep(0));
    CHECK(v[2] == make_deep(2));
    CHECK(v[29] == make_deep(29));
    CHECK(aligned64(buffers::column<&Deep::frame, &Frame::origin, &Vec3::y>(v).data()));
    CHECK(aligned64(buffers::column<&Deep::frame, &Frame::tag, &Tag::name>(v).data()));
    v.clear();
    CHECK(v.empty());
}

TEST_CASE("Flattened columns grow with one allocation", "[soa][flatten][alloc]") {
    long& count = support::aligned_allocations();
    buffers::Vector<Deep, buffers::SoaBuffer<Deep>> exact;
    const long before = count;
    long growths = 0;
    for (int k = 0; k < 10; ++k) {
        const std::size_t cap = exact.capacity();
        exact.push_back(make_deep(k));
        growths += exact.capacity() != cap ? 1 : 0;
    }
    CHECK(growths >= 4);              // amortised: 1, 2, 4, 8, 16 rows
    CHECK(count - before == growths); // every column in the one block of each growth
    for (int k = 0; k < 10; ++k)
        CHECK(exact[static_cast<std::size_t>(k)] == make_deep(k));
}

TEST_CASE("SoA deques over flattened fields", "[soa][flatten][deque]") {
    buffers::SoaDeque<Body> d;
    for (int k = 0; k < 10; ++k)
        d.push_back(make_body(k));
    for (int k = 0; k < 4; ++k)
        d.pop_front();
    for (int k = 10; k < 16; ++k)
        d.push_back(make_body(k));
    d.push_front(make_body(3));
    REQUIRE(d.size() == 13);
    CHECK(d.front() == make_body(3));
    CHECK(d[1] == make_body(4));
    CHECK(d.back() == make_body(15));
    auto halves = buffers::column_halves<&Body::pos, &Vec3::x>(d);
    CHECK(halves[0] == 3.0f);
    CHECK(halves[12] == 15.0f);
    CHECK(halves.size() == 13);
}
