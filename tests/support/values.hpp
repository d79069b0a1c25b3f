#pragma once

// make<T>(id) builds a value of any element type the tests use, and id_of(v) reads the id
// back, so one test body can build and check int, std::string, the tracked types, std::array
// elements (and ArrayBuffer's proxies), ... Moved-from values read as -1.

#include "tag.hpp"

#include <array>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cxxabi.h>
#include <memory>
#include <string>
#include <type_traits>
#include <typeinfo>
#include <utility>

namespace support {

// True when values of T carry an id (an empty tag type does not).
template <class T>
inline constexpr bool has_ids_v = !std::is_empty_v<T>;

namespace detail {
template <class T>
struct is_std_array : std::false_type {};
template <class U, std::size_t N>
struct is_std_array<std::array<U, N>> : std::true_type {};

// std::array and proxies to one (ArrayBuffer's element references).
template <class R>
concept array_like = requires(const R& r) {
    r[0];
    { r.size() } -> std::convertible_to<std::size_t>;
};
} // namespace detail

template <class T>
struct Value {
    static T make(int id) { return T(id); }
};

template <>
struct Value<int> {
    static int make(int id) { return id; }
};

template <>
struct Value<std::string> {
    // Longer than libstdc++'s 15-character small-string buffer, so a byte copy of a string
    // would alias its heap block (the relocation bug the design warns about).
    static std::string make(int id) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "element #%010d, longer than any small-string buffer", id);
        return buf;
    }
};

template <>
struct Value<Tag> {
    static Tag make(int) { return Tag{}; }
};

template <class U, std::size_t N>
struct Value<std::array<U, N>> {
    static std::array<U, N> make(int id) {
        return [id]<std::size_t... J>(std::index_sequence<J...>) {
            return std::array<U, N>{((void)J, Value<U>::make(id))...};
        }(std::make_index_sequence<N>());
    }
};

template <class T>
T make(int id) {
    return Value<T>::make(id);
}

inline int id_of(int v) noexcept { return v; }
inline int id_of(const std::string& s) {
    const auto hash = s.find('#');
    return hash == std::string::npos ? -1 : std::atoi(s.c_str() + hash + 1);
}
inline int id_of(Tag) noexcept { return 0; }
template <class T>
    requires requires(const T& t) {
        { t.id() } -> std::convertible_to<int>;
    }
int id_of(const T& v) noexcept {
    return v.id();
}
// An array (or a proxy to one) whose positions all hold the same id reads as that id; an
// inconsistent one as -2.
template <class R>
    requires detail::array_like<R>
int id_of(const R& r) {
    const int first = id_of(r[0]);
    for (std::size_t j = 1; j < r.size(); ++j)
        if (id_of(r[j]) != first)
            return -2;
    return first;
}

// Demangled name of T, for INFO messages in template test bodies.
template <class T>
std::string type_name() {
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> name(
        abi::__cxa_demangle(typeid(T).name(), nullptr, nullptr, &status), std::free);
    return status == 0 && name ? std::string(name.get()) : std::string(typeid(T).name());
}

} // namespace support
