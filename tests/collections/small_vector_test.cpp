#include <buffers/collections/small_vector.hpp>

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <type_traits>

namespace {

TEST_CASE("SmallVector<T, N> keeps N elements inline, then grows by powers of two",
          "[small_vector]") {
    buffers::SmallVector<std::string, 4> v;
    CHECK(v.capacity() == 4);
    for (int i = 0; i < 4; ++i)
        v.push_back(std::to_string(i));
    CHECK(v.buffer().is_inline());
    const auto* inline_data = v.data();
    v.push_back("4");
    CHECK_FALSE(v.buffer().is_inline());
    CHECK(v.data() != inline_data);
    CHECK(v.capacity() == 8);
    for (int i = 5; i < 17; ++i)
        v.push_back(std::to_string(i));
    CHECK(v.capacity() == 32);
    for (int i = 0; i < 17; ++i)
        CHECK(v[static_cast<std::size_t>(i)] == std::to_string(i));
    // Growth is geometric: pushing n elements reallocates O(log n) times, not O(n).
    int reallocations = 0;
    const std::string* data = v.data();
    for (int i = 17; i < 5000; ++i) {
        v.push_back("x");
        if (v.data() != data) {
            ++reallocations;
            data = v.data();
        }
    }
    CHECK(reallocations <= 9);
}

TEST_CASE("StaticVector<T, N> holds N elements inside the object and refuses the N+1st",
          "[small_vector]") {
    using SV = buffers::StaticVector<int, 3>;
    STATIC_REQUIRE(std::is_same_v<SV, buffers::Vector<int, buffers::InlineBuffer<int, 3>>>);
    SV v{1, 2, 3};
    CHECK(v.capacity() == 3);
    CHECK(v.max_size() == 3);
    CHECK(v.try_push_back(4) == nullptr);
    CHECK_THROWS_AS(v.push_back(4), std::length_error);
    CHECK(v.size() == 3);
    CHECK(v.back() == 3);
    v.pop_back();
    CHECK(v.try_push_back(5) != nullptr);
    CHECK(v.back() == 5);
}

} // namespace
