// Deque<T, B>: a ring over any buffer. Differential tests against std::deque over each kind of
// buffer, the unwrapping of a wrapped ring on growth, every insert/erase/shrink position on
// small rings, exception safety with throwing types, and the SoA deque (rows, column halves,
// sorting).

#include <buffers/base/allocator_buffer.hpp>
#include <buffers/base/heap_buffer.hpp>
#include <buffers/base/inline_buffer.hpp>
#include <buffers/collections/deque.hpp>
#include <buffers/composite/exponential_growth_buffer.hpp>
#include <buffers/composite/svo_buffer.hpp>
#include <buffers/soa/soa_deque.hpp>

#include <support/failing_allocator.hpp>
#include <support/single_pass.hpp>
#include <support/tag.hpp>
#include <support/tracked.hpp>
#include <support/tracking.hpp>
#include <support/values.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <compare>
#include <concepts>
#include <cstddef>
#include <deque>
#include <iterator>
#include <memory_resource>
#include <random>
#include <ranges>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

// An SoA element: a trivially copyable field, a string (not trivially relocatable), a double.
// Not in the anonymous namespace: column_halves<&Rec::weight> names an extern object of type
// Rec, which needs a type with linkage.
namespace deque_test {
struct Rec {
    int id = 0;
    std::string name;
    double weight = 0;
    friend bool operator==(const Rec&, const Rec&) = default;
    friend auto operator<=>(const Rec&, const Rec&) = default;
};
} // namespace deque_test

namespace {

using buffers::Deque;
using deque_test::Rec;

using PmrString = std::pmr::string;
using PmrStringBuffer =
    buffers::AllocatorBuffer<PmrString, std::pmr::polymorphic_allocator<PmrString>>;

template <class E>
E make(int id) {
    if constexpr (std::is_same_v<E, Rec>)
        return Rec{id, support::make<std::string>(id), id * 0.5};
    else if constexpr (std::is_same_v<E, PmrString>)
        return PmrString(support::make<std::string>(id));
    else
        return support::make<E>(id);
}

template <class D>
using elem_t = typename D::value_type;

// Checks d against the model, element by element (values, through operator[], iterators,
// at, front and back).
template <class D>
void check_same(const D& d, const std::deque<elem_t<D>>& m) {
    using E = elem_t<D>;
    REQUIRE(d.size() == m.size());
    REQUIRE(d.empty() == m.empty());
    REQUIRE(d.size() <= d.capacity());
    std::size_t i = 0;
    for (auto it = d.begin(); it != d.end(); ++it, ++i)
        REQUIRE(static_cast<E>(*it) == m[i]);
    for (i = 0; i < m.size(); ++i)
        REQUIRE(static_cast<E>(d[i]) == m[i]);
    if (!m.empty()) {
        REQUIRE(static_cast<E>(d.front()) == m.front());
        REQUIRE(static_cast<E>(d.back()) == m.back());
        REQUIRE(static_cast<E>(d.at(m.size() - 1)) == m.back());
    }
    REQUIRE(d.live().count() == m.size());
}

template <class D>
D make_deque(std::pmr::memory_resource* res) {
    if constexpr (requires { typename D::allocator_type; })
        return D(typename D::allocator_type(res));
    else
        return D();
}

// Random operations on d and on a std::deque side by side, checked after every step.
template <class D>
void differential(unsigned seed, int steps) {
    using E = elem_t<D>;
    std::pmr::unsynchronized_pool_resource pool;
    std::mt19937 rng(seed);
    auto pick = [&](std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n)(rng);
    };
    int next = 1;

    D d = make_deque<D>(&pool);
    D other = make_deque<D>(&pool);
    std::deque<E> m, mo;
    const std::size_t max = d.max_size();
    auto fits = [&](std::size_t k) { return d.size() + k <= max; };

