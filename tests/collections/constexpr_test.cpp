// Vector in constant evaluation, as C++20's std::vector: every check below is a static_assert
// (the compiler evaluates it), and the same functions run once more at run time.

#include <buffers/base/allocator_buffer.hpp>
#include <buffers/base/heap_buffer.hpp>
#include <buffers/base/inline_buffer.hpp>
#include <buffers/collections/vector.hpp>
#include <buffers/composite/at_least_buffer.hpp>
#include <buffers/composite/default_buffer.hpp>
#include <buffers/composite/exponential_growth_buffer.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <compare>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <string>
#include <utility>

namespace {

using buffers::AllocatorBuffer;
using buffers::AtLeastBuffer;
using buffers::ExponentialGrowthBuffer;
using buffers::HeapBuffer;
using buffers::InlineBuffer;
using buffers::Vector;

// An element that owns an allocation (as std::string does, whose copies clang 14 cannot
// evaluate with libstdc++ 12): a value the vector forgets to destroy is a leak, and a value
// it copies or moves wrongly reads freed memory; constant evaluation rejects both.
class Boxed {
public:
    constexpr Boxed() : p_(new int(0)) {}
    constexpr explicit Boxed(int v) : p_(new int(v)) {}
    constexpr Boxed(const Boxed& other) : p_(new int(other.value())) {}
    constexpr Boxed(Boxed&& other) noexcept : p_(std::exchange(other.p_, nullptr)) {}
    constexpr Boxed& operator=(Boxed other) noexcept {
        std::swap(p_, other.p_);
        return *this;
    }
    constexpr ~Boxed() { delete p_; }
    constexpr int value() const { return p_ ? *p_ : -1; }
    friend constexpr bool operator==(const Boxed& a, const Boxed& b) {
        return a.value() == b.value();
    }
    friend constexpr auto operator<=>(const Boxed& a, const Boxed& b) {
        return a.value() <=> b.value();
    }

private:
    int* p_;
};

// Element values: ints, Boxed, or strings long enough to allocate (no small-string storage).
template <class T>
constexpr T val(int i) {
    if constexpr (std::is_same_v<T, std::string>)
        return std::string(20, static_cast<char>('a' + i % 26)) + static_cast<char>('0' + i % 10);
    else
        return T(i);
}

template <class V>
constexpr bool holds(const V& v, std::initializer_list<int> want) {
    using T = typename V::value_type;
    if (v.size() != want.size())
        return false;
    std::size_t i = 0;
    for (int w : want)
        if (v[i++] != val<T>(w))
            return false;
    return true;
}

template <class V>
constexpr V make(std::initializer_list<int> values) {
    V v;
    for (int x : values)
        v.push_back(val<typename V::value_type>(x));
    return v;
}

// push_back, emplace_back, growth, element access, iteration.
template <class V>
constexpr bool push_and_read() {
    using T = typename V::value_type;
    V v;
    if (!v.empty() || v.size() != 0)
        return false;
    for (int i = 0; i < 20; ++i)
        v.push_back(val<T>(i));
    T moved = val<T>(20);
    v.push_back(std::move(moved));
    v.emplace_back(val<T>(21));
    if (v.size() != 22 || v.capacity() < 22 || v.front() != val<T>(0) || v.back() != val<T>(21))
        return false;
    if (v.at(5) != val<T>(5) || v[7] != val<T>(7) || *(v.data() + 3) != val<T>(3))
        return false;
    int i = 0;
    for (const T& x : v)
        if (x != val<T>(i++))
            return false;
    i = 21;
    for (auto it = v.rbegin(); it != v.rend(); ++it)
        if (*it != val<T>(i--))
            return false;
    if (v.cend() - v.cbegin() != 22 || std::find(v.begin(), v.end(), val<T>(9)) != v.begin() + 9)
        return false;
    v.pop_back();
    v.pop_back();
    return v.size() == 20 && v.back() == val<T>(19);
}

// insert (one, n copies, a range, a list, an element of the vector itself), emplace, erase.
template <class V>
constexpr bool insert_and_erase() {
    using T = typename V::value_type;
    V v = make<V>({0, 1, 2, 3});
    v.insert(v.begin() + 1, val<T>(9));
    if (!holds(v, {0, 9, 1, 2, 3}))
        return false;
    v.insert(v.end(), 2, val<T>(7));
    v.insert(v.begin(), 2, v[4]); // an element that the insertion moves
    if (!holds(v, {3, 3, 0, 9, 1, 2, 3, 7, 7}))
        return false;
    const T more[] = {val<T>(4), val<T>(5), val<T>(6)};
    auto it = v.insert(v.begin() + 2, std::begin(more), std::end(more));
    if (it != v.begin() + 2 || !holds(v, {3, 3, 4, 5, 6, 0, 9, 1, 2, 3, 7, 7}))
        return false;
    v.insert(v.end() - 1, {val<T>(8), val<T>(8)});
    v.emplace(v.begin(), val<T>(1));
    if (!holds(v, {1, 3, 3, 4, 5, 6, 0, 9, 1, 2, 3, 7, 8, 8, 7}))
        return false;
    it = v.erase(v.begin() + 1);
    if (it != v.begin() + 1 || !holds(v, {1, 3, 4, 5, 6, 0, 9, 1, 2, 3, 7, 8, 8, 7}))
        return false;
    v.erase(v.begin() + 2, v.begin() + 6);
    v.erase(v.end() - 1);
    if (!holds(v, {1, 3, 9, 1, 2, 3, 7, 8, 8}))
        return false;
    const auto removed =
        erase(v, val<T>(8)) + erase_if(v, [](const T& x) { return x == val<T>(1); });
    if (removed != 4 || !holds(v, {3, 9, 2, 3, 7}))
        return false;
    if (v.swap_remove(1) != val<T>(9) || !holds(v, {3, 7, 2, 3}))
        return false;
    v.clear();
    return v.empty();
}

// resize, reserve, shrink_to_fit, assign.
template <class V>
constexpr bool sizes() {
    using T = typename V::value_type;
    V v = make<V>({0, 1, 2});
    v.resize(6);
    if (v.size() != 6 || v[5] != T())
        return false;
    v.resize(2);
    v.resize(4, val<T>(5));
    if (!holds(v, {0, 1, 5, 5}))
        return false;
    v.resize(6, v[0]); // an element of the vector
    if (!holds(v, {0, 1, 5, 5, 0, 0}))
        return false;
    v.reserve(25);
    if (v.capacity() < 25 || !holds(v, {0, 1, 5, 5, 0, 0}))
        return false;
    v.shrink_to_fit();
    if (v.capacity() < 6 || !holds(v, {0, 1, 5, 5, 0, 0}))
        return false;
    v.assign(3, val<T>(4));
    if (!holds(v, {4, 4, 4}))
        return false;
    const T more[] = {val<T>(1), val<T>(2), val<T>(3), val<T>(4), val<T>(5)};
    v.assign(std::begin(more), std::end(more));
    if (!holds(v, {1, 2, 3, 4, 5}))
        return false;
    v.assign({val<T>(6)});
    v = {val<T>(7), val<T>(8)};
    return holds(v, {7, 8});
}

// Construction, copies and moves (constructors and assignments), swap.
template <class V>
constexpr bool copies_and_moves() {
    using T = typename V::value_type;
    const V a = make<V>({1, 2, 3});
    V b(a);
    V c(std::move(b));
    if (!holds(c, {1, 2, 3}) || !holds(a, {1, 2, 3}))
        return false;
    V d(4, val<T>(6));
    V e(3);
    V f{val<T>(1), val<T>(5)};
    const T more[] = {val<T>(3), val<T>(4)};
    V g(std::begin(more), std::end(more));
    if (!holds(d, {6, 6, 6, 6}) || e.size() != 3 || e[2] != T() || !holds(f, {1, 5}) ||
        !holds(g, {3, 4}))
        return false;
    d = a;
    e = std::move(f);
    if (!holds(d, {1, 2, 3}) || !holds(e, {1, 5}))
        return false;
    const V& same = d;
    d = same; // self-assignment
    d.swap(e);
    if (!holds(d, {1, 5}) || !holds(e, {1, 2, 3}))
        return false;
    swap(d, g);
    return holds(d, {3, 4}) && holds(g, {1, 5});
}

// ==, <=> (and the operators it gives).
template <class V>
constexpr bool comparisons() {
    const V a = make<V>({1, 2, 3});
    const V b = make<V>({1, 2, 4});
    const V c = make<V>({1, 2});
    return a == a && a != b && a < b && c < a && b > c && (a <=> a) == 0 && (b <=> a) > 0 &&
           V() < c;
}

template <class V>
constexpr bool all() {
    return push_and_read<V>() && insert_and_erase<V>() && sizes<V>() && copies_and_moves<V>() &&
           comparisons<V>();
}

// The buffers, for element type T.
template <class T>
using Default = Vector<T>;
template <class T>
using Heap = Vector<T, HeapBuffer<T>>;
template <class T>
using Allocator = Vector<T, AllocatorBuffer<T>>;
template <class T>
using Inline = Vector<T, InlineBuffer<T, 32>>;
template <class T>
using GrowingAllocator = Vector<T, ExponentialGrowthBuffer<AllocatorBuffer<T>>>;
template <class T>
using AtLeast = Vector<T, AtLeastBuffer<HeapBuffer<T>, 8>>;

static_assert(all<Default<int>>());
static_assert(all<Heap<int>>());
static_assert(all<Allocator<int>>());
static_assert(all<Inline<int>>());
static_assert(all<GrowingAllocator<int>>());
static_assert(all<AtLeast<int>>());

static_assert(all<Default<Boxed>>());
static_assert(all<Heap<Boxed>>());
static_assert(all<Allocator<Boxed>>());
static_assert(all<GrowingAllocator<Boxed>>());
static_assert(all<AtLeast<Boxed>>());

#if !defined(__clang__)
// libstdc++ 12's std::string is usable in constant evaluation with g++ only (with clang 14
// its own copy constructor is not).
static_assert(all<Default<std::string>>());
static_assert(all<Heap<std::string>>());
static_assert(all<Allocator<std::string>>());
static_assert(all<GrowingAllocator<std::string>>());
static_assert(all<AtLeast<std::string>>());
// g++ builds values in the inline slots for every T; clang 14 only in a union member made
// active, which InlineBuffer does for trivially default constructible T only.
static_assert(all<Inline<Boxed>>());
static_assert(all<Inline<std::string>>());
#endif

// The capacities the buffers choose are the same in both worlds.
constexpr std::size_t capacity_after(int pushes) {
    Vector<int> v;
    for (int i = 0; i < pushes; ++i)
        v.push_back(i);
    return v.capacity();
}
static_assert(capacity_after(0) == 0 && capacity_after(1) == 1 && capacity_after(17) == 32);

// A full InlineBuffer throws, which ends a constant evaluation: try_push_back reports it.
constexpr bool inline_full() {
    Vector<int, InlineBuffer<int, 2>> v;
    return v.try_push_back(1) && v.try_push_back(2) && !v.try_push_back(3) && v.size() == 2;
}
static_assert(inline_full());

TEST_CASE("The constant-evaluated checks hold at run time too", "[vector][constexpr]") {
    CHECK(all<Default<int>>());
    CHECK(all<Heap<int>>());
    CHECK(all<Allocator<int>>());
    CHECK(all<Inline<int>>());
    CHECK(all<GrowingAllocator<int>>());
    CHECK(all<AtLeast<int>>());
    CHECK(all<Default<Boxed>>());
    CHECK(all<Heap<Boxed>>());
    CHECK(all<Allocator<Boxed>>());
    CHECK(all<Inline<Boxed>>());
    CHECK(all<GrowingAllocator<Boxed>>());
    CHECK(all<AtLeast<Boxed>>());
    CHECK(all<Default<std::string>>());
    CHECK(all<Heap<std::string>>());
    CHECK(all<Allocator<std::string>>());
    CHECK(all<Inline<std::string>>());
    CHECK(all<GrowingAllocator<std::string>>());
    CHECK(all<AtLeast<std::string>>());
    CHECK(capacity_after(17) == 32);
    CHECK(inline_full());
}

} // namespace
