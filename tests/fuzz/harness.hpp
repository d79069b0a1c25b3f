#pragma once

// The differential fuzzing harness shared by vector_fuzz.cpp (buffers::Vector against
// std::vector) and deque_fuzz.cpp (buffers::Deque against std::deque).
//
// The first input byte picks a collection type (element type x buffer); the rest is a sequence
// of operations, each applied to the std container (the model) and to the buffers one. After
// every step both must hold the same values, and the number of live elements must equal the
// sum of the sizes. Some steps arm a fault: the Nth element copy (or throwing move, or default
// construction) throws, or the Nth pmr allocation fails. The collection must then keep its
// documented guarantee: unchanged for the strong operations, valid (and destructible) for the
// others. Any mismatch aborts, so libFuzzer reports it with the input that caused it.
//
// A harness file includes its collection's headers, then this header, then defines
//
//     template <class T> void run_element(unsigned which, FuzzedDataProvider& in);
//     template <class T> void run_row(unsigned which, FuzzedDataProvider& in);   // SoA rows
//
// usually as run_elements<Collection, T> and run_rows<Collection, T>, the buffer
// configurations below. It is compiled in parts, one per element type (FZ_PART = 0..5), so
// that the parts build in parallel; the part without FZ_PART holds the entry point. Both
// collections decode an input the same way: a Vector input replays the same operations on a
// Deque (the Deque adds its front operations in the cases that are Vector-only).
//
// Built by tests/fuzz/run.sh with clang++ -fsanitize=fuzzer,address,undefined. No std::ranges
// here: clang 14 cannot compile libstdc++ 12's ranges algorithms.

#include <buffers/base/allocator_buffer.hpp>
#include <buffers/base/heap_buffer.hpp>
#include <buffers/base/inline_buffer.hpp>
#include <buffers/base/page_buffer.hpp>
#include <buffers/base/stable_buffer.hpp>
#include <buffers/composite/at_least_buffer.hpp>
#include <buffers/composite/default_buffer.hpp>
#include <buffers/composite/exponential_growth_buffer.hpp>
#include <buffers/composite/svo_buffer.hpp>
#include <buffers/soa/aosoa_buffer.hpp>
#include <buffers/soa/soa_buffer.hpp>
#include <buffers/soa/soa_vector.hpp>

#include <fuzzer/FuzzedDataProvider.h>
#include <support/single_pass.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <iterator>
#include <map>
#include <memory_resource>
#include <new>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

