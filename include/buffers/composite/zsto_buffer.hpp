#pragma once

// ZstoBuffer<B>: ZstBuffer when the element is empty, trivially copyable and trivially default
// constructible (a tag type, say), B otherwise. It is B (or ZstBuffer) itself, through
// inheritance, so the unused choice costs nothing.

#include "../base/zst_buffer.hpp"
#include "../core/concepts.hpp"

#include <type_traits>

namespace buffers {
namespace detail {
template <class B>
using zsto_base = std::conditional_t<is_zst_element_v<typename B::value_type>,
                                     ZstBuffer<typename B::value_type>, B>;
} // namespace detail

template <class B>
class ZstoBuffer : public detail::zsto_base<B> {
    using base = detail::zsto_base<B>;

public:
    // True when the elements take no storage at all.
    static constexpr bool is_zst = is_zst_element_v<typename B::value_type>;

    using base::base;
    ZstoBuffer() = default;
};

} // namespace buffers
