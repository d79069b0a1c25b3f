#pragma once

// A view of some columns of an SoA vector or deque, iterated as rows of just those fields:
//
//     auto pq = buffers::select<&Trade::price, &Trade::qty>(v);
//     for (auto [price, qty] : pq) notional += price * qty;      // references into the columns
//     auto it = std::ranges::find_if(pq, [](auto r) { return get<&Trade::qty>(r) > 100; });
//     std::ranges::sort(pq, [](const auto& a, const auto& b) { return get<0>(a) < get<0>(b); });
//
// The view is a random-access range (std::ranges::random_access_range, sized, a view): it
// works with std::ranges algorithms and with views::filter, views::transform, ... Its rows are
// proxies (SelectRow) with get<I>, get<&T::m> and structured bindings; their value type is
// std::tuple<F...> of the selected fields. Algorithms that move rows (sort, reverse) move only
// the selected fields: the other columns stay where they are. The view refers to the columns
// (and, for a deque, to where the ring starts) as they are when it is made; growing the
// collection, or pushing or popping at a deque's front, invalidates it, like its iterators.
// Fields of flattened types are several columns and cannot be selected; their siblings can.

#include "columns.hpp"
#include "row.hpp"
#include "schema.hpp"

#include "../collections/deque.hpp"
#include "../collections/vector.hpp"
#include "../detail/index_iterator.hpp"
#include "../detail/std_support.hpp"

#include <compare>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

namespace buffers {
namespace detail {

template <auto M>
using member_field_t = typename member_pointer_traits<decltype(M)>::field_type;

// The position of member M among Ms.
template <auto M, auto... Ms>
consteval std::size_t select_position() {
    std::size_t i = 0;
    std::size_t found = sizeof...(Ms);
    (
        [&] {
            if constexpr (std::is_same_v<decltype(M), decltype(Ms)>)
                if (M == Ms)
                    found = i;
            ++i;
        }(),
        ...);
    return found;
}

} // namespace detail

// A row of a select view: references to the selected fields of one row.
template <bool Const, auto... M>
class SelectRow {
    template <class F>
    using ref = std::conditional_t<Const, const F&, F&>;

public:
    using value_type = std::tuple<detail::member_field_t<M>...>;

    constexpr explicit SelectRow(ref<detail::member_field_t<M>>... fields) noexcept
        : fields_(fields...) {}
    constexpr SelectRow(const SelectRow&) noexcept = default;
    constexpr SelectRow(const SelectRow<false, M...>& other) noexcept requires Const
        : fields_(other.fields()) {}

    // The fields' values.
    constexpr operator value_type() const { return value_type(fields_); }

    // Writes through to the columns.
    constexpr const SelectRow& operator=(const SelectRow& other) const requires(!Const) {
        fields_ = other.fields_;
        return *this;
    }
    constexpr const SelectRow& operator=(const value_type& value) const requires(!Const) {
        fields_ = value;
        return *this;
    }
    constexpr const SelectRow& operator=(value_type&& value) const requires(!Const) {
        fields_ = std::move(value);
        return *this;
    }

    friend constexpr void swap(const SelectRow& a, const SelectRow& b) requires(!Const) {
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            using std::swap;
            (swap(std::get<I>(a.fields_), std::get<I>(b.fields_)), ...);
        }
        (std::index_sequence_for<decltype(M)...>());
    }

    friend constexpr bool operator==(const SelectRow& a, const SelectRow& b) {
        return a.fields_ == b.fields_;
    }
    friend constexpr bool operator==(const SelectRow& a, const value_type& b) {
        return a.fields_ == b;
    }

    // The references (what get<I> reads).
    constexpr const std::tuple<ref<detail::member_field_t<M>>...>& fields() const noexcept {
        return fields_;
    }

private:
    // Assignment through a const proxy assigns the referenced fields: the tuple of references
    // is mutable for that reason only (it is never reseated).
    mutable std::tuple<ref<detail::member_field_t<M>>...> fields_;
};

// Field I of a select row.
template <std::size_t I, bool C, auto... M>
constexpr decltype(auto) get(const SelectRow<C, M...>& r) noexcept {
    return std::get<I>(r.fields());
}
// Field m of a select row (m one of the selected members).
template <auto F, bool C, auto... M>
requires std::is_member_object_pointer_v<decltype(F)>
constexpr decltype(auto) get(const SelectRow<C, M...>& r) noexcept {
    constexpr std::size_t i = detail::select_position<F, M...>();
    static_assert(i < sizeof...(M), "buffers::get<&T::m>: m is not a selected field");
    return std::get<i>(r.fields());
}

// A random-access iterator over the selected columns: row i holds field k at cols[k][at(i)],
// At being the collection's slot mapping (identity for a vector, the ring's runs for a deque).
template <bool Const, class At, auto... M>
class SelectIterator : public detail::position_arithmetic<SelectIterator<Const, At, M...>> {
    template <class F>
    using ptr = std::conditional_t<Const, const F*, F*>;
    using pointers = std::tuple<ptr<detail::member_field_t<M>>...>;
    friend class detail::position_arithmetic<SelectIterator>;

public:
    using value_type = std::tuple<detail::member_field_t<M>...>;
    using reference = SelectRow<Const, M...>;
    using difference_type = std::ptrdiff_t;
    using iterator_concept = std::random_access_iterator_tag;
    using iterator_category = std::random_access_iterator_tag;

