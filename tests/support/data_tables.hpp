#pragma once

// Tables for the column-wise data tests: a row type with a flattened field and an owning
// field, rows to fill them with, and SoA collections filled so that a deque's ring wraps.

#include <buffers/soa/schema.hpp>

#include <compare>
#include <cstdint>
#include <random>
#include <ranges>
#include <string>
#include <vector>

namespace support {

struct Pos {
    float x, y;
    auto operator<=>(const Pos&) const = default;
};
// A row with a flattened field (Pos: two columns) and an owning field.
struct Tick {
    Pos pos;
    std::uint32_t sym;
    std::int64_t ts;
    std::string name;
    friend bool operator==(const Tick&, const Tick&) = default;
};

} // namespace support

template <>
inline constexpr bool buffers::soa_flatten<support::Pos> = true;

namespace support {

inline std::vector<Tick> make_ticks(std::size_t n, unsigned seed = 9) {
    std::mt19937 rng(seed);
    std::vector<Tick> out;
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(Tick{Pos{static_cast<float>(rng() % 7) - 3.0f, static_cast<float>(rng() % 5)},
                           static_cast<std::uint32_t>(rng() % 11),
                           static_cast<std::int64_t>(rng() % 100) - 50,
                           "tick name long enough for the heap " + std::to_string(i)});
    return out;
}

template <class C, class V>
C fill(const std::vector<V>& rows) {
    C c;
    for (const V& t : rows)
        c.push_back(t);
    return c;
}

// A deque over rows that wraps: the second half pushed at the back, the first at the front
// (a vector is filled in order).
template <class D, class V>
D fill_wrapped(const std::vector<V>& rows) {
    D d;
    if constexpr (requires { d.push_front(rows[0]); }) {
        for (std::size_t i = rows.size() / 2; i < rows.size(); ++i)
            d.push_back(rows[i]);
        for (std::size_t i = rows.size() / 2; i-- > 0;)
            d.push_front(rows[i]);
    } else {
        for (const V& t : rows)
            d.push_back(t);
    }
    return d;
}

// The rows of any range of rows (proxies converted to values), in order.
template <class R>
auto to_vector(const R& r) {
    using T = std::ranges::range_value_t<R>;
    std::vector<T> out;
    for (auto it = std::ranges::begin(r); it != std::ranges::end(r); ++it)
        out.push_back(static_cast<T>(*it));
    return out;
}

} // namespace support
