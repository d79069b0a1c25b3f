"""Spell libclang types so that they name the same type inside `namespace buffers`.

Every name is qualified from the global namespace ('::game::Vec3'), so nothing the library
declares in namespace buffers (or a field named like a namespace) can capture it. Aliases are
kept where they are nameable ('::game::Real', '::std::string'); templates are rebuilt from the
canonical type with the written arguments where they denote the same type. Types that have no
usable name (unnamed structs, private aliases, function pointers, ...) give None, and the caller
falls back to decltype of the member.
"""

from __future__ import annotations

import re

from clang import cindex as ci

TK = ci.TypeKind
CK = ci.CursorKind

# libclang's builtin type kinds sit in one range of ids (CXType_FirstBuiltin .. LastBuiltin).
_FIRST_BUILTIN, _LAST_BUILTIN = 2, 39

# ABI-versioning inline namespaces that are declared through macros (so their 'inline' keyword
# is not visible as a token); naming them would tie the output to one standard library.
_ABI_NAMESPACES = {"__cxx11", "__1"}

_UNLISTED_BUILTINS = {"char8_t"}
_RECORD_DECLS = {CK.STRUCT_DECL, CK.CLASS_DECL, CK.UNION_DECL}
_INTEGER_ARG = re.compile(r"-?\d+[uUlL]*")
_CHAR_ARG = re.compile(r"(?:u8|u|U|L)?'(?:\\.|[^'\\])+'")


def cursor_kind(cursor):
    """The cursor's kind, or None for kinds these bindings do not know (newer libclang)."""
    if cursor is None:
        return None
    try:
        return cursor.kind
    except ValueError:
        return None


def type_kind(type_):
    if type_ is None:
        return None
    try:
        return type_.kind
    except ValueError:
        return None


def _cv(type_) -> str:
    return ("const " if type_.is_const_qualified() else "") + (
        "volatile " if type_.is_volatile_qualified() else ""
    )


def _is_builtin(type_) -> bool:
    kind = type_kind(type_)
    return kind is not None and _FIRST_BUILTIN <= kind.value <= _LAST_BUILTIN


