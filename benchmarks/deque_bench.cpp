// Deque<T> as a queue against std::deque and boost::container::devector, and a fixed ring
// (Deque over InlineBuffer) against a hand-written ring and boost::circular_buffer.

#include "bench.hpp"

#include <buffers/buffers.hpp>

#include <boost/circular_buffer.hpp>
#include <boost/container/devector.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>

namespace {

// A queue that holds n ints in steady state: n rounds of push_back, read front, pop_front.
// The ring wraps around n times per iteration; nothing allocates after the first fill.
template <class Q>
void queue_steady(benchmark::State& state) {
    const auto n = static_cast<int>(state.range(0));
    Q q;
    for (int i = 0; i < n; ++i)
        q.push_back(i);
    std::int64_t sum = 0;
    int next = n;
    for (auto _ : state) {
        for (int i = 0; i < n; ++i) {
            q.push_back(next++);
            sum += q.front();
            q.pop_front();
        }
        benchmark::DoNotOptimize(sum);
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * n);
}

// A fresh queue per iteration: n push_back (growth from nothing), then n pop_front.
template <class Q>
void queue_fresh(benchmark::State& state) {
    const auto n = static_cast<int>(state.range(0));
    for (auto _ : state) {
        Q q;
        for (int i = 0; i < n; ++i)
            q.push_back(i);
        std::int64_t sum = 0;
        while (!q.empty()) {
            sum += q.front();
            q.pop_front();
        }
        benchmark::DoNotOptimize(sum);
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * n);
}

// The simplest fixed ring one would write by hand: an array, a head and a size.
template <std::size_t N>
class HandRing {
public:
    bool full() const noexcept { return size_ == N; }
    int front() const noexcept { return slots_[head_]; }
    void push_back(int v) noexcept {
        std::size_t i = head_ + size_;
        if (i >= N)
            i -= N;
        slots_[i] = v;
        ++size_;
    }
    void pop_front() noexcept {
        if (++head_ == N)
            head_ = 0;
        --size_;
    }

private:
    int slots_[N];
    std::size_t head_ = 0;
    std::size_t size_ = 0;
};

struct Hand {
    template <std::size_t N>
    struct ring : HandRing<N> {};
};
struct BuffersInline {
    template <std::size_t N>
    struct ring : buffers::Deque<int, buffers::InlineBuffer<int, N>> {
        bool full() const noexcept { return this->size() == N; }
    };
};
struct BoostCircular {
    template <std::size_t N>
    struct ring : boost::circular_buffer<int> {
        ring() : boost::circular_buffer<int>(N) {}
    };
};

// A ring of capacity N kept full: 4N rounds of (pop_front when full, push_back, read front).
template <class Family, std::size_t N>
void ring_rounds(benchmark::State& state) {
    typename Family::template ring<N> r;
    std::int64_t sum = 0;
    int next = 0;
    for (auto _ : state) {
        for (std::size_t i = 0; i < 4 * N; ++i) {
            if (r.full())
                r.pop_front();
            r.push_back(next++);
            sum += r.front();
        }
        benchmark::DoNotOptimize(sum);
        benchmark::DoNotOptimize(&r);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(4 * N));
}

// The capacity is a template argument: pick the instance for the size being run.
template <class Family>
void fixed_ring(benchmark::State& state) {
    switch (state.range(0)) {
    case 16:
        return ring_rounds<Family, 16>(state);
    case 64:
        return ring_rounds<Family, 64>(state);
    case 1024:
        return ring_rounds<Family, 1024>(state);
    default:
        state.SkipWithError("fixed_ring: capacity not instantiated");
    }
}

using Devector = boost::container::devector<int>;

} // namespace

BUFFERS_BENCH_CASES(deque_cases) {
    {
        bench::Case c({.id = "deque_queue",
                       .family = "deque",
                       .title = "Queue of N ints in steady state",
                       .what = "N rounds of push_back, read front(), pop_front() on a queue "
                               "holding N ints (no allocation once filled)",
                       .baseline = "std_deque",
                       .sizes = {1 << 10, 1 << 20},
                       .quick = {16, 1 << 10},
                       .size_unit = "ints",
                       .unit = benchmark::kMicrosecond});
        c.add("std_deque", "std::deque<int>", &queue_steady<std::deque<int>>);
        c.add("buffers_Deque", "buffers::Deque<int> (DefaultBuffer)",
              &queue_steady<buffers::Deque<int>>);
        c.add("boost_devector", "boost::container::devector<int>", &queue_steady<Devector>);
    }
    {
        bench::Case c({.id = "deque_fifo_fresh",
                       .family = "deque",
                       .title = "N ints through a fresh queue",
                       .what = "construct, push_back 0..N-1 (growth from nothing), pop_front() "
                               "all of them reading front(), destroy; default malloc",
                       .baseline = "std_deque",
                       .run = bench::Run::per_process,
                       .sizes = {1 << 10, 1 << 20},
                       .quick = {16, 1 << 10},
                       .size_unit = "ints",
                       .unit = benchmark::kMicrosecond});
        c.add("std_deque", "std::deque<int>", &queue_fresh<std::deque<int>>);
        c.add("buffers_Deque", "buffers::Deque<int> (DefaultBuffer)",
              &queue_fresh<buffers::Deque<int>>);
        c.add("boost_devector", "boost::container::devector<int>", &queue_fresh<Devector>);
        c.fact("sizeof std::deque<int>", std::to_string(sizeof(std::deque<int>)) + " bytes");
        c.fact("sizeof buffers::Deque<int>",
               std::to_string(sizeof(buffers::Deque<int>)) + " bytes");
        c.fact("sizeof boost::container::devector<int>",
               std::to_string(sizeof(Devector)) + " bytes");
    }
    {
        bench::Case c({.id = "ring_fixed",
                       .family = "deque",
                       .title = "Fixed ring of N ints kept full",
                       .what = "4N rounds of (pop_front() when full, push_back, read front()) "
                               "on a ring of capacity N (a template argument)",
                       .baseline = "hand_ring",
                       .sizes = {64, 1024},
                       .quick = {16, 64},
                       .size_unit = "slots",
                       .unit = benchmark::kMicrosecond});
        c.add("hand_ring", "hand-written ring (array, head, size)", &fixed_ring<Hand>);
        c.add("buffers_Inline", "buffers::Deque<int, InlineBuffer<int, N>>",
              &fixed_ring<BuffersInline>);
        c.add("boost_circular_buffer", "boost::circular_buffer<int> (heap, capacity N)",
              &fixed_ring<BoostCircular>);
    }
}
