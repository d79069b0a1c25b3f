// Regression tests for Deque bugs found by the Deque fuzzer (tests/fuzz/deque_fuzz.cpp) and by
// libstdc++'s std::deque suite (tests/conformance, docs/conformance.md): each case is the
// smallest reproduction of one finding.
//
// Bugs that are not fixed yet: a test whose failure is a wrong count or a wrong answer is
// tagged [!mayfail] (it runs and reports, without failing the build); a test that crashes or
// does not compile while the bug is there is compiled only when the bug's name is not in
// BUFFERS_KNOWN_DEQUE_BUGS (tests/fuzz/CMakeLists.txt), which defines
// BUFFERS_KNOWN_DEQUE_BUG_<name> for each. When a fix lands, delete the bug's line there and
// drop the [!mayfail] tags of its tests.

#include "regression_support.hpp"

#include <support/failing_allocator.hpp>
#include <support/no_comma_iterator.hpp>
#include <support/tracked.hpp>

#include <buffers/base/allocator_buffer.hpp>
#include <buffers/base/heap_buffer.hpp>
#include <buffers/base/inline_buffer.hpp>
#include <buffers/collections/deque.hpp>
#include <buffers/composite/exponential_growth_buffer.hpp>
#include <buffers/composite/svo_buffer.hpp>
#include <buffers/soa/soa_deque.hpp>

#include <catch2/catch.hpp>

#include <concepts>
#include <cstddef>
#include <iterator>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

using fuzz_regressions::CountedRow;
using fuzz_regressions::ids;

template <class D>
D make(std::initializer_list<int> values) {
    D d;
    for (int v : values)
        d.emplace_back(v);
    return d;
}

// The same, with the front element in slot `head` of the ring (so that it may wrap).
template <class D>
D make_from_slot(std::size_t head, std::initializer_list<int> values) {
    D d;
    for (std::size_t i = 0; i < head; ++i)
        d.emplace_back(90);
    for (std::size_t i = 0; i < head; ++i)
        d.pop_front();
    for (int v : values)
        d.emplace_back(v);
    return d;
}

} // namespace

// --- found by the fuzzer --------------------------------------------------------------------

#if !defined(BUFFERS_KNOWN_DEQUE_BUG_THROWING_SWAP)
// Deque::swap over a buffer that cannot swap its storage (inline slots) relocated through a
// temporary buffer; for a type whose move may throw the relocations copy, and a copy that
// threw in the second relocation (or its undo) left elements destroyed twice and others
// leaked. Such deques now swap their elements, as Vector does: a throw keeps both valid
// (basic guarantee) and every element is destroyed exactly once.
TEMPLATE_TEST_CASE(
    "deque fuzz: swap of inline deques whose copies throw", "[fuzz][deque]",
    (buffers::Deque<support::Throwing, buffers::InlineBuffer<support::Throwing, 4>>),
    (buffers::Deque<support::Throwing,
                    buffers::SvoBuffer<buffers::HeapBuffer<support::Throwing>, 4>>)) {
    bool completed = false;
    long throws = 0;
    for (long n = 1; n < 32 && !completed; ++n) {
        support::LeakGuard guard; // checks, at the end of each round, that nothing leaked
        TestType a = make_from_slot<TestType>(2, {0, 1, 2}); // wraps: slots 2, 3, 0
        TestType b = make_from_slot<TestType>(3, {10});
        support::arm(n);
        bool threw = false;
        try {
            a.swap(b);
        } catch (const support::TestError&) {
            threw = true;
        }
        support::disarm();
        if (threw) {
            ++throws;
            // Valid: within capacity, every element readable (an id, or -1 when moved from),
            // and usable afterwards.
            for (TestType* d : {&a, &b}) {
                REQUIRE(d->size() <= d->capacity());
                for (int id : ids(*d))
                    CHECK((id == -1 || id == 0 || id == 1 || id == 2 || id == 10));
                d->clear();
                d->emplace_back(7);
                d->emplace_front(6);
                CHECK(ids(*d) == std::vector<int>{6, 7});
            }
        } else {
            CHECK(ids(a) == std::vector<int>{10});
            CHECK(ids(b) == std::vector<int>{0, 1, 2});
            completed = true;
        }
    }
    CHECK(throws > 0); // the swap copies, so the early rounds throw
    CHECK(completed);
}
#endif

