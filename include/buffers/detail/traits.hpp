#pragma once

// The type traits and concepts the headers ask about every element and buffer type, answered
// by the compiler's own trait built-ins.
//
// libstdc++ 12 defines each std::is_X_v<T> as a class template std::is_X<T>, which checks
// that T is complete through a chain of about a dozen more (std::__or_, std::is_reference,
// std::is_function, std::__is_array_unknown_bounds, ...), and std::constructible_from and
// std::default_initializable go through std::is_nothrow_destructible's chain. A collection
// asks a few dozen of them per element type: about 11 of g++'s 74 million instructions per
// `Vector<S>` (benchmarks/compile_time.py). A variable template over a built-in is one
// instantiation.
//
// Same answers as the standard's for the types they are asked about here (complete object
// types, references); with another compiler they are the standard's.

#include <cstddef>
#include <type_traits>

#if defined(__clang__) || (defined(__GNUC__) && __GNUC__ >= 11)
#define BUFFERS_DETAIL_TRAIT_BUILTINS 1
#else
#define BUFFERS_DETAIL_TRAIT_BUILTINS 0
#endif

namespace buffers::detail {

#if BUFFERS_DETAIL_TRAIT_BUILTINS

template <class T>
concept nothrow_destructible_object = requires(T& t) {
    { t.~T() }
    noexcept;
};
template <class T>
inline constexpr bool is_nothrow_destructible_v = nothrow_destructible_object<T>;
template <class T>
inline constexpr bool is_nothrow_destructible_v<T&> = true;
template <class T>
inline constexpr bool is_nothrow_destructible_v<T&&> = true;
template <class T, std::size_t N>
inline constexpr bool is_nothrow_destructible_v<T[N]> = is_nothrow_destructible_v<T>;

template <class T, class... A>
inline constexpr bool is_constructible_v = __is_constructible(T, A...);
template <class T, class... A>
inline constexpr bool is_nothrow_constructible_v = __is_nothrow_constructible(T, A...);
template <class T>
inline constexpr bool is_nothrow_default_constructible_v = __is_nothrow_constructible(T);
template <class T>
inline constexpr bool is_move_constructible_v = __is_constructible(T, T&&);
template <class T>
inline constexpr bool is_copy_constructible_v = __is_constructible(T, const T&);
template <class T>
inline constexpr bool is_nothrow_move_constructible_v = __is_nothrow_constructible(T, T&&);
template <class T>
inline constexpr bool is_nothrow_copy_constructible_v = __is_nothrow_constructible(T, const T&);
template <class T>
inline constexpr bool is_copy_assignable_v = __is_assignable(T&, const T&);
template <class T, class U>
inline constexpr bool is_nothrow_assignable_v = __is_nothrow_assignable(T, U);
template <class T>
inline constexpr bool is_nothrow_move_assignable_v = __is_nothrow_assignable(T&, T&&);
template <class T>
inline constexpr bool is_trivially_copyable_v = __is_trivially_copyable(T);
template <class T>
inline constexpr bool is_trivially_default_constructible_v = __is_trivially_constructible(T);
#if defined(__clang__)
template <class T>
inline constexpr bool is_trivially_destructible_v = __is_trivially_destructible(T);
#else
template <class T>
inline constexpr bool is_trivially_destructible_v = __has_trivial_destructor(T) && requires(T& t) {
    t.~T();
};
#endif
template <class T>
inline constexpr bool is_empty_v = __is_empty(T);
template <class T>
inline constexpr bool is_final_v = __is_final(T);
template <class T>
inline constexpr bool is_class_v = __is_class(T);
template <class T>
inline constexpr bool is_union_v = __is_union(T);
template <class T>
inline constexpr bool is_aggregate_v = __is_aggregate(T);

template <class T>
inline constexpr bool is_const_v = false;
template <class T>
inline constexpr bool is_const_v<const T> = true;
template <class T>
inline constexpr bool is_volatile_v = false;
template <class T>
inline constexpr bool is_volatile_v<volatile T> = true;
template <class T>
inline constexpr bool is_lvalue_reference_v = false;
template <class T>
inline constexpr bool is_lvalue_reference_v<T&> = true;
template <class T>
inline constexpr bool is_pointer_v = false;
template <class T>
inline constexpr bool is_pointer_v<T*> = true;
template <class T>
inline constexpr bool is_pointer_v<T* const> = true;
template <class T>
inline constexpr bool is_pointer_v<T* volatile> = true;
template <class T>
inline constexpr bool is_pointer_v<T* const volatile> = true;

// std::constructible_from and std::default_initializable, over the built-ins.
template <class T, class... A>
concept constructible_from = is_nothrow_destructible_v<T> && __is_constructible(T, A...);
template <class T>
concept default_initializable = constructible_from<T> && requires {
    T{};
    ::new T;
};

#else

#include <concepts>
namespace buffers::detail {

using std::is_aggregate_v;
using std::is_class_v;
using std::is_const_v;
using std::is_constructible_v;
using std::is_copy_assignable_v;
using std::is_copy_constructible_v;
using std::is_empty_v;
using std::is_final_v;
using std::is_lvalue_reference_v;
using std::is_move_constructible_v;
using std::is_nothrow_assignable_v;
using std::is_nothrow_constructible_v;
using std::is_nothrow_copy_constructible_v;
using std::is_nothrow_default_constructible_v;
using std::is_nothrow_destructible_v;
using std::is_nothrow_move_assignable_v;
using std::is_nothrow_move_constructible_v;
using std::is_pointer_v;
using std::is_trivially_copyable_v;
using std::is_trivially_default_constructible_v;
using std::is_trivially_destructible_v;
using std::is_union_v;
using std::is_volatile_v;
template <class T, class... A>
concept constructible_from = std::constructible_from<T, A...>;
template <class T>
concept default_initializable = std::default_initializable<T>;

#endif

// The library's own buffers, which name themselves as `library_buffer_type`: they model
// Buffer and declare their hooks right by construction, which the library's tests check
// (the contract test, tests/support/buffer_contract.hpp, and tests/composite/hooks_test.cpp), so
// check_buffer<B>() and check_hooks<B>() are not run over them again in every translation unit;
// those checks cost more compile time per element type than the rest of a push_back. A class
// derived from one (a composite written over IndirectBuffer) inherits the name of its base, not its
// own, so it is checked. A composite that is its inner buffer (ZstoBuffer) names itself only over a
// library buffer.
template <class B>
concept library_buffer = requires {
    typename B::library_buffer_type;
}
&&std::is_same_v<typename B::library_buffer_type, B>;

} // namespace buffers::detail
