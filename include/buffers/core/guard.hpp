#pragma once

// Rollback on failure, written once. Code that must undo a partial step when a later one
// throws says so with on_failure(body, undo); with exceptions off (-fno-exceptions) it reduces
// to running the body, since nothing can throw.

#include "config.hpp"

#include <type_traits>
#include <utility>

namespace buffers::detail {

// Runs body; if it throws, runs undo and rethrows. Returns what body returns.
template <class Body, class Undo>
constexpr decltype(auto) on_failure(Body&& body, Undo&& undo) {
#if BUFFERS_HAS_EXCEPTIONS
    try {
        return std::forward<Body>(body)();
    } catch (...) {
        std::forward<Undo>(undo)();
        throw;
    }
#else
    (void)undo;
    return std::forward<Body>(body)();
#endif
}

// Runs body; an exception it throws is swallowed (non-binding requests such as
// shrink_to_fit, which leave the object as it was when they fail).
template <class Body>
constexpr void ignoring_failure(Body&& body) noexcept {
#if BUFFERS_HAS_EXCEPTIONS
    try {
        std::forward<Body>(body)();
    } catch (...) {
    }
#else
    std::forward<Body>(body)();
#endif
}

} // namespace buffers::detail
