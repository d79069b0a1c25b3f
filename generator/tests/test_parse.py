"""The parser on small headers: which structs, which fields, and how their types are spelled."""

PRELUDE = "#include <buffers/soa/annotate.hpp>\n"


def fields(struct):
    return [(f.name, f.type) for f in struct.fields]


def test_finds_structs_at_any_namespace_depth_in_source_order(parse):
    header = parse(PRELUDE + """
namespace a::b { namespace c { struct BUFFERS_SOA Deep { int x; }; } }
struct BUFFERS_SOA Top { float y; };
namespace a { struct BUFFERS_SOA Mid { double z; }; struct NotAnnotated { int n; }; }
""")
    assert [s.qualified_name for s in header.structs] == ["::a::b::c::Deep", "::Top", "::a::Mid"]
    assert [s.location.line for s in header.structs] == [3, 4, 5]
    assert header.warnings == ()


def test_builtin_enum_and_class_fields(parse):
    header = parse(PRELUDE + """
#include <string>
namespace g {
enum class Kind { a };
enum Plain { p };
struct Inner { int v; };
struct BUFFERS_SOA S { unsigned long long u; bool b; Kind k; Plain p; std::string s; Inner i; char8_t c; };
}
""")
    assert fields(header.structs[0]) == [
        ("u", "unsigned long long"), ("b", "bool"), ("k", "::g::Kind"), ("p", "::g::Plain"),
        ("s", "::std::string"), ("i", "::g::Inner"), ("c", "char8_t")]


def test_aliases_are_kept_and_qualified(parse):
    header = parse(PRELUDE + """
#include <array>
namespace g {
using Real = float;
typedef int Id;
struct BUFFERS_SOA S {
    using Local = double;
    Real r; Id id; Local l; std::array<Real, 3> a;
};
}
""")
    assert fields(header.structs[0]) == [
        ("r", "::g::Real"), ("id", "::g::Id"), ("l", "::g::S::Local"), ("a", "::std::array<::g::Real, 3>")]


def test_templates_alias_templates_and_default_arguments(parse):
    header = parse(PRELUDE + """
#include <array>
#include <map>
#include <tuple>
#include <vector>
namespace g {
template <class T, int N> struct Box { T v; };
template <class T> using Triple = std::array<T, 3>;
template <class T> using Pair = std::tuple<int, T>;
struct BUFFERS_SOA S {
    std::vector<Box<char, -2>> boxes;
    Triple<float> triple;
    Pair<double> pair;
    std::map<int, std::tuple<>> map;
    std::array<std::array<int, 2>, 2> grid;
};
}
""")
    assert fields(header.structs[0]) == [
        ("boxes", "::std::vector<::g::Box<char, -2>>"),
        ("triple", "::std::array<float, 3>"),
        ("pair", "::std::tuple<int, double>"),
        ("map", "::std::map<int, ::std::tuple<>>"),
        ("grid", "::std::array<::std::array<int, 2>, 2>")]


def test_names_that_namespace_buffers_could_capture_are_qualified_from_the_root(parse):
    header = parse(PRELUDE + """
namespace detail { struct Q { int a; }; }
namespace { struct Hidden { int h; }; }
inline namespace v1 { struct Versioned { int v; }; }
struct BUFFERS_SOA S { detail::Q q; Versioned v; };
""")
    assert fields(header.structs[0]) == [("q", "::detail::Q"), ("v", "::Versioned")]


def test_unnameable_types_fall_back_to_decltype(parse):
    header = parse(PRELUDE + """
namespace g {
class Owner { using Secret = int; public: struct BUFFERS_SOA S { Secret s; struct { int a; } u; void (*f)(int); }; };
}
""")
    assert fields(header.structs[0]) == [
        ("s", "int"), ("u", "decltype(::g::Owner::S::u)"), ("f", "decltype(::g::Owner::S::f)")]


def test_structs_that_refer_to_each_other(parse):
    header = parse(PRELUDE + """
#include <vector>
namespace g {
struct BUFFERS_SOA A;
struct BUFFERS_SOA B { std::vector<A>* as; int n; };
struct BUFFERS_SOA A { B b; int id = 4; };
}
""")
    assert [s.qualified_name for s in header.structs] == ["::g::B", "::g::A"]
    assert fields(header.structs[0]) == [("as", "::std::vector<::g::A>*"), ("n", "int")]
    assert fields(header.structs[1]) == [("b", "::g::B"), ("id", "int")]


