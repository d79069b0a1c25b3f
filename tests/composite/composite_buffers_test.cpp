// What each composite promises beyond the shared contract: growth sequences, the small-buffer
// boundary, sizes, ArrayBuffer's columns, and growth when an allocator refuses inside a stack.

#include "support/allocation_failure.hpp"
#include "support/buffer_contract.hpp"
#include "support/buffer_families.hpp"
#include "support/failing_resource.hpp"

#include <buffers/collections/deque.hpp>
#include <buffers/collections/vector.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cstddef>
#include <memory>
#include <memory_resource>
#include <new>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

namespace {
namespace mp = boost::mp11;
namespace fam = support::family;
using buffers::Live;
using buffers::Status;
using support::Counted;
using support::Tag;

using failing_cases =
    support::buffer_product<mp::mp_list<fam::SvoFailing4, fam::ExponentialFailing>,
                            support::standard_elements>;

template <class V>
std::vector<std::size_t> capacities_after_pushes(std::size_t n) {
    V v;
    std::vector<std::size_t> caps;
    for (std::size_t i = 0; i < n; ++i) {
        v.push_back(static_cast<int>(i));
        caps.push_back(v.capacity());
    }
    return caps;
}
} // namespace

TEST_CASE("ExponentialGrowthBuffer rounds the collection's own growth up to a power of two",
          "[composite][growth]") {
    using E = buffers::ExponentialGrowthBuffer<buffers::HeapBuffer<int>>;
    constexpr std::size_t max = SIZE_MAX / 4;
    STATIC_REQUIRE(E::growth_target(1, max) == 1);
    STATIC_REQUIRE(E::growth_target(2, max) == 2); // the seed rounded 2 down to 1
    STATIC_REQUIRE(E::growth_target(3, max) == 4);
    STATIC_REQUIRE(E::growth_target(17, max) == 32);
    STATIC_REQUIRE(E::growth_target(1024, max) == 1024);
    // Near the maximum the target is clamped to it rather than overflowing.
    STATIC_REQUIRE(E::growth_target(5, 6) == 6);
    STATIC_REQUIRE(E::growth_target(6, 6) == 6);

    const auto caps = capacities_after_pushes<buffers::Vector<int, E>>(17);
    CHECK(std::vector<std::size_t>(caps.begin(), caps.begin() + 5) ==
          std::vector<std::size_t>{1, 2, 4, 4, 8});
    CHECK(caps[15] == 16);
    CHECK(caps[16] == 32);

    // An explicit request is exact; the next push rounds up from there.
    buffers::Vector<int, E> v;
    v.reserve(1000);
    CHECK(v.capacity() == 1000);
    v.resize(1000);
    v.push_back(1);
    CHECK(v.capacity() == 1024);
    const buffers::Vector<int, E> three{1, 2, 3};
    CHECK(three.capacity() == 3);
}

TEST_CASE("a bare HeapBuffer doubles on pushes and is exact on requests; the default grows by "
          "powers of two",
          "[composite][growth]") {
    using Bare = buffers::Vector<int, buffers::HeapBuffer<int>>;
    const auto doubling = capacities_after_pushes<Bare>(9);
    CHECK(doubling == std::vector<std::size_t>{1, 2, 4, 4, 8, 8, 8, 8, 16});
    Bare exact;
    exact.reserve(9);
    CHECK(exact.capacity() == 9);
    exact.assign(11, 0);
    CHECK(exact.capacity() == 11);
    exact.push_back(0);
    CHECK(exact.capacity() == 22);

    buffers::Vector<int> v;
    std::set<std::size_t> distinct;
    for (int i = 0; i < 1000; ++i) {
        v.push_back(i);
        distinct.insert(v.capacity());
    }
    CHECK(v.capacity() == 1024);
    CHECK(distinct.size() == 11); // 1, 2, 4, ..., 1024
    CHECK(sizeof(v) == sizeof(std::vector<int>));
}

TEST_CASE("AtLeastBuffer's own growth never goes to less than N", "[composite][growth]") {
    buffers::Vector<int, buffers::AtLeastBuffer<buffers::HeapBuffer<int>, 10>> v;
    v.push_back(1);
    CHECK(v.capacity() == 10);
    for (int i = 0; i < 10; ++i)
        v.push_back(i);
    CHECK(v.capacity() == 20); // doubling above N (HeapBuffer has no policy of its own)
    // Explicit requests are exact, below N too.
    v.clear();
    v.shrink_to_fit();
    CHECK(v.capacity() == 0);
    v.reserve(3);
    CHECK(v.capacity() == 3);

    using Stack = buffers::AtLeastBuffer<buffers::ExponentialGrowthBuffer<buffers::AllocatorBuffer<
                                             int, std::pmr::polymorphic_allocator<int>>>,
                                         64>;
    buffers::Vector<int, Stack> w;
    w.push_back(1);
    CHECK(w.capacity() == 64);
    w.resize(65);
    CHECK(w.capacity() == 128);
}

