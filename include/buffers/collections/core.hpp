#pragma once

// CollectionCore<Derived, T, B, Slots>: everything a sequence collection over a buffer does,
// written once. Vector and Deque are this core with a slot mapping each (which buffer slot
// holds element i) and the members they publish; see docs/concepts.md for the layering.
//
//   Derived  names the collection (Derived::name and Derived::noun, for error messages) and is what
//   the
//            assignments and comparisons take and return.
//   B        the buffer: where the slots are, how they grow (core/concepts.hpp).
//   Slots    the mapping from element indices to slots and what follows from it: the capacity
//            the elements may use, the live ranges the buffer is told about, how a gap is
//            opened or closed in the middle, how growth and shrinking re-lay the slots.
//            IdentitySlots (vector.hpp): element i in slot i. RingSlots (deque.hpp): a ring.
//
// The core keeps the elements' count and the mapping's state; the algorithms (construction,
// assignment, growth and its errors, insert/erase/assign/resize, swap, comparisons) only ever
// name elements by index and ask Slots for the slots. Types whose move may throw are never
// shifted by relocation: they are appended and rotated into place with move assignment, so an
// exception leaves every element alive (basic guarantee) instead of a hole.

#include "../composite/default_buffer.hpp"
#include "../core/concepts.hpp"
#include "../core/config.hpp"
#include "../core/guard.hpp"
#include "../core/hooks.hpp"
#include "../core/live.hpp"
#include "../core/ops.hpp"
#include "../core/relocate.hpp"
#include "../core/sanitizer.hpp"
#include "../detail/index_iterator.hpp"
#include "../detail/std_support.hpp"
#include "../detail/traits.hpp"

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <new>
#include <tuple>
#include <type_traits>
#include <utility>

namespace buffers {
namespace detail {

// Old-style iterator categories, as std::vector's constructors accept them.
template <class It>
concept legacy_input_iterator = requires {
    typename std::iterator_traits<It>::iterator_category;
}
&&std::is_convertible_v<typename std::iterator_traits<It>::iterator_category,
                        std::input_iterator_tag>;

template <class It>
concept legacy_forward_iterator = legacy_input_iterator<It> &&
    std::is_convertible_v<typename std::iterator_traits<It>::iterator_category,
                          std::forward_iterator_tag>;

// The three-way comparison std::vector uses: <=> when the type has it, < otherwise.
struct synth_three_way {
    template <class A, class B>
    constexpr auto operator()(const A& a, const B& b) const {
        if constexpr (std::three_way_comparable_with<A, B>) {
            return a <=> b;
        } else {
            if (a < b)
                return std::weak_ordering::less;
            if (b < a)
                return std::weak_ordering::greater;
            return std::weak_ordering::equivalent;
        }
    }
};

// A string literal as a template argument: the collection's and members' names, joined at
// compile time into error locations ("buffers::Vector::at").
template <std::size_t N>
struct name_string {
    char chars[N]{};
    constexpr name_string(const char (&s)[N]) noexcept {
        for (std::size_t i = 0; i < N; ++i)
            chars[i] = s[i];
    }
    static constexpr std::size_t length = N - 1;
};

template <name_string... Parts>
struct joined {
    static constexpr auto value = [] {
        std::array<char, (decltype(Parts)::length + ... + 1)> out{};
        std::size_t k = 0;
        auto append = [&](const auto& part) {
            for (std::size_t i = 0; i < std::remove_cvref_t<decltype(part)>::length; ++i)
                out[k++] = part.chars[i];
        };
        (append(Parts), ...);
        return out;
    }();
};
template <name_string... Parts>
inline constexpr const char* joined_v = joined<Parts...>::value.data();

// Collections whose elements are rows of an SoA buffer with column arrays (a Vector or Deque
// over one): erase_if compacts them column by column.
// The columns under a row proxy type R: one per field it refers to, and those of each nested
// row proxy it holds by value (a flattened field, several columns).
template <class R>
consteval std::size_t row_column_count();
template <class E>
consteval std::size_t element_column_count() {
    if constexpr (std::is_reference_v<E>)
        return 1;
    else
        return row_column_count<E>();
}
// (No lambda inside the fold: clang 14 folds such a pack expansion to nothing.)
template <class R>
consteval std::size_t row_column_count() {
    return []<std::size_t... I>(std::index_sequence<I...>) {
        return (std::size_t{0} + ... + element_column_count<std::tuple_element_t<I, R>>());
    }
    (std::make_index_sequence<std::tuple_size<R>::value>());
}

template <class C, std::size_t... K>
inline constexpr bool columns_compact_nothrow =
    (detail::is_nothrow_move_assignable_v<std::remove_pointer_t<
         decltype(std::declval<typename C::buffer_type&>().template column_data<K>())>> &&
     ...);

// Where element i of a collection is, as erase_if sees it from outside: slot i when the
// collection iterates its buffer directly (Vector); otherwise in the runs of slots the
// collection publishes as live() (Deque: [head, cap) then [0, rest) when the ring wraps).
struct identity_slot {
    std::size_t operator()(std::size_t i) const noexcept { return i; }
};
struct run_slot {
    std::size_t first0 = 0, size0 = 0, first1 = 0;
    std::size_t operator()(std::size_t i) const noexcept {
        return i < size0 ? first0 + i : first1 + (i - size0);
    }
};
template <class C>
inline constexpr bool iterates_buffer =
    std::is_same_v<typename C::iterator, IndexIterator<typename C::buffer_type, false>>;
template <class C>
auto element_slots(const C& c) noexcept {
    if constexpr (iterates_buffer<C>) {
        return identity_slot{};
    } else {
        const auto runs = c.live().ranges();
        run_slot at;
        if (!runs.empty())
            at = run_slot{runs[0].first, runs[0].size(), runs.size() > 1 ? runs[1].first : 0};
        return at;
    }
}

template <class C>
concept soa_row_columns = requires(C& c) {
    c.buffer().template column_data<0>();
    std::tuple_size<typename C::reference>::value;
}
&&(iterates_buffer<C> || requires(const C& c) { c.live(); });

// Moves the kept values of src[0, count) (keep[k] != 0) to dst[0, ...), in order; returns how
// many. dst is src, or memory before it, or memory apart from it.
template <class F>
std::size_t compact_stretch(F* dst, F* src, std::size_t count, const unsigned char* keep) noexcept {
    std::size_t w = 0;
    if constexpr (detail::is_trivially_copyable_v<F>) {
        for (std::size_t k = 0; k < count; ++k) {
            dst[w] = src[k]; // written either way: no branch to mispredict
            w += keep[k];
        }
    } else {
        for (std::size_t k = 0; k < count; ++k)
            if (keep[k] != 0)
                dst[w++] = std::move(src[k]);
    }
    return w;
}
// Moves the kept elements of one column (element i in col[at(i)]) down, in order, from first
// on; returns the new end. A ring is done in stretches where neither the read nor the write
// index crosses the wrap, each the plain array loop.
template <class F>
std::size_t compact_column(F* col, identity_slot, std::size_t first, std::size_t n,
                           const unsigned char* keep) noexcept {
    return first + compact_stretch(col + first, col + first, n - first, keep);
}
template <class F>
std::size_t compact_column(F* col, run_slot at, std::size_t first, std::size_t n,
                           const unsigned char* keep) noexcept {
    std::size_t w = first;
    for (std::size_t i = first; i < n;) {
        std::size_t stop = n;
        if (i < at.size0)
            stop = std::min(stop, at.size0);
        if (w < at.size0) // w moves at most one step per element read
            stop = std::min(stop, i + (at.size0 - w));
        w += compact_stretch(col + at(w), col + at(i), stop - i, keep + (i - first));
        i = stop;
    }
    return w;
}

// SoA erase_if: a pass that evaluates pred on every row (each once, in order, as std::erase_if
// does) into a mask, then one compaction pass per column, through the collection's slots. A
// throw from pred changes nothing.
template <class C, class Pred>
typename C::size_type erase_if_columns(C& c, Pred& pred) {
    const std::size_t n = c.size();
    std::size_t first = 0;
    while (first < n && !pred(c[first]))
        ++first;
    if (first == n)
        return 0;
    struct mask {
        unsigned char* p;
        ~mask() { delete[] p; }
        unsigned char* get() const noexcept { return p; }
    } keep{new unsigned char[n - first]};
    keep.p[0] = 0;
    for (std::size_t i = first + 1; i < n; ++i)
        keep.p[i - first] = pred(c[i]) ? 0 : 1;
    const auto at = element_slots(c);
    std::size_t end = first;
    [&]<std::size_t... K>(std::index_sequence<K...>) {
        ((end = compact_column(c.buffer().template column_data<K>(), at, first, n, keep.get())),
         ...);
    }
    (std::make_index_sequence<row_column_count<typename C::reference>()>());
    c.erase(c.begin() + static_cast<std::ptrdiff_t>(end), c.end());
    return static_cast<typename C::size_type>(n - end);
}

// Removes the elements pred accepts from c (a collection over this core); returns how many.
// Not std::remove_if: its `*out = std::move(*it)` copies through SoA row proxies (a temporary
// proxy cannot tell a move from c[i] = c[j]); iter_move moves the fields.
template <class C, class Pred>
constexpr typename C::size_type erase_if(C& c, Pred& pred) {
    if constexpr (soa_row_columns<C>) {
        if constexpr ([]<std::size_t... K>(std::index_sequence<K...>) {
                          return columns_compact_nothrow<C, K...>;
                      }(std::make_index_sequence<row_column_count<typename C::reference>()>()))
            return erase_if_columns(c, pred);
    }
    auto out = std::find_if(c.begin(), c.end(), [&pred](auto&& e) { return pred(e); });
    if (out != c.end()) {
        for (auto it = std::next(out); it != c.end(); ++it) {
            if (!pred(*it)) {
                *out = std::ranges::iter_move(it);
                ++out;
            }
        }
    }
    const auto n = static_cast<typename C::size_type>(c.end() - out);
    c.erase(out, c.end());
    return n;
}

// RelocatableBuffer without Buffer's checks of T: what the constructors taking a buffer (or
// another collection's) are constrained on. Overload resolution for T's own special members
// (T holding a collection of T) must not ask whether T is movable.
template <class B>
concept relocatable_layout = detail::constructible_from<B, B&&, Live>;

// --- column-wise copies between SoA collections of one T --------------------------------

// Rows to copy column by column: src.template column<K>() is column K (a pointer, or anything
// indexable), row j of the copy is at index src.at(j) of every column, and src.aliases(&c)
// says whether the rows are collection c's own.
// The rows of a whole SoA collection, in its element order.
template <class C>
struct collection_columns {
    const C* c;
    decltype(element_slots(std::declval<const C&>())) slots;
    template <std::size_t K>
    const auto* column() const noexcept {
        return c->buffer().template column_data<K>();
    }
    std::size_t at(std::size_t j) const noexcept { return slots(j); }
    bool aliases(const void* collection) const noexcept { return collection == c; }
};
template <class C>
collection_columns<C> columns_of_collection(const C& c) noexcept {
    return {&c, element_slots(c)};
}

// Builds rows [p, p + k) of b's columns K, K + 1, ... from rows o, o + 1, ... of src, a column
// at a time; if a copy throws, the values built here are destroyed. (Recursion, not a fold:
// each column's undo must see the later columns fail.)
template <std::size_t K, std::size_t N, class B, class Src>
void put_columns(B& b, std::size_t p, std::size_t k, std::size_t o, const Src& src) {
    if constexpr (K < N) {
        auto* dst = b.template column_data<K>() + p;
        const auto col = src.template column<K>();
        std::size_t j = 0;
        on_failure(
            [&] {
                for (; j < k; ++j)
                    detail::construct_at(dst + j, col[src.at(o + j)]);
                put_columns<K + 1, N>(b, p, k, o, src);
            },
            [&] { detail::destroy_n(dst, j); });
    }
}

// Buffers that take rows column by column: column arrays whose fields are built by placement
// new (an allocator-aware buffer builds them through its allocator: its put, row by row).
template <class B>
concept column_copy_target = requires(B& b) {
    b.template column_data<0>();
}
&&!has_allocator_type<B>;
// Ranges append_range/insert_range copy column by column into a collection C: whole SoA
// collections of C's value type, with column arrays.
template <class C, class R>
concept column_copy_source = soa_row_columns<std::remove_cvref_t<R>> &&
                             std::is_same_v < typename std::remove_cvref_t<R>::value_type,
typename C::value_type > &&detail::is_copy_constructible_v<typename C::value_type>;

// A contiguous collection's count, kept as its end address (see CollectionCore::size_).
template <class T>
struct end_address {
    T* end = nullptr;
};

template <class Derived, class T, class B, class Slots>
class CollectionCore : public allocator_type_of<B> {
    // Nothing at class scope needs T complete (std::vector allows incomplete element types):
    // the checks of B run in the destructor; the member types and the constraints of the
    // special members ask only about B's layout (contiguous_layout, not ContiguousBuffer).
    static consteval bool check_buffer_of_t() {
        static_assert(check_buffer<B>(), "buffers: a collection over B needs B to model Buffer");
        static_assert(std::is_same_v<T, typename B::value_type>,
                      "buffers: a collection of T needs B::value_type to be T (a buffer of T)");
        static_assert(check_hooks<B>());
        return true;
    }

