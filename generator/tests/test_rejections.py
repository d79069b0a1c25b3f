"""Every input the generator refuses: exact message, position, exit status 1, no output."""

import pytest

PRELUDE = "#include <buffers/soa/annotate.hpp>\n"

# (name, header after the prelude, expected stderr lines); positions count the prelude's line.
CASES = [
    ("bitfield", "struct BUFFERS_SOA P {\n    int flags : 3;\n};\n",
     ["input.hpp:3:9: error: bit-field 'P::flags': a column element must be addressable "
      "(use a plain integer field)"]),
    ("reference", "struct BUFFERS_SOA P {\n    int& r;\n};\n",
     ["input.hpp:3:10: error: reference member 'P::r': SoA columns store values, and Boost.PFR needs "
      "value fields"]),
    ("rvalue reference", "struct BUFFERS_SOA P {\n    int&& r;\n};\n",
     ["input.hpp:3:11: error: reference member 'P::r': SoA columns store values, and Boost.PFR needs "
      "value fields"]),
    ("const", "struct BUFFERS_SOA P {\n    const int c = 1;\n};\n",
     ["input.hpp:3:15: error: const member 'P::c': columns must be assignable so rows can be moved, "
      "sorted and erased (drop the const)"]),
    ("const through an alias", "using CI = const int;\nstruct BUFFERS_SOA P {\n    CI c;\n};\n",
     ["input.hpp:4:8: error: const member 'P::c': columns must be assignable so rows can be moved, "
      "sorted and erased (drop the const)"]),
    ("base class", "struct Base { int a; };\nstruct BUFFERS_SOA P : Base {\n    int b;\n};\n",
     ["input.hpp:3:24: error: 'P' has a base class 'Base': Boost.PFR cannot see inherited fields "
      "(make the base a member or move its fields in)"]),
    ("private member", "class BUFFERS_SOA P {\n    int hidden;\n};\n",
     ["input.hpp:3:9: error: private member 'P::hidden': the generated code and Boost.PFR need every "
      "field public"]),
    ("protected member", "struct BUFFERS_SOA P {\n    int a;\nprotected:\n    int b;\n};\n",
     ["input.hpp:5:9: error: protected member 'P::b': the generated code and Boost.PFR need every "
      "field public"]),
    ("union", "union BUFFERS_SOA U {\n    int i;\n    float f;\n};\n",
     ["input.hpp:2:19: error: 'U' is a union: BUFFERS_SOA gives each field its own column, and union "
      "members share storage"]),
    ("anonymous union member", "struct BUFFERS_SOA P {\n    union {\n        int i;\n        float f;\n    };\n};\n",
     ["input.hpp:3:5: error: anonymous union member in 'P': its fields have no column of their own "
      "(give the member a name)"]),
    ("user constructor", "struct BUFFERS_SOA P {\n    P(int v) : a(v) {}\n    int a;\n};\n",
     ["input.hpp:3:5: error: 'P' is not an aggregate: it declares a constructor (Boost.PFR and "
      "SoaBuffer build rows by aggregate initialisation)"]),
    ("two constructors, one error",
     "struct BUFFERS_SOA P {\n    P() = default;\n    P(int v) : a(v) {}\n    int a;\n};\n",
     ["input.hpp:3:5: error: 'P' is not an aggregate: it declares a constructor (Boost.PFR and "
      "SoaBuffer build rows by aggregate initialisation)"]),
    ("defaulted constructor", "struct BUFFERS_SOA P {\n    P() = default;\n    int a;\n};\n",
     ["input.hpp:3:5: error: 'P' is not an aggregate: it declares a constructor (Boost.PFR and "
      "SoaBuffer build rows by aggregate initialisation)"]),
    ("virtual function", "struct BUFFERS_SOA P {\n    int a;\n    virtual void f();\n};\n",
     ["input.hpp:4:18: error: 'P' is not an aggregate: it declares the virtual function 'f' "
      "(Boost.PFR needs an aggregate)"]),
    ("anonymous struct", "struct BUFFERS_SOA {\n    int a;\n} unnamed;\n",
     ["input.hpp:2:1: error: BUFFERS_SOA on an anonymous struct: the generated specialisation needs "
      "a type name (name the struct)"]),
    ("anonymous struct member", "struct BUFFERS_SOA P {\n    struct {\n        int a;\n    };\n};\n",
     ["input.hpp:3:5: error: anonymous struct member in 'P': its fields have no column of their own "
      "(give the member a name)"]),
    ("unknown annotation", "struct [[clang::annotate(\"buffers::aos\")]] P {\n    int a;\n};\n",
     ["input.hpp:2:10: error: unknown annotation 'buffers::aos': the buffers annotations are "
      "'buffers::soa' (BUFFERS_SOA) and 'buffers::soa_flatten' (BUFFERS_SOA_FLATTEN)"]),
    ("annotation on an enum", "enum class BUFFERS_SOA E { a };\n",
     ["input.hpp:2:24: error: BUFFERS_SOA applies to structs, not to an enum"]),
    ("class template", "template <class T>\nstruct BUFFERS_SOA P {\n    T a;\n};\n",
     ["input.hpp:3:20: error: BUFFERS_SOA on class template 'P': only concrete structs can be "
      "specialised (annotate a non-template struct)"]),
    ("C array", "struct BUFFERS_SOA P {\n    float v[3];\n};\n",
     ["input.hpp:3:11: error: C array member 'P::v': Boost.PFR cannot reflect C arrays (use std::array)"]),
    ("local struct", "inline void f() {\n    struct BUFFERS_SOA L {\n        int a;\n    };\n}\n",
     ["input.hpp:3:24: error: 'L' is local to a function: the generated specialisation needs a "
      "struct declared at namespace scope"]),
    ("private nested struct", "class Outer {\n    struct BUFFERS_SOA In {\n        int a;\n    };\n};\n",
     ["input.hpp:3:24: error: 'In' is a private nested struct: the generated specialisation in "
      "namespace buffers cannot name it"]),
    ("parse error", "struct BUFFERS_SOA P {\n    int a\n};\n",
     ["input.hpp:3:10: error: expected ';' at end of declaration list"]),
    ("member that declares nothing (an error in g++)", "struct BUFFERS_SOA P {\n    int;\n};\n",
     ["input.hpp:3:5: error: declaration does not declare anything"]),
    ("missing include", "#include \"missing.hpp\"\nstruct BUFFERS_SOA P { int a; };\n",
     ["input.hpp:2:10: error: 'missing.hpp' file not found"]),
    ("several problems, in order",
     "struct BUFFERS_SOA P {\n    int& r;\n    int b : 2;\n};\nstruct BUFFERS_SOA Q : P {};\n",
     ["input.hpp:3:10: error: reference member 'P::r': SoA columns store values, and Boost.PFR needs "
      "value fields",
      "input.hpp:4:9: error: bit-field 'P::b': a column element must be addressable (use a plain "
      "integer field)",
      "input.hpp:6:24: error: 'Q' has a base class 'P': Boost.PFR cannot see inherited fields (make "
      "the base a member or move its fields in)"]),
]


