#!/usr/bin/env python3
"""Runs libstdc++'s own std::vector (or std::deque) test suite against buffers::Vector (Deque).

The suite (GPL, extracted at test time by run.sh, never committed) is rewritten so that
`std::vector` (`std::deque`) names an alias from alias.hpp; each
runnable test file is compiled (-O0, in parallel) with the suite's testsuite_hooks.cc and
testsuite_allocator.cc, run, and scored once per column. For --container vector:

  std      std::vector itself: the baseline, and a check that the rewrite is neutral
  vector   Vector<T, ExponentialGrowthBuffer<AllocatorBuffer<T, A>>>: the gating column
  svo      Vector<T, SvoBuffer<HeapBuffer<T>, 4>> (the allocator is ignored)
  default  Vector<T> over DefaultBuffer<T> (the allocator is ignored)
  exact    Vector<T, AllocatorBuffer<T, A>>: the vector column without its growth policy

and the same five for --container deque (std::deque; the gating column is `deque`).

With --gate, the exit status is 1 when a file that passes with the std container fails in the
gating column and docs/conformance.md does not list it as a deliberate difference (nor the
command line as a --known-bug), or when the std container itself fails a file (the setup is
broken then). With --gate-only, only the gating column is built, and only for the files
expected to pass (those not listed as deliberate differences): the quick form CTest runs.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import hashlib
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ALIAS = HERE / "alias.hpp"


@dataclasses.dataclass(frozen=True)
class Container:
    name: str  # the std name: vector, deque
    ours: str  # Vector, Deque
    columns: dict  # column -> (title, macro)
    doc_section: str  # the "## ..." heading of its deliberate differences in docs/conformance.md
    doc_begin: str  # the scoreboard markers in docs/conformance.md
    doc_end: str


    @property
    def suite_dir(self) -> Path:
        return Path("23_containers") / self.name

    @property
    def gating(self) -> str:
        return self.name


def columns_of(name: str, ours: str) -> dict:
    return {
        "std": (f"std::{name}", "BUFFERS_CONFORMANCE_STD"),
        name: (f"{ours} over AllocatorBuffer", f"BUFFERS_CONFORMANCE_{name.upper()}"),
        "svo": ("SvoBuffer<HeapBuffer<T>, 4>", "BUFFERS_CONFORMANCE_SVO"),
        "default": ("DefaultBuffer", "BUFFERS_CONFORMANCE_DEFAULT"),
        # Diagnostic: the gating column without its growth policy (capacity grows exactly).
        "exact": ("AllocatorBuffer, exact growth", "BUFFERS_CONFORMANCE_EXACT"),
    }


CONTAINERS = {
    "vector": Container("vector", "Vector", columns_of("vector", "Vector"),
                        "## deliberate differences", "<!-- scoreboard:begin -->",
                        "<!-- scoreboard:end -->"),
    "deque": Container("deque", "Deque", columns_of("deque", "Deque"),
                       "## deque: deliberate differences", "<!-- deque-scoreboard:begin -->",
                       "<!-- deque-scoreboard:end -->"),
}
BASELINE = "std"
# Set by main() from --container.
C: Container = CONTAINERS["vector"]
COLUMNS: dict = C.columns

SKIPPED_DIRS = ("bool/", "debug/", "profile/")
RUN_TIMEOUT = 60  # seconds per test program


# --- which files run ---------------------------------------------------------------------


def dg_options(text: str) -> list[str]:
    opts = []
    for m in re.finditer(r'\{\s*dg-(?:additional-)?options\s+"([^"]*)"', text):
        opts += shlex.split(m.group(1))
    return opts


def classify(rel: str, text: str) -> tuple[str, str]:
    """("run", ""), ("compile", "") for a test that only has to compile, or ("skip", why)."""
    if rel.startswith(SKIPPED_DIRS):
        return "skip", rel.split("/", 1)[0] + "/"  # vector<bool>, debug mode, profile mode
    if rel.endswith("_neg.cc"):
        return "skip", "_neg (must fail to compile)"
    # Files that only make sense in libstdc++'s debug mode switch it on through dg-options.
    if any(o.startswith("-D_GLIBCXX_DEBUG") for o in dg_options(text)):
        return "skip", "debug mode (dg-options)"
    m = re.search(r"\{\s*dg-do\s+(\w+)", text)
    kind = m.group(1) if m else "run"
    if kind == "compile" and not re.search(r"\{\s*dg-(error|skip-if)\b", text):
        return "compile", ""
    if kind != "run":
        return "skip", "dg-do " + kind
    return "run", ""


# --- the rewrite -------------------------------------------------------------------------

# std::vector, std::pmr::vector, std::erase, std::erase_if, and vector after `using namespace
# std`; never a member (.vector, ->vector), another namespace's vector (__gnu_debug::vector) or
# an #include. The same for deque.
def name_pattern(name: str) -> re.Pattern:
    return re.compile(rf"\bstd\s*::\s*({name}|pmr\s*::\s*{name}|erase_if|erase)\b"
                      rf"|(?<![\w.:])(?<!->)\b({name})\b")


def instantiation_pattern(name: str) -> re.Pattern:
    return re.compile(rf"\btemplate\s+class\s+(?:std\s*::\s*)?{name}\s*<")


_INCLUDE = re.compile(r"^\s*#\s*include\b")


def template_args(text: str, start: int) -> tuple[list[str], int]:
    """The top-level arguments of the template argument list opening at text[start - 1]
    ('<'), and the index just past its '>'."""
    args, depth, begin, i = [], 0, start, start
    while i < len(text):
        ch = text[i]
        if ch in "<([":
            depth += 1
        elif ch in ")]" or (ch == ">" and depth > 0):
            depth -= 1
        elif ch == ">":
            args.append(text[begin:i].strip())
            return args, i + 1
        elif ch == "," and depth == 0:
            args.append(text[begin:i].strip())
            begin = i + 1
        i += 1
    raise ValueError("unbalanced template argument list")


def rewrite_instantiations(text: str) -> str:
    """`template class std::vector<T, A>;` cannot name an alias template: it becomes an
    explicit instantiation of the class the alias stands for (BUFFERS_CONFORMANCE_CLASS)."""
    out, pos, n = [], 0, 0
    for m in instantiation_pattern(C.name).finditer(text):
        if m.start() < pos:
            continue
        args, end = template_args(text, m.end())
        if len(args) == 1:
            args.append(f"std::allocator<{args[0]}>")
        t, a = f"buffers_conformance_instance_t{n}", f"buffers_conformance_instance_a{n}"
        n += 1
        out += [text[pos : m.start()], f"using {t} = {args[0]}; using {a} = {args[1]}; ",
                f"template class BUFFERS_CONFORMANCE_CLASS({t}, {a})"]
        pos = end
    return "".join(out) + text[pos:]


def rewrite(text: str) -> str:
    def name(m: re.Match) -> str:
        return "buffers_conformance::" + re.sub(r"\s+", "", m.group(1) or m.group(2))

    names = name_pattern(C.name)
    return "".join(
        line if _INCLUDE.match(line) else names.sub(name, line)
        for line in rewrite_instantiations(text).splitlines(keepends=True)
    )


# --- compile and run ---------------------------------------------------------------------


@dataclasses.dataclass
class Result:
    status: str  # "pass", "compile", "run", "timeout"
    log: Path


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode() if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()


def headers_digest(include: Path) -> str:
    files = sorted((include / "buffers").rglob("*.hpp"))
    return digest(*(str(f.relative_to(include)).encode() + b"\0" + f.read_bytes() for f in files))


class Runner:
    def __init__(self, args, suite: Path, work: Path):
        self.cxx = args.cxx
        self.extra_flags = shlex.split(args.cxxflags)
        self.suite = suite
        self.work = work
        self.include = args.include.resolve()
        self.util = suite / "util"
        self.support_objects: list[Path] = []
        self.alias_text = ALIAS.read_text()
        self.our_headers = headers_digest(self.include)
        self.compiler_id = subprocess.run(
            [self.cxx, "--version"], capture_output=True, text=True, check=True
        ).stdout

    def base_flags(self) -> list[str]:
        return ["-std=gnu++20", "-O0", "-g0", "-fmessage-length=0", "-I", str(self.util)]

    def build_support(self) -> None:
        """The suite's support sources, compiled once and linked into every test."""
        out = self.work / "support"
        out.mkdir(parents=True, exist_ok=True)
        for name in ("testsuite_hooks.cc", "testsuite_allocator.cc"):
            obj = out / (name[:-3] + ".o")
            src = self.util / name
            if not obj.exists() or obj.stat().st_mtime < src.stat().st_mtime:
                subprocess.run(
                    [self.cxx, *self.base_flags(), "-c", str(src), "-o", str(obj)], check=True
                )
            self.support_objects.append(obj)

    def run_one(self, column: str, rel: str, kind: str, source: Path, opts: list[str]) -> Result:
        macro = COLUMNS[column][1]
        stem = self.work / "out" / C.name / column / rel[:-3]
        stem.parent.mkdir(parents=True, exist_ok=True)
        exe, log, key_file = (stem.with_suffix(x) for x in (".exe", ".log", ".key"))
        cmd = [
            self.cxx, *opts, *self.base_flags(), *self.extra_flags, "-D" + macro,
            f"-DBUFFERS_CONFORMANCE_SUITE_{C.name.upper()}",
            "-I", str(self.include), "-include", str(ALIAS), str(source),
        ]  # fmt: skip
        if kind == "compile":  # dg-do compile: compiling is the whole test
            cmd += ["-fsyntax-only"]
        else:
            cmd += [*map(str, self.support_objects), "-o", str(exe)]
        # Rebuild only when the source, command, alias, compiler or (for our columns) one of
        # the library headers changed; a cached compile failure is reported again as such.
        key = digest(
            " ".join(cmd), source.read_bytes(), self.alias_text, self.compiler_id,
            "" if column == BASELINE else self.our_headers,
        )  # fmt: skip
        cached = key_file.read_text().split("\n", 1) if key_file.exists() else ["", ""]
        if cached[0] == key and (cached[1] == "compile" or kind == "compile" or exe.exists()):
            compiled = cached[1] != "compile"
            compile_log = log.read_text().split("\n--- run ---\n", 1)[0] if log.exists() else ""
        else:
            exe.unlink(missing_ok=True)
            c = subprocess.run(cmd, capture_output=True, text=True)
            compiled = c.returncode == 0
            compile_log = "$ " + shlex.join(cmd) + "\n" + c.stdout + c.stderr
            key_file.write_text(key + "\n" + ("ok" if compiled else "compile"))
        if not compiled or kind == "compile":
            log.write_text(compile_log)
            return Result("pass" if compiled else "compile", log)
        with tempfile.TemporaryDirectory(dir=self.work) as cwd:
            try:
                r = subprocess.run([str(exe)], cwd=cwd, capture_output=True, text=True,
                                   timeout=RUN_TIMEOUT, errors="replace")
                status = "pass" if r.returncode == 0 else "run"
                out = f"exit status {r.returncode}\n{r.stdout}{r.stderr}"
            except subprocess.TimeoutExpired:
                status, out = "timeout", f"killed after {RUN_TIMEOUT} s\n"
        log.write_text(compile_log + "\n--- run ---\n" + out)
        return Result(status, log)


