#pragma once

// HeapBuffer<T>: one heap block that grows to exactly the requested capacity. Two words.
// Trivially relocatable T of ordinary alignment grows with realloc, which can extend the block
// in place or remap its pages instead of copying them (HeapSource in core/memory_source.hpp).

#include "../core/memory_source.hpp"
#include "../detail/traits.hpp"

#include <cstddef>
#include <type_traits>

namespace buffers {

template <class T>
class HeapBuffer : public detail::source_buffer<HeapBuffer<T>, HeapSource<T>> {
    static_assert(std::is_object_v<T> && !detail::is_const_v<T> && !detail::is_volatile_v<T>,
                  "buffers: HeapBuffer<T> needs a non-const, non-volatile object type");
    using base = detail::source_buffer<HeapBuffer<T>, HeapSource<T>>;

public:
    using base::base;

    static constexpr std::size_t max_capacity() noexcept { return HeapSource<T>::max_capacity(); }
};

} // namespace buffers
