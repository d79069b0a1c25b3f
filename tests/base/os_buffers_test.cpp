// PageBuffer and StableBuffer: what the buffer contract cannot see. Whole pages, huge-page
// alignment, addresses that survive growth, resident memory that follows the size, huge pages
// in use, and a reservation that runs out. The contract itself: contract_test.cpp.

#include <buffers/base/heap_buffer.hpp>
#include <buffers/base/page_buffer.hpp>
#include <buffers/base/stable_buffer.hpp>
#include <buffers/collections/deque.hpp>
#include <buffers/collections/vector.hpp>
#include <buffers/composite/exponential_growth_buffer.hpp>
#include <buffers/soa/soa_vector.hpp>

#include "support/tracked.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <fstream>
#include <numeric>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include <unistd.h>

namespace {

using buffers::ExponentialGrowthBuffer;
using buffers::Live;
using buffers::PageBuffer;
using buffers::StableBuffer;
using buffers::Status;
using buffers::Vector;

template <class T>
using PageVector = Vector<T, ExponentialGrowthBuffer<PageBuffer<T>>>;
template <class T>
using StableVector = Vector<T, ExponentialGrowthBuffer<StableBuffer<T>>>;

constexpr std::size_t MiB = std::size_t{1} << 20;

std::size_t page_size() {
    return static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

// Resident memory of this process, in bytes (VmRSS in /proc/self/status); 0 where unknown.
std::size_t resident_bytes() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stoul(line.substr(6)) * 1024;
    return 0;
}

// AnonHugePages of the mapping that contains p (/proc/self/smaps), in bytes.
std::size_t huge_bytes_at(const void* p) {
    const auto addr = reinterpret_cast<std::uintptr_t>(p);
    std::ifstream in("/proc/self/smaps");
    std::string line;
    bool inside = false;
    while (std::getline(in, line)) {
        const auto dash = line.find('-');
        const auto space = line.find(' ');
        if (dash != std::string::npos && space != std::string::npos && dash < space &&
            line.find_first_not_of("0123456789abcdef") == dash) {
            const auto lo = std::stoull(line.substr(0, dash), nullptr, 16);
            const auto hi = std::stoull(line.substr(dash + 1, space - dash - 1), nullptr, 16);
            inside = lo <= addr && addr < hi;
        } else if (inside && line.rfind("AnonHugePages:", 0) == 0) {
            return std::stoul(line.substr(14)) * 1024;
        }
    }
    return 0;
}

// Transparent huge pages can be had: "always" or "madvise" is selected.
bool huge_pages_available() {
    std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
    std::string mode;
    std::getline(in, mode);
    return mode.find("[always]") != std::string::npos ||
           mode.find("[madvise]") != std::string::npos;
}

} // namespace

TEST_CASE("OS-memory buffers take two words, as HeapBuffer", "[base][os]") {
    STATIC_REQUIRE(sizeof(buffers::HeapBuffer<int>) == 2 * sizeof(void*));
    STATIC_REQUIRE(sizeof(PageBuffer<int>) == 2 * sizeof(void*));
    STATIC_REQUIRE(sizeof(StableBuffer<int>) == 2 * sizeof(void*));
    STATIC_REQUIRE(sizeof(Vector<int>) == sizeof(std::vector<int>));
    STATIC_REQUIRE(sizeof(PageVector<int>) == sizeof(std::vector<int>));
    STATIC_REQUIRE(sizeof(StableVector<int>) == sizeof(std::vector<int>));
    STATIC_REQUIRE(StableBuffer<int>::max_capacity() * sizeof(int) >= (std::size_t{16} << 30));
}

