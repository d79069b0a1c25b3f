#pragma once

// Struct-of-arrays buffers: each field of an aggregate T lives in its own column.
//
//   SoaBuffer<T>           one heap block for all columns, grows exactly (wrap it in
//                          ExponentialGrowthBuffer, AtLeastBuffer, SvoBuffer as usual)
//   SoaBuffer<T, C>        each column a block of its own from the column memory C:
//                          SoaPageColumns (mmap, mremap growth), SoaStableColumns<MaxBytes>
//                          (a reserved range per column: nothing ever moves),
//                          SoaHeapThenPageColumns<HeapBelow> (heap while small, then pages)
//   InlineSoaBuffer<T, N>  N rows inside the object, no heap (an SoA static vector)
//
// Columns start on 64-byte boundaries (cache lines, any SIMD width), one after the other:
//
//     block: | x x x x ... | pad | y y y y ... | pad | id id id ... |
//
// Growth makes one allocation for all columns and relocates each column by the rules of
// core/relocate.hpp: memcpy for trivially relocatable fields, move (or copy) otherwise.
// Columns whose move may throw are copied first, so a throw in any column leaves every
// column as it was (strong guarantee).

#include "../detail/traits.hpp"
#include "row.hpp"
#include "schema.hpp"

#include "../base/page_buffer.hpp"
#include "../base/stable_buffer.hpp"
#include "../core/concepts.hpp"
#include "../core/guard.hpp"
#include "../core/hooks.hpp"
#include "../core/memory_source.hpp"
#include "../core/ops.hpp"
#include "../core/os_memory.hpp"
#include "../core/relocate.hpp"
#include "../detail/std_support.hpp"

#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/integral.hpp>
#include <boost/mp11/list.hpp>
#include <boost/pfr/core.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <tuple>
#include <type_traits>
#include <utility>

namespace buffers {

template <class T, std::size_t N>
class InlineSoaBuffer;

// Where an SoaBuffer's columns live. SoaOneBlock (the default): one heap block for all
// columns. A column memory C (C::source<F> is a memory source for elements F, see
// core/memory_source.hpp): each column a block of its own from that source, grown on its own,
// in place where the source can (mremap, committing reserved pages).
struct SoaOneBlock {};
// Each column its own mmap'ed block: growth moves pages, never bytes.
struct SoaPageColumns {
    template <class F>
    using source = PageSource<F>;
};
// Each column a heap block while under HeapBelow bytes (2 MiB by default: eight columns of
// huge pages cost 16 MiB of zeroed memory), then pages (as PageBuffer<F, HeapBelow>).
template <std::size_t HeapBelow = (std::size_t{2} << 20)>
struct SoaHeapThenPageColumns {
    template <class F>
    using source = HeapThenPageSource<F, HeapBelow>;
};
// Each column its own reserved range of MaxBytes: growth moves nothing at all, and rows keep
// their addresses for the buffer's whole life.
template <std::size_t MaxBytes = stable_buffer_default_bytes>
struct SoaStableColumns {
    template <class F>
    using source = ReservedSource<F, MaxBytes>;
};

template <class T, class Memory = SoaOneBlock>
class SoaBuffer;

namespace detail {

template <class T>
consteval bool check_soa_element() {
    static_assert(detail::is_class_v<T> && detail::is_aggregate_v<T> && !detail::is_union_v<T>,
                  "buffers: SoA buffers need an aggregate T (a struct with public fields, no "
                  "user-declared constructors, no virtual functions, no base classes)");
    static_assert(!detail::is_const_v<T> && !detail::is_volatile_v<T>,
                  "buffers: SoA buffers need a non-const, non-volatile T");
    static_assert(soa_field_count_v<T> > 0, "buffers: SoA buffers need T to have fields");
    static_assert(detail::is_move_constructible_v<T>,
                  "buffers: SoA buffers need T to be move constructible");
    return true;
}

// Where a buffer's columns start: one untyped pointer per column, cast to the column's type
// where it is used. One array type per column count, shared by every T (a std::tuple of N
// pointer types is a class per T, and costs more to compile than the buffer around it).
template <std::size_t N>
struct soa_column_array {
    void* at[N];
};

// What a list of column types needs for a layout, computed once per list: fold expressions, no
// per-column instantiation.
template <class Fields>
struct soa_layout;
template <class... F>
struct soa_layout<boost::mp11::mp_list<F...>> {
    using pointers = soa_column_array<sizeof...(F)>;
    static constexpr std::size_t alignment = std::max({std::size_t{64}, alignof(F)...});
    static constexpr std::size_t row_bytes = (std::size_t{0} + ... + sizeof(F));
    static constexpr std::size_t sizes[] = {sizeof(F)..., 0};
    static constexpr bool trivially_relocatable = (is_trivially_relocatable_v<F> && ...);
    static constexpr bool nothrow_relocatable = (is_nothrow_relocatable_v<F> && ...);
    static constexpr bool trivially_destructible = (detail::is_trivially_destructible_v<F> && ...);
};

template <class T>
struct soa_info {
    static_assert(check_soa_element<T>());
    // One column per leaf: fields of flattened types (soa_flatten) split into their fields.
    using layout = soa_layout<soa_leaves_t<T>>;
    static constexpr std::size_t fields = soa_leaf_count_v<T>;
    using indices = boost::mp11::mp_iota_c<fields>;

