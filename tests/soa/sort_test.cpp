// buffers::sort and buffers::stable_sort: the same order as the standard sorts on a
// std::vector<T>, every value kept exactly once, and v untouched when the comparator throws.

#include <support/tracked.hpp>

#include <buffers/composite/svo_buffer.hpp>
#include <buffers/soa/soa_vector.hpp>
#include <buffers/soa/sort.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace {

using support::Counted;
using support::LeakGuard;

struct Pod {
    float x;
    int id;
    double w;
    friend bool operator==(const Pod&, const Pod&) = default;
};

struct Named {
    int key;
    std::string name;
    Counted c;
    friend bool operator==(const Named& a, const Named& b) {
        return a.key == b.key && a.name == b.name && a.c.id() == b.c.id();
    }
};

// A field whose move may throw: sorted through row proxies instead.
struct Risky {
    Risky() = default;
    explicit Risky(int v) : value(v) {}
    Risky(const Risky&) = default;
    Risky(Risky&& o) noexcept(false) : value(o.value) {}
    Risky& operator=(const Risky&) = default;
    Risky& operator=(Risky&& o) noexcept(false) {
        value = o.value;
        return *this;
    }
    int value = 0;
};
struct WithRisky {
    int key;
    Risky r;
};

template <class V>
auto to_std(const V& v) {
    std::vector<typename V::value_type> out;
    for (std::size_t i = 0; i < v.size(); ++i)
        out.push_back(v[i]);
    return out;
}

constexpr auto key0 = [](const auto& r) { return buffers::get<0>(r); };

} // namespace

TEST_CASE("buffers::sort orders an SoA vector like std::sort orders a std::vector", "[soa][sort]") {
    std::mt19937 rng(7);
    for (int n : {0, 1, 2, 3, 17, 100, 1000}) {
        std::vector<Pod> ref;
        buffers::SoaVector<Pod> v;
        for (int i = 0; i < n; ++i) {
            // Distinct keys: an unstable sort then has exactly one right answer.
            const Pod p{static_cast<float>(rng() % 100000) + static_cast<float>(i) / 4096.0f, i,
                        i * 0.5};
            ref.push_back(p);
            v.push_back(p);
        }
        buffers::sort(v, std::less{}, key0);
        std::ranges::sort(ref, std::less{}, &Pod::x);
        CHECK(to_std(v) == ref);

        buffers::sort(v, std::greater{}, key0);
        std::ranges::sort(ref, std::greater{}, &Pod::x);
        CHECK(to_std(v) == ref);
    }
}

TEST_CASE("buffers::stable_sort keeps the order of equal keys", "[soa][sort]") {
    std::mt19937 rng(11);
    LeakGuard guard;
    std::vector<Named> ref;
    buffers::SoaVector<Named> v;
    for (int i = 0; i < 300; ++i) {
        const int key = static_cast<int>(rng() % 10);
        ref.push_back(Named{key, "n" + std::to_string(i), Counted(i)});
        v.push_back(Named{key, "n" + std::to_string(i), Counted(i)});
    }
    buffers::stable_sort(v, std::less{}, key0);
    std::ranges::stable_sort(ref, std::less{}, &Named::key);
    CHECK(to_std(v) == ref);

    // A key that is not copied (a string): compared through the projection, by index.
    buffers::stable_sort(v, std::greater{},
                         [](const auto& r) -> const std::string& { return buffers::get<1>(r); });
    std::ranges::stable_sort(ref, std::greater{}, &Named::name);
    CHECK(to_std(v) == ref);
}

template <class K>
struct KeyRow {
    K key;
    int seq;
    friend bool operator==(const KeyRow&, const KeyRow&) = default;
};

TEMPLATE_TEST_CASE("buffers::stable_sort by arithmetic keys (radix path) matches std::stable_sort",
                   "[soa][sort]", bool, unsigned char, signed char, short, int, unsigned, long long,
                   unsigned long long, float, double) {
    using K = TestType;
    std::mt19937_64 rng(3);
    for (int n : {255, 256, 1000, 5000}) {
        buffers::SoaVector<KeyRow<K>> v;
        std::vector<KeyRow<K>> ref;
        for (int i = 0; i < n; ++i) {
            K k;
            if constexpr (std::is_same_v<K, bool>)
                k = (rng() & 1) != 0;
            else if constexpr (std::is_floating_point_v<K>)
                k = static_cast<K>(static_cast<long long>(rng() % 2001) - 1000) / K(8);
            else
                k = static_cast<K>(rng());
            v.push_back(KeyRow<K>{k, i});
            ref.push_back(KeyRow<K>{k, i});
        }
        buffers::stable_sort(v, std::less<K>{}, key0);
        std::ranges::stable_sort(ref, std::less<K>{}, &KeyRow<K>::key);
        CHECK(to_std(v) == ref);
        buffers::stable_sort(v, std::ranges::greater{}, key0);
        std::ranges::stable_sort(ref, std::ranges::greater{}, &KeyRow<K>::key);
        CHECK(to_std(v) == ref);
        buffers::sort(v, std::greater<>{}, key0);
        for (std::size_t i = 1; i < v.size(); ++i)
            CHECK_FALSE(buffers::get<0>(v[i - 1]) < buffers::get<0>(v[i]));
    }
}