TEST_CASE("PageBuffer holds whole pages and aligns huge blocks to 2 MiB", "[base][os]") {
    PageBuffer<int> b;
    REQUIRE(b.try_grow(1, Live{}) == Status::ok);
    CHECK(b.capacity() == page_size() / sizeof(int));
    CHECK(reinterpret_cast<std::uintptr_t>(b.data()) % page_size() == 0);
    b.put(0, 42);

    // From 256 KiB on: whole 2 MiB, 2 MiB-aligned (copied there: huge pages from the start).
    REQUIRE(b.try_grow(256 * 1024 / sizeof(int), Live(1)) == Status::ok);
    CHECK(b.capacity() == 2 * MiB / sizeof(int));
    CHECK(reinterpret_cast<std::uintptr_t>(b.data()) % (2 * MiB) == 0);
    CHECK(b.get(0) == 42);

    // Past 2 MiB: whole 2 MiB, 2 MiB-aligned (the value moves along with its page).
    REQUIRE(b.try_grow(2 * MiB / sizeof(int) + 1, Live(1)) == Status::ok);
    CHECK(b.capacity() == 4 * MiB / sizeof(int));
    CHECK(reinterpret_cast<std::uintptr_t>(b.data()) % (2 * MiB) == 0);
    CHECK(b.get(0) == 42);

    // Shrinking returns the pages past the new capacity.
    REQUIRE(b.try_shrink(100, Live(1)) == Status::ok);
    CHECK(b.capacity() == page_size() / sizeof(int));
    CHECK(b.get(0) == 42);
    REQUIRE(b.try_shrink(0, Live{}) == Status::ok);
    CHECK(b.capacity() == 0);
}

TEST_CASE("PageBuffer grows values that are not trivially relocatable", "[base][os]") {
    PageVector<std::string> v;
    for (int i = 0; i < 100000; ++i)
        v.push_back("value number " + std::to_string(i));
    for (int i = 0; i < 100000; i += 997)
        REQUIRE(v[static_cast<std::size_t>(i)] == "value number " + std::to_string(i));
    v.resize(10);
    v.shrink_to_fit();
    CHECK(v.capacity() * sizeof(std::string) <= page_size() + sizeof(std::string));
    CHECK(v.back() == "value number 9");
}

TEST_CASE("StableBuffer never moves its elements", "[base][os]") {
    SECTION("ints") {
        StableVector<int> v;
        v.push_back(7);
        const int* first = &v[0];
        for (int i = 0; i < (1 << 20); ++i)
            v.push_back(i);
        const std::vector<int> more(1000, 3);
        v.insert(v.end(), more.begin(), more.end());
        v.insert(v.end(), 500, 4);
        v.emplace(v.end(), 5);
        v.reserve(v.capacity() * 4);
        CHECK(&v[0] == first);
        CHECK(v[0] == 7);
        CHECK(v.back() == 5);
        // Moving the collection hands the reservation over.
        StableVector<int> w(std::move(v));
        CHECK(&w[0] == first);
    }
    SECTION("strings") {
        StableVector<std::string> v;
        v.push_back("the first one, too long for the inline buffer of a string");
        const std::string* first = &v[0];
        const char* chars = v[0].data();
        for (int i = 0; i < 50000; ++i)
            v.emplace_back(std::to_string(i));
        v.reserve(200000);
        CHECK(&v[0] == first);
        CHECK(v[0].data() == chars);
    }
}

