// The library without exceptions (-fno-exceptions): Vector over several buffers and SoaVector
// work, the try_ members report failure, and an operation that would have to throw aborts
// with a message naming the call. Catch2 runs with CATCH_CONFIG_DISABLE_EXCEPTIONS, so a
// failed REQUIRE ends the run; nothing here may use REQUIRE_THROWS.

#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <support/child_process.hpp>

// The umbrella: every public header compiles without exceptions.
#include <buffers/buffers.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <memory_resource>
#include <numeric>
#include <string>
#include <vector>

#if BUFFERS_HAS_EXCEPTIONS
#error "tests/noexcept must be compiled with -fno-exceptions"
#endif

namespace {

using Str = std::string;
template <class T>
using Pmr = buffers::AllocatorBuffer<T, std::pmr::polymorphic_allocator<T>>;

Str word(int i) { return "value number " + std::to_string(i); } // longer than SSO

template <class V>
std::vector<Str> contents(const V& v) {
    return std::vector<Str>(v.begin(), v.end());
}

struct Particle {
    float x;
    int id;
    Str name;
};

} // namespace

TEMPLATE_TEST_CASE("Vector without exceptions: the std::vector interface", "[noexcept][vector]",
                   buffers::Vector<Str>, (buffers::Vector<Str, buffers::InlineBuffer<Str, 32>>),
                   (buffers::Vector<Str, buffers::SvoBuffer<buffers::HeapBuffer<Str>, 4>>),
                   (buffers::Vector<Str, buffers::HeapBuffer<Str>>)) {
    TestType v;
    std::vector<Str> model;
    for (int i = 0; i < 20; ++i) {
        v.push_back(word(i));
        model.push_back(word(i));
    }
    v.insert(v.begin() + 3, 2, word(100));
    model.insert(model.begin() + 3, 2, word(100));
    v.emplace(v.begin(), word(101));
    model.emplace(model.begin(), word(101));
    v.erase(v.begin() + 5, v.begin() + 9);
    model.erase(model.begin() + 5, model.begin() + 9);
    v.resize(25, word(102));
    model.resize(25, word(102));
    CHECK(contents(v) == model);

    TestType copy = v;
    CHECK(contents(copy) == model);
    copy.assign(3, word(7));
    TestType moved = std::move(v);
    CHECK(contents(moved) == model);
    swap(moved, copy);
    CHECK(contents(copy) == model);
    CHECK(contents(moved) == std::vector<Str>(3, word(7)));
    CHECK(copy.swap_remove(0) == word(101));
    copy.shrink_to_fit();
    CHECK(copy.capacity() >= copy.size());
    CHECK(copy.at(0) == model.back()); // swap_remove moved the last element to the front
    buffers::erase_if(copy, [](const Str& s) { return s == word(100); });
    CHECK(std::count(copy.begin(), copy.end(), word(100)) == 0);
}

TEST_CASE("Vector without exceptions: pmr allocator buffer", "[noexcept][vector][pmr]") {
    std::array<std::byte, 4096> arena;
    std::pmr::monotonic_buffer_resource resource(arena.data(), arena.size());
    buffers::Vector<int, Pmr<int>> v{std::pmr::polymorphic_allocator<int>(&resource)};
    for (int i = 0; i < 100; ++i)
        v.push_back(i);
    v.erase(v.begin(), v.begin() + 50);
    CHECK(v.size() == 50);
    CHECK(v.front() == 50);
    CHECK(std::accumulate(v.begin(), v.end(), 0) == (50 + 99) * 50 / 2);
    CHECK(v.get_allocator().resource() == &resource);
}

