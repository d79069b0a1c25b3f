// The shared interface test body (vector_interface.hpp) over Deque: every member a ring shares
// with Vector, over every buffer kind, with plain and tracked element types. The ring starts
// at slot 0 in these tests; deque_test.cpp covers wrapped rings and the front.

#include "collections/vector_interface.hpp"

#include <buffers/collections/deque.hpp>

namespace {
namespace mp = boost::mp11;
namespace fam = support::family;

template <class F>
struct deque_of {
    template <class T>
    using fn = buffers::Deque<T, typename F::template fn<T>>;
};
using deque_families = mp::mp_list<fam::Default, fam::Heap, fam::Inline64, fam::Svo4,
                                   fam::PmrAllocator, fam::ExponentialSvo4>;
using cases = support::buffer_product<
    mp::mp_transform<deque_of, deque_families>,
    mp::mp_list<int, std::string, support::MoveOnly, support::Counted, support::Throwing>>;
} // namespace

TEMPLATE_LIST_TEST_CASE("Deque: the whole interface shared with Vector", "[collections][deque]",
                        cases) {
    vector_tests::whole_interface<TestType>();
}
