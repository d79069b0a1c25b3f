#pragma once

// AosoaBuffer<T, Lanes>: rows in blocks of Lanes (a power of two); inside a block, Lanes values
// of column 0, then Lanes values of column 1, and so on (columns are T's leaves, flattened
// fields included, see flatten.hpp). With T = { float x, y; int id; } and Lanes = 4:
//
//     block 0: | x0 x1 x2 x3 | y0 y1 y2 y3 | id0 id1 id2 id3 |   (16-byte aligned: 4 floats)
//     block 1: | x4 x5 x6 x7 | y4 y5 y6 y7 | id4 id5 id6 id7 |
//
// A row's fields share one block (a page, a few cache lines), while a loop over one field of a
// block still reads Lanes contiguous values. Rows are the same proxies as SoaBuffer's (v[i],
// get<I>, structured bindings, sorting); columns are not arrays, so there is no column<I>(v):
//
//     for (auto b : buffers::blocks(v))                  // each block of an AoSoA collection
//         for (float& x : buffers::column<&P::x>(b))     // std::span<float>, <= Lanes values
//             x += 1;
//
// All blocks live in one allocation from a memory source (HeapSource by default: malloc'ed and
// realloc'ed, as HeapBuffer's, when every field is trivially relocatable). A block's layout
// does not depend on the capacity, so growth moves whole blocks: realloc or one memcpy for
// trivially relocatable fields; otherwise row by row, fields whose move may throw copied
// first (strong guarantee).

#include "columns.hpp"
#include "flatten.hpp"
#include "row.hpp"
#include "schema.hpp"
#include "soa_buffer.hpp"

#include "../collections/vector.hpp"
#include "../composite/exponential_growth_buffer.hpp"
#include "../core/guard.hpp"
#include "../core/memory_source.hpp"
#include "../detail/index_iterator.hpp"

#include <boost/mp11/algorithm.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <type_traits>
#include <utility>

namespace buffers {
namespace detail {

// The unit a memory source hands out for an AoSoA buffer: the raw bytes of one block.
template <std::size_t Bytes, std::size_t Align>
struct alignas(Align) aosoa_storage {
    std::byte bytes[Bytes];
};

template <class T, std::size_t Lanes>
struct aosoa_layout {
    using info = soa_info<T>;
    // The alignment of column K's Lanes values inside a block: the largest power of two that
    // divides their size, at most 64 (a cache line) and at least the field's own alignment.
    // Lanes floats are aligned like one SIMD register of Lanes floats, and a block is not padded
    // past what its groups need: 7 float columns of 8 lanes make 224-byte blocks, not 256 (a
    // loop over every row then streams 12% fewer bytes).
    template <std::size_t K>
    static constexpr std::size_t group_alignment() noexcept {
        using F = typename info::template field<K>;
        const std::size_t bytes = Lanes * sizeof(F);
        const std::size_t pow2 = bytes & (~bytes + 1);
        return std::max(alignof(F), std::min(pow2, std::size_t{64}));
    }
    static constexpr std::size_t alignment = [] {
        std::size_t a = 1;
        boost::mp11::mp_for_each<typename info::indices>(
            [&](auto k) { a = std::max(a, group_alignment<k>()); });
        return a;
    }();
    // Byte offset of column K's Lanes values inside a block.
    template <std::size_t K>
    static constexpr std::size_t offset() noexcept {
        if constexpr (K == 0)
            return 0;
        else {
            constexpr std::size_t align = group_alignment<K>();
            const std::size_t end =
                offset<K - 1>() + Lanes * sizeof(typename info::template field<K - 1>);
            return (end + align - 1) / align * align;
        }
    }
    static constexpr std::size_t block_bytes =
        (offset<info::fields - 1>() +
         Lanes * sizeof(typename info::template field<info::fields - 1>) + alignment - 1) /
        alignment * alignment;
    using storage = aosoa_storage<block_bytes, alignment>;

    static constexpr bool trivial = [] {
        bool all = true;
        boost::mp11::mp_for_each<typename info::indices>([&](auto k) {
            all = all && is_trivially_relocatable_v<typename info::template field<k>>;
        });
        return all;
    }();
};

} // namespace detail

template <class T, std::size_t Lanes, template <class> class Source = HeapSource>
class AosoaBuffer : public detail::soa_columns<AosoaBuffer<T, Lanes, Source>, T> {
    static_assert(Lanes > 0 && (Lanes & (Lanes - 1)) == 0,
                  "buffers::AosoaBuffer<T, Lanes>: Lanes must be a power of two");
    using info = detail::soa_info<T>;
    using layout = detail::aosoa_layout<T, Lanes>;
    using storage = typename layout::storage;
    using source = Source<storage>;
    static_assert(MemorySource<source>);
    friend class detail::soa_columns<AosoaBuffer, T>;
    template <std::size_t K>
    using field = typename info::template field<K>;

public:
    // Marks rows in blocks for the shared SoA machinery (no column is one array).
    static constexpr bool soa_blocked_rows = true;
    static constexpr std::size_t lanes = Lanes;
    // Bytes of one block: Lanes rows of every column, padded to a multiple of the block's
    // alignment (the largest alignment of a column's Lanes values, at most 64).
    static constexpr std::size_t block_bytes = layout::block_bytes;
    // Every block starts at a multiple of this (so does every column's group of Lanes values,
    // at a multiple of its own alignment).
    static constexpr std::size_t block_alignment = layout::alignment;
    template <std::size_t K>
    static constexpr std::size_t column_offset = layout::template offset<K>();