namespace fz {

[[noreturn]] inline void fail(const char* what, int line) {
    std::fprintf(stderr, "fuzz: check failed at harness.hpp line %d: %s\n", line, what);
    std::fflush(stderr);
    std::abort();
}
#define FZ_CHECK(cond) ((cond) ? static_cast<void>(0) : ::fz::fail(#cond, __LINE__))

// --- faults ---------------------------------------------------------------------------------

struct Injected {};

struct Faults {
    long element = 0; // > 0: the element-th copy (or throwing move, default construction) throws
    long alloc = 0;   // > 0: the alloc-th allocation from a CheckedResource fails
    bool fired = false;
    void disarm() noexcept { element = alloc = 0; }
};
inline Faults faults;

inline void element_fault() {
    if (faults.element > 0 && --faults.element == 0) {
        faults.fired = true;
        throw Injected{};
    }
}

// --- element types --------------------------------------------------------------------------

inline long live = 0;   // Elem objects alive
inline long copies = 0; // Elem copy constructions and copy assignments, ever

// Owns heap memory (a leak or a double destruction shows up under ASan) and counts its lives.
// NothrowMove = false makes every relocation copy and insert/erase go through move assignment.
template <bool NothrowMove>
class Elem {
public:
    Elem() {
        element_fault();
        p_ = new int(0);
        ++live;
    }
    explicit Elem(int id) : p_(new int(id)) { ++live; }
    Elem(const Elem& o) {
        element_fault();
        p_ = o.p_ ? new int(*o.p_) : nullptr;
        ++live;
        ++copies;
    }
    Elem(Elem&& o) noexcept(NothrowMove) {
        if constexpr (!NothrowMove)
            element_fault();
        FZ_CHECK(o.magic_ == kMagic);
        p_ = std::exchange(o.p_, nullptr);
        ++live;
    }
    Elem& operator=(const Elem& o) {
        FZ_CHECK(magic_ == kMagic && o.magic_ == kMagic);
        element_fault();
        ++copies;
        if (this != &o) {
            int* fresh = o.p_ ? new int(*o.p_) : nullptr;
            delete p_;
            p_ = fresh;
        }
        return *this;
    }
    Elem& operator=(Elem&& o) noexcept(NothrowMove) {
        FZ_CHECK(magic_ == kMagic && o.magic_ == kMagic);
        if constexpr (!NothrowMove)
            element_fault();
        if (this != &o) {
            delete p_;
            p_ = std::exchange(o.p_, nullptr);
        }
        return *this;
    }
    ~Elem() {
        FZ_CHECK(magic_ == kMagic); // destroyed twice, or never constructed
        magic_ = 0;
        delete p_;
        --live;
    }
    // The value; -1 when moved from.
    int id() const {
        FZ_CHECK(magic_ == kMagic);
        return p_ ? *p_ : -1;
    }

private:
    static constexpr unsigned kMagic = 0x5eedf00d;
    unsigned magic_ = kMagic;
    int* p_ = nullptr;
};
using E = Elem<true>;
using EThrowMove = Elem<false>;

// Aggregate rows for the SoA buffers: an owning column plus a plain one.
struct Row {
    E e;
    int k;
};
struct RowThrowMove {
    EThrowMove e;
    long k;
};
struct Pod {
    int a;
    short k;
};

// A row's two columns and a flattened struct (soa_flatten, below): its leaf columns move
// with every row.
struct Leaves {
    long a;
    short b;
};
template <class T>
struct WithLeaves {
    buffers::soa_field_t<0, T> first;
    buffers::soa_field_t<1, T> second;
    Leaves leaves = {3, 4}; // the same in every row
};
} // namespace fz
template <>
inline constexpr bool buffers::soa_flatten<fz::Leaves> = true;
namespace fz {

template <class X>
constexpr bool is_elem = std::is_same_v<X, E> || std::is_same_v<X, EThrowMove>;
template <class X>
constexpr bool is_row = std::is_class_v<X>&& std::is_aggregate_v<X>;

template <class X>
long id_of(const X& x) {
    if constexpr (is_elem<X>)
        return x.id();
    else
        return static_cast<long>(x);
}

using Key = std::pair<long, long>;

// What identifies a value: (id, second column) for rows, (id, 0) otherwise.
template <class T, class R>
Key key(const R& x) {
    if constexpr (is_row<T>)
        return {id_of(buffers::get<0>(x)), static_cast<long>(buffers::get<1>(x))};
    else
        return {id_of(static_cast<const T&>(x)), 0};
}

template <class T>
T make(int id) {
    if constexpr (is_row<T>) {
        using F0 = std::remove_cvref_t<decltype(buffers::get<0>(std::declval<T&>()))>;
        using F1 = std::remove_cvref_t<decltype(buffers::get<1>(std::declval<T&>()))>;
        return T{F0(id), static_cast<F1>(id * 7 + 1)};
    } else {
        return T(id);
    }
}

template <class T>
constexpr long elems_per_value = is_elem<T>                               ? 1
                                 : (is_row<T> && !std::is_same_v<T, Pod>) ? 1
                                                                          : 0;

template <class T>
constexpr bool can_throw = elems_per_value<T> != 0;

// --- a pmr resource that checks every deallocation and can fail -----------------------------

class CheckedResource : public std::pmr::memory_resource {
public:
    CheckedResource() = default;
    CheckedResource(const CheckedResource&) = delete;
    CheckedResource& operator=(const CheckedResource&) = delete;
    ~CheckedResource() override { FZ_CHECK(blocks_.empty()); }

private:
    void* do_allocate(std::size_t bytes, std::size_t align) override {
        if (faults.alloc > 0 && --faults.alloc == 0) {
            faults.fired = true;
            throw std::bad_alloc();
        }
        void* p = ::operator new(bytes, std::align_val_t(align));
        std::memset(p, 0xA5, bytes); // stale bytes, never zeros that look like empty values
        blocks_.emplace(p, std::make_pair(bytes, align));
        return p;
    }
    void do_deallocate(void* p, std::size_t bytes, std::size_t align) override {
        auto it = blocks_.find(p);
        FZ_CHECK(it != blocks_.end());                        // not ours, or freed twice
        FZ_CHECK(it->second == std::make_pair(bytes, align)); // wrong size or alignment
        blocks_.erase(it);
        ::operator delete(p, std::align_val_t(align));
    }
    bool do_is_equal(const std::pmr::memory_resource& o) const noexcept override {
        return this == &o;
    }

    std::map<void*, std::pair<std::size_t, std::size_t>> blocks_;
};

// --- vector configurations ------------------------------------------------------------------

// Default-constructed vectors.
template <class V>
struct Plain {
    static constexpr bool pmr = false;
    V make(int) { return V(); }
};

// Vectors over a polymorphic allocator: one resource for both (swap allowed), or one each
// (moves and copies between them relocate element by element).
template <class V, bool Shared>
struct Pmr {
    static constexpr bool pmr = true;
    CheckedResource r[2];
    V make(int slot) {
        using T = typename V::value_type;
        const std::pmr::polymorphic_allocator<T> alloc(&r[Shared ? 0 : slot]);
        if constexpr (requires { typename V::allocator_type; })
            return V(alloc);
        else // SvoBuffer over an allocator buffer: the buffer is built with the allocator
            return V(typename V::buffer_type(std::in_place, alloc));
    }
};

// --- the harness ----------------------------------------------------------------------------

enum class G { nothrow, strong, basic };

constexpr std::size_t kSoftMax = 72; // sizes stay small: many steps per input, fast checks

template <class V, class Cfg>
class Harness {
    using T = typename V::value_type;
    static constexpr bool ref = std::is_same_v<typename V::reference, T&>;
    static constexpr bool contiguous = requires(V & v) { v.data(); };
    static constexpr bool nothrow_move = std::is_nothrow_move_constructible_v<T>;
    // A Deque, checked against std::deque; otherwise a Vector, against std::vector.
    static constexpr bool deque = requires(V & v) { v.pop_front(); };
    using Model = std::conditional_t<deque, std::deque<T>, std::vector<T>>;
    static constexpr bool soa = !ref;

public:
    explicit Harness(FuzzedDataProvider& in) : in_(in), vs_{cfg_.make(0), cfg_.make(1)} {}

    ~Harness() {
        vs_[0].clear();
        vs_[1].clear();
        ms_[0].clear();
        ms_[1].clear();
        FZ_CHECK(live == 0);
    }

    void run() {
        check();
        for (int steps = 0; steps < 256 && in_.remaining_bytes() > 0; ++steps) {
            step();
            check();
        }
    }

private:
    // --- checks ---

