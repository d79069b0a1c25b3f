// Differential test: the same random sequences of operations (every mutating member, with a
// fixed seed) applied to std::vector and to Vector over each buffer; the contents are compared
// after every step.

#include "support/tracked.hpp"
#include "support/values.hpp"
#include "support/vector_helpers.hpp"

#include <buffers/collections/vector.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace {
namespace mp = boost::mp11;
namespace fam = support::family;
using support::id_of;
using support::make;

using families =
    mp::mp_list<fam::Default, fam::Heap, fam::Inline64, fam::Svo4, fam::PmrAllocator,
                fam::ExponentialSvo4, fam::IndirectUnique, fam::AtLeast64ExponentialPmr>;
using array_cases = std::tuple<
    buffers::Vector<std::array<int, 3>, buffers::ArrayBuffer<buffers::HeapBuffer<int>, 3>>,
    buffers::Vector<
        std::array<std::string, 2>,
        buffers::ArrayBuffer<buffers::SvoBuffer<buffers::HeapBuffer<std::string>, 2>, 2>>>;
using cases =
    mp::mp_append<support::vector_product<families, mp::mp_list<int, std::string>>, array_cases>;

// Sizes stay below this, so fixed-capacity buffers (InlineBuffer<T, 64>) never overflow here;
// overflow is tested on its own.
constexpr std::size_t limit = 48;
constexpr std::uint32_t seed = 20240611;

template <class V, class T>
void compare(const V& v, const std::vector<T>& model) {
    // Plain checks first, one assertion for the lot: this runs millions of times.
    bool same = v.size() == model.size() && v.size() <= v.capacity() &&
                v.empty() == model.empty() &&
                static_cast<std::size_t>(v.end() - v.begin()) == model.size();
    for (std::size_t i = 0; same && i < model.size(); ++i)
        same = id_of(v[i]) == id_of(model[i]);
    if (!same) {
        REQUIRE(v.size() == model.size());
        REQUIRE(v.size() <= v.capacity());
        REQUIRE(support::ids(v) == support::ids(model));
    }
    REQUIRE(same);
}

template <class V>
class Runner {
public:
    using T = typename V::value_type;

    explicit Runner(std::uint32_t s) : rng_(s) {}

    void run_sequence(int steps) {
        V v, w;
        std::vector<T> mv, mw;
        for (int step = 0; step < steps; ++step) {
            const int op = pick(0, 41);
            INFO("step " << step << ", operation " << op << ", size " << mv.size());
            apply(op, v, mv, w, mw);
            compare(v, mv);
            compare(w, mw);
        }
    }

private:
    int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    std::size_t index(std::size_t n) {
        return static_cast<std::size_t>(pick(0, static_cast<int>(n) - 1));
    }
    std::size_t position(std::size_t size) {
        return static_cast<std::size_t>(pick(0, static_cast<int>(size)));
    }
    std::size_t room(const std::vector<T>& m) const { return limit - m.size(); }
    T fresh() { return make<T>(next_id_++); }

