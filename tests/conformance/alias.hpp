#pragma once

// Force-included into every file of libstdc++'s std::vector or std::deque test suite (the
// driver, conformance.py, defines BUFFERS_CONFORMANCE_SUITE_VECTOR or _DEQUE). The driver
// rewrites the suite's `std::vector` (and `vector` after `using namespace std`) to
// `buffers_conformance::vector`, `std::pmr::vector` to `buffers_conformance::pmr::vector` and
// `std::erase` / `std::erase_if` to the names below (the same for deque), so one rewritten
// source runs against each column. The driver defines one macro per column:
//
//   BUFFERS_CONFORMANCE_STD      std::vector<T, A> (std::deque<T, A>), the baseline
//   BUFFERS_CONFORMANCE_VECTOR   Vector (Deque) over ExponentialGrowthBuffer<AllocatorBuffer<T,
//   A>>, BUFFERS_CONFORMANCE_DEQUE    what a new user writes for one with an allocator (gating)
//   BUFFERS_CONFORMANCE_SVO      over SvoBuffer<HeapBuffer<T>, 4>   (A is ignored)
//   BUFFERS_CONFORMANCE_DEFAULT  over DefaultBuffer<T>              (A is ignored)
//   BUFFERS_CONFORMANCE_EXACT    over AllocatorBuffer<T, A>: no growth policy, to tell which
//                                differences come from rounding capacities up

#include <memory>
#include <memory_resource>
#include <type_traits>

#if defined(BUFFERS_CONFORMANCE_SUITE_DEQUE)
#include <deque>
#define BUFFERS_CONFORMANCE_NAME deque
#define BUFFERS_CONFORMANCE_OURS Deque
#if !defined(BUFFERS_CONFORMANCE_STD)
#include <buffers/collections/deque.hpp>
#endif
#elif defined(BUFFERS_CONFORMANCE_SUITE_VECTOR)
#include <vector>
#define BUFFERS_CONFORMANCE_NAME vector
#define BUFFERS_CONFORMANCE_OURS Vector
#if !defined(BUFFERS_CONFORMANCE_STD)
#include <buffers/collections/vector.hpp>
#endif
#else
#error "define BUFFERS_CONFORMANCE_SUITE_VECTOR or BUFFERS_CONFORMANCE_SUITE_DEQUE"
#endif

#if defined(BUFFERS_CONFORMANCE_STD)

namespace buffers_conformance {
using std::erase;
using std::erase_if;
} // namespace buffers_conformance

#else

#include <buffers/base/allocator_buffer.hpp>
#include <buffers/base/heap_buffer.hpp>
#include <buffers/composite/default_buffer.hpp>
#include <buffers/composite/exponential_growth_buffer.hpp>
#include <buffers/composite/svo_buffer.hpp>

namespace buffers_conformance {

// The suite names allocators of other value types now and then; the std containers rebind them.
template <class T, class A>
using rebound = typename std::allocator_traits<A>::template rebind_alloc<T>;

#if defined(BUFFERS_CONFORMANCE_VECTOR) || defined(BUFFERS_CONFORMANCE_DEQUE)
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
#error "define one of BUFFERS_CONFORMANCE_{STD,VECTOR,DEQUE,SVO,DEFAULT,EXACT}"
#endif

using buffers::erase;
using buffers::erase_if;

} // namespace buffers_conformance

// The exception-safety engine (requirements/exception/*) picks the operations it exercises
// from __gnu_test::traits<Container>; a collection gets its std container's. Without an
// allocator the engine cannot rebuild a container with the same allocator, so that part is
// left out.
namespace __gnu_test {
template <class Container>
struct traits;

template <template <class, class> class Std, class T, class B>
struct buffers_traits : traits<Std<T, std::allocator<T>>> {
    using is_allocator_aware = std::false_type;
};
template <template <class, class> class Std, class T, class B>
requires requires {
    typename B::allocator_type;
}
struct buffers_traits<Std, T, B> : traits<Std<T, typename B::allocator_type>> {};
} // namespace __gnu_test

#endif

// buffers_conformance::vector<T, A> (or deque) and pmr::vector<T> for the column.
namespace buffers_conformance {
#if defined(BUFFERS_CONFORMANCE_STD)
template <class T, class A = std::allocator<T>>
using BUFFERS_CONFORMANCE_NAME = std::BUFFERS_CONFORMANCE_NAME<T, A>;
#else
template <class T, class A = std::allocator<T>>
using BUFFERS_CONFORMANCE_NAME = buffers::BUFFERS_CONFORMANCE_OURS<T, buffer<T, A>>;
#endif
namespace pmr {
template <class T>
using BUFFERS_CONFORMANCE_NAME =
    buffers_conformance::BUFFERS_CONFORMANCE_NAME<T, std::pmr::polymorphic_allocator<T>>;
} // namespace pmr
} // namespace buffers_conformance

// `template class std::vector<T, A>;` becomes `template class BUFFERS_CONFORMANCE_CLASS(T, A);`
// (an explicit instantiation must name the class template, not an alias).
#if defined(BUFFERS_CONFORMANCE_STD)
#define BUFFERS_CONFORMANCE_CLASS(T, A) std::BUFFERS_CONFORMANCE_NAME<T, A>
#else
#define BUFFERS_CONFORMANCE_CLASS(T, A)                                                            \
    buffers::BUFFERS_CONFORMANCE_OURS<T, buffers_conformance::buffer<T, A>>
template <class T, class B>
struct __gnu_test::traits<buffers::BUFFERS_CONFORMANCE_OURS<T, B>>
    : __gnu_test::buffers_traits<std::BUFFERS_CONFORMANCE_NAME, T, B> {};
#endif