    template <std::size_t K>
    using field = soa_leaf_t<K, T>;
    template <std::size_t K>
    using path = boost::mp11::mp_at_c<soa_leaf_paths_t<T>, K>;

    // Every column starts at a multiple of this.
    static constexpr std::size_t alignment = layout::alignment;
    static constexpr std::size_t row_bytes = layout::row_bytes;
    static constexpr std::size_t max_rows =
        (static_cast<std::size_t>(PTRDIFF_MAX) - 2 * fields * alignment) / row_bytes;

    static constexpr std::size_t round_up(std::size_t n) noexcept {
        return (n + alignment - 1) / alignment * alignment;
    }
    // Byte offset of column k in a block of n rows (a loop, not a template per column).
    // Columns a multiple of 4 KiB apart would put element i of each at the same address modulo
    // 4096: a load from one after a store to the other then looks dependent to the CPU (4K
    // aliasing) and they compete for cache sets, so such a column starts one alignment unit
    // later.
    static constexpr std::size_t offset_of(std::size_t k, std::size_t n) noexcept {
        std::size_t at = 0;
        for (std::size_t j = 0; j < k; ++j) {
            const std::size_t start = round_up(at + n * layout::sizes[j]);
            at = (start - at) % 4096 == 0 ? start + alignment : start;
        }
        return at;
    }
    template <std::size_t K>
    static constexpr std::size_t offset(std::size_t n) noexcept {
        return offset_of(K, n);
    }
    static constexpr std::size_t block_bytes(std::size_t n) noexcept {
        return offset_of(fields, n);
    }

    using pointers = typename layout::pointers;

    // The columns of a block of n rows (a loop over the columns, not a template per column).
    static pointers columns_of(std::byte* block, std::size_t n) noexcept {
        pointers p{};
        if (block == nullptr)
            return p;
        for (std::size_t k = 0; k < fields; ++k)
            p.at[k] = block + offset_of(k, n);
        return p;
    }

