"""Command line: buffers-soa-gen HEADER -o OUT [-I dir]... [-D macro]... [-U macro]...
[--include file]... [--std c++20] [--args-file FILE]."""

from __future__ import annotations

import argparse
import os
import sys

from . import PROGRAM, __version__

USAGE_ERROR = 2
NO_BINDINGS = 69  # EX_UNAVAILABLE; only under BUFFERS_SOA_GEN_PROBE (bin/buffers-soa-gen)
INTERNAL_ERROR = 70  # not 1: a bug in the generator must not look like a problem in the input


def _arguments(argv):
    parser = argparse.ArgumentParser(
        prog=PROGRAM,
        description="Generate named struct-of-arrays specialisations (buffers::soa_generated<T>) "
        "for the BUFFERS_SOA structs of a C++ header.",
    )
    parser.add_argument("header", metavar="HEADER", help="the C++ header to read")
    parser.add_argument("-o", "--output", metavar="OUT", required=True, help="the header to write")
    parser.add_argument("-I", dest="include_dirs", metavar="DIR", action="append", default=[],
                        help="add an include directory for the parser")
    parser.add_argument("-D", dest="defines", metavar="MACRO[=VALUE]", action="append", default=[],
                        help="define a macro for the parser")
    parser.add_argument("-U", dest="undefines", metavar="MACRO", action="append", default=[],
                        help="undefine a macro for the parser")
    parser.add_argument("--include", dest="forced_includes", metavar="FILE", action="append", default=[],
                        help="include FILE before the header, as the compiler's -include does")
    parser.add_argument("--args-file", dest="args_files", metavar="FILE", action="append", default=[],
                        help="compiler arguments, one a line (what buffers_generate_soa writes for a target "
                        "and configuration); those that change the parse are used: -I, -isystem, -iquote, "
                        "-idirafter, -D, -U, -include, -imacros, -std=, -O and a few -f/-m flags")
    parser.add_argument("--std", default="c++20", metavar="STD", help="language standard (default: c++20)")
    parser.add_argument("--include-as", metavar="SPELLING",
                        help="how the output includes HEADER ('foo/bar.hpp' or '<foo/bar.hpp>'); "
                        "default: its path relative to the output's directory")
    parser.add_argument("--depfile", metavar="FILE",
                        help="also write a Makefile-syntax depfile listing every file the header includes")
    parser.add_argument("--version", action="version", version=f"{PROGRAM} {__version__}")
    return parser.parse_args(argv)


def include_spelling(header: str, output: str) -> str:
    relative = os.path.relpath(os.path.abspath(header), os.path.dirname(os.path.abspath(output)))
    return relative.replace(os.sep, "/")


def main(argv=None) -> int:
    args = _arguments(sys.argv[1:] if argv is None else argv)
    try:
        return _run(args)
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - the last line of defence against tracebacks
        if os.environ.get("BUFFERS_SOA_GEN_TRACEBACK"):
            raise
        print(f"{PROGRAM}: internal error while reading {args.header}: {type(error).__name__}: {error} "
              "(set BUFFERS_SOA_GEN_TRACEBACK=1 for details)", file=sys.stderr)
        return INTERNAL_ERROR


def _run(args) -> int:
    try:
        from clang import cindex  # noqa: F401 - only to report a missing binding clearly
    except ImportError:
        if os.environ.get("BUFFERS_SOA_GEN_PROBE"):
            return NO_BINDINGS  # the installed launcher tries its next interpreter
        print(f"{PROGRAM}: error: {sys.executable} cannot import clang.cindex; install Debian's "
              "python3-clang-14 and run the generator with /usr/bin/python3", file=sys.stderr)
        return 1

    if os.path.abspath(args.output) == os.path.abspath(args.header):
        print(f"{PROGRAM}: error: the output {args.output} would overwrite the header it is generated from",
              file=sys.stderr)
        return USAGE_ERROR

    from .emit import emit
    from .model import InputError
    from .parse import compile_arguments, parse_header
    from .write import depfile_text, write_if_changed

    extra = [f"-U{m}" for m in args.undefines]
    for forced in args.forced_includes:
        extra += ["-include", forced]
    for path in args.args_files:
        try:
            with open(path, encoding="utf-8") as listing:
                extra += compile_arguments(line for line in listing.read().splitlines() if line.strip())
        except OSError as error:
            print(f"{PROGRAM}: error: cannot read {path}: {error.strerror or error}", file=sys.stderr)
            return USAGE_ERROR
    try:
        header = parse_header(args.header, args.include_dirs, args.defines, args.std, extra)
    except InputError as error:
        for diagnostic in error.diagnostics:
            print(diagnostic, file=sys.stderr)
        return 1
    for warning in header.warnings:
        print(warning, file=sys.stderr)

    include = args.include_as or include_spelling(args.header, args.output)
    output_name, source_name = os.path.basename(args.output), os.path.basename(args.header)
    if args.include_as:
        # Messages name the files as sources include them: game/fx/particle.soa.hpp.
        source_name = args.include_as.strip('<>"')
        output_name = "/".join(filter(None, (os.path.dirname(source_name), output_name)))
    text = emit(header, include, output_name, source_name)
    writes = [(args.output, text)]
    if args.depfile:
        # realpath, not abspath: include paths such as /../lib/gcc/.../../../include go through
        # symlinks (/lib -> usr/lib), so dropping ".." lexically would name missing files.
        dependencies = sorted({os.path.realpath(d) for d in header.dependencies})
        writes.append((args.depfile, depfile_text(os.path.abspath(args.output), dependencies)))
    for path, content in writes:
        try:
            write_if_changed(path, content)
        except OSError as error:
            where = f" ({error.filename})" if error.filename and error.filename != path else ""
            print(f"{PROGRAM}: error: cannot write {path}: {error.strerror or error}{where}", file=sys.stderr)
            return 1
    return 0
