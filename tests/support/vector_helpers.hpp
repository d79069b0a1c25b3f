#pragma once

// Helpers for Vector tests written once for every buffer and element type: build a vector
// from ids, read its ids back, check the invariants every vector keeps.

#include "buffer_families.hpp"
#include "values.hpp"

#include <buffers/collections/vector.hpp>

#include <catch2/catch.hpp>

#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <span>
#include <utility>
#include <vector>

namespace support {

template <class F>
struct vector_of {
    template <class T>
    using fn = buffers::Vector<T, typename F::template fn<T>>;
};

// Vector<T, F::fn<T>> for every family F and element T.
template <class Families, class Elements>
using vector_product = buffer_product<boost::mp11::mp_transform<vector_of, Families>, Elements>;

template <class V>
using element_t = typename V::value_type;

template <class V>
void append_ids(V& v, std::initializer_list<int> ids) {
    for (int id : ids)
        v.emplace_back(make<element_t<V>>(id));
}

template <class V>
V make_vector(std::initializer_list<int> ids) {
    V v;
    append_ids(v, ids);
    return v;
}

// Ids 0 .. n-1 (plus base).
template <class V>
V make_sequence(std::size_t n, int base = 0) {
    V v;
    for (std::size_t i = 0; i < n; ++i)
        v.emplace_back(make<element_t<V>>(base + static_cast<int>(i)));
    return v;
}

template <class V>
std::vector<int> ids(const V& v) {
    std::vector<int> out;
    for (const auto& e : v)
        out.push_back(id_of(e));
    return out;
}

template <class V>
void check_invariants(const V& v) {
    REQUIRE(v.size() <= v.capacity());
    REQUIRE(v.capacity() <= v.max_size());
    REQUIRE(v.empty() == (v.size() == 0));
    REQUIRE(static_cast<std::size_t>(std::distance(v.begin(), v.end())) == v.size());
    REQUIRE(static_cast<std::size_t>(std::distance(v.rbegin(), v.rend())) == v.size());
    if constexpr (requires { v.data(); }) {
        // [data(), data() + size()) is a valid range even when empty.
        const std::span<const element_t<V>> s(v.data(), v.size());
        REQUIRE(s.size() == v.size());
        if (!v.empty())
            REQUIRE(&v.front() == v.data());
    }
}

} // namespace support

namespace support {

// A single-pass iterator that builds elements from ids on the fly: Vector's constructors,
// assign and insert must treat it as an input iterator (one element at a time, no distance).
template <class T>
class IdInputIterator {
public:
    using iterator_category = std::input_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using reference = T;
    using pointer = void;

    IdInputIterator() = default;
    explicit IdInputIterator(const int* p) noexcept : p_(p) {}

    T operator*() const { return make<T>(*p_); }
    IdInputIterator& operator++() noexcept {
        ++p_;
        return *this;
    }
    IdInputIterator operator++(int) noexcept {
        IdInputIterator old = *this;
        ++p_;
        return old;
    }
    friend bool operator==(IdInputIterator a, IdInputIterator b) noexcept { return a.p_ == b.p_; }

private:
    const int* p_ = nullptr;
};

// Owns ids and hands out single-pass iterators over them (the ids must outlive the iterators).
template <class T>
class InputIds {
public:
    InputIds(std::initializer_list<int> ids) : ids_(ids) {}
    IdInputIterator<T> begin() const noexcept { return IdInputIterator<T>(ids_.data()); }
    IdInputIterator<T> end() const noexcept {
        return IdInputIterator<T>(ids_.data() + ids_.size());
    }

private:
    std::vector<int> ids_;
};

// Elements with the given ids in a std::vector (for range constructors and insert).
template <class T>
std::vector<T> std_vector_of(std::initializer_list<int> ids) {
    std::vector<T> out;
    out.reserve(ids.size());
    for (int id : ids)
        out.push_back(make<T>(id));
    return out;
}

} // namespace support