    friend Slots;
    template <class, bool>
    friend class IndexIterator;
    template <class C, class MakeSource>
    friend typename C::iterator insert_columns(C&, std::size_t, std::size_t, MakeSource);

protected:
    using Core = CollectionCore;

    // Iterators go straight to the buffer (pointers, when it is contiguous) where element i
    // is slot i; through the collection (a position: the collection and an index) otherwise.
    static constexpr bool identity = Slots::identity;
    static constexpr bool contiguous = identity && contiguous_layout<B>;
    // Under AddressSanitizer, the slots past the size are poisoned (see open_slots()).
    static constexpr bool annotated = BUFFERS_ANNOTATE_CONTAINERS && contiguous;
    // The capacity is a constant the buffer can never exceed (InlineBuffer): a push on a full
    // collection can only fail, so it fails from a [[noreturn]] path. Nothing that returns is
    // then called in a push loop, so the size stays in a register, and with a known count the
    // compiler drops the check altogether (as for boost::container::static_vector).
    static constexpr bool fixed_capacity = [] {
        if constexpr (has_constant_capacity<B>)
            return B::capacity() == B::max_capacity();
        else
            return false;
    }();
    // Insert/erase shift elements by relocation only when that cannot throw.
    static constexpr bool shift_by_relocation =
        is_nothrow_relocatable_v<T> && detail::is_nothrow_destructible_v<T>;
    static constexpr bool has_allocator = has_allocator_type<B>;
    using alloc_arg = typename allocator_or_none<B>::type;
    // Operations that build new values in new storage before the elements move (see
    // sibling()) need an empty buffer set up like this one and a way to adopt its storage.
    // Never for a buffer whose elements must not move (stable_v).
    static constexpr bool can_rebuild = [] {
        if constexpr (!has_relocate_from<B> || detail::stable_v<B>)
            return false;
        else if constexpr (has_allocator)
            return detail::is_constructible_v<B, const alloc_arg&>;
        else // a default buffer must adopt the new storage without allocating
            return detail::default_initializable<B> && nothrow_relocate_from_v<B>;
    }();
    // The buffer builds its values through an allocator's construct (pmr, scoped allocators).
    // Temporaries are built the same way, so that they get its allocator: a pmr string built
    // by its own constructor would allocate from the default resource.
    static constexpr bool allocator_constructs = has_allocator && custom_construct_v<B>;

public:
    using value_type = T;
    using buffer_type = B;
    using size_type = std::size_t;
    using difference_type = std::ptrdiff_t;
    using reference = typename B::reference;
    using const_reference = typename B::const_reference;
    using pointer = std::conditional_t<ref_layout<B>, T*, void>;
    using const_pointer = std::conditional_t<ref_layout<B>, const T*, void>;
    using iterator =
        std::conditional_t<contiguous, T*,
                           IndexIterator<std::conditional_t<identity, B, CollectionCore>, false>>;
    using const_iterator =
        std::conditional_t<contiguous, const T*,
                           IndexIterator<std::conditional_t<identity, B, CollectionCore>, true>>;
    using reverse_iterator = std::reverse_iterator<iterator>;
    using const_reverse_iterator = std::reverse_iterator<const_iterator>;

    // --- construction --------------------------------------------------------------------

    // Under AddressSanitizer, empty collections close their slots too (inline storage has
    // capacity from the start). Otherwise defaulted, without a constraint or an explicit
    // noexcept: both would ask, where the class is completed, whether B is
    // default-initializable, and clang then instantiates B's constexpr destructor, which
    // needs an incomplete T complete. Deleted when B has no default constructor.
    CollectionCore() requires(!annotated) = default;
    constexpr CollectionCore() noexcept(detail::is_nothrow_default_constructible_v<B>) requires(
        annotated&& detail::default_initializable<B>) {
        closed_after_construction();
    }
    // A collection over a given (empty) buffer: SliceBuffer storage, a configured allocator.
    constexpr explicit CollectionCore(B&& buffer) noexcept(
        detail::is_nothrow_constructible_v<B, B&&, Live>) requires relocatable_layout<B>
        : buf_(std::move(buffer), Live{}), at_(buf_) {
        closed_after_construction();
    }
    constexpr explicit CollectionCore(const alloc_arg& alloc) noexcept requires has_allocator
        : buf_(alloc),
          at_(buf_) {
        closed_after_construction();
    }

