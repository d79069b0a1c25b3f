// Vector's whole interface over every buffer kind, with tracked element types: every
// construction is matched by exactly one destruction, and the throwing type (disarmed here)
// takes the copy-instead-of-move paths.

#include "collections/vector_interface.hpp"

namespace {
namespace mp = boost::mp11;
namespace fam = support::family;
using vector_families = mp::mp_list<fam::Default, fam::Heap, fam::Inline64, fam::Svo4,
                                    fam::PmrAllocator, fam::ExponentialSvo4>;
using cases = support::vector_product<vector_families,
                                      mp::mp_list<support::Counted, support::Throwing>>;
} // namespace

TEMPLATE_LIST_TEST_CASE("Vector: the whole interface with tracked elements",
                        "[collections][vector]", cases) {
    vector_tests::whole_interface<TestType>();
}