    template <std::size_t K>
    static constexpr bool nothrow_column = is_nothrow_relocatable_v<field<K>>;
};

// The steps of relocate_columns for one column. They depend on the field type only, so
// columns of the same type (in any T) share them.
template <class F>
std::size_t copy_throwing_column(F* s, F* d, Live live) {
    if constexpr (is_nothrow_relocatable_v<F>) {
        return 0;
    } else {
        // The sources stay alive until every throwing column is copied.
        copy_ranges_with(
            s, d, live,
            [](F* p, auto&& v) { detail::construct_at(p, static_cast<decltype(v)>(v)); },
            [](F* p) { std::destroy_at(p); });
        return 1;
    }
}
template <class F>
void undo_throwing_column(F* d, Live live, std::size_t& undo) noexcept {
    if constexpr (!is_nothrow_relocatable_v<F>) {
        if (undo > 0) {
            --undo;
            live.for_each([&](std::size_t i) { std::destroy_at(d + i); });
        }
    }
}
template <class F>
void finish_column(F* s, F* d, Live live) noexcept {
    if constexpr (is_nothrow_relocatable_v<F>)
        relocate_ranges(s, d, live);
    else
        live.for_each([&](std::size_t i) { std::destroy_at(s + i); });
}

// Relocates the live rows from one set of columns to another (distinct storage). Columns that
// may throw are copied first; only when all copies exist do the others move and the sources
// of the copies die, so a throw changes nothing.
template <std::size_t N, class... F, std::size_t... K>
void relocate_typed_columns(const soa_column_array<N>& src, const soa_column_array<N>& dst,
                            Live live, boost::mp11::mp_list<F...>, std::index_sequence<K...>) {
    std::size_t copied = 0; // throwing columns fully copied so far
    on_failure(
        [&] {
            ((copied +=
              copy_throwing_column(static_cast<F*>(src.at[K]), static_cast<F*>(dst.at[K]), live)),
             ...);
        },
        [&] {
            std::size_t undo = copied;
            (undo_throwing_column(static_cast<F*>(dst.at[K]), live, undo), ...);
        });
    (finish_column(static_cast<F*>(src.at[K]), static_cast<F*>(dst.at[K]), live), ...);
}
template <class T>
void relocate_columns(const typename soa_info<T>::pointers& src,
                      const typename soa_info<T>::pointers& dst, Live live) {
    using info = soa_info<T>;
    if constexpr (info::layout::trivially_relocatable) {
        // Bytes are values: one loop over the columns, no template per column.
        for (std::size_t k = 0; k < info::fields; ++k) {
            const std::size_t size = info::layout::sizes[k];
            for (IndexRange r : live.ranges())
                if (!r.empty())
                    std::memcpy(static_cast<std::byte*>(dst.at[k]) + r.first * size,
                                static_cast<const std::byte*>(src.at[k]) + r.first * size,
                                r.size() * size);
        }
    } else {
        relocate_typed_columns(src, dst, live, soa_leaves_t<T>{},
                               std::make_index_sequence<info::fields>());
    }
}

// Everything an SoA buffer does once it knows where its columns are. Derived provides
// `template <std::size_t K> field<K>* col() const noexcept` (the array of column K) and
// `columns() const noexcept` (all of them, as soa_info<T>::pointers), or, for blocked rows,
// `template <std::size_t K> field<K>* slot(std::size_t i) const noexcept`. The operations on
// whole rows expand the column types and the column pointers side by side in one pack
// expansion (no function template per column: those cost most of an SoA type's compile time).
template <class Derived, class T>
class soa_columns {
    // Buffers whose rows sit in blocks (AosoaBuffer) say soa_blocked_rows: slot K of row i is
    // then found by `slot<K>(i)`, and no column is one array. Asked only where Derived is
    // complete (a concept would remember an answer given while it is not).
    static constexpr bool blocked() noexcept {
        return requires {
            Derived::soa_blocked_rows;
        };
    }
    // Buffers that build and destroy fields themselves (AllocatorSoaBuffer, through its
    // allocator) say soa_builds_fields = true and provide build_field(F*, args...) and
    // destroy_field(F*).
    static constexpr bool builds_fields() noexcept {
        return requires {
            requires Derived::soa_builds_fields;
        };
    }
    template <class F, class... A>
    void build(F* p, A&&... a) {
        if constexpr (builds_fields())
            static_cast<Derived&>(*this).build_field(p, std::forward<A>(a)...);
        else
            detail::construct_at(p, std::forward<A>(a)...);
    }
    template <class F>
    void unbuild(F* p) noexcept {
        if constexpr (builds_fields())
            static_cast<Derived&>(*this).destroy_field(p);
        else
            std::destroy_at(p);
    }

protected:
    using info = soa_info<T>;
    using indices = typename info::indices;
    template <std::size_t K>
    using field = typename info::template field<K>;
    using seq = std::make_index_sequence<info::fields>;
    using leaves = soa_leaves_t<T>;
    // True when every column is a field of T (no field is flattened).
    static constexpr bool flat = std::is_same_v<soa_leaves_t<T>, soa_fields_t<T>>;