    for (int step = 0; step < steps; ++step) {
        const std::size_t size = m.size();
        // Keep the size wandering between empty and a few hundred.
        std::size_t op = pick(27);
        if (size > 300 && op < 12)
            op += 12;
        INFO("step " << step << ", op " << op << ", size " << size);
        switch (op) {
        case 0:
        case 1:
        case 2: {
            const E v = make<E>(next++);
            if (fits(1)) {
                d.push_back(v);
                m.push_back(v);
            } else {
                REQUIRE_FALSE(d.try_push_back(v));
            }
            break;
        }
        case 3:
        case 4:
        case 5: {
            E v = make<E>(next++);
            if (fits(1)) {
                m.push_front(v);
                d.push_front(std::move(v));
            } else {
                REQUIRE_FALSE(d.try_push_front(std::move(v)));
            }
            break;
        }
        case 6: {
            const int id = next++;
            if (d.try_emplace_back(make<E>(id)))
                m.push_back(make<E>(id));
            else
                REQUIRE_FALSE(fits(1));
            break;
        }
        case 7: {
            const int id = next++;
            if (d.try_emplace_front(make<E>(id)))
                m.push_front(make<E>(id));
            else
                REQUIRE_FALSE(fits(1));
            break;
        }
        case 8:
        case 9:
            if (size > 0) {
                d.pop_front();
                m.pop_front();
            }
            break;
        case 10:
        case 11:
            if (size > 0) {
                d.pop_back();
                m.pop_back();
            }
            break;
        case 12: {
            const std::size_t i = pick(size);
            const E v = make<E>(next++);
            if (fits(1)) {
                auto it = d.insert(d.begin() + static_cast<std::ptrdiff_t>(i), v);
                REQUIRE(it - d.begin() == static_cast<std::ptrdiff_t>(i));
                m.insert(m.begin() + static_cast<std::ptrdiff_t>(i), v);
            } else {
                REQUIRE_THROWS_AS(d.insert(d.begin() + static_cast<std::ptrdiff_t>(i), v),
                                  std::length_error);
            }
            break;
        }
        case 13: {
            const std::size_t i = pick(size), n = pick(6);
            const E v = make<E>(next++);
            if (fits(n)) {
                d.insert(d.begin() + static_cast<std::ptrdiff_t>(i), n, v);
                // libstdc++ 12's std::deque::insert(pos, 0, v) in the front half corrupts the
                // element before pos; inserting nothing must change nothing, so skip it there.
                if (n > 0)
                    m.insert(m.begin() + static_cast<std::ptrdiff_t>(i), n, v);
            } else {
                REQUIRE_THROWS_AS(d.insert(d.begin() + static_cast<std::ptrdiff_t>(i), n, v),
                                  std::length_error);
            }
            break;
        }
        case 14: {
            const std::size_t i = pick(size), n = pick(8);
            std::vector<E> src;
            for (std::size_t k = 0; k < n; ++k)
                src.push_back(make<E>(next++));
            if (fits(n)) {
                if (step % 2 == 0)
                    d.insert(d.begin() + static_cast<std::ptrdiff_t>(i), src.begin(), src.end());
                else
                    d.insert(d.begin() + static_cast<std::ptrdiff_t>(i),
                             support::single_pass(src.data()),
                             support::single_pass(src.data() + src.size()));
                if (n > 0)
                    m.insert(m.begin() + static_cast<std::ptrdiff_t>(i), src.begin(), src.end());
            }
            break;
        }
        case 15:
            if (size > 0) {
                const std::size_t i = pick(size - 1);
                auto it = d.erase(d.begin() + static_cast<std::ptrdiff_t>(i));
                REQUIRE(it - d.begin() == static_cast<std::ptrdiff_t>(i));
                m.erase(m.begin() + static_cast<std::ptrdiff_t>(i));
            }
            break;
        case 16: {
            const std::size_t i = pick(size);
            const std::size_t j = i + pick(std::min<std::size_t>(size - i, 12));
            d.erase(d.begin() + static_cast<std::ptrdiff_t>(i),
                    d.begin() + static_cast<std::ptrdiff_t>(j));
            m.erase(m.begin() + static_cast<std::ptrdiff_t>(i),
                    m.begin() + static_cast<std::ptrdiff_t>(j));
            break;
        }
        case 17: {
            const std::size_t n = size >= 8 ? size - 8 + pick(16) : pick(16);
            if (n <= max) {
                if (step % 2 == 0) {
                    d.resize(n);
                    m.resize(n);
                } else {
                    const E v = make<E>(next++);
                    d.resize(n, v);
                    m.resize(n, v);
                }
            }
            break;
        }
        case 18:
            if (size > 0) {
                const std::size_t i = pick(size - 1);
                const E v = make<E>(next++);
                d[i] = v;
                m[i] = v;
            }
            break;
        case 19:
            if (step % 5 == 0) {
                const std::size_t n = pick(20);
                const E v = make<E>(next++);
                d.assign(n, v);
                m.assign(n, v);
            } else if (step % 5 == 1) {
                std::vector<E> src;
                for (std::size_t k = pick(30); k > 0; --k)
                    src.push_back(make<E>(next++));
                d.assign(src.begin(), src.end());
                m.assign(src.begin(), src.end());
            } else if (step % 5 == 2 && size > 0) {
                const E v = m[pick(size - 1)];
                const auto n = erase(d, v);
                REQUIRE(n == std::erase(m, v));
            }
            break;
        case 20:
            d.shrink_to_fit();
            REQUIRE(d.capacity() >= d.size());
            break;
        case 21:
            if (size + 10 <= max)
                d.reserve(size + pick(10));
            break;
        case 22: {
            D copy(d);
            check_same(copy, m);
            REQUIRE(copy == d);
            if constexpr (requires(E a) { a < a; })
                REQUIRE(std::is_eq(copy <=> d));
            D moved(std::move(copy));
            REQUIRE(copy.empty());
            check_same(moved, m);
            copy = std::move(moved);
            check_same(copy, m);
            d = copy;
            break;
        }
        case 23:
            d.swap(other);
            m.swap(mo);
            check_same(other, mo);
            break;
        case 24:
            if (step % 4 == 0) {
                auto less = [](const auto& a, const auto& b) {
                    return static_cast<E>(a) < static_cast<E>(b);
                };
                std::sort(d.begin(), d.end(), less);
                std::sort(m.begin(), m.end());
            } else {
                REQUIRE(
                    std::equal(d.rbegin(), d.rend(), m.rbegin(), m.rend(),
                               [](const auto& a, const E& b) { return static_cast<E>(a) == b; }));
                REQUIRE_THROWS_AS(d.at(size), std::out_of_range);
            }
            break;
        case 25:
            if (step % 7 == 0) {
                d.clear();
                m.clear();
            }
            break;
        default: { // a burst at one end, so the ring wraps and grows while wrapped
            const bool back = pick(1) == 0;
            for (std::size_t k = pick(20); k > 0 && fits(1); --k) {
                const E v = make<E>(next++);
                if (back) {
                    d.push_back(v);
                    m.push_back(v);
                    d.pop_front();
                    m.pop_front();
                    d.push_back(v);
                    m.push_back(v);
                } else {
                    d.push_front(v);
                    m.push_front(v);
                }
            }
            break;
        }
        }
        check_same(d, m);
    }
    check_same(other, mo);
}

