#!/usr/bin/python3
"""Runs buffers_bench and writes the report: docs/benchmarks.md and one plot per family.

    report.py --mode full  --build build/release     # the report (docs/)
    report.py --mode quick --build build/release     # CI: tiny sizes, output in the build dir

How it runs the cases (each case says which way in its description, see bench.hpp):
  * interleaved cases: one process; every repetition of every benchmark is a separate run and
    Google Benchmark shuffles them (--benchmark_enable_random_interleaving), so a slow phase of
    the shared machine hits all variants alike;
  * per-process cases (allocation-heavy): one process per (variant, size) and repetition, in
    rounds; each round runs every (variant, size) once, in a shuffled order. glibc malloc adapts
    its thresholds to what a process did before, so no variant runs after another.

Times are medians over the repetitions of CPU time (the process's user + system time, page
faults included); the machine is shared, and wall time also counts time spent waiting for the
core. Ratios divide by the median of the case's baseline measured in the same run.

The quick mode only proves that everything still builds and runs: tiny sizes, one repetition,
and no timing is judged.
"""

import argparse
import datetime
import json
import os
import platform
import random
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The goals of issue 8 (anchors measured with g++ 12 -O2 on this kind of machine). Each goal
# compares one variant with another at one size ("large" or "small") of one case; `max` is the
# largest ratio (time of variant / time of reference) that meets it. `peers` are shown for
# context.
# Reasons shared by several goals (see each goal's `why`).
WHY_PUSH_WARM = (
    "Until 2026-12-01, from the -O2 assembly of the push loop: libstdc++ made 2 loads (end, "
    "capacity) and 2 stores per push; Vector<int> made 3 loads (size, capacity and the data pointer) and 2 "
    "stores, because GCC 12 does not keep the data pointer in a register across a loop that "
    "contains the out-of-line growth call. Five runs on 2026-11-25 gave 1.00 to 1.12 at 1Mi and "
    "0.89 to 1.04 at 1Ki. Fixed on 2026-12-01: contiguous collections keep their end address "
    "and the heap buffers their block's end, so the push makes libstdc++'s 2 loads and 2 stores "
    "(listing and runs in the push loop section, written by hand).")
WHY_ITERATE = (
    "The inner loops take four instructions per element for both (objdump of buffers_bench:"
    " load, add, add, compare and branch); std::vector's indexed loop keeps an index, "
    "Vector's becomes a pointer loop. Isolated runs (5 processes of `buffers_bench "
    "--benchmark_filter='^iterate_' --benchmark_repetitions=5 "
    "--benchmark_enable_random_interleaving=true`) gave 0.94 to 1.06 for range-for and 1.03"
    " to 1.10 (median 1.06) for indexed: at about one cycle per element, GCC's choice of "
    "loop form costs a few percent; the library adds no work to the loop. Full report runs "
    "on this shared machine moved these ratios between 0.83 and 2.0 from run to run, with "
    "spreads under 5% within a run.")
WHY_SOA_SAME_LOOP = (
    "The loop over column<I>(v) spans vectorises exactly like the loop over raw float pointers "
    "(g++ -O3 -fopt-info-vec: 16-byte vectors, versioned for aliasing, for both). Across five "
    "report runs on 2026-11-25 these ratios moved between 0.71 and 1.24, with spreads up to "
    "30%: each variant streams its own 64-128 MiB of columns, and where the pages land dominates.")
WHY_NBODY = (
    "Both variants run the same O(N^2) kernel over the same columns (SoaVector through "
    "column<I>(v) spans); five runs on 2026-11-25 gave 0.94 to 1.01, within the spread.")

FIRST_FILL_PEERS = ["stable_vector", "std_vector_reserve", "buffers_Vector", "llvm_SmallVector",
                    "pointer_push", "raw_huge_loop"]