TEST_CASE("SvoBuffer crosses its boundary with std::string and comes back", "[composite][svo]") {
    using V = buffers::Vector<std::string, buffers::SvoBuffer<buffers::HeapBuffer<std::string>, 4>>;
    for (std::size_t n : {3u, 4u, 5u}) {
        INFO(n << " live values");
        V v;
        for (std::size_t i = 0; i < n; ++i)
            v.push_back(support::make<std::string>(static_cast<int>(i)));
        CHECK(v.buffer().is_inline() == (n <= 4));
        CHECK(v.capacity() == (n <= 4 ? 4 : 8)); // doubled on the way out
        for (std::size_t i = 0; i < n; ++i)
            CHECK(support::id_of(v[i]) == static_cast<int>(i));
        if (n > 4) {
            // Back inside once the values fit, keeping them.
            v.pop_back();
            CHECK_FALSE(v.buffer().is_inline());
            v.shrink_to_fit();
            CHECK(v.buffer().is_inline());
            CHECK(v.capacity() == 4);
            for (std::size_t i = 0; i < 4; ++i)
                CHECK(support::id_of(v[i]) == static_cast<int>(i));
            // And out again.
            v.push_back(support::make<std::string>(9));
            CHECK_FALSE(v.buffer().is_inline());
            CHECK(support::id_of(v[4]) == 9);
        }
    }
}

TEST_CASE("SvoBuffer relocates only the live values, never all N slots", "[composite][svo]") {
    support::LeakGuard guard;
    using B = buffers::SvoBuffer<buffers::HeapBuffer<Counted>, 16>;
    buffers::Vector<Counted, B> v;
    v.reserve(16);
    for (int i = 0; i < 3; ++i)
        v.emplace_back(i);
    const long moves = support::counts().moves;
    const long copies = support::counts().copies;
    v.reserve(17);
    CHECK_FALSE(v.buffer().is_inline());
    CHECK(support::counts().moves - moves == 3);
    CHECK(support::counts().copies == copies);
    v.shrink_to_fit();
    CHECK(v.buffer().is_inline());
    CHECK(support::counts().moves - moves == 6);
}

// Over a contiguous buffer, SvoBuffer keeps the end of the active storage instead of a flag:
// every change of the heap block (growth and shrinking on the heap, moves, swaps, the way back
// inside) must leave capacity() and the next push's growth right.
TEMPLATE_TEST_CASE("SvoBuffer's capacity follows every change of its storage", "[composite][svo]",
                   buffers::HeapBuffer<int>, (buffers::AllocatorBuffer<int, std::allocator<int>>)) {
    using V = buffers::Vector<int, buffers::SvoBuffer<TestType, 4>>;
    const auto holds = [](const V& v, int n) {
        bool same = v.size() == static_cast<std::size_t>(n);
        for (int i = 0; same && i < n; ++i)
            same = v[static_cast<std::size_t>(i)] == i;
        return same;
    };
    const auto fill_to = [](V& v, int n) {
        for (int i = static_cast<int>(v.size()); i < n; ++i)
            v.push_back(i);
    };
    V v;
    fill_to(v, 5);
    CHECK_FALSE(v.buffer().is_inline());
    CHECK(v.capacity() == 8);
    v.reserve(20); // growth while on the heap
    CHECK(v.capacity() == 20);
    const int* block = v.data();
    fill_to(v, 20);
    CHECK(v.data() == block); // no growth before the capacity is reached
    v.push_back(20);
    CHECK(v.capacity() == 40);
    v.shrink_to_fit(); // shrinking on the heap
    CHECK(v.capacity() == 21);
    v.push_back(21);
    CHECK(v.capacity() == 42);
    REQUIRE(holds(v, 22));

    V w(std::move(v)); // the heap block moves; v is back inside
    CHECK(w.capacity() == 42);
    CHECK(v.buffer().is_inline());
    CHECK(v.capacity() == 4);
    fill_to(v, 4);
    CHECK(v.buffer().is_inline());
    v.push_back(4);
    CHECK_FALSE(v.buffer().is_inline());
    CHECK(v.capacity() == 8);

    V small;
    fill_to(small, 3);
    small.swap(w); // inline against heap
    CHECK(small.capacity() == 42);
    CHECK(holds(small, 22));
    CHECK(w.buffer().is_inline());
    CHECK(w.capacity() == 4);
    CHECK(holds(w, 3));
    w = std::move(small); // move assignment takes the block
    CHECK(w.capacity() == 42);
    CHECK(holds(w, 22));
    w.resize(4);
    w.shrink_to_fit(); // back inside
    CHECK(w.buffer().is_inline());
    CHECK(w.capacity() == 4);
    CHECK(holds(w, 4));
    w.push_back(4);
    CHECK(w.capacity() == 8);
    CHECK(holds(w, 5));
}