    constexpr explicit CollectionCore(size_type n) requires detail::default_initializable<B> {
        append_default(n, where<"">(), Request::exact);
        closed_after_construction();
    }
    constexpr CollectionCore(size_type n, B&& buffer) requires relocatable_layout<B>
        : buf_(std::move(buffer), Live{}), at_(buf_) {
        append_default(n, where<"">(), Request::exact);
        closed_after_construction();
    }
    constexpr CollectionCore(size_type n, const alloc_arg& alloc) requires has_allocator
        : buf_(alloc),
          at_(buf_) {
        append_default(n, where<"">(), Request::exact);
        closed_after_construction();
    }

    constexpr CollectionCore(size_type n,
                             const T& value) requires detail::default_initializable<B> {
        append_copies(n, value, where<"">(), Request::exact);
        closed_after_construction();
    }
    constexpr CollectionCore(size_type n, const T& value, B&& buffer) requires relocatable_layout<B>
        : buf_(std::move(buffer), Live{}), at_(buf_) {
        append_copies(n, value, where<"">(), Request::exact);
        closed_after_construction();
    }
    constexpr CollectionCore(size_type n, const T& value,
                             const alloc_arg& alloc) requires has_allocator : buf_(alloc),
                                                                              at_(buf_) {
        append_copies(n, value, where<"">(), Request::exact);
        closed_after_construction();
    }

    template <legacy_input_iterator It>
    requires detail::default_initializable<B>
    constexpr CollectionCore(It first, It last) {
        append_range(first, last, where<"">(), Request::exact);
        closed_after_construction();
    }
    template <legacy_input_iterator It>
    requires relocatable_layout<B>
    constexpr CollectionCore(It first, It last, B&& buffer)
        : buf_(std::move(buffer), Live{}), at_(buf_) {
        append_range(first, last, where<"">(), Request::exact);
        closed_after_construction();
    }
    template <legacy_input_iterator It>
    requires has_allocator constexpr CollectionCore(It first, It last, const alloc_arg& alloc)
        : buf_(alloc), at_(buf_) {
        append_range(first, last, where<"">(), Request::exact);
        closed_after_construction();
    }

    constexpr CollectionCore(
        std::initializer_list<T> il) requires detail::default_initializable<B> {
        append_range(il.begin(), il.end(), where<"">(), Request::exact);
        closed_after_construction();
    }
    constexpr CollectionCore(std::initializer_list<T> il, B&& buffer) requires relocatable_layout<B>
        : buf_(std::move(buffer), Live{}), at_(buf_) {
        append_range(il.begin(), il.end(), where<"">(), Request::exact);
        closed_after_construction();
    }
    constexpr CollectionCore(std::initializer_list<T> il,
                             const alloc_arg& alloc) requires has_allocator : buf_(alloc),
                                                                              at_(buf_) {
        append_range(il.begin(), il.end(), where<"">(), Request::exact);
        closed_after_construction();
    }

    // Unconstrained on T, as std::vector's: the constraints of special members are checked
    // where the class is completed, which may be before T is.
    constexpr CollectionCore(
        const CollectionCore& other) requires detail::constructible_from<B, copy_config_t, const B&>
        : buf_(copy_config, other.buf_), at_(buf_) {
        append_forward(other.begin(), other.size(), where<"">(), Request::exact);
        closed_after_construction();
    }
    constexpr CollectionCore(const CollectionCore& other,
                             const std::type_identity_t<alloc_arg>& alloc) requires has_allocator
        : buf_(alloc),
          at_(buf_) {
        append_forward(other.begin(), other.size(), where<"">(), Request::exact);
        closed_after_construction();
    }
    // Takes other's values (its storage, when the buffer can hand it over); other is empty.
    constexpr CollectionCore(CollectionCore&& other) noexcept(
        detail::is_nothrow_constructible_v<B, B&&, Live>) requires relocatable_layout<B>
        : CollectionCore(std::move(other), other.size(), moving{}) {}
    // Steals other's storage when the allocators are equal; moves the values one by one
    // otherwise. Cannot throw when the allocators always compare equal (as libstdc++'s).
    constexpr CollectionCore(
        CollectionCore&& other,
        const std::type_identity_t<alloc_arg>&
            alloc) noexcept(detail::is_nothrow_constructible_v<B, const alloc_arg&>&&
                                nothrow_relocate_from_v<B>) requires has_allocator : buf_(alloc) {
        const size_type n = other.size();
        buf_.relocate_from(other.buf_, other.live());
        take_state(other, n);
        closed_after_construction(&other);
    }

    constexpr ~CollectionCore() {
        static_assert(check_buffer_of_t());
        if constexpr (annotated)
            open_annotation(); // the storage may be reused by anything once it is given back
        destroy_all();
    }

    // --- assignment ----------------------------------------------------------------------

    constexpr CollectionCore& operator=(const CollectionCore& other) {
        if (this == &other)
            return *this;
        [[maybe_unused]] const auto open = open_slots();
        if constexpr (has_copy_config_from<B>) {
            clear();
            buf_.copy_config_from(other.buf_); // may release the storage
            set_size(0);
            at_.settle(*this);
        }
        assign(other.begin(), other.end());
        return *this;
    }
    // Cannot throw when the storage is always handed over: the buffer says so, or the
    // allocator propagates (it is adopted first) or always compares equal, as std::vector's.
    constexpr CollectionCore& operator=(CollectionCore&& other) noexcept(
        nothrow_move_assign()) requires has_relocate_from<B> {
        if (this == &other)
            return *this;
        [[maybe_unused]] const auto open = open_slots(&other);
        clear();
        if constexpr (has_move_config_from<B>)
            buf_.move_config_from(other.buf_);
        take_values(other);
        return *this;
    }
    constexpr Derived& operator=(std::initializer_list<T> il) {
        [[maybe_unused]] const auto open = open_slots();
        assign_range(il.begin(), il.end(), where<"operator=">());
        return self();
    }

    constexpr void assign(size_type n, const T& value) {
        constexpr const char* at = where<"assign">();
        [[maybe_unused]] const auto open = open_slots();
        if (n > capacity()) {
            // Built in new storage, then adopted (rebuilt): value, which may be an element, is
            // read before the elements go.
            if (rebuilt(n, at, [&](Core& fresh) { fresh.append_copies(n, value, at); }))
                return;
            T copy(value); // value may be an element
            clear();
            grow_to(n, at);
            append_copies(n, copy, at);
            return;
        }
        const size_type common = std::min(n, size());
        std::fill_n(begin(), common, value);
        if (n > size())
            append_copies(n - size(), value, at);
        else
            erase_at_end(n);
    }
    template <legacy_input_iterator It>
    constexpr void assign(It first, It last) {
        [[maybe_unused]] const auto open = open_slots();
        assign_range(first, last, where<"assign">());
    }
    constexpr void assign(std::initializer_list<T> il) { assign(il.begin(), il.end()); }

    constexpr auto get_allocator() const noexcept requires has_allocator {
        return buf_.get_allocator();
    }

    // The buffer itself, for its own members (is_inline(), column_data<K>(), ...). Adding or
    // removing values through it, behind the collection's back, breaks the collection.
    constexpr B& buffer() noexcept { return buf_; }
    constexpr const B& buffer() const noexcept { return buf_; }

    // --- element access ------------------------------------------------------------------

    constexpr reference at(size_type i) {
        check_index(i);
        return get(i);
    }
    constexpr const_reference at(size_type i) const {
        check_index(i);
        return get(i);
    }
    constexpr reference operator[](size_type i) {
        BUFFERS_ASSERT(i < size(), where<"operator[]">(), "index out of range");
        return get(i);
    }
    constexpr const_reference operator[](size_type i) const {
        BUFFERS_ASSERT(i < size(), where<"operator[]">(), "index out of range");
        return get(i);
    }
    constexpr reference front() {
        BUFFERS_ASSERT(size() > 0, where<"front">(), empty_message());
        return buf_.get(at_.front_slot(*this));
    }
    constexpr const_reference front() const {
        BUFFERS_ASSERT(size() > 0, where<"front">(), empty_message());
        return buf_.get(at_.front_slot(*this));
    }
    constexpr reference back() {
        BUFFERS_ASSERT(size() > 0, where<"back">(), empty_message());
        return get(size() - 1);
    }
    constexpr const_reference back() const {
        BUFFERS_ASSERT(size() > 0, where<"back">(), empty_message());
        return get(size() - 1);
    }

    // --- iterators -----------------------------------------------------------------------

