// The buffer contract over every base buffer, with every standard element type.

#include "support/buffer_contract.hpp"
#include "support/buffer_families.hpp"

namespace {
namespace mp = boost::mp11;
namespace fam = support::family;

using base_families =
    mp::mp_list<fam::Heap, fam::Inline8, fam::Slice, fam::StdAllocator, fam::PmrAllocator,
                fam::FailingAlloc, fam::Page, fam::PageHeapFirst, fam::Stable, fam::StableSmall>;
using base_cases = support::buffer_product<base_families, support::standard_elements>;

// The OS-memory buffers under the composites a collection puts over them.
using os_composed_families = mp::mp_list<fam::ExponentialPage, fam::ExponentialPageHeapFirst,
                                         fam::ExponentialStable, fam::SvoPage4, fam::SvoStable4>;
using os_composed_cases = support::buffer_product<os_composed_families, support::standard_elements>;

// Buffers that hold nothing: no slots at all, or elements that take no storage.
using empty_cases = std::tuple<buffers::ZstBuffer<support::Tag>, buffers::InlineBuffer<int, 0>,
                               buffers::InlineBuffer<support::Counted, 0>>;
} // namespace

TEMPLATE_LIST_TEST_CASE("base buffers keep the buffer contract", "[base][contract]", base_cases) {
    support::buffer_contract<TestType>();
}

TEMPLATE_LIST_TEST_CASE("OS-memory buffers under composites keep the buffer contract",
                        "[base][contract]", os_composed_cases) {
    support::buffer_contract<TestType>();
}

TEMPLATE_LIST_TEST_CASE("empty base buffers keep the buffer contract", "[base][contract]",
                        empty_cases) {
    support::buffer_contract<TestType>();
}
