#pragma once

// Build configuration shared by every header: exceptions on/off, debug assertions.

#include "../detail/std_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>
#if !defined(__GLIBCXX__)
#include <stdexcept>
#endif

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
#define BUFFERS_HAS_EXCEPTIONS 1
#else
#define BUFFERS_HAS_EXCEPTIONS 0
#endif

// Precondition checks (index ranges, pop_back on empty, ...). On by default when NDEBUG is not
// defined; define BUFFERS_ASSERTIONS to 0 or 1 to force either way.
#ifndef BUFFERS_ASSERTIONS
#ifdef NDEBUG
#define BUFFERS_ASSERTIONS 0
#else
#define BUFFERS_ASSERTIONS 1
#endif
#endif

namespace buffers::detail {

[[noreturn]] inline void fail(const char* where, const char* what) noexcept {
    // Exception messages already name the call ("buffers::Vector::at: ..."): print it once.
    if (std::strncmp(what, where, std::strlen(where)) == 0)
        std::fprintf(stderr, "%s\n", what);
    else
        std::fprintf(stderr, "%s: %s\n", where, what);
    std::fflush(stderr);
    std::abort();
}

[[noreturn]] inline void fail_precondition(const char* where, const char* what) noexcept {
    std::fprintf(stderr, "%s: precondition failed: %s\n", where, what);
    std::fflush(stderr);
    std::abort();
}

} // namespace buffers::detail

// BUFFERS_ASSERT(cond, "buffers::Vector::operator[]", "index out of range"): aborts with a
// message naming the call when assertions are on; compiles to nothing otherwise.
// where and what may be literals or any const char* (collections derive them from their name).
#if BUFFERS_ASSERTIONS
#define BUFFERS_ASSERT(cond, where, what)                                                          \
    ((cond) ? static_cast<void>(0) : ::buffers::detail::fail_precondition(where, what))
#else
#define BUFFERS_ASSERT(cond, where, what) static_cast<void>(0)
#endif

namespace buffers::detail {

// Throws E(what) with exceptions on; prints and aborts with them off (-fno-exceptions).
template <class E>
[[noreturn]] void raise(const char* where, const char* what) {
#if BUFFERS_HAS_EXCEPTIONS
    (void)where;
    if constexpr (requires { E(what); })
        throw E(what);
    else
        throw E();
#else
    fail(where, what);
#endif
}

// std::length_error and std::out_of_range for raise_at, named without <stdexcept>: with
// libstdc++ it brings <string>, about 0.08 s of every translation unit (g++ 12, C++20).
struct length_error;
struct out_of_range;

// Throws E("where: what") with exceptions on (E = std::bad_alloc takes no message); prints the
// same and aborts with them off. where names the public call ("buffers::Vector::at"). E is
// detail::length_error or detail::out_of_range for the std:: exception of that name (the
// message is cut at 255 characters).
template <class E>
[[noreturn]] void raise_at(const char* where, const char* what) {
#if BUFFERS_HAS_EXCEPTIONS
    if constexpr (std::is_same_v<E, length_error> || std::is_same_v<E, out_of_range>) {
        char message[256];
        std::snprintf(message, sizeof message, "%s: %s", where, what);
#if defined(__GLIBCXX__)
        // libstdc++'s own throwers (its containers throw through them): they construct the
        // std:: exception where <stdexcept> is already compiled, in the shared library.
        if constexpr (std::is_same_v<E, length_error>)
            std::__throw_length_error(message);
        else
            std::__throw_out_of_range(message);
#else
        if constexpr (std::is_same_v<E, length_error>)
            throw std::length_error(message);
        else
            throw std::out_of_range(message);
#endif
    } else {
        throw E();
    }
#else
    fail(where, what);
#endif
}

} // namespace buffers::detail
