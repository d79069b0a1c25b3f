// The buffer concepts, checked with minimal stand-in types that meet or miss one requirement
// each, and with the library's own buffers.

#include "support/buffer_families.hpp"
#include "support/tag.hpp"

#include <buffers/core/concepts.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cstddef>
#include <memory>
#include <string>

namespace {
using buffers::Live;
using buffers::Status;

// Every requirement of Buffer, and nothing more.
struct Minimal {
    using value_type = int;
    using reference = int&;
    using const_reference = const int&;

    std::size_t capacity() const noexcept { return 0; }
    std::size_t max_capacity() const noexcept { return 0; }
    int& get(std::size_t) { return slot; }
    const int& get(std::size_t) const { return slot; }
    int take(std::size_t) { return slot; }
    void destroy(std::size_t) {}
    template <class... Args>
    void put(std::size_t, Args&&...) {}
    Status try_grow(std::size_t, Live) { return Status::ok; }
    Status try_shrink(std::size_t, Live) { return Status::ok; }

    int slot = 0;
};

// One requirement missing (a deleted member hides Minimal's) or wrong, per type.
struct NoTypes {
    std::size_t capacity() const noexcept { return 0; }
    std::size_t max_capacity() const noexcept { return 0; }
    int& get(std::size_t) { return slot; }
    const int& get(std::size_t) const { return slot; }
    int take(std::size_t) { return slot; }
    void destroy(std::size_t) {}
    void put(std::size_t, int&&) {}
    Status try_grow(std::size_t, Live) { return Status::ok; }
    Status try_shrink(std::size_t, Live) { return Status::ok; }
    int slot = 0;
};
struct NoCapacity : Minimal {
    std::size_t capacity() const noexcept = delete;
};
struct CapacityMayThrow : Minimal {
    std::size_t capacity() const { return 0; }
};
struct CapacityWrongType : Minimal {
    int capacity() const noexcept { return 0; }
};
struct NoMaxCapacity : Minimal {
    std::size_t max_capacity() const noexcept = delete;
};
struct NoConstGet : Minimal {
    int& get(std::size_t) { return slot; }
    const int& get(std::size_t) const = delete;
};
struct GetWrongReference : Minimal {
    int get(std::size_t) { return slot; }
};
struct NoTake : Minimal {
    int take(std::size_t) = delete;
};
struct NoDestroy : Minimal {
    void destroy(std::size_t) = delete;
};
struct NoPut : Minimal {
    template <class... Args>
    void put(std::size_t, Args&&...) = delete;
};
struct NoTryGrow : Minimal {
    Status try_grow(std::size_t, Live) = delete;
};
struct TryGrowReturnsBool : Minimal {
    bool try_grow(std::size_t, Live) { return true; }
};
struct NoTryShrink : Minimal {
    Status try_shrink(std::size_t, Live) = delete;
};

// Capabilities on top of Minimal.
struct WithPtr : Minimal {
    int* ptr(std::size_t) noexcept { return &slot; }
    const int* ptr(std::size_t) const noexcept { return &slot; }
};
struct WithPtrMayThrow : Minimal {
    int* ptr(std::size_t) { return &slot; }
    const int* ptr(std::size_t) const { return &slot; }
};
struct WithData : WithPtr {
    int* data() noexcept { return &slot; }
    const int* data() const noexcept { return &slot; }
};
struct WithDataButNoPtr : Minimal {
    int* data() noexcept { return &slot; }
    const int* data() const noexcept { return &slot; }
};
struct ProxyReference : Minimal {
    struct Proxy {
        int* p;
    };
    using reference = Proxy;
    using const_reference = Proxy;
    Proxy get(std::size_t) { return {&slot}; }
    Proxy get(std::size_t) const { return {nullptr}; }
    int* data() noexcept { return &slot; }
    const int* data() const noexcept { return &slot; }
};
struct ByValue : Minimal {
    using reference = int;
    using const_reference = int;
    int get(std::size_t) const { return slot; }
};
struct Relocatable : Minimal {
    Relocatable() = default;
    Relocatable(Relocatable&&, Live) noexcept {}
};
struct CopyConfigurable : Minimal {
    CopyConfigurable() = default;
    CopyConfigurable(buffers::copy_config_t, const CopyConfigurable&) {}
};

// A move-only element needs put from T&&; an immovable one needs no put at all (it is built
// in place with other arguments).
struct Immovable {
    Immovable(const Immovable&) = delete;
};
struct ImmovableBuffer : Minimal {
    using value_type = Immovable;
    using reference = Immovable&;
    using const_reference = const Immovable&;
    Immovable& get(std::size_t);
    const Immovable& get(std::size_t) const;
    Immovable take(std::size_t);
    template <class... Args>
    void put(std::size_t, Args&&...) = delete;
};
} // namespace