# --- deliberate differences --------------------------------------------------------------


def deliberate_differences(doc: Path | None) -> dict[str, str]:
    """Files listed in docs/conformance.md under '## Deliberate differences' (for deque,
    '## Deque: deliberate differences'): a table whose first cell is the file in backquotes,
    relative to 23_containers/<container>."""
    if doc is None or not doc.exists():
        return {}
    listed, inside = {}, False
    for line in doc.read_text().splitlines():
        if line.startswith("## "):
            inside = line.strip().lower() == C.doc_section
            continue
        m = re.match(r"\|\s*`([^`]+\.cc)`\s*\|(.*)\|\s*$", line) if inside else None
        if m:
            listed[m.group(1)] = m.group(2).strip()
    return listed


# --- scoreboard --------------------------------------------------------------------------

MARK = {"pass": "pass", "compile": "COMPILE", "run": "RUN", "timeout": "TIMEOUT"}


def counts(results: dict[str, Result], files: list[str]) -> tuple[int, int, int]:
    statuses = [results[f].status for f in files]
    return (statuses.count("pass"), statuses.count("compile"),
            statuses.count("run") + statuses.count("timeout"))


def summary(results: dict[str, Result], files: list[str]) -> str:
    passed, compile_failed, run_failed = counts(results, files)
    return (f"{passed} passed, {compile_failed + run_failed} failed ({compile_failed} failed to "
            f"compile, {run_failed} failed at run time)")