    template <class Vec>
    Key key_at(Vec& v, std::size_t i) {
        return key<T>(v[i]);
    }

    void check_one(V& v, const Model& m) {
        FZ_CHECK(v.size() == m.size());
        FZ_CHECK(v.empty() == m.empty());
        FZ_CHECK(v.size() <= v.capacity());
        FZ_CHECK(v.capacity() <= v.buffer().max_capacity());
        FZ_CHECK(static_cast<std::size_t>(v.end() - v.begin()) == v.size());
        for (std::size_t i = 0; i < m.size(); ++i)
            FZ_CHECK(key_at(v, i) == key<T>(m[i]));
        const V& cv = v;
        std::size_t i = 0;
        for (auto it = cv.begin(); it != cv.end(); ++it, ++i)
            FZ_CHECK(key<T>(*it) == key<T>(m[i]));
        i = m.size();
        for (auto it = v.rbegin(); it != v.rend(); ++it)
            FZ_CHECK(key<T>(*it) == key<T>(m[--i]));
        if (!m.empty()) {
            FZ_CHECK(key<T>(v.front()) == key<T>(m.front()));
            FZ_CHECK(key<T>(cv.back()) == key<T>(m.back()));
            FZ_CHECK(key<T>(v.at(m.size() - 1)) == key<T>(m.back()));
        }
        if constexpr (contiguous)
            for (std::size_t j = 0; j < m.size(); ++j)
                FZ_CHECK(&v[j] == v.data() + j);
    }

    void check() {
        check_one(vs_[0], ms_[0]);
        check_one(vs_[1], ms_[1]);
        const std::size_t n = vs_[0].size() + vs_[1].size() + ms_[0].size() + ms_[1].size();
        if (live != static_cast<long>(n) * elems_per_value<T>)
            std::fprintf(stderr, "live %ld, sizes %zu %zu %zu %zu\n", static_cast<long>(live),
                         vs_[0].size(), vs_[1].size(), ms_[0].size(), ms_[1].size());
        FZ_CHECK(live == static_cast<long>(n) * elems_per_value<T>);
    }

    std::vector<Key> keys(V& v) {
        std::vector<Key> out;
        for (std::size_t i = 0; i < v.size(); ++i)
            out.push_back(key_at(v, i));
        return out;
    }
    std::vector<Key> keys(const Model& m) {
        std::vector<Key> out;
        for (const T& x : m)
            out.push_back(key<T>(x));
        return out;
    }

    // After an exception with the basic guarantee: every element must still be readable; the
    // model follows the vector.
    void resync(int t) {
        V& v = vs_[t];
        FZ_CHECK(v.size() <= v.capacity());
        ms_[t].clear();
        for (std::size_t i = 0; i < v.size(); ++i)
            ms_[t].push_back(static_cast<T>(v[i]));
    }

    // --- input ---

    int fresh() { return next_id_++; }
    T value() { return make<T>(fresh()); }
    std::size_t small(std::size_t max) { return in_.ConsumeIntegralInRange<std::size_t>(0, max); }
    std::size_t pos(int t) { return small(ms_[t].size()); }       // 0 ..= size
    std::size_t index(int t) { return small(ms_[t].size() - 1); } // precondition: non-empty

    // --- applying one operation ---

    // Runs opm on the model and opv on the vector. new_size is the size the operation would
    // reach (0 when it does not grow). A step over the vector's max_size must throw
    // length_error; a step over kSoftMax is skipped.
    template <class OpV, class OpM>
    void apply(G g, std::size_t new_size, OpV opv, OpM opm) {
        const bool over = new_size > vs_[0].max_size();
        if (!over && new_size > kSoftMax)
            return;
        const std::vector<Key> before[2] = {keys(vs_[0]), keys(vs_[1])};
        Model saved[2];
        const bool arm = arm_;
        arm_ = false;
        if (over || (arm && g != G::nothrow)) {
            saved[0] = ms_[0];
            saved[1] = ms_[1];
        }
        if (!over)
            opm();
        faults.fired = false;
        if (arm && !over) {
            faults.element = can_throw<T> ? arm_element_ : 0;
            faults.alloc = Cfg::pmr ? arm_alloc_ : 0;
        }
        bool threw = false;
        try {
            opv();
        } catch (const Injected&) {
            FZ_CHECK(faults.fired);
            threw = true;
        } catch (const std::bad_alloc&) {
            FZ_CHECK(faults.fired);
            threw = true;
        } catch (const std::length_error&) {
            FZ_CHECK(over);
            threw = true;
        } catch (...) {
            fail("unexpected exception", __LINE__);
        }
        faults.disarm();
        if (over)
            FZ_CHECK(threw);
        if (!threw)
            return;
        FZ_CHECK(g != G::nothrow);
        if (g == G::strong) {
            FZ_CHECK(keys(vs_[0]) == before[0]);
            FZ_CHECK(keys(vs_[1]) == before[1]);
            ms_[0] = std::move(saved[0]);
            ms_[1] = std::move(saved[1]);
        } else {
            resync(0);
            resync(1);
        }
    }

    G strong_if_nothrow_move() const { return nothrow_move ? G::strong : G::basic; }

    // One element inserted at the end (a Deque: at either end) has no effect when it throws.
    static bool at_an_end(std::size_t p, std::size_t n) { return p == n || (deque && p == 0); }