using DefaultString = Deque<std::string>;
using ExactString = Deque<std::string, buffers::HeapBuffer<std::string>>;
using DefaultInt = Deque<int>;
using InlineString = Deque<std::string, buffers::InlineBuffer<std::string, 37>>;
using SvoString = Deque<std::string, buffers::ExponentialGrowthBuffer<
                                         buffers::SvoBuffer<buffers::HeapBuffer<std::string>, 8>>>;
using PmrDeque = Deque<PmrString, PmrStringBuffer>;
using SoaRec = buffers::SoaDeque<Rec>;
using InlineSoaRec = buffers::InlineSoaDeque<Rec, 64>;
using CountedDeque = Deque<support::Counted>;
using ThrowingDeque = Deque<support::Throwing>;
using ExactThrowing = Deque<support::Throwing, buffers::HeapBuffer<support::Throwing>>;

} // namespace

TEMPLATE_TEST_CASE("Deque: random operations match std::deque", "[deque]", DefaultString,
                   ExactString, DefaultInt, InlineString, SvoString, PmrDeque, SoaRec, InlineSoaRec,
                   CountedDeque, ThrowingDeque, ExactThrowing) {
    support::LeakGuard guard;
    for (unsigned seed : {1u, 2u, 3u})
        differential<TestType>(seed * 7919u, 1500);
}