    void apply(int op, V& v, std::vector<T>& m, V& w, std::vector<T>& mw) {
        using diff = std::ptrdiff_t;
        const std::size_t size = m.size();
        switch (op) {
        case 0: // push_back(const T&)
            if (room(m) > 0) {
                const T x = fresh();
                v.push_back(x);
                m.push_back(x);
            }
            break;
        case 1: // push_back(T&&)
            if (room(m) > 0) {
                const int id = next_id_++;
                v.push_back(make<T>(id));
                m.push_back(make<T>(id));
            }
            break;
        case 2: // emplace_back, whose reference must be the new back
            if (room(m) > 0) {
                const T x = fresh();
                auto&& r = v.emplace_back(x);
                REQUIRE(id_of(r) == id_of(x));
                m.emplace_back(x);
            }
            break;
        case 3: // pop_back
            if (size > 0) {
                v.pop_back();
                m.pop_back();
            }
            break;
        case 4: // insert(pos, const T&)
        case 5: // emplace(pos, T&&)
            if (room(m) > 0) {
                const std::size_t p = position(size);
                const T x = fresh();
                const auto it = op == 4 ? v.insert(v.begin() + diff(p), x)
                                        : v.emplace(v.begin() + diff(p), T(x));
                REQUIRE(it - v.begin() == diff(p));
                m.insert(m.begin() + diff(p), x);
            }
            break;
        case 6: // insert(pos, n, value)
            if (room(m) > 0) {
                const std::size_t p = position(size);
                const auto n = static_cast<std::size_t>(
                    pick(0, static_cast<int>(std::min<std::size_t>(room(m), 6))));
                const T x = fresh();
                const auto it = v.insert(v.begin() + diff(p), n, x);
                REQUIRE(it - v.begin() == diff(p));
                m.insert(m.begin() + diff(p), n, x);
            }
            break;
        case 7: // insert(pos, first, last)
            if (room(m) > 0) {
                const std::size_t p = position(size);
                const std::vector<T> src = fresh_range(std::min<std::size_t>(room(m), 7));
                const auto it = v.insert(v.begin() + diff(p), src.begin(), src.end());
                REQUIRE(it - v.begin() == diff(p));
                m.insert(m.begin() + diff(p), src.begin(), src.end());
            }
            break;
        case 8: // insert(pos, {a, b})
            if (room(m) >= 2) {
                const std::size_t p = position(size);
                const T a = fresh(), b = fresh();
                v.insert(v.begin() + diff(p), {a, b});
                m.insert(m.begin() + diff(p), {a, b});
            }
            break;
        case 9: // erase(pos)
            if (size > 0) {
                const std::size_t p = index(size);
                const auto it = v.erase(v.begin() + diff(p));
                REQUIRE(it - v.begin() == diff(p));
                m.erase(m.begin() + diff(p));
            }
            break;
        case 10: // erase(first, last)
        {
            const std::size_t a = position(size), b = position(size);
            const std::size_t lo = std::min(a, b), hi = std::max(a, b);
            const auto it = v.erase(v.begin() + diff(lo), v.begin() + diff(hi));
            REQUIRE(it - v.begin() == diff(lo));
            m.erase(m.begin() + diff(lo), m.begin() + diff(hi));
            break;
        }
        case 11: // resize(n)
        {
            const auto n = static_cast<std::size_t>(pick(0, static_cast<int>(limit)));
            v.resize(n);
            m.resize(n);
            break;
        }
        case 12: // resize(n, value)
        {
            const auto n = static_cast<std::size_t>(pick(0, static_cast<int>(limit)));
            const T x = fresh();
            v.resize(n, x);
            m.resize(n, x);
            break;
        }
        case 13: // assign(n, value)
        {
            const auto n = static_cast<std::size_t>(pick(0, static_cast<int>(limit)));
            const T x = fresh();
            v.assign(n, x);
            m.assign(n, x);
            break;
        }
        case 14: // assign(first, last)
        {
            const std::vector<T> src = fresh_range(limit);
            v.assign(src.begin(), src.end());
            m.assign(src.begin(), src.end());
            break;
        }
        case 15: // assign({a, b, c}) and operator=({...})
        {
            const T a = fresh(), b = fresh(), c = fresh();
            if (pick(0, 1) == 0) {
                v.assign({a, b, c});
                m.assign({a, b, c});
            } else {
                v = {a, b};
                m = {a, b};
            }
            break;
        }
        case 16: // clear
            v.clear();
            m.clear();
            break;
        case 17: // reserve (contents unchanged)
        {
            const auto n = static_cast<std::size_t>(pick(0, static_cast<int>(limit)));
            v.reserve(n);
            REQUIRE(v.capacity() >= n);
            break;
        }
        case 18: // shrink_to_fit
            v.shrink_to_fit();
            break;
        case 19: // shrink_to(n): never below the size
            v.shrink_to(static_cast<std::size_t>(pick(0, static_cast<int>(limit))));
            REQUIRE(v.capacity() >= m.size());
            break;
        case 20: // swap_remove(i)
            if (size > 0) {
                const std::size_t i = index(size);
                const T removed = v.swap_remove(i);
                REQUIRE(id_of(removed) == id_of(m[i]));
                if (i + 1 != size)
                    m[i] = std::move(m.back());
                m.pop_back();
            }
            break;
        case 21: // member swap
            v.swap(w);
            m.swap(mw);
            break;
        case 22: // free swap, found by argument-dependent lookup
        {
            using std::swap;
            swap(v, w);
            swap(m, mw);
            break;
        }
        case 23: // copy assignment
            if (pick(0, 1) == 0) {
                w = v;
                mw = m;
            } else {
                v = w;
                m = mw;
            }
            break;
        case 24: // move assignment (a moved-from Vector is empty)
            w = std::move(v);
            mw = std::move(m);
            REQUIRE(v.empty()); // NOLINT
            m.clear();
            break;
        case 25: // copy construction, then move construction back
        {
            V copy(v);
            compare(copy, m);
            V moved(std::move(copy));
            compare(moved, m);
            REQUIRE(copy.empty()); // NOLINT
            v = std::move(moved);
            break;
        }
        case 26: // erase_if / erase, found by argument-dependent lookup
        {
            const int k = pick(2, 4);
            const auto pred = [k](const auto& x) { return id_of(x) % k == 0; };
            const auto removed = erase_if(v, pred);
            const auto expected = std::erase_if(m, pred);
            REQUIRE(removed == expected);
            if (!m.empty()) { // m.size(), not size: erase_if just shrank it
                const T x = m[index(m.size())];
                REQUIRE(erase(v, x) == std::erase(m, x));
            }
            break;
        }
        case 27: // try_push_back / try_emplace_back (room is left: they succeed)
            if (room(m) > 0) {
                const T x = fresh();
                const bool ok = pick(0, 1) == 0 ? static_cast<bool>(v.try_push_back(x))
                                                : static_cast<bool>(v.try_emplace_back(x));
                REQUIRE(ok);
                m.push_back(x);
            }
            break;
        case 28: // unchecked_push_back after reserve
            if (room(m) >= 2) {
                v.reserve(size + 2);
                const T a = fresh(), b = fresh();
                v.unchecked_push_back(a);
                v.unchecked_push_back(T(b));
                m.push_back(a);
                m.push_back(b);
            }
            break;
        case 29: // self-insertion: insert(pos, v[j])
            if (size > 0 && room(m) > 0) {
                const std::size_t p = position(size), j = index(size);
                v.insert(v.begin() + diff(p), v[j]);
                m.insert(m.begin() + diff(p), m[j]);
            }
            break;
        case 30: // self-insertion: push_back(v[j]), often at full capacity
            if (size > 0 && room(m) > 0) {
                const std::size_t j = index(size);
                v.push_back(v[j]);
                m.push_back(m[j]);
            }
            break;
        case 31: // self-insertion: insert(pos, n, v[j])
            if (size > 0 && room(m) > 0) {
                const std::size_t p = position(size), j = index(size);
                const auto n = static_cast<std::size_t>(
                    pick(1, static_cast<int>(std::min<std::size_t>(room(m), 5))));
                v.insert(v.begin() + diff(p), n, v[j]);
                m.insert(m.begin() + diff(p), n, m[j]);
            }
            break;
        case 32: // self-reference: resize(n, v[j]), emplace_back(v[j]), emplace(pos, v[j])
            if (size > 0 && room(m) > 0) {
                const std::size_t j = index(size);
                switch (pick(0, 2)) {
                case 0: {
                    const std::size_t n =
                        size + static_cast<std::size_t>(pick(1, static_cast<int>(room(m))));
                    v.resize(n, v[j]);
                    m.resize(n, m[j]);
                    break;
                }
                case 1:
                    v.emplace_back(v[j]);
                    m.emplace_back(m[j]);
                    break;
                default: {
                    const std::size_t p = position(size);
                    v.emplace(v.begin() + diff(p), v[j]);
                    m.emplace(m.begin() + diff(p), m[j]);
                    break;
                }
                }
            }
            break;
        case 33: // at, front, back
            if (size > 0) {
                const std::size_t i = index(size);
                REQUIRE(id_of(v.at(i)) == id_of(m.at(i)));
                REQUIRE(id_of(v.front()) == id_of(m.front()));
                REQUIRE(id_of(v.back()) == id_of(m.back()));
            }
            REQUIRE_THROWS_AS(v.at(size), std::out_of_range);
            break;
        case 34: // comparisons agree with std::vector's
            REQUIRE((v == w) == (m == mw));
            REQUIRE(std::is_lt(v <=> w) == std::is_lt(m <=> mw));
            REQUIRE(std::is_gt(v <=> w) == std::is_gt(m <=> mw));
            break;
        case 35: // reverse iteration and writes through iterators
        {
            std::vector<int> back;
            for (auto it = v.rbegin(); it != v.rend(); ++it)
                back.push_back(id_of(*it));
            std::vector<int> expected;
            for (auto it = m.rbegin(); it != m.rend(); ++it)
                expected.push_back(id_of(*it));
            REQUIRE(back == expected);
            if (size > 0) {
                const std::size_t i = index(size);
                const T x = fresh();
                *(v.begin() + diff(i)) = x;
                m[i] = x;
            }
            break;
        }
        case 36: // std::reverse through the iterators
            std::reverse(v.begin(), v.end());
            std::reverse(m.begin(), m.end());
            break;
        case 37: // insert at the end (the strong-guarantee path)
            if (room(m) > 0) {
                const T x = fresh();
                v.insert(v.end(), x);
                m.insert(m.end(), x);
            }
            break;
        case 38: // operate on the second vector too
            if (room(mw) > 0) {
                const T x = fresh();
                const std::size_t p = position(mw.size());
                w.insert(w.begin() + diff(p), x);
                mw.insert(mw.begin() + diff(p), x);
            }
            break;
        case 39: // erase everything from a random point
            if (size > 0) {
                const std::size_t p = index(size);
                v.erase(v.begin() + diff(p), v.end());
                m.erase(m.begin() + diff(p), m.end());
            }
            break;
        case 40: // assign from the other vector's iterators
            v.assign(w.begin(), w.end());
            m.assign(mw.begin(), mw.end());
            break;
        default: // grow well past any small buffer, then back
            if (room(m) >= 20) {
                std::vector<T> src;
                for (int i = 0; i < 20; ++i)
                    src.push_back(fresh());
                v.insert(v.begin(), src.begin(), src.end());
                m.insert(m.begin(), src.begin(), src.end());
                v.erase(v.begin() + 3, v.begin() + 18);
                m.erase(m.begin() + 3, m.begin() + 18);
                v.shrink_to_fit();
            }
            break;
        }
    }

    std::vector<T> fresh_range(std::size_t max) {
        const auto n = static_cast<std::size_t>(pick(0, static_cast<int>(max)));
        std::vector<T> out;
        for (std::size_t i = 0; i < n; ++i)
            out.push_back(fresh());
        return out;
    }

    std::mt19937 rng_;
    int next_id_ = 1;
};
} // namespace

TEMPLATE_LIST_TEST_CASE("Vector behaves as std::vector under random operation sequences",
                        "[collections][vector][differential]", cases) {
    INFO("vector: " << support::type_name<TestType>());
#if defined(__SANITIZE_ADDRESS__)
    constexpr int sequences = 250;
#else
    constexpr int sequences = 500;
#endif
    Runner<TestType> runner(seed);
    for (int s = 0; s < sequences; ++s) {
        INFO("sequence " << s);
        runner.run_sequence(60);
    }
}