    constexpr iterator begin() noexcept { return make_iter(0); }
    constexpr const_iterator begin() const noexcept { return make_citer(0); }
    constexpr iterator end() noexcept { return make_iter(size()); }
    constexpr const_iterator end() const noexcept { return make_citer(size()); }
    constexpr const_iterator cbegin() const noexcept { return begin(); }
    constexpr const_iterator cend() const noexcept { return end(); }
    constexpr reverse_iterator rbegin() noexcept { return reverse_iterator(end()); }
    constexpr const_reverse_iterator rbegin() const noexcept {
        return const_reverse_iterator(end());
    }
    constexpr reverse_iterator rend() noexcept { return reverse_iterator(begin()); }
    constexpr const_reverse_iterator rend() const noexcept {
        return const_reverse_iterator(begin());
    }
    constexpr const_reverse_iterator crbegin() const noexcept { return rbegin(); }
    constexpr const_reverse_iterator crend() const noexcept { return rend(); }

    // --- capacity ------------------------------------------------------------------------

    [[nodiscard]] constexpr bool empty() const noexcept { return size() == 0; }
    constexpr size_type size() const noexcept {
        if constexpr (contiguous)
            return static_cast<size_type>(size_.end - buf_.data());
        else
            return size_;
    }
    constexpr size_type max_size() const noexcept {
        return std::min(buf_.max_capacity(),
                        static_cast<size_type>(PTRDIFF_MAX) / std::max<size_type>(sizeof(T), 1));
    }
    // Elements held before the next push at the back grows the buffer.
    constexpr size_type capacity() const noexcept { return at_.capacity(*this); }
    // Asks the buffer for exactly n slots (a growth policy does not round an explicit request
    // up; a buffer may, to its natural unit: whole pages, whole blocks).
    constexpr void reserve(size_type n) {
        constexpr const char* at = where<"reserve">();
        if (n > max_size())
            raise_at<length_error>(at, "n exceeds max_size()");
        if (n > capacity()) {
            [[maybe_unused]] const auto open = open_slots();
            grow_to(n, at);
        }
    }
    // reserve(n) that reports instead of throwing: Status::ok when capacity() >= n afterwards;
    // otherwise nothing changed (size, capacity, storage, elements) and the Status says why:
    // unsupported (the buffer cannot grow at all: an InlineBuffer, a SliceBuffer, a full
    // reservation), exceeds_max_capacity (n is over max_size()), out_of_memory (refused).
    // Exceptions from T's relocation propagate, with the same strong guarantee.
    [[nodiscard]] constexpr Status try_reserve(size_type n) {
        if (n <= capacity())
            return Status::ok;
        if (fixed_capacity || buf_.capacity() >= buf_.max_capacity())
            return Status::unsupported;
        return try_grow_to(n);
    }
    // Non-binding, as for std::vector: a buffer that cannot shrink keeps its capacity.
    constexpr void shrink_to_fit() noexcept { shrink_to(size()); }
    // Releases capacity above max(n, size()); never a live element. As
    // std::vector::shrink_to_fit, a failed copy or allocation leaves the collection as it was.
    // capacity() never grows: a mapping that used fewer slots than the buffer had (a ring
    // that kept its modulus) keeps its state when the buffer did not shrink below it.
    constexpr void shrink_to(size_type n) noexcept {
        n = std::max(n, size());
        const size_type before = capacity();
        if (n >= before || !at_.prepare_shrink(*this))
            return;
        [[maybe_unused]] const auto open = open_slots();
        const size_type k = size();
        const Slots kept = at_;
        ignoring_failure([&] { (void)buf_.try_shrink(n, live()); });
        set_size(k);
        at_.settle(*this);
        if (capacity() > before)
            at_ = kept; // the elements kept their slots, all below before <= the buffer's capacity
    }

    // --- modifiers -----------------------------------------------------------------------

    constexpr void clear() noexcept(detail::is_nothrow_destructible_v<T>) {
        [[maybe_unused]] const auto open = open_slots();
        erase_at_end(0);
        at_.settle(*this);
    }

    template <class... Args>
    constexpr reference emplace_back(Args&&... args) {
        if constexpr (fixed_capacity) {
            if (size() == capacity()) [[unlikely]]
                full(where<"push_back">());
        } else if (size() == capacity()) [[unlikely]] {
            return emplace_back_slow(std::forward<Args>(args)...);
        }
        return put_back(std::forward<Args>(args)...);
    }
    constexpr void push_back(const T& value) { emplace_back(value); }
    constexpr void push_back(T&& value) { emplace_back(std::move(value)); }

    // Like emplace_back, but reports a full buffer instead of throwing (C++26
    // inplace_vector's try_emplace_back): returns a pointer to the new element (or true), or
    // null (false) with the collection unchanged. Exceptions from T's constructor propagate.
    template <class... Args>
    constexpr auto try_emplace_back(Args&&... args) {
        return try_emplace_at_end<true>(std::forward<Args>(args)...);
    }
    constexpr auto try_push_back(const T& value) { return try_emplace_back(value); }
    constexpr auto try_push_back(T&& value) { return try_emplace_back(std::move(value)); }

    constexpr void pop_back() noexcept(detail::is_nothrow_destructible_v<T>) {
        BUFFERS_ASSERT(size() > 0, where<"pop_back">(), empty_message());
        shrink_size(1);
        buf_.destroy(slot(size()));
        if constexpr (annotated)
            annotate_boundary(size() + 1, size());
    }

    template <class... Args>
    constexpr iterator emplace(const_iterator pos, Args&&... args) {
        constexpr const char* at = where<"emplace">();
        const size_type i = index_of(pos, at);
        [[maybe_unused]] const auto open = open_slots();
        if (i == size()) {
            emplace_back(std::forward<Args>(args)...);
            return make_iter(i);
        }
        if constexpr (Slots::two_ended) {
            if (i == 0) {
                emplace_front(std::forward<Args>(args)...);
                return make_iter(i);
            }
        }
        if constexpr (shift_by_relocation) {
            if (size() == capacity() &&
                insert_in_new_storage(i, 1, at, [&](B& b, size_type p, size_type, size_type) {
                    b.put(p, std::forward<Args>(args)...);
                }))
                return make_iter(i);
            // Built first: the arguments may refer to elements that are about to move.
            T value = make_temporary(std::forward<Args>(args)...);
            reserve_for(1, at);
            fill_gap(i, 1,
                     [&](size_type p, size_type, size_type) { buf_.put(p, std::move(value)); });
            return make_iter(i);
        } else {
            if constexpr (Slots::two_ended) {
                if (i < size() / 2) {
                    emplace_front(std::forward<Args>(args)...);
                    std::rotate(begin(), begin() + 1, make_iter(i + 1));
                    return make_iter(i);
                }
            }
            emplace_back(std::forward<Args>(args)...);
            rotate_into(i, size() - 1);
            return make_iter(i);
        }
    }
    constexpr iterator insert(const_iterator pos, const T& value) { return emplace(pos, value); }
    constexpr iterator insert(const_iterator pos, T&& value) {
        return emplace(pos, std::move(value));
    }
    constexpr iterator insert(const_iterator pos, size_type n, const T& value) {
        constexpr const char* at = where<"insert">();
        const size_type i = index_of(pos, at);
        [[maybe_unused]] const auto open = open_slots();
        if (n == 0)
            return make_iter(i);
        if (i == size()) {
            append_copies_aliased(n, value, at);
        } else if constexpr (shift_by_relocation) {
            auto fill = [&](const T& v) {
                return [&](B& b, size_type p, size_type k, size_type) {
                    buffers::put_copies(b, p, k, v);
                };
            };
            if (n > capacity() - size() && insert_in_new_storage(i, n, at, fill(value)))
                return make_iter(i);
            T copy = make_temporary(value); // value may be an element
            reserve_for(n, at);
            fill_gap(i, n,
                     [&](size_type p, size_type k, size_type o) { fill(copy)(buf_, p, k, o); });
        } else {
            const size_type old = size();
            append_copies_aliased(n, value, at);
            rotate_into(i, old);
        }
        return make_iter(i);
    }
    template <legacy_input_iterator It>
    constexpr iterator insert(const_iterator pos, It first, It last) {
        constexpr const char* at = where<"insert">();
        const size_type i = index_of(pos, at);
        [[maybe_unused]] const auto open = open_slots();
        if constexpr (legacy_forward_iterator<It> && shift_by_relocation) {
            const auto n = static_cast<size_type>(std::distance(first, last));
            if (n == 0)
                return make_iter(i);
            auto fill = [&](B& b, size_type p, size_type k, size_type offset) {
                buffers::put_range(b, p, std::next(first, static_cast<difference_type>(offset)), k);
            };
            if (i == size()) {
                append_forward(first, n, at);
            } else if (n > capacity() - size() && insert_in_new_storage(i, n, at, fill)) {
                return make_iter(i);
            } else {
                reserve_for(n, at);
                fill_gap(i, n, [&](size_type p, size_type k, size_type o) { fill(buf_, p, k, o); });
            }
        } else {
            const size_type old = size();
            append_range(first, last, at);
            if (i != old)
                rotate_into(i, old);
        }
        return make_iter(i);
    }
    constexpr iterator insert(const_iterator pos, std::initializer_list<T> il) {
        return insert(pos, il.begin(), il.end());
    }