def markdown(groups, columns, results, seconds) -> str:
    """groups: (title, files) pairs."""
    lines = ["| column | " + " | ".join(f"{title}: passed" for title, _ in groups) + " |",
             "|---|" + "---:|" * len(groups)]
    for c in columns:
        cells = []
        for _, files in groups:
            passed, compile_failed, run_failed = counts(results[c], files)
            detail = ", ".join(x for x in (compile_failed and f"{compile_failed} COMPILE",
                                           run_failed and f"{run_failed} RUN") if x)
            cells.append(f"{passed} / {len(files)}" + (f" ({detail})" if detail else ""))
        lines.append(f"| {COLUMNS[c][0]} | " + " | ".join(cells) + " |")
    for title, files in groups:
        lines += ["", f"{title}:", "",
                  "| file | " + " | ".join(COLUMNS[c][0] for c in columns) + " |",
                  "|---|" + "---|" * len(columns)]
        for f in files:
            marks = (MARK[results[c][f].status] for c in columns)
            lines.append(f"| `{f}` | " + " | ".join(marks) + " |")
    lines += ["", f"Wall time of the run that produced this table: {seconds:.0f} s."]
    return "\n".join(lines)


def update_doc(doc: Path, table: str) -> None:
    text = doc.read_text()
    begin, end = C.doc_begin, C.doc_end
    if begin not in text or end not in text:
        sys.exit(f"conformance: {doc} has no {begin} ... {end} block to update")
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    doc.write_text(head + begin + "\n" + table + "\n" + end + tail)


