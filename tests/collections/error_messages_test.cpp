// Error messages name the public call that failed, derived from the collection's name and the
// member (collections/core.hpp): a constructor reports itself, not the helper it uses.

#include <buffers/base/inline_buffer.hpp>
#include <buffers/collections/deque.hpp>
#include <buffers/collections/vector.hpp>

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

namespace {

using Inline4 = buffers::Vector<int, buffers::InlineBuffer<int, 4>>;
using InlineDeque4 = buffers::Deque<int, buffers::InlineBuffer<int, 4>>;

// The message of what f throws (E), or "" when it throws nothing.
template <class E, class F>
std::string message_of(F&& f) {
    try {
        f();
    } catch (const E& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("at() names itself", "[collections][errors]") {
    buffers::Vector<int> v{1, 2, 3};
    const auto& cv = v;
    CHECK(message_of<std::out_of_range>([&] { (void)v.at(3); }) ==
          "buffers::Vector::at: index out of range");
    CHECK(message_of<std::out_of_range>([&] { (void)cv.at(7); }) ==
          "buffers::Vector::at: index out of range");
    buffers::Deque<int> d{1};
    CHECK(message_of<std::out_of_range>([&] { (void)d.at(1); }) ==
          "buffers::Deque::at: index out of range");
}

TEST_CASE("Constructors name themselves", "[collections][errors]") {
    const int src[] = {1, 2, 3, 4, 5};
    const std::string why = "size would exceed max_size()";
    CHECK(message_of<std::length_error>([] { Inline4 v(5); }) == "buffers::Vector::Vector: " + why);
    CHECK(message_of<std::length_error>([] { Inline4 v(5, 1); }) ==
          "buffers::Vector::Vector: " + why);
    CHECK(message_of<std::length_error>([&] { Inline4 v(src, src + 5); }) ==
          "buffers::Vector::Vector: " + why);
    CHECK(message_of<std::length_error>([] {
              Inline4 v{1, 2, 3, 4, 5};
          }) == "buffers::Vector::Vector: " + why);
    CHECK(message_of<std::length_error>([] { InlineDeque4 d(5, 1); }) ==
          "buffers::Deque::Deque: " + why);
}

TEST_CASE("length_error paths name the member called", "[collections][errors]") {
    Inline4 v{1, 2, 3, 4};
    CHECK(message_of<std::length_error>([&] { v.push_back(5); }) ==
          "buffers::Vector::push_back: size would exceed max_size()");
    CHECK(message_of<std::length_error>([&] { v.emplace(v.begin(), 5); }) ==
          "buffers::Vector::emplace: size would exceed max_size()");
    CHECK(message_of<std::length_error>([&] { v.insert(v.begin(), 2, 5); }) ==
          "buffers::Vector::insert: size would exceed max_size()");
    CHECK(message_of<std::length_error>([&] { v.resize(6); }) ==
          "buffers::Vector::resize: size would exceed max_size()");
    CHECK(message_of<std::length_error>([&] { v.assign(6, 1); }) ==
          "buffers::Vector::assign: n exceeds max_size()");
    CHECK(message_of<std::length_error>([&] { v.reserve(5); }) ==
          "buffers::Vector::reserve: n exceeds max_size()");
    CHECK(message_of<std::length_error>([&] {
              v = {1, 2, 3, 4, 5};
          }) == "buffers::Vector::operator=: n exceeds max_size()");
    CHECK(v.size() == 4);

    InlineDeque4 d{1, 2, 3, 4};
    CHECK(message_of<std::length_error>([&] { d.push_front(0); }) ==
          "buffers::Deque::push_front: size would exceed max_size()");
    CHECK(message_of<std::length_error>([&] { d.push_back(0); }) ==
          "buffers::Deque::push_back: size would exceed max_size()");
    CHECK(message_of<std::length_error>([&] { d.insert(d.begin() + 1, 0); }) ==
          "buffers::Deque::emplace: size would exceed max_size()");
    CHECK(d.size() == 4);
}