    constexpr const Derived& self() const noexcept { return static_cast<const Derived&>(*this); }
    template <std::size_t K>
    constexpr field<K>* at(std::size_t i) const noexcept {
        if constexpr (blocked())
            return self().template slot<K>(i);
        else
            return self().template col<K>() + i;
    }

public:
    using value_type = T;
    using reference = SoaRow<T, false>;
    using const_reference = SoaRow<T, true>;

    // The array of column K (null while capacity() is 0).
    template <std::size_t K>
    requires(!blocked()) field<K>
    *column_data() noexcept { return self().template col<K>(); }
    template <std::size_t K>
    requires(!blocked()) const field<K>* column_data() const noexcept {
        return self().template col<K>();
    }

    reference get(std::size_t i) noexcept { return row<false>(i, leaves{}, seq{}); }
    const_reference get(std::size_t i) const noexcept { return row<true>(i, leaves{}, seq{}); }

    template <class... Args>
    void put(std::size_t i, Args&&... args) {
        if constexpr (sizeof...(Args) == 1 && (std::is_same_v<std::remove_cvref_t<Args>, T> && ...))
            put_fields(i, std::forward<Args>(args)...);
        else if constexpr (sizeof...(Args) == 1 && (is_soa_row<std::remove_cvref_t<Args>> && ...))
            put_row(i, args...);
        else
            put_fields(i, detail::make_value<T>(std::forward<Args>(args)...));
    }
    T take(std::size_t i) {
        T value = buffers_rvalue(row<false>(i, leaves{}, seq{}));
        destroy(i);
        return value;
    }
    void destroy(std::size_t i) noexcept {
        if constexpr (!info::layout::trivially_destructible || builds_fields()) {
            [&]<std::size_t... K>(std::index_sequence<K...>) {
                (unbuild(at<K>(i)), ...);
            }
            (seq{});
        }
    }
    void destroy_range(std::size_t first, std::size_t last) noexcept {
        if constexpr (info::layout::trivially_destructible && !builds_fields()) {
            static_cast<void>(first);
            static_cast<void>(last);
        } else if constexpr (blocked() || builds_fields()) {
            for (std::size_t i = first; i < last; ++i)
                destroy(i);
        } else {
            [&]<std::size_t... K>(std::index_sequence<K...>) {
                (detail::destroy_n(at<K>(first), last - first), ...);
            }
            (seq{});
        }
    }
    void shift_right(std::size_t first, std::size_t last, std::size_t k) noexcept {
        if constexpr (blocked()) {
            for (std::size_t i = last; i-- > first;)
                relocate_slot(i, i + k);
        } else {
            [&]<std::size_t... K>(std::index_sequence<K...>) {
                (detail::relocate_within(at<K>(first), last - first, at<K>(first + k)), ...);
            }
            (seq{});
        }
    }
    void shift_left(std::size_t first, std::size_t last, std::size_t k) noexcept {
        if constexpr (blocked()) {
            for (std::size_t i = first; i < last; ++i)
                relocate_slot(i, i - k);
        } else {
            [&]<std::size_t... K>(std::index_sequence<K...>) {
                (detail::relocate_within(at<K>(first), last - first, at<K>(first - k)), ...);
            }
            (seq{});
        }
    }
    void relocate_slot(std::size_t from, std::size_t to) {
        [&]<std::size_t... K>(std::index_sequence<K...>) {
            (detail::relocate_n(at<K>(from), 1, at<K>(to)), ...);
        }
        (seq{});
    }
    // Relocates live rows into another SoA layout of T (an SvoBuffer moving between its inline
    // and heap parts, for instance). Strong guarantee.
    template <class D>
    requires(!blocked() && has_column_data<D>) void relocate_to(D& dst, Live live) {
        [&]<std::size_t... K>(std::index_sequence<K...>) {
            relocate_columns<T>(typename info::pointers{{self().template col<K>()...}},
                                typename info::pointers{{dst.template column_data<K>()...}}, live);
        }
        (seq{});
    }

private:
    template <bool Const, class... F, std::size_t... K>
    SoaRow<T, Const> row(std::size_t i, boost::mp11::mp_list<F...>,
                         std::index_sequence<K...>) const noexcept {
        if constexpr (blocked()) {
            return SoaRow<T, Const>(soa_row_tag{}, *at<K>(i)...);
        } else {
            const auto& p = self().columns();
            return SoaRow<T, Const>(soa_row_tag{}, static_cast<F*>(p.at[K])[i]...);
        }
    }