    // Runs an erase step: a nothrow-movable element is moved, never copied, into the gap.
    template <class Erase, class OpM>
    void erase_step(G g, Erase erase, OpM opm) {
        const long copies_before = copies;
        const bool arm = arm_;
        apply(g, 0, erase, opm);
        if (nothrow_move && !arm)
            FZ_CHECK(copies == copies_before);
    }

    void step() {
        const auto op = in_.ConsumeIntegral<std::uint8_t>();
        const auto fault = in_.ConsumeIntegral<std::uint8_t>();
        arm_ = fault < 48;
        arm_element_ = 1 + fault % 5;
        arm_alloc_ = 1 + fault % 3;
        const int t = op & 1;
        const int s = (op >> 1) & 1; // the other operand of two-collection steps (may be t)
        V& v = vs_[t];
        Model& m = ms_[t];
        const std::size_t n = m.size();
        static const bool trace = std::getenv("FZ_TRACE") != nullptr; // replaying a crash
        if (trace)
            std::fprintf(stderr,
                         "step: operand %d, case %d, size %zu, fault %s (element %ld, alloc %ld)\n",
                         t, (op >> 2) % 40, n, arm_ ? "armed" : "off", arm_element_, arm_alloc_);
        const int which = (op >> 2) % 40;
        switch (which) {
        case 0: // push_back(const T&)
            add_at_end(t, false, Add::copy);
            break;
        case 1: // push_back(T&&)
            add_at_end(t, false, Add::move);
            break;
        case 2: // emplace_back(args...)
            add_at_end(t, false, Add::emplace);
            break;
        case 3: // pop_back
            if (n > 0)
                apply(
                    G::nothrow, 0, [&] { v.pop_back(); }, [&] { m.pop_back(); });
            break;
        case 4: { // emplace(pos, args...)
            const std::size_t p = pos(t);
            const int id = fresh();
            apply(
                at_an_end(p, n) ? G::strong : strong_if_nothrow_move(), n + 1,
                [&] {
                    if constexpr (is_row<T>)
                        v.emplace(v.begin() + static_cast<std::ptrdiff_t>(p), make<T>(id));
                    else
                        v.emplace(v.cbegin() + static_cast<std::ptrdiff_t>(p), id);
                },
                [&] { m.insert(m.begin() + static_cast<std::ptrdiff_t>(p), make<T>(id)); });
            break;
        }
        case 5: { // insert(pos, const T&), the value fresh or one of the elements
            const std::size_t p = pos(t);
            const bool alias = n > 0 && in_.ConsumeBool();
            const std::size_t k = alias ? index(t) : 0;
            const T x = value();
            apply(
                at_an_end(p, n) ? G::strong : strong_if_nothrow_move(), n + 1,
                [&] {
                    const auto it = v.begin() + static_cast<std::ptrdiff_t>(p);
                    if constexpr (ref) {
                        if (alias)
                            v.insert(it, v[k]);
                        else
                            v.insert(it, x);
                    } else {
                        v.insert(it, alias ? static_cast<T>(v[k]) : x);
                    }
                },
                [&] {
                    const T y = alias ? m[k] : x;
                    m.insert(m.begin() + static_cast<std::ptrdiff_t>(p), y);
                });
            break;
        }
        case 6: { // insert(pos, T&&)
            const std::size_t p = pos(t);
            const int id = fresh();
            apply(
                at_an_end(p, n) ? G::strong : strong_if_nothrow_move(), n + 1,
                [&] { v.insert(v.cbegin() + static_cast<std::ptrdiff_t>(p), make<T>(id)); },
                [&] { m.insert(m.begin() + static_cast<std::ptrdiff_t>(p), make<T>(id)); });
            break;
        }
        case 7: { // insert(pos, count, value)
            const std::size_t p = pos(t);
            const std::size_t c = small(12);
            const bool alias = n > 0 && in_.ConsumeBool();
            const std::size_t k = alias ? index(t) : 0;
            const T x = value();
            apply(
                p == n ? G::strong : strong_if_nothrow_move(), n + c,
                [&] {
                    const auto it = v.cbegin() + static_cast<std::ptrdiff_t>(p);
                    if constexpr (ref) {
                        if (alias)
                            v.insert(it, c, v[k]);
                        else
                            v.insert(it, c, x);
                    } else {
                        v.insert(it, c, alias ? static_cast<T>(v[k]) : x);
                    }
                },
                [&] {
                    const T y = alias ? m[k] : x;
                    m.insert(m.begin() + static_cast<std::ptrdiff_t>(p), c, y);
                });
            break;
        }
        case 8: { // insert(pos, first, last), forward iterators
            const std::size_t p = pos(t);
            const std::vector<T> src = values(small(12));
            apply(
                p == n ? G::strong : strong_if_nothrow_move(), n + src.size(),
                [&] {
                    v.insert(v.cbegin() + static_cast<std::ptrdiff_t>(p), src.begin(), src.end());
                },
                [&] {
                    m.insert(m.begin() + static_cast<std::ptrdiff_t>(p), src.begin(), src.end());
                });
            break;
        }
        case 9: { // insert(pos, first, last), input iterators
            const std::size_t p = pos(t);
            const std::vector<T> src = values(small(12));
            apply(
                p == n ? G::strong : strong_if_nothrow_move(), n + src.size(),
                [&] {
                    v.insert(v.cbegin() + static_cast<std::ptrdiff_t>(p),
                             support::single_pass(src.begin()), support::single_pass(src.end()));
                },
                [&] {
                    m.insert(m.begin() + static_cast<std::ptrdiff_t>(p), src.begin(), src.end());
                });
            break;
        }
        case 10: { // insert(pos, initializer_list)
            const std::size_t p = pos(t);
            const T x = value(), y = value();
            apply(
                p == n ? G::strong : strong_if_nothrow_move(), n + 2,
                [&] {
                    v.insert(v.cbegin() + static_cast<std::ptrdiff_t>(p), {x, y});
                },
                [&] {
                    m.insert(m.begin() + static_cast<std::ptrdiff_t>(p), {x, y});
                });
            break;
        }
        case 11: // erase(pos)
            if (n > 0) {
                const std::size_t p = index(t);
                erase_step(
                    strong_if_nothrow_move() == G::strong ? G::nothrow : G::basic,
                    [&] { v.erase(v.cbegin() + static_cast<std::ptrdiff_t>(p)); },
                    [&] { m.erase(m.begin() + static_cast<std::ptrdiff_t>(p)); });
            }
            break;
        case 12: { // erase(first, last)
            std::size_t a = pos(t), b = pos(t);
            if (a > b)
                std::swap(a, b);
            erase_step(
                nothrow_move ? G::nothrow : G::basic,
                [&] {
                    v.erase(v.cbegin() + static_cast<std::ptrdiff_t>(a),
                            v.cbegin() + static_cast<std::ptrdiff_t>(b));
                },
                [&] {
                    m.erase(m.begin() + static_cast<std::ptrdiff_t>(a),
                            m.begin() + static_cast<std::ptrdiff_t>(b));
                });
            break;
        }
        case 13: { // resize(count)
            const std::size_t c = small(kSoftMax + 8);
            apply(
                G::strong, c, [&] { v.resize(c); }, [&] { m.resize(c); });
            break;
        }
        case 14: { // resize(count, value), the value fresh or one of the elements
            const std::size_t c = small(kSoftMax + 8);
            const bool alias = n > 0 && in_.ConsumeBool();
            const std::size_t k = alias ? index(t) : 0;
            const T x = value();
            apply(
                G::strong, c,
                [&] {
                    if constexpr (ref) {
                        if (alias)
                            v.resize(c, v[k]);
                        else
                            v.resize(c, x);
                    } else {
                        v.resize(c, alias ? static_cast<T>(v[k]) : x);
                    }
                },
                [&] {
                    const T y = alias ? m[k] : x;
                    m.resize(c, y);
                });
            break;
        }
        case 15: { // assign(count, value), the value fresh or one of the elements
            const std::size_t c = small(kSoftMax + 8);
            const bool alias = n > 0 && in_.ConsumeBool();
            const std::size_t k = alias ? index(t) : 0;
            const T x = value();
            apply(
                G::basic, c,
                [&] {
                    if constexpr (ref) {
                        if (alias)
                            v.assign(c, v[k]);
                        else
                            v.assign(c, x);
                    } else {
                        v.assign(c, alias ? static_cast<T>(v[k]) : x);
                    }
                },
                [&] {
                    const T y = alias ? m[k] : x;
                    m.assign(c, y);
                });
            break;
        }
        case 16: { // assign(first, last), forward iterators
            const std::vector<T> src = values(small(kSoftMax + 8));
            apply(
                G::basic, src.size(), [&] { v.assign(src.begin(), src.end()); },
                [&] { m.assign(src.begin(), src.end()); });
            break;
        }
        case 17: { // assign(first, last), input iterators
            const std::vector<T> src = values(small(kSoftMax + 8));
            apply(
                G::basic, src.size(),
                [&] {
                    v.assign(support::single_pass(src.begin()), support::single_pass(src.end()));
                },
                [&] { m.assign(src.begin(), src.end()); });
            break;
        }
        case 18: { // assign(initializer_list) and operator=(initializer_list)
            const T x = value(), y = value(), z = value();
            if (in_.ConsumeBool())
                apply(
                    G::basic, 3,
                    [&] {
                        v.assign({x, y, z});
                    },
                    [&] {
                        m.assign({x, y, z});
                    });
            else
                apply(
                    G::basic, 2,
                    [&] {
                        v = {y, x};
                    },
                    [&] {
                        m = {y, x};
                    });
            break;
        }
        case 19: { // reserve
            const std::size_t c = small(kSoftMax + 8);
            apply(
                G::strong, c,
                [&] {
                    v.reserve(c);
                    FZ_CHECK(v.capacity() >= c);
                },
                [] {});
            break;
        }
        case 20: // shrink_to_fit: never throws, keeps the values, never adds capacity
            apply(
                G::nothrow, 0,
                [&] {
                    const std::size_t before = v.capacity();
                    v.shrink_to_fit();
                    FZ_CHECK(v.capacity() <= before);
                    FZ_CHECK(v.capacity() >= v.size());
                },
                [] {});
            break;
        case 21: { // shrink_to
            const std::size_t c = small(kSoftMax);
            apply(
                G::nothrow, 0,
                [&] {
                    const std::size_t before = v.capacity();
                    v.shrink_to(c);
                    FZ_CHECK(v.capacity() <= before); // even when the shrink failed
                    FZ_CHECK(v.capacity() >= v.size());
                },
                [] {});
            break;
        }
        case 22: // clear
            apply(
                G::nothrow, 0, [&] { v.clear(); }, [&] { m.clear(); });
            break;
        case 23: // swap (member and ADL)
            if (can_swap(t, s))
                apply(
                    G::basic, 0,
                    [&] {
                        if (op & 0x80)
                            v.swap(vs_[s]);
                        else
                            swap(v, vs_[s]);
                    },
                    [&] { m.swap(ms_[s]); });
            break;
        case 24: // copy assignment (also to itself)
            apply(
                G::basic, 0, [&] { v = vs_[s]; }, [&] { m = ms_[s]; });
            break;
        case 25: // move assignment: the source is left empty
            if (s != t)
                apply(
                    G::basic, 0, [&] { v = std::move(vs_[s]); },
                    [&] {
                        m = std::move(ms_[s]);
                        ms_[s].clear();
                    });
            break;
        case 26: // copy construction, then move assignment of the copy
            apply(
                G::basic, 0,
                [&] {
                    V c(vs_[s]);
                    FZ_CHECK(keys(c) == keys(vs_[s]));
                    v = std::move(c);
                    FZ_CHECK(c.empty());
                },
                [&] { m = ms_[s]; });
            break;
        case 27: // move construction, then move assignment back
            if (s != t)
                apply(
                    G::basic, 0,
                    [&] {
                        V c(std::move(vs_[s]));
                        FZ_CHECK(vs_[s].empty());
                        v = std::move(c);
                    },
                    [&] {
                        m = std::move(ms_[s]);
                        ms_[s].clear();
                    });
            break;
        case 28: // swap_remove (a Deque: an operation at the front)
            if constexpr (deque) {
                front_step(t);
            } else if (n > 0) {
                const std::size_t k = index(t);
                apply(
                    nothrow_move ? G::nothrow : G::basic, 0,
                    [&] {
                        T removed = v.swap_remove(k);
                        FZ_CHECK(key<T>(removed) == removed_key_);
                    },
                    [&] {
                        removed_key_ = key<T>(m[k]);
                        if (k != n - 1)
                            m[k] = std::move(m.back());
                        m.pop_back();
                    });
            }
            break;
        case 29: { // try_push_back / try_emplace_back: report a full buffer, never throw it
            const bool emplace = in_.ConsumeBool();
            try_push(t, false, emplace);
            break;
        }
        case 30: // push_back of one of the elements (aliasing across growth)
            add_at_end(t, false, Add::copy_element);
            break;
        case 31: // emplace_back of one of the elements (aliasing across growth)
            add_at_end(t, false, Add::emplace_element);
            break;
        case 32: // unchecked_push_back within the capacity (a Deque: at the front)
            if constexpr (deque) {
                front_step(t);
            } else if (n < v.capacity()) {
                const T x = value();
                apply(
                    G::strong, n + 1, [&] { v.unchecked_push_back(x); }, [&] { m.push_back(x); });
            }
            break;
        case 33: { // erase(v, x) and erase_if
            if (n == 0)
                break;
            const Key victim = key<T>(m[index(t)]);
            const std::size_t parity = small(1);
            const auto pred = [&](const auto& e) {
                const Key k = key<T>(e);
                return k == victim || static_cast<std::size_t>(k.first & 1) == parity;
            };
            std::size_t removed = 0;
            erase_step(
                nothrow_move ? G::nothrow : G::basic,
                [&] { FZ_CHECK(buffers::erase_if(v, pred) == removed); },
                [&] {
                    const auto it = std::remove_if(m.begin(), m.end(), pred);
                    removed = static_cast<std::size_t>(m.end() - it);
                    m.erase(it, m.end());
                });
            break;
        }
        case 34: // reserve past max_size: length_error, nothing changes
            apply(
                G::strong, v.max_size() + 1 == 0 ? 0 : v.max_size() + 1,
                [&] { v.reserve(v.max_size() + 1); }, [] {});
            break;
        case 35: // allocator-extended copy and move construction
            if constexpr (requires { v.get_allocator(); }) {
                apply(
                    G::basic, 0,
                    [&] {
                        if (op & 0x80) {
                            V c(vs_[s], v.get_allocator());
                            v = std::move(c);
                        } else if (s != t) {
                            V c(std::move(vs_[s]), v.get_allocator());
                            FZ_CHECK(vs_[s].empty());
                            v = std::move(c);
                        }
                    },
                    [&] {
                        if (op & 0x80) {
                            m = ms_[s];
                        } else if (s != t) {
                            m = std::move(ms_[s]);
                            ms_[s].clear();
                        }
                    });
            }
            break;
        case 36: // resize_for_overwrite, then write the new elements (a Deque: at the front)
            if constexpr (deque) {
                front_step(t);
            } else if constexpr (requires { v.resize_for_overwrite(0); }) {
                const std::size_t c = small(kSoftMax + 8);
                std::vector<T> src = values(c > n ? c - n : 0);
                apply(
                    G::strong, c,
                    [&] {
                        v.resize_for_overwrite(c);
                        for (std::size_t i = n; i < c; ++i)
                            v[i] = src[i - n];
                    },
                    [&] {
                        if (c < n)
                            m.resize(c);
                        else
                            m.insert(m.end(), src.begin(), src.end());
                    });
            }
            break;
        case 37: // self-assignment and self-swap change nothing
            apply(
                G::nothrow, 0,
                [&] {
                    V& same = v;
                    v = same;
                    v.swap(same);
                },
                [] {});
            break;
        default: { // more pushes: sizes need to grow for the other steps to be interesting
            const std::size_t c = 1 + small(7);
            for (std::size_t i = 0; i < c; ++i) {
                const T x = value();
                const bool front = deque && in_.ConsumeBool(); // a Deque: at either end
                apply(
                    G::strong, m.size() + 1, [&] { push_to(v, front, x); },
                    [&] { push(m, front, x); });
            }
            break;
        }
        }
    }