// Paths where Vector would otherwise build the new values in new storage and relocate the
// elements around them: an insert in the middle that must grow, appends whose constructors may
// throw, resize, assign. Over a StableBuffer they grow in place.
TEMPLATE_TEST_CASE("StableBuffer keeps its addresses where Vector would rebuild", "[base][os]", int,
                   support::Counted, support::ThrowingNothrowMove, support::Throwing) {
    auto value = [](int i) {
        if constexpr (std::is_same_v<TestType, int>)
            return i;
        else
            return TestType(i);
    };
    auto id = [](const TestType& t) {
        if constexpr (std::is_same_v<TestType, int>)
            return t;
        else
            return t.id();
    };
    StableVector<TestType> v;
    v.push_back(value(7));
    v.push_back(value(8));
    const TestType* first = &v[0];
    auto full = [&] {
        while (v.size() < v.capacity())
            v.push_back(value(9));
    };
    full();
    v.insert(v.begin() + 1, value(1)); // in the middle, growing
    CHECK(&v[0] == first);
    full();
    v.emplace(v.begin() + 1, value(2)); // in the middle, growing
    CHECK(&v[0] == first);
    full();
    v.insert(v.begin() + 1, std::size_t{3}, value(3)); // n copies in the middle, growing
    CHECK(&v[0] == first);
    full();
    const std::vector<TestType> more(5, value(4));
    v.insert(v.begin() + 1, more.begin(), more.end()); // a range in the middle, growing
    CHECK(&v[0] == first);
    full();
    v.insert(v.end(), std::size_t{3}, v[0]); // copies of an element at the end, growing
    CHECK(&v[0] == first);
    full();
    v.push_back(v[0]); // a copy of an element, growing
    CHECK(&v[0] == first);
    full();
    v.resize(v.capacity() + 1); // default values at the end, growing
    CHECK(&v[0] == first);
    v.reserve(v.capacity() * 4);
    CHECK(&v[0] == first);
    v.assign(v.capacity() + 1, value(5)); // more than the capacity
    CHECK(&v[0] == first);
    CHECK(id(v[0]) == 5);
    CHECK(id(v.back()) == 5);
}

TEST_CASE("a full StableBuffer fails like a full InlineBuffer", "[base][os]") {
    constexpr std::size_t max_bytes = std::size_t{64} << 10;
    constexpr std::size_t max = max_bytes / sizeof(int);
    Vector<int, ExponentialGrowthBuffer<StableBuffer<int, max_bytes>>> v;
    for (std::size_t i = 0; i < max; ++i)
        v.push_back(static_cast<int>(i));
    CHECK(v.capacity() == max);
    CHECK(v.max_size() == max);
    CHECK(v.try_push_back(1) == nullptr);
    CHECK(v.try_emplace_back(1) == nullptr);
    CHECK_THROWS_AS(v.reserve(max + 1), std::length_error);
    CHECK_THROWS_AS(v.push_back(1), std::length_error);
    CHECK(v.size() == max);
    CHECK(v.back() == static_cast<int>(max - 1));

    StableBuffer<int, max_bytes> b;
    CHECK(b.try_grow(max + 1, Live{}) == Status::exceeds_max_capacity);
    CHECK(b.capacity() == 0);
}

TEMPLATE_TEST_CASE("resident memory follows the size of OS-memory vectors", "[base][os]",
                   PageVector<int>, StableVector<int>) {
    if (resident_bytes() == 0) {
        WARN("no /proc/self/status: resident memory not checked");
        return;
    }
    const std::size_t before = resident_bytes();
    TestType v;
    for (int i = 0; i < (16 << 20); ++i) // 64 MiB
        v.push_back(i);
    const std::size_t grown = resident_bytes();
    CHECK(grown >= before + 60 * MiB);
    CHECK(v[12345] == 12345);

    v.resize(1000);
    v.shrink_to_fit();
    const std::size_t shrunk = resident_bytes();
    CHECK(shrunk <= before + 8 * MiB);
    CHECK(v.back() == 999);
}

TEMPLATE_TEST_CASE("large OS-memory vectors use huge pages where the system has them", "[base][os]",
                   PageVector<int>, StableVector<int>) {
    if (!huge_pages_available()) {
        WARN("transparent huge pages are off: huge-page use not checked");
        return;
    }
    TestType v;
    for (int i = 0; i < (16 << 20); ++i) // 64 MiB
        v.push_back(i);
    // The kernel may refuse huge pages when memory is fragmented, but not for all of 64 MiB.
    CHECK(huge_bytes_at(v.data()) >= 2 * MiB);
}

TEST_CASE("StableBuffer takes huge pages from its first 256 KiB on", "[base][os]") {
    StableVector<int> v;
    v.push_back(0);
    // The first 256 KiB end at a huge-page boundary: all after them is in whole huge pages.
    CHECK((reinterpret_cast<std::uintptr_t>(v.data()) + 256 * 1024) % (2 * MiB) == 0);
    while (v.size() < 256 * 1024 / sizeof(int))
        v.push_back(1);
    CHECK(v.capacity() == 256 * 1024 / sizeof(int));
    v.push_back(2);
    CHECK(v.capacity() == (256 * 1024 + 2 * MiB) / sizeof(int));
    while (v.size() < MiB) // 4 MiB of ints
        v.push_back(3);
    if (!huge_pages_available()) {
        WARN("transparent huge pages are off: huge-page use not checked");
        return;
    }
    // Two huge pages hold the 3.75 MiB past the first 256 KiB.
    CHECK(huge_bytes_at(v.data()) >= 4 * MiB);
}

