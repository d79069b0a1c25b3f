#!/usr/bin/python3
"""Mutation test for buffers-soa-gen.

Mutates test headers (drops, duplicates and swaps tokens) and runs the generator on each
mutant. Every run must either write a complete output header (exit 0) or print only
`file:line:col: error|warning: ...` lines, exit 1 and write nothing. A traceback, an internal
error, another exit status or a partial file is a failure, reported with the mutant's diff.

    mutate.py [--count N] [--seed S] [--compile K] [HEADER...]
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import io
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
INCLUDE = ROOT / "include"
sys.path.insert(0, str(HERE.parent))

from buffers_soa_gen import cli  # noqa: E402

DEFAULT_HEADERS = [HERE / "mutation" / "corpus.hpp", ROOT / "tests" / "generator_project" / "stale" / "stale.hpp"]
TOKEN = re.compile(r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|[A-Za-z_]\w*|\d[\w.]*|::|\[\[|\]\]|\S')
DIAGNOSTIC = re.compile(r"[^\n]+:\d+:\d+: (error|warning): .+")


def mutate(text: str, rng: random.Random) -> tuple[str, str]:
    tokens = [m.span() for m in TOKEN.finditer(text)]
    kind = rng.choice(("drop", "duplicate", "swap"))
    i = rng.randrange(len(tokens))
    start, end = tokens[i]
    if kind == "drop":
        return text[:start] + text[end:], f"drop {text[start:end]!r}"
    if kind == "duplicate":
        return text[:end] + " " + text[start:end] + text[end:], f"duplicate {text[start:end]!r}"
    j = min(len(tokens) - 1, i + rng.randint(1, 6))
    if j == i:
        return text, "swap nothing"
    (a0, a1), (b0, b1) = tokens[i], tokens[j]
    return text[:a0] + text[b0:b1] + text[a1:b0] + text[a0:a1] + text[b1:], \
        f"swap {text[a0:a1]!r} and {text[b0:b1]!r}"


def run_generator(header: Path, output: Path) -> tuple[int, str]:
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        status = cli.main([str(header), "-o", str(output), f"-I{INCLUDE}", "--include-as", header.name])
    return status, stderr.getvalue()


def problems(status: int, stderr: str, output: Path, header_name: str) -> list[str]:
    lines = [line for line in stderr.splitlines() if line]
    bad_lines = [line for line in lines if not DIAGNOSTIC.fullmatch(line)]
    found = []
    if bad_lines:
        found.append(f"stderr lines that are not diagnostics: {bad_lines[:3]}")
    if status == 0:
        if not output.exists():
            found.append("exit 0 but no output")
            return found
        text = output.read_text()
        if not (text.startswith("// ") and text.endswith("\n") and f'#include "{header_name}"' in text):
            found.append("output is not a complete generated header")
        if text.count("{") != text.count("}"):
            found.append("output has unbalanced braces")
        if any(": error: " in line for line in lines):
            found.append("exit 0 with errors")
    elif status == 1:
        if output.exists():
            found.append("exit 1 but an output was written")
        if not any(": error: " in line for line in lines):
            found.append("exit 1 without an error line")
    else:
        found.append(f"exit status {status}")
    return found


def compiles(output: Path, header_dir: Path) -> tuple[bool, str]:
    compiler = shutil.which("g++") or shutil.which("clang++")
    if compiler is None:
        return True, ""
    source = output.parent / "compile.cpp"
    source.write_text(f'#include "{output.name}"\n')
    result = subprocess.run([compiler, "-std=c++20", "-fsyntax-only", "-Wall", "-Wextra", f"-I{INCLUDE}",
                             f"-I{header_dir}", str(source)], capture_output=True, text=True)
    return result.returncode == 0, result.stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("headers", nargs="*", type=Path, default=DEFAULT_HEADERS)
    parser.add_argument("--count", type=int, default=300, help="mutants in all (default 300)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--compile", type=int, default=3, metavar="K",
                        help="also compile the first K distinct generated outputs (default 3)")
    args = parser.parse_args()

    os.environ["BUFFERS_SOA_GEN_TRACEBACK"] = "1"  # an escaping exception is a finding, show it
    rng = random.Random(args.seed)
    sources = [(h.name, h.read_text()) for h in args.headers]
    counts = {"generated": 0, "rejected": 0, "compiled": 0}
    failures = []
    compiled = set()
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="buffers-soa-mutate-") as work:
        work = Path(work)
        for n in range(args.count):
            name, original = sources[n % len(sources)]
            text, what = mutate(original, rng)
            header = work / name
            header.write_text(text)
            output = work / "out" / (header.stem + ".soa.hpp")
            if output.exists():
                output.unlink()
            try:
                status, stderr = run_generator(header, output)
            except BaseException:  # noqa: BLE001 - a traceback is exactly what this test looks for
                status, stderr = -1, traceback.format_exc()
                found = ["exception escaped:\n" + stderr]
            else:
                found = problems(status, stderr, output, name)
            if not found and status == 0:
                counts["generated"] += 1
                digest = output.read_text()
                if len(compiled) < args.compile and digest not in compiled:
                    compiled.add(digest)
                    ok, errors = compiles(output, work)
                    counts["compiled"] += 1
                    if not ok:
                        found.append("generated output does not compile:\n" + errors[:2000])
            elif not found:
                counts["rejected"] += 1
            if found:
                diff = "".join(difflib.unified_diff(original.splitlines(True), text.splitlines(True),
                                                    name, f"{name} ({what})", n=1))
                failures.append(f"mutant {n} of {name} ({what}):\n" + "\n".join(found) + f"\n{stderr}\n{diff}")
    elapsed = time.monotonic() - start
    for failure in failures:
        print(failure)
    print(f"mutate: {args.count} mutants of {len(sources)} headers in {elapsed:.1f} s: "
          f"{counts['generated']} generated ({counts['compiled']} compiled), {counts['rejected']} rejected "
          f"with diagnostics")
    print(f"{args.count - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