#if !defined(BUFFERS_KNOWN_DEQUE_BUG_EMPTY_SHRINK)
// shrink_to of an empty deque whose front had moved off slot 0 (pops at both ends), for a type
// that is not nothrow relocatable (so the ring is not moved to slot 0 first): the ring's
// modulus shrank to the new capacity while its head stayed past it, and the next push wrote
// out of bounds.
TEST_CASE("deque fuzz: shrink_to of an empty deque whose front is not slot 0", "[fuzz][deque]") {
    support::LeakGuard guard;
    buffers::Deque<support::Throwing,
                   buffers::AllocatorBuffer<support::Throwing, std::allocator<support::Throwing>>>
        d;
    for (int i = 0; i < 8; ++i)
        d.emplace_back(i);
    for (int i = 0; i < 5; ++i)
        d.pop_front();
    while (!d.empty())
        d.pop_back();
    d.shrink_to(2);
    d.emplace_back(100);
    d.emplace_front(99);
    d.emplace_back(101);
    CHECK(ids(d) == std::vector<int>{99, 100, 101});
}
#endif

// A move assignment from a deque in inline storage relocates element by element; when a copy
// threw (T's move is not noexcept), the deque kept its old ring modulus (64) over a buffer
// that now had 4 slots, and the next insert wrote past the inline slots.
TEST_CASE("deque fuzz: a move assignment that throws keeps the ring within the buffer",
          "[fuzz][deque]") {
    using D = buffers::Deque<support::Throwing,
                             buffers::SvoBuffer<buffers::HeapBuffer<support::Throwing>, 4>>;
    support::LeakGuard guard;
    D a;
    a.reserve(64);
    a.emplace_back(1);
    D c = make<D>({2, 3});
    support::arm(1);
    CHECK_THROWS_AS(a = std::move(c), support::TestError);
    support::disarm();
    // What follows wrote out of bounds while the bug was there.
    REQUIRE(a.capacity() <= a.buffer().capacity());
    CHECK(ids(c) == std::vector<int>{2, 3}); // the source keeps its values
    const std::size_t before = a.size();     // the basic guarantee: any valid state
    const std::vector<support::Throwing> src(10, support::Throwing(7));
    a.insert(a.begin(), src.begin(), src.end());
    REQUIRE(a.size() == before + 10);
    const std::vector<int> got = ids(a);
    CHECK(std::vector<int>(got.begin(), got.begin() + 10) == std::vector<int>(10, 7));
}

// A ring of a type whose move may throw keeps its modulus when the buffer grew but unwrapping
// the ring into the new slots threw (the failed push leaves the deque as it was), so
// capacity() can be below the buffer's capacity. shrink_to_fit then asked the buffer for a
// smaller block and, when that allocation failed, took the buffer's capacity as the ring's:
// a failed shrink made capacity() larger. It must change nothing; a successful one may only
// make it smaller.
TEST_CASE("deque fuzz: a shrink whose allocation fails leaves the capacity as it was",
          "[fuzz][deque]") {
    using A = support::FailingAllocator<support::Throwing>;
    using D = buffers::Deque<support::Throwing, buffers::AllocatorBuffer<support::Throwing, A>>;
    support::AllocState state;
    support::Disarm disarm;
    bool found = false;
    for (long n = 1; n < 32 && !found; ++n) {
        support::LeakGuard guard;
        D d(A(1, state));
        d.reserve(4);
        REQUIRE(d.capacity() == 4);
        for (int i = 0; i < 2; ++i)
            d.emplace_back(90);
        d.pop_front();
        d.pop_front();
        for (int i = 0; i < 4; ++i) // slots 2, 3, 0, 1: the ring wraps
            d.emplace_back(i);
        support::arm(n);
        try {
            d.emplace_back(4);
        } catch (const support::TestError&) {
        }
        support::disarm();
        if (d.capacity() != 4 || d.buffer().capacity() == 4)
            continue; // the push succeeded, or threw before the buffer grew
        found = true;
        CHECK(ids(d) == std::vector<int>{0, 1, 2, 3}); // the failed push changed nothing
        d.pop_front();
        d.pop_front(); // slots 0, 1: no longer wrapped, still modulus 4
        REQUIRE(d.capacity() == 4);
        REQUIRE(d.buffer().capacity() > 4);

        state.fail_all = true;
        d.shrink_to_fit();
        d.shrink_to(3);
        state.reset_failures();
        CHECK(d.capacity() == 4);
        CHECK(ids(d) == std::vector<int>{2, 3});

        d.shrink_to_fit(); // now it may shrink
        CHECK(d.capacity() >= 2);
        CHECK(d.capacity() <= 4);
        CHECK(d.capacity() <= d.buffer().capacity());
        CHECK(ids(d) == std::vector<int>{2, 3});
        d.emplace_front(1);
        d.emplace_back(4);
        d.emplace_back(5);
        CHECK(ids(d) == std::vector<int>{1, 2, 3, 4, 5});
    }
    CHECK(found);
    CHECK(state.live_blocks() == 0);
}

