#pragma once

// Bookkeeping shared by the tracked element types: global counters, a registry of live object
// addresses (so double destruction and construction over a live object are caught even
// without a sanitizer), countdowns that make the Nth operation throw, and a scope guard that
// checks everything constructed in its scope was destroyed exactly once.

#include <catch2/catch.hpp>

#include <exception>
#include <set>
#include <stdexcept>

namespace support {

struct Counts {
    long default_constructions = 0;
    long value_constructions = 0;
    long copies = 0; // copy constructions
    long moves = 0;  // move constructions
    long copy_assignments = 0;
    long move_assignments = 0;
    long destructions = 0;
    long live = 0;   // constructed and not yet destroyed
    long errors = 0; // double destruction, unknown object destroyed, construction over a live one

    long constructions() const noexcept {
        return default_constructions + value_constructions + copies + moves;
    }
};

inline Counts& counts() noexcept {
    static Counts c;
    return c;
}

inline std::set<const void*>& registry() {
    static std::set<const void*> r;
    return r;
}

inline void register_object(const void* p) {
    if (!registry().insert(p).second)
        ++counts().errors;
    ++counts().live;
}

inline void unregister_object(const void* p) noexcept {
    if (registry().erase(p) == 0)
        ++counts().errors;
    --counts().live;
    ++counts().destructions;
}

// What the element types throw when their countdown expires.
struct TestError : std::runtime_error {
    TestError() : std::runtime_error("support::TestError: armed operation") {}
};

// Copies, moves and value/default constructions of throwing types decrement this; the one that
// brings it to zero throws. Zero means disarmed.
inline long& throw_countdown() noexcept {
    static long n = 0;
    return n;
}
// The same for destructors of ThrowingDtor.
inline long& dtor_countdown() noexcept {
    static long n = 0;
    return n;
}

// The nth throwing operation from now throws (n >= 1).
inline void arm(long n) noexcept { throw_countdown() = n; }
inline void disarm() noexcept { throw_countdown() = 0; }
inline void arm_destructor(long n) noexcept { dtor_countdown() = n; }
inline void disarm_destructor() noexcept { dtor_countdown() = 0; }

inline void maybe_throw() {
    long& n = throw_countdown();
    if (n > 0 && --n == 0)
        throw TestError();
}

// Disarms both countdowns when a test leaves early, so one failure does not cascade.
struct Disarm {
    Disarm() = default;
    Disarm(const Disarm&) = delete;
    Disarm& operator=(const Disarm&) = delete;
    ~Disarm() {
        disarm();
        disarm_destructor();
    }
};

// Checks, at the end of its scope, that every tracked object constructed inside it was
// destroyed exactly once and that no registry error happened.
class LeakGuard {
public:
    LeakGuard() noexcept : live_(counts().live), errors_(counts().errors) {}
    LeakGuard(const LeakGuard&) = delete;
    LeakGuard& operator=(const LeakGuard&) = delete;
    ~LeakGuard() {
        disarm();
        disarm_destructor();
        if (std::uncaught_exceptions() == 0)
            check();
    }
    void check() const {
        CHECK(counts().live == live_);
        CHECK(counts().errors == errors_);
    }

private:
    long live_;
    long errors_;
};

} // namespace support