    // try_push_back / try_emplace_back (front: _front): a full buffer is reported, never
    // thrown.
    void try_push(int t, bool front, bool emplace) {
        V& v = vs_[t];
        Model& m = ms_[t];
        const std::size_t n = m.size();
        const T x = value();
        if (n + 1 > kSoftMax && n + 1 <= v.max_size())
            return;
        const bool full = n + 1 > v.max_size();
        if (!full)
            push(m, front, x);
        const std::vector<Key> before = keys(v);
        faults.fired = false;
        if (arm_) {
            faults.element = can_throw<T> ? arm_element_ : 0;
            faults.alloc = Cfg::pmr ? arm_alloc_ : 0;
        }
        bool ok = false, threw = false;
        try {
            if constexpr (deque) {
                if (front)
                    ok = static_cast<bool>(emplace ? v.try_emplace_front(x) : v.try_push_front(x));
                else
                    ok = static_cast<bool>(emplace ? v.try_emplace_back(x) : v.try_push_back(x));
            } else {
                ok = static_cast<bool>(emplace ? v.try_emplace_back(x) : v.try_push_back(x));
            }
        } catch (const Injected&) {
            threw = true;
        }
        const bool fired = faults.fired;
        faults.disarm();
        if (full) {
            FZ_CHECK(!ok && !threw);
        } else if (!ok) {
            FZ_CHECK(fired); // an allocation failed (reported) or a copy threw
        }
        if (!ok) {
            FZ_CHECK(keys(v) == before);
            if (!full) {
                if (front)
                    m.erase(m.begin());
                else
                    m.pop_back();
            }
        }
    }