GOALS = [
    dict(text="push_back of 1Mi ints into a fresh vector, own process each: DefaultBuffer "
              "at most 0.15 of std::vector",
         anchor="std::vector 1.00, boost::container::vector 0.26, llvm::SmallVector 0.15",
         case="push_back_int", size="large", variant="buffers_Vector", reference="std_vector",
         max=0.15, peers=["boost_vector", "llvm_SmallVector"],
         why="DefaultBuffer grows trivially relocatable values with realloc, which glibc "
             "serves for large blocks with mremap: the pages move, they are neither copied nor "
             "faulted in again. std::vector and boost::container::vector take a new block per "
             "growth and fault in every page of it; on this virtual machine a first-touch page "
             "fault costs about 15 µs of CPU (64 MiB touched page by page: 13-18 µs per page), "
             "so the fresh-vector ratios here are far below the anchors."),
    dict(text="First fill of 1Mi ints in a fresh process: PageBuffer at most 0.20 of std::vector",
         anchor="Vector<int> 0.54, llvm::SmallVector 0.57, std::vector with reserve 0.53",
         case="first_fill_int", size="small", variant="page_vector", reference="std_vector",
         max=0.20, peers=FIRST_FILL_PEERS,
         why="Two 2 MiB huge-page faults instead of 2,058 small ones, and no copy on growth. "
             "The raw_huge_loop variant, a plain (vectorised) loop writing the same ints into "
             "one huge-page block, is the floor: zeroing 4 MiB in the kernel and writing them, "
             "both bound by memory bandwidth, which the shared machine halves under load (0.36 "
             "ms quiet, 0.9-1.0 ms loaded), while std::vector's small faults are bound by the "
             "cost of a fault. It measured 0.23 to 0.28 of std::vector on 2026-12-01, above the "
             "goal. pointer_push (the same growth under a push loop with its pointers in "
             "registers) adds under 0.1 ms to it; Vector's push loop adds 0.2 to 0.4 ms more."),
    dict(text="First fill of 16Mi ints in a fresh process: PageBuffer at most 0.35 of std::vector",
         anchor="Vector<int> 0.57, llvm::SmallVector 0.57, std::vector with reserve 0.55",
         case="first_fill_int", size="large", variant="page_vector", reference="std_vector",
         max=0.35, peers=FIRST_FILL_PEERS),
    dict(text="SoA push_back of 1Mi rows, warm process: SoaVector at most 0.8 of 8 parallel "
              "std::vectors",
         anchor="SoaVector 1.2 to 1.5",
         case="soa_fill_warm", size="large", variant="buffers_SoaVector",
         reference="soa_parallel", max=0.8, peers=["page_soa", "heap_page_soa", "stable_soa"]),
    dict(text="push_back with the capacity kept, 1Ki ints: at most 1.00 of std::vector",
         anchor="boost and absl ~1.5",
         case="push_back_int_warm", size="small", variant="buffers_Vector",
         reference="std_vector", max=1.00, peers=["boost_vector", "llvm_SmallVector"],
         why=WHY_PUSH_WARM),
    dict(text="push_back with the capacity kept, 1Mi ints: at most 1.00 of std::vector",
         anchor="boost and absl ~1.5",
         case="push_back_int_warm", size="large", variant="buffers_Vector",
         reference="std_vector", max=1.00, peers=["boost_vector", "llvm_SmallVector"],
         why=WHY_PUSH_WARM),
    dict(text="Iteration (range-for), 1Ki ints: within 2% of std::vector",
         anchor="zero overhead", case="iterate_range_for", size="small",
         variant="buffers_Vector", reference="std_vector", max=1.02, why=WHY_ITERATE),
    dict(text="Iteration (range-for), 1Mi ints: within 2% of std::vector",
         anchor="zero overhead", case="iterate_range_for", size="large",
         variant="buffers_Vector", reference="std_vector", max=1.02,
         why=WHY_ITERATE),
    dict(text="Iteration (indexed), 1Ki ints: within 2% of std::vector",
         anchor="zero overhead", case="iterate_indexed", size="small",
         variant="buffers_Vector", reference="std_vector", max=1.02, why=WHY_ITERATE),
    dict(text="Iteration (indexed), 1Mi ints: within 2% of std::vector",
         anchor="zero overhead", case="iterate_indexed", size="large",
         variant="buffers_Vector", reference="std_vector", max=1.02, why=WHY_ITERATE),
    dict(text="Small-vector churn (8 ints): SvoBuffer<HeapBuffer<int>, 16> at most 0.10 of "
              "std::vector",
         anchor="boost small_vector 0.13, absl 0.12, llvm 0.12",
         case="small_vector_churn", size="small", variant="buffers_Svo16",
         reference="std_vector", max=0.10,
         peers=["boost_small_vector", "absl_InlinedVector", "llvm_SmallVector"],
         why="Instructions per construct/push 8/sum/destroy (callgrind): std::vector 961, "
             "SvoBuffer 149, llvm::SmallVector 150, boost small_vector 158, absl InlinedVector "
             "184. SvoBuffer is level with the best peer; 0.10 would need about a third fewer "
             "cycles than any of them. What remains per push is the test of the inline/heap "
             "flag and the size kept in memory around the out-of-line growth call; the vector "
             "escapes before it is read (as when passed to other code), so no container's loop "
             "can be folded away."),
    dict(text="Small-vector churn (8 ints): InlineBuffer<int, 16> at most 0.07 of std::vector",
         anchor="boost static_vector 0.07",
         case="small_vector_churn", size="small", variant="buffers_Inline16",
         reference="std_vector", max=0.07, peers=["boost_static_vector"],
         why="A full push_back on a fixed-capacity buffer used to call the out-of-line growth "
             "path, which returns, so each push stored and reloaded the size (222 instructions "
             "against static_vector's 158 when filling 16). It now fails from a [[noreturn]] "
             "path and compiles to the same code as boost::container::static_vector (120 vs 121 "
             "instructions per churn iteration). static_vector itself does not reach the 0.07 "
             "anchor on this machine (see its ratio), so neither does InlineBuffer."),
    dict(text="sizeof(Vector<int, SvoBuffer<HeapBuffer<int>, 16>>) at most 80 bytes",
         anchor="boost 88, llvm 80, absl 72",
         case="small_vector_churn", fact="sizeof Vector<int, SvoBuffer<HeapBuffer<int>, 16>>",
         max_bytes=80),
    dict(text="SoA push_back of 1Mi rows: at most 1.00 of the one-block SoA",
         anchor="parallel std::vectors 1.45, soagen 1.41",
         case="soa_push_back", size="large", variant="buffers_SoaVector",
         reference="soa_one_block", max=1.00, peers=["soa_parallel", "aos"],
         why="At 1Mi rows the time is page faults (32 MiB final block). SoaBuffer used to grow "
             "like the one-block stand-in (new block, copy each column) and tied with it: "
             "16Ki faults per fill for both. It now grows trivially relocatable columns with "
             "realloc and slides the columns up in place, so each page is faulted in once: "
             "8Ki faults."),
    dict(text="SoA x,y update over 4Mi rows: at most 1.02 of the one-block SoA",
         anchor="soagen 1.01, AoS 1.96",
         case="soa_update", size="large", variant="buffers_SoaVector",
         reference="soa_one_block", max=1.02, peers=["soa_parallel", "aosoa8", "aos"],
         why=WHY_SOA_SAME_LOOP),
    dict(text="Sorting 1Mi rows by one field: faster than std::sort on the AoS vector",
         anchor="AoS 0.72 of an index sort and gather; a zip-proxy sort 1.83",
         case="soa_sort", size="large", variant="buffers_sort", reference="aos",
         max=1.00, strict=True, peers=["buffers_ranges_sort", "soa_index_gather"],
         why="Sorting random keys is bound by mispredicted comparisons: sorting (key, index) "
             "pairs costs as much as sorting the 32-byte AoS rows, so an index sort plus a "
             "gather per column loses to AoS. buffers::sort sorts (key, index) pairs by LSD "
             "radix when the key is arithmetic and the order is the default less or greater "
             "(about 10 ms of the total for 1Mi), then moves each column once. Its 16 MiB of "
             "pairs are page-faulted on the first calls of a process (glibc then keeps the "
             "memory), which the median does not see."),
    dict(text="n-body, 16Ki particles: at most 1.01 of the hand-written SoA",
         anchor="", case="nbody", size="large", variant="buffers_SoaVector",
         reference="soa_hand", max=1.01, peers=["aos"], why=WHY_NBODY),
    dict(text="Column scan (sum of one column), 16Mi rows: at least 98% of the plain-array "
              "throughput",
         anchor="one core streams about 22 GB/s", case="column_scan", size="large",
         variant="buffers_SoaVector", reference="plain_array", max=1 / 0.98),
    dict(text="Update loop over SoaVector columns, 4Mi rows: at least 98% of the same loop "
              "on plain float arrays",
         anchor="", case="soa_update", size="large", variant="buffers_SoaVector",
         reference="plain_arrays", max=1 / 0.98, why=WHY_SOA_SAME_LOOP),
]


