// The buffer contract over every composite, with every standard element type (stacked
// compositions: stacked_test.cpp).

#include "support/buffer_contract.hpp"
#include "support/buffer_families.hpp"

namespace {
namespace mp = boost::mp11;
namespace fam = support::family;

using composite_families =
    mp::mp_list<fam::Indirect, fam::IndirectUnique, fam::Zsto, fam::Svo4, fam::Svo0,
                fam::Exponential, fam::AtLeast10, fam::Array3, fam::Default>;
using composite_cases = support::buffer_product<composite_families, support::standard_elements>;

// Empty elements: ZstoBuffer picks ZstBuffer, through any stack.
using empty_cases = std::tuple<buffers::ZstoBuffer<buffers::HeapBuffer<support::Tag>>,
                               buffers::DefaultBuffer<support::Tag>,
                               buffers::ZstoBuffer<buffers::SvoBuffer<buffers::HeapBuffer<support::Tag>, 8>>>;
} // namespace

TEMPLATE_LIST_TEST_CASE("composite buffers keep the buffer contract", "[composite][contract]",
                        composite_cases) {
    support::buffer_contract<TestType>();
}

TEMPLATE_LIST_TEST_CASE("composites over empty elements keep the buffer contract",
                        "[composite][contract]", empty_cases) {
    support::buffer_contract<TestType>();
}
