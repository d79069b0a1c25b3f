#pragma once

// The standard library's memory, iterator and range pieces the headers use: construct_at,
// destroy_at, addressof, to_address, allocator, allocator_traits, the uninitialized_*_n
// algorithms, reverse_iterator and the iterator traits, the range concepts and access
// functions, view_interface and the range algorithms.
//
// The standard declares them in <memory>, <iterator> and <ranges>. With libstdc++ 12 in C++20
// those three cost about 0.4 s of every translation unit (g++ -fsyntax-only): <memory> brings
// <ostream> for unique_ptr's operator<<, <iterator> the stream iterators and <streambuf>,
// <ranges> every view. libstdc++'s <vector> and <algorithm> declare all of the above (their
// own code needs them) for a fraction of that, so with libstdc++ the library includes those;
// with any other standard library it includes the standard's headers.

#include <version>

#include <algorithm>
#if defined(__GLIBCXX__)
#include <vector>
#else
#include <iterator>
#include <memory>
#include <ranges>
#endif
