#pragma once

namespace support {
// Number of aligned operator new calls so far (see new_hook.cpp).
long& aligned_allocations() noexcept;
} // namespace support