TEST_CASE("buffers::stable_sort treats -0.0 and +0.0 as one key", "[soa][sort]") {
    buffers::SoaVector<KeyRow<float>> v;
    for (int i = 0; i < 600; ++i)
        v.push_back(KeyRow<float>{i % 3 == 0 ? 1.0f : (i % 2 == 0 ? 0.0f : -0.0f), i});
    buffers::stable_sort(v, std::less{}, key0);
    for (std::size_t i = 1; i < v.size(); ++i) {
        const KeyRow<float> a = v[i - 1], b = v[i];
        if (a.key == b.key)
            CHECK(a.seq < b.seq);
        else
            CHECK(a.key < b.key);
    }
}

TEST_CASE("buffers::sort with a comparator on whole rows", "[soa][sort]") {
    buffers::SoaVector<Pod> v;
    for (int i = 0; i < 50; ++i)
        v.push_back(Pod{static_cast<float>(i % 7), 49 - i, 0.0});
    // Identity projection: the comparator sees const rows.
    buffers::stable_sort(v, [](const auto& a, const auto& b) {
        return buffers::get<0>(a) < buffers::get<0>(b) ||
               (buffers::get<0>(a) == buffers::get<0>(b) &&
                buffers::get<1>(a) < buffers::get<1>(b));
    });
    for (std::size_t i = 1; i < v.size(); ++i) {
        const Pod a = v[i - 1], b = v[i];
        CHECK((a.x < b.x || (a.x == b.x && a.id < b.id)));
    }
}

TEST_CASE("buffers::sort leaves the vector unchanged when the comparator throws", "[soa][sort]") {
    LeakGuard guard;
    buffers::SoaVector<Named> v;
    for (int i = 0; i < 100; ++i)
        v.push_back(Named{100 - i, std::to_string(i), Counted(i)});
    const auto before = to_std(v);
    int calls = 0;
    auto throwing = [&](int a, int b) {
        if (++calls == 200)
            throw std::runtime_error("comparator");
        return a < b;
    };
    CHECK_THROWS_AS(buffers::sort(v, throwing, key0), std::runtime_error);
    CHECK(to_std(v) == before);
}

TEST_CASE("buffers::sort over the inline and heap states of an SoA small vector", "[soa][sort]") {
    using V = buffers::Vector<Pod, buffers::SvoBuffer<buffers::SoaBuffer<Pod>, 8>>;
    for (int n : {5, 40}) {
        V v;
        std::vector<Pod> ref;
        for (int i = 0; i < n; ++i) {
            const Pod p{static_cast<float>((i * 37) % n), i, 1.0};
            v.push_back(p);
            ref.push_back(p);
        }
        CHECK(v.buffer().is_inline() == (n <= 8));
        buffers::sort(v, std::less{}, key0);
        std::ranges::sort(ref, std::less{}, &Pod::x);
        CHECK(to_std(v) == ref);
    }
}

TEST_CASE("buffers::sort falls back to the standard sorts where it must", "[soa][sort]") {
    SECTION("a field whose move may throw") {
        buffers::SoaVector<WithRisky> v;
        for (int i = 0; i < 20; ++i)
            v.push_back(WithRisky{(i * 7) % 20, Risky(i)});
        buffers::sort(v, std::less{}, key0);
        for (std::size_t i = 0; i < v.size(); ++i)
            CHECK(buffers::get<0>(v[i]) == static_cast<int>(i));
    }
    SECTION("a vector that is not SoA") {
        buffers::Vector<int> v{5, 3, 9, 1};
        buffers::sort(v);
        CHECK(v == buffers::Vector<int>{1, 3, 5, 9});
        buffers::stable_sort(v, std::greater{});
        CHECK(v == buffers::Vector<int>{9, 5, 3, 1});
    }
}
