#!/usr/bin/env python3
"""Runs GDB in batch mode on the test program and checks what the pretty printers print.

    check.py --gdb <gdb> --printers <gdb/buffers-gdb.py> <program>

Each case is a list of GDB commands and the exact text they must print, or a compiled regular
expression the whole text must match (without the value history numbers, `$12 = `, which
depend on the cases before). Exit status: 0 when
every case matches, 1 otherwise, 77 (skipped) when GDB cannot run the program here or the
libstdc++ printers the expected text relies on (std::string) are missing.
"""

import argparse
import difflib
import re
import subprocess
import sys

SKIP = 77
MARK = "@@@ case "
TOTAL = re.compile(r"^\d+ of \d+ printers enabled$")
HISTORY = re.compile(r"^\$\d+ = ")

# libstdc++'s printers show the std::string fields; without them the text would differ.
PRELUDE = [
    "python print(any(p.name.startswith('libstdc++') for o in gdb.objfiles() "
    "for p in o.pretty_printers))",
]

CASES = [
    # Contiguous heap storage: the default buffer, built to the exact size.
    (["print ints"], "buffers::Vector of length 3, capacity 3 = {1, 2, 3}"),
    (["print empty"], "buffers::Vector of length 0, capacity 0"),
    # GDB's `print elements` caps the children, as for std::vector.
    (
        ["set print elements 4", "print many", "set print elements 200"],
        "buffers::Vector of length 300, capacity 300 = {0, 1, 2, 3...}",
    ),
    (["print svo_inline"], 'buffers::Vector of length 2, capacity 4 (inline) = {"a", "bc"}'),
    (["print svo_heap"], "buffers::Vector of length 3, capacity 3 (heap) = {1, 2, 3}"),
    (["print fixed"], "buffers::Vector of length 3, capacity 8 = {7, 8, 9}"),
    (["print slice"], "buffers::Vector of length 2, capacity 4 = {-1, -2}"),
    (["print pmr"], "buffers::Vector of length 2, capacity 2 = {11, 12}"),
    (
        ["print tags"],
        "buffers::Vector of length 2, capacity 9223372036854775807 = "
        "{{<No data fields>}, {<No data fields>}}",
    ),
    (["print arrays"], "buffers::Vector of length 2, capacity 2 = {{1, 2, 3}, {4, 5, 6}}"),
    (["print at_least"], "buffers::Vector of length 1, capacity 1 = {5}"),
    (["print boxed"], "buffers::Vector of length 2, capacity 2 = {9, 10}"),
    (["print counted"], "buffers::Vector of length 5, capacity 5 = {1, 2, 3, 4, 5}"),
    # SoA: rows with field names, from the generated struct and from a plain one.
    (
        ["print points"],
        'buffers::Vector of length 2, capacity 2 = '
        '{{x = 1.5, y = 2.5, label = "first"}, {x = 3, y = 4, label = "second"}}',
    ),
    (
        ["print particles"],
        "buffers::Vector of length 1, capacity 1 = {{x = 0.5, mass = 2, id = 7}}",
    ),
    (
        ["print soa_svo"],
        "buffers::Vector of length 1, capacity 2 (inline) = {{x = 1, mass = 1, id = 1}}",
    ),
    (
        ["print soa_svo_heap"],
        "buffers::Vector of length 3, capacity 4 (heap) = "
        "{{x = 1, mass = 0, id = 1}, {x = 2, mass = 0, id = 2}, {x = 3, mass = 0, id = 3}}",
    ),
    (
        ["print soa_fixed"],
        "buffers::Vector of length 1, capacity 4 = {{x = 2, mass = 3, id = 4}}",
    ),
    # Without field names, a row shows field indices.
    (
        [
            "python import buffers_printers as bp",
            "python print(bp.soa_row_text(bp.slots_of(gdb.parse_and_eval('points')['buf_']), 1))",
        ],
        '{[0] = 3, [1] = 4, [2] = "second"}',
    ),
    # Deques in logical order: the ring is unwrapped from its head.
    (["print ring"], "buffers::Deque of length 6, capacity 8 = {5, 6, 7, 8, 9, 10}"),
    (["print ring.at_.head"], "5"),
    (["print inline_ring"], "buffers::Deque of length 3, capacity 4 = {0, 1, 2}"),
    (
        ["print point_ring"],
        'buffers::Deque of length 2, capacity 2 = '
        '{{x = 0, y = 0, label = "front"}, {x = 1, y = 1, label = "back"}}',
    ),
    # Objects that are not (or no longer) valid print a reason, never a Python error.
    (
        ["print *garbage"],
        "buffers::Vector <pointer 0xffffffffffffffff is misaligned>",
    ),
    (
        ["print *unreadable"],
        "buffers::Vector of length 2, capacity 8 = "
        "{<error: Cannot access memory at address 0x10>}",
    ),
    (["print *broken_ring"], "buffers::Deque <capacity 9 with a null pointer>"),
    # Formats apply to the elements; the raw members stay one command away.
    (["print/x ints"], "buffers::Vector of length 3, capacity 3 = {0x1, 0x2, 0x3}"),
    # (The count of a contiguous collection is kept as its end address.)
    (["print ints.size_"], re.compile(r"\{end = 0x[0-9a-f]+\}")),
    # The printers are one GDB printer collection, `buffers`, with subprinters to disable.
    (
        [
            "disable pretty-printer global buffers;Vector",
            "print empty",
            "enable pretty-printer global buffers;Vector",
            "print empty",
        ],
        # Disabled, GDB prints the raw members, whose nesting follows the library's internals:
        # only the collection's own size member is checked there.
        re.compile(
            r"1 printer disabled\n\{<.*\bsize_ = \{end = 0x0\}.*\}\n"
            r"1 printer enabled\nbuffers::Vector of length 0, capacity 0",
            re.S,
        ),
    ),
]


