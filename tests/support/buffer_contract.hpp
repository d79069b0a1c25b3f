#pragma once

// The buffer contract (design §3) as one test body, run with TEMPLATE_LIST_TEST_CASE over
// every base buffer, every composite and stacked compositions of them:
//   * try_grow(n, live) succeeds exactly when n <= max_capacity(), and then capacity() >= n;
//     on failure nothing changes; it is an exact request: growing from a smaller capacity gives
//     n slots, or n in the buffer's natural unit (exact_capacity.hpp), never a policy's rounding;
//   * the live slots it is told about keep their values and indices, and only those move
//     (a small buffer must not copy all of its slots);
//   * try_shrink never releases a live slot;
//   * put/take/destroy and the bulk operations work slot by slot;
//   * the relocating constructor hands the live values over at the same indices;
//   * with a throwing element, a growth that throws part-way leaves everything as it was;
//   * with tracked elements, every construction is matched by exactly one destruction.

#include "exact_capacity.hpp"
#include "tracked.hpp"
#include "tracking.hpp"
#include "values.hpp"

#include <buffers/base/slice_buffer.hpp>
#include <buffers/core/concepts.hpp>
#include <buffers/core/ops.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

namespace support {

// Owns a buffer under test, with whatever it needs (caller-provided storage for SliceBuffer).
template <class B>
struct Holder {
    B buffer;
};
template <class T>
struct Holder<buffers::SliceBuffer<T>> {
    buffers::RawSlot<T> storage[24];
    buffers::SliceBuffer<T> buffer{std::span<buffers::RawSlot<T>>(storage)};
};

template <class T>
inline constexpr std::size_t parts_per_element = 1;
template <class U, std::size_t N>
inline constexpr std::size_t parts_per_element<std::array<U, N>> = N;

template <class T>
inline constexpr bool is_throwing_v = false;
template <bool M, bool D>
inline constexpr bool is_throwing_v<Tracked<M, true, D>> = true;

inline long relocation_count() noexcept {
    return counts().copies + counts().moves;
}

// A buffer and the test's record of which slots it filled, with their ids.
template <class B>
class Checked {
public:
    using T = typename B::value_type;

    explicit Checked(B& b) : b_(b) {}
    Checked(const Checked&) = delete;
    Checked& operator=(const Checked&) = delete;
    // The buffer never destroys live values: the test must.
    ~Checked() { clear(); }

    B& buffer() noexcept { return b_; }
    const std::map<std::size_t, int>& ids() const noexcept { return ids_; }
    std::size_t live_count() const noexcept { return ids_.size(); }

    void put(std::size_t i, int id) {
        REQUIRE(i < b_.capacity());
        REQUIRE(ids_.count(i) == 0);
        b_.put(i, make<T>(id));
        ids_[i] = id;
    }
    int take(std::size_t i) {
        REQUIRE(ids_.count(i) == 1);
        T value = b_.take(i);
        ids_.erase(i);
        return id_of(value);
    }
    void destroy(std::size_t i) {
        REQUIRE(ids_.count(i) == 1);
        b_.destroy(i);
        ids_.erase(i);
    }
    void clear() {
        for (const auto& [i, id] : ids_)
            b_.destroy(i);
        ids_.clear();
    }
    // Records a value the test put (or destroyed) itself.
    void adopt(std::size_t i, int id) {
        REQUIRE(ids_.count(i) == 0);
        ids_[i] = id;
    }
    void forget(std::size_t i) {
        REQUIRE(ids_.count(i) == 1);
        ids_.erase(i);
    }
    // Fills the empty slots of [first, last) with ids base + i.
    void fill(std::size_t first, std::size_t last, int base) {
        for (std::size_t i = first; i < last; ++i)
            if (ids_.count(i) == 0)
                put(i, base + static_cast<int>(i));
    }
    // Hands the record over to another Checked (after a relocation to its buffer).
    void move_record_to(Checked& other) { other.ids_ = std::exchange(ids_, {}); }
    // Records that the values in [first, last) moved to [to, to + last - first).
    void record_shift(std::size_t first, std::size_t last, std::size_t to) {
        std::map<std::size_t, int> moved;
        for (auto it = ids_.begin(); it != ids_.end();) {
            if (it->first >= first && it->first < last) {
                moved[it->first - first + to] = it->second;
                it = ids_.erase(it);
            } else {
                ++it;
            }
        }
        for (const auto& [i, id] : moved) {
            REQUIRE(ids_.count(i) == 0);
            ids_[i] = id;
        }
    }