    // Builds field after field from one argument per field; if one throws, the fields already
    // built are destroyed.
    template <std::size_t... K, class... A>
    void put_each(std::size_t i, std::index_sequence<K...> ks, A&&... a) {
        put_each(i, leaves{}, ks, std::forward<A>(a)...);
    }
    template <class... F, std::size_t... K, class... A>
    void put_each(std::size_t i, boost::mp11::mp_list<F...>, std::index_sequence<K...>, A&&... a) {
        if constexpr (!blocked() && !builds_fields() &&
                      (detail::is_nothrow_constructible_v<F, A&&> && ...)) {
            const auto& p = self().columns();
            (detail::construct_at(static_cast<F*>(p.at[K]) + i, std::forward<A>(a)), ...);
        } else {
            std::size_t done = 0;
            detail::on_failure([&] { ((build(at<K>(i), std::forward<A>(a)), ++done), ...); },
                               [&] { ((K < done ? unbuild(at<K>(i)) : void()), ...); });
        }
    }
    template <class V>
    void put_fields(std::size_t i, V&& value) {
        if constexpr (flat) {
            soa_apply_fields(value, [&](auto&... f) {
                if constexpr (detail::is_lvalue_reference_v<V>)
                    put_each(i, seq{}, f...);
                else
                    put_each(i, seq{}, std::move(f)...);
            });
        } else {
            [&]<std::size_t... K>(std::index_sequence<K...>) {
                if constexpr (detail::is_lvalue_reference_v<V>)
                    put_each(i, seq{}, leaf_get<typename info::template path<K>>::apply(value)...);
                else
                    put_each(i, seq{},
                             std::move(leaf_get<typename info::template path<K>>::apply(value))...);
            }
            (seq{});
        }
    }
    template <bool C>
    void put_row(std::size_t i, const SoaRow<T, C>& r) {
        [&]<std::size_t... K>(std::index_sequence<K...>) {
            if constexpr (flat)
                put_each(i, seq{}, buffers::get<K>(r)...);
            else
                put_each(i, seq{}, leaf_get<typename info::template path<K>>::apply(r)...);
        }
        (seq{});
    }
};

// One column of an InlineSoaBuffer: N unconstructed slots, aligned like a heap column.
template <class F, std::size_t N, std::size_t Align>
struct alignas(Align) inline_column {
    constexpr inline_column() noexcept {}
    constexpr ~inline_column() {}
    inline_column(const inline_column&) = delete;
    inline_column& operator=(const inline_column&) = delete;
    union {
        F items[N];
    };
};
template <class F, std::size_t Align>
struct inline_column<F, 0, Align> {
    static constexpr F* items = nullptr;
};

// What the SoA buffers with all columns in one block share: the column pointers, the
// capacity, growth and shrinking. Derived says where blocks come from:
//   std::byte* allocate(std::size_t n)                  a block for n rows, null if refused
//   void deallocate(std::byte* block, std::size_t n)     gives back a block of n rows (or null)
// and, when it can grow a block with live rows without a second one,
//   static constexpr bool grows_in_place = true;  Status grow_in_place(std::size_t n, Live)
template <class Derived, class T>
class soa_block_columns : public soa_columns<Derived, T> {
    friend class soa_columns<Derived, T>;

protected:
    using info = soa_info<T>;
    using pointers = typename info::pointers;

public:
    std::size_t capacity() const noexcept { return cap_; }
    static constexpr std::size_t max_capacity() noexcept { return info::max_rows; }

    [[nodiscard]] Status try_grow(std::size_t n, Live live) {
        if (n <= cap_)
            return Status::ok;
        if (n > max_capacity())
            return Status::exceeds_max_capacity;
        return reallocate(n, live);
    }
    [[nodiscard]] Status try_shrink(std::size_t n, Live live) {
        n = std::max(n, live.end());
        if (n >= cap_)
            return Status::ok;
        if (n == 0) {
            release();
            return Status::ok;
        }
        return reallocate(n, live);
    }

protected:
    Derived& derived() noexcept { return static_cast<Derived&>(*this); }