    static void push(Model& m, bool front, const T& x) {
        if constexpr (deque) {
            if (front)
                return m.push_front(x);
        }
        m.push_back(x);
    }

    // One element added at the back (a Deque: or at the front), by each member that adds one.
    enum class Add { copy, move, emplace, copy_element, emplace_element };

    template <class... A>
    static void push_to(V& v, bool front, A&&... a) {
        if constexpr (deque) {
            if (front)
                return v.push_front(std::forward<A>(a)...);
        }
        v.push_back(std::forward<A>(a)...);
    }
    template <class... A>
    static void emplace_to(V& v, bool front, A&&... a) {
        if constexpr (deque) {
            if (front)
                return static_cast<void>(v.emplace_front(std::forward<A>(a)...));
        }
        v.emplace_back(std::forward<A>(a)...);
    }

    void add_at_end(int t, bool front, Add how) {
        V& v = vs_[t];
        Model& m = ms_[t];
        const std::size_t n = m.size();
        if (how == Add::copy_element || how == Add::emplace_element) {
            if (n == 0)
                return;
            const std::size_t k = index(t);
            apply(
                G::strong, n + 1,
                [&] {
                    if (how == Add::emplace_element)
                        emplace_to(v, front, v[k]); // a row proxy for SoA
                    else if constexpr (ref)
                        push_to(v, front, v[k]);
                    else
                        push_to(v, front, static_cast<T>(v[k]));
                },
                [&] { push(m, front, T(m[k])); });
            return;
        }
        const int id = fresh();
        apply(
            G::strong, n + 1,
            [&] {
                if (how == Add::copy) {
                    const T x = make<T>(id);
                    push_to(v, front, x);
                } else if (how == Add::move) {
                    push_to(v, front, make<T>(id));
                } else if constexpr (is_row<T>) {
                    emplace_to(v, front, make<T>(id));
                } else {
                    emplace_to(v, front, id);
                }
            },
            [&] { push(m, front, make<T>(id)); });
    }