// erase and erase_if on an SoA deque shift the kept rows through row proxies, and
// `*out = std::move(*it)` through a proxy copied the fields (SoaVector moves them: 0 copies).
TEST_CASE("deque fuzz: erase and erase_if on an SoA deque move rows, never copy",
          "[fuzz][deque][soa]") {
    support::LeakGuard guard;
    buffers::SoaDeque<CountedRow> d;
    for (int i = 0; i < 8; ++i)
        d.push_back(CountedRow{support::Counted(i), i});
    support::Counts before = support::counts();
    d.erase(d.begin() + 2);
    CHECK(ids(d) == std::vector<int>{0, 1, 3, 4, 5, 6, 7});
    CHECK(support::counts().copies == before.copies);
    CHECK(support::counts().copy_assignments == before.copy_assignments);
    before = support::counts();
    const auto removed =
        buffers::erase_if(d, [](const auto& row) { return buffers::get<1>(row) % 2 == 1; });
    CHECK(removed == 4);
    CHECK(ids(d) == std::vector<int>{0, 4, 6});
    CHECK(support::counts().copies == before.copies);
    CHECK(support::counts().copy_assignments == before.copy_assignments);
}

// --- found by libstdc++'s std::deque suite --------------------------------------------------

namespace {

// An allocator that propagates on move assignment and is move-assignable but not
// copy-assignable (the suite's uneq_allocator): all the standard asks of it.
template <class T>
struct MoveAssignedAllocator : std::allocator<T> {
    using value_type = T;
    using propagate_on_container_move_assignment = std::true_type;
    using is_always_equal = std::false_type;
    template <class U>
    struct rebind {
        using other = MoveAssignedAllocator<U>;
    };

    int id = 0;

    MoveAssignedAllocator() = default;
    explicit MoveAssignedAllocator(int i) noexcept : id(i) {}
    template <class U>
    MoveAssignedAllocator(const MoveAssignedAllocator<U>& o) noexcept : id(o.id) {}
    MoveAssignedAllocator(const MoveAssignedAllocator&) = default;
    MoveAssignedAllocator(MoveAssignedAllocator&&) = default;
    MoveAssignedAllocator& operator=(const MoveAssignedAllocator&) = delete;
    MoveAssignedAllocator& operator=(MoveAssignedAllocator&&) = default;

    template <class U>
    friend bool operator==(const MoveAssignedAllocator& a,
                           const MoveAssignedAllocator<U>& b) noexcept {
        return a.id == b.id;
    }
};

// An input iterator whose comma operator is deleted (the suite's input_iterator_wrapper).
using NoCommaIterator = support::NoCommaIterator<std::input_iterator_tag>;

// Ordered by `<` only, no `==` (the suite's operators/cmp_c++20.cc).
struct LessOnly {
    int value = 0;
    bool operator<(LessOnly rhs) const noexcept { return value < rhs.value; }
};

} // namespace

namespace greedy {
// Operators that accept anything, found by argument-dependent lookup through a template
// argument (the suite's types/1.cc).
struct X {
    int i = 0;
};
template <class T>
bool operator==(const T&, const T&) {
    return false;
}
template <class T>
int operator-(const T&, const T&) {
    return 0;
}
} // namespace greedy

namespace {
template <class It>
concept comparable_and_subtractable = requires(It a) {
    { a == a } -> std::same_as<bool>;
    { a - a } -> std::same_as<std::ptrdiff_t>;
};
} // namespace

