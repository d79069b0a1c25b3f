// Exception safety of Vector: each operation is run once for every N, with the Nth copy, move
// or construction of the element throwing. Where issue 5 promises the strong guarantee
// (push_back, emplace_back, reserve, insertion at the end, and the appends that are
// all-or-nothing) the vector must be exactly as before; elsewhere it must be valid and
// usable (basic guarantee). Either way every element is destroyed exactly once and nothing
// leaks (LeakGuard, and AddressSanitizer in the asan preset).

#include "support/tracked.hpp"
#include "support/tracking.hpp"
#include "support/values.hpp"
#include "support/vector_helpers.hpp"

#include <buffers/collections/vector.hpp>

#include <catch2/catch.hpp>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace {
namespace mp = boost::mp11;
namespace fam = support::family;
using namespace support;
using ivec = std::vector<int>;

using families = mp::mp_list<fam::Default, fam::Heap, fam::Inline64, fam::Svo4, fam::PmrAllocator,
                             fam::ExponentialSvo4>;
using cases = vector_product<families, mp::mp_list<Throwing, ThrowingNothrowMove>>;

enum class Guarantee { strong, basic };

// Runs op(v) on a fresh vector from setup() once disarmed (the expected result), then once
// for each n with the nth throwing operation armed, until op completes.
template <class V, class Setup, class Op>
void every_failure(const char* what, Guarantee g, Setup setup, Op op) {
    INFO("operation: " << what);
    ivec expected;
    {
        LeakGuard guard;
        V v = setup();
        op(v);
        expected = ids(v);
    }
    long failures = 0;
    for (long n = 1;; ++n) {
        INFO("the operation that throws: " << n);
        REQUIRE(n < 500);
        LeakGuard guard;
        Disarm disarm_on_exit;
        V v = setup();
        const ivec before = ids(v);
        bool completed = false;
        arm(n);
        try {
            op(v);
            completed = true;
        } catch (const TestError&) {
            ++failures;
        }
        disarm();
        check_invariants(v);
        if (completed) {
            REQUIRE(ids(v) == expected);
            break;
        }
        if (g == Guarantee::strong) {
            REQUIRE(ids(v) == before);
        } else {
            // Valid: every element can be read, assigned, and the vector still works.
            for (auto& e : v)
                e = make<element_t<V>>(1000);
            v.emplace_back(make<element_t<V>>(1001));
            check_invariants(v);
        }
    }
    // Tracked types throw somewhere in every operation below except those that only move
    // elements that cannot throw on move.
    (void)failures;
}