def gdb_command_line(gdb, printers, program):
    args = [gdb, "-batch", "-nx", "-iex", "set debuginfod enabled off"]
    for command in [
        "set width 0",
        "set height 0",
        "set pagination off",
        "source " + printers,
        "break inspect",
        "run",
        "up",
    ]:
        args += ["-ex", command]
    args += ["-ex", "echo \\n%sprelude\\n" % MARK]
    for command in PRELUDE:
        args += ["-ex", command]
    for n, (commands, _) in enumerate(CASES):
        args += ["-ex", "echo \\n%s%d\\n" % (MARK, n)]
        for command in commands:
            args += ["-ex", command]
    args += ["-ex", "echo \\n%send\\n" % MARK, "-ex", "kill", program]
    return args


def split_cases(stdout):
    chunks = {}
    name = None
    for line in stdout.splitlines():
        if TOTAL.match(line):
            continue  # counts every printer GDB knows (libstdc++'s too), not just ours
        line = HISTORY.sub("", line)  # `$12 = `: numbering that depends on the cases before
        if line.startswith(MARK):
            name = line[len(MARK) :]
            chunks[name] = []
        elif name is not None:
            chunks[name].append(line)
    return {k: "\n".join(v).strip() for k, v in chunks.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gdb", default="gdb")
    parser.add_argument("--printers", required=True)
    parser.add_argument("program")
    args = parser.parse_args()

    command = gdb_command_line(args.gdb, args.printers, args.program)
    try:
        run = subprocess.run(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120
        )
    except FileNotFoundError:
        print("skipped: %s not found" % args.gdb)
        return SKIP
    chunks = split_cases(run.stdout)

    if "prelude" not in chunks:
        if "ptrace" in run.stderr or "Operation not permitted" in run.stderr:
            print("skipped: GDB cannot trace processes here\n" + run.stderr)
            return SKIP
        print("GDB did not reach the program's breakpoint\n--- stdout\n%s--- stderr\n%s"
              % (run.stdout, run.stderr))
        return 1
    if chunks["prelude"] != "True":
        print("skipped: libstdc++'s pretty printers are not loaded (%s)" % chunks["prelude"])
        return SKIP

    failures = 0
    for n, (commands, expected) in enumerate(CASES):
        actual = chunks.get(str(n), "<no output: GDB stopped before this case>")
        if isinstance(expected, re.Pattern):
            matched = expected.fullmatch(actual) is not None
            expected = expected.pattern
        else:
            matched = actual == expected
        if not matched:
            failures += 1
            print("FAIL: %s" % "; ".join(commands))
            for line in difflib.unified_diff(
                expected.splitlines(), actual.splitlines(), "expected", "actual", lineterm=""
            ):
                print("    " + line)
    if "Traceback" in run.stderr or "Python Exception" in run.stderr:
        failures += 1
        print("FAIL: Python errors on stderr:\n" + run.stderr)
    if failures:
        print("%d of %d cases failed" % (failures, len(CASES)))
        return 1
    print("%d cases passed" % len(CASES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