@pytest.mark.parametrize("source, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rejection(generate, source, expected):
    run = generate(PRELUDE + source)
    assert run.errors == expected
    assert run.status == 1
    assert not run.output.exists()
    assert not list(run.output.parent.glob("*")) if run.output.parent.exists() else True


def test_rejection_leaves_an_existing_output_alone(generate):
    good = generate(PRELUDE + "struct BUFFERS_SOA P { int a; };\n")
    assert good.status == 0
    before = good.text
    bad = generate(PRELUDE + "struct BUFFERS_SOA P { int& a; };\n")
    assert bad.status == 1
    assert bad.text == before


def test_no_annotated_struct_is_a_warning_and_an_output_that_includes_the_header(generate):
    run = generate(PRELUDE + "struct Plain { int a; };\n")
    assert run.status == 0
    assert run.errors == ["input.hpp:1:1: warning: no BUFFERS_SOA struct in this header: the output only "
                          "includes it"]
    assert '#include "../input.hpp"' in run.text
    assert "soa_generated" not in run.text.split("#include \"../input.hpp\"")[1]


def test_missing_header(generate, tmp_path):
    from buffers_soa_gen import cli

    status = cli.main(["nowhere.hpp", "-o", str(tmp_path / "out.hpp")])
    assert status == 1
    assert not (tmp_path / "out.hpp").exists()


def test_missing_header_message(tmp_path, capsys):
    from buffers_soa_gen import cli

    cli.main([str(tmp_path / "nowhere.hpp"), "-o", str(tmp_path / "out.hpp")])
    assert capsys.readouterr().err == f"{tmp_path}/nowhere.hpp:1:1: error: cannot read the header: no such file\n"