template <class V>
void run_all() {
    using T = element_t<V>;
    INFO("vector: " << type_name<V>());
    // Four elements: the capacity of most of these buffers is exactly 4, so appending one
    // more reallocates (from the inline slots, for the small-buffer ones).
    const auto full = [] { return make_sequence<V>(4); };
    const auto seven = [] { return make_sequence<V>(7, 10); };
    const auto s = Guarantee::strong;
    const auto b = Guarantee::basic;
    using diff = std::ptrdiff_t;

    every_failure<V>("push_back(const T&)", s, full, [](V& v) {
        const T x = make<T>(50);
        v.push_back(x);
    });
    every_failure<V>("push_back(T&&)", s, full, [](V& v) { v.push_back(make<T>(50)); });
    every_failure<V>("emplace_back(id)", s, full, [](V& v) { v.emplace_back(50); });
    every_failure<V>("push_back(v[0]) at full capacity", s, full, [](V& v) { v.push_back(v[0]); });
    every_failure<V>("try_push_back", s, full, [](V& v) {
        const T x = make<T>(50);
        // Outside REQUIRE: Catch would swallow the exception the test is counting on.
        const auto* p = v.try_push_back(x);
        REQUIRE(p != nullptr);
    });
    every_failure<V>("insert(end, x)", s, full, [](V& v) {
        const T x = make<T>(50);
        v.insert(v.end(), x);
    });
    every_failure<V>("emplace(end, id)", s, full, [](V& v) { v.emplace(v.end(), 50); });
    every_failure<V>("insert(end, n, x)", s, full, [](V& v) {
        const T x = make<T>(50);
        v.insert(v.end(), 3, x);
    });
    every_failure<V>("insert(end, first, last)", s, full, [](V& v) {
        const auto src = std_vector_of<T>({50, 51, 52});
        v.insert(v.end(), src.begin(), src.end());
    });
    every_failure<V>("reserve", s, full, [](V& v) { v.reserve(20); });
    every_failure<V>("resize(n)", s, full, [](V& v) { v.resize(9); });
    every_failure<V>("resize(n, x)", s, full, [](V& v) {
        const T x = make<T>(50);
        v.resize(9, x);
    });
    every_failure<V>("resize(n, v[1])", s, full, [](V& v) { v.resize(9, v[1]); });
    every_failure<V>("shrink_to_fit", s, full, [](V& v) {
        v.reserve(30);
        v.shrink_to_fit();
    });
    every_failure<V>("copy construction", s, seven, [](V& v) {
        V copy(v);
        REQUIRE(ids(copy) == ids(v));
    });

    every_failure<V>("insert(begin + 1, x)", b, seven, [](V& v) {
        const T x = make<T>(50);
        v.insert(v.begin() + 1, x);
    });
    every_failure<V>("insert(begin + 1, x) at full capacity", b, full, [](V& v) {
        const T x = make<T>(50);
        v.insert(v.begin() + 1, x);
    });
    every_failure<V>("insert(begin, v[3])", b, full, [](V& v) { v.insert(v.begin(), v[3]); });
    every_failure<V>("emplace(begin + 2, id)", b, seven,
                     [](V& v) { v.emplace(v.begin() + 2, 50); });
    every_failure<V>("insert(begin + 1, n, x)", b, seven, [](V& v) {
        const T x = make<T>(50);
        v.insert(v.begin() + 1, 3, x);
    });
    every_failure<V>("insert(begin + 1, n, v[5])", b, full,
                     [](V& v) { v.insert(v.begin() + 1, 3, v[3]); });
    every_failure<V>("insert(begin + 1, first, last)", b, seven, [](V& v) {
        const auto src = std_vector_of<T>({50, 51, 52});
        v.insert(v.begin() + 1, src.begin(), src.end());
    });
    every_failure<V>("insert(begin + 1, input range)", b, seven, [](V& v) {
        const InputIds<T> first_ids{50, 51, 52};
        auto first = first_ids.begin(), last = first_ids.end();
        v.insert(v.begin() + 1, first, last);
    });
    every_failure<V>("insert(begin + 1, {a, b})", b, full, [](V& v) {
        v.insert(v.begin() + 1, {make<T>(50), make<T>(51)});
    });
    every_failure<V>("erase(begin + 1)", b, seven, [](V& v) { v.erase(v.begin() + 1); });
    every_failure<V>("erase(begin + 1, begin + 3)", b, seven,
                     [](V& v) { v.erase(v.begin() + 1, v.begin() + 3); });
    every_failure<V>("erase_if", b, seven,
                     [](V& v) { erase_if(v, [](const T& x) { return id_of(x) % 2 == 0; }); });
    every_failure<V>("swap_remove(1)", b, seven, [](V& v) { (void)v.swap_remove(1); });
    every_failure<V>("assign(n, x)", b, seven, [](V& v) {
        const T x = make<T>(50);
        v.assign(3, x);
    });
    every_failure<V>("assign(n, x) past the capacity", b, full, [](V& v) {
        const T x = make<T>(50);
        v.assign(12, x);
    });
    every_failure<V>("assign(first, last)", b, seven, [](V& v) {
        const auto src = std_vector_of<T>({50, 51, 52, 53, 54, 55, 56, 57, 58});
        v.assign(src.begin(), src.end());
    });
    every_failure<V>("assign(input range)", b, seven, [](V& v) {
        const InputIds<T> first_ids{50, 51, 52, 53, 54, 55, 56, 57, 58};
        auto first = first_ids.begin(), last = first_ids.end();
        v.assign(first, last);
    });
    every_failure<V>("copy assignment to a shorter vector", b, seven, [](V& v) {
        const V other = make_sequence<V>(12, 50);
        v = other;
    });
    every_failure<V>("copy assignment to a longer vector", b, seven, [](V& v) {
        const V other = make_sequence<V>(2, 50);
        v = other;
    });
    every_failure<V>("swap", b, seven, [](V& v) {
        V other = make_sequence<V>(2, 50);
        v.swap(other);
        REQUIRE(ids(other).size() == 7);
    });
    every_failure<V>("move assignment", b, seven, [](V& v) {
        V other = make_sequence<V>(2, 50);
        v = std::move(other);
    });
    (void)sizeof(diff);
}
} // namespace

TEMPLATE_LIST_TEST_CASE("Vector: strong and basic guarantees when an element throws",
                        "[collections][vector][exceptions]", cases) {
    run_all<TestType>();
}