    template <std::size_t K>
    typename info::template field<K>* col() const noexcept {
        return static_cast<typename info::template field<K>*>(cols_.at[K]);
    }
    const pointers& columns() const noexcept { return cols_; }
    std::byte* block() const noexcept { return static_cast<std::byte*>(cols_.at[0]); }

    // Takes other's block (this one holds no live rows).
    void take_block(soa_block_columns& other) noexcept {
        release();
        cols_ = detail::exchange(other.cols_, pointers{});
        cap_ = detail::exchange(other.cap_, 0);
    }
    void swap_block(soa_block_columns& other) noexcept {
        std::swap(cols_, other.cols_);
        std::swap(cap_, other.cap_);
    }
    void release() noexcept {
        derived().deallocate(block(), cap_);
        cols_ = pointers{};
        cap_ = 0;
    }
    // A new block of n rows (n >= live.end()), the live rows relocated into it. Strong
    // guarantee.
    Status reallocate(std::size_t n, Live live) {
        if constexpr (Derived::grows_in_place) {
            if (n > cap_ && !live.empty())
                return derived().grow_in_place(n, live);
        }
        std::byte* p = derived().allocate(n);
        if (p == nullptr)
            return Status::out_of_memory;
        const pointers fresh = info::columns_of(p, n);
        detail::on_failure([&] { detail::relocate_columns<T>(cols_, fresh, live); },
                           [&] { derived().deallocate(p, n); });
        derived().deallocate(block(), cap_);
        cols_ = fresh;
        cap_ = n;
        return Status::ok;
    }

    pointers cols_{};
    std::size_t cap_ = 0;
};

} // namespace detail

template <class T>
class SoaBuffer<T, SoaOneBlock> : public detail::soa_block_columns<SoaBuffer<T>, T> {
    using base = detail::soa_block_columns<SoaBuffer<T>, T>;
    using info = detail::soa_info<T>;
    using pointers = typename info::pointers;
    friend class detail::soa_columns<SoaBuffer<T>, T>;
    friend base;
    using base::block;
    using base::cap_;
    using base::cols_;

public:
    // SvoBuffer<SoaBuffer<T>, N> keeps its inline rows in columns too.
    template <std::size_t N>
    using inline_buffer = InlineSoaBuffer<T, N>;

    SoaBuffer() noexcept = default;
    SoaBuffer(SoaBuffer&& other, Live) noexcept { this->take_block(other); }
    SoaBuffer(copy_config_t, const SoaBuffer&) noexcept {}
    SoaBuffer(const SoaBuffer&) = delete;
    SoaBuffer& operator=(const SoaBuffer&) = delete;
    ~SoaBuffer() { this->release(); }

    void relocate_from(SoaBuffer& other, Live) noexcept { this->take_block(other); }
    void swap_with(SoaBuffer& other, Live, Live) noexcept { this->swap_block(other); }

    // Bytes of the one allocation behind n rows (columns plus alignment padding).
    static constexpr std::size_t block_bytes(std::size_t n) noexcept {
        return info::block_bytes(n);
    }

private:
    // Columns whose bytes are their values grow with realloc, as HeapBuffer does: the block
    // keeps its pages (a large block is remapped, not copied, and its pages are not faulted in
    // again), and the columns then slide up to their offsets for the new capacity. malloc only
    // aligns to 16 bytes, so the block starts 1 to `alignment` bytes into the allocation, and the
    // byte just before the block records how far.
    static constexpr bool use_realloc =
        info::alignment <= 256 && info::layout::trivially_relocatable;
    static constexpr bool grows_in_place = use_realloc;

    static std::size_t block_offset(const std::byte* raw) noexcept {
        return info::alignment - reinterpret_cast<std::uintptr_t>(raw) % info::alignment;
    }
    static std::byte* allocate(std::size_t n) noexcept {
        if constexpr (use_realloc) {
            auto* raw =
                static_cast<std::byte*>(std::malloc(info::block_bytes(n) + info::alignment));
            if (raw == nullptr)
                return nullptr;
            const std::size_t off = block_offset(raw);
            raw[off - 1] = static_cast<std::byte>(off - 1);
            return raw + off;
        } else {
            return static_cast<std::byte*>(::operator new (
                info::block_bytes(n), std::align_val_t{info::alignment}, std::nothrow));
        }
    }
    static void deallocate(std::byte* p, std::size_t = 0) noexcept {
        if (p == nullptr)
            return;
        if constexpr (use_realloc)
            std::free(p - (static_cast<std::size_t>(p[-1]) + 1));
        else
            ::operator delete (p, std::align_val_t{info::alignment});
    }

