"""Read a header with libclang and turn its BUFFERS_SOA structs into the model.

Everything libclang-specific stays here and in typespell.py; the emitter sees only model
objects. Every problem becomes a Diagnostic with the position of the offending declaration.
"""

from __future__ import annotations

import dataclasses
import os
import re

from clang import cindex as ci

from .model import Diagnostic, Field, Header, InputError, Location, Struct, display
from .typespell import TypeSpeller, cursor_kind, type_kind

ANNOTATION = "buffers::soa"
# BUFFERS_SOA_FLATTEN: names as BUFFERS_SOA, and fields of this type split into its fields.
ANNOTATION_FLATTEN = "buffers::soa_flatten"
ROW_CLASS = "SoaRow"  # include/buffers/soa/row.hpp

CK = ci.CursorKind
TK = ci.TypeKind

_STRUCTS = {CK.STRUCT_DECL, CK.CLASS_DECL}
_RECORDS = _STRUCTS | {CK.UNION_DECL}
_TEMPLATES = {CK.CLASS_TEMPLATE, CK.CLASS_TEMPLATE_PARTIAL_SPECIALIZATION}
_FUNCTIONS = {CK.FUNCTION_DECL, CK.CXX_METHOD, CK.CONSTRUCTOR, CK.DESTRUCTOR, CK.FUNCTION_TEMPLATE,
              CK.CONVERSION_FUNCTION, CK.LAMBDA_EXPR}
# Where annotated structs may hide: scopes, and function bodies (local structs are rejected).
_DESCEND = _RECORDS | _TEMPLATES | _FUNCTIONS | {CK.NAMESPACE, CK.LINKAGE_SPEC, CK.UNEXPOSED_DECL,
                                                 CK.COMPOUND_STMT, CK.DECL_STMT}
_ARRAYS = {TK.CONSTANTARRAY, TK.INCOMPLETEARRAY, TK.VARIABLEARRAY, TK.DEPENDENTSIZEDARRAY}
_WHAT = {
    CK.ENUM_DECL: "an enum",
    CK.FIELD_DECL: "a field",
    CK.VAR_DECL: "a variable",
    CK.FUNCTION_DECL: "a function",
    CK.CXX_METHOD: "a member function",
    CK.NAMESPACE: "a namespace",
    CK.TYPEDEF_DECL: "a typedef",
    CK.TYPE_ALIAS_DECL: "a type alias",
    CK.PARM_DECL: "a function parameter",
    CK.FUNCTION_TEMPLATE: "a function template",
    CK.CONSTRUCTOR: "a constructor",
}


def clang_arguments(include_dirs=(), defines=(), std="c++20", extra=()) -> list[str]:
    # A member declaration that declares nothing (`int;`) is only a warning in clang but an
    # error in g++: report it here rather than emit a header that g++ cannot use.
    args = ["-x", "c++", f"-std={std}", "-Wno-pragma-once-outside-header", "-Werror=missing-declarations"]
    args += [f"-I{d}" for d in include_dirs]
    args += [f"-D{d}" for d in defines]
    args += list(extra)  # a later -std wins
    return args


# Compiler arguments that change what the parser sees (the rest, warnings, code generation,
# diagnostics, are left out: some are g++'s own and would stop libclang).
_WITH_VALUE = ("-I", "-isystem", "-iquote", "-idirafter", "-D", "-U", "-include", "-imacros")
_JOINED_ONLY = ("-std=", "-O", "-f", "-m")
_FLAGS_KEPT = {"-ffast-math", "-fno-exceptions", "-fexceptions", "-fno-rtti", "-frtti", "-funsigned-char",
               "-fsigned-char", "-fchar8_t", "-fno-char8_t", "-fopenmp", "-fno-operator-names",
               "-m32", "-m64", "-msse", "-msse2", "-msse3", "-mssse3", "-msse4.1", "-msse4.2", "-mavx",
               "-mavx2", "-mfma", "-mbmi", "-mbmi2", "-mf16c"}


def compile_arguments(args) -> list[str]:
    """The arguments of a compiler command line that matter to the parse, in order."""
    out = []
    i = 0
    args = list(args)
    while i < len(args):
        arg = args[i]
        i += 1
        option = next((o for o in _WITH_VALUE if arg == o), None)
        if option is not None:
            if i < len(args):
                value = args[i]
                if option == "-include" and len(value) > 2 and (value[0], value[-1]) in (("<", ">"), ('"', '"')):
                    value = value[1:-1]  # CMake's PRECOMPILE_HEADERS spelling of <vector> or "x.hpp"
                out += [option, value]
                i += 1
            continue
        if any(arg.startswith(o) and len(arg) > len(o) for o in _WITH_VALUE):
            out.append(arg)
        elif arg.startswith("-std="):
            # libclang 14 knows C++23 by its draft name only.
            out.append(re.sub(r"\+\+23$", "++2b", arg))
        elif (arg.startswith("-O") and len(arg) <= 3) or arg in _FLAGS_KEPT:
            out.append(arg)
    return out