    // C++23's insert_range and append_range: the elements of any input range (a std::vector,
    // a view, the rows of another collection) at pos, or at the end. Ranges whose iterators the
    // iterator-pair insert takes go through it (counted once and built in place when they are
    // forward ranges); others are appended one by one and rotated into place.
    template <std::ranges::input_range R>
    requires detail::constructible_from<T, std::ranges::range_reference_t<R>>
        iterator insert_range(const_iterator pos, R&& rg) {
        if constexpr (column_copy_target<B> && column_copy_source<CollectionCore, R>) {
            // Another SoA table (or this one): each column copied in one pass.
            const size_type i = index_of(pos, where<"insert_range">());
            auto make_source = [&rg] { return columns_of_collection(std::as_const(rg)); };
            return insert_columns_at(i, static_cast<size_type>(rg.size()), make_source);
        } else if constexpr (std::ranges::common_range<R> &&
                             legacy_input_iterator<std::ranges::iterator_t<R>>) {
            return insert(pos, std::ranges::begin(rg), std::ranges::end(rg));
        } else {
            const size_type i = index_of(pos, where<"insert_range">());
            [[maybe_unused]] const auto open = open_slots();
            const size_type old = size();
            for (auto&& x : rg)
                emplace_back(std::forward<decltype(x)>(x));
            if (i != old)
                rotate_into(i, old);
            return make_iter(i);
        }
    }
    template <std::ranges::input_range R>
    requires detail::constructible_from<T, std::ranges::range_reference_t<R>>
    constexpr void append_range(R&& rg) { insert_range(end(), std::forward<R>(rg)); }

    constexpr iterator erase(const_iterator pos) {
        constexpr const char* at = where<"erase">();
        const size_type i = index_of(pos, at);
        BUFFERS_ASSERT(i < size(), at, "erase(end()) or an invalid iterator");
        [[maybe_unused]] const auto open = open_slots();
        return erase_range(i, i + 1);
    }
    constexpr iterator erase(const_iterator first, const_iterator last) {
        constexpr const char* at = where<"erase">();
        const size_type i = index_of(first, at);
        const size_type j = index_of(last, at);
        BUFFERS_ASSERT(i <= j, at, "first is after last");
        [[maybe_unused]] const auto open = open_slots();
        return erase_range(i, j);
    }

    constexpr void resize(size_type n) {
        [[maybe_unused]] const auto open = open_slots();
        if (n < size())
            erase_at_end(n);
        else
            append_default(n - size(), where<"resize">());
    }
    constexpr void resize(size_type n, const T& value) {
        [[maybe_unused]] const auto open = open_slots();
        if (n < size())
            erase_at_end(n);
        else
            append_copies_aliased(n - size(), value, where<"resize">());
    }

    constexpr void swap(Derived& other) noexcept(nothrow_swap()) {
        Core& that = other;
        if (this == &that)
            return;
        [[maybe_unused]] const auto open = open_slots(&that);
        if constexpr (swaps_elements())
            swap_elements(that);
        else
            swap_buffers(that);
    }
    friend constexpr void swap(Derived& a, Derived& b) noexcept(noexcept(a.swap(b))) { a.swap(b); }

    // --- comparison ----------------------------------------------------------------------

    // Unconstrained, as the standard containers' (a collection of a type with only < is still
    // totally_ordered by declaration); comparing elements without == fails where it is used.
    friend constexpr bool operator==(const Derived& a, const Derived& b) {
        return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
    }
    friend constexpr auto operator<=>(const Derived& a, const Derived& b) requires
        requires(const T& x) {
        x < x;
    } || std::three_way_comparable<T> {
        return std::lexicographical_compare_three_way(a.begin(), a.end(), b.begin(), b.end(),
                                                      synth_three_way{});
    }

protected:
    // "buffers::<collection>::<member>"; the constructors' location is "...::<collection>".
    template <name_string Member>
    static constexpr const char* where() noexcept {
        if constexpr (decltype(Member)::length == 0)
            return joined_v<"buffers::", Derived::name, "::", Derived::name>;
        else
            return joined_v<"buffers::", Derived::name, "::", Member>;
    }

    // Precondition messages: "the vector is empty", "iterator does not point into this deque".
    static constexpr const char* empty_message() noexcept {
        return joined_v<"the ", Derived::noun, " is empty">;
    }
    static constexpr const char* foreign_message() noexcept {
        return joined_v<"iterator does not point into this ", Derived::noun>;
    }

    constexpr Derived& self() noexcept { return static_cast<Derived&>(*this); }

    // The move constructor, told other's count before other's storage moves.
    struct moving {};
    constexpr CollectionCore(CollectionCore&& other, size_type n,
                             moving) noexcept(detail::is_nothrow_constructible_v<B, B&&, Live>)
        : buf_(std::move(other.buf_), other.live()) {
        take_state(other, n);
        closed_after_construction(&other);
    }

    // The slots that hold the elements, in order (what the buffer is told on growth).
    constexpr Live live() const noexcept { return at_.live(*this); }
    constexpr size_type slot(size_type i) const noexcept { return at_.slot(*this, i); }

    // What the iterators dereference.
    constexpr reference get(size_type i) { return buf_.get(slot(i)); }
    constexpr const_reference get(size_type i) const { return buf_.get(slot(i)); }

    // --- members a mapping with a cheap front publishes (Deque) ---------------------------

    template <class... Args>
    constexpr reference emplace_front(Args&&... args) requires Slots::two_ended {
        if (size() == capacity()) [[unlikely]]
            return emplace_front_slow(std::forward<Args>(args)...);
        const size_type p = at_.before_front(*this);
        buf_.put(p, std::forward<Args>(args)...);
        at_.grew_front(*this, 1);
        grow_size(1);
        return buf_.get(p);
    }
    template <class... Args>
    constexpr auto try_emplace_front(Args&&... args) requires Slots::two_ended {
        return try_emplace_at_end<false>(std::forward<Args>(args)...);
    }
    void pop_front() noexcept(detail::is_nothrow_destructible_v<T>) requires Slots::two_ended {
        BUFFERS_ASSERT(size() > 0, where<"pop_front">(), empty_message());
        const size_type p = at_.front_slot(*this);
        at_.drop_front(*this, 1);
        shrink_size(1);
        buf_.destroy(p);
    }

    // Builds a new last element in a free slot.
    template <class... Args>
    constexpr reference put_back(Args&&... args) {
        const size_type n = size();
        const size_type p = slot(n);
        if constexpr (annotated) {
            annotate_boundary(n, n + 1);
            on_failure([&] { buf_.put(p, std::forward<Args>(args)...); },
                       [&] { annotate_boundary(n + 1, n); });
        } else {
            buf_.put(p, std::forward<Args>(args)...);
        }
        grow_size(1);
        return buf_.get(p);
    }

    // --- AddressSanitizer container annotations (core/sanitizer.hpp) ----------------------

    // Under AddressSanitizer the slots of a contiguous collection past its size are
    // unaddressable whenever no member of it runs. A member that may touch them opens them
    // for its scope (open_slots(), and of the other collection too for moves and swaps);
    // push and pop move the boundary by one slot. Without AddressSanitizer none of this
    // exists: open_slots() returns an int and the rest is never instantiated.

#if BUFFERS_ANNOTATE_CONTAINERS
    class slots_open {
    public:
        constexpr slots_open(Core& a, Core* b) noexcept {
            if (std::is_constant_evaluated())
                return;
            enter(a);
            if (b != nullptr)
                enter(*b);
        }
        slots_open(const slots_open&) = delete;
        slots_open& operator=(const slots_open&) = delete;
        constexpr ~slots_open() {
            while (n_ > 0) {
                --n_;
                owners_[n_]->close_annotation();
                annotation_scope::innermost() = scopes_[n_].outer;
            }
        }

    private:
        void enter(Core& c) noexcept {
            if (annotation_scope::is_open(&c))
                return;
            c.open_annotation();
            scopes_[n_] = annotation_scope{&c, annotation_scope::innermost()};
            annotation_scope::innermost() = &scopes_[n_];
            owners_[n_++] = &c;
        }
        Core* owners_[2]{};
        annotation_scope scopes_[2]{};
        int n_ = 0;
    };
#endif
    constexpr auto open_slots([[maybe_unused]] Core* other = nullptr) noexcept {
#if BUFFERS_ANNOTATE_CONTAINERS
        if constexpr (annotated)
            return slots_open(*this, other);
        else
            return 0;
#else
        return 0;
#endif
    }
    constexpr void open_annotation() noexcept {
#if BUFFERS_ANNOTATE_CONTAINERS
        if (std::is_constant_evaluated())
            return;
        detail::open_slots(buf_.data(), capacity() * sizeof(T));
#endif
    }
    constexpr void close_annotation() noexcept {
#if BUFFERS_ANNOTATE_CONTAINERS
        if (std::is_constant_evaluated())
            return;
        detail::close_slots(buf_.data(), capacity() * sizeof(T), size() * sizeof(T));
#endif
    }
    constexpr void annotate_boundary([[maybe_unused]] size_type from,
                                     [[maybe_unused]] size_type to) noexcept {
#if BUFFERS_ANNOTATE_CONTAINERS
        if (!std::is_constant_evaluated() && !annotation_scope::is_open(this))
            detail::move_boundary(buf_.data(), capacity() * sizeof(T), from * sizeof(T),
                                  to * sizeof(T));
#endif
    }
    // A constructor that built elements (and took other's) closes the slots.
    constexpr void closed_after_construction([[maybe_unused]] Core* other = nullptr) noexcept {
        if constexpr (annotated) {
            close_annotation();
            if (other != nullptr)
                other->close_annotation();
        }
    }

