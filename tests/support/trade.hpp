#pragma once

// A row of a trades table, the shape data code uses SoA tables for: mixed widths, one char.

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace support {

struct Trade {
    std::int64_t ts_ns;
    std::uint32_t symbol_id;
    double price;
    std::int32_t qty;
    char side;
    friend bool operator==(const Trade&, const Trade&) = default;
};

// Rows with repeated keys in both (symbol_id, ts_ns), so that ties and stability show. wide:
// the two together need more than 64 bits (the one-pass-per-component radix path).
inline std::vector<Trade> make_trades(std::size_t n, bool wide, unsigned seed = 7) {
    std::mt19937_64 rng(seed);
    std::vector<Trade> out;
    for (std::size_t i = 0; i < n; ++i) {
        Trade t{};
        t.ts_ns = wide ? static_cast<std::int64_t>(rng())
                       : 1'700'000'000'000'000'000 + static_cast<std::int64_t>(rng() % 5000);
        t.symbol_id = wide ? static_cast<std::uint32_t>(rng() % 7) * 600'000'000u
                           : static_cast<std::uint32_t>(rng() % 13);
        t.price = static_cast<double>(rng() % 1000) / 8.0 - 50.0;
        t.qty = static_cast<std::int32_t>(i);
        t.side = (rng() & 1) != 0 ? 'B' : 'S';
        out.push_back(t);
    }
    return out;
}

} // namespace support
