#pragma once

// Force-included into every file of libstdc++'s std::vector test suite. The driver
// (conformance.py) rewrites the suite's `std::vector` (and `vector` after `using namespace
// std`) to `buffers_conformance::vector`, `std::pmr::vector` to `buffers_conformance::pmr::vector`
// and `std::erase` / `std::erase_if` (the vector overloads <vector> declares) to the names
// below, so one rewritten source runs against each column:
//
//   BUFFERS_CONFORMANCE_STD      std::vector<T, A>, the baseline
//   BUFFERS_CONFORMANCE_VECTOR   Vector<T, ExponentialGrowthBuffer<AllocatorBuffer<T, A>>>
//   BUFFERS_CONFORMANCE_SVO      Vector<T, SvoBuffer<HeapBuffer<T>, 4>>   (A is ignored)
//   BUFFERS_CONFORMANCE_DEFAULT  Vector<T> = Vector<T, DefaultBuffer<T>>   (A is ignored)
//   BUFFERS_CONFORMANCE_EXACT    Vector<T, AllocatorBuffer<T, A>>: no growth policy, to tell
//                                which differences come from rounding capacities up

#include <memory>
#include <vector>

#if defined(BUFFERS_CONFORMANCE_STD)

namespace buffers_conformance {
template <class T, class A = std::allocator<T>>
using vector = std::vector<T, A>;
using std::erase;
using std::erase_if;
namespace pmr {
template <class T>
using vector = std::pmr::vector<T>;
} // namespace pmr
} // namespace buffers_conformance

// `template class std::vector<T, A>;` becomes `template class BUFFERS_CONFORMANCE_CLASS(T, A);`
// (an explicit instantiation must name the class template, not an alias).
#define BUFFERS_CONFORMANCE_CLASS(T, A) std::vector<T, A>

#else

#include <buffers/base/allocator_buffer.hpp>
#include <buffers/base/heap_buffer.hpp>
#include <buffers/collections/vector.hpp>
#include <buffers/composite/default_buffer.hpp>
#include <buffers/composite/exponential_growth_buffer.hpp>
#include <buffers/composite/svo_buffer.hpp>

namespace buffers_conformance {

// The suite names allocators of other value types now and then; std::vector rebinds them.
template <class T, class A>
using rebound = typename std::allocator_traits<A>::template rebind_alloc<T>;

#if defined(BUFFERS_CONFORMANCE_VECTOR)
template <class T, class A>
using buffer = buffers::ExponentialGrowthBuffer<buffers::AllocatorBuffer<T, rebound<T, A>>>;
#elif defined(BUFFERS_CONFORMANCE_EXACT)
template <class T, class A>
using buffer = buffers::AllocatorBuffer<T, rebound<T, A>>;
#elif defined(BUFFERS_CONFORMANCE_SVO)
template <class T, class A>
using buffer = buffers::SvoBuffer<buffers::HeapBuffer<T>, 4>;
#elif defined(BUFFERS_CONFORMANCE_DEFAULT)
template <class T, class A>
using buffer = buffers::DefaultBuffer<T>;
#else
#error "define one of BUFFERS_CONFORMANCE_{STD,VECTOR,SVO,DEFAULT,EXACT}"
#endif

template <class T, class A = std::allocator<T>>
using vector = buffers::Vector<T, buffer<T, A>>;
namespace pmr {
template <class T>
using vector = buffers_conformance::vector<T, std::pmr::polymorphic_allocator<T>>;
} // namespace pmr

using buffers::erase;
using buffers::erase_if;

} // namespace buffers_conformance

#define BUFFERS_CONFORMANCE_CLASS(T, A) buffers::Vector<T, buffers_conformance::buffer<T, A>>

// The exception-safety engine (requirements/exception/*) picks the operations it exercises
// from __gnu_test::traits<Container>; Vector has std::vector's. Without an allocator the
// engine cannot rebuild a container with the same allocator, so that part is left out.
namespace __gnu_test {
template <class Container>
struct traits;

template <class T, class B>
requires requires {
    typename B::allocator_type;
}
struct traits<buffers::Vector<T, B>> : traits<std::vector<T, typename B::allocator_type>> {};

template <class T, class B>
requires(!requires { typename B::allocator_type; }) struct traits<buffers::Vector<T, B>>
    : traits<std::vector<T>> {
    using is_allocator_aware = std::false_type;
};
} // namespace __gnu_test

#endif