TEST_CASE("Deque: growth unwraps a wrapped ring of strings", "[deque]") {
    // Every wrapped ring of 8 slots grows to 9 (one new slot: the front part shifts over
    // itself), 10, 12 and 16 (the shorter part moves); strings catch any byte-wise relocation.
    for (std::size_t head = 1; head < 8; ++head) {
        for (std::size_t size = 9 - head; size <= 8; ++size) {
            for (std::size_t grow : {9u, 10u, 12u, 16u}) {
                INFO("head " << head << ", size " << size << ", grow to " << grow);
                ExactString d;
                d.reserve(8);
                for (std::size_t k = 0; k < head; ++k) {
                    d.push_back(support::make<std::string>(-1));
                    d.pop_front();
                }
                std::deque<std::string> m;
                for (std::size_t k = 0; k < size; ++k) {
                    d.push_back(support::make<std::string>(static_cast<int>(k)));
                    m.push_back(d.back());
                }
                const buffers::Live live = d.live();
                const auto ranges = live.ranges();
                REQUIRE(ranges.size() == 2);
                CHECK(ranges[0] == buffers::IndexRange{head, 8});
                CHECK(ranges[1] == buffers::IndexRange{0, head + size - 8});
                d.reserve(grow);
                CHECK(d.capacity() == grow);
                check_same(d, m);
                // Fill to capacity from both ends, without growing again.
                while (d.size() < d.capacity()) {
                    d.push_back(support::make<std::string>(static_cast<int>(m.size())));
                    m.push_back(d.back());
                    if (d.size() == d.capacity())
                        break;
                    d.push_front(support::make<std::string>(-static_cast<int>(m.size())));
                    m.push_front(d.front());
                }
                check_same(d, m);
            }
        }
    }
    // The same through push_back with the default (doubling) buffer.
    DefaultString d;
    std::deque<std::string> m;
    for (int i = 0; i < 300; ++i) {
        d.push_back(support::make<std::string>(i));
        m.push_back(d.back());
        if (i % 3 == 0) {
            d.pop_front();
            m.pop_front();
        }
        check_same(d, m);
    }
}

TEST_CASE("Deque: insert and erase at every position of every ring position", "[deque]") {
    // A ring of 8 slots: every head, size, position and count.
    for (std::size_t head = 0; head < 8; ++head) {
        for (std::size_t size = 0; size <= 8; ++size) {
            auto build = [&](std::deque<std::string>& m) {
                ExactString d;
                d.reserve(8);
                for (std::size_t k = 0; k < head; ++k) {
                    d.push_back("");
                    d.pop_front();
                }
                m.clear();
                for (std::size_t k = 0; k < size; ++k) {
                    d.push_back(support::make<std::string>(static_cast<int>(k)));
                    m.push_back(d.back());
                }
                REQUIRE(d.capacity() == 8);
                return d;
            };
            for (std::size_t i = 0; i <= size; ++i) {
                for (std::size_t n = 1; size + n <= 8; ++n) {
                    INFO("head " << head << ", size " << size << ", insert " << n << " at " << i);
                    std::deque<std::string> m;
                    ExactString d = build(m);
                    const auto v = support::make<std::string>(1000);
                    d.insert(d.begin() + static_cast<std::ptrdiff_t>(i), n, v);
                    m.insert(m.begin() + static_cast<std::ptrdiff_t>(i), n, v);
                    REQUIRE(d.capacity() == 8);
                    check_same(d, m);
                }
                for (std::size_t j = i; j <= size; ++j) {
                    INFO("head " << head << ", size " << size << ", erase [" << i << ", " << j
                                 << ")");
                    std::deque<std::string> m;
                    ExactString d = build(m);
                    d.erase(d.begin() + static_cast<std::ptrdiff_t>(i),
                            d.begin() + static_cast<std::ptrdiff_t>(j));
                    m.erase(m.begin() + static_cast<std::ptrdiff_t>(i),
                            m.begin() + static_cast<std::ptrdiff_t>(j));
                    check_same(d, m);
                }
            }
            // shrink_to_fit moves the ring to the start, then the buffer releases the rest.
            for (std::size_t cap : {8u, 12u}) {
                INFO("head " << head << ", size " << size << ", shrink from " << cap);
                ExactString d;
                d.reserve(cap);
                for (std::size_t k = 0; k < head; ++k) {
                    d.push_back("");
                    d.pop_front();
                }
                std::deque<std::string> m;
                for (std::size_t k = 0; k < size; ++k) {
                    d.push_back(support::make<std::string>(static_cast<int>(k)));
                    m.push_back(d.back());
                }
                d.shrink_to_fit();
                CHECK(d.capacity() == size);
                check_same(d, m);
                d.push_front(support::make<std::string>(-5));
                m.push_front(support::make<std::string>(-5));
                check_same(d, m);
            }
        }
    }
}

