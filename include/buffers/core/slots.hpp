#pragma once

// The slot access every contiguous base buffer shares: get/ptr/put/take/destroy over one array
// of T. Derived provides `T* data() noexcept` (and its const twin); that is all that differs
// between a heap block, inline slots and caller-provided storage.
//
// A Derived whose elements must be built by someone else (an allocator that customises
// construct/destroy) declares `static constexpr bool custom_construct = true;` and provides
// construct_element(T*, args...) and destroy_element(T*).

#include "../detail/std_support.hpp"
#include "../detail/traits.hpp"
#include "concepts.hpp"
#include "ops.hpp"
#include "relocate.hpp"

#include <cstddef>
#include <type_traits>
#include <utility>

namespace buffers::detail {

template <class D>
concept custom_constructing = requires {
    requires D::custom_construct;
};

template <class Derived, class T>
class slot_access {
    constexpr Derived& self() noexcept { return static_cast<Derived&>(*this); }
    constexpr const Derived& self() const noexcept { return static_cast<const Derived&>(*this); }

public:
    using value_type = T;
    using reference = T&;
    using const_reference = const T&;
    using library_buffer_type = Derived; // see detail::library_buffer

    constexpr T& get(std::size_t i) noexcept { return self().data()[i]; }
    constexpr const T& get(std::size_t i) const noexcept { return self().data()[i]; }
    constexpr T* ptr(std::size_t i) noexcept { return self().data() + i; }
    constexpr const T* ptr(std::size_t i) const noexcept { return self().data() + i; }

    template <class... Args>
    constexpr void put(std::size_t i, Args&&... args) {
        if constexpr (custom_constructing<Derived>)
            self().construct_element(self().data() + i, std::forward<Args>(args)...);
        else
            detail::construct_at(self().data() + i, std::forward<Args>(args)...);
    }
    constexpr T take(std::size_t i) noexcept(detail::is_nothrow_move_constructible_v<T>) {
        T value(std::move(self().data()[i]));
        destroy(i);
        return value;
    }
    // May throw only if T's destructor may: the collection keeps count when it does.
    constexpr void destroy(std::size_t i) noexcept(detail::is_nothrow_destructible_v<T>) {
        if constexpr (custom_constructing<Derived>)
            self().destroy_element(self().data() + i);
        else
            std::destroy_at(self().data() + i);
    }
    constexpr void destroy_range(std::size_t first, std::size_t last) noexcept {
        if constexpr (custom_constructing<Derived>) {
            for (std::size_t i = first; i < last; ++i)
                self().destroy_element(self().data() + i);
        } else {
            detail::destroy_n(self().data() + first, last - first);
        }
    }
};

} // namespace buffers::detail
