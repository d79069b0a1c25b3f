#pragma once

// Element types that count and police their own lifetimes. Each owns heap memory, so a leak
// or a double destruction also shows up under AddressSanitizer, and registers its address in
// support::registry(), so the same mistakes are caught without one.
//
//   Counted              copyable, noexcept move, never throws
//   MoveOnly             move-only, noexcept move
//   Throwing             copy, move, default and value construction throw when armed; the
//                        move is noexcept(false), so containers copy instead of moving
//   ThrowingNothrowMove  copy, default and value construction throw when armed; the move is
//                        noexcept and never throws
//   ThrowingDtor         noexcept(false) destructor that throws when arm_destructor() expires

#include "tracking.hpp"

#include <compare>
#include <utility>

namespace support {

template <bool NothrowMove, bool Throws, bool DtorThrows>
class Tracked {
public:
    static constexpr bool throws = Throws;

    Tracked() {
        if constexpr (Throws)
            maybe_throw();
        p_ = new int(0);
        register_object(this);
        ++counts().default_constructions;
    }
    explicit Tracked(int id) {
        if constexpr (Throws)
            maybe_throw();
        p_ = new int(id);
        register_object(this);
        ++counts().value_constructions;
    }
    Tracked(const Tracked& other) {
        if constexpr (Throws)
            maybe_throw();
        p_ = other.p_ ? new int(*other.p_) : nullptr;
        register_object(this);
        ++counts().copies;
    }
    Tracked(Tracked&& other) noexcept(NothrowMove) {
        if constexpr (Throws && !NothrowMove)
            maybe_throw();
        p_ = std::exchange(other.p_, nullptr);
        register_object(this);
        ++counts().moves;
    }
    Tracked& operator=(const Tracked& other) {
        if constexpr (Throws)
            maybe_throw();
        if (this != &other) {
            int* fresh = other.p_ ? new int(*other.p_) : nullptr;
            delete p_;
            p_ = fresh;
        }
        ++counts().copy_assignments;
        return *this;
    }
    Tracked& operator=(Tracked&& other) noexcept(NothrowMove) {
        if constexpr (Throws && !NothrowMove)
            maybe_throw();
        if (this != &other) {
            delete p_;
            p_ = std::exchange(other.p_, nullptr);
        }
        ++counts().move_assignments;
        return *this;
    }
    ~Tracked() noexcept(!DtorThrows) {
        unregister_object(this);
        delete p_;
        p_ = nullptr;
        if constexpr (DtorThrows) {
            long& n = dtor_countdown();
            if (n > 0 && --n == 0)
                throw TestError();
        }
    }

    // The value; -1 for a moved-from object.
    int id() const noexcept { return p_ ? *p_ : -1; }

    friend bool operator==(const Tracked& a, const Tracked& b) noexcept { return a.id() == b.id(); }
    friend std::strong_ordering operator<=>(const Tracked& a, const Tracked& b) noexcept {
        return a.id() <=> b.id();
    }

private:
    int* p_ = nullptr;
};

using Counted = Tracked<true, false, false>;
using Throwing = Tracked<false, true, false>;
using ThrowingNothrowMove = Tracked<true, true, false>;
using ThrowingDtor = Tracked<true, false, true>;

class MoveOnly {
public:
    MoveOnly() : p_(new int(0)) {
        register_object(this);
        ++counts().default_constructions;
    }
    explicit MoveOnly(int id) : p_(new int(id)) {
        register_object(this);
        ++counts().value_constructions;
    }
    MoveOnly(MoveOnly&& other) noexcept : p_(std::exchange(other.p_, nullptr)) {
        register_object(this);
        ++counts().moves;
    }
    MoveOnly& operator=(MoveOnly&& other) noexcept {
        if (this != &other) {
            delete p_;
            p_ = std::exchange(other.p_, nullptr);
        }
        ++counts().move_assignments;
        return *this;
    }
    MoveOnly(const MoveOnly&) = delete;
    MoveOnly& operator=(const MoveOnly&) = delete;
    ~MoveOnly() {
        unregister_object(this);
        delete p_;
        p_ = nullptr;
    }

    int id() const noexcept { return p_ ? *p_ : -1; }

    friend bool operator==(const MoveOnly& a, const MoveOnly& b) noexcept { return a.id() == b.id(); }
    friend std::strong_ordering operator<=>(const MoveOnly& a, const MoveOnly& b) noexcept {
        return a.id() <=> b.id();
    }

private:
    int* p_;
};

} // namespace support