    // The operations at a Deque's front, in the cases that are Vector-only.
    void front_step(int t) {
        V& v = vs_[t];
        Model& m = ms_[t];
        const std::size_t n = m.size();
        switch (in_.ConsumeIntegralInRange<int>(0, 5)) {
        case 0: // push_front(const T&)
            add_at_end(t, true, Add::copy);
            break;
        case 1: // push_front(T&&)
            add_at_end(t, true, Add::move);
            break;
        case 2: // emplace_front(args...)
            add_at_end(t, true, Add::emplace);
            break;
        case 3: // pop_front
            if (n > 0)
                apply(
                    G::nothrow, 0, [&] { v.pop_front(); }, [&] { m.pop_front(); });
            break;
        case 4: // push_front / emplace_front of one of the elements (aliasing across growth)
            add_at_end(t, true, in_.ConsumeBool() ? Add::emplace_element : Add::copy_element);
            break;
        default: // try_push_front / try_emplace_front
            try_push(t, true, in_.ConsumeBool());
            break;
        }
    }

    std::vector<T> values(std::size_t c) {
        std::vector<T> out;
        out.reserve(c);
        for (std::size_t i = 0; i < c; ++i)
            out.push_back(value());
        return out;
    }

    bool can_swap(int t, int s) {
        if constexpr (requires { vs_[t].get_allocator(); })
            return vs_[t].get_allocator() == vs_[s].get_allocator();
        else
            return true;
    }