    constexpr SelectIterator() noexcept = default;
    constexpr SelectIterator(pointers cols, At at, difference_type i) noexcept
        : cols_(cols), at_(at), i_(i) {}

    constexpr difference_type index() const noexcept { return i_; }

    constexpr reference operator*() const noexcept { return (*this)[0]; }
    constexpr reference operator[](difference_type n) const noexcept {
        const std::size_t slot = at_(static_cast<std::size_t>(i_ + n));
        return std::apply([&](auto*... c) { return reference(c[slot]...); }, cols_);
    }

    friend constexpr value_type iter_move(const SelectIterator& it) {
        const std::size_t slot = it.at_(static_cast<std::size_t>(it.i_));
        return std::apply([&](auto*... c) { return value_type(std::move(c[slot])...); }, it.cols_);
    }
    friend constexpr void iter_swap(const SelectIterator& a,
                                    const SelectIterator& b) requires(!Const) {
        swap(*a, *b);
    }

private:
    pointers cols_{};
    [[no_unique_address]] At at_{};
    difference_type i_ = 0;
};

// The view select<M...>(v) returns.
template <bool Const, class At, auto... M>
class SelectView : public std::ranges::view_interface<SelectView<Const, At, M...>> {
public:
    using iterator = SelectIterator<Const, At, M...>;

    constexpr SelectView() noexcept = default;
    constexpr SelectView(iterator first, std::size_t n) noexcept : first_(first), n_(n) {}

    constexpr iterator begin() const noexcept { return first_; }
    constexpr iterator end() const noexcept { return first_ + static_cast<std::ptrdiff_t>(n_); }
    constexpr std::size_t size() const noexcept { return n_; }

private:
    iterator first_{};
    std::size_t n_ = 0;
};

namespace detail {
// The view of columns M... of a vector or deque c (const or not) whose rows are in slots at.
template <bool Const, auto... M, class C, class At>
SelectView<Const, At, M...> select_columns(C& c, At at) noexcept {
    using T = typename std::remove_cvref_t<C>::value_type;
    static_assert(
        (std::is_same_v<typename member_pointer_traits<decltype(M)>::class_type, T> && ...),
        "buffers::select<&T::m, ...>: each member pointer names a field of T");
    static_assert(((leaf_index<T, M>() < soa_leaf_count_v<T>)&&...),
                  "buffers::select<&T::m, ...>: a flattened field is several columns; select "
                  "fields that are one column each");
    using It = SelectIterator<Const, At, M...>;
    return {It({c.buffer().template column_data<leaf_index<T, M>()>()...}, at, 0), c.size()};
}
} // namespace detail

// The columns M... of v as one range of rows: select<&Trade::price, &Trade::qty>(v).
template <auto... M, class T, class B>
requires(sizeof...(M) > 0) && detail::soa_column_buffer<B> &&
    (std::is_member_object_pointer_v<decltype(M)> && ...) auto select(Vector<T, B>& v) noexcept {
    return detail::select_columns<false, M...>(v, detail::identity_slot{});
}
template <auto... M, class T, class B>
requires(sizeof...(M) > 0) && detail::soa_column_buffer<B> &&
    (std::is_member_object_pointer_v<decltype(M)> &&
     ...) auto select(const Vector<T, B>& v) noexcept {
    return detail::select_columns<true, M...>(v, detail::identity_slot{});
}
// Of an SoA deque: row i of the view is element i of the deque, wherever the ring put it.
template <auto... M, class T, class B>
requires(sizeof...(M) > 0) && detail::soa_column_buffer<B> &&
    (std::is_member_object_pointer_v<decltype(M)> && ...) auto select(Deque<T, B>& d) noexcept {
    return detail::select_columns<false, M...>(d, detail::element_slots(d));
}
template <auto... M, class T, class B>
requires(sizeof...(M) > 0) && detail::soa_column_buffer<B> &&
    (std::is_member_object_pointer_v<decltype(M)> &&
     ...) auto select(const Deque<T, B>& d) noexcept {
    return detail::select_columns<true, M...>(d, detail::element_slots(d));
}

} // namespace buffers

template <bool C, class At, auto... M>
inline constexpr bool std::ranges::enable_borrowed_range<buffers::SelectView<C, At, M...>> = true;

// Structured bindings: auto [price, qty] = row; binds references into the columns.
template <bool C, auto... M>
struct std::tuple_size<buffers::SelectRow<C, M...>>
    : std::integral_constant<std::size_t, sizeof...(M)> {};
template <std::size_t I, bool C, auto... M>
struct std::tuple_element<I, buffers::SelectRow<C, M...>> {
    using type = std::tuple_element_t<
        I, std::remove_cvref_t<decltype(std::declval<buffers::SelectRow<C, M...>>().fields())>>;
};
