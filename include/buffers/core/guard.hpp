#pragma once

// Rollback on failure, written once. Code that must undo a partial step when a later one
// throws says so with on_failure(body, undo) or a Rollback guard; with exceptions off
// (-fno-exceptions) both reduce to running the body, since nothing can throw.

#include "config.hpp"

#include <type_traits>
#include <utility>

namespace buffers::detail {

// Runs body; if it throws, runs undo and rethrows. Returns what body returns.
template <class Body, class Undo>
decltype(auto) on_failure(Body&& body, Undo&& undo) {
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
void ignoring_failure(Body&& body) noexcept {
#if BUFFERS_HAS_EXCEPTIONS
    try {
        std::forward<Body>(body)();
    } catch (...) {
    }
#else
    std::forward<Body>(body)();
#endif
}

// Runs undo at scope exit unless dismissed: for rollbacks that span several statements.
template <class Undo>
class [[nodiscard]] Rollback {
public:
    explicit Rollback(Undo undo) noexcept(std::is_nothrow_move_constructible_v<Undo>)
        : undo_(std::move(undo)) {}
    Rollback(const Rollback&) = delete;
    Rollback& operator=(const Rollback&) = delete;
    ~Rollback() {
        if (armed_)
            undo_();
    }
    void dismiss() noexcept { armed_ = false; }

private:
    Undo undo_;
    bool armed_ = BUFFERS_HAS_EXCEPTIONS;
};

} // namespace buffers::detail