TEST_CASE("SvoBuffer with N == 0 is its inner buffer", "[composite][svo]") {
    buffers::Vector<std::string, buffers::SvoBuffer<buffers::HeapBuffer<std::string>, 0>> v;
    CHECK(v.capacity() == 0);
    v.push_back(support::make<std::string>(1));
    CHECK(v.capacity() == 1);
    CHECK(support::id_of(v.front()) == 1);
}

TEST_CASE("composites cost no storage they do not use", "[composite][size]") {
    constexpr std::size_t word = sizeof(void*);
    using namespace buffers;
    STATIC_REQUIRE(sizeof(Vector<int>) == sizeof(std::vector<int>));
    STATIC_REQUIRE(sizeof(Vector<std::string>) == sizeof(std::vector<std::string>));
    STATIC_REQUIRE(sizeof(Vector<int, SvoBuffer<HeapBuffer<int>, 16>>) <= 80);
    STATIC_REQUIRE(sizeof(ExponentialGrowthBuffer<HeapBuffer<int>>) == sizeof(HeapBuffer<int>));
    STATIC_REQUIRE(sizeof(AtLeastBuffer<HeapBuffer<int>, 8>) == sizeof(HeapBuffer<int>));
    STATIC_REQUIRE(sizeof(ZstoBuffer<HeapBuffer<int>>) == sizeof(HeapBuffer<int>));
    STATIC_REQUIRE(sizeof(IndirectBuffer<HeapBuffer<int>>) == sizeof(HeapBuffer<int>));
    STATIC_REQUIRE(sizeof(IndirectBuffer<std::unique_ptr<HeapBuffer<int>>>) == word);
    STATIC_REQUIRE(std::is_empty_v<DefaultBuffer<Tag>>);
    STATIC_REQUIRE(std::is_empty_v<ZstoBuffer<SvoBuffer<HeapBuffer<Tag>, 8>>>);
    STATIC_REQUIRE(sizeof(Vector<Tag>) == sizeof(std::size_t));
    STATIC_REQUIRE(ZstoBuffer<HeapBuffer<Tag>>::is_zst);
    STATIC_REQUIRE_FALSE(ZstoBuffer<HeapBuffer<int>>::is_zst);
    STATIC_REQUIRE(
        std::is_same_v<DefaultBuffer<int>, ZstoBuffer<ExponentialGrowthBuffer<HeapBuffer<int>>>>);
}

namespace owning {
// Look-alikes of std::unique_ptr's deleter: IndirectBuffer must not allocate the buffer itself
// for them (their unique_ptr would not delete it with delete).
template <class T>
struct default_delete {
    void operator()(T* p) const noexcept { delete p; }
};
template <class T>
struct counting_delete {
    void operator()(T* p) const noexcept { delete p; }
};
} // namespace owning

TEST_CASE("IndirectBuffer owns the buffer only through std::unique_ptr with its default deleter",
          "[composite][indirect]") {
    using H = buffers::HeapBuffer<int>;
    STATIC_REQUIRE(buffers::detail::owning_pointer<std::unique_ptr<H>>);
    STATIC_REQUIRE(buffers::detail::owning_pointer<std::unique_ptr<H, std::default_delete<H>>>);
    STATIC_REQUIRE_FALSE(
        buffers::detail::owning_pointer<std::unique_ptr<H, owning::default_delete<H>>>);
    STATIC_REQUIRE_FALSE(
        buffers::detail::owning_pointer<std::unique_ptr<H, owning::counting_delete<H>>>);
    STATIC_REQUIRE_FALSE(buffers::detail::owning_pointer<std::shared_ptr<H>>);
    STATIC_REQUIRE_FALSE(buffers::detail::owning_pointer<H*>);
    // The owning form allocates its buffer on first use and frees it (ASan checks the free).
    buffers::Vector<int, buffers::IndirectBuffer<std::unique_ptr<H>>> v;
    for (int i = 0; i < 100; ++i)
        v.push_back(i);
    CHECK(v.size() == 100);
    CHECK(v[99] == 99);
}