namespace {
struct Row {
    double d;
    std::string s;
    int i;
};
} // namespace

TEMPLATE_TEST_CASE(
    "SoA vectors over OS memory keep their rows", "[base][os][soa]", buffers::PageSoaVector<Row>,
    buffers::StableSoaVector<Row>,
    (buffers::Vector<Row, buffers::ExponentialGrowthBuffer<
                              buffers::SoaBuffer<Row, buffers::SoaHeapThenPageColumns<4096>>>>)) {
    TestType v;
    for (int i = 0; i < 20000; ++i)
        v.push_back(Row{i * 0.5, std::to_string(i), -i});
    for (int i = 0; i < 20000; i += 331) {
        const Row r = v[static_cast<std::size_t>(i)];
        REQUIRE(r.d == i * 0.5);
        REQUIRE(r.s == std::to_string(i));
        REQUIRE(r.i == -i);
    }
    v.resize(3);
    v.shrink_to_fit();
    CHECK(buffers::get<1>(v[2]) == "2");
    v.clear();
    v.shrink_to_fit();
    CHECK(v.capacity() == 0);
}

TEST_CASE("StableSoaVector never moves a column", "[base][os][soa]") {
    buffers::StableSoaVector<Row> v;
    v.push_back(Row{1.0, "one", 1});
    const double* d = &buffers::get<0>(v[0]);
    const std::string* s = &buffers::get<1>(v[0]);
    const int* i = &buffers::get<2>(v[0]);
    for (int k = 0; k < 100000; ++k)
        v.push_back(Row{k * 1.0, "x", k});
    v.reserve(1 << 20);
    while (v.size() < v.capacity())
        v.push_back(Row{2.0, "y", 2});
    v.insert(v.begin() + 1, Row{3.0, "in the middle, growing", 3});
    CHECK(&buffers::get<0>(v[0]) == d);
    CHECK(&buffers::get<1>(v[0]) == s);
    CHECK(&buffers::get<2>(v[0]) == i);
    CHECK(*s == "one");
}

namespace {
// 12 bytes: a page holds 341, not a power of two.
struct Three {
    int a, b, c;
    bool operator==(const Three&) const = default;
};
} // namespace

TEMPLATE_TEST_CASE("Deque over OS-memory buffers matches std::deque", "[base][os]",
                   (buffers::Deque<Three, ExponentialGrowthBuffer<PageBuffer<Three>>>),
                   (buffers::Deque<Three, ExponentialGrowthBuffer<PageBuffer<Three, 256>>>),
                   (buffers::Deque<Three, ExponentialGrowthBuffer<StableBuffer<Three>>>)) {
    TestType d;
    std::deque<Three> r;
    unsigned x = 1;
    for (int i = 0; i < 100000; ++i) {
        x = x * 1103515245u + 12345u;
        switch (x >> 29) {
        case 0:
        case 1:
            d.push_back(Three{i, i, i});
            r.push_back(Three{i, i, i});
            break;
        case 2:
        case 3:
            d.push_front(Three{i, -i, i});
            r.push_front(Three{i, -i, i});
            break;
        case 4:
            if (!r.empty()) {
                d.pop_front();
                r.pop_front();
            }
            break;
        case 5:
            if (!r.empty()) {
                d.pop_back();
                r.pop_back();
            }
            break;
        default:
            if (i % 1000 == 0)
                d.shrink_to_fit();
            break;
        }
        REQUIRE(d.size() == r.size());
    }
    for (std::size_t i = 0; i < r.size(); ++i)
        REQUIRE(d[i] == r[i]);
}
