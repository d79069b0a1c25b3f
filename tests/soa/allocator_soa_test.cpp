// AllocatorSoaBuffer: a SoA table whose one block comes from an allocator. Everything must come
// from the allocator given (a pmr arena here, with the default resource made to fail), the
// columns stay 64-byte aligned, and copy/move/swap follow the allocator's propagation traits.

#include <buffers/soa/allocator_soa_buffer.hpp>
#include <buffers/soa/soa_vector.hpp>
#include <buffers/soa/sort.hpp>

#include <support/trade.hpp>

#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory_resource>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

using support::Trade;

struct Named {
    int id;
    std::string name;
};

Trade trade(int i) {
    return Trade{1000 - i, static_cast<std::uint32_t>(i % 7), i * 0.5, i, i % 2 ? 'B' : 'S'};
}

// Counts what reaches the upstream and checks every request's alignment.
class CountingResource : public std::pmr::memory_resource {
public:
    std::size_t allocations = 0;
    std::size_t live_bytes = 0;
    std::size_t max_alignment = 0;

private:
    void* do_allocate(std::size_t bytes, std::size_t align) override {
        ++allocations;
        live_bytes += bytes;
        max_alignment = std::max(max_alignment, align);
        return std::pmr::new_delete_resource()->allocate(bytes, align);
    }
    void do_deallocate(void* p, std::size_t bytes, std::size_t align) override {
        live_bytes -= bytes;
        std::pmr::new_delete_resource()->deallocate(p, bytes, align);
    }
    bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
        return this == &other;
    }
};

// Makes the default resource fail for its lifetime: nothing may fall back to it.
struct NoDefaultResource {
    std::pmr::memory_resource* old =
        std::pmr::set_default_resource(std::pmr::null_memory_resource());
    ~NoDefaultResource() { std::pmr::set_default_resource(old); }
};

// A stateful allocator: one heap per id, counted; Propagate sets all three traits.
inline std::map<int, long>& live_blocks() {
    static std::map<int, long> m;
    return m;
}
template <class T, bool Propagate>
struct IdAllocator {
    using value_type = T;
    using propagate_on_container_copy_assignment = std::bool_constant<Propagate>;
    using propagate_on_container_move_assignment = std::bool_constant<Propagate>;
    using propagate_on_container_swap = std::bool_constant<Propagate>;
    using is_always_equal = std::false_type;
    template <class U>
    struct rebind {
        using other = IdAllocator<U, Propagate>;
    };
    int id = 0;
    explicit IdAllocator(int i) noexcept : id(i) {}
    template <class U>
    IdAllocator(const IdAllocator<U, Propagate>& o) noexcept : id(o.id) {}
    T* allocate(std::size_t n) {
        ++live_blocks()[id];
        return std::allocator<T>().allocate(n);
    }
    void deallocate(T* p, std::size_t n) noexcept {
        --live_blocks()[id];
        std::allocator<T>().deallocate(p, n);
    }
    template <class U>
    friend bool operator==(const IdAllocator& a, const IdAllocator<U, Propagate>& b) noexcept {
        return a.id == b.id;
    }
};

template <class V>
void fill(V& v, int n) {
    for (int i = 0; i < n; ++i)
        v.push_back(trade(i));
}
template <class V>
bool holds(const V& v, int n) {
    if (v.size() != static_cast<std::size_t>(n))
        return false;
    for (int i = 0; i < n; ++i)
        if (!(static_cast<Trade>(v[static_cast<std::size_t>(i)]) == trade(i)))
            return false;
    return true;
}

} // namespace

