// A user's program: every composition and SoA spelling the docs and examples show, used the way
// application code uses std::vector. It is compiled (not run) with the warnings users turn on;
// a warning from the library's headers fails the build (see check.sh).
#include <buffers/buffers.hpp>

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <memory_resource>
#include <numeric>
#include <span>
#include <string>
#include <utility>

namespace app {

using u32 = std::uint32_t;
struct Tag {};

struct Particle {
    float x, y, z;
    int id;
};

struct Trade {
    std::int64_t ts_ns;
    std::uint32_t symbol_id;
    double price;
    std::int32_t qty;
    char side;
};

struct Named {
    std::string name;
    double weight;
};

template <class V, class Make>
std::size_t exercise(Make make) {
    using T = typename V::value_type;
    V v;
    for (int i = 0; i < 300; ++i)
        v.push_back(make(i));
    v.emplace_back(make(7));
    V w = v;
    w.insert(w.begin(), make(1));
    w.insert(w.begin() + 2, 3, make(2));
    w.erase(w.begin() + 1);
    w.erase(w.begin(), w.begin() + 2);
    w.pop_back();
    T t = w.front();
    w.push_back(std::move(t));
    v.shrink_to_fit();
    V z = std::move(w);
    z.resize(3);
    z.shrink_to_fit();
    z.reserve(100);
    swap(v, z);
    v.assign(5, make(4));
    z = v;
    z.clear();
    z.assign(v.begin(), v.end());
    buffers::erase_if(z, [&](const auto&) { return false; });
    std::size_t n = 0;
    for (auto&& e : v) {
        (void)e;
        ++n;
    }
    if constexpr (std::equality_comparable<T>)
        n += static_cast<std::size_t>(v == z);
    return n + v.size() + z.size() + v.capacity();
}

template <class V>
std::size_t exercise_int() {
    return exercise<V>([](int i) { return static_cast<typename V::value_type>(i); });
}

template <class V>
std::size_t exercise_string() {
    return exercise<V>([](int i) { return std::to_string(i); });
}

template <class V>
std::size_t exercise_particle() {
    std::size_t n = exercise<V>([](int i) {
        return Particle{static_cast<float>(i), 1.0f, 2.0f, i};
    });
    V v;
    for (int i = 0; i < 40; ++i)
        v.push_back(Particle{static_cast<float>(40 - i), 0.5f, 0.25f, i});
    Particle p = v[0];
    v[1] = p;
    v[2] = v[3];
    buffers::get<0>(v[0]) += 1.0f;
    auto [x, y, z, id] = v[4];
    x += y + z;
    id += 1;
    std::span<float> xs = buffers::column<0>(v);
    std::span<int> ids = buffers::column<&Particle::id>(v);
    const auto& cv = v;
    std::span<const float> cys = buffers::column<&Particle::y>(cv);
    auto all = buffers::columns(v);
    std::ranges::sort(
        v, [](const auto& a, const auto& b) { return buffers::get<0>(a) < buffers::get<0>(b); });
    buffers::sort(v, std::less<>{}, [](const auto& r) { return buffers::get<3>(r); });
    buffers::stable_sort(v, std::greater<>{}, [](const auto& r) { return buffers::get<0>(r); });
    auto it = std::ranges::find_if(v, [](const auto& r) { return buffers::get<3>(r) == 5; });
    swap(v[0], v[1]);
    return n + xs.size() + ids.size() + cys.size() + std::get<0>(all).size() +
           static_cast<std::size_t>(it - v.begin()) + static_cast<std::size_t>(p.id);
}

template <class D, class Make>
std::size_t exercise_deque(Make make) {
    D d;
    for (int i = 0; i < 100; ++i) {
        d.push_back(make(i));
        d.push_front(make(-i));
    }
    d.pop_front();
    d.pop_back();
    D e = d;
    e.insert(e.begin() + 3, make(5));
    e.erase(e.begin() + 1);
    e.shrink_to_fit();
    d = std::move(e);
    buffers::erase_if(d, [](const auto&) { return false; });
    return d.size();
}

std::size_t run() {
    using namespace buffers;
    std::size_t n = 0;
    // Base buffers and the compositions the docs and examples show.
    n += exercise_int<Vector<int>>();
    n += exercise_int<Vector<int, HeapBuffer<int>>>();
    n += exercise_int<Vector<int, ExponentialGrowthBuffer<HeapBuffer<int>>>>();
    n += exercise_int<Vector<int, SvoBuffer<HeapBuffer<int>, 16>>>();
    n += exercise_int<Vector<int, ExponentialGrowthBuffer<SvoBuffer<HeapBuffer<int>, 16>>>>();
    n += exercise_int<Vector<int, AtLeastBuffer<ExponentialGrowthBuffer<HeapBuffer<int>>, 32>>>();
    n += exercise_int<
        Vector<u32, ZstoBuffer<ExponentialGrowthBuffer<SvoBuffer<HeapBuffer<u32>, 128>>>>>();
    n += exercise_int<Vector<std::uint8_t, SvoBuffer<HeapBuffer<std::uint8_t>, 8>>>();
    n += exercise_int<Vector<double, AllocatorBuffer<double>>>();
    n += exercise_string<Vector<std::string>>();
    n += exercise_string<
        Vector<std::string, ExponentialGrowthBuffer<SvoBuffer<HeapBuffer<std::string>, 4>>>>();
    n += exercise_string<
        Vector<std::string, ExponentialGrowthBuffer<AllocatorBuffer<std::string>>>>();
    {
        Vector<int, InlineBuffer<int, 16>> fixed;
        for (int i = 0; i < 16; ++i)
            fixed.push_back(i);
        n += fixed.size() + (fixed.try_push_back(1) == nullptr ? 1u : 0u);
        Vector<std::string, InlineBuffer<std::string, 4>> names{"ada", "grace"};
        names.insert(names.begin(), "alan");
        n += names.size();
    }
    {
        std::pmr::monotonic_buffer_resource arena;
        Vector<int,
               ExponentialGrowthBuffer<AllocatorBuffer<int, std::pmr::polymorphic_allocator<int>>>>
            numbers{std::pmr::polymorphic_allocator<int>(&arena)};
        for (int i = 0; i < 100; ++i)
            numbers.push_back(i);
        Vector<
            std::pmr::string,
            AtLeastBuffer<ExponentialGrowthBuffer<AllocatorBuffer<
                              std::pmr::string, std::pmr::polymorphic_allocator<std::pmr::string>>>,
                          64>>
            words(&arena);
        words.emplace_back("arena");
        n += numbers.size() + words.size();
    }
    {
        RawSlot<int> storage[64];
        Vector<int, SliceBuffer<int>> v{SliceBuffer<int>(storage)};
        v.push_back(1);
        n += v.size();
    }
    {
        Vector<int, IndirectBuffer<std::unique_ptr<InlineBuffer<int, 64>>>> boxed;
        boxed.push_back(1);
        Vector<Tag, ZstoBuffer<SvoBuffer<HeapBuffer<Tag>, 8>>> tags;
        tags.push_back(Tag{});
        Vector<std::array<float, 3>, ArrayBuffer<HeapBuffer<float>, 3>> arrays;
        arrays.push_back({1.0f, 2.0f, 3.0f});
        arrays[0][1] = 4.0f;
        n += boxed.size() + tags.size() + arrays.size();
    }
    // Deques.
    n += exercise_deque<Deque<int>>([](int i) { return i; });
    n += exercise_deque<Deque<std::string>>([](int i) { return std::to_string(i); });
    n += exercise_deque<Deque<int, InlineBuffer<int, 256>>>([](int i) { return i; });
    n += exercise_deque<Deque<int, ExponentialGrowthBuffer<SvoBuffer<HeapBuffer<int>, 16>>>>(
        [](int i) { return i; });
    n += exercise_deque<SoaDeque<Particle>>([](int i) {
        return Particle{static_cast<float>(i), 0.0f, 0.0f, i};
    });
    // Struct-of-arrays spellings.
    n += exercise_particle<SoaVector<Particle>>();
    n += exercise_particle<Vector<Particle, SoaBuffer<Particle>>>();
    n += exercise_particle<Vector<Particle, SvoBuffer<SoaBuffer<Particle>, 8>>>();
    n += exercise_particle<Vector<Particle, AtLeastBuffer<SoaBuffer<Particle>, 16>>>();
    n += exercise<SoaVector<Named>>([](int i) { return Named{std::to_string(i), 1.5}; });
    n += exercise<SoaVector<Trade>>([](int i) {
        return Trade{i, static_cast<std::uint32_t>(i), 1.0, i, 'b'};
    });
    {
        InlineSoaVector<Particle, 64> inl;
        inl.push_back(Particle{1, 2, 3, 4});
        n += buffers::column<&Particle::z>(inl).size();
    }
    return n;
}

} // namespace app

int main() {
    return app::run() == 0 ? 1 : 0;
}
