#pragma once

// ZstoBuffer<B>: ZstBuffer when the element is empty, trivially copyable and trivially default
// constructible (a tag type, say), B otherwise. It is B (or ZstBuffer) itself, through
// inheritance, so the unused choice costs nothing.

#include "../base/zst_buffer.hpp"
#include "../core/concepts.hpp"

#include <type_traits>

namespace buffers {
namespace detail {
template <class T>
concept complete_type = requires {
    sizeof(T);
};
// A recursive T (a tree node holding a Vector of nodes) is incomplete where its collection's
// class is instantiated; such a T holds that collection, so it is not empty: B. (An empty tag
// type must be complete before a collection of it is: the choice is made once.)
template <class T>
inline constexpr bool zst_if_complete = [] {
    if constexpr (complete_type<T>)
        return is_zst_element_v<T>;
    else
        return false;
}();
template <class B>
using zsto_base = std::conditional_t<zst_if_complete<typename B::value_type>,
                                     ZstBuffer<typename B::value_type>, B>;
} // namespace detail

template <class B>
class ZstoBuffer : public detail::zsto_base<B> {
    using base = detail::zsto_base<B>;

public:
    // True when the elements take no storage at all.
    static constexpr bool is_zst = detail::zst_if_complete<typename B::value_type>;
    // A library buffer exactly when the buffer it is (B, or ZstBuffer) is one.
    using library_buffer_type = std::conditional_t<detail::library_buffer<base>, ZstoBuffer, void>;

    using base::base;
    ZstoBuffer() = default;
};

} // namespace buffers