// Found by the Deque fuzzer: a move assignment between arenas that failed part way (an
// element's move or an allocation threw) left SvoBuffer's kept end at the block it had
// before, so capacity() was garbage.
TEST_CASE("SvoBuffer's kept end follows a move between arenas that fails", "[composite][svo]") {
    using T = support::Throwing;
    using A = std::pmr::polymorphic_allocator<T>;
    using B = buffers::SvoBuffer<buffers::AllocatorBuffer<T, A>, 3>;
    support::FailingResource ra, rb;
    auto fill = [](auto& c, int n) {
        for (int i = 0; i < n; ++i)
            c.emplace_back(i);
    };
    auto run = [&](auto tag) {
        using C = typename decltype(tag)::type;
        for (int k = 1; k <= 12; ++k) {
            for (int target = 0; target <= 12; target += 4) {
                for (const bool element : {false, true}) {
                    C a{A(&ra)}, b{A(&rb)};
                    fill(a, target);
                    fill(b, 37);
                    if (element)
                        support::arm(k);
                    else
                        ra.fail_in = k - 1;
                    try {
                        a = std::move(b);
                    } catch (const std::bad_alloc&) {
                    } catch (const support::TestError&) {
                    }
                    support::disarm();
                    ra.fail_in = -1;
                    INFO("failure " << k << (element ? " (element)" : " (allocation)")
                                    << ", target size " << target);
                    REQUIRE(a.capacity() <= a.buffer().max_capacity());
                    REQUIRE(a.capacity() >= a.size());
                    a.clear();
                    fill(a, 50);
                    CHECK(a.size() == 50);
                    CHECK(a.back().id() == 49);
                }
            }
        }
    };
    run(std::type_identity<buffers::Deque<T, B>>{});
    run(std::type_identity<buffers::Vector<T, B>>{});
}

TEST_CASE("a vector of empty elements never allocates", "[composite][zsto]") {
    buffers::Vector<Tag> v;
    v.resize(1000000);
    CHECK(v.size() == 1000000);
    CHECK(v[999999] == Tag{});
    v.insert(v.begin() + 5, Tag{});
    v.erase(v.begin(), v.begin() + 10);
    CHECK(v.size() == 999991);
    CHECK(v.capacity() >= v.size());
}

TEST_CASE("ArrayBuffer keeps position j of every element in sub-buffer j", "[composite][array]") {
    using B = buffers::ArrayBuffer<buffers::HeapBuffer<float>, 3>;
    buffers::Vector<std::array<float, 3>, B> v;
    for (int i = 0; i < 10; ++i) {
        const float f = static_cast<float>(i);
        v.push_back({f, 10 * f, 100 * f});
    }
    REQUIRE(v.size() == 10);
    const float* ys = v.buffer().sub_buffer(1).data();
    for (std::size_t i = 0; i < 10; ++i) {
        CHECK(ys[i] == 10.0f * static_cast<float>(i)); // one contiguous column per position
        CHECK(v[i][2] == 100.0f * static_cast<float>(i));
    }
    v[3][0] = -1.0f;
    const std::array<float, 3> third = v[3];
    CHECK(third == std::array<float, 3>{-1.0f, 30.0f, 300.0f});
    v.erase(v.begin());
    CHECK(v[0] == std::array<float, 3>{1.0f, 10.0f, 100.0f});
    v.insert(v.begin(), std::array<float, 3>{7.0f, 8.0f, 9.0f});
    CHECK(v.front() == std::array<float, 3>{7.0f, 8.0f, 9.0f});
    for (std::size_t j = 0; j < 3; ++j)
        CHECK(v.buffer().sub_buffer(j).capacity() >= v.size());
}

TEST_CASE("ArrayBuffer: a sub-buffer that fails to grow leaves all unchanged",
          "[composite][array]") {
    support::AllocState state;
    using A = support::FailingAllocator<int>;
    using Sub = buffers::AllocatorBuffer<int, A>;
    buffers::ArrayBuffer<Sub, 3> b;
    for (std::size_t j = 0; j < 3; ++j)
        b.sub_buffer(j).~Sub(), std::construct_at(&b.sub_buffer(j), A(1, state));
    REQUIRE(b.try_grow(2, Live{}) == Status::ok);
    b.put(0, std::array<int, 3>{1, 2, 3});
    b.put(1, std::array<int, 3>{4, 5, 6});
    for (long nth = 1; nth <= 3; ++nth) {
        state.fail_nth(nth);
        CHECK(b.try_grow(10, Live(2)) == Status::out_of_memory);
        state.reset_failures();
        CHECK(b.capacity() == 2);
        CHECK(std::array<int, 3>(b.get(0)) == std::array<int, 3>{1, 2, 3});
        CHECK(std::array<int, 3>(b.get(1)) == std::array<int, 3>{4, 5, 6});
    }
    REQUIRE(b.try_grow(10, Live(2)) == Status::ok);
    CHECK(b.capacity() >= 10);
    CHECK(std::array<int, 3>(b.get(1)) == std::array<int, 3>{4, 5, 6});
}

TEMPLATE_LIST_TEST_CASE("stacked composites survive a refusing allocator", "[composite][allocator]",
                        failing_cases) {
    support::allocation_failure_contract<TestType>();
}
