// Relocation (the one place that chooses memcpy or move + destroy) and the bulk operations'
// generic fallbacks.

#include "support/tracked.hpp"
#include "support/values.hpp"

#include <buffers/base/heap_buffer.hpp>
#include <buffers/composite/array_buffer.hpp>
#include <buffers/core/ops.hpp>
#include <buffers/core/relocate.hpp>

#include <catch2/catch.hpp>

#include <cstddef>
#include <memory>
#include <new>
#include <string>
#include <vector>

namespace {
using support::Counted;
using support::Throwing;
using support::ThrowingDtor;
using support::ThrowingNothrowMove;

struct Bytes {
    int a;
    double b;
};

// A type whose bytes may be copied although it is not trivially copyable (it opts in).
struct OptIn {
    OptIn() = default;
    OptIn(const OptIn&) {}
};

// Raw, aligned storage for n values of T.
template <class T>
struct Raw {
    explicit Raw(std::size_t n)
        : p(static_cast<T*>(::operator new(n * sizeof(T), std::align_val_t{alignof(T)}))) {}
    Raw(const Raw&) = delete;
    Raw& operator=(const Raw&) = delete;
    ~Raw() { ::operator delete(p, std::align_val_t{alignof(T)}); }
    T* p;
};

template <class T>
std::vector<int> ids(const T* p, std::size_t n) {
    std::vector<int> out;
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(support::id_of(p[i]));
    return out;
}
} // namespace

template <>
struct buffers::is_trivially_relocatable<OptIn> : std::true_type {};

TEST_CASE("relocation traits decide memcpy once", "[core][relocate]") {
    using namespace buffers;
    STATIC_REQUIRE(is_trivially_relocatable_v<int>);
    STATIC_REQUIRE(is_trivially_relocatable_v<Bytes>);
    STATIC_REQUIRE_FALSE(is_trivially_relocatable_v<std::string>);
    STATIC_REQUIRE(is_trivially_relocatable_v<OptIn>);
    STATIC_REQUIRE(is_nothrow_relocatable_v<std::string>);
    STATIC_REQUIRE(is_nothrow_relocatable_v<Counted>);
    STATIC_REQUIRE(is_nothrow_relocatable_v<ThrowingNothrowMove>);
    STATIC_REQUIRE_FALSE(is_nothrow_relocatable_v<Throwing>);
    STATIC_REQUIRE_FALSE(is_nothrow_relocatable_v<ThrowingDtor>);
}

TEST_CASE("relocate_n moves values and ends the sources", "[core][relocate]") {
    support::LeakGuard guard;
    Raw<Counted> src(4), dst(4);
    for (int i = 0; i < 4; ++i)
        std::construct_at(src.p + i, i);
    const auto before = support::counts();
    buffers::detail::relocate_n(src.p, 4, dst.p);
    CHECK(support::counts().moves - before.moves == 4);
    CHECK(support::counts().copies == before.copies);
    CHECK(support::counts().live == before.live);
    CHECK(ids(dst.p, 4) == std::vector<int>{0, 1, 2, 3});
    std::destroy_n(dst.p, 4);
}

TEST_CASE("relocate_n is all-or-nothing when a copy throws", "[core][relocate]") {
    support::LeakGuard guard;
    Raw<Throwing> src(4), dst(4);
    for (int i = 0; i < 4; ++i)
        std::construct_at(src.p + i, i);
    for (long n = 1; n <= 4; ++n) {
        const long live = support::counts().live;
        support::arm(n); // the nth copy throws (the move may throw, so values are copied)
        CHECK_THROWS_AS(buffers::detail::relocate_n(src.p, 4, dst.p), support::TestError);
        support::disarm();
        CHECK(support::counts().live == live); // the copies made are destroyed again
        CHECK(ids(src.p, 4) == std::vector<int>{0, 1, 2, 3});
    }
    buffers::detail::relocate_n(src.p, 4, dst.p);
    CHECK(ids(dst.p, 4) == std::vector<int>{0, 1, 2, 3});
    std::destroy_n(dst.p, 4);
}