TEST_CASE("Deque: shrink_to_fit brings a small ring back inline", "[deque]") {
    using Svo = Deque<std::string, buffers::SvoBuffer<buffers::HeapBuffer<std::string>, 4>>;
    Svo d;
    std::deque<std::string> m;
    for (int i = 0; i < 10; ++i) {
        d.push_back(support::make<std::string>(i));
        m.push_back(support::make<std::string>(i));
    }
    REQUIRE_FALSE(d.buffer().is_inline());
    for (int i = 0; i < 7; ++i) {
        d.pop_front();
        m.pop_front();
        d.push_back(support::make<std::string>(20 + i));
        m.push_back(support::make<std::string>(20 + i));
        d.pop_front();
        m.pop_front();
    }
    REQUIRE(d.size() == 3);
    d.shrink_to_fit();
    CHECK(d.buffer().is_inline());
    CHECK(d.capacity() == 4);
    check_same(d, m);
}

TEST_CASE("Deque: a fixed ring over InlineBuffer reports full", "[deque]") {
    Deque<int, buffers::InlineBuffer<int, 4>> d;
    STATIC_REQUIRE(std::is_same_v<decltype(d.try_push_back(1)), int*>);
    CHECK(d.capacity() == 4);
    for (int i = 0; i < 4; ++i)
        REQUIRE(d.try_push_back(i) != nullptr);
    CHECK(d.try_push_back(4) == nullptr);
    CHECK(d.try_push_front(-1) == nullptr);
    CHECK_THROWS_AS(d.push_back(4), std::length_error);
    CHECK_THROWS_AS(d.push_front(4), std::length_error);
    CHECK_THROWS_AS(d.insert(d.begin() + 2, 4), std::length_error);
    // As a ring: a queue that keeps the last four values.
    for (int i = 4; i < 11; ++i) {
        d.pop_front();
        REQUIRE(*d.try_push_back(i) == i);
    }
    CHECK(d == Deque<int, buffers::InlineBuffer<int, 4>>{7, 8, 9, 10});
    CHECK(d.live().ranges().size() == 2);
    d.pop_back();
    REQUIRE(*d.try_push_front(6) == 6);
    CHECK(d == Deque<int, buffers::InlineBuffer<int, 4>>{6, 7, 8, 9});

    // Swapping fixed rings relocates their values (no storage to exchange).
    Deque<int, buffers::InlineBuffer<int, 4>> e{1, 2};
    swap(d, e);
    CHECK(d == Deque<int, buffers::InlineBuffer<int, 4>>{1, 2});
    CHECK(e == Deque<int, buffers::InlineBuffer<int, 4>>{6, 7, 8, 9});
    CHECK_THROWS_AS(e.push_front(0), std::length_error);
    CHECK(e.size() == 4);
}

TEST_CASE("Deque: push keeps the strong guarantee when a copy throws", "[deque][exceptions]") {
    using support::Throwing;
    auto check_ids = [](const auto& d, const std::vector<int>& ids) {
        REQUIRE(d.size() == ids.size());
        for (std::size_t i = 0; i < ids.size(); ++i)
            REQUIRE(d[i].id() == ids[i]);
    };
    support::LeakGuard guard;
    auto run = [&](auto d) {
        // A full, wrapped ring: the next push grows and unwraps by copying.
        d.reserve(8);
        const std::size_t cap = d.capacity();
        std::vector<int> ids;
        for (std::size_t i = 0; i < 3; ++i) {
            d.push_back(Throwing(-1));
            d.pop_front();
        }
        for (std::size_t i = 0; i < cap; ++i) {
            d.push_back(Throwing(static_cast<int>(i)));
            ids.push_back(static_cast<int>(i));
        }
        REQUIRE(d.live().ranges().size() == 2);
        for (int front = 0; front < 2; ++front) {
            for (long n = 1;; ++n) {
                INFO((front ? "push_front" : "push_back") << ", throw on operation " << n);
                auto copy = d;
                const Throwing v(1000 + front);
                support::arm(n);
                bool threw = false;
                try {
                    if (front)
                        copy.push_front(v);
                    else
                        copy.push_back(v);
                } catch (const support::TestError&) {
                    threw = true;
                }
                support::disarm();
                if (threw) {
                    check_ids(copy, ids);
                    // Still usable: the next push succeeds.
                    copy.push_back(Throwing(7));
                    CHECK(copy.back().id() == 7);
                    continue;
                }
                auto expect = ids;
                if (front)
                    expect.insert(expect.begin(), 1000 + front);
                else
                    expect.push_back(1000);
                check_ids(copy, expect);
                break;
            }
        }
    };
    SECTION("doubling") {
        run(Deque<Throwing>());
    }
    SECTION("exact growth") {
        run(Deque<Throwing, buffers::HeapBuffer<Throwing>>());
    }
    SECTION("small buffer") {
        run(Deque<Throwing, buffers::ExponentialGrowthBuffer<
                                buffers::SvoBuffer<buffers::HeapBuffer<Throwing>, 8>>>());
    }
}