class TypeSpeller:
    """Spells types of one translation unit; caches what it learns about namespaces."""

    def __init__(self) -> None:
        self._inline: dict[int, bool] = {}
        # Namespace names written in the declaration being spelled -> their global spelling.
        self._written_namespaces: dict[str, str] = {}

    def spell_declared(self, cursor) -> str | None:
        """The type of a declaration (a field), keeping aliases as the declaration writes them.

        `std::uint32_t` reaches libclang 14 as a using-declaration (`namespace std { using
        ::uint32_t; }`) with no declaration of its own: its qualifier is resolved through the
        namespaces the declaration names, so it comes out as `::std::uint32_t`.
        """
        self._written_namespaces = {}
        for child in cursor.walk_preorder():
            if cursor_kind(child) == CK.NAMESPACE_REF:
                namespace = child.referenced
                while cursor_kind(namespace) == CK.NAMESPACE_ALIAS:  # namespace fs = std::filesystem;
                    target = [c for c in namespace.get_children() if cursor_kind(c) == CK.NAMESPACE_REF]
                    namespace = target[-1].referenced if target else None
                scope = self.scope_name(namespace)
                if scope is not None:
                    self._written_namespaces.setdefault(child.spelling, scope)
        try:
            return self.spell(cursor.type)
        finally:
            self._written_namespaces = {}

    def _spell_written(self, type_) -> str | None:
        """An elaborated type naming an alias through a using-declaration ('std::uint32_t')."""
        named = type_.get_named_type()
        if type_kind(named) != TK.UNEXPOSED or cursor_kind(named.get_declaration()) not in (None, CK.NO_DECL_FOUND):
            return None
        if type_kind(named.get_canonical()) in (TK.RECORD, TK.ENUM, TK.UNEXPOSED):
            return None
        name = named.spelling.split()[-1] if named.spelling else ""
        written = type_.spelling.split()
        if not written or not name.isidentifier() or not written[-1].endswith("::" + name):
            return None
        qualifier = written[-1][: -len(name) - 2]
        if qualifier.startswith("::"):
            return _cv(type_) + f"{qualifier}::{name}"
        first, _, rest = qualifier.partition("::")
        scope = self._written_namespaces.get(first)
        if scope is None:
            return None
        return _cv(type_) + "::".join(p for p in (scope, rest, name) if p)

    # -- types ---------------------------------------------------------------------------

    def spell(self, type_) -> str | None:
        kind = type_kind(type_)
        if kind is None or kind == TK.INVALID:
            return None
        if kind == TK.ELABORATED:
            written = self._spell_written(type_)
            if written is not None:
                return written
            inner = self.spell(type_.get_named_type())
            return None if inner is None else _cv(type_) + inner
        if _is_builtin(type_):
            words = type_.get_canonical().spelling.split()
            return _cv(type_) + " ".join(w for w in words if w not in ("const", "volatile"))
        if kind == TK.TYPEDEF:
            decl = type_.get_declaration()
            name = self.decl_name(decl)
            if name is not None:
                return _cv(type_) + name
            return self.spell(type_.get_canonical())
        if kind in (TK.RECORD, TK.ENUM):
            name = self._spell_record(type_)
            return None if name is None else _cv(type_) + name
        if kind == TK.UNEXPOSED:
            # Template specialisations (written as such), alias templates, using-declarations.
            canonical = type_.get_canonical()
            if type_kind(canonical) in (TK.RECORD, TK.ENUM):
                name = self._spell_record(type_)
                return None if name is None else _cv(type_) + name
            if type_kind(canonical) == TK.UNEXPOSED:
                # Builtins these bindings have no kind for (char8_t) print as themselves.
                words = canonical.spelling.split()
                if words and words[-1] in _UNLISTED_BUILTINS:
                    return canonical.spelling
                return None
            return self.spell(canonical)
        if kind == TK.POINTER:
            pointee = type_.get_pointee()
            if type_kind(pointee.get_canonical()) not in (TK.RECORD, TK.ENUM, TK.POINTER) and not _is_builtin(
                pointee.get_canonical()
            ):
                return None  # pointers to functions or arrays need declarator syntax
            inner = self.spell(pointee)
            if inner is None:
                return None
            return inner + "*" + (" const" if type_.is_const_qualified() else "") + (
                " volatile" if type_.is_volatile_qualified() else ""
            )
        return None

    def _spell_record(self, type_) -> str | None:
        canonical = type_.get_canonical()
        decl = canonical.get_declaration()
        name = self.decl_name(decl)
        if name is None:
            return None
        if cursor_kind(decl) not in _RECORD_DECLS or decl.displayname == decl.spelling:
            return name
        # A class template specialisation. The canonical spelling leaves out trailing default
        # arguments, so it tells how many arguments to write.
        texts = template_argument_texts(canonical.spelling)
        if texts is None:
            return None
        count = canonical.get_num_template_arguments()
        if count < len(texts):
            return None
        written = type_ if type_kind(type_) == TK.UNEXPOSED else None
        written_count = written.get_num_template_arguments() if written is not None else 0
        args = []
        for i, text in enumerate(texts):
            arg_type = canonical.get_template_argument_type(i)
            if type_kind(arg_type) in (None, TK.INVALID):
                value = value_argument(text)
            else:
                value = None
                if i < written_count:
                    sugar = written.get_template_argument_type(i)
                    if type_kind(sugar) not in (None, TK.INVALID) and sugar.get_canonical() == arg_type:
                        value = self.spell(sugar)
                if value is None:
                    value = self.spell(arg_type)
            if value is None:
                return None
            args.append(value)
        return f"{name}<{', '.join(args)}>"

    # -- declarations --------------------------------------------------------------------

    def decl_name(self, decl) -> str | None:
        """'::a::b::Name' for a declaration nameable from namespace buffers, else None."""
        kind = cursor_kind(decl)
        if kind is None or kind == CK.NO_DECL_FOUND:
            return None
        name = decl.spelling
        if not name or not (name[0].isalpha() or name[0] == "_") or "(" in name or " " in name:
            return None
        parent = decl.semantic_parent
        if cursor_kind(parent) in _RECORD_DECLS and decl.access_specifier != ci.AccessSpecifier.PUBLIC:
            return None
        scope = self.scope_name(parent)
        return None if scope is None else f"{scope}::{name}"

    def scope_name(self, cursor) -> str | None:
        kind = cursor_kind(cursor)
        if kind == CK.TRANSLATION_UNIT:
            return ""
        if kind in (CK.LINKAGE_SPEC, CK.UNEXPOSED_DECL):
            # extern "C++" { ... } (libclang 14 reports it as an unexposed declaration): no scope.
            return self.scope_name(cursor.semantic_parent)
        if kind == CK.NAMESPACE:
            outer = self.scope_name(cursor.semantic_parent)
            if outer is None:
                return None
            # Members of anonymous and inline namespaces are visible in the enclosing one.
            if not cursor.spelling or self._is_inline(cursor, outer):
                return outer
            return f"{outer}::{cursor.spelling}"
        if kind in _RECORD_DECLS:
            if cursor.is_anonymous():
                return None
            return self.spell(cursor.type)
        return None  # functions (local classes) and anything else cannot be named

    def _is_inline(self, namespace, outer: str) -> bool:
        key = namespace.hash
        if key not in self._inline:
            inline = outer == "::std" and namespace.spelling in _ABI_NAMESPACES
            if not inline:
                extent = ci.SourceRange.from_locations(namespace.extent.start, namespace.location)
                tokens = namespace.translation_unit.get_tokens(extent=extent)
                for _, token in zip(range(3), tokens):
                    if token.spelling == "inline":
                        inline = True
                        break
            self._inline[key] = inline
        return self._inline[key]


def template_argument_texts(spelling: str) -> list[str] | None:
    """The top-level arguments of the last template argument list of a type spelling."""
    if not spelling.endswith(">"):
        return None
    depth = 0
    start = None
    i = len(spelling) - 1
    while i >= 0:
        ch = spelling[i]
        if ch == "'":
            j = spelling.rfind("'", 0, i)
            if j < 0:
                return None
            i = j - 1
            continue
        if ch in ">)]":
            depth += 1
        elif ch in "<([":
            depth -= 1
            if depth == 0:
                start = i
                break
        i -= 1
    if start is None:
        return None
    body = spelling[start + 1 : -1]
    if not body.strip():
        return []
    parts, depth, current = [], 0, []
    quoted = False
    for ch in body:
        if ch == "'":
            quoted = not quoted
        elif not quoted:
            if ch in "<([":
                depth += 1
            elif ch in ">)]":
                depth -= 1
            elif ch == "," and depth == 0:
                parts.append("".join(current).strip())
                current = []
                continue
        current.append(ch)
    parts.append("".join(current).strip())
    return parts


def value_argument(text: str) -> str | None:
    """A non-type template argument as clang printed it, if it means the same in any scope."""
    if _INTEGER_ARG.fullmatch(text) or text in ("true", "false") or _CHAR_ARG.fullmatch(text):
        return text
    return None