    AosoaBuffer() noexcept = default;
    AosoaBuffer(AosoaBuffer&& other, Live) noexcept : blk_(detail::exchange(other.blk_, {})) {}
    AosoaBuffer(copy_config_t, const AosoaBuffer&) noexcept {}
    AosoaBuffer(const AosoaBuffer&) = delete;
    AosoaBuffer& operator=(const AosoaBuffer&) = delete;
    ~AosoaBuffer() { src_.deallocate(blk_); }

    void relocate_from(AosoaBuffer& other, Live) noexcept {
        src_.deallocate(blk_);
        blk_ = detail::exchange(other.blk_, {});
    }
    void swap_with(AosoaBuffer& other, Live, Live) noexcept { std::swap(blk_, other.blk_); }

    std::size_t capacity() const noexcept { return blk_.cap * Lanes; }
    std::size_t max_capacity() const noexcept {
        return std::min(src_.max_capacity(), static_cast<std::size_t>(PTRDIFF_MAX) / block_bytes) *
               Lanes;
    }

    [[nodiscard]] Status try_grow(std::size_t n, Live live) {
        if (n <= capacity())
            return Status::ok;
        if (n > max_capacity())
            return Status::exceeds_max_capacity;
        return resize(blocks_for(n), live);
    }
    [[nodiscard]] Status try_shrink(std::size_t n, Live live) {
        const std::size_t nb = blocks_for(std::max(n, live.end()));
        if (nb >= blk_.cap)
            return Status::ok;
        if (nb == 0) {
            src_.deallocate(detail::exchange(blk_, {}));
            return Status::ok;
        }
        return resize(nb, live);
    }

    // The bytes of block b (null while capacity() is 0).
    std::byte* block_data(std::size_t b) const noexcept {
        return blk_.ptr ? blk_.ptr[b].bytes : nullptr;
    }

private:
    static constexpr std::size_t blocks_for(std::size_t n) noexcept {
        return (n + Lanes - 1) / Lanes;
    }
    template <std::size_t K>
    field<K>* slot(std::size_t i) const noexcept {
        return reinterpret_cast<field<K>*>(blk_.ptr[i / Lanes].bytes + column_offset<K>) +
               i % Lanes;
    }
    template <std::size_t K>
    static field<K>* slot_in(storage* blocks, std::size_t i) noexcept {
        return reinterpret_cast<field<K>*>(blocks[i / Lanes].bytes + column_offset<K>) + i % Lanes;
    }

    Status resize(std::size_t nb, Live live) {
        if constexpr (layout::trivial) {
            // Whole blocks, as bytes: realloc where the source can, else one copy.
            const Live blocks = live.empty() ? Live{} : Live(IndexRange{0, blocks_for(live.end())});
            return detail::resize_block(src_, blk_, nb, blocks);
        } else {
            Block<storage*> fresh = src_.allocate(nb);
            if (!fresh.ptr)
                return Status::out_of_memory;
            detail::on_failure([&] { relocate_rows(blk_.ptr, fresh.ptr, live); },
                               [&] { src_.deallocate(fresh); });
            src_.deallocate(blk_);
            blk_ = fresh;
            return Status::ok;
        }
    }

    // Moves the live rows to the same indices in other blocks. Columns whose move may throw
    // are copied first, all of them; the others move only once those copies exist.
    static void relocate_rows(storage* src, storage* dst, Live live) {
        using indices = typename info::indices;
        std::size_t built = 0; // values of throwing columns built at dst, in visiting order
        detail::on_failure(
            [&] {
                boost::mp11::mp_for_each<indices>([&](auto k) {
                    if constexpr (!info::template nothrow_column<k>) {
                        live.for_each([&](std::size_t i) {
                            detail::construct_at(slot_in<k>(dst, i),
                                                 detail::move_if_noexcept(*slot_in<k>(src, i)));
                            ++built;
                        });
                    }
                });
            },
            [&] {
                boost::mp11::mp_for_each<indices>([&](auto k) {
                    if constexpr (!info::template nothrow_column<k>) {
                        live.for_each([&](std::size_t i) {
                            if (built > 0) {
                                --built;
                                std::destroy_at(slot_in<k>(dst, i));
                            }
                        });
                    }
                });
            });
        boost::mp11::mp_for_each<indices>([&](auto k) {
            live.for_each([&](std::size_t i) {
                if constexpr (info::template nothrow_column<k>)
                    detail::relocate_n(slot_in<k>(src, i), 1, slot_in<k>(dst, i));
                else
                    std::destroy_at(slot_in<k>(src, i));
            });
        });
    }

