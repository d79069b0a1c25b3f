// Buffer hooks (core/hooks.hpp) through composites: a composite offers exactly the hooks of
// the buffer it wraps, and members offered to users (is_inline()) stay reachable through any
// stack of composites.

#include <buffers/base/allocator_buffer.hpp>
#include <buffers/base/heap_buffer.hpp>
#include <buffers/base/inline_buffer.hpp>
#include <buffers/collections/deque.hpp>
#include <buffers/collections/vector.hpp>
#include <buffers/composite/array_buffer.hpp>
#include <buffers/composite/at_least_buffer.hpp>
#include <buffers/composite/exponential_growth_buffer.hpp>
#include <buffers/composite/svo_buffer.hpp>
#include <buffers/composite/zsto_buffer.hpp>

#include <catch2/catch.hpp>

#include <memory>
#include <memory_resource>
#include <string>

namespace {

using buffers::AllocatorBuffer;
using buffers::ExponentialGrowthBuffer;
using buffers::HeapBuffer;
using buffers::SvoBuffer;

using Heap = HeapBuffer<int>;
using Svo = SvoBuffer<HeapBuffer<int>, 8>;
using GrowingSvo = ExponentialGrowthBuffer<Svo>;
using Pmr = AllocatorBuffer<std::string, std::pmr::polymorphic_allocator<std::string>>;

// A hook the inner buffer lacks is not even declared by the composite (so the hook checks,
// which look for the name, never see a member that cannot be called).
static_assert(!buffers::has_copy_config_from<Heap>);
static_assert(!buffers::has_copy_config_from<ExponentialGrowthBuffer<Heap>>);
static_assert(!buffers::detail::names_copy_config_from<ExponentialGrowthBuffer<Heap>>);
static_assert(!buffers::detail::names_is_inline<ExponentialGrowthBuffer<Heap>>);

// The hooks the inner buffer has are offered, with their noexcept.
static_assert(buffers::has_relocate_from<ExponentialGrowthBuffer<Heap>>);
static_assert(buffers::nothrow_relocate_from_v<ExponentialGrowthBuffer<Heap>>);
static_assert(buffers::has_copy_config_from<ExponentialGrowthBuffer<Pmr>>);
static_assert(buffers::has_move_config_from<buffers::AtLeastBuffer<SvoBuffer<Pmr, 2>, 4>>);
static_assert(buffers::has_swap_with<ExponentialGrowthBuffer<Pmr>>);
static_assert(buffers::has_is_inline<Svo>);
static_assert(buffers::has_is_inline<GrowingSvo>);
static_assert(buffers::has_is_inline<buffers::ZstoBuffer<GrowingSvo>>);
static_assert(buffers::has_relocate_from<buffers::ArrayBuffer<Heap, 3>>);
// ArrayBuffer offers relocate_from only when its sub-buffers relocate without throwing.
struct ThrowingMove {
    ThrowingMove() = default;
    ThrowingMove(const ThrowingMove&) {}
};
using ThrowingSub = buffers::InlineBuffer<ThrowingMove, 2>;
static_assert(buffers::has_relocate_from<ThrowingSub>);
static_assert(!buffers::nothrow_relocate_from_v<ThrowingSub>);
static_assert(!buffers::detail::names_relocate_from<buffers::ArrayBuffer<ThrowingSub, 2>>);

// An offered member has the noexcept of the composite's implementation: the configuration
// hooks may throw (copying an allocator may), is_inline and next_capacity do not.
static_assert(!noexcept(std::declval<ExponentialGrowthBuffer<Pmr>&>().move_config_from(
    std::declval<ExponentialGrowthBuffer<Pmr>&>())));
static_assert(noexcept(std::declval<const GrowingSvo&>().is_inline()));
static_assert(noexcept(std::declval<const GrowingSvo&>().next_capacity(std::size_t{1})));

// Every standard stack passes the hook checks, the full ones too (which check_hooks skips for
// the library's own buffers).
static_assert(buffers::check_hooks<GrowingSvo>());
static_assert(buffers::check_hooks<buffers::ZstoBuffer<GrowingSvo>>());
static_assert(buffers::check_hooks<ExponentialGrowthBuffer<Pmr>>());
static_assert(buffers::check_hooks<buffers::IndirectBuffer<std::unique_ptr<Heap>>>());
static_assert(buffers::detail::check_hook_signatures<GrowingSvo>());
static_assert(buffers::detail::check_hook_signatures<buffers::ZstoBuffer<GrowingSvo>>());
static_assert(buffers::detail::check_hook_signatures<ExponentialGrowthBuffer<Pmr>>());
static_assert(
    buffers::detail::check_hook_signatures<buffers::IndirectBuffer<std::unique_ptr<Heap>>>());

// Which buffers the checks trust: the library's, not a class derived from one (a user's
// composite or buffer), nor a library composite that is such a class (ZstoBuffer over it).
struct UserComposite : ExponentialGrowthBuffer<Heap> {
    using ExponentialGrowthBuffer<Heap>::ExponentialGrowthBuffer;
};
static_assert(buffers::detail::library_buffer<Heap>);
static_assert(buffers::detail::library_buffer<Pmr>);
static_assert(buffers::detail::library_buffer<buffers::DefaultBuffer<int>>);
static_assert(buffers::detail::library_buffer<buffers::ZstoBuffer<GrowingSvo>>);
static_assert(buffers::detail::library_buffer<buffers::ArrayBuffer<Heap, 3>>);
static_assert(buffers::detail::library_buffer<buffers::AtLeastBuffer<Heap, 4>>);
static_assert(buffers::detail::library_buffer<buffers::IndirectBuffer<UserComposite>>);
static_assert(!buffers::detail::library_buffer<UserComposite>);
static_assert(!buffers::detail::library_buffer<buffers::ZstoBuffer<UserComposite>>);
static_assert(!buffers::detail::library_buffer<SvoBuffer<UserComposite, 4>>);
static_assert(!buffers::detail::library_buffer<buffers::ArrayBuffer<UserComposite, 2>>);

} // namespace

TEST_CASE("is_inline() is reachable through a growth composite over SvoBuffer",
          "[composite][hooks]") {
    buffers::Vector<int, GrowingSvo> v;
    CHECK(v.buffer().is_inline());
    for (int i = 0; i < 8; ++i)
        v.push_back(i);
    CHECK(v.buffer().is_inline());
    v.push_back(8);
    CHECK_FALSE(v.buffer().is_inline());
    v.resize(3);
    v.shrink_to_fit();
    CHECK(v.buffer().is_inline());

    buffers::Deque<int, buffers::ZstoBuffer<GrowingSvo>> d;
    CHECK(d.buffer().is_inline());
    for (int i = 0; i < 9; ++i)
        d.push_front(i);
    CHECK_FALSE(d.buffer().is_inline());
}

TEST_CASE("A composite forwards relocate_from and swap_with to the buffer inside",
          "[composite][hooks]") {
    std::pmr::monotonic_buffer_resource res;
    using V = buffers::Vector<std::string, ExponentialGrowthBuffer<Pmr>>;
    V a{std::pmr::polymorphic_allocator<std::string>(&res)};
    V b{std::pmr::polymorphic_allocator<std::string>(&res)};
    a.push_back("a long string that the small string optimisation cannot hold");
    b = std::move(a); // relocate_from: the storage is handed over
    CHECK(b.size() == 1);
    CHECK(a.empty());
    a.push_back("x");
    a.swap(b); // swap_with
    CHECK(a.size() == 1);
    CHECK(a[0].size() > 10);
    CHECK(b[0] == "x");
}
