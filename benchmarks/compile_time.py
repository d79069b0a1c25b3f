#!/usr/bin/python3
"""Build time, measured like run time.

    compile_time.py                       # measure, print the table
    compile_time.py --update-doc          # ... and write it into docs/benchmarks.md
    compile_time.py --instructions        # count instructions (Valgrind) instead of timing
    compile_time.py --check               # CI: fail if a per-type cost grew > 20% past the
                                          # committed figures (benchmarks/compile_time.json),
                                          # in g++'s instructions, which are exact
    compile_time.py --instructions --cxx g++ --modes syntax --update-baseline
                                          # commit new figures after a deliberate change

What it compiles (one translation unit per row, generated into a scratch directory):
  * the umbrella header alone, against <vector> <deque> <algorithm> <span> alone;
  * per-type cost: TYPES structs of FIELDS fields each, one container of each, one emplace_back
    and one push_back per type, minus the same translation unit with the includes only, divided
    by TYPES. Containers: std::vector, Vector, Deque, SoaVector and SoaDeque through Boost.PFR
    only, and SoaVector with the generator's names.

Each figure is the best of REPEAT compiles of the CPU time (user + system) of the compiler
process, so a busy machine costs less than with wall time. The compiles are interleaved: REPEAT
rounds, each compiling every translation unit once. The CI check compares ratios to the
std::vector translation unit measured in the same rounds, so the machine's speed cancels out,
and counts the instructions g++ executes (Valgrind's cachegrind), which are the same on every
run: time on a shared machine is not.
"""

import argparse
import concurrent.futures
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "benchmarks" / "compile_time.json"
DOC = ROOT / "docs" / "benchmarks.md"
DOC_BEGIN = "<!-- compile-time: begin -->"
DOC_END = "<!-- compile-time: end -->"

FIELD_TYPES = ["float", "double", "int", "std::uint32_t", "std::int64_t", "short", "char",
               "unsigned", "long", "float", "double", "int", "std::uint8_t", "bool", "float"]

# kind -> (includes, container spelled for struct S, needs the generated header)
KINDS = {
    "std::vector": (["<vector>"], "std::vector<{S}>", False),
    "Vector": (["<buffers/buffers.hpp>"], "buffers::Vector<{S}>", False),
    "Deque": (["<buffers/buffers.hpp>"], "buffers::Deque<{S}>", False),
    "SoaVector (PFR)": (["<buffers/buffers.hpp>"], "buffers::SoaVector<{S}>", False),
    "SoaDeque (PFR)": (["<buffers/buffers.hpp>"], "buffers::SoaDeque<{S}>", False),
    "SoaVector (generated names)": (["<buffers/buffers.hpp>"], "buffers::SoaVector<{S}>", True),
}


def structs_header(types, fields):
    lines = ["#pragma once", "#include <buffers/soa/annotate.hpp>", "#include <cstdint>",
             "namespace bench {"]
    for t in range(types):
        lines.append(f"struct BUFFERS_SOA S{t} {{")
        for f in range(fields):
            lines.append(f"    {FIELD_TYPES[f % len(FIELD_TYPES)]} f{f};")
        lines.append("};")
    lines.append("} // namespace bench")
    return "\n".join(lines) + "\n"


def translation_unit(kind, types, uses):
    includes, container, generated = KINDS[kind]
    lines = [f"#include {i}" for i in includes]
    # The generated header is part of the per-type cost: the baseline includes the plain one.
    lines.append('#include "structs.soa.hpp"' if generated and uses else '#include "structs.hpp"')
    lines.append("namespace bench {")
    if uses:
        for t in range(types):
            c = container.format(S=f"S{t}")
            lines.append(f"void use{t}({c}& v) {{ v.emplace_back(); v.push_back(S{t}{{}}); }}")
    lines.append("} // namespace bench")
    return "\n".join(lines) + "\n"


