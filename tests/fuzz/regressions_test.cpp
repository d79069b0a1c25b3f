// Regression tests for bugs the Vector fuzzer (tests/fuzz/vector_fuzz.cpp) found: each case is
// the smallest reproduction of one finding.

#include "regression_support.hpp"

#include <support/failing_resource.hpp>
#include <support/tracked.hpp>

#include <buffers/base/allocator_buffer.hpp>
#include <buffers/collections/vector.hpp>
#include <buffers/composite/svo_buffer.hpp>
#include <buffers/soa/soa_vector.hpp>

#include <catch2/catch.hpp>

#include <cstddef>
#include <memory_resource>
#include <new>
#include <type_traits>
#include <vector>

namespace {

using support::Counted;
using support::LeakGuard;
using support::Throwing;

using fuzz_regressions::CountedRow;
using fuzz_regressions::ids;
using fuzz_regressions::ThrowingRow;

} // namespace

// std::remove_if assigns `*out = std::move(*it)`; through an SoA row proxy that copies the
// fields, so erase_if copied every kept row (and could throw for nothrow-movable fields).
TEST_CASE("fuzz: erase_if on an SoA vector moves the kept rows, never copies", "[fuzz][soa]") {
    LeakGuard guard;
    buffers::SoaVector<CountedRow> v;
    for (int i = 0; i < 6; ++i)
        v.push_back(CountedRow{Counted(i), i});
    const support::Counts before = support::counts();
    const auto removed =
        buffers::erase_if(v, [](const auto& row) { return buffers::get<1>(row) % 2 == 0; });
    CHECK(removed == 3);
    CHECK(ids(v) == std::vector<int>{1, 3, 5});
    CHECK(support::counts().copies == before.copies);
    CHECK(support::counts().copy_assignments == before.copy_assignments);
}

// The same for erase of a range when relocation may throw: the tail moves by assignment.
TEST_CASE("fuzz: erase on an SoA vector with throwing moves moves the tail, never copies",
          "[fuzz][soa]") {
    LeakGuard guard;
    buffers::SoaVector<ThrowingRow> v;
    for (int i = 0; i < 5; ++i)
        v.push_back(ThrowingRow{Throwing(i), i});
    const support::Counts before = support::counts();
    v.erase(v.begin() + 1, v.begin() + 3);
    CHECK(ids(v) == std::vector<int>{0, 3, 4});
    CHECK(support::counts().copies == before.copies);
    CHECK(support::counts().copy_assignments == before.copy_assignments);
}

// Inserting copies at the end of a full SoA vector whose rows have a throwing move builds the
// copies in new storage, then copies the rows over through their proxies (relocate_range): it
// did not compile. A copy that throws leaves the vector as it was.
TEST_CASE("fuzz: insert of copies into a full SoA vector with throwing moves", "[fuzz][soa]") {
    LeakGuard guard;
    buffers::SoaVector<ThrowingRow> v;
    for (int i = 0; v.size() < v.capacity() || v.size() < 4; ++i)
        v.push_back(ThrowingRow{Throwing(i), i});
    const std::vector<int> before = ids(v);
    const ThrowingRow x{Throwing(42), 42};
    for (long n = 1; n < 64; ++n) {
        support::arm(n);
        try {
            v.insert(v.end(), 3, x);
            support::disarm();
            std::vector<int> expect = before;
            expect.insert(expect.end(), 3, 42);
            CHECK(ids(v) == expect);
            break;
        } catch (const support::TestError&) {
            support::disarm();
            CHECK(ids(v) == before);
        }
    }
    CHECK(v.size() == before.size() + 3);
}

namespace {
using support::FailingResource;
template <class T>
using PmrBuffer = buffers::AllocatorBuffer<T, std::pmr::polymorphic_allocator<T>>;
} // namespace

// A Vector over SvoBuffer<AllocatorBuffer<pmr>> built its new storage for an insertion with a
// default allocator (SvoBuffer did not say it had an allocator), so adopting it allocated
// again, after the old storage had been given up: a failing allocation there lost every
// element. SvoBuffer now has B's allocator_type, and the Vector over it is allocator-aware.
TEST_CASE("fuzz: insert into Vector<SvoBuffer<pmr>> keeps its resource and its elements",
          "[fuzz][pmr]") {
    using V = buffers::Vector<int, buffers::SvoBuffer<PmrBuffer<int>, 3>>;
    static_assert(std::is_same_v<V::allocator_type, std::pmr::polymorphic_allocator<int>>);
    for (int k = 0; k < 3; ++k) {
        FailingResource r;
        V v{std::pmr::polymorphic_allocator<int>(&r)};
        v.push_back(1);
        v.push_back(2);
        r.fail_in = k;
        try {
            v.insert(v.begin() + 1, {7, 8});
        } catch (const std::bad_alloc&) {
            r.fail_in = -1;
            CHECK(v == V({1, 2}, std::pmr::polymorphic_allocator<int>(&r)));
            continue;
        }
        r.fail_in = -1;
        CHECK(v == V({1, 7, 8, 2}, std::pmr::polymorphic_allocator<int>(&r)));
        CHECK(v.get_allocator().resource() == &r);
    }
}

// push_back(v[k]) on a full pmr vector whose first new storage could not be allocated grew in
// place and then read the argument from the storage that growth had freed.
TEST_CASE("fuzz: push_back of an element after a failed allocation", "[fuzz][pmr]") {
    using V = buffers::Vector<int, PmrBuffer<int>>;
    for (int k = 0; k < 3; ++k) {
        FailingResource r;
        V v{std::pmr::polymorphic_allocator<int>(&r)};
        v.push_back(5);
        v.push_back(6);
        v.shrink_to_fit();
        r.fail_in = k;
        try {
            v.push_back(v[0]);
        } catch (const std::bad_alloc&) {
            CHECK(v.size() == 2);
            continue;
        }
        CHECK(v.size() == 3);
        CHECK(v[2] == 5);
    }
}

// insert(pos, n, value) that needs new storage, on a pmr vector of a type whose move may throw:
// when the new storage could not be allocated, the temporary copy of value was built through
// the allocator in the free slot at size() and moved out; a throwing move left it there,
// alive and forgotten.
TEST_CASE("fuzz: a throwing move of the temporary copy leaks nothing", "[fuzz][pmr]") {
    LeakGuard guard;
    using V = buffers::Vector<Throwing, PmrBuffer<Throwing>>;
    FailingResource r;
    {
        V v{std::pmr::polymorphic_allocator<Throwing>(&r)};
        v.reserve(8);
        v.emplace_back(1);
        const Throwing x(99);
        r.fail_in = 0;   // the new storage for 9 elements cannot be had
        support::arm(2); // the copy of x succeeds, moving it out of the slot throws
        CHECK_THROWS_AS(v.insert(v.begin(), 8, x), support::TestError);
        support::disarm();
        r.fail_in = -1;
        REQUIRE(v.size() == 1);
        CHECK(v[0].id() == 1);
    }
    guard.check();
}