TEST_CASE("Deque: insert, erase and resize leave no leak when a copy throws",
          "[deque][exceptions]") {
    using support::Throwing;
    using support::ThrowingNothrowMove;
    auto run = [](auto tag) {
        using T = decltype(tag);
        support::LeakGuard guard;
        for (long n = 1; n < 40; ++n) {
            Deque<T> d;
            for (int i = 0; i < 6; ++i) {
                d.push_back(T(i));
                d.push_front(T(-i));
            }
            const auto before = std::vector<int>([&] {
                std::vector<int> v;
                for (const auto& x : d)
                    v.push_back(x.id());
                return v;
            }());
            std::vector<T> src;
            for (int i = 0; i < 4; ++i)
                src.push_back(T(100 + i));
            support::arm(n);
            try {
                switch (n % 4) {
                case 0:
                    d.insert(d.begin() + 3, 3, T(50));
                    break;
                case 1:
                    d.insert(d.end() - 2, src.begin(), src.end());
                    break;
                case 2:
                    d.resize(20);
                    break;
                default:
                    d.emplace(d.begin() + 8, 77);
                    break;
                }
            } catch (const support::TestError&) {
                support::disarm();
                // Basic guarantee at least: a valid deque; for relocating types, nothing moved.
                if constexpr (std::is_nothrow_move_constructible_v<T>) {
                    std::vector<int> after;
                    for (const auto& x : d)
                        after.push_back(x.id());
                    CHECK(after == before);
                }
                for (const auto& x : d)
                    (void)x.id();
            }
            support::disarm();
            d.erase(d.begin() + 1, d.begin() + 4);
        }
    };
    SECTION("move may throw") {
        run(Throwing(0));
    }
    SECTION("nothrow move") {
        run(ThrowingNothrowMove(0));
    }
}

TEST_CASE("Deque: a failed allocation changes nothing", "[deque][exceptions]") {
    using Alloc = support::FailingAllocator<std::string>;
    using D = Deque<std::string, buffers::AllocatorBuffer<std::string, Alloc>>;
    support::AllocState state;
    {
        D d{Alloc(1, state)};
        d.reserve(8);
        std::deque<std::string> m;
        for (int i = 0; i < 11; ++i) { // a full ring that wraps
            d.push_back(support::make<std::string>(i));
            m.push_back(d.back());
            if (i < 3) {
                d.pop_front();
                m.pop_front();
            }
        }
        REQUIRE(d.size() == d.capacity());
        REQUIRE(d.live().ranges().size() == 2);
        state.fail_all = true;
        CHECK_THROWS_AS(d.push_back(support::make<std::string>(100)), std::bad_alloc);
        CHECK_THROWS_AS(d.push_front(support::make<std::string>(100)), std::bad_alloc);
        CHECK_THROWS_AS(d.insert(d.begin() + 3, support::make<std::string>(100)), std::bad_alloc);
        CHECK_THROWS_AS(d.resize(20), std::bad_alloc);
        CHECK_FALSE(d.try_push_back(support::make<std::string>(100)));
        CHECK_FALSE(d.try_emplace_front(support::make<std::string>(100)));
        check_same(d, m);
        CHECK(d.capacity() == 8);
        state.fail_all = false;
        REQUIRE(d.try_push_front(support::make<std::string>(-1)) != nullptr);
        m.push_front(support::make<std::string>(-1));
        check_same(d, m);
    }
    CHECK(state.live_blocks() == 0);
}

