// Differential fuzzing of buffers::Vector against std::vector: the harness in harness.hpp
// (which says how an input is decoded) over Vector.

#include <buffers/collections/vector.hpp>
#include <buffers/soa/soa_vector.hpp>

#include "harness.hpp"

namespace fz {

template <class T>
void run_element(unsigned which, FuzzedDataProvider& in) {
    run_elements<buffers::Vector, T>(which, 12, in);
}

template <class T>
void run_row(unsigned which, FuzzedDataProvider& in) {
    run_rows<buffers::Vector, T>(which, in);
}

} // namespace fz