#if !defined(BUFFERS_KNOWN_DEQUE_BUG_MOVE_ASSIGNED_ALLOCATOR)
// allocator/move.cc: Deque's move assignment did not compile: AllocatorBuffer::move_config_from
// copy-assigns an allocator that propagates on move assignment.
TEST_CASE("deque suite: move assignment with a move-assigned allocator", "[conformance][deque]") {
    using A = MoveAssignedAllocator<int>;
    using D =
        buffers::Deque<int, buffers::ExponentialGrowthBuffer<buffers::AllocatorBuffer<int, A>>>;
    D a(A(1)), b(A(2));
    a.push_back(1);
    b.push_back(2);
    a = std::move(b);
    CHECK(a.size() == 1);
    CHECK(a[0] == 2);
    CHECK(a.get_allocator().id == 2);
}
#endif

#if !defined(BUFFERS_KNOWN_DEQUE_BUG_ASSIGN_COMMA)
// modifiers/assign/1.cc: assign(first, last) advanced with `++first, ++it`, which does not
// compile when the iterator deletes operator, (and an overloaded one would be called).
TEST_CASE("deque suite: assign through an iterator without a comma operator",
          "[conformance][deque]") {
    const int values[] = {1, 2, 3};
    buffers::Deque<int> d{9, 9, 9, 9};
    d.assign(NoCommaIterator{values}, NoCommaIterator{values + 3});
    CHECK(d == buffers::Deque<int>{1, 2, 3});
}
#endif

// operators/cmp_c++20.cc: std::deque's == is declared for every T; Deque's was constrained on
// equality_comparable<T>, so Deque<LessOnly> was not totally_ordered.
TEST_CASE("deque suite: a deque of a type ordered by < is totally ordered",
          "[conformance][deque]") {
    CHECK(std::totally_ordered<buffers::Deque<LessOnly>>);
    const buffers::Deque<LessOnly> c{{1}, {2}, {3}}, d{{1}, {2}, {3}, {4}};
    CHECK(std::is_lt(c <=> d));
}

// cons/2.cc: assign(n, value) beyond the capacity copied value into a temporary first (n + 1
// copies); Vector builds the values in new storage, n copies.
TEST_CASE("deque suite: assign(n, value) that grows copies value n times", "[conformance][deque]") {
    support::LeakGuard guard;
    buffers::Deque<support::Counted> d(10, support::Counted(66));
    const support::Counted value(111);
    const support::Counts before = support::counts();
    d.assign(23, value);
    CHECK(ids(d) == std::vector<int>(23, 111));
    CHECK(support::counts().copies + support::counts().copy_assignments -
              (before.copies + before.copy_assignments) ==
          23);
}

// modifiers/moveable.cc (test04): insert(pos, n, value) that must grow copied value into a
// temporary first (it may be an element, and growth relocates them): n + 1 copies, at the
// front as at the back. Vector builds the new elements in the new storage first: n copies.
TEST_CASE("deque suite: insert(pos, n, value) at either end copies value n times",
          "[conformance][deque]") {
    support::LeakGuard guard;
    const support::Counted c(1);
    buffers::Deque<support::Counted> d(10, c);
    support::Counts before = support::counts();
    d.insert(d.begin(), 20, c);
    CHECK(support::counts().copies - before.copies == 20);
    before = support::counts();
    d.insert(d.end(), 50, c);
    CHECK(support::counts().copies - before.copies == 50);
    CHECK(d.size() == 80);
}

// types/1.cc (compile-only): `it == it` and `it - it` were ambiguous with greedy operator
// templates in the element's namespace: Deque's iterator operators were templates too (over
// the other iterator's constness). Same-type operators are now non-templates, which win.
TEST_CASE("deque suite: iterator operators win over greedy templates", "[conformance][deque]") {
    using D = buffers::Deque<greedy::X>;
    STATIC_REQUIRE(comparable_and_subtractable<D::iterator>);
    STATIC_REQUIRE(comparable_and_subtractable<D::const_iterator>);
    // The mixed comparisons (iterator with const_iterator) still work, both ways.
    STATIC_REQUIRE(std::totally_ordered_with<D::iterator, D::const_iterator>);
    STATIC_REQUIRE(std::sized_sentinel_for<D::iterator, D::const_iterator>);
    STATIC_REQUIRE(std::sized_sentinel_for<D::const_iterator, D::iterator>);
    D d(3);
    const D::iterator it = d.begin() + 1;
    const D::const_iterator cit = d.cend();
    CHECK(it != cit);
    CHECK(cit != it);
    CHECK(it < cit);
    CHECK(cit - it == 2);
    CHECK(it - cit == -2);
    CHECK(it - d.begin() == 1);
    CHECK(D::const_iterator(it) == it);
}
