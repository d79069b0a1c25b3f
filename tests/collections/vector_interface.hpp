#pragma once

// One test body for the whole interface of Vector (std::vector's, plus try_push_back,
// unchecked_push_back, resize_for_overwrite, shrink_to, swap_remove), run over every buffer
// and element type in vector_test.cpp and vector_tracked_test.cpp, and over Deque in
// deque_interface_test.cpp (the members a ring has: no data(), unchecked_push_back,
// resize_for_overwrite or swap_remove; random access iterators instead of contiguous ones).

#include "support/tracked.hpp"
#include "support/tracking.hpp"
#include "support/values.hpp"
#include "support/vector_helpers.hpp"

#include <buffers/collections/vector.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <compare>
#include <concepts>
#include <iterator>
#include <memory_resource>
#include <span>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

namespace vector_tests {
using namespace support;
using ivec = std::vector<int>;

template <class T>
inline constexpr bool copyable_v = std::is_copy_constructible_v<T>;

// A contiguous collection (Vector over a contiguous buffer): data(), pointer iterators.
template <class V>
inline constexpr bool contiguous_v = requires(V& v) {
    v.data();
};

// Ids of default-constructed values (0 for every tracked type and int; -1 for std::string).
template <class T>
int default_id() {
    return id_of(T());
}

template <class V>
void constructors() {
    using T = element_t<V>;
    using B = typename V::buffer_type;

    V empty;
    check_invariants(empty);
    CHECK(empty.empty());

    V counted(5);
    CHECK(ids(counted) == ivec(5, default_id<T>()));
    CHECK(V(std::size_t{0}).empty());
    V counted_b(3, B{});
    CHECK(counted_b.size() == 3);

    const InputIds<T> in_first_ids{4, 5, 6};
    auto in_first = in_first_ids.begin(), in_last = in_first_ids.end();
    V from_input(in_first, in_last);
    CHECK(ids(from_input) == ivec{4, 5, 6});

    auto src = std_vector_of<T>({1, 2, 3});
    V from_moved(std::make_move_iterator(src.begin()), std::make_move_iterator(src.end()));
    CHECK(ids(from_moved) == ivec{1, 2, 3});

    if constexpr (copyable_v<T>) {
        const T value = make<T>(7);
        CHECK(ids(V(3, value)) == ivec{7, 7, 7});
        CHECK(ids(V(2, value, B{})) == ivec{7, 7});

        const auto csrc = std_vector_of<T>({1, 2, 3});
        V from_forward(csrc.begin(), csrc.end());
        CHECK(ids(from_forward) == ivec{1, 2, 3});
        CHECK(ids(V(csrc.begin(), csrc.end(), B{})) == ivec{1, 2, 3});

        V from_list{make<T>(8), make<T>(9)};
        CHECK(ids(from_list) == ivec{8, 9});
        CHECK(ids(V({make<T>(8)}, B{})) == ivec{8});

        V copy(from_forward);
        CHECK(ids(copy) == ivec{1, 2, 3});
        CHECK(ids(from_forward) == ivec{1, 2, 3});
        check_invariants(copy);

        const V empty_copy(empty);
        CHECK(empty_copy.empty());
    }

    V moved(std::move(from_moved));
    CHECK(ids(moved) == ivec{1, 2, 3});
    CHECK(from_moved.empty()); // NOLINT: a moved-from Vector is empty
    check_invariants(from_moved);
    from_moved.emplace_back(make<T>(4)); // and usable
    CHECK(ids(from_moved) == ivec{4});

    V over_buffer{B{}};
    over_buffer.emplace_back(make<T>(1));
    CHECK(ids(over_buffer) == ivec{1});

    if constexpr (requires { typename V::allocator_type; }) {
        using A = typename V::allocator_type;
        std::pmr::unsynchronized_pool_resource pool;
        const A alloc(&pool);
        V a(alloc);
        CHECK(a.get_allocator() == alloc);
        a.emplace_back(make<T>(1));
        V b(2, alloc);
        CHECK(b.get_allocator() == alloc);
        CHECK(b.size() == 2);
        V c(std::move(a), alloc);
        CHECK(ids(c) == ivec{1});
        CHECK(c.get_allocator() == alloc);
        V d(std::move(c), A{}); // a different resource: values move one by one
        CHECK(ids(d) == ivec{1});
        CHECK(d.get_allocator().resource() != &pool);
        if constexpr (copyable_v<T>) {
            const T value = make<T>(3);
            CHECK(ids(V(2, value, alloc)) == ivec{3, 3});
            const auto csrc = std_vector_of<T>({1, 2});
            CHECK(V(csrc.begin(), csrc.end(), alloc).get_allocator() == alloc);
            CHECK(ids(V({make<T>(5)}, alloc)) == ivec{5});
            V e(d, alloc);
            CHECK(e.get_allocator() == alloc);
            CHECK(ids(e) == ivec{1});
        }
    }
}

template <class V>
void assignment() {
    using T = element_t<V>;
    if constexpr (copyable_v<T>) {
        V v = make_vector<V>({1, 2, 3});
        const T nine = make<T>(9);
        v.assign(5, nine);
        CHECK(ids(v) == ivec(5, 9));
        v.assign(2, make<T>(8));
        CHECK(ids(v) == ivec{8, 8});
        v.assign(20, nine); // more than the capacity
        CHECK(ids(v) == ivec(20, 9));
        v.assign(1, v[0]); // an element of the vector itself
        CHECK(ids(v) == ivec{9});

        const auto src = std_vector_of<T>({4, 5, 6, 7});
        v.assign(src.begin(), src.end());
        CHECK(ids(v) == ivec{4, 5, 6, 7});
        v.assign(src.begin(), src.begin() + 1);
        CHECK(ids(v) == ivec{4});
        const InputIds<T> first_ids{1, 2, 3, 4, 5, 6};
        auto first = first_ids.begin(), last = first_ids.end();
        v.assign(first, last);
        CHECK(ids(v) == ivec{1, 2, 3, 4, 5, 6});
        v.assign({make<T>(3), make<T>(2)});
        CHECK(ids(v) == ivec{3, 2});

        V w;
        w = v;
        CHECK(ids(w) == ivec{3, 2});
        V& alias = w;
        w = alias;
        CHECK(ids(w) == ivec{3, 2});
        V longer = make_sequence<V>(30);
        w = longer;
        CHECK(ids(w) == ids(longer));
        w = V();
        CHECK(w.empty());
        w = {make<T>(1)};
        CHECK(ids(w) == ivec{1});
        check_invariants(w);
    }
    V m = make_vector<V>({1, 2});
    V n = make_vector<V>({5, 6, 7});
    n = std::move(m);
    CHECK(ids(n) == ivec{1, 2});
    CHECK(m.empty()); // NOLINT
    V& alias = n;
    n = std::move(alias);
    CHECK(ids(n) == ivec{1, 2});
    m = std::move(n);
    CHECK(ids(m) == ivec{1, 2});
    check_invariants(m);
    check_invariants(n);
}

template <class V>
void element_access() {
    using T = element_t<V>;
    V v = make_vector<V>({10, 11, 12});
    const V& cv = v;
    CHECK(id_of(v.at(0)) == 10);
    CHECK(id_of(cv.at(2)) == 12);
    CHECK_THROWS_AS(v.at(3), std::out_of_range);
    CHECK_THROWS_AS(cv.at(100), std::out_of_range);
    CHECK_THROWS_AS(V().at(0), std::out_of_range);
    CHECK(id_of(v[1]) == 11);
    CHECK(id_of(cv[1]) == 11);
    CHECK(id_of(v.front()) == 10);
    CHECK(id_of(cv.front()) == 10);
    CHECK(id_of(v.back()) == 12);
    CHECK(id_of(cv.back()) == 12);
    v[1] = make<T>(21);
    v.front() = make<T>(20);
    CHECK(ids(v) == ivec{20, 21, 12});

    STATIC_REQUIRE(std::same_as<decltype(v[0]), T&>);
    STATIC_REQUIRE(std::same_as<decltype(cv[0]), const T&>);
    if constexpr (contiguous_v<V>) {
        STATIC_REQUIRE(std::same_as<decltype(v.data()), T*>);
        STATIC_REQUIRE(std::same_as<decltype(cv.data()), const T*>);
        CHECK(v.data() == &v[0]);
        CHECK(cv.data() + 2 == &cv[2]);
        const std::span<T> span = v;
        CHECK(span.size() == 3);
        CHECK(&span[2] == &v[2]);
        const std::span<const T> cspan = cv;
        CHECK(cspan.data() == v.data());

        V none;
        const std::span<T> empty_span = none; // data() is usable when empty
        CHECK(empty_span.empty());
    }
}

template <class V>
void iterators() {
    using T = element_t<V>;
    if constexpr (contiguous_v<V>) {
        STATIC_REQUIRE(std::contiguous_iterator<typename V::iterator>);
        STATIC_REQUIRE(std::contiguous_iterator<typename V::const_iterator>);
        STATIC_REQUIRE(std::ranges::contiguous_range<V>);
    }
    STATIC_REQUIRE(std::random_access_iterator<typename V::iterator>);
    STATIC_REQUIRE(std::random_access_iterator<typename V::const_iterator>);
    STATIC_REQUIRE(std::ranges::random_access_range<V>);
    STATIC_REQUIRE(std::ranges::sized_range<V>);
    STATIC_REQUIRE(std::convertible_to<typename V::iterator, typename V::const_iterator>);

    V v = make_vector<V>({1, 2, 3, 4});
    const V& cv = v;
    CHECK(v.end() - v.begin() == 4);
    CHECK(cv.cend() - cv.cbegin() == 4);
    CHECK(id_of(*v.rbegin()) == 4);
    CHECK(id_of(*cv.crbegin()) == 4);
    CHECK(id_of(*(v.rend() - 1)) == 1);
    CHECK(id_of(*(cv.crend() - 1)) == 1);
    ivec backwards;
    for (auto it = cv.rbegin(); it != cv.rend(); ++it)
        backwards.push_back(id_of(*it));
    CHECK(backwards == ivec{4, 3, 2, 1});
    std::reverse(v.begin(), v.end());
    CHECK(ids(v) == ivec{4, 3, 2, 1});
    std::ranges::sort(v);
    CHECK(ids(v) == ivec{1, 2, 3, 4});
    typename V::const_iterator c = v.begin();
    CHECK(c == cv.begin());
    if constexpr (contiguous_v<V>)
        CHECK(std::to_address(v.begin()) == v.data());
    (void)sizeof(T);
}

template <class V>
void capacity() {
    using T = element_t<V>;
    V v = make_vector<V>({1, 2, 3});
    CHECK(v.max_size() >= v.capacity());
    CHECK_FALSE(v.empty());
    CHECK(v.size() == 3);
    v.reserve(20);
    CHECK(v.capacity() >= 20);
    CHECK(ids(v) == ivec{1, 2, 3});
    const auto cap = v.capacity();
    v.reserve(2); // never shrinks
    CHECK(v.capacity() == cap);
    CHECK_THROWS_AS(v.reserve(v.max_size() + 1), std::length_error);
    CHECK(ids(v) == ivec{1, 2, 3});

    // shrink_to clamps to the size: the seed released live slots here.
    v.shrink_to(0);
    CHECK(v.capacity() >= 3);
    CHECK(ids(v) == ivec{1, 2, 3});
    v.reserve(40);
    v.shrink_to(10);
    CHECK(v.capacity() >= 10);
    CHECK(ids(v) == ivec{1, 2, 3});
    v.shrink_to_fit();
    CHECK(v.capacity() >= 3);
    CHECK(ids(v) == ivec{1, 2, 3});

    const auto before = v.capacity();
    v.clear();
    CHECK(v.empty());
    CHECK(v.capacity() == before);
    v.shrink_to_fit();
    v.emplace_back(make<T>(5));
    CHECK(ids(v) == ivec{5});
    check_invariants(v);
}

template <class V>
void appending() {
    using T = element_t<V>;
    V v;
    T& first = v.emplace_back(make<T>(1));
    CHECK(&first == &v.back());
    T moved = make<T>(2);
    v.push_back(std::move(moved));
    if constexpr (copyable_v<T>) {
        const T value = make<T>(3);
        v.push_back(value);
        CHECK(id_of(value) == 3);
    } else {
        v.push_back(make<T>(3));
    }
    CHECK(ids(v) == ivec{1, 2, 3});
    v.pop_back();
    CHECK(ids(v) == ivec{1, 2});
    while (v.size() < 20)
        v.emplace_back(make<T>(static_cast<int>(v.size()) + 1));
    CHECK(v.size() == 20);
    CHECK(id_of(v[19]) == 20);

    // try_push_back reports success with a pointer to the new element.
    auto* p = v.try_push_back(make<T>(21));
    REQUIRE(p != nullptr);
    CHECK(p == &v.back());
    CHECK(id_of(*p) == 21);
    auto* q = v.try_emplace_back(make<T>(22));
    REQUIRE(q != nullptr);
    CHECK(id_of(v.back()) == 22);

    if constexpr (contiguous_v<V>) {
        v.reserve(v.size() + 2);
        v.unchecked_push_back(make<T>(23));
        if constexpr (copyable_v<T>) {
            const T value = make<T>(24);
            v.unchecked_push_back(value);
        } else {
            v.unchecked_emplace_back(make<T>(24));
        }
        CHECK(id_of(v[23]) == 24);
        CHECK(v.size() == 24);
    }
    check_invariants(v);
}

template <class V>
void inserting() {
    using T = element_t<V>;
    V v = make_vector<V>({1, 2, 3});
    auto it = v.insert(v.begin() + 1, make<T>(10));
    CHECK(it == v.begin() + 1);
    CHECK(ids(v) == ivec{1, 10, 2, 3});
    it = v.emplace(v.begin(), make<T>(11));
    CHECK(it == v.begin());
    it = v.emplace(v.end(), make<T>(12));
    CHECK(it == v.end() - 1);
    CHECK(ids(v) == ivec{11, 1, 10, 2, 3, 12});

    auto src = std_vector_of<T>({20, 21});
    it = v.insert(v.begin() + 2, std::make_move_iterator(src.begin()),
                  std::make_move_iterator(src.end()));
    CHECK(it == v.begin() + 2);
    CHECK(ids(v) == ivec{11, 1, 20, 21, 10, 2, 3, 12});
    const InputIds<T> first_ids{30, 31, 32};
    auto first = first_ids.begin(), last = first_ids.end();
    it = v.insert(v.begin() + 1, first, last);
    CHECK(it == v.begin() + 1);
    CHECK(ids(v) == ivec{11, 30, 31, 32, 1, 20, 21, 10, 2, 3, 12});
    const InputIds<T> e1_ids{40};
    auto e1 = e1_ids.begin(), e2 = e1_ids.end();
    v.insert(v.end(), e1, e2);
    CHECK(id_of(v.back()) == 40);
    it = v.insert(v.begin() + 3, std::make_move_iterator(src.begin()),
                  std::make_move_iterator(src.begin())); // empty range
    CHECK(it == v.begin() + 3);
    CHECK(v.size() == 12);

    if constexpr (copyable_v<T>) {
        V w = make_vector<V>({1, 2, 3});
        const T value = make<T>(7);
        it = w.insert(w.begin() + 1, value);
        CHECK(ids(w) == ivec{1, 7, 2, 3});
        it = w.insert(w.begin() + 1, 3, make<T>(8));
        CHECK(it == w.begin() + 1);
        CHECK(ids(w) == ivec{1, 8, 8, 8, 7, 2, 3});
        it = w.insert(w.end(), 2, value);
        CHECK(it == w.end() - 2);
        it = w.insert(w.begin(), 0, value);
        CHECK(it == w.begin());
        const auto csrc = std_vector_of<T>({5, 6});
        it = w.insert(w.begin(), csrc.begin(), csrc.end());
        CHECK(it == w.begin());
        CHECK(ids(w) == ivec{5, 6, 1, 8, 8, 8, 7, 2, 3, 7, 7});
        it = w.insert(w.begin() + 2, {make<T>(50), make<T>(51)});
        CHECK(it == w.begin() + 2);
        CHECK(ids(w) == ivec{5, 6, 50, 51, 1, 8, 8, 8, 7, 2, 3, 7, 7});
        w.insert(w.end(), csrc.begin(), csrc.end());
        CHECK(ids(w).back() == 6);
        check_invariants(w);
    }
    check_invariants(v);
}

template <class V>
void erasing() {
    using T = element_t<V>;
    V v = make_sequence<V>(8);
    auto it = v.erase(v.begin() + 2);
    CHECK(it == v.begin() + 2);
    CHECK(ids(v) == ivec{0, 1, 3, 4, 5, 6, 7});
    it = v.erase(v.begin() + 1, v.begin() + 4);
    CHECK(it == v.begin() + 1);
    CHECK(ids(v) == ivec{0, 5, 6, 7});
    it = v.erase(v.end() - 1);
    CHECK(it == v.end());
    it = v.erase(v.begin(), v.begin()); // empty range
    CHECK(it == v.begin());
    CHECK(ids(v) == ivec{0, 5, 6});
    it = v.erase(v.begin(), v.end());
    CHECK(it == v.end());
    CHECK(v.empty());

    // swap_remove: O(1), the last element takes the removed one's place.
    if constexpr (contiguous_v<V>) {
        V s = make_sequence<V>(5);
        T removed = s.swap_remove(1);
        CHECK(id_of(removed) == 1);
        CHECK(ids(s) == ivec{0, 4, 2, 3});
        removed = s.swap_remove(3);
        CHECK(id_of(removed) == 3);
        CHECK(ids(s) == ivec{0, 4, 2});
    }

    // erase / erase_if found by argument-dependent lookup.
    V e = make_vector<V>({1, 2, 1, 3, 1});
    CHECK(erase(e, make<T>(1)) == 3);
    CHECK(ids(e) == ivec{2, 3});
    CHECK(erase_if(e, [](const T& x) { return id_of(x) == 3; }) == 1);
    CHECK(ids(e) == ivec{2});
    CHECK(erase_if(e, [](const T&) { return false; }) == 0);
    check_invariants(e);
}

template <class V>
void resizing() {
    using T = element_t<V>;
    V v = make_vector<V>({1, 2});
    v.resize(5);
    CHECK(ids(v) == ivec{1, 2, default_id<T>(), default_id<T>(), default_id<T>()});
    v.resize(1);
    CHECK(ids(v) == ivec{1});
    v.resize(1);
    CHECK(ids(v) == ivec{1});
    if constexpr (copyable_v<T>) {
        v.resize(3, make<T>(9));
        CHECK(ids(v) == ivec{1, 9, 9});
        v.resize(30, v[0]); // an element of the vector itself, across a reallocation
        CHECK(v.size() == 30);
        CHECK(id_of(v[29]) == 1);
        v.resize(2, make<T>(7));
        CHECK(ids(v) == ivec{1, 9});
    }
    v.resize(0);
    CHECK(v.empty());
    if constexpr (std::is_trivially_default_constructible_v<T> && contiguous_v<V>) {
        v.resize_for_overwrite(6);
        CHECK(v.size() == 6);
        std::fill(v.begin(), v.end(), make<T>(4));
        CHECK(ids(v) == ivec(6, 4));
        v.resize_for_overwrite(2);
        CHECK(ids(v) == ivec{4, 4});
    }
    check_invariants(v);
}

template <class V>
void swapping() {
    V a = make_vector<V>({1, 2, 3});
    V b = make_sequence<V>(10, 100);
    a.swap(b);
    CHECK(ids(b) == ivec{1, 2, 3});
    CHECK(a.size() == 10);
    CHECK(id_of(a[9]) == 109);
    using std::swap;
    swap(a, b); // the free swap, found by argument-dependent lookup
    CHECK(ids(a) == ivec{1, 2, 3});
    CHECK(b.size() == 10);
    V empty;
    swap(a, empty);
    CHECK(a.empty());
    CHECK(ids(empty) == ivec{1, 2, 3});
    a.swap(a);
    CHECK(a.empty());
    check_invariants(a);
    check_invariants(empty);
}

template <class V>
void comparing() {
    using T = element_t<V>;
    const V a = make_vector<V>({1, 2, 3});
    const V b = make_vector<V>({1, 2, 4});
    const V c = make_vector<V>({1, 2});
    const V a2 = make_vector<V>({1, 2, 3});
    CHECK(a == a2);
    CHECK(a != b);
    CHECK(a < b);
    CHECK(c < a);
    CHECK(b > c);
    CHECK(a <= a2);
    CHECK(a >= c);
    CHECK(std::is_lt(a <=> b));
    CHECK(std::is_eq(a <=> a2));
    CHECK(std::is_lt(V() <=> c));
    CHECK(V() == V());
    (void)sizeof(T);
}

// The whole interface, for one vector type.
template <class V>
void whole_interface() {
    INFO("vector: " << type_name<V>());
    LeakGuard guard;
    SECTION("constructors") {
        constructors<V>();
    }
    SECTION("assignment") {
        assignment<V>();
    }
    SECTION("element access") {
        element_access<V>();
    }
    SECTION("iterators") {
        iterators<V>();
    }
    SECTION("capacity") {
        capacity<V>();
    }
    SECTION("push_back, emplace_back, try_ and unchecked_") {
        appending<V>();
    }
    SECTION("insert and emplace") {
        inserting<V>();
    }
    SECTION("erase, swap_remove, erase_if") {
        erasing<V>();
    }
    SECTION("resize") {
        resizing<V>();
    }
    SECTION("swap") {
        swapping<V>();
    }
    SECTION("comparison") {
        comparing<V>();
    }
}

} // namespace vector_tests