TEST_CASE("an SoA vector on a pmr arena takes all its memory from the arena", "[soa][allocator]") {
    using V = buffers::AllocatorSoaVector<Trade, std::pmr::polymorphic_allocator<Trade>>;
    static_assert(std::is_same_v<V::allocator_type, std::pmr::polymorphic_allocator<Trade>>);
    CountingResource upstream;
    {
        std::pmr::monotonic_buffer_resource arena(&upstream);
        NoDefaultResource guard;
        V v(&arena);
        CHECK(v.get_allocator().resource() == &arena);
        fill(v, 1000);
        CHECK(holds(v, 1000));
        CHECK(upstream.allocations > 0);
        CHECK(upstream.max_alignment >= 64);
        CHECK(reinterpret_cast<std::uintptr_t>(buffers::column<&Trade::price>(v).data()) % 64 == 0);
        CHECK(reinterpret_cast<std::uintptr_t>(buffers::column<&Trade::side>(v).data()) % 64 == 0);

        // The SoA algorithms work on it like on any SoaVector.
        buffers::sort(v, buffers::by(&Trade::symbol_id, &Trade::ts_ns));
        CHECK(buffers::get<&Trade::symbol_id>(v[0]) == 0u);
        CHECK(buffers::get<&Trade::ts_ns>(v[0]) == 1000 - 994);

        // Allocator-extended copy: the copy's memory from another arena.
        std::pmr::monotonic_buffer_resource other(&upstream);
        V w(v, &other);
        CHECK(w.get_allocator().resource() == &other);
        CHECK(w.size() == 1000);
        // Allocator-extended move between unequal resources: rows moved into the arena.
        V x(std::move(w), &arena);
        CHECK(x.size() == 1000);
        CHECK(x.get_allocator().resource() == &arena);
    }
    CHECK(upstream.live_bytes == 0);
}

TEST_CASE("allocators that do not propagate stay with their vectors", "[soa][allocator]") {
    using A = IdAllocator<Trade, false>;
    using V = buffers::AllocatorSoaVector<Trade, A>;
    live_blocks().clear();
    {
        V a(A(1));
        V b(A(2));
        fill(a, 300);
        fill(b, 10);
        b = std::move(a); // unequal, not propagating: rows moved into b's memory
        CHECK(b.get_allocator().id == 2);
        CHECK(holds(b, 300));
        CHECK(a.empty());
        V c(A(3));
        c = b; // copy: keeps its own allocator
        CHECK(c.get_allocator().id == 3);
        CHECK(holds(c, 300));
        V d(b); // copy construction: select_on_container_copy_construction (the same id)
        CHECK(d.get_allocator().id == 2);
        V e(std::move(b)); // move construction takes the allocator and the block
        CHECK(e.get_allocator().id == 2);
        CHECK(holds(e, 300));
        V f(std::move(e), A(4)); // allocator-extended move, unequal: rows moved one by one
        CHECK(f.get_allocator().id == 4);
        CHECK(holds(f, 300));
        CHECK(live_blocks()[4] == 1);
    }
    for (const auto& [id, blocks] : live_blocks())
        CHECK(blocks == 0);
}

TEST_CASE("allocators that propagate move with the rows", "[soa][allocator]") {
    using A = IdAllocator<Trade, true>;
    using V = buffers::AllocatorSoaVector<Trade, A>;
    live_blocks().clear();
    {
        V a(A(1));
        V b(A(2));
        fill(a, 200);
        fill(b, 5);
        b = std::move(a);
        CHECK(b.get_allocator().id == 1);
        CHECK(holds(b, 200));
        V c(A(3));
        c = b;
        CHECK(c.get_allocator().id == 1);
        V d(A(5));
        fill(d, 7);
        swap(c, d);
        CHECK(c.get_allocator().id == 5);
        CHECK(d.get_allocator().id == 1);
        CHECK(holds(c, 7));
        CHECK(holds(d, 200));
    }
    for (const auto& [id, blocks] : live_blocks())
        CHECK(blocks == 0);
}

TEST_CASE("non-trivial fields relocate between allocators", "[soa][allocator]") {
    using A = IdAllocator<Named, false>;
    using V = buffers::AllocatorSoaVector<Named, A>;
    V a(A(1));
    for (int i = 0; i < 100; ++i)
        a.push_back(Named{i, "a string too long for the small buffer " + std::to_string(i)});
    V b(std::move(a), A(2));
    REQUIRE(b.size() == 100);
    CHECK(buffers::get<&Named::name>(b[99]) == "a string too long for the small buffer 99");
    b.shrink_to_fit();
    CHECK(buffers::get<&Named::id>(b[50]) == 50);
}

