// How collections grow (collections/core.hpp): requests for a known size (reserve, construction,
// assign, shrink_to_fit) are exact whatever the growth policy; the growth a collection does on
// its own (push_back, insert) is amortised O(1) over every buffer that can grow, with or
// without a policy; try_reserve reports why it failed and changes nothing then.

#include "support/failing_allocator.hpp"
#include "support/trade.hpp"

#include <buffers/base/allocator_buffer.hpp>
#include <buffers/base/heap_buffer.hpp>
#include <buffers/base/inline_buffer.hpp>
#include <buffers/base/page_buffer.hpp>
#include <buffers/base/slice_buffer.hpp>
#include <buffers/base/stable_buffer.hpp>
#include <buffers/collections/deque.hpp>
#include <buffers/collections/small_vector.hpp>
#include <buffers/collections/vector.hpp>
#include <buffers/composite/array_buffer.hpp>
#include <buffers/composite/at_least_buffer.hpp>
#include <buffers/composite/default_buffer.hpp>
#include <buffers/composite/exponential_growth_buffer.hpp>
#include <buffers/composite/indirect_buffer.hpp>
#include <buffers/composite/svo_buffer.hpp>
#include <buffers/soa/soa_deque.hpp>
#include <buffers/soa/soa_vector.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <tuple>
#include <vector>

namespace {
using namespace buffers;
using support::Trade;

template <class T>
using Failing = AllocatorBuffer<T, support::FailingAllocator<T>>;

// Every growable buffer, with and without a growth policy, under Vector and Deque.
template <class T>
using growable_buffers =
    std::tuple<HeapBuffer<T>, DefaultBuffer<T>, ExponentialGrowthBuffer<HeapBuffer<T>>,
               AtLeastBuffer<HeapBuffer<T>, 10>, SvoBuffer<HeapBuffer<T>, 8>,
               ExponentialGrowthBuffer<SvoBuffer<HeapBuffer<T>, 8>>, AllocatorBuffer<T>, Failing<T>,
               PageBuffer<T>, StableBuffer<T, std::size_t{64} << 20>,
               IndirectBuffer<std::unique_ptr<HeapBuffer<T>>>,
               SvoBuffer<AtLeastBuffer<HeapBuffer<T>, 2>, 8>,
               AtLeastBuffer<ExponentialGrowthBuffer<HeapBuffer<T>>, 64>>;

template <template <class, class> class C, class T, class Buffers>
struct collections_over;
template <template <class, class> class C, class T, class... B>
struct collections_over<C, T, std::tuple<B...>> {
    using type = std::tuple<C<T, B>...>;
};
template <template <class, class> class C, class T, class Buffers>
using collections_over_t = typename collections_over<C, T, Buffers>::type;

using growable_collections = decltype(std::tuple_cat(
    collections_over_t<Vector, int, growable_buffers<int>>{},
    collections_over_t<Deque, int, growable_buffers<int>>{},
    std::tuple<Vector<std::array<int, 2>, ArrayBuffer<HeapBuffer<int>, 2>>,
               Vector<Trade, SoaBuffer<Trade>>, SoaVector<Trade>, Deque<Trade, SoaBuffer<Trade>>,
               SoaDeque<Trade>, SmallVector<int, 8>>{}));

template <class C>
auto make_element(int i) {
    using T = typename C::value_type;
    if constexpr (std::is_same_v<T, Trade>)
        return Trade{i, static_cast<std::uint32_t>(i), 0.5 * i, -i, 'b'};
    else if constexpr (std::is_same_v<T, std::array<int, 2>>)
        return T{i, -i};
    else
        return i;
}

// Snapshot of what try_reserve must leave alone on failure.
template <class C>
struct Snapshot {
    explicit Snapshot(const C& c) : size(c.size()), capacity(c.capacity()) {
        for (std::size_t i = 0; i < c.size(); ++i)
            values.push_back(typename C::value_type(c[i]));
        if constexpr (requires { c.data(); })
            data = c.data();
    }
    bool operator==(const Snapshot&) const = default;

    std::size_t size;
    std::size_t capacity;
    std::vector<typename C::value_type> values;
    const void* data = nullptr;
};

} // namespace