TEST_CASE("Buffer accepts the minimal stand-in and rejects each missing requirement",
          "[core][concepts]") {
    STATIC_REQUIRE(buffers::Buffer<Minimal>);
    STATIC_REQUIRE(buffers::check_buffer<Minimal>());
    STATIC_REQUIRE_FALSE(buffers::Buffer<NoTypes>);
    STATIC_REQUIRE_FALSE(buffers::Buffer<NoCapacity>);
    STATIC_REQUIRE_FALSE(buffers::Buffer<CapacityMayThrow>);
    STATIC_REQUIRE_FALSE(buffers::Buffer<CapacityWrongType>);
    STATIC_REQUIRE_FALSE(buffers::Buffer<NoMaxCapacity>);
    STATIC_REQUIRE_FALSE(buffers::Buffer<NoConstGet>);
    STATIC_REQUIRE_FALSE(buffers::Buffer<GetWrongReference>);
    STATIC_REQUIRE_FALSE(buffers::Buffer<NoTake>);
    STATIC_REQUIRE_FALSE(buffers::Buffer<NoDestroy>);
    STATIC_REQUIRE_FALSE(buffers::Buffer<NoPut>);
    STATIC_REQUIRE_FALSE(buffers::Buffer<NoTryGrow>);
    STATIC_REQUIRE_FALSE(buffers::Buffer<TryGrowReturnsBool>);
    STATIC_REQUIRE_FALSE(buffers::Buffer<NoTryShrink>);
    STATIC_REQUIRE_FALSE(buffers::Buffer<Minimal&>);
    STATIC_REQUIRE_FALSE(buffers::Buffer<int>);
    // put(i, T&&) is only required when T can be moved at all.
    STATIC_REQUIRE(buffers::Buffer<ImmovableBuffer>);
}

TEST_CASE("capability concepts require exactly their capability", "[core][concepts]") {
    STATIC_REQUIRE(buffers::RefBuffer<Minimal>);
    STATIC_REQUIRE_FALSE(buffers::PtrBuffer<Minimal>);
    STATIC_REQUIRE_FALSE(buffers::ContiguousBuffer<Minimal>);
    STATIC_REQUIRE_FALSE(buffers::CopyValueBuffer<Minimal>);

    STATIC_REQUIRE(buffers::PtrBuffer<WithPtr>);
    STATIC_REQUIRE_FALSE(buffers::ContiguousBuffer<WithPtr>);
    STATIC_REQUIRE_FALSE(buffers::PtrBuffer<WithPtrMayThrow>);
    STATIC_REQUIRE(buffers::ContiguousBuffer<WithData>);
    STATIC_REQUIRE_FALSE(buffers::ContiguousBuffer<WithDataButNoPtr>);

    STATIC_REQUIRE(buffers::Buffer<ProxyReference>);
    STATIC_REQUIRE_FALSE(buffers::RefBuffer<ProxyReference>);
    STATIC_REQUIRE_FALSE(buffers::ContiguousBuffer<ProxyReference>);

    STATIC_REQUIRE(buffers::CopyValueBuffer<ByValue>);
    STATIC_REQUIRE_FALSE(buffers::RefBuffer<ByValue>);

    STATIC_REQUIRE(buffers::RelocatableBuffer<Relocatable>);
    STATIC_REQUIRE_FALSE(buffers::RelocatableBuffer<Minimal>);
    STATIC_REQUIRE(buffers::CopyConfigurableBuffer<CopyConfigurable>);
    STATIC_REQUIRE_FALSE(buffers::CopyConfigurableBuffer<Minimal>);
}