    // The live slots as at most two ranges (a vector's, or a ring buffer's that wraps).
    buffers::Live live() const {
        std::vector<buffers::IndexRange> runs;
        for (const auto& [i, id] : ids_) {
            if (!runs.empty() && runs.back().last == i)
                ++runs.back().last;
            else
                runs.push_back({i, i + 1});
        }
        REQUIRE(runs.size() <= 2);
        if (runs.empty())
            return buffers::Live{};
        if (runs.size() == 1)
            return buffers::Live(runs[0]);
        return buffers::Live(runs[0], runs[1]);
    }

    void verify() const {
        for (const auto& [i, id] : ids_) {
            INFO("slot " << i);
            REQUIRE(i < b_.capacity());
            if constexpr (has_ids_v<T>)
                REQUIRE(id_of(std::as_const(b_).get(i)) == id);
            if constexpr (buffers::PtrBuffer<B>) {
                const auto addr = reinterpret_cast<std::uintptr_t>(b_.ptr(i));
                REQUIRE(addr % alignof(T) == 0);
                REQUIRE(std::addressof(b_.get(i)) == b_.ptr(i));
            }
        }
        if constexpr (buffers::ContiguousBuffer<B>)
            if (b_.capacity() != 0)
                REQUIRE(b_.ptr(b_.capacity() - 1) == b_.data() + (b_.capacity() - 1));
    }

