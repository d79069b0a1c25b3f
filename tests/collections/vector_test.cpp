// Vector's whole interface over every buffer kind, with plain element types (int,
// std::string, move-only). vector_tracked_test.cpp runs the same body with the tracked ones.

#include "collections/vector_interface.hpp"

namespace {
namespace mp = boost::mp11;
namespace fam = support::family;
using vector_families = mp::mp_list<fam::Default, fam::Heap, fam::Inline64, fam::Svo4,
                                    fam::PmrAllocator, fam::ExponentialSvo4>;
using cases = support::vector_product<vector_families,
                                      mp::mp_list<int, std::string, support::MoveOnly>>;
} // namespace

TEMPLATE_LIST_TEST_CASE("Vector: the whole interface", "[collections][vector]", cases) {
    vector_tests::whole_interface<TestType>();
}
