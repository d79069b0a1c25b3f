// Differential fuzzing of buffers::Deque against std::deque: the harness in harness.hpp (which
// says how an input is decoded; the Deque's front operations take the cases that are
// Vector-only) over Deque, including what a new user writes for a deque with an allocator,
// Deque<T, ExponentialGrowthBuffer<AllocatorBuffer<T, A>>>.

#include <buffers/collections/deque.hpp>
#include <buffers/soa/soa_deque.hpp>

#include "harness.hpp"

namespace fz {

template <class T>
void run_element(unsigned which, FuzzedDataProvider& in) {
    run_elements<buffers::Deque, T>(which, 12, in);
}

template <class T>
void run_row(unsigned which, FuzzedDataProvider& in) {
    run_rows<buffers::Deque, T>(which, in);
}

} // namespace fz