    // Grows a block with live rows in place (use_realloc only). Strong guarantee: realloc
    // either succeeds or leaves the block as it was; nothing after it can fail.
    Status grow_in_place(std::size_t n, Live live) noexcept {
        std::byte* old_block = block();
        const std::size_t old_off = static_cast<std::size_t>(old_block[-1]) + 1;
        auto* raw = static_cast<std::byte*>(
            std::realloc(old_block - old_off, info::block_bytes(n) + info::alignment));
        if (raw == nullptr)
            return Status::out_of_memory;
        const std::size_t off = block_offset(raw);
        std::byte* blk = raw + off;
        if (off != old_off)
            std::memmove(blk, raw + old_off, info::block_bytes(cap_));
        // Last column first: each moves up, into space no column still to move occupies.
        // Within a column, the highest range first, for the same reason.
        auto ranges = live.ranges();
        IndexRange order[2] = {};
        std::size_t count = 0;
        for (IndexRange r : ranges)
            order[count++] = r;
        if (count == 2 && order[0].first < order[1].first)
            std::swap(order[0], order[1]);
        for (std::size_t k = info::fields; k-- > 0;) {
            const std::size_t size = info::layout::sizes[k];
            const std::size_t from = info::offset_of(k, cap_);
            const std::size_t to = info::offset_of(k, n);
            if (from == to)
                continue;
            for (std::size_t j = 0; j < count; ++j)
                std::memmove(blk + to + order[j].first * size, blk + from + order[j].first * size,
                             order[j].size() * size);
        }
        blk[-1] = static_cast<std::byte>(off - 1);
        cols_ = info::columns_of(blk, n);
        cap_ = n;
        return Status::ok;
    }
};

// Columns from a column memory: each column a block of its own from C::source<field>. Growth
// and shrinking go column by column through the source (detail::resize_block): in place where
// it can, otherwise a new block for that column and its live ranges relocated. A failure or a
// throw in one column leaves every value where it was and capacity() as it was (columns grown
// before it keep their larger blocks).
template <class T, class C>
class SoaBuffer : public detail::soa_columns<SoaBuffer<T, C>, T> {
    using info = detail::soa_info<T>;
    using pointers = typename info::pointers;
    using indices = typename info::indices;
    friend class detail::soa_columns<SoaBuffer<T, C>, T>;
    template <std::size_t K>
    using field = typename info::template field<K>;
    template <std::size_t K>
    using source = typename C::template source<field<K>>;

public:
    // Columns in reserved ranges never move: collections grow them only in place.
    static constexpr bool stable = source<0>::stable;
    template <std::size_t N>
    using inline_buffer = InlineSoaBuffer<T, N>;

    SoaBuffer() noexcept = default;
    SoaBuffer(SoaBuffer&& other, Live) noexcept
        : cols_(detail::exchange(other.cols_, pointers{})),
          caps_(detail::exchange(other.caps_, {})) {}
    SoaBuffer(copy_config_t, const SoaBuffer&) noexcept {}
    SoaBuffer(const SoaBuffer&) = delete;
    SoaBuffer& operator=(const SoaBuffer&) = delete;
    ~SoaBuffer() { release(); }

    void relocate_from(SoaBuffer& other, Live) noexcept {
        release();
        cols_ = detail::exchange(other.cols_, pointers{});
        caps_ = detail::exchange(other.caps_, {});
    }
    void swap_with(SoaBuffer& other, Live, Live) noexcept {
        std::swap(cols_, other.cols_);
        std::swap(caps_, other.caps_);
    }

    // The rows every column holds.
    std::size_t capacity() const noexcept { return *std::min_element(caps_.begin(), caps_.end()); }
    static constexpr std::size_t max_capacity() noexcept {
        std::size_t m = info::max_rows;
        boost::mp11::mp_for_each<indices>(
            [&](auto k) { m = std::min(m, source<k>::max_capacity()); });
        return m;
    }