TEST_CASE("Deque: arguments that refer to elements survive growth", "[deque]") {
    using support::make;
    for (int round = 0; round < 6; ++round) {
        INFO("round " << round);
        DefaultString d;
        std::deque<std::string> m;
        for (int i = 0; i < 8; ++i) { // full and wrapped: every insertion below grows
            d.push_front(make<std::string>(i));
            m.push_front(make<std::string>(i));
        }
        d.pop_back();
        m.pop_back();
        d.push_front(make<std::string>(8));
        m.push_front(make<std::string>(8));
        REQUIRE(d.size() == d.capacity());
        switch (round) {
        case 0:
            d.push_back(d.front());
            m.push_back(m.front());
            break;
        case 1:
            d.push_front(d.back());
            m.push_front(m.back());
            break;
        case 2:
            d.insert(d.begin() + 3, d[5]);
            m.insert(m.begin() + 3, m[5]);
            break;
        case 3:
            d.insert(d.begin() + 6, 4, d[1]);
            m.insert(m.begin() + 6, 4, m[1]);
            break;
        case 4:
            d.resize(12, d[2]);
            m.resize(12, m[2]);
            break;
        default:
            d.assign(20, d[4]);
            m.assign(20, m[4]);
            break;
        }
        check_same(d, m);
    }
}

TEST_CASE("Deque: counted elements are balanced", "[deque]") {
    using support::Counted;
    support::LeakGuard guard;
    const auto before = support::counts();
    {
        Deque<Counted> d;
        for (int i = 0; i < 100; ++i) {
            d.emplace_back(i);
            d.emplace_front(-i);
            if (i % 3 == 0)
                d.pop_front();
        }
        d.erase(d.begin() + 10, d.begin() + 50);
        d.insert(d.begin() + 5, 10, Counted(7));
        d.shrink_to_fit();
        Deque<Counted> e = d;
        e.resize(3);
        swap(d, e);
    }
    const auto& after = support::counts();
    CHECK(after.errors == before.errors);
    CHECK(after.live == before.live);
    CHECK(after.constructions() - before.constructions() ==
          after.destructions - before.destructions);
}

TEST_CASE("Deque: iterators are random access and are positions", "[deque]") {
    using It = Deque<int>::iterator;
    using CIt = Deque<int>::const_iterator;
    STATIC_REQUIRE(std::random_access_iterator<It>);
    STATIC_REQUIRE(std::random_access_iterator<CIt>);
    STATIC_REQUIRE(std::sortable<It>);
    STATIC_REQUIRE(std::convertible_to<It, CIt>);
    STATIC_REQUIRE(std::ranges::random_access_range<Deque<int>>);

    Deque<int> d{1, 2, 3};
    auto it = d.begin() + 1;
    for (int i = 0; i < 100; ++i) // grows several times
        d.push_back(i);
    CHECK(*it == 2); // still the element at index 1
    d.push_front(0);
    CHECK(*it == 1); // the same index, another element
    CHECK(std::distance(d.cbegin(), d.cend()) == 104);
    CHECK(d.rbegin()[0] == 99);
    CHECK(erase(d, 2) == 2);
    CHECK(erase_if(d, [](int x) { return x % 2 == 0; }) == 50);
    CHECK(std::ranges::all_of(d, [](int x) { return x % 2 != 0; }));
}

TEST_CASE("Deque: sizes, and empty elements that take no storage", "[deque]") {
    STATIC_REQUIRE(sizeof(Deque<int>) == 5 * sizeof(void*)); // pointer, capacity, head, size, ring
    STATIC_REQUIRE(sizeof(Deque<support::Tag>) == 3 * sizeof(std::size_t));
    Deque<support::Tag> d;
    for (int i = 0; i < 1000; ++i) {
        d.push_back(support::Tag{});
        d.emplace_front();
    }
    d.insert(d.begin() + 10, 5, support::Tag{});
    d.erase(d.begin() + 3, d.begin() + 20);
    d.pop_front();
    d.pop_back();
    CHECK(d.size() == 1986);
    CHECK(d.front() == support::Tag{});
    CHECK(std::distance(d.begin(), d.end()) == 1986);
    d.shrink_to_fit();
    CHECK(d.size() == 1986);
}

TEST_CASE("Deque: comparisons and swap", "[deque]") {
    Deque<int> a{1, 2, 3}, b{1, 2, 4};
    CHECK(a < b);
    CHECK((a <=> b) == std::strong_ordering::less);
    CHECK(a != b);
    a.push_front(0);
    a.pop_front();
    CHECK(a == Deque<int>{1, 2, 3});
    const auto* before = &a.front();
    a.swap(b);
    CHECK(&b.front() == before); // heap storage is exchanged, references follow the values
    CHECK(b == Deque<int>{1, 2, 3});
}