TEST_CASE("relocate_within shifts overlapping ranges both ways", "[core][relocate]") {
    support::LeakGuard guard;
    Raw<std::string> slots(8);
    Raw<Counted> counted(8);
    for (int i = 0; i < 5; ++i) {
        std::construct_at(slots.p + i, support::make<std::string>(i));
        std::construct_at(counted.p + i, i);
    }
    // Right by 3 (overlapping), then back left by 3.
    buffers::detail::relocate_within(slots.p, 5, slots.p + 3);
    buffers::detail::relocate_within(counted.p, 5, counted.p + 3);
    CHECK(ids(slots.p + 3, 5) == std::vector<int>{0, 1, 2, 3, 4});
    CHECK(ids(counted.p + 3, 5) == std::vector<int>{0, 1, 2, 3, 4});
    CHECK(support::counts().live == 5);
    buffers::detail::relocate_within(slots.p + 3, 5, slots.p);
    buffers::detail::relocate_within(counted.p + 3, 5, counted.p);
    CHECK(ids(slots.p, 5) == std::vector<int>{0, 1, 2, 3, 4});
    CHECK(ids(counted.p, 5) == std::vector<int>{0, 1, 2, 3, 4});
    std::destroy_n(slots.p, 5);
    std::destroy_n(counted.p, 5);
}

TEST_CASE("relocate_ranges moves only the live ranges", "[core][relocate]") {
    support::LeakGuard guard;
    Raw<Counted> src(8), dst(8);
    const buffers::Live live(buffers::IndexRange{6, 8}, buffers::IndexRange{0, 2});
    live.for_each([&](std::size_t i) { std::construct_at(src.p + i, static_cast<int>(i)); });
    const long moves = support::counts().moves;
    buffers::detail::relocate_ranges(src.p, dst.p, live);
    CHECK(support::counts().moves - moves == 4);
    live.for_each([&](std::size_t i) {
        CHECK(dst.p[i].id() == static_cast<int>(i));
        std::destroy_at(dst.p + i);
    });
}

TEST_CASE("bulk construction is all-or-nothing", "[core][ops]") {
    support::LeakGuard guard;
    buffers::HeapBuffer<ThrowingNothrowMove> b;
    REQUIRE(b.try_grow(8, buffers::Live{}) == buffers::Status::ok);
    const ThrowingNothrowMove value(7);
    const std::vector<ThrowingNothrowMove> source(5, value);
    for (long n = 1; n <= 5; ++n) {
        const long live = support::counts().live;
        support::arm(n);
        CHECK_THROWS_AS(buffers::put_copies(b, 1, 5, value), support::TestError);
        support::arm(n);
        CHECK_THROWS_AS(buffers::put_range(b, 1, source.begin(), 5), support::TestError);
        support::arm(n);
        CHECK_THROWS_AS(buffers::put_default(b, 1, 5), support::TestError);
        support::disarm();
        CHECK(support::counts().live == live);
    }
    buffers::put_copies(b, 0, 3, value);
    buffers::put_range(b, 3, source.begin(), 2);
    buffers::put_default(b, 5, 2);
    for (std::size_t i = 0; i < 5; ++i)
        CHECK(b.get(i).id() == 7);
    CHECK(b.get(5).id() == 0);
    buffers::destroy_range(b, 0, 7);
}

TEST_CASE("bulk shifts fall back to put/take for buffers without pointers", "[core][ops]") {
    // ArrayBuffer's sub-buffers are contiguous, but ArrayBuffer itself hands out proxies; its
    // own shift members delegate to the sub-buffers.
    support::LeakGuard guard;
    buffers::ArrayBuffer<buffers::HeapBuffer<Counted>, 2> b;
    REQUIRE(b.try_grow(6, buffers::Live{}) == buffers::Status::ok);
    for (int i = 0; i < 3; ++i)
        b.put(static_cast<std::size_t>(i), support::make<std::array<Counted, 2>>(i));
    buffers::shift_right(b, 0, 3, 2);
    for (int i = 0; i < 3; ++i)
        CHECK(support::id_of(b.get(static_cast<std::size_t>(i + 2))) == i);
    buffers::shift_left(b, 2, 5, 1);
    for (int i = 0; i < 3; ++i)
        CHECK(support::id_of(b.get(static_cast<std::size_t>(i + 1))) == i);
    buffers::relocate_slot(b, 3, 0);
    CHECK(support::id_of(b.get(0)) == 2);
    buffers::destroy_range(b, 0, 3);
}
