// SoA vectors through the whole Vector interface: row proxies, columns, the standard
// algorithms, and a differential test against std::vector<T>.

#include <support/tracked.hpp>

#include <buffers/buffers.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <iterator>
#include <random>
#include <string>
#include <tuple>
#include <vector>

namespace {

using support::Counted;
using support::LeakGuard;

struct Row {
    int i;
    double d;
    std::string s;
    std::array<int, 3> a;
    friend bool operator==(const Row&, const Row&) = default;
};

// Trivially copyable rows take the memcpy paths (and trip libstdc++ 12's ranges::rotate).
struct Pod {
    float x;
    int id;
    friend bool operator==(const Pod&, const Pod&) = default;
};

struct Owner {
    Counted c;
    std::string s;
};

struct MoveOnlyRow {
    int key;
    std::unique_ptr<int> p;
};

Row make_row(int k) {
    return Row{k,
               k * 0.25,
               "row " + std::to_string(k) + std::string(static_cast<std::size_t>(k % 40), '#'),
               {k, -k, k * k}};
}

template <class V>
std::vector<Row> to_std(const V& v) {
    std::vector<Row> out;
    for (std::size_t i = 0; i < v.size(); ++i)
        out.push_back(v[i]);
    return out;
}

template <class V>
concept has_data = requires(V& v) {
    v.data();
};

auto by_i = [](const auto& a, const auto& b) { return buffers::get<0>(a) < buffers::get<0>(b); };

} // namespace

TEST_CASE("SoA rows are proxies: read, write, get, structured bindings", "[soa][row]") {
    buffers::SoaVector<Row> v;
    v.push_back(make_row(1));
    v.push_back(make_row(2));

    Row copy = v[0];
    CHECK(copy == make_row(1));
    v[0] = make_row(7);
    CHECK(Row(v[0]) == make_row(7));
    CHECK(v[0] == make_row(7));
    CHECK_FALSE(v[0] == make_row(1));

    buffers::get<1>(v[1]) = 9.5;
    CHECK(buffers::column<1>(v)[1] == 9.5);
    STATIC_REQUIRE(std::is_same_v<decltype(buffers::get<2>(v[0])), std::string&>);

    auto [i, d, s, a] = v[1];
    i = 42; // binds into the column
    CHECK(buffers::column<0>(v)[1] == 42);
    s += "!";
    CHECK(buffers::get<2>(v[1]).back() == '!');
    (void)d;
    (void)a;

    v[0] = v[1]; // row to row copies values
    CHECK(Row(v[0]) == Row(v[1]));
    buffers::get<0>(v[0]) = 1;
    CHECK(buffers::get<0>(v[1]) == 42);

    CHECK(Row(v.front()) == Row(v[0]));
    CHECK(Row(v.back()) == Row(v[1]));
    CHECK(Row(*v.begin()) == Row(v[0]));
}

TEST_CASE("SoA const vectors give read-only rows and spans", "[soa][row]") {
    buffers::SoaVector<Row> v;
    v.push_back(make_row(3));
    const auto& cv = v;
    STATIC_REQUIRE(std::is_same_v<decltype(buffers::get<0>(cv[0])), const int&>);
    STATIC_REQUIRE_FALSE(std::is_assignable_v<decltype(cv[0]), Row>);
    STATIC_REQUIRE_FALSE(std::is_assignable_v<decltype(cv[0]), decltype(cv[0])>);
    STATIC_REQUIRE(std::is_same_v<decltype(buffers::column<0>(cv)), std::span<const int>>);
    STATIC_REQUIRE(std::is_same_v<decltype(buffers::column<0>(v)), std::span<int>>);
    // An rvalue reads as a const vector, as when it bound to a const reference.
    STATIC_REQUIRE(std::is_same_v<decltype(buffers::column<0>(std::declval<decltype(v)>())),
                                  std::span<const int>>);
    Row r = cv[0];
    CHECK(r == make_row(3));
    decltype(cv.begin()) it = v.begin(); // iterator converts to const_iterator
    CHECK(buffers::get<0>(*it) == 3);
}

TEST_CASE("SoA iterators satisfy the algorithm concepts", "[soa][iterator]") {
    using It = buffers::SoaVector<Row>::iterator;
    using CIt = buffers::SoaVector<Row>::const_iterator;
    STATIC_REQUIRE(std::random_access_iterator<It>);
    STATIC_REQUIRE(std::random_access_iterator<CIt>);
    STATIC_REQUIRE(std::permutable<It>);
    STATIC_REQUIRE(std::sortable<It, decltype(by_i)>);
    STATIC_REQUIRE(std::is_same_v<std::iterator_traits<It>::iterator_category,
                                  std::random_access_iterator_tag>);
    STATIC_REQUIRE(std::is_same_v<std::iter_rvalue_reference_t<It>, Row>);
    STATIC_REQUIRE(std::ranges::random_access_range<buffers::SoaVector<Row>>);
    STATIC_REQUIRE_FALSE(has_data<buffers::SoaVector<Row>>);
}