TEST_CASE("SoaVector without exceptions", "[noexcept][soa]") {
    buffers::SoaVector<Particle> v;
    for (int i = 0; i < 40; ++i)
        v.push_back(Particle{static_cast<float>(40 - i), i, word(i)});
    v.erase(v.begin() + 10, v.begin() + 20);
    v.insert(v.begin(), Particle{-1.0f, -1, word(-1)});
    std::sort(v.begin(), v.end(),
              [](const auto& a, const auto& b) { return buffers::get<0>(a) < buffers::get<0>(b); });
    CHECK(v.size() == 31);
    CHECK(buffers::get<1>(v[0]) == -1);
    CHECK(buffers::column<0>(v).size() == 31);
    CHECK(std::is_sorted(buffers::column<0>(v).begin(), buffers::column<0>(v).end()));
    Particle p = v.back();
    CHECK(p.name == word(p.id));
    buffers::erase_if(v, [](const auto& row) { return buffers::get<1>(row) % 2 == 0; });
    for (std::size_t i = 0; i < v.size(); ++i)
        CHECK(buffers::get<1>(v[i]) % 2 != 0);
}

TEST_CASE("Deque without exceptions", "[noexcept][deque]") {
    buffers::Deque<Str> d;
    for (int i = 0; i < 10; ++i) {
        d.push_back(word(i));
        d.push_front(word(-i));
    }
    d.erase(d.begin() + 5);
    d.insert(d.begin() + 2, word(99));
    CHECK(d.size() == 20);
    CHECK(d.front() == word(-9));
    CHECK(d.back() == word(9));
    CHECK(d[2] == word(99));
    d.pop_front();
    d.pop_back();
    CHECK(d.size() == 18);
}

TEST_CASE("try_ members report a full buffer without exceptions", "[noexcept][try]") {
    buffers::Vector<Str, buffers::InlineBuffer<Str, 3>> v;
    for (int i = 0; i < 3; ++i) {
        Str* p = v.try_push_back(word(i));
        REQUIRE(p != nullptr);
        CHECK(*p == word(i));
    }
    CHECK(v.try_push_back(word(3)) == nullptr);
    CHECK(v.try_emplace_back("more") == nullptr);
    CHECK(v.size() == 3);
    CHECK(v.back() == word(2));

    buffers::InlineSoaVector<Particle, 2> rows;
    CHECK(rows.try_push_back(Particle{1.0f, 1, word(1)}));
    CHECK(rows.try_emplace_back(Particle{2.0f, 2, word(2)}));
    CHECK_FALSE(rows.try_push_back(Particle{3.0f, 3, word(3)}));
    CHECK(rows.size() == 2);
}

namespace {

// The child must abort, and its message start with the call's name and say why.
void require_abort(void (*misuse)(), const std::string& call, const std::string& why) {
    const support::ChildResult r = support::run_in_child(misuse);
    INFO("child stderr: " << r.err);
    CHECK(r.aborted);
    const std::string line = support::first_line(r.err);
    CHECK(line.rfind(call + ": ", 0) == 0);
    CHECK(line.find(why) != std::string::npos);
}

} // namespace

TEST_CASE("Operations that would throw abort with a message naming the call",
          "[noexcept][abort]") {
    SECTION("push_back on a full InlineBuffer") {
        require_abort(
            [] {
                buffers::Vector<int, buffers::InlineBuffer<int, 2>> v{1, 2};
                v.push_back(3);
            },
            "buffers::Vector::push_back", "max_size()");
    }
    SECTION("insert past the capacity of an inline SoA vector") {
        require_abort(
            [] {
                buffers::InlineSoaVector<Particle, 1> v;
                v.push_back(Particle{});
                v.insert(v.begin(), Particle{});
            },
            "buffers::Vector::emplace", "max_size()");
    }
    SECTION("at() out of range") {
        require_abort(
            [] {
                buffers::Vector<int> v{1, 2, 3};
                (void)v.at(3);
            },
            "buffers::Vector::at", "index out of range");
    }
    SECTION("reserve past max_size()") {
        require_abort(
            [] {
                buffers::Vector<int> v;
                v.reserve(v.max_size() + 1);
            },
            "buffers::Vector::reserve", "exceeds max_size()");
    }
}
