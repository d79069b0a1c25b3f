// The buffer contract over every composite and over stacked compositions, with every standard
// element type.

#include "support/buffer_contract.hpp"
#include "support/buffer_families.hpp"

namespace {
namespace mp = boost::mp11;
namespace fam = support::family;

using composite_families =
    mp::mp_list<fam::Indirect, fam::IndirectUnique, fam::Zsto, fam::Svo4, fam::Svo0,
                fam::Exponential, fam::AtLeast10, fam::Array3, fam::Default>;
using composite_cases = support::buffer_product<composite_families, support::standard_elements>;

using stacked_families =
    mp::mp_list<fam::ExponentialSvo16, fam::AtLeast64ExponentialPmr, fam::ZstoSvo8,
                fam::SvoPmr4, fam::SvoFailing4, fam::ExponentialAtLeastSvo,
                fam::SvoIndirectUnique3, fam::ArrayOfSvo, fam::ExponentialFailing>;
using stacked_cases = support::buffer_product<stacked_families, support::standard_elements>;

// Empty elements: ZstoBuffer picks ZstBuffer, through any stack.
using empty_cases = std::tuple<buffers::ZstoBuffer<buffers::HeapBuffer<support::Tag>>,
                               buffers::DefaultBuffer<support::Tag>,
                               buffers::ZstoBuffer<buffers::SvoBuffer<buffers::HeapBuffer<support::Tag>, 8>>>;
} // namespace

TEMPLATE_LIST_TEST_CASE("composite buffers keep the buffer contract", "[composite][contract]",
                        composite_cases) {
    support::buffer_contract<TestType>();
}

TEMPLATE_LIST_TEST_CASE("stacked composites keep the buffer contract", "[composite][contract]",
                        stacked_cases) {
    support::buffer_contract<TestType>();
}

TEMPLATE_LIST_TEST_CASE("composites over empty elements keep the buffer contract",
                        "[composite][contract]", empty_cases) {
    support::buffer_contract<TestType>();
}