TEST_CASE("SoA columns: by index, by member pointer, all at once", "[soa][columns]") {
    buffers::SoaVector<Row> v;
    for (int k = 0; k < 10; ++k)
        v.push_back(make_row(k));
    std::span<int> is = buffers::column<0>(v);
    std::span<std::string> ss = buffers::column<&Row::s>(v);
    std::span<std::array<int, 3>> as = buffers::column<&Row::a>(v);
    STATIC_REQUIRE(std::is_same_v<decltype(buffers::column<&Row::d>(v)), std::span<double>>);
    REQUIRE(is.size() == 10);
    CHECK(ss[4] == make_row(4).s);
    CHECK(as[3][2] == 9);
    for (int& x : is)
        x *= 2;
    CHECK(buffers::get<0>(v[9]) == 18);

    auto cols = buffers::columns(v);
    STATIC_REQUIRE(std::tuple_size_v<decltype(cols)> == 4);
    CHECK(std::get<1>(cols)[2] == 0.5);
    CHECK(std::get<0>(cols).data() == is.data());

    buffers::SoaVector<Row> empty;
    CHECK(buffers::column<0>(empty).empty());
}

TEST_CASE("SoA vectors sort, partition, rotate, reverse like std::vector", "[soa][algorithms]") {
    std::mt19937 rng(12345);
    for (int round = 0; round < 30; ++round) {
        const int n = static_cast<int>(rng() % 40);
        buffers::SoaVector<Row> v;
        std::vector<Row> r;
        for (int k = 0; k < n; ++k) {
            const int key = static_cast<int>(rng() % 20);
            v.push_back(make_row(key));
            r.push_back(make_row(key));
        }
        SECTION("sort") {
            std::ranges::sort(v, by_i);
            std::ranges::sort(r, by_i);
            // Unstable sorts may order equal keys differently; compare the keys and the multiset.
            for (int k = 0; k < n; ++k)
                CHECK(buffers::get<0>(v[static_cast<std::size_t>(k)]) ==
                      r[static_cast<std::size_t>(k)].i);
            std::sort(v.begin(), v.end(), [](const Row& a, const Row& b) { return a.s < b.s; });
            std::sort(r.begin(), r.end(), [](const Row& a, const Row& b) { return a.s < b.s; });
            CHECK(to_std(v) == r);
        }
        SECTION("stable sort and stable partition") {
            std::ranges::stable_sort(v, by_i);
            std::ranges::stable_sort(r, by_i);
            CHECK(to_std(v) == r);
            auto odd = [](const auto& x) { return buffers::get<0>(x) % 2 == 1; };
            std::stable_partition(v.begin(), v.end(), odd);
            std::stable_partition(r.begin(), r.end(), odd);
            CHECK(to_std(v) == r);
        }
        SECTION("rotate and reverse") {
            const int k = n == 0 ? 0 : static_cast<int>(rng() % static_cast<unsigned>(n));
            std::ranges::rotate(v, v.begin() + k);
            std::ranges::rotate(r, r.begin() + k);
            CHECK(to_std(v) == r);
            std::ranges::reverse(v);
            std::ranges::reverse(r);
            CHECK(to_std(v) == r);
            std::rotate(v.begin(), v.begin() + (n > 0 ? 1 : 0), v.end());
            std::rotate(r.begin(), r.begin() + (n > 0 ? 1 : 0), r.end());
            CHECK(to_std(v) == r);
        }
        SECTION("find_if, remove_if + erase") {
            auto pred = [](const auto& x) { return buffers::get<0>(x) % 3 == 0; };
            auto it = std::ranges::find_if(v, pred);
            auto jt = std::ranges::find_if(r, pred);
            CHECK(it - v.begin() == jt - r.begin());
            v.erase(std::ranges::remove_if(v, pred).begin(), v.end());
            r.erase(std::ranges::remove_if(r, pred).begin(), r.end());
            CHECK(to_std(v) == r);
            CHECK(buffers::erase_if(v, [](const auto& x) { return buffers::get<0>(x) == 1; }) ==
                  std::erase_if(r, [](const auto& x) { return x.i == 1; }));
            CHECK(to_std(v) == r);
        }
    }
}