    [[nodiscard]] Status try_grow(std::size_t n, Live live) {
        if (n <= capacity())
            return Status::ok;
        if (n > max_capacity())
            return Status::exceeds_max_capacity;
        return each_column([&](auto k, auto& b) {
            source<k> src;
            return b.cap >= n ? Status::ok : detail::resize_block(src, b, n, live);
        });
    }
    [[nodiscard]] Status try_shrink(std::size_t n, Live live) {
        n = std::max(n, live.end());
        if (n >= capacity())
            return Status::ok;
        return each_column([&](auto k, auto& b) {
            source<k> src;
            if (n == 0 && !stable) {
                src.deallocate(detail::exchange(b, {}));
                return Status::ok;
            }
            return detail::resize_block(src, b, n, live);
        });
    }

private:
    template <std::size_t K>
    field<K>* col() const noexcept {
        return static_cast<field<K>*>(cols_.at[K]);
    }
    const pointers& columns() const noexcept { return cols_; }
    // Calls f(k, block of column k) for each column, storing the block back; stops at the
    // first failure.
    template <class F>
    Status each_column(F&& f) {
        Status result = Status::ok;
        boost::mp11::mp_for_each<indices>([&](auto k) {
            if (result != Status::ok)
                return;
            Block<field<k>*> b{col<k>(), caps_[k]};
            result = f(k, b);
            cols_.at[k] = b.ptr;
            caps_[k] = b.cap;
        });
        return result;
    }
    void release() noexcept {
        boost::mp11::mp_for_each<indices>([&](auto k) {
            source<k>::deallocate(Block<field<k>*>{col<k>(), caps_[k]});
        });
        cols_ = pointers{};
        caps_ = {};
    }

    pointers cols_{};
    std::array<std::size_t, info::fields> caps_{};
};

template <class T, std::size_t N>
class InlineSoaBuffer : public detail::soa_columns<InlineSoaBuffer<T, N>, T> {
    using info = detail::soa_info<T>;
    friend class detail::soa_columns<InlineSoaBuffer<T, N>, T>;

    template <std::size_t... K>
    static auto storage_type(std::index_sequence<K...>) -> std::tuple<
        detail::inline_column<typename info::template field<K>, N, info::alignment>...>;
    using storage = decltype(storage_type(std::make_index_sequence<info::fields>()));

public:
    template <std::size_t M>
    using inline_buffer = InlineSoaBuffer<T, M>;

    InlineSoaBuffer() noexcept = default;
    InlineSoaBuffer(InlineSoaBuffer&& other, Live live) noexcept(nothrow_fields()) {
        other.relocate_to(*this, live);
    }
    InlineSoaBuffer(copy_config_t, const InlineSoaBuffer&) noexcept {}
    InlineSoaBuffer(const InlineSoaBuffer&) = delete;
    InlineSoaBuffer& operator=(const InlineSoaBuffer&) = delete;

    void relocate_from(InlineSoaBuffer& other, Live live) noexcept(nothrow_fields()) {
        other.relocate_to(*this, live);
    }

    static constexpr std::size_t capacity() noexcept { return N; }
    static constexpr std::size_t max_capacity() noexcept { return N; }
    [[nodiscard]] static constexpr Status try_grow(std::size_t n, Live) noexcept {
        return n <= N ? Status::ok : Status::exceeds_max_capacity;
    }
    [[nodiscard]] static constexpr Status try_shrink(std::size_t, Live) noexcept {
        return Status::ok;
    }

private:
    static constexpr bool nothrow_fields() noexcept { return info::layout::nothrow_relocatable; }
    template <std::size_t K>
    typename info::template field<K>* col() const noexcept {
        if constexpr (N == 0)
            return nullptr;
        else
            return const_cast<typename info::template field<K>*>(std::get<K>(storage_).items);
    }
    typename info::pointers columns() const noexcept {
        return [&]<std::size_t... K>(std::index_sequence<K...>) {
            return typename info::pointers{{col<K>()...}};
        }
        (std::make_index_sequence<info::fields>());
    }

    storage storage_;
};

} // namespace buffers