    // --- members a contiguous mapping publishes (Vector) -----------------------------------

    // Appends without a capacity check (asserted in debug builds): for loops that reserved.
    template <class... Args>
    constexpr reference unchecked_emplace_back(Args&&... args) {
        BUFFERS_ASSERT(size() < capacity(), where<"unchecked_emplace_back">(), "no capacity left");
        return put_back(std::forward<Args>(args)...);
    }

    // --- indices, iterators --------------------------------------------------------------

    constexpr iterator make_iter(size_type i) noexcept {
        if constexpr (contiguous)
            return buf_.data() + i;
        else
            return iterator(iterated(), static_cast<difference_type>(i));
    }
    constexpr const_iterator make_citer(size_type i) const noexcept {
        if constexpr (contiguous)
            return buf_.data() + i;
        else
            return const_iterator(iterated(), static_cast<difference_type>(i));
    }
    constexpr auto* iterated() noexcept {
        if constexpr (identity)
            return &buf_;
        else
            return this;
    }
    constexpr const auto* iterated() const noexcept {
        if constexpr (identity)
            return &buf_;
        else
            return this;
    }
    constexpr size_type index_of(const_iterator pos, const char* at) const noexcept {
        (void)at;
        if constexpr (contiguous) {
            // Compared as addresses: subtracting a pointer into another array is undefined.
            // (Constant evaluation checks that itself.)
            if (!std::is_constant_evaluated()) {
                const auto p = reinterpret_cast<std::uintptr_t>(pos);
                const auto b = reinterpret_cast<std::uintptr_t>(buf_.data());
                BUFFERS_ASSERT(p >= b && p <= b + size() * sizeof(T) && (p - b) % sizeof(T) == 0,
                               at, foreign_message());
            }
            return static_cast<size_type>(pos - cbegin());
        } else {
            const difference_type i = pos.index();
            BUFFERS_ASSERT(pos.buffer() == iterated() && i >= 0 &&
                               static_cast<size_type>(i) <= size(),
                           at, foreign_message());
            return static_cast<size_type>(i);
        }
    }
    constexpr void check_index(size_type i) const {
        if (i >= size())
            raise_at<out_of_range>(where<"at">(), "index out of range");
    }

    // --- growth --------------------------------------------------------------------------

    // Growth the collection does on its own (push_back, emplace, insert, resize) asks for the
    // buffer's next_capacity: its growth policy, or doubling (ops.hpp), so that it is amortised
    // O(1) over any buffer. Requests for a known size (reserve, construction, assign, swap) are
    // exact: the buffer gets what they ask for, and a growth policy does not round them up.
    enum class Request : bool { exact, amortized };
    // The capacity to ask for when the collection itself grows to hold n elements.
    constexpr size_type amortized(size_type n) const noexcept {
        const size_type target = buffers::next_capacity(buf_, n);
        return target < n ? n : std::max(n, std::min(target, max_size()));
    }

    // try_grow_to never throws for lack of capacity; grow_to does.
    constexpr Status try_grow_to(size_type n) {
        if (n > max_size())
            return Status::exceeds_max_capacity;
        return at_.grow(*this, n);
    }
    constexpr void grow_to(size_type n, const char* at) {
        if (n > max_size())
            raise_at<length_error>(at, "size would exceed max_size()");
        const Status s = try_grow_to(n);
        if (s == Status::ok)
            return;
        if (s == Status::out_of_memory)
            raise_at<std::bad_alloc>(at, "out of memory");
        if (s == Status::exceeds_max_capacity)
            raise_at<length_error>(at, "the buffer is full (max capacity)");
        raise_at<length_error>(at, "the buffer cannot grow");
    }
    // Room for k more elements.
    constexpr void reserve_for(size_type k, const char* at, Request r = Request::amortized) {
        if (k > max_size() - size())
            raise_at<length_error>(at, "size would exceed max_size()");
        if (size() + k > capacity())
            grow_to(r == Request::exact ? size() + k : amortized(size() + k), at);
    }

    // What reserve_for(1) raises on a full fixed-capacity buffer.
    [[noreturn, gnu::cold, gnu::noinline]] static constexpr void full(const char* at) {
        raise_at<length_error>(at, "size would exceed max_size()");
    }

    template <class... Args>
    [[gnu::noinline]] constexpr reference emplace_back_slow(Args&&... args) {
        constexpr const char* at = where<"push_back">();
        [[maybe_unused]] const auto open = open_slots();
        if constexpr (allocator_constructs && can_rebuild) {
            // Built by the allocator straight into the new storage: no temporary without it.
            if (insert_in_new_storage(size(), 1, at, [&](B& b, size_type p, size_type, size_type) {
                    b.put(p, std::forward<Args>(args)...);
                }))
                return get(size() - 1);
            // The new storage could not be had (an allocation failed). Growing in place may
            // still succeed, and an argument may be an element that growth frees: the
            // temporary below is built first.
        }
        if constexpr (detail::is_move_constructible_v<T>) {
            // Built before growth moves the elements: the arguments may refer to one of them.
            T value = make_value<T>(std::forward<Args>(args)...);
            const size_type old_capacity = capacity();
            reserve_for(1, at);
            put_after_growth<true>(old_capacity, detail::move_if_noexcept(value));
        } else {
            reserve_for(1, at);
            buf_.put(slot(size()), std::forward<Args>(args)...);
            grow_size(1);
        }
        return get(size() - 1);
    }
    template <class... Args>
    [[gnu::noinline]] constexpr reference emplace_front_slow(Args&&... args) {
        constexpr const char* at = where<"push_front">();
        if constexpr (detail::is_move_constructible_v<T>) {
            T value = make_value<T>(std::forward<Args>(args)...);
            const size_type old_capacity = capacity();
            reserve_for(1, at);
            put_after_growth<false>(old_capacity, detail::move_if_noexcept(value));
        } else {
            reserve_for(1, at);
            emplace_front(std::forward<Args>(args)...);
        }
        return get(0);
    }

    // Puts a new first or last element after a growth; if that throws, gives the new capacity
    // back too, so a failed push leaves no trace (as std::vector's).
    template <bool Back, class... Args>
    constexpr void put_after_growth(size_type old_capacity, Args&&... args) {
        on_failure(
            [&] {
                if constexpr (Back) {
                    buf_.put(slot(size()), std::forward<Args>(args)...);
                    grow_size(1);
                } else {
                    emplace_front(std::forward<Args>(args)...);
                }
            },
            [&] { shrink_to(old_capacity); });
    }

    template <bool Back, class... Args>
    constexpr auto try_emplace_at_end(Args&&... args) {
        using result = std::conditional_t<RefBuffer<B>, T*, bool>;
        [[maybe_unused]] const auto open = open_slots();
        if (size() == capacity()) {
            if (size() >= max_size())
                return result{};
            const size_type old_capacity = capacity();
            if constexpr (detail::is_move_constructible_v<T>) {
                // Built before growth moves the elements: the arguments may refer to one.
                T value = make_value<T>(std::forward<Args>(args)...);
                if (try_grow_to(amortized(size() + 1)) != Status::ok)
                    return result{};
                put_after_growth<Back>(old_capacity, detail::move_if_noexcept(value));
            } else {
                if (try_grow_to(amortized(size() + 1)) != Status::ok)
                    return result{};
                put_after_growth<Back>(old_capacity, std::forward<Args>(args)...);
            }
        } else if constexpr (Back) {
            emplace_back(std::forward<Args>(args)...);
        } else {
            emplace_front(std::forward<Args>(args)...);
        }
        if constexpr (RefBuffer<B>)
            return std::addressof(get(Back ? size() - 1 : 0));
        else
            return true;
    }

    // --- filling slots -------------------------------------------------------------------