TEST_CASE("the library's buffers model the concepts they promise", "[core][concepts]") {
    using namespace buffers;
    using support::pmr_allocator;
    using support::Tag;

    STATIC_REQUIRE(ContiguousBuffer<HeapBuffer<int>>);
    STATIC_REQUIRE(ContiguousBuffer<HeapBuffer<std::string>>);
    STATIC_REQUIRE(ContiguousBuffer<InlineBuffer<int, 4>>);
    STATIC_REQUIRE(ContiguousBuffer<InlineBuffer<int, 0>>);
    STATIC_REQUIRE(ContiguousBuffer<SliceBuffer<int>>);
    STATIC_REQUIRE(ContiguousBuffer<AllocatorBuffer<int>>);
    STATIC_REQUIRE(ContiguousBuffer<AllocatorBuffer<std::string, pmr_allocator<std::string>>>);
    STATIC_REQUIRE(CopyValueBuffer<ZstBuffer<Tag>>);
    STATIC_REQUIRE_FALSE(RefBuffer<ZstBuffer<Tag>>);

    // Composites forward what the inner buffer has.
    STATIC_REQUIRE(ContiguousBuffer<IndirectBuffer<HeapBuffer<int>>>);
    STATIC_REQUIRE(ContiguousBuffer<IndirectBuffer<std::unique_ptr<HeapBuffer<int>>>>);
    STATIC_REQUIRE(ContiguousBuffer<ExponentialGrowthBuffer<HeapBuffer<int>>>);
    STATIC_REQUIRE(ContiguousBuffer<AtLeastBuffer<HeapBuffer<int>, 8>>);
    STATIC_REQUIRE(ContiguousBuffer<SvoBuffer<HeapBuffer<int>, 8>>);
    STATIC_REQUIRE(ContiguousBuffer<SvoBuffer<HeapBuffer<int>, 0>>);
    STATIC_REQUIRE(ContiguousBuffer<ZstoBuffer<HeapBuffer<int>>>);
    STATIC_REQUIRE(ContiguousBuffer<DefaultBuffer<int>>);
    STATIC_REQUIRE(
        ContiguousBuffer<
            AtLeastBuffer<ExponentialGrowthBuffer<AllocatorBuffer<int, pmr_allocator<int>>>, 64>>);
    STATIC_REQUIRE(ContiguousBuffer<ExponentialGrowthBuffer<SvoBuffer<HeapBuffer<int>, 16>>>);
    STATIC_REQUIRE(CopyValueBuffer<ZstoBuffer<HeapBuffer<Tag>>>);
    STATIC_REQUIRE(CopyValueBuffer<DefaultBuffer<Tag>>);
    STATIC_REQUIRE(CopyValueBuffer<ZstoBuffer<SvoBuffer<HeapBuffer<Tag>, 8>>>);

    // ArrayBuffer changes the mapping: proxies, no pointers, and so neither do its wrappers.
    using Array = ArrayBuffer<HeapBuffer<float>, 3>;
    STATIC_REQUIRE(Buffer<Array>);
    STATIC_REQUIRE(std::is_same_v<Array::value_type, std::array<float, 3>>);
    STATIC_REQUIRE_FALSE(RefBuffer<Array>);
    STATIC_REQUIRE(Buffer<ExponentialGrowthBuffer<Array>>);
    STATIC_REQUIRE_FALSE(RefBuffer<ExponentialGrowthBuffer<Array>>);

    STATIC_REQUIRE(RelocatableBuffer<HeapBuffer<int>>);
    STATIC_REQUIRE(RelocatableBuffer<SvoBuffer<HeapBuffer<std::string>, 4>>);
    STATIC_REQUIRE(CopyConfigurableBuffer<AllocatorBuffer<int>>);
    STATIC_REQUIRE_FALSE(CopyConfigurableBuffer<SliceBuffer<int>>);

    // Buffers without state take over and configure nothing, without throwing, and are never
    // copied or moved (as every buffer).
    STATIC_REQUIRE(RelocatableBuffer<ZstBuffer<Tag>>);
    STATIC_REQUIRE(RelocatableBuffer<InlineBuffer<int, 0>>);
    STATIC_REQUIRE(CopyConfigurableBuffer<ZstBuffer<Tag>>);
    STATIC_REQUIRE(CopyConfigurableBuffer<InlineBuffer<int, 0>>);
    STATIC_REQUIRE(nothrow_relocate_from_v<ZstBuffer<Tag>>);
    STATIC_REQUIRE(nothrow_relocate_from_v<InlineBuffer<int, 0>>);
    STATIC_REQUIRE_FALSE(std::is_copy_constructible_v<ZstBuffer<Tag>>);
    STATIC_REQUIRE_FALSE(std::is_move_constructible_v<InlineBuffer<int, 0>>);
}