def main() -> int:
    global C, COLUMNS
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--container", choices=CONTAINERS, default="vector",
                    help="which suite: 23_containers/vector against Vector, or deque against Deque")
    ap.add_argument("--suite", type=Path, required=True,
                    help="libstdc++'s testsuite directory (23_containers/<container> and util)")
    ap.add_argument("--work", type=Path, required=True, help="build directory for outputs")
    ap.add_argument("--include", type=Path, required=True, help="the library's include directory")
    ap.add_argument("--cxx", default=os.environ.get("CXX", "g++"))
    ap.add_argument("--cxxflags", default="",
                    help="extra flags for the test programs, e.g. '-fsanitize=address,undefined'")
    ap.add_argument("--columns", help="comma-separated: std,<container>,svo,default,exact "
                    "(default std,<container>)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--compile-tests", action="store_true",
                    help="also the dg-do compile files (compiled only; never gating)")
    ap.add_argument("--doc", type=Path, help="docs/conformance.md (deliberate differences)")
    ap.add_argument("--gate", action="store_true",
                    help="fail on a regression against the std container")
    ap.add_argument("--gate-only", action="store_true",
                    help="--gate building only the gating column, for the files expected to pass")
    ap.add_argument("--known-bug", action="append", default=[], metavar="FILE",
                    help="a file that fails because of a library bug: not gating until fixed "
                    "(the run says when it passes)")
    ap.add_argument("--update-doc", action="store_true", help="write the scoreboard into --doc")
    ap.add_argument("--only", help="a regular expression: run only the files it matches")
    args = ap.parse_args()

    C = CONTAINERS[args.container]
    COLUMNS = C.columns
    GATING = C.gating
    std_name = f"std::{C.name}"
    if args.gate_only:
        args.gate = True
        columns = [GATING]
    else:
        columns = (args.columns or f"{BASELINE},{GATING}").split(",")
    for c in columns:
        if c not in COLUMNS:
            ap.error(f"unknown column {c!r} (for {C.name}: {','.join(COLUMNS)})")
    if args.gate and not args.gate_only and not {BASELINE, GATING} <= set(columns):
        ap.error(f"--gate needs the {BASELINE} and {GATING} columns")
    if args.update_doc and (args.doc is None or args.gate_only):
        ap.error("--update-doc needs --doc, and every file (not --gate-only)")

    started = time.monotonic()
    suite, work = args.suite.resolve(), args.work.resolve()
    root = suite / C.suite_dir
    if not root.is_dir() or not (suite / "util" / "testsuite_hooks.cc").exists():
        sys.exit(f"conformance: {root} or {suite}/util is missing (run.sh extracts them)")

    listed = deliberate_differences(args.doc)
    known_bugs = set(args.known_bug)
    kinds: dict[str, str] = {}
    texts: dict[str, str] = {}
    skipped: dict[str, int] = {}
    for path in sorted(root.rglob("*.cc")):
        rel = path.relative_to(root).as_posix()
        text = path.read_text(errors="replace")
        kind, why = classify(rel, text)
        if kind == "compile" and args.gate_only:
            kind, why = "skip", "dg-do compile"
        if kind == "run" and args.gate_only and rel in listed:
            kind, why = "skip", "deliberate difference"
        if kind == "skip" or (kind == "compile" and not args.compile_tests):
            why = why or "dg-do compile"
            skipped[why] = skipped.get(why, 0) + 1
        elif args.only is None or re.search(args.only, rel):
            kinds[rel], texts[rel] = kind, text
    for f in sorted(known_bugs - set(kinds)):
        if args.only is None:
            print(f"conformance: warning: --known-bug {f} is not a runnable file of the suite")
    runnable = [f for f, k in kinds.items() if k == "run"]
    compile_only = [f for f, k in kinds.items() if k == "compile"]
    print(f"conformance: {C.name}: {len(runnable)} runnable files"
          + (f", {len(compile_only)} compile-only files" if args.compile_tests else "")
          + "; skipped: " + ", ".join(f"{n} {why}" for why, n in sorted(skipped.items())))

    sources = work / "src" / C.name
    for rel, text in texts.items():
        dst = sources / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        text = rewrite(text)
        if not dst.exists() or dst.read_text() != text:
            dst.write_text(text)

    runner = Runner(args, suite, work)
    runner.build_support()
    results: dict[str, dict[str, Result]] = {c: {} for c in columns}
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = {
            pool.submit(runner.run_one, c, rel, kind, sources / rel,
                        dg_options(texts[rel])): (c, rel)
            for rel, kind in kinds.items() for c in columns
        }  # fmt: skip
        for fut in concurrent.futures.as_completed(futures):
            c, rel = futures[fut]
            results[c][rel] = fut.result()
    seconds = time.monotonic() - started

    groups = [("Runnable tests", runnable)] + ([("Compile-only tests", compile_only)]
                                               if compile_only else [])
    width = max((len(f) for f in kinds), default=10)
    for title, files in groups:
        print(f"\n{title + ':':<{width}}  " + "  ".join(f"{c:>8}" for c in columns))
        for rel in files:
            print(f"{rel:<{width}}  " + "  ".join(f"{MARK[results[c][rel].status]:>8}"
                                                  for c in columns))
        for c in columns:
            print(f"{c:>8} ({COLUMNS[c][0]}): {summary(results[c], files)}")

    status = 0
    if args.gate:
        baseline = results.get(BASELINE)
        regressions = [f for f in runnable
                       if (baseline is None or baseline[f].status == "pass")
                       and results[GATING][f].status != "pass"
                       and f not in listed and f not in known_bugs]
        for f in regressions:
            r = results[GATING][f]
            print(f"\nconformance: REGRESSION {f}: {MARK[r.status]} with {C.ours}, passes with "
                  f"{std_name}; log {r.log}:")
            print("\n".join(r.log.read_text().splitlines()[:40]))
        for f in listed:
            if f in results[GATING] and results[GATING][f].status == "pass":
                print(f"conformance: note: {f} passes now; remove it from the deliberate "
                      "differences in docs/conformance.md")
        for f in sorted(known_bugs):
            if f in results[GATING] and results[GATING][f].status == "pass":
                print(f"conformance: note: {f} passes now: the bug is fixed; remove it from the "
                      "known bugs (tests/conformance/CMakeLists.txt) so that it gates")
        baseline_failures = [f for f in runnable if baseline and baseline[f].status != "pass"]
        for f in baseline_failures:
            print(f"conformance: {f} fails with {std_name} itself: the compiler or the "
                  f"extracted suite is not what this script expects (log {baseline[f].log})")
        if regressions or baseline_failures:
            print(f"conformance: {len(regressions)} regression(s) against {std_name}, "
                  f"{len(baseline_failures)} failure(s) of {std_name} itself")
            status = 1
        else:
            print(f"conformance: no regression against {std_name} ({len(listed)} deliberate "
                  f"difference(s) listed in docs/conformance.md, {len(known_bugs)} known "
                  "bug(s))")

    if args.update_doc:
        update_doc(args.doc, markdown(groups, columns, results, seconds))
    print(f"conformance: {seconds:.0f} s wall time, {args.jobs} jobs")
    return status


if __name__ == "__main__":
    sys.exit(main())