    // Calls f(first_slot, count, offset) for the runs of slots that hold indices [i, i + n)
    // (one run, or two when the mapping wraps), offset being the index of the run's first
    // element minus i.
    template <class F>
    constexpr void for_runs(size_type i, size_type n, F&& f) const {
        const auto runs = at_.runs(*this, i, n);
        for (std::size_t r = 0; r < runs.size(); ++r)
            f(runs[r].first, runs[r].size(), r == 0 ? size_type{0} : runs[0].size());
    }
    // Fills the empty slots of indices [i, i + n): fill(first_slot, count, offset) builds
    // count values there, or throws having built none. All or nothing; then size() grows by n.
    template <class Fill>
    constexpr void fill_slots(size_type i, size_type n, Fill&& fill) {
        const auto runs = at_.runs(*this, i, n);
        if (!runs.empty()) {
            fill(runs[0].first, runs[0].size(), size_type{0});
            if (runs.size() > 1)
                on_failure([&] { fill(runs[1].first, runs[1].size(), runs[0].size()); },
                           [&] { buffers::destroy_range(buf_, runs[0].first, runs[0].last); });
        }
        grow_size(n);
    }
    // Opens n empty slots at index i (room for them is reserved) and fills them; if filling
    // throws, closes the gap again.
    template <class Fill>
    constexpr void fill_gap(size_type i, size_type n, Fill&& fill) {
        const auto gap = at_.open_gap(*this, i, n);
        on_failure([&] { fill_slots(i, n, fill); }, [&] { at_.close_gap(*this, i, n, gap); });
    }

    // Appends; each is all-or-nothing (the collection is unchanged if one throws), which also
    // keeps the constructors leak-free.
    constexpr void append_default(size_type n, const char* at, Request r = Request::amortized) {
        auto fill = [&](B& b, size_type p, size_type k, size_type) {
            buffers::put_default(b, p, k);
        };
        if constexpr (!detail::is_nothrow_default_constructible_v<T>) {
            if (needs_new_storage(n) && insert_in_new_storage(size(), n, at, fill))
                return;
        }
        reserve_for(n, at, r);
        fill_slots(size(), n, [&](size_type p, size_type k, size_type o) { fill(buf_, p, k, o); });
    }
    constexpr void append_copies(size_type n, const T& value, const char* at,
                                 Request r = Request::amortized) {
        reserve_for(n, at, r);
        fill_slots(size(), n, [&](size_type p, size_type k, size_type) {
            buffers::put_copies(buf_, p, k, value);
        });
    }
    // value may be one of the elements: copied before growth moves them, unless the copies
    // are built in new storage before the elements move.
    constexpr void append_copies_aliased(size_type n, const T& value, const char* at) {
        if (size() + n <= capacity() || size() == 0)
            return append_copies(n, value, at);
        if constexpr (!detail::is_nothrow_copy_constructible_v<T> || allocator_constructs) {
            if (insert_in_new_storage(size(), n, at,
                                      [&](B& b, size_type p, size_type k, size_type) {
                                          buffers::put_copies(b, p, k, value);
                                      }))
                return;
        }
        T copy = make_temporary(value);
        append_copies(n, copy, at);
    }
    template <class It>
    constexpr void append_forward(It first, size_type n, const char* at,
                                  Request r = Request::amortized) {
        auto fill = [&](B& b, size_type p, size_type k, size_type offset) {
            buffers::put_range(b, p, std::next(first, static_cast<difference_type>(offset)), k);
        };
        if constexpr (!detail::is_nothrow_constructible_v<T, std::iter_reference_t<It>>) {
            if (needs_new_storage(n) && insert_in_new_storage(size(), n, at, fill))
                return;
        }
        reserve_for(n, at, r);
        fill_slots(size(), n, [&](size_type p, size_type k, size_type o) { fill(buf_, p, k, o); });
    }
    template <class It>
    constexpr void append_range(It first, It last, const char* at, Request r = Request::amortized) {
        if constexpr (legacy_forward_iterator<It>) {
            append_forward(first, static_cast<size_type>(std::distance(first, last)), at, r);
        } else {
            const size_type old = size();
            on_failure(
                [&] {
                    for (; first != last; ++first)
                        emplace_back(*first);
                },
                [&] { erase_at_end(old); });
        }
    }

    // assign of n > capacity() values that fill(fresh) appends to an empty collection with room
    // for them: built in new storage, then adopted, so that if building throws the collection
    // is unchanged (as std::vector's). False when the storage cannot be had (nothing changed:
    // the caller clears and grows in place); a request no buffer state can meet fails here,
    // before the elements are cleared.
    template <class Fill>
    constexpr bool rebuilt(size_type n, const char* at, Fill fill) {
        if constexpr (can_rebuild) {
            Core fresh = sibling();
            if (fresh.try_grow_to(n) == Status::ok) {
                fill(fresh);
                adopt(fresh);
                return true;
            }
        }
        if (n > max_size())
            raise_at<length_error>(at, "n exceeds max_size()");
        return false;
    }
    template <class It>
    constexpr void assign_range(It first, It last, const char* at) {
        if constexpr (legacy_forward_iterator<It>) {
            const auto n = static_cast<size_type>(std::distance(first, last));
            if (n > capacity()) {
                if (rebuilt(n, at, [&](Core& fresh) { fresh.append_forward(first, n, at); }))
                    return;
                clear();
                grow_to(n, at);
                append_forward(first, n, at);
                return;
            }
        }
        auto it = begin();
        // Two statements: an iterator may overload the comma operator.
        for (; first != last && it != end(); ++it) {
            *it = *first;
            ++first;
        }
        if (first == last)
            erase_at_end(static_cast<size_type>(it - begin()));
        else
            append_range(first, last, at);
    }

    // A temporary built as the buffer builds its values: through the allocator (in the free
    // slot after the last element, then moved out, keeping the allocator) when the buffer
    // uses one.
    template <class... Args>
    constexpr T make_temporary(Args&&... args) {
        if constexpr (allocator_constructs && RefBuffer<B>) {
            if (size() < capacity()) {
                const size_type p = slot(size());
                buf_.put(p, std::forward<Args>(args)...);
                // The slot is emptied whether or not moving the value out throws.
                struct Clear {
                    B& b;
                    size_type i;
                    ~Clear() { b.destroy(i); }
                } clear{buf_, p};
                return T(std::move(buf_.get(p)));
            }
        }
        return make_value<T>(std::forward<Args>(args)...);
    }

    // Storage for building new values first: an empty collection whose buffer is set up like
    // this one's (the same allocator), then adopted with its values and storage. As
    // std::vector when it reallocates: if building a new value throws, the collection is
    // unchanged (storage included), and the arguments may refer to elements, which have not
    // moved yet.
    // Its slots are open (it is filled from outside its members).
    constexpr Core sibling() const requires can_rebuild {
        if constexpr (has_allocator)
            return Core(buf_.get_allocator(), opened{});
        else
            return Core(opened{});
    }
    struct opened {};
    explicit constexpr CollectionCore(opened) noexcept(
        detail::is_nothrow_default_constructible_v<B>) {}
    constexpr CollectionCore(const alloc_arg& alloc, opened) noexcept : buf_(alloc), at_(buf_) {}
    constexpr void adopt(Core& other) {
        destroy_all();
        take_values(other);
    }
    // Takes other's values into this buffer, which holds none. A relocation that throws (one
    // that copies) leaves this buffer without values but perhaps changed (a new block, an
    // SvoBuffer back in its inline slots): the mapping then follows the buffer, so that this
    // collection is empty and valid (a ring's modulus never exceeds the buffer's capacity),
    // and other keeps its values.
    constexpr void take_values(Core& other) {
        const size_type n = other.size();
        on_failure([&] { buf_.relocate_from(other.buf_, other.live()); },
                   [&] {
                       set_size(0);
                       at_.settle(*this);
                   });
        take_state(other, n);
    }
    // After the buffer took other's n values at the same slots: take the count and the
    // mapping's state too; other is empty. (other.size() cannot say n any more: where the
    // count is an end address, other's storage has gone.)
    constexpr void take_state(Core& other, size_type n) noexcept {
        set_size(n);
        other.set_size(0);
        at_ = detail::exchange(other.at_, Slots(other.buf_));
        at_.settle(*this);
        other.at_.settle(other);
    }
    // Growth with values already present, where building the new ones first pays off.
    constexpr bool needs_new_storage(size_type k) const noexcept {
        return size() != 0 && k > capacity() - size();
    }