    Cfg cfg_;
    FuzzedDataProvider& in_;
    V vs_[2];
    Model ms_[2];
    Key removed_key_{};
    int next_id_ = 1;
    bool arm_ = false;
    long arm_element_ = 0;
    long arm_alloc_ = 0;
};
// --- the configurations ---------------------------------------------------------------------

template <class T>
using PmrBuf = buffers::AllocatorBuffer<T, std::pmr::polymorphic_allocator<T>>;

template <class V, class Cfg = Plain<V>>
void run(FuzzedDataProvider& in) {
    {
        Harness<V, Cfg> h(in);
        h.run();
    }
    FZ_CHECK(live == 0);
}

// The buffers a collection template C (Vector, Deque) is fuzzed over, for element types (which
// is 0..15), `which % kinds` picking one: case 9 is the ExponentialGrowthBuffer over a pmr
// AllocatorBuffer that libstdc++'s deque suite runs against (tests/conformance), 10 and 11 the
// OS-memory buffers.
template <template <class, class> class C, class T>
void run_elements(unsigned which, unsigned kinds, FuzzedDataProvider& in) {
    using namespace buffers;
    switch (which % kinds) {
    case 0:
        return run<C<T, DefaultBuffer<T>>>(in);
    case 1:
        return run<C<T, InlineBuffer<T, 12>>>(in);
    case 2:
        return run<C<T, SvoBuffer<HeapBuffer<T>, 4>>>(in);
    case 3:
        return run<C<T, PmrBuf<T>>, Pmr<C<T, PmrBuf<T>>, true>>(in);
    case 4:
        return run<C<T, PmrBuf<T>>, Pmr<C<T, PmrBuf<T>>, false>>(in);
    case 5:
        return run<C<T, HeapBuffer<T>>>(in);
    case 6: {
        using V = C<T, SvoBuffer<PmrBuf<T>, 3>>;
        return run<V, Pmr<V, false>>(in);
    }
    case 7:
        return run<C<T, AtLeastBuffer<ExponentialGrowthBuffer<SvoBuffer<HeapBuffer<T>, 2>>, 5>>>(
            in);
    case 9: {
        using V = C<T, ExponentialGrowthBuffer<PmrBuf<T>>>;
        return run<V, Pmr<V, false>>(in);
    }
    case 10: // memory from the OS: whole pages (256 bytes and up), then a reserved range
        return run<C<T, ExponentialGrowthBuffer<PageBuffer<T, 256>>>>(in);
    case 11:
        return run<C<T, StableBuffer<T>>>(in);
    default:
        return run<C<T, InlineBuffer<T, 1>>>(in);
    }
}

// The same for SoA rows (which is 0..15). Vectors also run over AoSoA blocks and over a
// struct with a flattened field (its leaf columns).
template <template <class, class> class C, class T>
void run_rows(unsigned which, FuzzedDataProvider& in) {
    using namespace buffers;
    constexpr bool vector = std::is_same_v<C<T, SoaBuffer<T>>, Vector<T, SoaBuffer<T>>>;
    if constexpr (vector) {
        if (which % 6 == 4)
            return run<AosoaVector<T, 4>>(in);
        if (which % 6 == 5) {
            if constexpr (std::is_same_v<T, Pod>)
                return run<Vector<T, AosoaBuffer<T, 2>>>(in);
            else
                return run<SoaVector<WithLeaves<T>>>(in); // flattened columns
        }
    }
    switch (which % (vector ? 6 : 4)) {
    case 0:
        return run<C<T, ExponentialGrowthBuffer<SoaBuffer<T>>>>(in);
    case 1:
        return run<C<T, SoaBuffer<T>>>(in);
    case 2:
        return run<C<T, InlineSoaBuffer<T, 12>>>(in);
    default:
        return run<C<T, SvoBuffer<SoaBuffer<T>, 4>>>(in);
    }
}

// Defined by the harness file (see the top of this header).
template <class T>
void run_element(unsigned which, FuzzedDataProvider& in);
template <class T>
void run_row(unsigned which, FuzzedDataProvider& in);

void run_part0(unsigned which, FuzzedDataProvider& in);
void run_part1(unsigned which, FuzzedDataProvider& in);
void run_part2(unsigned which, FuzzedDataProvider& in);
void run_part3(unsigned which, FuzzedDataProvider& in);
void run_part4(unsigned which, FuzzedDataProvider& in);
void run_part5(unsigned which, FuzzedDataProvider& in);

#if !defined(FZ_PART)
// the entry point, below
#elif FZ_PART == 0
void run_part0(unsigned which, FuzzedDataProvider& in) {
    run_element<E>(which, in);
}
#elif FZ_PART == 1
void run_part1(unsigned which, FuzzedDataProvider& in) {
    run_element<EThrowMove>(which, in);
}
#elif FZ_PART == 2
void run_part2(unsigned which, FuzzedDataProvider& in) {
    run_element<int>(which, in);
}
#elif FZ_PART == 3
void run_part3(unsigned which, FuzzedDataProvider& in) {
    run_row<Row>(which, in);
}
#elif FZ_PART == 4
void run_part4(unsigned which, FuzzedDataProvider& in) {
    run_row<RowThrowMove>(which, in);
}
#elif FZ_PART == 5
void run_part5(unsigned which, FuzzedDataProvider& in) {
    run_row<Pod>(which, in);
}
#endif

} // namespace fz

#ifndef FZ_PART
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1)
        return 0;
    FuzzedDataProvider in(data + 1, size - 1);
    const unsigned which = data[0];
    switch ((which >> 4) % 6) {
    case 0:
        fz::run_part0(which & 15, in);
        break;
    case 1:
        fz::run_part1(which & 15, in);
        break;
    case 2:
        fz::run_part2(which & 15, in);
        break;
    case 3:
        fz::run_part3(which & 15, in);
        break;
    case 4:
        fz::run_part4(which & 15, in);
        break;
    default:
        fz::run_part5(which & 15, in);
        break;
    }
    return 0;
}
#endif