def test_static_members_and_member_functions_are_not_fields(parse):
    header = parse(PRELUDE + """
struct BUFFERS_SOA S {
    static constexpr int limit = 3;
    int a = limit;
    int twice() const { return 2 * a; }
    ~S() = default;
};
""")
    assert fields(header.structs[0]) == [("a", "int")]


def test_definitions_reach_the_parser(parse):
    source = PRELUDE + "#ifndef ID\n#error ID undefined\n#endif\nstruct BUFFERS_SOA S { ID id; };\n"
    assert fields(parse(source, defines=["ID=long"]).structs[0]) == [("id", "long")]


def test_standard_library_and_clang_resource_headers_are_found(parse):
    # <stddef.h>/<stdarg.h> come from clang's resource directory, the rest from libstdc++.
    header = parse(PRELUDE + """
#include <stdarg.h>
#include <stddef.h>
#include <cstddef>
#include <optional>
struct BUFFERS_SOA S { std::size_t n; std::optional<int> o; max_align_t m; std::byte b; };
""")
    assert fields(header.structs[0]) == [
        ("n", "::std::size_t"), ("o", "::std::optional<int>"), ("m", "::max_align_t"), ("b", "::std::byte")]


def test_structs_from_included_headers_are_not_generated(parse, tmp_path):
    (tmp_path / "other.hpp").write_text(PRELUDE + "struct BUFFERS_SOA Other { int a; };\n")
    header = parse(PRELUDE + '#include "other.hpp"\nstruct BUFFERS_SOA Mine { Other o; };\n')
    assert [s.qualified_name for s in header.structs] == ["::Mine"]


def test_aliases_are_spelled_as_written(parse):
    # <cstdint>'s std:: names are using-declarations of the global typedefs: they stay std::.
    header = parse(PRELUDE + """
#include <cstdint>
#include <cstddef>
namespace game { namespace fx {
struct BUFFERS_SOA P { std::uint32_t a; std::int64_t b; ::std::size_t c; const std::uint8_t* d; int32_t e; };
}}
""")
    assert fields(header.structs[0]) == [
        ("a", "::std::uint32_t"), ("b", "::std::int64_t"), ("c", "::std::size_t"),
        ("d", "const ::std::uint8_t*"), ("e", "::int32_t")]


def test_the_macros_a_header_tests_are_recorded_after_it(parse):
    header = parse(PRELUDE + """
#define LOCAL 3
#ifndef NDEBUG // a comment naming IGNORED
#endif
#if defined(LEVEL) && LEVEL > 1L || __has_include(<vector>) || LOCAL || 0x1fUL || 'a'
#elif ID
#endif
struct BUFFERS_SOA S { int a; };
""", defines=["LEVEL=2", "ID=long"])
    assert header.macros == (("NDEBUG", None), ("LEVEL", "2"), ("LOCAL", "3"), ("ID", "long"))
    assert [f.name for f in header.structs[0].fields] == ["a"]


def test_a_field_named_like_the_row_class_is_reachable_and_warned_about(parse):
    header = parse(PRELUDE + "struct BUFFERS_SOA S { int base; int SoaRow; };\n")
    assert [f.name for f in header.structs[0].fields] == ["base", "SoaRow"]
    assert [str(w) for w in header.warnings] == [
        "input.hpp:2:38: warning: field 'S::SoaRow': v[i].SoaRow names the row proxy class; reach this field "
        "as buffers::get<1>(v[i]) or columns(v).SoaRow"]


def test_aliases_as_written_in_template_arguments_and_through_namespace_aliases(parse):
    header = parse(PRELUDE + """
#include <array>
#include <cstdint>
#include <vector>
namespace app { namespace sys = std;
struct BUFFERS_SOA Q { std::vector<std::uint32_t> ids; std::array<std::int16_t, 3> a; sys::uint64_t n; };
}
""")
    assert fields(header.structs[0]) == [
        ("ids", "::std::vector<::std::uint32_t>"), ("a", "::std::array<::std::int16_t, 3>"), ("n", "::std::uint64_t")]


def test_a_macro_that_cannot_be_stringized_is_recorded_as_defined(parse):
    header = parse(PRELUDE + "#define OPEN (\n#ifdef OPEN\n#endif\nstruct BUFFERS_SOA S { int a; };\n")
    assert header.macros == (("OPEN", ""),)
