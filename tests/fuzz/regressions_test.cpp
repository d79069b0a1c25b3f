// Regression tests for bugs the Vector fuzzer (tests/fuzz/vector_fuzz.cpp) found: each case is
// the smallest reproduction of one finding.

#include <support/tracked.hpp>

#include <buffers/collections/vector.hpp>
#include <buffers/soa/soa_vector.hpp>

#include <catch2/catch.hpp>

#include <cstddef>

namespace {

using support::Counted;
using support::LeakGuard;
using support::Throwing;

struct CountedRow {
    Counted c;
    int k;
};

struct ThrowingRow {
    Throwing t;
    int k;
};

template <class V>
std::vector<int> ids(const V& v) {
    std::vector<int> out;
    for (std::size_t i = 0; i < v.size(); ++i)
        out.push_back(buffers::get<0>(v[i]).id());
    return out;
}

} // namespace

// std::remove_if assigns `*out = std::move(*it)`; through an SoA row proxy that copies the
// fields, so erase_if copied every kept row (and could throw for nothrow-movable fields).
TEST_CASE("fuzz: erase_if on an SoA vector moves the kept rows, never copies", "[fuzz][soa]") {
    LeakGuard guard;
    buffers::SoaVector<CountedRow> v;
    for (int i = 0; i < 6; ++i)
        v.push_back(CountedRow{Counted(i), i});
    const support::Counts before = support::counts();
    const auto removed = buffers::erase_if(v, [](const auto& row) { return buffers::get<1>(row) % 2 == 0; });
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
