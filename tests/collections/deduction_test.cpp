// Class template argument deduction: std::vector's and std::deque's guides, over buffers.

#include <buffers/base/allocator_buffer.hpp>
#include <buffers/base/heap_buffer.hpp>
#include <buffers/collections/deque.hpp>
#include <buffers/collections/vector.hpp>
#include <buffers/composite/exponential_growth_buffer.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <iterator>
#include <list>
#include <memory>
#include <memory_resource>
#include <sstream>
#include <string>
#include <type_traits>

namespace {

using buffers::AllocatorBuffer;
using buffers::Deque;
using buffers::ExponentialGrowthBuffer;
using buffers::Vector;

template <class T, class A>
using allocator_buffer = ExponentialGrowthBuffer<AllocatorBuffer<T, A>>;

template <class T>
using pmr_allocator = std::pmr::polymorphic_allocator<T>;

// The same deductions for both collections; C names Vector or Deque (a deduced type must be
// spelled with a class template's name, so a macro, not a template, shares the body).
#define CHECK_PLAIN_DEDUCTION(C)                                                                   \
    do {                                                                                           \
        const std::list<int> l{1, 2, 3};                                                           \
        std::istringstream in("4 5");                                                              \
        C a(l.begin(), l.end());                                                                   \
        C b(std::istream_iterator<int>(in), std::istream_iterator<int>{});                         \
        C c(3u, 2L);                                                                               \
        C d{1, 2, 3};                                                                              \
        C e(5, 5); /* a count and a value */                                                       \
        C f{3u, 4u};                                                                               \
        STATIC_REQUIRE(std::is_same_v<decltype(a), C<int>>);                                       \
        STATIC_REQUIRE(std::is_same_v<decltype(b), C<int>>);                                       \
        STATIC_REQUIRE(std::is_same_v<decltype(c), C<long>>);                                      \
        STATIC_REQUIRE(std::is_same_v<decltype(d), C<int>>);                                       \
        STATIC_REQUIRE(std::is_same_v<decltype(e), C<int>>);                                       \
        STATIC_REQUIRE(std::is_same_v<decltype(f), C<unsigned>>);                                  \
        CHECK(a == C<int>{1, 2, 3});                                                               \
        CHECK(b == C<int>{4, 5});                                                                  \
        CHECK(c == C<long>{2, 2, 2});                                                              \
        CHECK(e.size() == 5);                                                                      \
        CHECK(f.size() == 2); /* the list, not a count and a value */                              \
    } while (false)

TEST_CASE("deduction from an iterator pair, a count and a value, or a list", "[deduction]") {
    CHECK_PLAIN_DEDUCTION(Vector);
    CHECK_PLAIN_DEDUCTION(Deque);
}

TEST_CASE("deduction with an allocator gives an allocator-aware buffer with geometric growth",
          "[deduction]") {
    const std::list<int> l{1, 2, 3};
    std::pmr::monotonic_buffer_resource arena;
    const pmr_allocator<int> alloc(&arena);

    Vector a(l.begin(), l.end(), std::allocator<int>());
    Vector b(l.begin(), l.end(), alloc);
    Vector c(2u, std::string("x"), pmr_allocator<std::string>(&arena));
    Vector d({1.5, 2.5}, pmr_allocator<double>(&arena));
    Deque e(l.begin(), l.end(), alloc);
    Deque f(2u, 'x', std::allocator<char>());
    Deque g({1.5, 2.5}, pmr_allocator<double>(&arena));
    STATIC_REQUIRE(
        std::is_same_v<decltype(a), Vector<int, allocator_buffer<int, std::allocator<int>>>>);
    STATIC_REQUIRE(
        std::is_same_v<decltype(b), Vector<int, allocator_buffer<int, pmr_allocator<int>>>>);
    STATIC_REQUIRE(std::is_same_v<
                   decltype(c),
                   Vector<std::string, allocator_buffer<std::string, pmr_allocator<std::string>>>>);
    STATIC_REQUIRE(std::is_same_v<decltype(d),
                                  Vector<double, allocator_buffer<double, pmr_allocator<double>>>>);
    STATIC_REQUIRE(
        std::is_same_v<decltype(e), Deque<int, allocator_buffer<int, pmr_allocator<int>>>>);
    STATIC_REQUIRE(
        std::is_same_v<decltype(f), Deque<char, allocator_buffer<char, std::allocator<char>>>>);
    STATIC_REQUIRE(std::is_same_v<decltype(g),
                                  Deque<double, allocator_buffer<double, pmr_allocator<double>>>>);
    CHECK(b.get_allocator().resource() == &arena);
    CHECK(c.get_allocator().resource() == &arena);
    CHECK(e.get_allocator().resource() == &arena);
    CHECK(b == decltype(b){1, 2, 3});
    CHECK(c[1] == "x");

    // Another collection and an allocator (P1518: the allocator argument only converts).
    Vector h(b, &arena);
    Deque i(std::move(e), &arena);
    STATIC_REQUIRE(std::is_same_v<decltype(h), decltype(b)>);
    STATIC_REQUIRE(std::is_same_v<decltype(i), decltype(e)>);
    CHECK(h == b);
    CHECK(i.size() == 3);
}

TEST_CASE("deduction copies the type of another collection, and takes a buffer's", "[deduction]") {
    Vector<int, buffers::HeapBuffer<int>> v{1, 2};
    Vector a = v;
    Vector b{v}; // a copy, as for std::vector, not a vector of vectors
    Vector c{v, v};
    const Deque<int> d{1};
    Deque e = d;
    Vector f(buffers::HeapBuffer<int>{});
    Deque g(buffers::HeapBuffer<std::string>{});
    STATIC_REQUIRE(std::is_same_v<decltype(a), decltype(v)>);
    STATIC_REQUIRE(std::is_same_v<decltype(b), decltype(v)>);
    STATIC_REQUIRE(std::is_same_v<decltype(c), Vector<decltype(v)>>);
    STATIC_REQUIRE(std::is_same_v<decltype(e), Deque<int>>);
    STATIC_REQUIRE(std::is_same_v<decltype(f), Vector<int, buffers::HeapBuffer<int>>>);
    STATIC_REQUIRE(
        std::is_same_v<decltype(g), Deque<std::string, buffers::HeapBuffer<std::string>>>);
    CHECK(c.size() == 2);
    CHECK(b == v);
}

#if !defined(__clang__) // clang 14 has no deduction through alias templates (C++20, P1814)
// An alias of the form the allocator guides produce deduces as std::vector's would.
template <class T, class A = std::allocator<T>>
using vec = Vector<T, allocator_buffer<T, A>>;

TEST_CASE("deduction through an alias of an allocator-aware Vector", "[deduction]") {
    vec<unsigned> s0{1, 2};
    vec a = s0;
    vec b(1U, 2L);
    vec c(1U, 2L, std::allocator<long>());
    vec d{1, 2};
    STATIC_REQUIRE(std::is_same_v<decltype(a), vec<unsigned>>);
    STATIC_REQUIRE(std::is_same_v<decltype(b), vec<long>>);
    STATIC_REQUIRE(std::is_same_v<decltype(c), vec<long>>);
    STATIC_REQUIRE(std::is_same_v<decltype(d), vec<int>>);
    CHECK(b == vec<long>{2});
}
#endif

} // namespace
