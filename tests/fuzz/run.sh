#!/usr/bin/env bash
# Builds the libFuzzer harness for buffers::Vector and runs it.
#   tests/fuzz/run.sh [seconds] [extra libFuzzer flags...]
# Builds into build/fuzz (only when a source or header changed), fuzzes for the given time
# (default 60 s) starting from the committed seed corpus, and keeps what it learns in
# build/fuzz/corpus. A crash leaves its input in build/fuzz/ and exits non-zero; replay it with
#   build/fuzz/vector_fuzz build/fuzz/crash-<hash>
# FUZZ_JOBS=N runs N processes in parallel (default 1); FUZZ_SEED=N fixes the random seed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
seconds=${1:-60}
[[ $# -gt 0 ]] && shift
[[ $seconds =~ ^[0-9]+$ ]] || { echo "fuzz: seconds must be a number, not '$seconds'" >&2; exit 2; }

CXX=${FUZZ_CXX:-clang++-14}
command -v "$CXX" >/dev/null || { echo "fuzz: $CXX not found (apt-get install clang-14 libclang-rt-14-dev)" >&2; exit 1; }

out=build/fuzz
bin=$out/vector_fuzz
src=tests/fuzz/vector_fuzz.cpp
mkdir -p "$out/corpus"

# Rebuild when the harness, a library header or the test helper it uses is newer than the
# binary. The harness
# compiles as seven parts (one per element type, plus the entry point) in parallel.
flags=(-std=c++20 -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined
       -fno-sanitize-recover=all -Wall -Wextra -Werror -I include -I tests)
if [[ ! -x $bin ]] || [[ -n $(find "$src" include tests/support/single_pass.hpp -newer "$bin" -print -quit) ]]; then
    echo "==> building $bin"
    start=$SECONDS
    pids=()
    for part in entry 0 1 2 3 4 5; do
        def=()
        [[ $part != entry ]] && def=(-DFZ_PART="$part")
        "$CXX" "${flags[@]}" "${def[@]}" -c "$src" -o "$out/part-$part.o" &
        pids+=($!)
        # At most $(nproc) compilers at once.
        while [[ $(jobs -rp | wc -l) -ge $(nproc) ]]; do wait -n || true; done
    done
    failed=0
    for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
    [[ $failed -eq 0 ]] || { echo "fuzz: build failed" >&2; exit 1; }
    "$CXX" "${flags[@]}" "$out"/part-*.o -o "$bin.tmp"
    mv "$bin.tmp" "$bin"
    echo "==> built in $((SECONDS - start)) s"
fi

jobs=${FUZZ_JOBS:-1}
echo "==> fuzzing for ${seconds}s ($jobs job(s)), seeds from tests/fuzz/corpus"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
cd "$out"
args=(-max_total_time="$seconds" -max_len=4096 -timeout=20 -rss_limit_mb=2048
      -print_final_stats=1 -artifact_prefix=./)
# FUZZ_SEED=N fixes libFuzzer's random seed (CI does, so that its run is reproducible).
[[ -n ${FUZZ_SEED:-} ]] && args+=(-seed="$FUZZ_SEED")
args+=("$@" corpus "$ROOT/tests/fuzz/corpus")
if [[ $jobs -gt 1 ]]; then
    args=(-jobs="$jobs" -workers="$jobs" "${args[@]}")
fi
exec ./vector_fuzz "${args[@]}"