TEST_CASE("ranges::rotate by one on trivially copyable rows", "[soa][algorithms]") {
    // libstdc++ 12 keeps `auto t = std::move(*p)` for trivially copyable value types.
    for (int n = 1; n < 10; ++n) {
        for (int k = 0; k < n; ++k) {
            buffers::SoaVector<Pod> v;
            std::vector<Pod> r;
            for (int i = 0; i < n; ++i) {
                v.push_back({static_cast<float>(i), i});
                r.push_back({static_cast<float>(i), i});
            }
            std::ranges::rotate(v, v.begin() + k);
            std::ranges::rotate(r, r.begin() + k);
            for (std::size_t i = 0; i < r.size(); ++i)
                CHECK(Pod(v[i]) == r[i]);
        }
    }
}

TEST_CASE("SoA proxies swap and move owning fields without leaks", "[soa][algorithms]") {
    LeakGuard guard;
    buffers::SoaVector<Owner> v;
    for (int i = 0; i < 20; ++i)
        v.push_back(Owner{Counted(19 - i), std::string(40, static_cast<char>('a' + i))});
    std::ranges::sort(v, [](const auto& a, const auto& b) {
        return buffers::get<0>(a).id() < buffers::get<0>(b).id();
    });
    for (int i = 0; i < 20; ++i)
        CHECK(buffers::get<0>(v[static_cast<std::size_t>(i)]).id() == i);
    using std::swap;
    swap(v[0], v[19]);
    CHECK(buffers::get<0>(v[0]).id() == 19);
    CHECK(buffers::get<1>(v[19]) == std::string(40, 't'));
    std::ranges::reverse(v);
    std::ranges::rotate(v, v.begin() + 1);
    CHECK(v.size() == 20);
}

TEST_CASE("SoA vectors with move-only fields", "[soa][move-only]") {
    using It = buffers::SoaVector<MoveOnlyRow>::iterator;
    STATIC_REQUIRE(std::random_access_iterator<It>);
    STATIC_REQUIRE(std::permutable<It>);
    buffers::SoaVector<MoveOnlyRow> v;
    for (int i = 0; i < 10; ++i)
        v.push_back(MoveOnlyRow{i, std::make_unique<int>(i)});
    std::ranges::reverse(v);
    CHECK(buffers::get<0>(v[0]) == 9);
    CHECK(*buffers::get<1>(v[0]) == 9);
    std::ranges::rotate(v, v.begin() + 3);
    CHECK(buffers::get<0>(v[0]) == 6);
    MoveOnlyRow out = std::ranges::iter_move(v.begin());
    CHECK(*out.p == 6);
    CHECK(buffers::get<1>(v[0]) == nullptr); // moved from
    v.insert(v.begin(), MoveOnlyRow{0, nullptr});
    v.erase(v.begin() + 3);
    MoveOnlyRow taken = v.swap_remove(2);
    CHECK(*taken.p == 5);
    auto moved = std::move(v);
    CHECK(moved.size() == 9);
}

TEST_CASE("SoA insert and erase with a throwing field keep every row alive", "[soa][exception]") {
    struct Guarded {
        int i;
        support::Throwing t;
    };
    LeakGuard guard;
    support::Disarm disarm;
    buffers::SoaVector<Guarded> v;
    for (int i = 0; i < 6; ++i)
        v.push_back(Guarded{i, support::Throwing(i)});
    for (long n = 1; n < 40; ++n) {
        const auto before = v.size();
        support::arm(n);
        try {
            v.insert(v.begin() + 2, Guarded{99, support::Throwing(99)});
        } catch (const support::TestError&) {
        }
        support::disarm();
        // Basic guarantee: no element lost or duplicated beyond the insertion.
        CHECK((v.size() == before || v.size() == before + 1));
        if (v.size() == before + 1)
            v.erase(v.begin() + 2);
    }
    CHECK(v.size() == 6);
}

