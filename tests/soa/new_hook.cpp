// Replaces the aligned forms of operator new/delete for this test binary so tests can count
// the allocations SoA buffers make (they allocate all columns with one aligned new).

#include "new_hook.hpp"

#include <cstdlib>
#include <new>

namespace support {
long& aligned_allocations() noexcept {
    static long n = 0;
    return n;
}
} // namespace support

namespace {
void* aligned(std::size_t size, std::align_val_t al) noexcept {
    const auto a = static_cast<std::size_t>(al);
    ++support::aligned_allocations();
    return std::aligned_alloc(a, (size + a - 1) / a * a);
}
} // namespace

void* operator new(std::size_t size, std::align_val_t al) {
    if (void* p = aligned(size, al))
        return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t size, std::align_val_t al) { return operator new(size, al); }
void* operator new(std::size_t size, std::align_val_t al, const std::nothrow_t&) noexcept {
    return aligned(size, al);
}
void* operator new[](std::size_t size, std::align_val_t al, const std::nothrow_t&) noexcept {
    return aligned(size, al);
}
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
