// Projections by member over SoA containers: buffers::field<&T::m> with std::ranges
// algorithms, and buffers::sort / stable_sort given a member pointer.

#include <buffers/soa/soa_deque.hpp>
#include <buffers/soa/soa_vector.hpp>
#include <buffers/soa/sort.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace {

struct Particle {
    float x;
    int life;
    std::string name;
};

template <class C>
C sample() {
    C c;
    c.push_back({1.0f, 30, "c"});
    c.push_back({2.0f, 10, "a"});
    c.push_back({3.0f, 20, "b"});
    c.push_back({4.0f, 10, "d"});
    return c;
}

template <class C>
std::vector<int> lives(const C& c) {
    std::vector<int> out;
    for (const Particle& p : c)
        out.push_back(p.life);
    return out;
}

} // namespace

TEMPLATE_TEST_CASE("field<&T::m> projects rows for std::ranges algorithms", "[soa][projection]",
                   buffers::SoaVector<Particle>, buffers::SoaDeque<Particle>) {
    TestType c = sample<TestType>();
    constexpr auto life = buffers::field<&Particle::life>;
    constexpr auto name = buffers::field<&Particle::name>;

    CHECK(std::ranges::find(c, 20, life) - c.begin() == 2);
    CHECK(std::ranges::count_if(
              c, [](int l) { return l == 10; }, life) == 2);
    CHECK(life(*std::ranges::max_element(c, {}, life)) == 30);
    CHECK(name(*std::ranges::min_element(std::as_const(c), {}, name)) == "a");

    std::ranges::stable_sort(c, {}, life);
    CHECK(lives(c) == std::vector<int>{10, 10, 20, 30});
    CHECK(static_cast<Particle>(c[0]).name == "a"); // stable: a before d
    std::ranges::sort(c, std::ranges::greater{}, name);
    CHECK(static_cast<Particle>(c[0]).name == "d");

    // On the T temporaries std::sort holds, and on const rows.
    Particle p{0.0f, 7, "p"};
    CHECK(life(p) == 7);
    CHECK(life(std::as_const(c)[0]) == life(c[0]));
    life(c[1]) = 99;
    CHECK(static_cast<Particle>(c[1]).life == 99);
}

TEST_CASE("buffers::sort and stable_sort take a member pointer", "[soa][projection]") {
    auto v = sample<buffers::SoaVector<Particle>>();
    buffers::stable_sort(v, std::less{}, &Particle::life);
    CHECK(lives(v) == std::vector<int>{10, 10, 20, 30});
    CHECK(static_cast<Particle>(v[1]).name == "d");
    buffers::sort(v, std::greater{}, &Particle::name);
    CHECK(static_cast<Particle>(v[0]).name == "d");
    CHECK(static_cast<Particle>(v[3]).name == "a");
    buffers::sort(v, std::less{}, &Particle::x);
    CHECK(static_cast<Particle>(v[0]).x == 1.0f);
    buffers::sort(v, std::less{}, buffers::field<&Particle::life>);
    CHECK(lives(v).front() == 10);
}