    Block<storage*> blk_{};
    [[no_unique_address]] source src_{};
};

// An AoSoA vector with geometric growth, as SoaVector.
template <class T, std::size_t Lanes = 8>
using AosoaVector = Vector<T, ExponentialGrowthBuffer<AosoaBuffer<T, Lanes>>>;

// One block of an AoSoA collection: `size` rows (Lanes, or fewer in the last block) of every
// column. column<I>(block) and column<&T::m>(block) are spans over its values.
template <class T, std::size_t Lanes, bool Const>
struct AosoaBlock {
    std::conditional_t<Const, const std::byte, std::byte>* data = nullptr;
    std::size_t size = 0;
};

// The blocks of an AoSoA collection (what blocks(v) returns): a random-access range of
// AosoaBlock, in row order.
template <class T, std::size_t Lanes, bool Const>
class AosoaBlocks {
public:
    using value_type = AosoaBlock<T, Lanes, Const>;
    using reference = value_type;
    using const_reference = value_type;
    using iterator = detail::IndexIterator<AosoaBlocks, true>;
    using const_iterator = iterator;

    AosoaBlocks(std::byte* first, std::size_t rows) noexcept : first_(first), rows_(rows) {}

    std::size_t size() const noexcept { return (rows_ + Lanes - 1) / Lanes; }
    [[nodiscard]] bool empty() const noexcept { return rows_ == 0; }
    iterator begin() const noexcept { return iterator(this, 0); }
    iterator end() const noexcept { return iterator(this, static_cast<std::ptrdiff_t>(size())); }
    value_type operator[](std::size_t b) const noexcept { return get(b); }
    // Block b (blocks are contiguous in one allocation).
    value_type get(std::size_t b) const noexcept {
        const std::size_t rest = rows_ - b * Lanes;
        return value_type{first_ + b * detail::aosoa_layout<T, Lanes>::block_bytes,
                          rest < Lanes ? rest : Lanes};
    }

private:
    std::byte* first_;
    std::size_t rows_;
};

namespace detail {
template <class B>
concept aosoa_buffer = requires(const B& b) {
    B::soa_blocked_rows;
    B::lanes;
    b.block_data(std::size_t{0});
};

// The AosoaBuffer under a collection's buffer (through growth policies and other wrappers).
template <class B>
struct aosoa_under {
    using type = typename aosoa_under<typename B::inner_type>::type;
    static const auto& of(const B& b) noexcept {
        return aosoa_under<typename B::inner_type>::of(b.inner());
    }
};
template <class B>
requires(!aosoa_buffer<B> && !requires { typename B::inner_type; }) struct aosoa_under<B> {
    using type = void;
};
template <class B>
requires aosoa_buffer<B>
struct aosoa_under<B> {
    using type = B;
    static const B& of(const B& b) noexcept { return b; }
};

template <bool Const, class T, class B>
AosoaBlocks<T, aosoa_under<B>::type::lanes, Const> blocks_of(const Vector<T, B>& v) noexcept {
    const auto& buf = aosoa_under<B>::of(v.buffer());
    return AosoaBlocks<T, aosoa_under<B>::type::lanes, Const>(buf.block_data(0), v.size());
}
} // namespace detail

// Column I of a block: its values of leaf column I.
template <std::size_t I, class T, std::size_t L, bool C>
auto column(const AosoaBlock<T, L, C>& b) noexcept {
    using F = std::conditional_t<C, const soa_leaf_t<I, T>, soa_leaf_t<I, T>>;
    return std::span<F>(
        reinterpret_cast<F*>(b.data + detail::aosoa_layout<T, L>::template offset<I>()), b.size);
}
// The column of member M (down to a leaf of flattened fields) in a block.
template <auto M, auto... Ms, class T, std::size_t L, bool C>
requires std::is_member_object_pointer_v<decltype(M)>
auto column(const AosoaBlock<T, L, C>& b) noexcept {
    constexpr std::size_t i = detail::leaf_index<T, M, Ms...>();
    static_assert(i < soa_leaf_count_v<T>, "buffers::column<&T::m, ...>(block): the member "
                                           "pointers do not name a column of T");
    return column<i>(b);
}

// The blocks of an AoSoA vector, in row order: a random-access range of AosoaBlock.
template <class T, class B>
requires detail::aosoa_buffer<typename detail::aosoa_under<B>::type>
auto blocks(Vector<T, B>& v) noexcept {
    return detail::blocks_of<false>(v);
}
template <class T, class B>
requires detail::aosoa_buffer<typename detail::aosoa_under<B>::type>
auto blocks(const Vector<T, B>& v) noexcept {
    return detail::blocks_of<true>(v);
}

} // namespace buffers
