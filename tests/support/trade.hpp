#pragma once

// A row of a trades table, the shape data code uses SoA tables for: mixed widths, one char.

#include <cstdint>

namespace support {

struct Trade {
    std::int64_t ts_ns;
    std::uint32_t symbol_id;
    double price;
    std::int32_t qty;
    char side;
    friend bool operator==(const Trade&, const Trade&) = default;
};

} // namespace support
