#!/usr/bin/env bash
# The one entry point: installs what is missing, then builds and runs.
#   ./run.sh example        build and run the flagship example
#   ./run.sh test           build everything (warnings are errors) and run every test
#   ./run.sh asan           the same suite under AddressSanitizer + UndefinedBehaviorSanitizer
#   ./run.sh bench [quick]  run the benchmarks, write docs/benchmarks.md (quick: tiny sizes, for CI)
#   ./run.sh fuzz [seconds] run the libFuzzer harnesses, Vector then Deque (default 60 s each)
#   ./run.sh deps           only install the build dependencies
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD

say() { printf '==> %s\n' "$*"; }
die() { printf 'run.sh: error: %s\n' "$*" >&2; exit 1; }

# Debian packages the build needs. Only the missing ones are installed.
DEPS_BASE=(cmake ninja-build g++ libboost1.81-dev catch2 python3-clang-14 libclang-14-dev
           python3-pytest libbenchmark-dev)
# Extra tools some steps use: clang for the fuzzer and the generator's parser, gdb for the
# pretty-printer test, the GCC sources for the conformance suite, peers for the benchmarks.
DEPS_TEST=(clang-14 libclang-rt-14-dev gdb gcc-12-source)
DEPS_BENCH=(libabsl-dev llvm-14-dev python3-matplotlib valgrind)

missing_packages() {
    local p
    for p in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
            printf '%s\n' "$p"
        fi
    done
}

ensure_packages() {
    command -v dpkg-query >/dev/null || die "not a Debian system: install $* by hand"
    local missing
    mapfile -t missing < <(missing_packages "$@")
    [[ ${#missing[@]} -eq 0 ]] && return 0
    if [[ $(id -u) -ne 0 ]]; then
        printf 'run.sh: missing packages: %s\n' "${missing[*]}" >&2
        printf 'run.sh: run this as root, then run ./run.sh again:\n' >&2
        printf '    apt-get update && apt-get install -y %s\n' "${missing[*]}" >&2
        exit 1
    fi
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # A fresh machine has empty package lists; an old one may have stale ones.
    if ! apt-get install -y -q "${missing[@]}"; then
        apt-get update -q || die "apt-get update failed"
        apt-get install -y -q "${missing[@]}" || die "apt-get install ${missing[*]} failed"
    fi
}

configure() { # preset
    local preset=$1
    if [[ ! -f build/$preset/build.ninja ]]; then
        say "configuring ($preset)"
        cmake --preset "$preset" >/dev/null || die "cmake configure ($preset) failed"
    fi
}

build() { # preset [targets...]
    local preset=$1; shift
    configure "$preset"
    say "building ($preset)"
    local targets=()
    [[ $# -gt 0 ]] && targets=(--target "$@")
    cmake --build --preset "$preset" "${targets[@]}" || die "build ($preset) failed"
}

run_tests() { # preset
    local preset=$1
    build "$preset"
    say "testing ($preset)"
    ctest --preset "$preset" || die "tests ($preset) failed; rerun: ctest --preset $preset --rerun-failed --output-on-failure"
}

cmd=${1:-help}
[[ $# -gt 0 ]] && shift
case "$cmd" in
    deps)
        ensure_packages "${DEPS_BASE[@]}" "${DEPS_TEST[@]}" "${DEPS_BENCH[@]}"
        ;;
    example)
        ensure_packages "${DEPS_BASE[@]}"
        build dev particles
        say "running examples/particles"
        ./build/dev/examples/particles
        ;;
    test)
        ensure_packages "${DEPS_BASE[@]}" "${DEPS_TEST[@]}"
        run_tests dev
        ;;
    asan)
        ensure_packages "${DEPS_BASE[@]}" "${DEPS_TEST[@]}"
        run_tests asan
        ;;
    bench)
        ensure_packages "${DEPS_BASE[@]}" "${DEPS_BENCH[@]}"
        mode=${1:-full}
        [[ $mode == quick || $mode == full ]] || die "bench takes 'quick' or 'full', not '$mode'"
        build release buffers_bench
        # Debian's python3-matplotlib imports only under the system interpreter.
        /usr/bin/python3 benchmarks/report.py --mode "$mode" --build build/release
        # Build time: the full report measures and writes it into docs/benchmarks.md; the quick
        # mode (CI) fails if a per-type compile cost grew more than 20% past the committed figures.
        if [[ $mode == quick ]]; then
            exec /usr/bin/python3 benchmarks/compile_time.py --check
        else
            exec /usr/bin/python3 benchmarks/compile_time.py --update-doc
        fi
        ;;
    fuzz)
        ensure_packages "${DEPS_BASE[@]}" "${DEPS_TEST[@]}"
        exec tests/fuzz/run.sh "${1:-60}"
        ;;
    help | -h | --help)
        sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
        ;;
    *)
        die "unknown command '$cmd' (try ./run.sh help)"
        ;;
esac