def log(msg):
    print(f"report: {msg}", flush=True)


def run_bench(binary, mode, args):
    """Runs the binary with Google Benchmark flags; returns the parsed JSON output."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        out = f.name
    try:
        cmd = [str(binary), f"--buffers_mode={mode}", f"--benchmark_out={out}",
               "--benchmark_out_format=json"] + args
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            sys.stderr.write(done.stderr)
            raise SystemExit(f"report: {shlex.join(cmd)} failed with exit code "
                             f"{done.returncode}")
        with open(out) as fh:
            return json.load(fh)
    finally:
        os.unlink(out)


def collect(data, samples):
    """Adds the iteration runs of one JSON output to samples[name]."""
    for b in data["benchmarks"]:
        if b.get("run_type") != "iteration":
            continue
        if b.get("error_occurred"):
            raise SystemExit(f"report: {b['name']} failed: {b.get('error_message')}")
        scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}[b["time_unit"]]
        # Cases timed once per process carry Google Benchmark's suffixes: drop them.
        name = re.sub(r"(/iterations:\d+)?(/real_time)?$", "", b["run_name"])
        samples.setdefault(name, []).append(
            dict(cpu=b["cpu_time"] * scale, real=b["real_time"] * scale))


def machine_info(build, context):
    info = {}
    model = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info["cpu"] = model or platform.processor()
    info["cores"] = str(os.cpu_count())
    try:
        mem = next(l for l in open("/proc/meminfo") if l.startswith("MemTotal"))
        info["memory"] = f"{int(mem.split()[1]) / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        pass
    caches = context.get("caches", [])
    if caches:
        info["caches"] = ", ".join(
            f"L{c['level']} {c['type'].lower()} {c['size'] // 1024} KiB" for c in caches)
    info["kernel"] = platform.release()
    libc = platform.libc_ver()
    info["libc"] = " ".join(libc) if libc[0] else "unknown"
    # The exact compile command of a benchmark source.
    compiler, flags = "unknown", ""
    try:
        cc = json.load(open(Path(build) / "compile_commands.json"))
        entry = next(e for e in cc if re.search(r"benchmarks/\w+_bench\.cpp$", e["file"]))
        argv = shlex.split(entry["command"])
        kept, skip = [], False
        for a in argv[1:]:
            if skip:
                skip = False
                continue
            if a in ("-o", "-c", "-isystem", "-I"):
                skip = True
                continue
            if a.startswith(("-I", "-DBUFFERS_BENCH")) or a.endswith(".cpp"):
                continue
            kept.append(a)
        flags = " ".join(kept)
        version = subprocess.run([argv[0], "--version"], capture_output=True, text=True)
        compiler = version.stdout.splitlines()[0] if version.stdout else argv[0]
    except (OSError, StopIteration, ValueError, KeyError):
        pass
    info["compiler"] = compiler
    info["flags"] = flags
    try:
        v = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "libbenchmark-dev"],
                           capture_output=True, text=True)
        info["google_benchmark"] = v.stdout.strip() or "unknown"
    except OSError:
        info["google_benchmark"] = "unknown"
    return info


def fmt_time(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def fmt_size(n):
    for suffix, scale in (("Mi", 1 << 20), ("Ki", 1 << 10)):
        if n >= scale and n % scale == 0:
            return f"{n // scale}{suffix}"
    return str(n)


def quartiles(xs):
    if len(xs) < 2:
        return xs[0], xs[0]
    q = statistics.quantiles(xs, n=4, method="inclusive")
    return q[0], q[2]


class Results:
    def __init__(self, cases, samples):
        self.cases = {c["id"]: c for c in cases}
        self.samples = samples

    def size(self, case, which):
        sizes = self.cases[case]["sizes"]
        return sizes[0] if which == "small" else sizes[1]

    def times(self, case, variant, size):
        s = self.samples.get(f"{case}/{variant}/{size}")
        # Cases timed once per process (the first fill) are timed on the wall clock.
        clock = "real" if self.cases[case].get("once") else "cpu"
        return [x[clock] for x in s] if s else None

    def median(self, case, variant, size):
        t = self.times(case, variant, size)
        return statistics.median(t) if t else None

    def ratio(self, case, variant, size, reference=None):
        ref = reference or self.cases[case]["baseline"]
        a, b = self.median(case, variant, size), self.median(case, ref, size)
        if a is None or b is None or b == 0:
            return None
        return a / b


def judge(goal, res, quick):
    """Returns (measured text, verdict) for one goal."""
    case = res.cases.get(goal["case"])
    if case is None:
        return "case not run", "not measured"
    if "fact" in goal:
        facts = dict(case["facts"])
        value = facts.get(goal["fact"])
        if value is None:
            return "missing", "not measured"
        n = int(value.split()[0])
        return f"{n} bytes", "met" if n <= goal["max_bytes"] else "missed"
    size = res.size(goal["case"], goal["size"])
    r = res.ratio(goal["case"], goal["variant"], size, goal["reference"])
    if r is None:
        return "not measured", "not measured"
    text = f"{r:.3f}"
    peers = []
    for p in goal.get("peers", []):
        pr = res.ratio(goal["case"], p, size, goal["reference"])
        if pr is not None:
            peers.append(f"{p} {pr:.2f}")
    if peers:
        text += " (this run: " + ", ".join(peers) + ")"
    if quick:
        return text, "not judged (quick mode)"
    ok = r < goal["max"] if goal.get("strict") else r <= goal["max"]
    return text, "**met**" if ok else "**missed**"


def write_report(out_md, img_dir, describe, res, info, meta, quick):
    cases = describe["cases"]
    lines = []
    w = lines.append
    w("# Benchmarks")
    w("")
    w("Generated by `./run.sh bench` (benchmarks/report.py) on "
      f"{meta['date']}; do not edit by hand.")
    if quick:
        w("")
        w("**Quick mode: tiny sizes and one repetition. These numbers mean nothing; the quick "
          "mode only proves that the benchmarks build and run.**")
    w("")
    w("## Machine")
    w("")
    w("| | |")
    w("|---|---|")
    for key, label in (("cpu", "CPU"), ("cores", "cores"), ("caches", "caches"),
                       ("memory", "memory"), ("kernel", "kernel"), ("libc", "libc"),
                       ("compiler", "compiler"), ("flags", "flags"),
                       ("google_benchmark", "Google Benchmark")):
        if key in info:
            value = f"`{info[key]}`" if key == "flags" else info[key]
            w(f"| {label} | {value} |")
    w(f"| load average | {meta['load_before']} before, {meta['load_after']} after |")
    w(f"| duration | {meta['duration']} |")
    w("")
    w("## How it was measured")
    w("")
    w(f"* Every number is the **median CPU time** over {meta['repetitions']} repetitions "
      f"(interleaved cases) or {meta['rounds']} (per-process cases), in user plus system time "
      "of the process, so page faults count. The machine is shared "
      "and noisy: wall time would also count the time spent waiting for a core. The spread "
      "column is the interquartile range as a percentage of the median.")
    w("* **Ratios** divide a variant's median by the median of the case's baseline (marked "
      "*baseline*), measured in the same run: lower is faster.")
    w("* **Interleaved** cases run in one process; every repetition of every benchmark is a "
      "separate run, and Google Benchmark shuffles them all "
      "(`--benchmark_enable_random_interleaving`).")
    w("* **Per-process** cases (allocation-heavy: glibc malloc adapts its thresholds to "
      "whatever the process did before) run each (variant, size) in a process of its own, one "
      f"repetition per process, in {meta['rounds']} rounds; each round runs every "
      "(variant, size) once, in a shuffled order, so the rounds are strictly interleaved.")
    w(f"* Minimum time per repetition: {meta['min_time']} s (interleaved), "
      f"{meta['proc_min_time']} s (per-process). The inputs of interleaved cases are built "
      "once per size and process and reused by every repetition.")
    w("* Debian's libbenchmark reports itself as a debug build (it is compiled without "
      "NDEBUG); the timing loop is inline in the header, compiled with the flags above.")
    w("* Peers come from Debian packages (libboost1.81-dev, libabsl-dev, llvm-14-dev); the "
      "peer designs Debian does not package are hand-written stand-ins in "
      "`benchmarks/particles.hpp`, named after the design they stand for.")
    w("")
    w("## Goals")
    w("")
    w("| goal | anchor (issue 8) | measured ratio | verdict |")
    w("|---|---|---|---|")
    for g in GOALS:
        measured, verdict = judge(g, res, quick)
        w(f"| {g['text']} | {g.get('anchor', '')} | {measured} | {verdict} |")
    w("")
    notes = [g for g in GOALS if g.get("why")]
    if notes:
        w("What lies behind the figures (from profiles: callgrind instruction counts, page-fault "
          "counts, the generated assembly; see the commit history for the changes they led to):")
        w("")
        # Goals that share a reason are listed together, the reason once.
        by_why = {}
        for g in notes:
            by_why.setdefault(g["why"], []).append(g["text"])
        for why, texts in by_why.items():
            w(f"* **{'; '.join(texts)}.** {why}")
        w("")
    families = []
    for c in cases:
        if c["family"] not in families:
            families.append(c["family"])
    for fam in families:
        w(f"## {fam}")
        w("")
        w(f"![{fam}](img/{fam}.png)")
        w("")
        for c in (c for c in cases if c["family"] == fam):
            small, large = c["sizes"]
            w(f"### {c['title']}")
            w("")
            w(f"`{c['id']}`: {c['what']}. Baseline: `{c['baseline']}`. "
              f"Run: {c['run'].replace('_', '-')}.")
            w("")
            gbps = c.get("bytes_per_element", 0) > 0
            head = "| variant |"
            sep = "|---|"
            for n in (small, large):
                head += f" N = {fmt_size(n)} {c['size_unit']} | spread | ratio |"
                sep += "---:|---:|---:|"
                if gbps:
                    head += " GB/s |"
                    sep += "---:|"
            w(head)
            w(sep)
            for v in c["variants"]:
                label = v["label"] + (" *(baseline)*" if v["id"] == c["baseline"] else "")
                row = f"| {label} |"
                for n in (small, large):
                    t = res.times(c["id"], v["id"], n)
                    if not t:
                        row += " — | | |" + (" |" if gbps else "")
                        continue
                    m = statistics.median(t)
                    q1, q3 = quartiles(t)
                    r = res.ratio(c["id"], v["id"], n)
                    row += f" {fmt_time(m)} | {100 * (q3 - q1) / m:.1f}% | "
                    row += f"{r:.3f} |" if r is not None else "— |"
                    if gbps:
                        row += f" {c['bytes_per_element'] * n / m:.1f} |"
                w(row)
            if c["facts"]:
                w("")
                for label, value in c["facts"]:
                    w(f"* {label}: {value}")
            w("")
    out_md.parent.mkdir(parents=True, exist_ok=True)
    out_md.write_text("\n".join(lines) + "\n")
    plot(img_dir, cases, families, res)


def plot(img_dir, cases, families, res):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        log("matplotlib is missing (python3-matplotlib, under /usr/bin/python3): no plots")
        return
    img_dir.mkdir(parents=True, exist_ok=True)
    for fam in families:
        fcases = [c for c in cases if c["family"] == fam]
        panels = [(c, n) for c in fcases for n in c["sizes"]]
        cols = 2
        rows = (len(panels) + cols - 1) // cols
        nvar = max(len(c["variants"]) for c in fcases)
        fig, axes = plt.subplots(rows, cols, figsize=(13, 0.45 * nvar * rows + 1.2 * rows),
                                 squeeze=False)
        for ax, (c, n) in zip(axes.flat, panels):
            labels, ratios, lo, hi = [], [], [], []
            base = res.median(c["id"], c["baseline"], n)
            for v in c["variants"]:
                t = res.times(c["id"], v["id"], n)
                if not t or not base:
                    continue
                m = statistics.median(t)
                q1, q3 = quartiles(t)
                labels.append(v["label"])
                ratios.append(m / base)
                lo.append((m - q1) / base)
                hi.append((q3 - m) / base)
            y = list(range(len(labels)))
            colors = ["#1f77b4" if "buffers" in v["id"] else "#999999"
                      for v in c["variants"] if res.times(c["id"], v["id"], n)]
            ax.barh(y, ratios, xerr=[lo, hi], color=colors, capsize=2)
            ax.axvline(1.0, color="black", linewidth=0.8)
            if ratios:
                # An outlier's quartile must not squash the bars: the axis follows the medians.
                ax.set_xlim(0, max(max(ratios), 1.0) * 1.3)
            ax.set_yticks(y)
            ax.set_yticklabels(labels, fontsize=7)
            ax.invert_yaxis()
            ax.set_title(f"{c['id']}, N = {fmt_size(n)} {c['size_unit']}", fontsize=9)
            ax.set_xlabel("time / baseline (lower is faster)", fontsize=8)
            ax.tick_params(axis="x", labelsize=7)
            for yi, r in zip(y, ratios):
                ax.text(r, yi, f" {r:.2f}", va="center", fontsize=7)
        for ax in list(axes.flat)[len(panels):]:
            ax.axis("off")
        fig.suptitle(f"{fam}: median CPU time relative to the baseline (bars: quartiles); "
                     "buffers in blue", fontsize=10)
        fig.tight_layout()
        fig.savefig(img_dir / f"{fam}.png", dpi=90)
        plt.close(fig)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mode", choices=["full", "quick"], default="full")
    ap.add_argument("--build", default="build/release", help="the CMake build directory")
    ap.add_argument("--out", help="where benchmarks.md and img/ go (default: docs/ in full "
                                  "mode, <build>/bench-quick/ in quick mode)")
    ap.add_argument("--repetitions", type=int,
                    help="repetitions of interleaved cases; default: 25 (full), 1 (quick)")
    ap.add_argument("--rounds", type=int,
                    help="rounds of per-process cases; default: 9 (full), 1 (quick)")
    ap.add_argument("--min-time", type=float, help="seconds per repetition; default: 0.1 "
                                                   "(interleaved) and 0.25 (per-process) in "
                                                   "full mode, 0.01 in quick mode")
    ap.add_argument("--cases", help="a regular expression: only the case ids it matches "
                                    "(the report then covers only those)")
    args = ap.parse_args()

    quick = args.mode == "quick"
    build = Path(args.build)
    binary = build / "benchmarks" / "buffers_bench"
    if not binary.exists():
        raise SystemExit(f"report: {binary} not found; build the target buffers_bench first")
    out = Path(args.out) if args.out else (build / "bench-quick" if quick else ROOT / "docs")
    reps = args.repetitions or (1 if quick else 25)
    rounds = args.rounds or (1 if quick else 9)
    min_time = args.min_time or (0.01 if quick else 0.1)
    proc_min_time = args.min_time or (0.01 if quick else 0.25)

    describe = json.loads(subprocess.run(
        [str(binary), f"--buffers_mode={args.mode}", "--buffers_describe"],
        check=True, capture_output=True, text=True).stdout)
    cases = describe["cases"]
    if args.cases:
        cases = [c for c in cases if re.search(args.cases, c["id"])]
        describe["cases"] = cases
    start = datetime.datetime.now()
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    samples = {}
    context = {}

    inter = [c["id"] for c in cases if c["run"] == "interleaved"]
    if inter:
        n = sum(len(c["variants"]) * 2 for c in cases if c["id"] in inter)
        log(f"{len(inter)} interleaved cases: ~{n} benchmarks x {reps} repetitions, one process")
        data = run_bench(binary, args.mode, [
            f"--benchmark_filter=^({'|'.join(inter)})/",
            f"--benchmark_repetitions={reps}",
            "--benchmark_enable_random_interleaving=true",
            f"--benchmark_min_time={min_time}"])
        context = data["context"]
        collect(data, samples)

    runs = []
    for c in cases:
        if c["run"] != "per_process":
            continue
        for v in c["variants"]:
            for i, n in enumerate(c["sizes"]):
                if i == 1 and v["small_only"]:
                    continue
                runs.append(f"{c['id']}/{v['id']}/{n}")
    if runs:
        rng = random.Random(8)
        log(f"{len(runs)} per-process benchmarks x {rounds} rounds: {len(runs) * rounds} processes")
        for r in range(rounds):
            order = runs[:]
            rng.shuffle(order)
            for name in order:
                data = run_bench(binary, args.mode, [
                    f"--benchmark_filter=^{name}(/|$)", "--benchmark_repetitions=1",
                    f"--benchmark_min_time={proc_min_time}"])
                context = context or data["context"]
                collect(data, samples)
            log(f"round {r + 1}/{rounds} done")

    end = datetime.datetime.now()
    secs = int((end - start).total_seconds())
    meta = dict(date=start.strftime("%Y-%m-%d %H:%M"), repetitions=reps, rounds=rounds,
                min_time=min_time, proc_min_time=proc_min_time,
                load_before=load_before,
                load_after=" ".join(f"{x:.2f}" for x in os.getloadavg()),
                duration=f"{secs // 60} min {secs % 60} s")
    res = Results(cases, samples)
    info = machine_info(build, context)
    out_md = out / "benchmarks.md"
    write_report(out_md, out / "img", describe, res, info, meta, quick)
    # The raw samples next to the report's build, for anyone who wants to look closer.
    raw = build / f"bench-{args.mode}-samples.json"
    raw.write_text(json.dumps(dict(describe=describe, samples=samples, meta=meta,
                                   machine=info), indent=1))
    log(f"wrote {out_md} and {out / 'img'}/*.png in {meta['duration']} (raw samples: {raw})")
    if quick:
        log("quick mode: timings are not judged")


if __name__ == "__main__":
    main()
