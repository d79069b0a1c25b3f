// SoaBuffer's in-place growth for trivially relocatable columns (realloc, then each column
// slides up to its new offset): values keep their indices, in one live range or two (a ring
// that wraps), and every column stays 64-byte aligned whatever address realloc returns.

#include <buffers/soa/soa_buffer.hpp>
#include <buffers/soa/soa_vector.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <vector>

namespace {

struct Pod {
    char c;
    double d;
    std::int16_t s;
    float f;
};

Pod pod(int i) {
    return Pod{static_cast<char>('a' + i % 26), i * 0.5, static_cast<std::int16_t>(i % 30000),
               static_cast<float>(i) * 2.0f};
}

template <class B>
void check_aligned(B& b) {
    CHECK(reinterpret_cast<std::uintptr_t>(b.template column_data<0>()) % 64 == 0);
    CHECK(reinterpret_cast<std::uintptr_t>(b.template column_data<1>()) % 64 == 0);
    CHECK(reinterpret_cast<std::uintptr_t>(b.template column_data<2>()) % 64 == 0);
    CHECK(reinterpret_cast<std::uintptr_t>(b.template column_data<3>()) % 64 == 0);
}

void check_row(const buffers::SoaBuffer<Pod>& b, std::size_t i, int v) {
    const Pod p = b.get(i);
    const Pod q = pod(v);
    CHECK(p.c == q.c);
    CHECK(p.d == q.d);
    CHECK(p.s == q.s);
    CHECK(p.f == q.f);
}

} // namespace

TEST_CASE("SoaBuffer grows trivially relocatable columns in place, one live range",
          "[soa][growth]") {
    buffers::SoaVector<Pod> v;
    // Small allocations in between, so that realloc sometimes moves the block to an address
    // with another offset from the 64-byte boundary.
    std::vector<std::unique_ptr<char[]>> noise;
    for (int i = 0; i < 70000; ++i) {
        v.push_back(pod(i));
        if (i % 7 == 0)
            noise.emplace_back(new char[static_cast<std::size_t>(i % 61 + 1)]);
        if ((i & (i - 1)) == 0) { // after each growth
            check_aligned(v.buffer());
            for (int j = 0; j <= i; j += 1 + j / 8)
                CHECK(buffers::get<3>(v[static_cast<std::size_t>(j)]) == pod(j).f);
        }
    }
    for (int j = 0; j < 70000; ++j) {
        const Pod p = v[static_cast<std::size_t>(j)];
        REQUIRE(p.d == pod(j).d);
        REQUIRE(p.s == pod(j).s);
        REQUIRE(p.c == pod(j).c);
    }
    v.shrink_to_fit();
    check_aligned(v.buffer());
    CHECK(buffers::get<1>(v[69999]) == pod(69999).d);
}

TEST_CASE("SoaBuffer in-place growth keeps two live ranges at their indices", "[soa][growth]") {
    for (std::size_t cap : {8u, 100u, 5000u}) {
        buffers::SoaBuffer<Pod> b;
        REQUIRE(b.try_grow(cap, buffers::Live{}) == buffers::Status::ok);
        const std::size_t c = b.capacity();
        // A ring that wraps: [c - 3, c) and [0, c / 2).
        const buffers::IndexRange tail{c - 3, c}, head{0, c / 2};
        for (std::size_t i = tail.first; i < tail.last; ++i)
            b.put(i, pod(static_cast<int>(i)));
        for (std::size_t i = head.first; i < head.last; ++i)
            b.put(i, pod(static_cast<int>(i)));
        const buffers::Live live(tail, head);
        REQUIRE(b.try_grow(4 * c + 1, live) == buffers::Status::ok);
        REQUIRE(b.capacity() >= 4 * c + 1);
        check_aligned(b);
        for (std::size_t i = tail.first; i < tail.last; ++i)
            check_row(b, i, static_cast<int>(i));
        for (std::size_t i = head.first; i < head.last; ++i)
            check_row(b, i, static_cast<int>(i));
        // The buffer owns no values: the caller ends them (trivially destructible here).
    }
}