TEST_CASE("Deque: pmr elements use the deque's resource", "[deque]") {
    std::pmr::monotonic_buffer_resource res;
    PmrDeque d{std::pmr::polymorphic_allocator<PmrString>(&res)};
    for (int i = 0; i < 20; ++i) {
        d.push_back(make<PmrString>(i));
        d.emplace_front(make<PmrString>(-i));
    }
    d.insert(d.begin() + 7, 3, make<PmrString>(5));
    CHECK(d.get_allocator().resource() == &res);
    for (const auto& s : d)
        CHECK(s.get_allocator().resource() == &res);
}

TEST_CASE("Deque: an SoA deque has rows, column halves and sorts", "[deque][soa]") {
    buffers::SoaDeque<Rec> d;
    std::deque<Rec> m;
    for (int i = 0; i < 12; ++i) {
        d.push_back(make<Rec>(i * 7 % 12));
        m.push_back(make<Rec>(i * 7 % 12));
    }
    for (int i = 0; i < 5; ++i) { // wrap the ring
        d.pop_front();
        m.pop_front();
        d.push_back(make<Rec>(20 + i));
        m.push_back(make<Rec>(20 + i));
    }
    REQUIRE(d.live().ranges().size() == 2);

    // Rows are proxies.
    Rec r = d[2];
    CHECK(r == m[2]);
    buffers::get<0>(d[2]) = 99;
    m[2].id = 99;
    auto [id, name, weight] = d[3];
    name += "!";
    m[3].name += "!";
    (void)id;
    (void)weight;
    d[4] = make<Rec>(42);
    m[4] = make<Rec>(42);
    check_same(d, m);

    // Columns as two spans, in element order.
    auto ids = buffers::column_halves<0>(d);
    CHECK(!ids.first.empty());
    CHECK(!ids.second.empty());
    CHECK(ids.size() == d.size());
    std::vector<int> seen;
    ids.for_each([&](int x) { seen.push_back(x); });
    for (std::size_t i = 0; i < m.size(); ++i) {
        CHECK(seen[i] == m[i].id);
        CHECK(ids[i] == m[i].id);
    }
    auto [w1, w2] = buffers::column_halves<&Rec::weight>(d);
    for (double& w : w1)
        w += 1;
    for (double& w : w2)
        w += 1;
    for (auto& x : m)
        x.weight += 1;
    const auto& cd = d;
    auto names = buffers::column_halves<1>(cd);
    STATIC_REQUIRE(std::is_same_v<decltype(names.first), std::span<const std::string>>);
    // By member pointer too; an rvalue reads as a const deque.
    STATIC_REQUIRE(std::is_same_v<decltype(buffers::column_halves<&Rec::name>(cd).second),
                                  std::span<const std::string>>);
    STATIC_REQUIRE(
        std::is_same_v<decltype(buffers::column_halves<1>(std::declval<decltype(d)>()).first),
                       std::span<const std::string>>);
    CHECK(buffers::column_halves<&Rec::name>(cd)[0] == m[0].name);
    CHECK(names[0] == m[0].name);
    check_same(d, m);

    // Sorting through the row proxies.
    auto by_id = [](const auto& a, const auto& b) {
        return buffers::get<0>(a) < buffers::get<0>(b);
    };
    std::sort(d.begin(), d.end(), by_id);
    std::sort(m.begin(), m.end(), by_id);
    check_same(d, m);
    STATIC_REQUIRE(std::sortable<buffers::SoaDeque<Rec>::iterator, decltype(by_id)>);
#if !defined(__clang__) // clang 14 cannot compile libstdc++ 12's ranges algorithms
    std::ranges::sort(d, std::greater<>{}, [](const auto& row) { return buffers::get<0>(row); });
    std::ranges::sort(m, std::greater<>{}, [](const auto& row) { return buffers::get<0>(row); });
    check_same(d, m);
#endif
    CHECK(erase_if(d, [](const auto& row) { return buffers::get<0>(row) % 2 == 0; }) ==
          static_cast<std::size_t>(std::erase_if(m, [](const Rec& x) { return x.id % 2 == 0; })));
    check_same(d, m);
}
