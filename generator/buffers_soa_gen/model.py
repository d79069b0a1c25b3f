"""What the parser hands the emitter: plain data, no libclang objects."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    location: Location
    severity: str  # "error", "warning" or "note"
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"


class InputError(Exception):
    """The input cannot be turned into output; carries every diagnostic to print."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("\n".join(str(d) for d in diagnostics))
        self.diagnostics = tuple(diagnostics)


@dataclass(frozen=True)
class Field:
    name: str
    # How the generated code spells the type: fully qualified from the global namespace, or
    # decltype(::T::name) when the type has no name usable from namespace buffers.
    type: str
    location: Location


@dataclass(frozen=True)
class Struct:
    # '::game::Particle': valid inside namespace buffers whatever the user's namespaces are.
    qualified_name: str
    fields: tuple[Field, ...]
    location: Location
    # BUFFERS_SOA_FLATTEN: the generated header sets buffers::soa_flatten for this struct.
    flatten: bool = False

    @property
    def display_name(self) -> str:
        return display(self.qualified_name)


@dataclass(frozen=True)
class Header:
    path: str
    structs: tuple[Struct, ...]
    warnings: tuple[Diagnostic, ...] = ()
    # Every file the parse read (the header and what it includes), for build-system depfiles.
    dependencies: tuple[str, ...] = ()
    # The macros the header tests in #if lines, with their expansion after it (None: undefined).
    macros: tuple[tuple[str, str | None], ...] = ()


def display(spelling: str) -> str:
    """A C++ spelling without the leading '::' of each qualified name, for messages."""
    out = []
    i = 0
    while i < len(spelling):
        if spelling.startswith("::", i) and (i == 0 or not (spelling[i - 1].isalnum() or spelling[i - 1] in "_>")):
            i += 2
            continue
        out.append(spelling[i])
        i += 1
    return "".join(out)