    // Inserts k values at i (i < size() only for nothrow relocatable T) that
    // put_new(buffer, first_slot, count, offset) builds in empty slots, all or none: the new
    // values in new storage first, then the elements relocated around them (each once, where
    // growing in place and shifting would move the tail twice). False when this buffer cannot
    // do that (nothing changed; the caller grows in place).
    template <class PutNew>
    constexpr bool insert_in_new_storage(size_type i, size_type k, const char* at,
                                         PutNew&& put_new) {
        // A copying relocation that throws in a mapping's second run of slots could not be
        // undone (the first run's sources are gone): mappings that wrap need nothrow moves.
        if constexpr (!can_rebuild || (!identity && !is_nothrow_relocatable_v<T>)) {
            (void)i, (void)k, (void)at, (void)put_new;
            return false;
        } else {
            BUFFERS_ASSERT(i == size() || is_nothrow_relocatable_v<T>, at,
                           "relocating around a gap needs nothrow relocation");
            if (k > max_size() - size())
                raise_at<length_error>(at, "size would exceed max_size()");
            Core fresh = sibling();
            if (fresh.try_grow_to(amortized(size() + k)) != Status::ok)
                return false;
            // fresh is empty: its element j is in its slot j.
            put_new(fresh.buf_, i, k, size_type{0});
            on_failure(
                [&] {
                    // Only a copying relocation throws (i == size()): the elements are intact.
                    for_runs(i, size() - i, [&](size_type p, size_type n, size_type o) {
                        buffers::relocate_range(buf_, p, p + n, fresh.buf_, i + k + o);
                    });
                    for_runs(0, i, [&](size_type p, size_type n, size_type o) {
                        buffers::relocate_range(buf_, p, p + n, fresh.buf_, o);
                    });
                },
                [&] { buffers::destroy_range(fresh.buf_, i, i + k); });
            fresh.set_size(size() + k);
            set_size(0);
            at_.settle(*this);
            adopt(fresh);
            return true;
        }
    }

    // Inserts n rows at i copied column by column from the source make_source() gives (made
    // after growth: the source may be this collection). All or nothing where the row path is:
    // at the end, and in the middle for types that shift by relocation (the gap closes again);
    // otherwise appended and rotated into place (basic guarantee).
    template <class MakeSource>
    iterator insert_columns_at(size_type i, size_type n, MakeSource& make_source) {
        constexpr const char* at = where<"insert_range">();
        if (n == 0)
            return make_iter(i);
        reserve_for(n, at);
        const auto src = make_source();
        constexpr std::size_t columns = row_column_count<reference>();
        auto fill = [&](size_type p, size_type k, size_type o) {
            put_columns<0, columns>(buf_, p, k, o, src);
        };
        if constexpr (shift_by_relocation) {
            // Opening a gap moves this collection's rows: a copy of itself goes to the end.
            if (i != size() && !src.aliases(&self())) {
                fill_gap(i, n, fill);
                return make_iter(i);
            }
        }
        const size_type old = size();
        fill_slots(old, n, fill);
        if (i != old)
            rotate_into(i, old);
        return make_iter(i);
    }

    // Moves the elements appended at [from, size()) to index i (move assignment only).
    constexpr void rotate_into(size_type i, size_type from) {
        std::rotate(make_iter(i), make_iter(from), make_iter(size()));
    }

    // --- removing ------------------------------------------------------------------------

    constexpr iterator erase_range(size_type i, size_type j) {
        if (i == j)
            return make_iter(i);
        const size_type n = j - i;
        if constexpr (shift_by_relocation) {
            destroy_indices(i, j);
            at_.close_hole(*this, i, j);
            shrink_size(n);
        } else {
            if constexpr (Slots::two_ended) {
                if (i < size() - j) {
                    // Moved one by one with iter_move, not std::move: SoA row proxies would
                    // copy.
                    for (auto out = make_iter(j), it = make_iter(i), b = make_iter(0); it != b;)
                        *--out = std::ranges::iter_move(--it);
                    erase_at_begin(n);
                    return make_iter(i);
                }
            }
            for (auto out = make_iter(i), it = make_iter(j), e = make_iter(size()); it != e;
                 ++it, ++out)
                *out = std::ranges::iter_move(it);
            erase_at_end(size() - n);
        }
        return make_iter(i);
    }
    // Destroys the values of indices [i, j); size() is unchanged.
    constexpr void destroy_indices(size_type i, size_type j) noexcept {
        for_runs(i, j - i, [&](size_type p, size_type n, size_type) {
            buffers::destroy_range(buf_, p, p + n);
        });
    }
    // Destroys [n, size()). size() drops before each destructor runs, so a destructor that
    // throws never leads to a second destruction of the same element.
    constexpr void erase_at_end(size_type n) noexcept(detail::is_nothrow_destructible_v<T>) {
        if constexpr (detail::is_nothrow_destructible_v<T>) {
            const size_type old = size();
            set_size(n);
            if (n < old)
                destroy_indices(n, old);
        } else {
            while (size() > n)
                pop_back();
        }
    }
    // Destroys the first n elements.
    constexpr void erase_at_begin(size_type n) noexcept(
        detail::is_nothrow_destructible_v<T>) requires Slots::two_ended {
        if constexpr (detail::is_nothrow_destructible_v<T>) {
            destroy_indices(0, n);
            at_.drop_front(*this, n);
            shrink_size(n);
        } else {
            for (; n > 0; --n)
                pop_front();
        }
    }
    constexpr void destroy_all() noexcept {
        if (const size_type n = size(); n != 0) {
            set_size(0);
            destroy_indices(0, n);
        }
    }

    // --- swap ----------------------------------------------------------------------------

    static constexpr bool nothrow_move_assign() noexcept {
        if constexpr (has_allocator) {
            using traits = std::allocator_traits<typename B::allocator_type>;
            if (traits::propagate_on_container_move_assignment::value ||
                traits::is_always_equal::value)
                return true;
        }
        return nothrow_relocate_from_v<B>;
    }
    static constexpr bool nothrow_swap() noexcept {
        if constexpr (has_swap_with<B>)
            return nothrow_swap_with_v<B>;
        else
            return detail::is_nothrow_constructible_v<B, B&&, Live> && nothrow_relocate_from_v<B>;
    }
    // Three relocations through a temporary cannot be undone when the third one throws (the
    // values in the temporary would be lost), so buffers that cannot swap without throwing
    // swap their elements instead: basic guarantee, as for two arrays.
    static constexpr bool swaps_elements() noexcept {
        return BUFFERS_HAS_EXCEPTIONS && !nothrow_swap() && !has_swap_with<B>;
    }
    constexpr void swap_elements(Core& other) {
        Core& longer = size() >= other.size() ? *this : other;
        Core& shorter = size() >= other.size() ? other : *this;
        const size_type common = shorter.size();
        shorter.reserve_for(longer.size() - common, where<"swap">(), Request::exact);
        std::swap_ranges(longer.begin(), longer.make_iter(common), shorter.begin());
        for (auto it = longer.make_iter(common); it != longer.end(); ++it)
            shorter.unchecked_emplace_back(std::ranges::iter_move(it));
        longer.erase_at_end(common);
    }
    constexpr void swap_buffers(Core& other) noexcept(nothrow_swap()) {
        const size_type mine_n = size(), theirs_n = other.size();
        if constexpr (has_swap_with<B>) {
            buf_.swap_with(other.buf_, live(), other.live());
        } else {
            // Three relocations through a temporary buffer (inline storage, for instance).
            const Live mine = live();
            B tmp(std::move(buf_), mine);
            on_failure([&] { buf_.relocate_from(other.buf_, other.live()); },
                       [&] { buf_.relocate_from(tmp, mine); });
            other.buf_.relocate_from(tmp, mine);
        }
        set_size(theirs_n);
        other.set_size(mine_n);
        std::swap(at_, other.at_);
        at_.settle(*this);
        other.at_.settle(other);
    }

    // The element count. Where the elements are contiguous it is kept as the address after the
    // last one: a push then compares it with the buffer's end (a buffer that keeps its end
    // address, as the heap buffers do, makes that one comparison of two loaded words) and
    // stores through it, without loading where the elements start. Every change of the
    // buffer's storage (growth, shrinking, moves, swaps) is followed by set_size.
    using count_type = std::conditional_t<contiguous, end_address<T>, size_type>;
    static constexpr count_type empty_count(B& b) noexcept {
        if constexpr (contiguous)
            return end_address<T>{b.data()};
        else
            return 0;
    }
    constexpr void set_size(size_type n) noexcept {
        if constexpr (contiguous)
            size_.end = buf_.data() + n;
        else
            size_ = n;
    }
    constexpr void grow_size(size_type k) noexcept {
        if constexpr (contiguous)
            size_.end += k;
        else
            size_ += k;
    }
    constexpr void shrink_size(size_type k) noexcept {
        if constexpr (contiguous)
            size_.end -= k;
        else
            size_ -= k;
    }

    [[no_unique_address]] B buf_{};
    count_type size_ = empty_count(buf_);
    [[no_unique_address]] Slots at_{buf_};
};

// Inserts n rows at index i of c, copied column by column from make_source() (see
// collection_columns): the entry point for SoA algorithms that build rows column-wise (gather).
template <class C, class MakeSource>
typename C::iterator insert_columns(C& c, std::size_t i, std::size_t n, MakeSource make_source) {
    return c.insert_columns_at(i, n, make_source);
}

} // namespace detail
} // namespace buffers