def cpu_time(cmd, cwd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"compile_time.py: error: {' '.join(cmd)} failed:\n{proc.stdout[-4000:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), proc.stdout


def instructions(cmd, cwd):
    """The instructions the compiler executes (cc1plus or clang's -cc1, under Valgrind's
    cachegrind without its cache simulation), in billions: the same on every run and under any
    load, so two trees compare exactly, one compile each. Slow (about 30 times a compile)."""
    with tempfile.TemporaryDirectory(prefix="buffers-ir-") as tmp:
        grind = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--trace-children=yes",
                 f"--cachegrind-out-file={tmp}/cg.%p"]
        proc = subprocess.run(grind + cmd, cwd=cwd, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        sys.exit(f"compile_time.py: error: {' '.join(cmd)} failed:\n{proc.stdout[-4000:]}")
    counts = [int(m.replace(",", "")) for m in re.findall(r"I\s+refs:\s+([0-9,]+)", proc.stdout)]
    return max(counts) / 1e9, proc.stdout


def compile_cmd(cxx, mode, source):
    flags = ["-std=c++20", f"-I{ROOT / 'include'}", "-I."]
    if mode == "syntax":
        flags.append("-fsyntax-only")
    else:
        flags += ["-O2", "-c", "-o", os.devnull]
    return [cxx, *flags, source]


def measure(args, work, best=None):
    """Compiles every translation unit REPEAT times, round by round (each round compiles all of
    them once, in the same order), and keeps each one's best time. Interleaved this way, a
    change in the machine's load during the run reaches every figure alike, so the ratios the
    check compares move much less than the figures do. `best` carries the times of earlier
    rounds, to measure more rounds after a run that looked over the committed figures."""
    if best is None:
        best = {}
        (work / "structs.hpp").write_text(structs_header(args.types, args.fields))
        gen = [str(ROOT / "generator" / "buffers-soa-gen"), "structs.hpp", "-o",
               "structs.soa.hpp", "-I", str(ROOT / "include")]
        proc = subprocess.run(gen, cwd=work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
        if proc.returncode != 0:
            sys.exit(f"compile_time.py: error: the generator failed:\n{proc.stdout}")
        (work / "umbrella.cpp").write_text("#include <buffers/buffers.hpp>\n")
        (work / "std.cpp").write_text(
            "#include <algorithm>\n#include <deque>\n#include <span>\n#include <vector>\n")
        for kind in KINDS:
            stem = kind_stem(kind)
            (work / f"{stem}_0.cpp").write_text(translation_unit(kind, args.types, False))
            (work / f"{stem}_n.cpp").write_text(translation_unit(kind, args.types, True))
    jobs = []
    for cxx in args.cxx:
        for mode in args.modes:
            key = f"{Path(cxx).name} {mode}"
            jobs.append((key, "umbrella header", compile_cmd(cxx, mode, "umbrella.cpp")))
            jobs.append((key, "std headers", compile_cmd(cxx, mode, "std.cpp")))
            for kind in KINDS:
                stem = kind_stem(kind)
                jobs.append((key, (kind, 0), compile_cmd(cxx, mode, f"{stem}_0.cpp")))
                jobs.append((key, (kind, 1), compile_cmd(cxx, mode, f"{stem}_n.cpp")))
    for r in range(args.repeat):
        if args.instructions:
            # The counts do not depend on what else runs: every core counts one compile.
            with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:
                counts = list(pool.map(lambda job: instructions(job[2], work)[0], jobs))
        else:
            counts = [cpu_time(cmd, work)[0] for _, _, cmd in jobs]
        for (key, what, _), t in zip(jobs, counts):
            best[(key, what)] = min(best.get((key, what), t), t)
        print(f"  round {r + 1} of {args.repeat}", file=sys.stderr)
    results = {}
    for key, what, _ in jobs:
        r = results.setdefault(key, {})
        if isinstance(what, str):
            r[what] = best[(key, what)]
        elif what[1] == 1:
            kind = what[0]
            empty, full = best[(key, (kind, 0))], best[(key, (kind, 1))]
            r[kind] = {"tu": full, "per_type": max(full - empty, 0.0) / args.types}
    return results, best


def kind_stem(kind):
    return re.sub(r"[^a-z0-9]+", "_", kind.lower()).strip("_")


def breakdown(args, work):
    """Where the time goes for the heaviest kind: g++ -ftime-report's largest phases."""
    cxx = next((c for c in args.cxx if "g++" in Path(c).name), None)
    if cxx is None:
        return []
    stem = "soavector_pfr_n.cpp"
    _, out = cpu_time(compile_cmd(cxx, "syntax", stem) + ["-ftime-report"], work)
    rows = []
    for line in out.splitlines():
        # " name : usr ( pct%) sys ( pct%) wall ( pct%) mem": the user time and its share.
        m = re.match(r"\s*(.+?)\s*:\s*([0-9.]+)\s*\(\s*(\d+)%\)", line)
        if m and "TOTAL" not in m.group(1):
            rows.append((m.group(1).lstrip("|").strip(), float(m.group(2)), int(m.group(3))))
    rows.sort(key=lambda r: -r[1])
    return rows[:6]


def trace_breakdown(args, work):
    """Where clang's time goes for the heaviest kind, by template: -ftime-trace's events, each
    counted for its own time (its duration minus the events nested in it), summed over the
    instantiations of one template (arguments dropped)."""
    cxx = next((c for c in args.cxx if "clang" in Path(c).name), None)
    if cxx is None:
        return []
    stem = "soavector_pfr_n"
    cmd = [cxx, "-std=c++20", f"-I{ROOT / 'include'}", "-I.", "-c", "-o", f"{stem}.o",
           "-ftime-trace", "-ftime-trace-granularity=10", f"{stem}.cpp"]
    cpu_time(cmd, work)
    trace = json.loads((work / f"{stem}.json").read_text())
    events = sorted((e for e in trace["traceEvents"] if e.get("ph") == "X"
                     and not e["name"].startswith("Total")), key=lambda e: (e["ts"], -e["dur"]))
    own = {}
    stack = []
    for e in events:
        while stack and stack[-1]["ts"] + stack[-1]["dur"] <= e["ts"]:
            stack.pop()
        if stack:
            stack[-1]["own"] -= e["dur"]
        e["own"] = e["dur"]
        stack.append(e)
    totals, counts = {}, {}
    for e in events:
        if not e["name"].startswith(("Instantiate", "Parse")):
            continue
        name = re.sub(r"<.*", "<…>", e.get("args", {}).get("detail", ""))
        key = f"{e['name']}: {name}"
        totals[key] = totals.get(key, 0) + e["own"]
        counts[key] = counts.get(key, 0) + 1
    top = sorted(totals.items(), key=lambda kv: -kv[1])[:10]
    return [(k, v / 1e6, counts[k]) for k, v in top]


def table(results, args, phases, templates=()):
    if args.instructions:
        measure_text = ("the instructions the compiler executes (Valgrind), in billions (G) and "
                        "millions (M)")
        whole, each, scale = "G", "M", 1000
    else:
        measure_text = f"best of {args.repeat} compiles of the compiler's CPU time"
        whole, each, scale = "s", "ms", 1000
    out = [f"Per-type cost: {args.types} structs of {args.fields} fields, one container each, "
           f"one `emplace_back` and one `push_back` per type; {measure_text} "
           "(`benchmarks/compile_time.py`).", ""]
    for key, r in results.items():
        out += [f"**{key}**", "", "| what | whole | per type | per type / std::vector's |",
                "|---|---|---|---|"]
        out.append(f"| `#include <buffers/buffers.hpp>` alone | {r['umbrella header']:.2f} {whole} "
                   "| | |")
        out.append(f"| `<vector> <deque> <algorithm> <span>` alone | {r['std headers']:.2f} "
                   f"{whole} | | |")
        base = r["std::vector"]["per_type"]
        for kind in KINDS:
            per = r[kind]["per_type"]
            ratio = f"{per / base:.2f}" if base > 0 else "—"
            out.append(f"| `{kind}` | {r[kind]['tu']:.2f} {whole} | {per * scale:.1f} {each} "
                       f"| {ratio} |")
        out.append("")
    if phases:
        out += ["Where g++'s time goes for `SoaVector (PFR)` with all its types (`-fsyntax-only "
                "-ftime-report`, the largest entries; phases and the items inside them overlap):",
                "", "| phase or item | user seconds | share |", "|---|---|---|"]
        out += [f"| {name} | {sec:.2f} | {pct}% |" for name, sec, pct in phases]
        out.append("")
    if templates:
        out += ["Where clang's time goes for the same translation unit, by template (`-ftime-trace`, "
                "each event's own time without the events nested in it, summed over a template's "
                "instantiations; `-c` at -O0, so code generation is not in these rows):", "",
                "| event: template | own seconds (wall) | instantiations |", "|---|---|---|"]
        out += [f"| `{name}` | {sec:.2f} | {n} |" for name, sec, n in templates]
        out.append("")
    return "\n".join(out)


def normalised(results):
    """Per-type costs relative to the std::vector translation unit of the same run."""
    norm = {}
    for key, r in results.items():
        ref = r["std::vector"]["tu"]
        norm[key] = {kind: r[kind]["per_type"] / ref for kind in KINDS}
        norm[key]["umbrella header"] = r["umbrella header"] / ref
    return norm


def check(results, tolerance):
    committed = json.loads(BASELINE.read_text())
    now = normalised(results)
    failures = {}
    for key, kinds in committed["normalised"].items():
        if key not in now:
            continue
        for kind, was in kinds.items():
            got = now[key].get(kind)
            if got is not None and got > was * (1 + tolerance):
                failures[(key, kind)] = (
                    f"{key}: {kind}: {got:.3f} against {was:.3f} committed "
                    f"(+{(got / was - 1) * 100:.0f}%, allowed +{tolerance * 100:.0f}%)")
    return failures


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cxx", nargs="+", default=["g++", "clang++"])
    ap.add_argument("--modes", nargs="+", default=["syntax", "O2"], choices=["syntax", "O2"])
    ap.add_argument("--types", type=int, default=20)
    ap.add_argument("--fields", type=int, default=15)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--update-doc", action="store_true")
    ap.add_argument("--update-baseline", action="store_true")
    ap.add_argument("--check", action="store_true",
                    help="g++ -fsyntax-only only; fail on a per-type cost 20%% past the baseline")
    ap.add_argument("--tolerance", type=float, default=0.20)
    ap.add_argument("--instructions", action="store_true",
                    help="count the compiler's instructions (Valgrind) instead of timing it; "
                         "one compile each, exact; figures in billions of instructions")
    args = ap.parse_args()
    if args.check:
        # Instructions, not time: on a shared machine the CPU time of a large translation
        # unit grew twice as much as a small one's within an hour (page faults, in system
        # time), which no choice of rounds cancels; the count is the same on every run.
        args.cxx, args.modes, args.instructions = ["g++"], ["syntax"], True
    if args.instructions:
        args.repeat = 1
    args.cxx = [shutil.which(c) or c for c in args.cxx]
    with tempfile.TemporaryDirectory(prefix="buffers-compile-time-") as tmp:
        work = Path(tmp)
        results, best = measure(args, work)
        phases = [] if args.check else breakdown(args, work)
        templates = [] if args.check else trace_breakdown(args, work)
        failures = check(results, args.tolerance) if args.check else {}
    text = table(results, args, phases, templates)
    print(text)
    if args.update_baseline:
        if not args.instructions:
            sys.exit("compile_time.py: error: the baseline the check compares against is in "
                     "instructions: --update-baseline needs --instructions")
        BASELINE.write_text(json.dumps({"types": args.types, "fields": args.fields,
                                        "measure": "g++ instructions",
                                        "normalised": normalised(results)}, indent=2) + "\n")
    if args.update_doc:
        doc = DOC.read_text()
        block = f"{DOC_BEGIN}\n{text}\n{DOC_END}"
        if DOC_BEGIN in doc:
            doc = re.sub(re.escape(DOC_BEGIN) + ".*?" + re.escape(DOC_END), lambda _: block, doc,
                         flags=re.S)
        else:
            doc += f"\n## Build time\n\n{block}\n"
        DOC.write_text(doc)
    if args.check:
        for f in failures.values():
            print(f"compile_time.py: error: {f}", file=sys.stderr)
        if failures:
            print("compile_time.py: a per-type cost grew; if that is deliberate, run "
                  "benchmarks/compile_time.py --update-baseline and commit the result",
                  file=sys.stderr)
            return 1
        print("compile_time.py: per-type costs within the committed figures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