// (In a named namespace: clang needs T to have linkage to find field indices.)
namespace pmr_rows {
struct PmrRow {
    int id;
    std::pmr::string name;
    double w;
};
} // namespace pmr_rows
using pmr_rows::PmrRow;

TEST_CASE("pmr fields of an SoA table on an arena get the arena too", "[soa][allocator][pmr]") {
    using V = buffers::AllocatorSoaVector<PmrRow, std::pmr::polymorphic_allocator<PmrRow>>;
    CountingResource upstream;
    {
        std::pmr::monotonic_buffer_resource arena(&upstream);
        std::pmr::monotonic_buffer_resource elsewhere(&upstream); // where the inputs live
        NoDefaultResource guard; // the default resource throws on any allocation
        V v(&arena);
        for (int i = 0; i < 300; ++i) {
            PmrRow row{i, std::pmr::string("a name long enough to need the heap ", &elsewhere),
                       0.5 * i};
            row.name += std::to_string(i);
            if (i % 2 == 0)
                v.push_back(row); // copied through the allocator
            else
                v.push_back(std::move(row)); // moved: unequal resources copy the characters
        }
        REQUIRE(v.size() == 300);
        for (std::size_t i = 0; i < v.size(); ++i) {
            const auto& name = buffers::get<&PmrRow::name>(v[i]);
            CHECK(name.get_allocator().resource() == &arena);
            CHECK(std::string_view(name) ==
                  "a name long enough to need the heap " + std::to_string(i));
        }
        // Moving rows around keeps them on the arena: a permutation, erase_if.
        std::vector<std::size_t> reversed(v.size());
        for (std::size_t i = 0; i < reversed.size(); ++i)
            reversed[i] = reversed.size() - 1 - i;
        buffers::apply_permutation(v, reversed);
        CHECK(buffers::get<&PmrRow::id>(v[0]) == 299);
        buffers::erase_if(v, [](const auto& r) { return buffers::get<&PmrRow::id>(r) % 3 == 0; });
        CHECK(v.size() == 200);
        for (std::size_t i = 0; i < v.size(); ++i)
            CHECK(buffers::get<&PmrRow::name>(v[i]).get_allocator().resource() == &arena);
        v.pop_back();
        v.clear();
    }
    CHECK(upstream.live_bytes == 0);
}

TEST_CASE("rows moved to a table on another arena take that arena for their fields",
          "[soa][allocator][pmr]") {
    using V = buffers::AllocatorSoaVector<PmrRow, std::pmr::polymorphic_allocator<PmrRow>>;
    CountingResource upstream;
    {
        std::pmr::monotonic_buffer_resource first(&upstream);
        std::pmr::monotonic_buffer_resource second(&upstream);
        NoDefaultResource guard;
        V a(&first);
        for (int i = 0; i < 50; ++i)
            a.push_back(
                PmrRow{i, std::pmr::string(60, static_cast<char>('a' + i % 26), &first), 1.0 * i});
        V b(&second);
        b = std::move(a); // polymorphic_allocator does not propagate: rows are moved over
        REQUIRE(b.size() == 50);
        for (std::size_t i = 0; i < b.size(); ++i) {
            const auto& name = buffers::get<&PmrRow::name>(b[i]);
            CHECK(name.get_allocator().resource() == &second);
            CHECK(std::string_view(name) ==
                  std::string(60, static_cast<char>('a' + static_cast<int>(i) % 26)));
        }
        V c(std::move(b), std::pmr::polymorphic_allocator<PmrRow>(&first));
        for (std::size_t i = 0; i < c.size(); ++i)
            CHECK(buffers::get<&PmrRow::name>(c[i]).get_allocator().resource() == &first);
    }
    CHECK(upstream.live_bytes == 0);
}
