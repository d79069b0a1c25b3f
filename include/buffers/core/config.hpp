#pragma once

// Build configuration shared by every header: exceptions on/off, debug assertions.

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <type_traits>

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

// Throws E("where: what") with exceptions on (E = std::bad_alloc takes no message); prints the
// same and aborts with them off. where names the public call ("buffers::Vector::at").
template <class E>
[[noreturn]] void raise_at(const char* where, const char* what) {
#if BUFFERS_HAS_EXCEPTIONS
    if constexpr (std::is_constructible_v<E, const std::string&>)
        throw E(std::string(where) + ": " + what);
    else
        throw E();
#else
    fail(where, what);
#endif
}

} // namespace buffers::detail
