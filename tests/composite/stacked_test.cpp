// The buffer contract over stacked compositions of composites, with every standard element
// type.

#include "support/buffer_contract.hpp"
#include "support/buffer_families.hpp"

namespace {
namespace mp = boost::mp11;
namespace fam = support::family;

using stacked_families =
    mp::mp_list<fam::ExponentialSvo16, fam::AtLeast64ExponentialPmr, fam::ZstoSvo8,
                fam::SvoPmr4, fam::SvoFailing4, fam::ExponentialAtLeastSvo,
                fam::SvoIndirectUnique3, fam::ArrayOfSvo, fam::ExponentialFailing>;
using stacked_cases = support::buffer_product<stacked_families, support::standard_elements>;
} // namespace

TEMPLATE_LIST_TEST_CASE("stacked composites keep the buffer contract", "[composite][contract]",
                        stacked_cases) {
    support::buffer_contract<TestType>();
}
