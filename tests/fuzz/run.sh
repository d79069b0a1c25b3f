#!/usr/bin/env bash
# Builds the libFuzzer harnesses (buffers::Vector against std::vector, buffers::Deque against
# std::deque) and runs them, one after the other.
#   tests/fuzz/run.sh [seconds] [extra libFuzzer flags...]
# Builds into build/fuzz (only when a source or header changed), fuzzes each harness for the
# given time (default 60 s) starting from the committed corpora, and keeps what it learns in
# build/fuzz/corpus-<harness>. A crash leaves its input in build/fuzz/ and exits non-zero;
# replay it with
#   build/fuzz/deque_fuzz build/fuzz/crash-<hash>        (FZ_TRACE=1 prints each step)
# FUZZ_TARGET=vector or deque runs only that harness (default: both);
# FUZZ_JOBS=N runs N processes in parallel (default 1); FUZZ_SEED=N fixes the random seed.
#
# Committed corpora: tests/fuzz/corpus (Vector's seeds and findings) and tests/fuzz/corpus-deque
# (Deque's findings). Both harnesses decode an input the same way, so each starts from both
# directories: every finding is replayed first by every run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
seconds=${1:-60}
[[ $# -gt 0 ]] && shift
[[ $seconds =~ ^[0-9]+$ ]] || { echo "fuzz: seconds must be a number, not '$seconds'" >&2; exit 2; }

CXX=${FUZZ_CXX:-clang++-14}
command -v "$CXX" >/dev/null || { echo "fuzz: $CXX not found (apt-get install clang-14 libclang-rt-14-dev)" >&2; exit 1; }

targets=${FUZZ_TARGET:-vector deque}
for target in $targets; do
    [[ $target == vector || $target == deque ]] || { echo "fuzz: FUZZ_TARGET must be vector or deque, not '$target'" >&2; exit 2; }
done

out=build/fuzz
mkdir -p "$out"
flags=(-std=c++20 -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined
       -fno-sanitize-recover=all -Wall -Wextra -Werror -I include -I tests)

# Rebuilds $out/<target>_fuzz when its source, the shared harness, a library header or the test
# helper it uses is newer than the binary. A harness compiles as seven parts (one per element
# type, plus the entry point) in parallel.
build() {
    local target=$1 bin=$out/${1}_fuzz src=tests/fuzz/${1}_fuzz.cpp
    if [[ -x $bin ]] && [[ -z $(find "$src" tests/fuzz/harness.hpp include tests/support/single_pass.hpp -newer "$bin" -print -quit) ]]; then
        return 0
    fi
    echo "==> building $bin"
    local start=$SECONDS pids=() part def failed=0
    for part in entry 0 1 2 3 4 5; do
        def=()
        [[ $part != entry ]] && def=(-DFZ_PART="$part")
        "$CXX" "${flags[@]}" "${def[@]}" -c "$src" -o "$out/$target-part-$part.o" &
        pids+=($!)
        # At most $(nproc) compilers at once.
        while [[ $(jobs -rp | wc -l) -ge $(nproc) ]]; do wait -n || true; done
    done
    for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
    [[ $failed -eq 0 ]] || { echo "fuzz: build of $target failed" >&2; exit 1; }
    "$CXX" "${flags[@]}" "$out/$target"-part-*.o -o "$bin.tmp"
    mv "$bin.tmp" "$bin"
    echo "==> built in $((SECONDS - start)) s"
}

for target in $targets; do
    build "$target"
done

jobs=${FUZZ_JOBS:-1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
cd "$out"
for target in $targets; do
    echo "==> fuzzing $target for ${seconds}s ($jobs job(s)), seeds from tests/fuzz/corpus and tests/fuzz/corpus-deque"
    mkdir -p "corpus-$target"
    args=(-max_total_time="$seconds" -max_len=4096 -timeout=20 -rss_limit_mb=2048
          -print_final_stats=1 -artifact_prefix=./)
    # FUZZ_SEED=N fixes libFuzzer's random seed (CI does, so that its run is reproducible).
    [[ -n ${FUZZ_SEED:-} ]] && args+=(-seed="$FUZZ_SEED")
    args+=("$@" "corpus-$target" "$ROOT/tests/fuzz/corpus" "$ROOT/tests/fuzz/corpus-deque")
    if [[ $jobs -gt 1 ]]; then
        args=(-jobs="$jobs" -workers="$jobs" "${args[@]}")
    fi
    "./${target}_fuzz" "${args[@]}"
done