TEMPLATE_LIST_TEST_CASE("push_back is amortised O(1) over every growable buffer",
                        "[collections][growth]", growable_collections) {
    // Each change of capacity is one reallocation. Doubling gives log2(N) of them; a buffer
    // that grew by one slot per push (the O(n) push) would give N.
    constexpr std::size_t n = 100'000;
    TestType c;
    std::size_t growths = 0;
    std::size_t capacity = c.capacity();
    for (std::size_t i = 0; i < n; ++i) {
        c.push_back(make_element<TestType>(static_cast<int>(i)));
        if (c.capacity() != capacity) {
            REQUIRE(c.capacity() > capacity);
            ++growths;
            capacity = c.capacity();
        }
    }
    REQUIRE(c.size() == n);
    CHECK(growths <= 2 * static_cast<std::size_t>(std::log2(n)));
    CHECK(typename TestType::value_type(c[n - 1]) ==
          make_element<TestType>(static_cast<int>(n - 1)));
    // insert in the middle grows the same way.
    TestType d;
    growths = 0;
    capacity = d.capacity();
    for (std::size_t i = 0; i < 10'000; ++i) {
        d.insert(d.begin() + static_cast<std::ptrdiff_t>(d.size() / 2),
                 make_element<TestType>(static_cast<int>(i)));
        if (d.capacity() != capacity) {
            ++growths;
            capacity = d.capacity();
        }
    }
    CHECK(growths <= 2 * static_cast<std::size_t>(std::log2(10'000)));
}

TEST_CASE("push_back allocates O(log n) times through an allocator", "[collections][growth]") {
    support::AllocState state;
    using A = support::FailingAllocator<int>;
    Vector<int, AllocatorBuffer<int, A>> v(A(1, state));
    for (int i = 0; i < 100'000; ++i)
        v.push_back(i);
    CHECK(state.allocations <= 2 * 17);
    Deque<int, SvoBuffer<AllocatorBuffer<int, A>, 4>> d(A(1, state));
    state.allocations = 0;
    for (int i = 0; i < 100'000; ++i)
        d.push_front(i);
    CHECK(state.allocations <= 2 * 17);
}

TEMPLATE_LIST_TEST_CASE("exact requests are exact whatever the growth policy",
                        "[collections][growth]", growable_collections) {
    using T = typename TestType::value_type;
    const std::size_t inline_slots = TestType().capacity();
    const auto expect = [&](std::size_t n) {
        if constexpr (requires { TestType().buffer().is_inline(); })
            if (n <= inline_slots)
                return inline_slots;
        return n;
    };
    const auto e = [](int i) { return make_element<TestType>(i); };
    const bool pages =
        std::is_same_v<typename TestType::buffer_type, PageBuffer<T>> ||
        std::is_same_v<typename TestType::buffer_type, StableBuffer<T, std::size_t{64} << 20>>;
    if (pages) {
        // Whole pages: reserve(n) holds every slot its pages fit, and no page more.
        TestType c;
        c.reserve(1000);
        CHECK(c.capacity() >= 1000);
        CHECK(c.capacity() * sizeof(T) < 1000 * sizeof(T) + 4096);
        return;
    }
    {
        const TestType three{e(1), e(2), e(3)};
        CHECK(three.capacity() == expect(3));
    }
    {
        const std::array<T, 5> values{e(1), e(2), e(3), e(4), e(5)};
        const TestType five(values.begin(), values.end());
        CHECK(five.capacity() == expect(5));
        const TestType copy(five);
        CHECK(copy.capacity() == expect(5));
    }
    {
        TestType c(13);
        CHECK(c.capacity() == expect(13));
        c.assign(37, e(2));
        CHECK(c.capacity() == expect(37));
        c.reserve(1000);
        CHECK(c.capacity() == expect(1000));
        c.shrink_to_fit();
        CHECK(c.capacity() == expect(37));
        CHECK(c.try_reserve(1001) == Status::ok);
        CHECK(c.capacity() == expect(1001));
    }
}

TEST_CASE("SoaVector<Trade>::reserve(1'100'000) allocates 1'100'000 rows",
          "[collections][growth][soa]") {
    SoaVector<Trade> v;
    v.reserve(1'100'000);
    CHECK(v.capacity() == 1'100'000);
    v.resize(1'100'000);
    v.push_back(Trade{});
    CHECK(v.capacity() == 2'097'152); // the policy applies to the vector's own growth
}

TEMPLATE_LIST_TEST_CASE("try_reserve reports success and changes nothing on failure",
                        "[collections][try_reserve]", growable_collections) {
    TestType c;
    for (int i = 0; i < 5; ++i)
        c.push_back(make_element<TestType>(i));
    const Snapshot<TestType> before(c);
    CHECK(c.try_reserve(c.max_size() + 1) == Status::exceeds_max_capacity);
    CHECK(Snapshot<TestType>(c) == before);
    CHECK(c.try_reserve(static_cast<std::size_t>(-1)) == Status::exceeds_max_capacity);
    CHECK(Snapshot<TestType>(c) == before);
    CHECK(c.try_reserve(3) == Status::ok); // within capacity: nothing to do
    CHECK(Snapshot<TestType>(c) == before);
    REQUIRE(c.try_reserve(300) == Status::ok);
    CHECK(c.capacity() >= 300);
    CHECK(c.size() == 5);
    for (int i = 0; i < 5; ++i)
        CHECK(typename TestType::value_type(c[static_cast<std::size_t>(i)]) ==
              make_element<TestType>(i));
}

TEST_CASE("try_reserve reports out_of_memory and changes nothing", "[collections][try_reserve]") {
    support::AllocState state;
    using A = support::FailingAllocator<std::string>;
    const auto check = [&](auto& c) {
        using C = std::remove_cvref_t<decltype(c)>;
        for (int i = 0; i < 3; ++i)
            c.push_back(std::string(40, static_cast<char>('a' + i)));
        if constexpr (requires { c.push_front(std::string()); }) {
            c.push_front("front"); // a ring that wraps
        }
        const Snapshot<C> before(c);
        state.fail_all = true;
        CHECK(c.try_reserve(1000) == Status::out_of_memory);
        CHECK(Snapshot<C>(c) == before);
        state.reset_failures();
        CHECK(c.try_reserve(1000) == Status::ok);
        CHECK(c.capacity() == 1000);
        CHECK(c.size() == before.size);
    };
    SECTION("Vector over an allocator") {
        Vector<std::string, AllocatorBuffer<std::string, A>> v(A(1, state));
        check(v);
    }
    SECTION("Vector over SvoBuffer, from inline") {
        Vector<std::string, SvoBuffer<AllocatorBuffer<std::string, A>, 4>> v(A(1, state));
        check(v);
    }
    SECTION("Deque over an allocator") {
        Deque<std::string, AllocatorBuffer<std::string, A>> d(A(1, state));
        d.reserve(8);
        check(d);
    }
    SECTION("Deque over a growth policy") {
        Deque<std::string, ExponentialGrowthBuffer<AllocatorBuffer<std::string, A>>> d(A(1, state));
        d.reserve(8);
        check(d);
    }
}

TEST_CASE("try_reserve reports unsupported for a buffer that cannot grow",
          "[collections][try_reserve]") {
    SECTION("InlineBuffer") {
        Vector<std::string, InlineBuffer<std::string, 8>> v{"a", "b", "c"};
        const Snapshot<decltype(v)> before(v);
        CHECK(v.try_reserve(9) == Status::unsupported);
        CHECK(Snapshot<decltype(v)>(v) == before);
        CHECK(v.try_reserve(8) == Status::ok);
        for (int i = 0; i < 5; ++i)
            v.push_back("x");
        CHECK(v.try_reserve(9) == Status::unsupported); // full
    }
    SECTION("Deque over an InlineBuffer") {
        Deque<int, InlineBuffer<int, 4>> d{1, 2};
        d.push_front(0);
        const Snapshot<decltype(d)> before(d);
        CHECK(d.try_reserve(5) == Status::unsupported);
        CHECK(Snapshot<decltype(d)>(d) == before);
    }
    SECTION("SliceBuffer") {
        std::array<RawSlot<int>, 6> storage;
        Vector<int, SliceBuffer<int>> v{SliceBuffer<int>{std::span<RawSlot<int>>(storage)}};
        v.push_back(1);
        CHECK(v.try_reserve(6) == Status::ok);
        CHECK(v.try_reserve(7) == Status::unsupported);
        CHECK(v.size() == 1);
        CHECK(v.capacity() == 6);
    }
    SECTION("InlineSoaBuffer") {
        InlineSoaVector<Trade, 4> v;
        v.push_back(Trade{});
        CHECK(v.try_reserve(5) == Status::unsupported);
        CHECK(v.size() == 1);
    }
    SECTION("try_push_back still reports a full buffer") {
        StaticVector<int, 2> v{1, 2};
        CHECK(v.try_push_back(3) == nullptr);
    }
}