    // Asks for n slots and checks the contract either way.
    buffers::Status grow(std::size_t n) {
        INFO("try_grow(" << n << ") from capacity " << b_.capacity());
        const std::size_t before = b_.capacity();
        const long relocations = relocation_count();
        const buffers::Status s = b_.try_grow(n, live());
        if (n <= b_.max_capacity()) {
            REQUIRE(s == buffers::Status::ok);
            REQUIRE(b_.capacity() >= n);
            if (n > before)
                REQUIRE(b_.capacity() == exact_capacity<B>(n));
        } else {
            REQUIRE(s == buffers::Status::exceeds_max_capacity);
            REQUIRE(b_.capacity() == before);
        }
        // Each live value relocates at most once (none when the block is extended in place):
        // relocating every slot instead (the seed's small buffer) or moving each value twice
        // (take() into a temporary, then put()) shows up here.
        REQUIRE(relocation_count() - relocations <=
                static_cast<long>(live_count() * parts_per_element<T>));
        verify();
        return s;
    }
    // Asks to release slots down to n and checks that no live slot went.
    void shrink(std::size_t n) {
        INFO("try_shrink(" << n << ") from capacity " << b_.capacity());
        const buffers::Live l = live();
        const buffers::Status s = b_.try_shrink(n, l);
        REQUIRE(s == buffers::Status::ok);
        REQUIRE(b_.capacity() >= l.end());
        verify();
    }

private:
    B& b_;
    std::map<std::size_t, int> ids_;
};

template <class B>
void check_relocating_constructor(Checked<B>& c) {
    if constexpr (buffers::RelocatableBuffer<B>) {
        B& b = c.buffer();
        c.fill(0, std::min<std::size_t>(b.capacity(), 5), 500);
        const long relocations = relocation_count();
        B moved(std::move(b), c.live());
        REQUIRE(relocation_count() - relocations <=
                static_cast<long>(c.live_count() * parts_per_element<typename B::value_type>));
        Checked<B> m(moved);
        c.move_record_to(m);
        m.verify();
        if constexpr (requires { b.relocate_from(moved, m.live()); }) {
            b.relocate_from(moved, m.live());
            m.move_record_to(c);
            c.verify();
        }
    }
}

template <class B>
void check_bulk_operations(Checked<B>& c) {
    using T = typename B::value_type;
    if constexpr (buffers::is_nothrow_relocatable_v<T>) {
        B& b = c.buffer();
        c.clear();
        if (b.max_capacity() < 10)
            return;
        (void)c.grow(10);
        c.fill(0, 6, 600);
        // Open a gap of 3 at index 1, as insert does, and close it again.
        buffers::shift_right(b, 1, 6, 3);
        c.record_shift(1, 6, 4);
        c.verify();
        buffers::shift_left(b, 4, 9, 3);
        c.record_shift(4, 9, 1);
        c.verify();
        buffers::relocate_slot(b, 5, 8);
        c.record_shift(5, 6, 8);
        c.verify();
        buffers::relocate_slot(b, 8, 5);
        c.record_shift(8, 9, 5);
        buffers::destroy_range(b, 2, 4);
        c.forget(2);
        c.forget(3);
        c.verify();
        c.clear();
    }
}

// A growth whose relocation throws part-way (for every N) leaves the buffer as it was.
template <class B>
void check_throwing_growth(Checked<B>& c) {
    using T = typename B::value_type;
    if constexpr (is_throwing_v<T>) {
        B& b = c.buffer();
        c.clear();
        if (b.max_capacity() < 6)
            return;
        (void)c.grow(3);
        c.fill(0, std::min<std::size_t>(b.capacity(), 5), 700);
        const std::size_t target = std::min(b.max_capacity(), b.capacity() * 2 + 1);
        if (target <= b.capacity())
            return;
        bool grown = false;
        for (long n = 1; n < 64 && !grown; ++n) {
            Disarm disarm_on_exit;
            const std::size_t before = b.capacity();
            arm(n);
            try {
                const buffers::Status s = b.try_grow(target, c.live());
                disarm();
                REQUIRE(s == buffers::Status::ok);
                REQUIRE(b.capacity() >= target);
                grown = true;
            } catch (const TestError&) {
                disarm();
                INFO("growth threw at operation " << n);
                REQUIRE(b.capacity() == before);
            }
            c.verify();
        }
        REQUIRE(grown);
    }
}

template <class B>
void buffer_contract() {
    using T = typename B::value_type;
    INFO("buffer: " << type_name<B>());
    STATIC_REQUIRE(buffers::Buffer<B>);
    STATIC_REQUIRE(buffers::check_buffer<B>());
    // What check_buffer and check_hooks skip for the library's own buffers holds for them.
    STATIC_REQUIRE(buffers::detail::check_buffer_contract<B>());
    STATIC_REQUIRE(buffers::detail::check_hook_signatures<B>());

    LeakGuard guard;
    {
        Holder<B> holder;
        B& b = holder.buffer;
        Checked<B> c(b);

        REQUIRE(b.capacity() <= b.max_capacity());
        REQUIRE(b.try_grow(0, buffers::Live{}) == buffers::Status::ok);
        c.shrink(0);
        if constexpr (buffers::ContiguousBuffer<B>)
            if (b.capacity() == 0)
                REQUIRE(b.ptr(0) == b.data()); // data() is usable when empty

        // First growth; put, take and destroy single slots.
        (void)c.grow(4);
        const std::size_t k = std::min<std::size_t>(b.capacity(), 4);
        c.fill(0, k, 100);
        c.verify();
        if (k >= 2) {
            const int taken = c.take(0);
            if constexpr (has_ids_v<T>)
                CHECK(taken == 100);
            c.put(0, 200);
            c.destroy(1);
            c.put(1, 201);
            if constexpr (std::is_copy_constructible_v<T>) {
                const T value = make<T>(202);
                c.destroy(1);
                b.put(1, value); // put copies from an lvalue
                c.adopt(1, 202);
                REQUIRE(id_of(value) == id_of(make<T>(202)));
            }
            c.verify();
        }

        // Growth keeps the live values in place and relocates only them.
        (void)c.grow(16);
        c.fill(0, std::min<std::size_t>(b.capacity(), 12), 300);
        if (b.capacity() < b.max_capacity())
            (void)c.grow(b.capacity() + 1);
        (void)c.grow(b.max_capacity() == SIZE_MAX ? SIZE_MAX - 1 : b.max_capacity() + 1);

        // Two live ranges, as a ring buffer that wraps around has.
        if (const std::size_t cap = b.capacity(); cap >= 6) {
            c.clear();
            c.fill(0, 2, 400);
            c.fill(cap - 3, cap, 400);
            if (cap < b.max_capacity())
                (void)c.grow(std::min(b.max_capacity(), 2 * cap + 1));
            c.verify();
            // Shrinking never releases a live slot, whatever it is asked.
            c.shrink(0);
            c.shrink(cap - 1);
        }
        c.clear();
        c.shrink(0);

        check_bulk_operations(c);
        check_relocating_constructor(c);
        check_throwing_growth(c);
        c.clear();
        c.shrink(0);
    }
}

} // namespace support