namespace {

// One random step applied to an SoA vector V and to a std::vector<Row>.
template <class V>
void random_step(std::mt19937& rng, V& v, std::vector<Row>& r, V& other, std::vector<Row>& ro,
                 std::size_t max_size) {
    auto pick = [&](std::size_t n) { return n == 0 ? std::size_t{0} : rng() % n; };
    const int key = static_cast<int>(rng() % 1000);
    const bool room = r.size() + 4 <= max_size;
    switch (rng() % 20) {
    case 0:
    case 1:
        if (room) {
            v.push_back(make_row(key));
            r.push_back(make_row(key));
        }
        break;
    case 2:
        if (room) {
            v.emplace_back(key, 0.5, "emplaced", std::array<int, 3>{1, 2, 3});
            r.push_back(Row{key, 0.5, "emplaced", {1, 2, 3}});
        }
        break;
    case 3:
        if (!r.empty()) {
            v.pop_back();
            r.pop_back();
        }
        break;
    case 4:
        if (room) {
            const std::size_t i = pick(r.size() + 1);
            v.insert(v.begin() + static_cast<std::ptrdiff_t>(i), make_row(key));
            r.insert(r.begin() + static_cast<std::ptrdiff_t>(i), make_row(key));
        }
        break;
    case 5:
        if (room) {
            const std::size_t i = pick(r.size() + 1);
            const std::size_t n = rng() % 4;
            v.insert(v.begin() + static_cast<std::ptrdiff_t>(i), n, make_row(key));
            r.insert(r.begin() + static_cast<std::ptrdiff_t>(i), n, make_row(key));
        }
        break;
    case 6:
        if (room) {
            const std::size_t i = pick(r.size() + 1);
            const std::vector<Row> src{make_row(key), make_row(key + 1), make_row(key + 2)};
            v.insert(v.begin() + static_cast<std::ptrdiff_t>(i), src.begin(), src.end());
            r.insert(r.begin() + static_cast<std::ptrdiff_t>(i), src.begin(), src.end());
        }
        break;
    case 7:
        if (!r.empty()) {
            const std::size_t i = pick(r.size());
            v.erase(v.begin() + static_cast<std::ptrdiff_t>(i));
            r.erase(r.begin() + static_cast<std::ptrdiff_t>(i));
        }
        break;
    case 8: {
        const std::size_t i = pick(r.size() + 1);
        const std::size_t j = i + pick(r.size() - i + 1);
        v.erase(v.begin() + static_cast<std::ptrdiff_t>(i),
                v.begin() + static_cast<std::ptrdiff_t>(j));
        r.erase(r.begin() + static_cast<std::ptrdiff_t>(i),
                r.begin() + static_cast<std::ptrdiff_t>(j));
        break;
    }
    case 9: {
        const std::size_t n = pick(std::min<std::size_t>(r.size() + 5, max_size));
        v.resize(n);
        r.resize(n);
        break;
    }
    case 10: {
        const std::size_t n = pick(std::min<std::size_t>(r.size() + 5, max_size));
        v.resize(n, make_row(key));
        r.resize(n, make_row(key));
        break;
    }
    case 11:
        if (!r.empty()) {
            const std::size_t i = pick(r.size());
            v[i] = make_row(key);
            r[i] = make_row(key);
            buffers::get<2>(v[i]) += "+";
            r[i].s += "+";
        }
        break;
    case 12:
        if (!r.empty()) {
            const std::size_t i = pick(r.size());
            Row got = v.swap_remove(i);
            CHECK(got == r[i]);
            r[i] = r.back();
            r.pop_back();
        }
        break;
    case 13: {
        const std::size_t n = pick(std::min<std::size_t>(8, max_size));
        v.assign(n, make_row(key));
        r.assign(n, make_row(key));
        break;
    }
    case 14:
        v.assign({make_row(key), make_row(key + 7)});
        r.assign({make_row(key), make_row(key + 7)});
        break;
    case 15:
        v.shrink_to_fit();
        r.shrink_to_fit();
        break;
    case 16:
        v.swap(other);
        r.swap(ro);
        break;
    case 17:
        other = v;
        ro = r;
        break;
    case 18:
        if (rng() % 4 == 0) {
            v = std::move(other);
            r = std::move(ro);
            other.clear();
            ro.clear();
        } else {
            v.reserve(pick(max_size));
        }
        break;
    case 19:
        if (r.size() > 1 && rng() % 3 == 0) {
            v.clear();
            r.clear();
        }
        break;
    }
}

} // namespace

TEMPLATE_TEST_CASE("SoA vectors match std::vector under random operations", "[soa][differential]",
                   buffers::SoaVector<Row>, (buffers::Vector<Row, buffers::SoaBuffer<Row>>),
                   (buffers::Vector<Row, buffers::SvoBuffer<buffers::SoaBuffer<Row>, 4>>),
                   (buffers::Vector<Row, buffers::AtLeastBuffer<buffers::SoaBuffer<Row>, 16>>),
                   (buffers::InlineSoaVector<Row, 48>), buffers::PageSoaVector<Row>,
                   buffers::StableSoaVector<Row>, (buffers::AosoaVector<Row, 8>),
                   (buffers::Vector<Row, buffers::AosoaBuffer<Row, 4>>)) {
    using V = TestType;
    const std::size_t max_size = std::min<std::size_t>(V().max_size(), 48);
    std::mt19937 rng(2024);
    for (int sequence = 0; sequence < 120; ++sequence) {
        V v;
        V other;
        std::vector<Row> r;
        std::vector<Row> ro;
        for (int step = 0; step < 60; ++step) {
            random_step(rng, v, r, other, ro, max_size);
            REQUIRE(v.size() == r.size());
            REQUIRE(to_std(v) == r);
            REQUIRE(to_std(other) == ro);
            REQUIRE(v.capacity() >= v.size());
        }
    }
}