# Macro tests in a header: what the generated self-checks compare with the compile.
_CONDITIONAL = re.compile(r"^[ \t]*#[ \t]*(?:if|ifdef|ifndef|elif|elifdef|elifndef)\b(.*)$", re.M)
_FEATURE_TEST = re.compile(r"__has_\w+\s*\([^)]*\)")
_COMMENT = re.compile(r"//.*|/\*.*?\*/")
_LITERAL = re.compile(r"\.?\d(?:[eEpP][+-]|[\w.'])*|'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"")  # 2L, 'a', "s"
_NOT_MACROS = {"defined", "true", "false"}
_PROBE = "buffers_soa_probe_"


def tested_macros(text: str) -> list[str]:
    """Names of the macros the header's #if/#ifdef/#ifndef/#elif lines test, in order."""
    names: dict[str, None] = {}
    for match in _CONDITIONAL.finditer(text.replace("\\\n", " ")):
        expression = _LITERAL.sub(" ", _FEATURE_TEST.sub(" ", _COMMENT.sub(" ", match.group(1))))
        for name in re.findall(r"[A-Za-z_]\w*", expression):
            if name not in _NOT_MACROS:
                names.setdefault(name)
    return list(names)


def _probe_text(macros) -> str:
    """Appended to the header: after it, whether each macro it tests is defined, and its
    expansion as a string (a macro whose expansion cannot be stringized is only 'defined')."""
    lines = ["", "#define BUFFERS_SOA_PROBE_STR2(...) #__VA_ARGS__",
             "#define BUFFERS_SOA_PROBE_STR(...) BUFFERS_SOA_PROBE_STR2(__VA_ARGS__)"]
    for i, name in enumerate(macros):
        lines += [f"#ifdef {name}", f"static const bool {_PROBE}defined_{i} = true;",
                  f"static const char {_PROBE}{i}[] = BUFFERS_SOA_PROBE_STR({name});", "#endif"]
    return "\n".join(lines) + "\n"


def parse_header(path: str, include_dirs=(), defines=(), std: str = "c++20", extra=()) -> Header:
    """Parse `path`; raise InputError with every problem found."""
    if not os.path.isfile(path):
        raise InputError([_error(Location(path, 1, 1), "cannot read the header: no such file")])
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as source:
            text = source.read()
    except OSError as error:
        raise InputError([_error(Location(path, 1, 1), f"cannot read the header: {error.strerror}")]) from None
    macros = tested_macros(text)
    text = text if text.endswith("\n") else text + "\n"
    unsaved = [(path, text + _probe_text(macros))] if macros else None
    try:
        tu = ci.Index.create().parse(path, args=clang_arguments(include_dirs, defines, std, extra),
                                     unsaved_files=unsaved)
    except ci.TranslationUnitLoadError:
        raise InputError([_error(Location(path, 1, 1), "libclang could not parse the header")]) from None

    # Problems inside the probe (past the header's last line) only cost a macro its value.
    last_line = text.count("\n")
    errors = [e for e in _clang_errors(tu, path) if not (e.location.file == path and e.location.line > last_line)]
    if errors:
        raise InputError(errors)
    header = _Collector(tu).header()
    return dataclasses.replace(header, macros=_macro_values(tu, macros))


def _macro_values(tu, macros) -> tuple:
    """(name, expansion or None when undefined) after the header, from the probe variables."""
    defined: set[int] = set()
    values: dict[int, str] = {}
    for child in tu.cursor.get_children():
        name = child.spelling
        if cursor_kind(child) != CK.VAR_DECL or not name.startswith(_PROBE):
            continue
        if name.startswith(_PROBE + "defined_"):
            defined.add(int(name[len(_PROBE) + len("defined_"):]))
            continue
        for literal in child.walk_preorder():
            if cursor_kind(literal) == CK.STRING_LITERAL:
                values[int(name[len(_PROBE):])] = literal.spelling[1:-1].replace('\\"', '"').replace("\\\\", "\\")
                break
    return tuple((name, values.get(i, "") if i in defined else None) for i, name in enumerate(macros))


def _error(location: Location, message: str) -> Diagnostic:
    return Diagnostic(location, "error", message)


def _location(cursor, fallback: str = "<input>") -> Location:
    loc = cursor.location
    if loc.file is None:
        return Location(fallback, 1, 1)
    return Location(loc.file.name, loc.line, loc.column)


def _clang_errors(tu, path: str) -> list[Diagnostic]:
    out = []
    for diag in tu.diagnostics:
        if diag.severity < ci.Diagnostic.Error:
            continue
        loc = diag.location
        where = Location(loc.file.name, loc.line, loc.column) if loc.file else Location(path, 1, 1)
        out.append(_error(where, diag.spelling))
    return out


def _annotations(cursor) -> list:
    return [c for c in cursor.get_children() if cursor_kind(c) == CK.ANNOTATE_ATTR]


class _Collector:
    """One pass over the main file of a translation unit."""

    def __init__(self, tu):
        self._tu = tu
        self._main = tu.spelling
        self._speller = TypeSpeller()
        self._errors: list[Diagnostic] = []
        self._structs: dict[str, object] = {}  # USR -> definition cursor, in source order
        self._flatten: set[str] = set()  # USRs of the BUFFERS_SOA_FLATTEN structs

    def header(self) -> Header:
        self._visit(self._tu.cursor)
        structs = []
        for key, definition in self._structs.items():
            struct = self._struct(definition, key in self._flatten)
            if struct is not None:
                structs.append(struct)
        if self._errors:
            unique = sorted(set(self._errors), key=lambda d: (d.location.file != self._main, d.location.file,
                                                              d.location.line, d.location.column, d.message))
            raise InputError(unique)
        warnings = ()
        if not structs:
            warnings = (Diagnostic(Location(self._main, 1, 1), "warning",
                                   "no BUFFERS_SOA struct in this header: the output only includes it"),)
        # Member lookup on a row finds the fields and nothing else of the library's, except the
        # row class's own name (C++'s injected-class-name), which no design can hide.
        warnings += tuple(
            Diagnostic(f.location, "warning", f"field '{display(s.qualified_name)}::{f.name}': v[i].{f.name} names "
                       f"the row proxy class; reach this field as buffers::get<{i}>(v[i]) or columns(v).{f.name}")
            for s in structs for i, f in enumerate(s.fields) if f.name == ROW_CLASS)
        structs.sort(key=lambda s: (s.location.line, s.location.column))
        files = {self._main} | {include.include.name for include in self._tu.get_includes()}
        return Header(self._main, tuple(structs), warnings, tuple(sorted(files)))

    # -- finding annotated declarations --------------------------------------------------

    def _in_main(self, cursor) -> bool:
        loc = cursor.location
        return loc.file is not None and loc.file.name == self._main

    def _visit(self, cursor, in_function: bool = False) -> None:
        for child in cursor.get_children():
            kind = cursor_kind(child)
            if kind is None or not self._in_main(child):
                continue
            if kind == CK.ANNOTATE_ATTR:
                continue
            self._check_annotations(child, kind, in_function)
            if kind in _DESCEND:
                self._visit(child, in_function or kind in _FUNCTIONS)

    def _check_annotations(self, cursor, kind, in_function: bool) -> None:
        ours = False
        flatten = False
        for attr in _annotations(cursor):
            text = attr.spelling
            if text in (ANNOTATION, ANNOTATION_FLATTEN):
                ours = True
                flatten = flatten or text == ANNOTATION_FLATTEN
            elif text == "buffers" or text.startswith("buffers::"):
                where = _location(attr) if attr.location.file else _location(cursor)
                self._errors.append(_error(where, f"unknown annotation '{text}': the buffers annotations "
                                                  f"are '{ANNOTATION}' (BUFFERS_SOA) and "
                                                  f"'{ANNOTATION_FLATTEN}' (BUFFERS_SOA_FLATTEN)"))
        if not ours:
            return
        where = _location(cursor)
        if kind in _TEMPLATES:
            self._errors.append(_error(where, f"BUFFERS_SOA on class template '{cursor.spelling}': only concrete "
                                              "structs can be specialised (annotate a non-template struct)"))
        elif kind == CK.UNION_DECL:
            self._errors.append(_error(where, f"'{self._display(cursor)}' is a union: BUFFERS_SOA gives each field "
                                              "its own column, and union members share storage"))
        elif kind not in _STRUCTS:
            what = _WHAT.get(kind, "this declaration")
            self._errors.append(_error(where, f"BUFFERS_SOA applies to structs, not to {what}"))
        elif cursor.is_anonymous() or not cursor.spelling:
            self._errors.append(_error(where, "BUFFERS_SOA on an anonymous struct: the generated specialisation "
                                              "needs a type name (name the struct)"))
        elif in_function:
            self._errors.append(_error(where, f"'{cursor.spelling}' is local to a function: the generated "
                                              "specialisation needs a struct declared at namespace scope"))
        else:
            definition = cursor if cursor.is_definition() else cursor.get_definition()
            if definition is None:
                self._errors.append(_error(where, f"'{self._display(cursor)}' is declared BUFFERS_SOA but not "
                                                  "defined in this header"))
            else:
                key = definition.get_usr() or str(definition.hash)
                self._structs.setdefault(key, definition)
                if flatten:
                    self._flatten.add(key)

    def _display(self, cursor) -> str:
        name = self._speller.spell(cursor.type)
        return display(name) if name else cursor.spelling

    # -- checking one struct -------------------------------------------------------------

    def _struct(self, cursor, flatten: bool = False) -> Struct | None:
        where = _location(cursor)
        qualified = self._speller.spell(cursor.type)
        if qualified is None:
            access = cursor.access_specifier
            why = f"a {access.name.lower()} nested struct" if access in (
                ci.AccessSpecifier.PRIVATE, ci.AccessSpecifier.PROTECTED) else "not nameable from namespace scope"
            self._errors.append(_error(where, f"'{cursor.spelling}' is {why}: the generated specialisation in "
                                              "namespace buffers cannot name it"))
            return None
        name = display(qualified)
        errors_before = len(self._errors)
        fields = []
        reported_constructor = False
        for child in cursor.get_children():
            kind = cursor_kind(child)
            at = _location(child)
            if kind == CK.CXX_BASE_SPECIFIER:
                base = child.type.spelling or child.spelling
                self._errors.append(_error(at, f"'{name}' has a base class '{base}': Boost.PFR cannot see inherited "
                                               "fields (make the base a member or move its fields in)"))
            elif kind == CK.CONSTRUCTOR or (kind == CK.FUNCTION_TEMPLATE and child.spelling == cursor.spelling):
                if reported_constructor:
                    continue  # one error per struct, at its first constructor
                reported_constructor = True
                self._errors.append(_error(at, f"'{name}' is not an aggregate: it declares a constructor (Boost.PFR "
                                               "and SoaBuffer build rows by aggregate initialisation)"))
            elif kind in (CK.CXX_METHOD, CK.DESTRUCTOR) and child.is_virtual_method():
                self._errors.append(_error(at, f"'{name}' is not an aggregate: it declares the virtual function "
                                               f"'{child.spelling}' (Boost.PFR needs an aggregate)"))
            elif kind in _RECORDS and (child.is_anonymous() or not child.spelling) and not self._is_named_member_type(
                    cursor, child):
                what = "union" if kind == CK.UNION_DECL else "struct"
                self._errors.append(_error(at, f"anonymous {what} member in '{name}': its fields have no column "
                                               "of their own (give the member a name)"))
            elif kind == CK.FIELD_DECL and child.spelling:
                field = self._field(child, qualified, name, at)
                if field is not None:
                    fields.append(field)
        if len(self._errors) != errors_before:
            return None
        return Struct(qualified, tuple(fields), where, flatten)

    @staticmethod
    def _is_named_member_type(struct, record) -> bool:
        """True for `struct { int a; } named;`: the unnamed type belongs to a named field."""
        for child in struct.get_children():
            if cursor_kind(child) == CK.FIELD_DECL and child.spelling:
                decl = child.type.get_canonical().get_declaration()
                if decl is not None and decl == record:
                    return True
        return False

    def _field(self, cursor, qualified: str, struct_name: str, at: Location) -> Field | None:
        name = cursor.spelling
        full = f"{struct_name}::{name}"
        access = cursor.access_specifier
        if access in (ci.AccessSpecifier.PRIVATE, ci.AccessSpecifier.PROTECTED):
            self._errors.append(_error(at, f"{access.name.lower()} member '{full}': the generated code and "
                                           "Boost.PFR need every field public"))
            return None
        if cursor.is_bitfield():
            self._errors.append(_error(at, f"bit-field '{full}': a column element must be addressable "
                                           "(use a plain integer field)"))
            return None
        canonical = cursor.type.get_canonical()
        kind = type_kind(canonical)
        if kind in (TK.LVALUEREFERENCE, TK.RVALUEREFERENCE):
            self._errors.append(_error(at, f"reference member '{full}': SoA columns store values, and Boost.PFR "
                                           "needs value fields"))
            return None
        if kind in _ARRAYS:
            self._errors.append(_error(at, f"C array member '{full}': Boost.PFR cannot reflect C arrays "
                                           "(use std::array)"))
            return None
        if canonical.is_const_qualified():
            self._errors.append(_error(at, f"const member '{full}': columns must be assignable so rows can be "
                                           "moved, sorted and erased (drop the const)"))
            return None
        spelled = self._speller.spell_declared(cursor) or f"decltype({qualified}::{name})"
        return Field(name, spelled, at)
