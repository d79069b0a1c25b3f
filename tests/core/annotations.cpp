// Under AddressSanitizer, reading a slot past size() inside the capacity of a Vector over a
// contiguous buffer is a container-overflow, as with libstdc++'s annotated std::vector. Each
// case builds a vector one way and then reads the first slot past its size (or, for the
// "within_*" cases, the last element, which must not be reported). Run by CTest, one process
// per case, in the sanitized build only.

#include <buffers/buffers.hpp>

#include <cstdio>
#include <cstring>
#include <memory>
#include <memory_resource>
#include <string>
#include <utility>

namespace {

volatile int sink;

template <class V>
void read_past_size(const V& v) {
    std::printf("size %zu, capacity %zu: reading the slot past the size\n", v.size(), v.capacity());
    std::fflush(stdout);
    sink = v.data()[v.size()];
}

template <class V>
void read_last(const V& v) {
    sink = v.data()[v.size() - 1];
    std::printf("read the last element\n");
}

template <class V>
V pushed(int n, std::size_t reserve = 16) {
    V v;
    v.reserve(reserve);
    for (int i = 0; i < n; ++i)
        v.push_back(i);
    return v;
}

using Heap = buffers::Vector<int, buffers::HeapBuffer<int>>;
using Alloc = buffers::Vector<int, buffers::AllocatorBuffer<int, std::allocator<int>>>;
using Growth = buffers::Vector<int, buffers::ExponentialGrowthBuffer<buffers::HeapBuffer<int>>>;
using Inline = buffers::Vector<int, buffers::InlineBuffer<int, 16>>;
using Svo = buffers::Vector<int, buffers::SvoBuffer<buffers::HeapBuffer<int>, 8>>;
using Pmr =
    buffers::Vector<int, buffers::AllocatorBuffer<int, std::pmr::polymorphic_allocator<int>>>;

int run(const char* c) {
    auto is = [c](const char* name) { return std::strcmp(c, name) == 0; };
    if (is("heap"))
        read_past_size(pushed<Heap>(3));
    else if (is("allocator"))
        read_past_size(pushed<Alloc>(3));
    else if (is("growth"))
        read_past_size(pushed<Growth>(5, 0));
    else if (is("default"))
        read_past_size(pushed<buffers::Vector<int>>(5, 0));
    else if (is("inline"))
        read_past_size(pushed<Inline>(3, 0));
    else if (is("svo_inline"))
        read_past_size(pushed<Svo>(3, 0));
    else if (is("svo_heap"))
        read_past_size(pushed<Svo>(20, 64));
    else if (is("pmr")) {
        alignas(16) unsigned char arena[1024];
        std::pmr::monotonic_buffer_resource res(arena, sizeof arena);
        Pmr v{std::pmr::polymorphic_allocator<int>(&res)};
        v.reserve(16);
        v.push_back(1);
        read_past_size(v);
    } else if (is("pop_back")) {
        // Two pops: the slot past the size then starts a granule of its own (a read in the
        // used part of the last granule is reported as whatever lies beyond the capacity).
        auto v = pushed<buffers::Vector<int>>(8, 0);
        v.pop_back();
        v.pop_back();
        read_past_size(v);
    } else if (is("clear")) {
        auto v = pushed<buffers::Vector<int>>(8, 0);
        v.clear();
        read_past_size(v);
    } else if (is("erase")) {
        auto v = pushed<buffers::Vector<int>>(6, 0);
        v.erase(v.begin());
        read_past_size(v);
    } else if (is("resize")) {
        auto v = pushed<Inline>(10, 0);
        v.resize(4);
        read_past_size(v);
    } else if (is("inline_moved")) {
        Inline a = pushed<Inline>(3, 0);
        Inline b(std::move(a));
        read_past_size(b);
    } else if (is("inline_moved_from")) {
        Inline a = pushed<Inline>(3, 0);
        Inline b(std::move(a));
        read_past_size(a);
    } else if (is("inline_swapped")) {
        Inline a = pushed<Inline>(2, 0), b = pushed<Inline>(5, 0);
        a.swap(b);
        read_past_size(b);
    } else if (is("svo_swapped")) {
        Svo a = pushed<Svo>(2, 0), b = pushed<Svo>(12, 16);
        a.swap(b);
        read_past_size(a);
    } else if (is("copied")) {
        // A copy is an exact request: copied onto inline slots, to leave slots past the size.
        const auto a = pushed<Inline>(5, 0);
        const Inline b(a);
        read_past_size(b);
    } else if (is("strings")) {
        buffers::Vector<std::string> v;
        v.reserve(8);
        v.emplace_back("a string too long to be kept inline by std::string");
        std::printf("reading the slot past the size\n");
        std::fflush(stdout);
        sink = static_cast<int>(v.data()[1].size());
    } else if (is("within_heap")) {
        read_last(pushed<Heap>(3));
    } else if (is("within_inline")) {
        auto v = pushed<Inline>(10, 0);
        v.resize(4);
        v.insert(v.begin() + 1, 7);
        read_last(v);
    } else {
        std::printf("unknown case %s\n", c);
        return 2;
    }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2)
        return 2;
    return run(argv[1]);
}
